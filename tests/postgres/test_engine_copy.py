"""publish (a library file onto an empty PostgreSQL database) and a server library's backup
into a new file (storage/engine_copy.py), on a real server: the round trip keeps every
copied table, row for row, and refusals and failures leave nothing behind."""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, func, inspect, select, text

from desktop_app import paths
from desktop_app.cli.main import main
from desktop_app.core.analysis.passages import PassageQuery, passages_page
from desktop_app.core.analysis.search import search
from desktop_app.core.library.article_list import list_page
from desktop_app.core.library.articles import set_state
from desktop_app.core.library.coders import use_coder
from desktop_app.core.library.ingest.importer import import_paths
from desktop_app.core.library.memos import set_memo
from desktop_app.core.nlp import word_index
from desktop_app.core.nlp.pos_ner import articles_to_tag
from desktop_app.core.nlp.stored import articles_to_segment, save_segmentation
from desktop_app.core.operations.editor import Operations
from desktop_app.core.progress import Cancelled, Progress
from desktop_app.core.storage.database import SCHEMA_VERSION, Database
from desktop_app.core.storage.engine_copy import (
    EXISTS,
    FAILED,
    NOT_EMPTY,
    NOT_POSTGRES,
    UNREACHABLE,
    CopyError,
    backup_to_file,
    publish,
)
from desktop_app.core.storage.location import open_library
from desktop_app.core.storage.models import Highlight
from desktop_app.core.storage.table_hashes import TableSummary, copied_tables, summaries
from desktop_app.core.text.spans import TextSpan
from tests.core.analysis_library import TEXT_A, coded_library

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def rich_library(path: Path) -> tuple[Database, dict[str, int]]:
    """Seed articles, the coded sample (tags, highlights with notes, attributes, whole-article
    codes), a second coder's highlight, memos, a segmentation, an orphaned highlight, state."""
    db = Database.open(path)
    assert len(import_paths(db, sorted(SEEDS.glob("*.txt")), workers=1).imported) == 5
    ops, art = coded_library(db)
    use_coder(db, "Lan")
    lan = Operations(db).create_highlight(art["B"], TextSpan(0, 7), ["Đại hội"], "của Lan").value.id
    set_memo(db, art["A"], "Ghi nhớ: bài này bàn về cán bộ trẻ.")
    spans = [m.span() for m in re.finditer(r"\w+|[^\w\s]", TEXT_A)]
    assert save_segmentation(db, art["A"], TEXT_A, spans)
    set_state(db, "publish-test", "giá trị")
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE highlights SET orphaned = 1 WHERE id = :i"), {"i": lan})
    return db, art


def file_summaries(path: Path) -> dict[str, TableSummary]:
    db = Database.open(path, read_only=True)
    try:
        with db.engine.connect() as conn:
            return summaries(conn, copied_tables())
    finally:
        db.close()


def table_names(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return inspect(conn).get_table_names()
    finally:
        engine.dispose()


def what_it_shows(db: Database) -> tuple:
    listed = [(a.title, a.source, a.published, a.highlight_count) for a in list_page(db, None, 0, -1)]
    found, page = passages_page(db, PassageQuery(("Cán bộ",)))
    return sorted(listed), [(p.title, p.start, p.end, p.quote, p.tags) for p in page], len(found.ids)


def test_publish_then_backup_round_trips_every_table(tmp_path: Path, postgres_database_url: str) -> None:
    db, art = rich_library(tmp_path / "lib.sqlite3")
    try:
        shown = what_it_shows(db)
        # What needs segmenting: the file keeps it (and records its engines in app_state).
        to_do = (articles_to_segment(db), articles_to_tag(db))
        assert art["A"] not in to_do[0] and len(to_do[0]) == 7 and len(to_do[1]) == 8
        published = publish(db, postgres_database_url)
    finally:
        db.close()
    assert all(t.matches for t in published.tables)
    counts = {t.table: t.target.rows for t in published.tables}
    assert counts["articles"] == 8 and counts["segmentations"] == 1 and counts["coders"] == 2
    assert counts["article_memos"] == 1 and counts["attribute_values"] > 0 and counts["article_codes"] > 0
    assert "word_index_articles" in published.not_copied

    server = open_library(postgres_database_url)
    try:
        assert what_it_shows(server) == shown
        assert (articles_to_segment(server), articles_to_tag(server)) == to_do  # the full query
        # The sequences were moved past the copied ids: a new highlight takes a new one.
        with server.session() as s:
            largest = s.scalar(select(func.max(Highlight.id)))
        ops = Operations(server)
        assert ops.create_highlight(art["C"], TextSpan(0, 3), ["Mới"]).value.id > largest
        ops.history.undo()
        copy = tmp_path / "back.sqlite3"
        result = backup_to_file(server, copy)
    finally:
        server.close()
    assert all(t.matches for t in result.tables) and result.rebuilt == ("highlight_counts",)

    before, after = file_summaries(tmp_path / "lib.sqlite3"), file_summaries(copy)
    assert set(before) == set(after) and "highlight_counts" in before
    for name in before:
        assert after[name] == before[name], name
    assert not list(tmp_path.glob(".*partial*"))

    restored = Database.open(copy)
    try:
        with restored.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA user_version").scalar_one() == SCHEMA_VERSION
        assert what_it_shows(restored) == shown
        with restored.engine.connect() as conn:  # refilled for the engines app_state came with
            kept = conn.exec_driver_sql("SELECT kind, article_id FROM nlp_pending ORDER BY 1, 2").fetchall()
        assert kept == [("s", i) for i in to_do[0]] + [("t", i) for i in to_do[1]]
        assert (articles_to_segment(restored), articles_to_tag(restored)) == to_do
        assert search(restored, "cán bộ")  # the search index is built on the first search
        assert word_index.pending(restored) == 1  # the word index: from the segmentation's queue
        assert word_index.build(restored) == 1
    finally:
        restored.close()


def test_publish_into_a_library_the_app_just_made_empty(tmp_path: Path, postgres_database_url: str) -> None:
    open_library(postgres_database_url).close()  # schema and its first coder, nothing else
    db, _art = rich_library(tmp_path / "lib.sqlite3")
    try:
        result = publish(db, postgres_database_url)
    finally:
        db.close()
    assert {t.table: t.target.rows for t in result.tables}["coders"] == 2


def test_publish_refuses_a_database_that_is_not_empty(tmp_path: Path, postgres_database_url: str) -> None:
    db, _art = rich_library(tmp_path / "lib.sqlite3")
    try:
        publish(db, postgres_database_url)
        before = _server_counts(postgres_database_url)
        with pytest.raises(CopyError) as refused:
            publish(db, postgres_database_url)
    finally:
        db.close()
    assert refused.value.kind == NOT_EMPTY and "8 rows in articles" in str(refused.value)
    assert _server_counts(postgres_database_url) == before


def test_publish_refuses_foreign_tables(tmp_path: Path, postgres_database_url: str) -> None:
    with psycopg.connect(postgres_database_url.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute("CREATE TABLE other (x integer)")
    db = Database.open(tmp_path / "lib.sqlite3")
    try:
        with pytest.raises(CopyError) as refused:
            publish(db, postgres_database_url)
    finally:
        db.close()
    assert refused.value.kind == NOT_EMPTY and "no Chú Giải library" in str(refused.value)
    assert table_names(postgres_database_url) == ["other"]


@pytest.mark.parametrize(("url", "kind"), [
    ("sqlite:///lib.sqlite3", NOT_POSTGRES),
    ("mysql://u@localhost/db", NOT_POSTGRES),
    ("postgresql://nobody@127.0.0.1:1/none", UNREACHABLE),
])
def test_publish_refuses_what_is_no_server(tmp_path: Path, url: str, kind: str) -> None:
    db = Database.open(tmp_path / "lib.sqlite3")
    try:
        with pytest.raises(CopyError) as refused:
            publish(db, url)
    finally:
        db.close()
    assert refused.value.kind == kind


def test_a_failure_half_way_leaves_the_server_database_empty(tmp_path: Path, postgres_database_url: str) -> None:
    db, art = rich_library(tmp_path / "lib.sqlite3")
    # A value SQLite keeps and the server refuses: segmentations.text_hash is String(64),
    # a length only PostgreSQL enforces. Segmentations come after articles and highlights.
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE segmentations SET text_hash = :h"), {"h": "f" * 65})
    try:
        with pytest.raises(CopyError) as failed:
            publish(db, postgres_database_url)
    finally:
        db.close()
    assert failed.value.kind == FAILED and "too long" in str(failed.value)
    assert table_names(postgres_database_url) == []  # the schema was rolled back with the rows


def test_backup_refuses_an_existing_file(tmp_path: Path, postgres_database_url: str) -> None:
    target = tmp_path / "there.sqlite3"
    target.write_bytes(b"mine")
    server = open_library(postgres_database_url)
    try:
        with pytest.raises(CopyError) as refused:
            backup_to_file(server, target)
    finally:
        server.close()
    assert refused.value.kind == EXISTS and target.read_bytes() == b"mine"


def test_the_commands(tmp_path: Path, postgres_database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "publish", postgres_database_url]) == 2
    assert "there is no library at" in capsys.readouterr().err and not data.exists()
    db, _art = rich_library(paths.database_path(data))
    db.close()
    assert main(["--data-dir", str(data), "publish", postgres_database_url]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^articles +8  [0-9a-f]{64}$", out, re.M) and "verified: " in out
    assert "builds its own indexes" in out
    assert main(["--data-dir", str(data), "publish", postgres_database_url]) == 1
    assert "already holds a library" in capsys.readouterr().err
    assert main(["--data-dir", str(data), "publish", "sqlite:///x"]) == 1
    assert "not a PostgreSQL URL" in capsys.readouterr().err

    target = tmp_path / "copy.sqlite3"
    assert main(["--library", postgres_database_url, "backup", str(target)]) == 0
    out = capsys.readouterr().out
    assert "backed up the library to" in out and re.search(r"^articles +8  [0-9a-f]{64}$", out, re.M)
    stamp = target.stat().st_mtime_ns
    assert main(["--library", postgres_database_url, "backup", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err and target.stat().st_mtime_ns == stamp
    assert main(["--library", postgres_database_url, "backup", str(target), "--replace"]) == 0
    assert file_summaries(target) == file_summaries(paths.database_path(data))


def _server_counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t.name: conn.execute(text(f'SELECT count(*) FROM "{t.name}"')).scalar_one()
                    for t in copied_tables()}
    finally:
        engine.dispose()


def test_sslmode_in_the_url_reaches_the_driver(tmp_path: Path, postgres_database_url: str) -> None:
    # The test server has no SSL: `require` is refused by libpq itself, `disable` works.
    db = Database.open(tmp_path / "lib.sqlite3")
    try:
        with pytest.raises(CopyError) as refused:
            publish(db, postgres_database_url + "?sslmode=require")
        assert refused.value.kind == UNREACHABLE and "SSL" in str(refused.value)
        assert publish(db, postgres_database_url + "?sslmode=disable").tables
    finally:
        db.close()
    open_library(postgres_database_url + "?sslmode=disable").close()


def cancelled_after_first_batch() -> Progress:
    """A progress the user cancels once rows were written: the copy stops mid-way."""
    def report(done: int, total: int, note: str) -> None:
        if done:
            progress.cancel()
    progress = Progress(report)
    return progress


def test_a_cancelled_publish_leaves_the_database_empty(tmp_path: Path, postgres_database_url: str) -> None:
    db, _art = rich_library(tmp_path / "lib.sqlite3")
    try:
        with pytest.raises(Cancelled):
            publish(db, postgres_database_url, cancelled_after_first_batch())
    finally:
        db.close()
    assert table_names(postgres_database_url) == []


def test_a_backup_stopped_half_way_leaves_no_file(tmp_path: Path, postgres_database_url: str) -> None:
    db, _art = rich_library(tmp_path / "lib.sqlite3")
    try:
        publish(db, postgres_database_url)
    finally:
        db.close()
    server = open_library(postgres_database_url)
    target = tmp_path / "out" / "copy.sqlite3"
    target.parent.mkdir()
    try:
        with pytest.raises(Cancelled):
            backup_to_file(server, target, progress=cancelled_after_first_batch())
    finally:
        server.close()
    assert list(target.parent.iterdir()) == []
