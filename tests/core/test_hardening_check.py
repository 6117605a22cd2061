"""Invalid UTF-8 and other damage integrity_check does not see: reads survive it, and
Check library (`chugiai check [--repair]`) finds and repairs it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.core.analysis.search import search, sync_index
from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.library.articles import get_article, list_articles
from desktop_app.core.storage.check import (
    FROM_ARTICLE,
    FROM_ORIGINAL,
    INVALID_UTF8,
    ORPHAN_ROW,
    REMOVED,
    REPLACED,
    SEARCH_INDEX,
    check_library,
)
from desktop_app.core.storage.database import Database
from tests.core.test_annotations import add_article

pytestmark = pytest.mark.sqlite_only("damage inside the SQLite file and Check library's repairs of it")

TEXT = "Hội nghị bàn về công tác cán bộ ở Hà Nội."
BAD = "x'48e1bb99c3'"  # "Hộ" then a lone lead byte: not UTF-8


@pytest.fixture
def library(tmp_path: Path) -> tuple[Path, int, int]:
    """A data folder with one article (its original text kept) and one tagged highlight."""
    data = tmp_path / "data"
    db = Database.open(data / "chugiai.sqlite3")
    try:
        article = add_article(db, TEXT, title="Bài một")
        start = TEXT.index("cán bộ")
        highlight = AnnotationService(db).create_highlight(article, start, start + 6, ["Cán bộ"], "ghi chú")
        sync_index(db)
    finally:
        db.close()
    return data, article, highlight.id


def damage(data: Path, *statements: str) -> None:
    conn = sqlite3.connect(data / "chugiai.sqlite3")
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        for sql in statements:
            conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


def run(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), *args])


def test_an_invalid_utf8_title_no_longer_locks_the_user_out(library, capsys, tmp_path):
    data, article, _h = library
    damage(data, f"UPDATE articles SET title = CAST({BAD} AS TEXT) WHERE id = {article}")
    assert run(data, "list", "--json") == 0
    assert json.loads(capsys.readouterr().out)[0]["title"] == "Hộ\ufffd"
    assert run(data, "export", "-o", str(tmp_path / "out.csv")) == 0
    assert "Hộ\ufffd" in (tmp_path / "out.csv").read_text(encoding="utf-8-sig")


def test_check_finds_invalid_text_orphans_and_a_stale_search_index(library):
    data, article, highlight = library
    damage(data,
           f"UPDATE articles SET title = CAST({BAD} AS TEXT) WHERE id = {article}",
           f"UPDATE highlights SET note = CAST({BAD} AS TEXT) WHERE id = {highlight}",
           "INSERT INTO highlight_tags(highlight_id, tag_id) VALUES (999, 1)",
           "DELETE FROM search_indexed", "DELETE FROM search_pending")
    report = check_library(data / "chugiai.sqlite3")
    kinds = report.by_kind()
    assert {(p.table, p.row_id, p.column) for p in kinds[INVALID_UTF8]} == {
        ("articles", article, "title"), ("highlights", highlight, "note")}
    assert [(p.table, p.detail) for p in kinds[ORPHAN_ROW]] == [("highlight_tags", "its highlights row is gone")]
    assert len(kinds[SEARCH_INDEX]) == 1
    assert not report.clean and report.backup is None and not report.repaired


def test_repair_restores_text_from_the_original_or_replaces_and_removes_orphans(library):
    data, article, highlight = library
    path = data / "chugiai.sqlite3"
    damage(data,
           f"UPDATE articles SET text = CAST({BAD} AS TEXT), title = CAST({BAD} AS TEXT) WHERE id = {article}",
           f"UPDATE highlights SET quote = CAST({BAD} AS TEXT) WHERE id = {highlight}",
           "INSERT INTO highlight_tags(highlight_id, tag_id) VALUES (999, 1)")
    report = check_library(path, repair=True)
    how = {(p.table, p.column): p.repair for p in report.problems if p.kind == INVALID_UTF8}
    assert how == {("articles", "text"): FROM_ORIGINAL, ("articles", "title"): REPLACED,
                   ("highlights", "quote"): FROM_ARTICLE}
    assert [p.repair for p in report.problems if p.kind == ORPHAN_ROW] == [REMOVED]
    assert report.fully_repaired and report.backup is not None and report.backup.exists()
    # The copy kept the damage; the library holds none.
    assert not check_library(report.backup).clean
    assert check_library(path).clean
    db = Database.open(path)
    try:
        doc = get_article(db, article)
        assert doc.text == TEXT and doc.title == "Hộ\ufffd"
        assert AnnotationService(db).get_highlight(highlight).quote == "cán bộ"
        assert [h.article_id for h in search(db, "can bo")] == [article]
    finally:
        db.close()


def test_chugiai_check_exit_codes(library, capsys):
    data, article, _h = library
    assert run(data, "check") == 0
    assert "no problem found" in capsys.readouterr().out
    damage(data, f"UPDATE articles SET source = CAST({BAD} AS TEXT) WHERE id = {article}")
    assert run(data, "check") == 1
    out = capsys.readouterr().out
    assert "[invalid-utf8] articles #1.source" in out and "1 problem(s) found" in out
    assert run(data, "check", "--repair") == 0
    assert "1 repaired" in capsys.readouterr().out
    assert run(data, "check") == 0


def test_a_damaged_library_in_the_cli_points_to_check_repair(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    (data / "chugiai.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    assert run(data, "list") == 1
    err = capsys.readouterr().err
    assert "chugiai check --repair" in err and "Traceback" not in err


def test_reads_of_every_list_survive_invalid_text(library):
    data, article, highlight = library
    damage(data, f"UPDATE tags SET name = CAST({BAD} AS TEXT)",
           f"UPDATE highlights SET note = CAST({BAD} AS TEXT) WHERE id = {highlight}")
    db = Database.open(data / "chugiai.sqlite3")
    try:
        assert [a.id for a in list_articles(db)] == [article]
        assert AnnotationService(db).get_highlight(highlight).note == "Hộ\ufffd"
        assert [t.name for t in AnnotationService(db).list_tags()] == ["Hộ\ufffd"]
    finally:
        db.close()
