"""Upgrading libraries made by every earlier schema version, with every row intact.

tests/fixtures/schemas/library-v<N>.sqlite3 was made by make_library.py while N was
the current version; a new schema version adds its own file and a step in migrations.py.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.core.storage import migrations
from desktop_app.core.storage.article_order import source_key, title_key
from desktop_app.core.storage.database import SCHEMA_VERSION, Database, DatabaseError
from desktop_app.core.storage.models import Article

pytestmark = pytest.mark.sqlite_only(
    "upgrades SQLite files made by every earlier schema (server upgrades: tests/postgres/test_server_migrations.py)")

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "schemas"
OLD_VERSIONS = sorted(int(p.stem.split("-v")[1]) for p in FIXTURES.glob("library-v*.sqlite3"))
USER_TABLES = ("articles", "tags", "highlights", "highlight_tags", "segmentations", "app_state",
               "taggings", "rejected_suggestions", "article_memos", "attributes", "attribute_values",
               "article_codes", "coders", "highlight_counts")


def rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of each user table the file has (older versions lack the newer tables)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        found = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                 for t in USER_TABLES if t in present}
    # v12 records the engine its what-needs-segmenting table was filled for (nlp/pending.py).
    found["app_state"] = [r for r in found["app_state"] if not r[0].startswith("nlp:pending:")]
    return found


def columns(path: Path) -> dict[str, list[tuple]]:
    """Each table's columns as (name, type, notnull, default, pk), and its indexes."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY 1")]
        out = {t: [tuple(r[1:]) for r in conn.execute(f"PRAGMA table_info({t})")] for t in tables}
        out["foreign keys"] = sorted((t, *r[2:7]) for t in tables
                                     for r in conn.execute(f"PRAGMA foreign_key_list({t})"))
        out["primary keys"] = [(t, r[1], r[5]) for t in tables
                               for r in conn.execute(f"PRAGMA table_info({t})") if r[5]]
        out["indexes"] = conn.execute(
            "SELECT name, tbl_name FROM sqlite_master WHERE type='index' ORDER BY 1").fetchall()
        # Expression indexes and triggers (v9): the same columns and the same statements.
        out["index columns"] = [(name, tuple(r[2] for r in conn.execute(f"PRAGMA index_xinfo({name})")))
                                for (name, _t) in out["indexes"]]
        out["triggers"] = [(name, " ".join(sql.split())) for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='trigger' ORDER BY 1")]
        return out


@pytest.fixture(params=OLD_VERSIONS, ids=lambda v: f"v{v}")
def old_library(request, tmp_path) -> tuple[int, Path]:
    path = tmp_path / f"library-v{request.param}.sqlite3"
    shutil.copy(FIXTURES / path.name, path)
    return request.param, path


def test_there_is_a_fixture_for_every_earlier_version():
    assert OLD_VERSIONS == list(range(1, SCHEMA_VERSION)), "make_library.py a fixture per version"


def test_upgrade_keeps_every_row_and_writes_a_backup_first(old_library):
    version, path = old_library
    before = rows(path)
    assert sum(len(v) for v in before.values()) >= 50
    db = Database.open(path)
    try:
        assert db.upgraded is not None
        old, backup = db.upgraded
        assert old == version and backup.parent == path.parent
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA user_version").scalar() == SCHEMA_VERSION
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.close()
    after = rows(path)
    assert set(after) == set(USER_TABLES)
    for table in before:
        # Old columns keep their values; new columns are appended with defaults.
        assert [r[: len(b)] for r, b in zip(after[table], before[table], strict=False)] == before[table], table
        # v7 added the parents nested tags lacked as tags of their own (tag_paths): "Cán bộ"
        # for "Cán bộ/Đào tạo", and from v6 on "Thể loại" for a whole-article code.
        added = [r[1] for r in after[table][len(before[table]):]]
        parents = (["Cán bộ"] + (["Thể loại"] if version >= 6 else [])) if version < 7 else []
        assert added == (parents if table == "tags" else []), table
    # The backup is the old library, as it was, still openable as that version.
    assert rows(backup) == before
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == version


def test_an_upgraded_library_has_the_schema_of_a_new_one(old_library, tmp_path):
    _version, path = old_library
    Database.open(path).close()
    fresh = tmp_path / "fresh.sqlite3"
    Database.open(fresh).close()
    assert columns(path) == columns(fresh)


def test_work_from_before_coders_belongs_to_one_first_coder(old_library):
    from desktop_app.core.library.coders import list_coders
    from desktop_app.core.storage.migrations import first_coder_name

    version, path = old_library
    db = Database.open(path)
    try:
        coders = list_coders(db)
        with db.engine.connect() as conn:
            owners = {t: {r[0] for r in conn.exec_driver_sql(f"SELECT DISTINCT coder_id FROM {t}")}
                      for t in ("highlights", "article_codes", "article_memos")}
    finally:
        db.close()
    if version < 8:
        assert [(c.id, c.name) for c in coders] == [(1, first_coder_name())]
        assert coders[0].highlights == 20
        assert owners == {"highlights": {1}, "article_codes": {1} if version >= 6 else set(),
                          "article_memos": {1} if version >= 5 else set()}


def test_the_upgraded_library_works_through_the_app(old_library):
    from desktop_app.core.annotate.highlights import AnnotationService
    from desktop_app.core.library.articles import list_articles

    _version, path = old_library
    with sqlite3.connect(path) as conn:
        highlights = conn.execute("SELECT count(*) FROM highlights").fetchone()[0]
    assert highlights >= 20  # v8 on: a second coder's too
    db = Database.open(path)
    try:
        articles = list_articles(db)
        assert len(articles) == 5 and sum(a.highlight_count for a in articles) == highlights
        service = AnnotationService(db)
        info = service.create_highlight(articles[0].id, 0, 4, ["Mới"])
        assert [h.id for h in service.highlights_for_article(articles[0].id)].count(info.id) == 1
        # The upgrade filled the counts and the sort keys (the same as the app's own).
        assert list_articles(db, articles[0].id)[0].highlight_count == articles[0].highlight_count + 1
        with db.session() as s:
            keys = s.execute(select(Article.title, Article.source, Article.title_key, Article.source_key)).all()
        assert keys and all(tk == title_key(t) and sk == source_key(src) for t, src, tk, sk in keys)
    finally:
        db.close()
    # Opening again does not upgrade again.
    again = Database.open(path)
    assert again.upgraded is None
    again.close()


def test_a_failing_step_rolls_back_everything(old_library, monkeypatch):
    version, path = old_library
    before = rows(path)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE articles ADD COLUMN half_done TEXT")
        conn.execute("DELETE FROM tags")  # would cascade if foreign keys were on
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setitem(migrations.STEPS, SCHEMA_VERSION, broken)
    with pytest.raises(DatabaseError, match="could not be upgraded.*left as it was"):
        Database.open(path)
    assert rows(path) == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == version
        assert "half_done" not in [r[1] for r in conn.execute("PRAGMA table_info(articles)")]


def test_a_step_that_breaks_references_is_refused(old_library, monkeypatch):
    """Foreign keys are off during an upgrade (a rebuild must not cascade), so the
    check before commit is what stops a step that orphans rows."""
    version, path = old_library
    before = rows(path)

    def orphaning(conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM tags")  # with foreign keys off: highlight_tags dangle

    monkeypatch.setitem(migrations.STEPS, SCHEMA_VERSION, orphaning)
    with pytest.raises(DatabaseError, match="broken references"):
        Database.open(path)
    assert rows(path) == before


def test_a_table_rebuild_with_foreign_keys_off_keeps_child_rows(old_library, monkeypatch):
    """The rebuild DESIGN.md warns about: with foreign keys on, dropping the old table
    would cascade and delete every highlight's tags."""
    _version, path = old_library
    before = rows(path)
    real_step = migrations.STEPS[SCHEMA_VERSION]

    def rebuild_tags(conn: sqlite3.Connection) -> None:
        real_step(conn)
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name='tags'").fetchone()[0]
        conn.execute(sql.replace("CREATE TABLE tags", "CREATE TABLE tags_new", 1))
        conn.execute("INSERT INTO tags_new SELECT * FROM tags")
        conn.execute("DROP TABLE tags")
        conn.execute("ALTER TABLE tags_new RENAME TO tags")

    monkeypatch.setitem(migrations.STEPS, SCHEMA_VERSION, rebuild_tags)
    Database.open(path).close()
    after = rows(path)
    assert after["highlight_tags"] == before["highlight_tags"]
    # The old columns of the old rows (a later step may append columns: v14 row_version).
    assert [r[: len(b)] for r, b in zip(after["tags"], before["tags"], strict=False)] == before["tags"]


def test_read_only_old_library_is_refused_untouched(old_library):
    _version, path = old_library
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="older version.*read-only"):
        Database.open(path, read_only=True)
    assert path.read_bytes() == before


def test_restoring_an_old_backup_upgrades_it(old_library, db):
    from desktop_app.core.library.articles import list_articles

    version, path = old_library
    safety = db.restore_from(path)
    assert safety.exists() and db.upgraded is not None and db.upgraded[0] == version
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA user_version").scalar() == SCHEMA_VERSION
    with sqlite3.connect(path) as conn:  # the restored copy is untouched
        highlights = conn.execute("SELECT count(*) FROM highlights").fetchone()[0]
    assert highlights >= 20 and sum(a.highlight_count for a in list_articles(db)) == highlights
    assert rows(path) == rows(FIXTURES / path.name)  # the backup file itself is not changed


def test_upgraded_highlights_are_all_anchored(old_library):
    """v3 added highlights.orphaned: every highlight made before it is anchored (0)."""
    from desktop_app.core.annotate.highlights import AnnotationService
    from desktop_app.core.library.articles import list_articles

    version, path = old_library
    before = rows(path)["highlights"]
    if version >= 3:  # the column is there already: compare without it
        before = [r[:10] for r in before]
    db = Database.open(path)
    try:
        service = AnnotationService(db)
        articles = list_articles(db)
        assert sum(len(service.highlights_for_article(a.id)) for a in articles) == len(before)
        assert all(service.orphans_for_article(a.id) == [] for a in articles)
    finally:
        db.close()
    after = rows(path)["highlights"]
    assert [r[10] for r in after] == [0] * len(before)  # orphaned (v3); coder_id (v8) after it
    assert [r[:10] for r in after] == [r[:10] for r in before]


def test_v4_adds_empty_tagging_tables_that_work_through_the_app(old_library):
    """v4 added taggings (parts of speech, entity suggestions) and rejected_suggestions:
    empty after an upgrade, usable at once, and emptied with their article."""
    from desktop_app.core.library.articles import article_text, list_articles
    from desktop_app.core.nlp import pos_ner as tagging

    version, path = old_library
    db = Database.open(path)
    try:
        article = list_articles(db)[0]
        text = article_text(db, article.id)
        if version >= 4:  # made with a tagging row and a rejection: both kept
            with db.engine.begin() as conn:
                rejected = conn.exec_driver_sql("SELECT label, quote FROM rejected_suggestions").all()
                assert rejected == [("ORG", "Đảng")]
                tagged = conn.exec_driver_sql("SELECT article_id FROM taggings").scalars().all()
                assert tagged == [article.id]
                conn.exec_driver_sql("DELETE FROM taggings")
                conn.exec_driver_sql("DELETE FROM rejected_suggestions")
        with db.engine.connect() as conn:
            for table in ("taggings", "rejected_suggestions"):
                assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == 0
        assert tagging.load_pos(db, article.id) is None
        assert tagging.load_entities(db, article.id) is None
        start = text.index("Đảng")
        assert tagging.save_tags(db, article.id, text, [(start, start + 4, "Np")],
                                 [(start, start + 4, "ORG")])
        assert tagging.load_pos(db, article.id) == [(start, start + 4, "Np")]
        assert tagging.reject(db, article.id, start, start + 4, "ORG")
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM articles WHERE id = ?", (article.id,))
            for table in ("taggings", "rejected_suggestions"):
                assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == 0
    finally:
        db.close()


def test_v5_adds_article_memos_that_work_through_the_app(old_library):
    """v5 added article_memos: empty after an upgrade, a memo is saved and read back after
    reopening, survives a re-import of the text, and goes with its article."""
    from desktop_app.core.library.articles import article_text, list_articles
    from desktop_app.core.library.memos import get_memo, memos_by_article, set_memo
    from desktop_app.core.library.reimport import replace_text

    version, path = old_library
    db = Database.open(path)
    try:
        if version >= 5:  # made with three memos: kept, then cleared for the checks below
            second_coder = ["memo của người hai"] if version >= 8 else []  # v8 on: made with two coders
            assert sorted(memos_by_article(db).values()) == [
                "=1+1", "memo 0\ndòng hai: Đảng, cán bộ", "memo 2\ndòng hai: Đảng, cán bộ", *second_coder]
            with db.engine.begin() as conn:
                conn.exec_driver_sql("DELETE FROM article_memos")
        assert memos_by_article(db) == {}
        first, second = [a.id for a in list_articles(db)[:2]]
        assert set_memo(db, first, "Bài này: Đảng 😀\nhai dòng")
        set_memo(db, second, "=1+1")
    finally:
        db.close()
    db = Database.open(path)
    try:
        assert db.upgraded is None
        assert get_memo(db, first) == "Bài này: Đảng 😀\nhai dòng"
        replace_text(db, first, article_text(db, first) + "\nĐoạn mới.", "raw")
        assert get_memo(db, first) == "Bài này: Đảng 😀\nhai dòng"
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM articles WHERE id = ?", (first,))
            left = conn.exec_driver_sql("SELECT article_id FROM article_memos").scalars().all()
            assert first not in left and second in left
    finally:
        db.close()


def test_v6_adds_attributes_and_article_codes_that_work_through_the_app(old_library):
    """v6 added attributes, attribute_values and article_codes (and indexed highlight_tags by
    tag and highlight): empty after an upgrade, usable at once, emptied with their article."""
    from desktop_app.core.library.article_codes import article_codes
    from desktop_app.core.library.articles import list_articles
    from desktop_app.core.library.attributes import article_attributes
    from desktop_app.core.operations.editor import Operations

    version, path = old_library
    if version >= 6:
        pytest.skip("made at v6: it has attributes already (the v6 step is what is tested)")
    db = Database.open(path)
    try:
        with db.engine.connect() as conn:
            for table in ("attributes", "attribute_values", "article_codes"):
                assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == 0
        ops = Operations(db)
        first, second = [a.id for a in list_articles(db)[:2]]
        ops.set_attribute_values("Số trang", [first, second], "12")
        ops.code_articles([first], add=["Tổ chức"])
    finally:
        db.close()
    db = Database.open(path)
    try:
        assert db.upgraded is None
        assert article_attributes(db)[first]["Số trang"] == 12
        assert article_codes(db) == {first: ["Tổ chức"]}
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM articles WHERE id = ?", (first,))
            assert conn.exec_driver_sql("SELECT article_id FROM attribute_values").scalars().all() == [second]
            assert conn.exec_driver_sql("SELECT count(*) FROM article_codes").scalar() == 0
    finally:
        db.close()


def test_v7_gives_every_nested_tag_its_parents(tmp_path):
    """Libraries from before v7 have nested tags without their parents; the upgrade adds
    each missing one once, outermost first, coloured as the first tag under it."""
    path = tmp_path / "library-v5.sqlite3"
    shutil.copy(FIXTURES / path.name, path)
    with sqlite3.connect(path) as conn:
        conn.executemany("INSERT INTO tags (name, color, description, created_at) VALUES (?, ?, '', '2024-01-01')",
                         [("Đảng/Tổ chức/Ban", "#111111"), ("Đảng/Tổ chức/Hội", "#222222"),
                          ("Tổ chức/Cơ sở", "#333333"), ("x // y", "#444444")])
    db = Database.open(path)
    db.close()
    with sqlite3.connect(path) as conn:
        tags = dict(conn.execute("SELECT name, color FROM tags").fetchall())
        order = [r[0] for r in conn.execute("SELECT name FROM tags ORDER BY id")]
    assert {n: tags[n] for n in ("Cán bộ", "Đảng", "Đảng/Tổ chức", "x")} == {
        "Cán bộ": tags["Cán bộ/Đào tạo"], "Đảng": "#111111", "Đảng/Tổ chức": "#111111", "x": "#444444"}
    assert order.index("Đảng") < order.index("Đảng/Tổ chức")
    assert len(order) == len(set(order)) == 3 + 4 + 4  # "Tổ chức" was there already


def test_v13_indexes_what_an_import_looks_up(tmp_path):
    """Upgrading a v12 library creates the indexes an import's lookups use (ingest/origins.py)."""
    from desktop_app.core.storage.origin_indexes import SOURCE_NAME, URL_KEY

    path = tmp_path / "library-v12.sqlite3"
    shutil.copy(FIXTURES / path.name, path)
    Database.open(path).close()
    lookups = {"ix_articles_source_path": "source_path IS NOT NULL AND source_path IN (?, ?)",
               "ix_articles_source_name": f"source_path IS NOT NULL AND ({SOURCE_NAME}) IN (?)",
               "ix_articles_url_key": f"url IS NOT NULL AND ({URL_KEY}) IN (?)"}
    with sqlite3.connect(path) as conn:
        for index, where in lookups.items():
            plan = [r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN SELECT id FROM articles WHERE {where}",
                                               ("a",) * where.count("?"))]
            assert len(plan) == 1 and plan[0].startswith("SEARCH articles USING "), plan
            assert f"INDEX {index} (" in plan[0], plan
        # The stored seed paths are found by their file names through the new index.
        (named,) = conn.execute(f"SELECT count(*) FROM articles WHERE source_path IS NOT NULL"
                                f" AND ({SOURCE_NAME}) IN (?)", ("000_7b293d3b0bbee234.txt",)).fetchone()
        assert named == 1
