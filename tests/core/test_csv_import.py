"""Reading our own CSV back: byte-identical round trips, changed text, damaged files."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.interchange.csv_export import export_csv
from desktop_app.core.interchange.csv_import import import_csv, unsafe_cell
from desktop_app.core.interchange.importing import AnnotationImportError
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Highlight, Tag
from tests.core.test_annotations import add_article

TEXT = (
    "Hội nghị bàn về công tác cán bộ. Dòng có dấu bằng:\n"
    "=SUM(A1:A2) là công thức. Câu cuối có 😀 biểu tượng.\n"
    "+84 912 345 678 là số điện thoại; @ban_to_chuc là tài khoản."
)
OTHER = "Ngày 12/10, Ban Tổ chức Trung ương tổ chức Hội nghị.\nCán bộ phải trung thực."


@pytest.fixture
def other_db(tmp_path: Path) -> Database:
    """A second library on its own real SQLite file."""
    database = Database.open(tmp_path / "other" / "chugiai.sqlite3")
    yield database
    database.close()


def span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def annotate(db: Database) -> None:
    """Cells that need care: newlines, formula starts in quotes, notes and tags; a gap in ids."""
    service = AnnotationService(db)
    a = add_article(db, TEXT, title="=Bài về cán bộ")
    b = add_article(db, OTHER, title="Tin; có chấm phẩy, và phẩy")
    made = [
        service.create_highlight(a, *span(TEXT, "công tác cán bộ"), ["Cán bộ", "Công tác"], "ghi chú"),
        service.create_highlight(a, *span(TEXT, "bằng:\n=SUM(A1:A2)"), ["Đa dòng"], "-5 điểm"),
        service.create_highlight(a, *span(TEXT, "=SUM(A1:A2) là công thức"), [], "=HYPERLINK(\"x\")"),
        service.create_highlight(a, *span(TEXT, "biểu tượng"), []),
        service.create_highlight(a, *span(TEXT, "+84 912 345 678"), ["@số"], "\tthụt lề"),
        service.create_highlight(b, *span(OTHER, "Ban Tổ chức Trung ương"), ["Cơ quan"],
                                 "dòng một\r\ndòng hai"),
    ]
    service.delete_highlight(made[3].id)  # highlight ids now have a gap
    service.create_highlight(a, *span(TEXT, "tài khoản"), ["Mạng xã hội"])
    with db.session() as s:
        for n, h in enumerate(s.scalars(select(Highlight))):
            h.created_at = datetime(2023, 4, 4, 10, n)


def count(db: Database, model: type) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(model.id))) or 0


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_round_trip_into_a_library_with_the_same_articles_is_byte_identical(
    db, other_db, tmp_path, delimiter
):
    annotate(db)
    first = tmp_path / "first.csv"
    assert export_csv(db, first, delimiter=delimiter) == 6
    raw = first.read_bytes()
    assert b"'=SUM" in raw and b"'-5" in raw and b"'@" in raw  # the cases under test
    add_article(other_db, TEXT, title="=Bài về cán bộ")
    add_article(other_db, OTHER, title="Tin; có chấm phẩy, và phẩy")
    result = import_csv(other_db, first)
    assert (result.imported, result.placed_fuzzy, result.orphans, result.skipped) == (6, 0, [], 0)
    second = tmp_path / "second.csv"
    export_csv(other_db, second, delimiter=delimiter)
    assert second.read_bytes() == raw
    # A second import finds every highlight already there.
    again = import_csv(other_db, first)
    assert (again.imported, again.skipped) == (0, 6)
    assert count(other_db, Highlight) == 6


def test_formula_prefix_is_removed_only_where_export_added_it():
    assert unsafe_cell("'=SUM(A1)") == "=SUM(A1)"
    assert unsafe_cell("'-5+1") == "-5+1"
    assert unsafe_cell("'-5") == "'-5"  # "-5" is never guarded: this "'" was the user's
    assert unsafe_cell("''=1") == "'=1"  # the guard of a cell that began with "'="
    assert unsafe_cell("'\nx") == "\nx"
    assert unsafe_cell("'trích dẫn'") == "'trích dẫn'"  # an apostrophe the user typed
    assert unsafe_cell("''") == "''"


def test_csv_from_a_library_whose_highlight_ids_are_taken_gets_new_ids(db, other_db, tmp_path):
    annotate(db)
    out = tmp_path / "a.csv"
    export_csv(db, out)
    add_article(other_db, TEXT, title="=Bài về cán bộ")
    add_article(other_db, OTHER, title="Tin; có chấm phẩy, và phẩy")
    mine = AnnotationService(other_db).create_highlight(1, *span(TEXT, "Hội nghị"), ["Của tôi"])
    result = import_csv(other_db, out)
    assert result.imported == 6
    assert AnnotationService(other_db).get_highlight(mine.id).tag_names == ["Của tôi"]
    assert count(other_db, Highlight) == 7


def test_csv_exported_before_the_article_text_changed(db, other_db, tmp_path):
    annotate(db)
    out = tmp_path / "a.csv"
    export_csv(db, out)
    # Same article (id and title), text edited since: a diacritic lost, a sentence removed.
    changed = TEXT.replace("công tác cán bộ", "công tác cán bô").replace(
        "+84 912 345 678 là số điện thoại; ", "")
    a = add_article(other_db, changed, title="=Bài về cán bộ")
    add_article(other_db, OTHER, title="Tin; có chấm phẩy, và phẩy")
    result = import_csv(other_db, out)
    assert result.placed_fuzzy == 1
    assert [q for q, _ in result.orphans] == ["+84 912 345 678"]
    assert "no longer in the article" in result.orphans[0][1]
    assert result.imported == 5
    quotes = {changed[h.start : h.end] for h in AnnotationService(other_db).highlights_for_article(a)}
    assert "công tác cán bô" in quotes and "tài khoản" in quotes


@pytest.mark.parametrize("spoil", [
    lambda raw: raw[: raw.index(b"=SUM") + 3],  # cut inside a quoted multi-line cell
    lambda raw: raw[: raw.rindex(b",")],  # last row loses its last field
    lambda raw: raw.replace(b"article_id", b"bai_viet", 1),  # not our header
    lambda raw: raw.replace(b"\n1,", b"\nmot,", 1),  # a non-number id
    lambda raw: raw.decode("utf-8-sig").encode("utf-16"),  # Excel's "Unicode text"
    lambda raw: b"",
], ids=["cut-in-quotes", "short-row", "header", "not-a-number", "utf-16", "empty"])
def test_malformed_csv_imports_nothing_and_says_why(db, other_db, tmp_path, spoil):
    annotate(db)
    good = tmp_path / "good.csv"
    export_csv(db, good)
    bad = tmp_path / "hỏng.csv"
    bad.write_bytes(spoil(good.read_bytes()))
    add_article(other_db, TEXT, title="=Bài về cán bộ")
    add_article(other_db, OTHER, title="Tin; có chấm phẩy, và phẩy")
    with pytest.raises(AnnotationImportError, match="hỏng.csv") as info:
        import_csv(other_db, bad)
    assert "Nothing was imported" in str(info.value)
    assert count(other_db, Highlight) == 0 and count(other_db, Tag) == 0
