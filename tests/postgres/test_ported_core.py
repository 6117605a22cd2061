"""Steps 1-3 of the port (docs/postgresql.md section 6) on a real PostgreSQL server: the same
operations on a server library and on a SQLite file give the same answers."""

from __future__ import annotations

import csv
import dataclasses
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.core.analysis.cooccurrence import CooccurrenceQuery, cooccurrence
from desktop_app.core.analysis.matrices import MatrixQuery, build_matrix
from desktop_app.core.analysis.passages import PassageQuery, find_passages, passages_page
from desktop_app.core.analysis.report import ReportOptions, build_report
from desktop_app.core.annotate.records import NewHighlight
from desktop_app.core.interchange.csv_export import export_csv
from desktop_app.core.library.article_list import count_listed, list_page, position_of, sources
from desktop_app.core.library.articles import SORTS, LibraryFilter
from desktop_app.core.operations.editor import Operations
from desktop_app.core.storage.bulk_sql import PostgresSql, bulk_sql, ids_in, to_format_style
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.dialects import contains, put_state
from desktop_app.core.storage.location import open_library
from desktop_app.core.storage.models import AppState, Article, Highlight, Tag
from desktop_app.core.storage.server import ServerDatabase
from desktop_app.core.text.spans import TextSpan
from tests.core.analysis_library import add_article, coded_library


@pytest.fixture
def coded(both: tuple[Database, Database]) -> tuple[Database, Database]:
    for db in both:
        coded_library(db)
        add_article(db, "Bài không nguồn.", "Không nguồn")  # a source-less article for sources()
    return both


def test_open_library_picks_the_engine_and_names_the_location(tmp_path: Path, postgres_database_url: str) -> None:
    lite = open_library(tmp_path / "a.sqlite3")
    server = open_library(postgres_database_url.replace("chugiai@", "chugiai:s3cret@"))
    try:
        assert type(lite) is Database and not lite.on_server
        assert lite.location == str(tmp_path / "a.sqlite3") and lite.path == tmp_path / "a.sqlite3"
        assert isinstance(server, ServerDatabase) and server.on_server
        assert server.location.startswith("postgresql+psycopg://chugiai:***@127.0.0.1:")
        assert "s3cret" not in server.location
    finally:
        lite.close()
        server.close()


def test_to_format_style_leaves_quoted_text_alone() -> None:
    assert to_format_style("SELECT '?', \"a?\" FROM t WHERE x = ? AND y LIKE '5%'") == \
        "SELECT '?', \"a?\" FROM t WHERE x = %s AND y LIKE '5%%'"


def test_highlights_created_retagged_deleted_undone(both: tuple[Database, Database]) -> None:
    seen = []
    for db in both:
        text = "Cán bộ trẻ được đào tạo bài bản."
        article = add_article(db, text, "Một")
        ops = Operations(db)
        first = ops.create_highlight(article, TextSpan(0, 6), ["Cán bộ"]).value.id
        second = ops.create_highlight(article, TextSpan(16, 23), ["Đào tạo"], "ghi chú").value.id
        ops.set_tags(first, ["Cán bộ/Trẻ", "Nhân sự"])
        ops.delete_highlights([second])
        ops.history.undo()  # puts `second` back with its own id
        third = ops.create_highlight(article, TextSpan(7, 10), ["Nhân sự"]).value.id
        assert third not in (first, second)  # the sequence was moved past the restored id
        with db.session() as s:
            rows = s.execute(select(Highlight.id, Highlight.start, Highlight.end, Highlight.note)
                             .order_by(Highlight.id)).all()
            tags = sorted(s.scalars(select(Tag.name)))
        seen.append(([(r.start, r.end, r.note) for r in rows], tags))
    assert seen[0] == seen[1]


def test_bulk_inserts_keep_free_ids_and_take_the_rest_from_the_sequence(both: tuple[Database, Database]) -> None:
    for db in both:
        text = "một hai ba bốn năm sáu bảy tám chín mười " * 40
        article = add_article(db, text, "Nhiều")
        ops = Operations(db)
        ops.create_highlight(article, TextSpan(0, 3), ["A"])
        items = [NewHighlight(article, i * 4, i * 4 + 3, ("B",)) for i in range(300)]
        items.append(NewHighlight(article, 0, 7, ("C",), keep_id=500))  # a free id to keep
        ids = ops.create_highlights(items).value
        assert len(set(ids)) == len(ids) == 301 and ids[-1] == 500
        after = ops.create_highlight(article, TextSpan(4, 7), ["A"]).value.id
        assert after not in ids
        with db.session() as s:
            assert s.scalar(select(Highlight.id).where(Highlight.id == 500)) == 500
            assert len(s.scalars(select(Highlight.id)).all()) == 303


def _passages(db: Database, query: PassageQuery) -> list[tuple]:
    found, page = passages_page(db, query)
    assert find_passages(db, query).ids == found.ids
    return [(p.title, p.start, p.end, p.quote, p.tags, p.context, p.published) for p in page] + \
        [("count", len(found.ids))]


@pytest.mark.parametrize("query", [
    PassageQuery(("Cán bộ",)),
    PassageQuery(("Cán bộ", "Nhân sự"), mode="all"),
    PassageQuery(("Cán bộ", "Đào tạo chung"), mode="overlap"),
    PassageQuery(("Cán bộ", "Đào tạo chung"), mode="sentence"),
    PassageQuery(("Cán bộ", "Kỷ luật"), mode="paragraph", sort="date", descending=True),
    PassageQuery(("Cán bộ",), exclude=("Nhân sự",), sort="tag"),
    PassageQuery(("Cán bộ",), text="can bo", where=("Thể loại=Tin",)),
])
def test_coded_passages_are_the_same(coded: tuple[Database, Database], query: PassageQuery) -> None:
    lite, server = coded
    assert _passages(server, query) == _passages(lite, query)
    assert _passages(lite, query)[-1][1] > 0 or query.mode != "any"


@pytest.mark.parametrize("query", [
    MatrixQuery(),
    MatrixQuery(count="articles", nested=True),
    MatrixQuery(count="coverage"),
    MatrixQuery(columns="attribute:Thể loại"),
])
def test_matrices_are_the_same(coded: tuple[Database, Database], query: MatrixQuery) -> None:
    lite, server = coded
    a, b = build_matrix(lite, query), build_matrix(server, query)
    assert [c.label for c in b.columns] == [c.label for c in a.columns]
    assert b.rows == a.rows and b.values == a.values and any(any(r) for r in a.values)


@pytest.mark.parametrize("within", ["overlap", "sentence", "paragraph", "words:3"])
def test_cooccurrence_is_the_same(coded: tuple[Database, Database], within: str) -> None:
    lite, server = coded
    a = cooccurrence(lite, CooccurrenceQuery(within=within))
    b = cooccurrence(server, CooccurrenceQuery(within=within))
    assert b.tags == a.tags and b.values == a.values


def test_report_is_the_same(coded: tuple[Database, Database]) -> None:
    lite, server = coded
    a, b = build_report(lite, ReportOptions(title="T")), build_report(server, ReportOptions(title="T"))
    assert (b.articles, b.passages, b.tags, b.memos) == (a.articles, a.passages, a.tags, a.memos)
    assert a.passages > 0 and any(t.examples for t in a.tags)


def _csv_rows(db: Database, path: Path) -> list[list[str]]:
    export_csv(db, path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    created = rows[0].index("created_at")
    for row in rows[1:]:
        assert row[created] == "" or re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z", row[created])
        row[created] = "(time)"  # the two libraries were coded at different moments
    return rows


def test_csv_export_is_the_same(coded: tuple[Database, Database], tmp_path: Path) -> None:
    lite, server = coded
    expected = _csv_rows(lite, tmp_path / "lite.csv")
    assert _csv_rows(server, tmp_path / "server.csv") == expected
    assert len(expected) > 5


def test_codebook_rename_swaps_and_moves_subtrees(coded: tuple[Database, Database]) -> None:
    seen = []
    for db in coded:
        ops = Operations(db)
        with db.session() as s:
            ids = {n: i for n, i in s.execute(select(Tag.name, Tag.id))}
        ops.rename_tag(ids["Cán bộ"], "Nhân lực")  # takes "Cán bộ/Đào tạo" along
        ops.rename_tag(ids["Kỷ luật"], "Cán bộ")  # the name just freed
        ops.history.undo()
        ops.history.undo()
        ops.rename_tag(ids["Cán bộ"], "Kỷ luật/Cán bộ")  # under another tag
        with db.session() as s:
            seen.append(sorted(s.scalars(select(Tag.name))))
    assert seen[0] == seen[1]
    assert "Kỷ luật/Cán bộ/Đào tạo" in seen[0] and not any("\x1f" in n for n in seen[0])


def test_library_list_grouped_by_source(coded: tuple[Database, Database]) -> None:
    lite, server = coded
    assert sources(server) == sources(lite)
    assert ("", 1) in sources(lite)
    assert count_listed(server) == count_listed(lite) == 4

    def listed(db: Database, f: LibraryFilter) -> tuple:
        page = [(a.title, a.source) for a in list_page(db, f, 0, -1)]
        with db.session() as s:
            ids = dict(s.execute(select(Article.title, Article.id)).all())
        return page, count_listed(db, f), [position_of(db, f, ids[t]) for t in sorted(ids)]

    filters = [LibraryFilter(annotated=True), LibraryFilter(annotated=False),  # highlight_counts
               LibraryFilter(source="PLVN"), LibraryFilter(source=""), LibraryFilter(tag="Cán bộ"),
               LibraryFilter(where=("Thể loại=Tin",)), LibraryFilter(date_from="2022-12", date_to="2023-04")]
    for sort in SORTS:  # undated and source-less articles where SQLite puts them
        for f in [LibraryFilter(), *filters]:
            f = dataclasses.replace(f, sort=sort)
            expected = listed(lite, f)
            assert listed(server, f) == expected, f
            assert expected[1] > 0, f


def test_state_upsert_and_contains(both: tuple[Database, Database]) -> None:
    for db in both:
        add_article(db, "Giá 5% và 10_000 đồng.", "Giá")
        for value in ("một", "hai"):
            with db.session() as s:
                put_state(s, "k", value)
        with db.session() as s:
            assert s.scalar(select(AppState.value).where(AppState.key == "k")) == "hai"
            for needle, hit in (("5%", True), ("10_0", True), ("5_", False), ("Giá 5", True)):
                assert bool(s.scalar(select(Article.id).where(contains(s, Article.text, needle)))) is hit


def test_bulk_sql_on_the_server_reads_with_sqlite_placeholders(postgres_database_url: str) -> None:
    db = open_library(postgres_database_url)
    try:
        for n in range(3):
            add_article(db, f"Bài {n} — 100%", f"Bài {n}")
        with db.engine.connect() as sa_conn:
            conn = bulk_sql(sa_conn)
            assert isinstance(conn, PostgresSql)
            where, params = ids_in(conn, "id", [1, 3])
            assert where == "id = ANY(?)"
            rows = conn.execute(f"SELECT title FROM articles WHERE {where} AND text LIKE '%100%%' "
                                "ORDER BY id", params).fetchall()
            assert [r[0] for r in rows] == ["Bài 0", "Bài 2"]
            assert conn.execute("SELECT count(*) FROM articles WHERE title <> ?", ("?",)).fetchone()[0] == 3
    finally:
        db.close()
