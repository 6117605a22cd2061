"""highlight_counts on a server library (server_triggers.py): after every kind of highlight
change, through the core operations and the bulk paths, the kept counts equal a GROUP BY
over the highlights, and the library list shows what a SQLite library shows for the same
operations. Also: a library made before the triggers gets them (and a recount) on open,
and publish lets the triggers count instead of copying the table."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select, text, update

from desktop_app.core.annotate.records import NewHighlight
from desktop_app.core.library.article_list import count_listed, list_page
from desktop_app.core.library.articles import LibraryFilter
from desktop_app.core.operations.editor import Operations
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.engine_copy import publish
from desktop_app.core.storage.location import open_library
from desktop_app.core.storage.models import Highlight, Tag
from desktop_app.core.storage.server_triggers import count_triggers_present
from desktop_app.core.text.spans import TextSpan
from tests.core.analysis_library import add_article

TEXT = "một hai ba bốn năm sáu bảy tám chín mười " * 30


def kept(db: Database) -> dict[int, int]:
    with db.engine.connect() as conn:
        return {a: n for a, n in conn.execute(text("SELECT article_id, n FROM highlight_counts"))}


def counted(db: Database) -> dict[int, int]:
    with db.engine.connect() as conn:
        return {a: n for a, n in conn.execute(text(
            "SELECT article_id, count(*) FROM highlights GROUP BY article_id"))}


def shown(db: Database) -> tuple:
    """What the list shows: (title, count) per row, and the annotated filter's titles."""
    rows = [(a.title, a.highlight_count) for a in list_page(db, LibraryFilter(sort="title"), 0, -1)]
    annotated = [a.title for a in list_page(db, LibraryFilter(sort="title", annotated=True), 0, -1)]
    plain = [a.title for a in list_page(db, LibraryFilter(sort="title", annotated=False), 0, -1)]
    return rows, annotated, plain, count_listed(db, LibraryFilter(annotated=True))


def _move_one(db: Database, ops: Operations, art: dict[str, int]) -> None:
    with db.session() as s:  # no operation moves a highlight between articles: the merge code's UPDATE
        first = s.scalar(select(Highlight.id).where(Highlight.article_id == art["B"]).order_by(Highlight.id))
        s.execute(update(Highlight).where(Highlight.id == first).values(article_id=art["C"]))


def _tag_id(ops: Operations, name: str) -> int:
    return next(t.id for t in ops.service.list_tags() if t.name == name)


STEPS: list[tuple[str, Callable[[Database, Operations, dict[str, int]], object]]] = [
    ("create", lambda db, ops, art: ops.create_highlight(art["A"], TextSpan(0, 3), ["Một"])),
    ("create another", lambda db, ops, art: ops.create_highlight(art["A"], TextSpan(4, 7), ["Hai"])),
    ("bulk", lambda db, ops, art: ops.create_highlights(
        [NewHighlight(art["B"], i * 4, i * 4 + 3, ("Ba",)) for i in range(200)]
        + [NewHighlight(art["C"], 0, 3, ("Một",), keep_id=900)])),
    ("undo bulk", lambda db, ops, art: ops.history.undo()),
    ("redo bulk", lambda db, ops, art: ops.history.redo()),
    ("delete some", lambda db, ops, art: ops.delete_highlights(
        [h.id for h in ops.service.highlights_for_article(art["B"])][:50])),
    ("undo delete", lambda db, ops, art: ops.history.undo()),
    ("move", _move_one),
    ("merge tags", lambda db, ops, art: ops.merge_tags(_tag_id(ops, "Hai"), _tag_id(ops, "Một"))),
    ("delete tag", lambda db, ops, art: ops.delete_tag(_tag_id(ops, "Ba"))),
    ("delete article", lambda db, ops, art: ops.delete_articles([art["B"]])),
    ("undo article", lambda db, ops, art: ops.history.undo()),
    ("delete all of A", lambda db, ops, art: ops.delete_highlights(
        [h.id for h in ops.service.highlights_for_article(art["A"])])),
]


def test_counts_follow_every_change_as_on_sqlite(both: tuple[Database, Database]) -> None:
    trail: list[list[tuple]] = [[], []]
    for i, db in enumerate(both):
        art = {t: add_article(db, TEXT + t, t) for t in "ABCD"}
        ops = Operations(db)
        for name, do in STEPS:
            do(db, ops, art)
            assert kept(db) == counted(db), (db.location, name)
            assert all(n > 0 for n in kept(db).values()), name
            trail[i].append((name, shown(db)))
    assert trail[1] == trail[0]
    assert any(rows[1] for _name, rows in trail[0])  # the list did show annotated articles
    # The end state on the server: A has none left, B is back, C got the moved one.
    final = dict(trail[1][-1][1][0])
    assert final["A"] == 0 and final["B"] > 0 and final["C"] > 0 and final["D"] == 0


def test_a_library_made_before_the_triggers_gets_them_on_open(postgres_database_url: str) -> None:
    db = open_library(postgres_database_url)
    try:
        art = add_article(db, TEXT, "A")
        Operations(db).create_highlight(art, TextSpan(0, 3), ["Một"])
        with db.engine.begin() as conn:  # what an earlier build left: no triggers, a stale table
            for name in ("insert", "delete", "move"):
                conn.execute(text(f"DROP TRIGGER tr_highlight_counts_{name} ON highlights"))
            conn.execute(text("DELETE FROM highlight_counts"))
            assert not count_triggers_present(conn)
    finally:
        db.close()
    read_only = open_library(postgres_database_url, read_only=True)
    try:  # a read-only client changes nothing
        with read_only.engine.connect() as conn:
            assert not count_triggers_present(conn)
    finally:
        read_only.close()
    db = open_library(postgres_database_url)
    try:
        with db.engine.connect() as conn:
            assert count_triggers_present(conn)
        assert kept(db) == counted(db) == {art: 1}
        Operations(db).create_highlight(art, TextSpan(4, 7), ["Hai"])
        assert kept(db) == {art: 2}
    finally:
        db.close()
    db = open_library(postgres_database_url)  # opening again leaves them alone
    try:
        assert kept(db) == {art: 2}
    finally:
        db.close()


def test_publish_counts_through_the_triggers_once(tmp_path: Path, postgres_database_url: str) -> None:
    lite = open_library(tmp_path / "lib.sqlite3")
    try:
        art = {t: add_article(lite, TEXT + t, t) for t in "AB"}
        ops = Operations(lite)
        ops.create_highlights([NewHighlight(art["A"], i * 4, i * 4 + 3, ("Ba",)) for i in range(30)])
        ops.create_highlight(art["B"], TextSpan(0, 3), ["Một"])
        source = kept(lite)
        result = publish(lite, postgres_database_url)
    finally:
        lite.close()
    assert source == {art["A"]: 30, art["B"]: 1}
    copied = {t.table: t for t in result.tables}
    assert copied["highlight_counts"].matches and copied["highlight_counts"].target.rows == 2
    assert result.rebuilt == ("highlight_counts",)
    server = open_library(postgres_database_url)
    try:
        assert kept(server) == source  # not 60 and 2: counted once
        with server.session() as s:
            assert s.scalar(select(Tag.name).where(Tag.name == "Ba")) == "Ba"
        Operations(server).create_highlight(art["B"], TextSpan(4, 7), ["Hai"])
        assert kept(server) == counted(server) == {art["A"]: 30, art["B"]: 2}
    finally:
        server.close()
