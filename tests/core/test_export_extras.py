"""CSV and XLSX exports carry whole-article codes (start 0, end the text's length, unit
"article") and one column per attribute; our CSV import reads the passages back and
leaves the article rows alone."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import func, select

from desktop_app.core.interchange.csv_export import COLUMNS, export_csv
from desktop_app.core.interchange.csv_import import import_csv
from desktop_app.core.interchange.csv_long import export_csv_long
from desktop_app.core.interchange.xlsx_export import export_xlsx
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Highlight
from tests.core.analysis_library import TEXT_A, TEXT_B, add_article, coded_library

# Built-ins that are not columns already, then the user's by name (without diacritics)
ATTRIBUTE_COLUMNS = ["year", "author", "domain", "Điểm", "Ghi chú biên tập", "Ngày in", "Số trang",
                     "Thể loại"]


def read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_has_article_rows_and_attribute_columns(db, tmp_path):
    _ops, art = coded_library(db)
    out = tmp_path / "wide.csv"
    assert export_csv(db, out) == 7 + 3  # passages and whole-article codes
    rows = read(out)
    assert list(rows[0]) == [*COLUMNS, "unit", *ATTRIBUTE_COLUMNS]
    whole = [(r["article_title"], r["tags"], r["start"], r["end"], r["quote"], r["highlight_id"])
             for r in rows if r["unit"] == "article"]
    assert whole == [
        ("Bài B", "Lập trường/Ủng hộ", "0", str(len(TEXT_B)), "", ""),
        ("Bài B", "Thể loại/Tin", "0", str(len(TEXT_B)), "", ""),
        ("Bài A", "Thể loại/Tin", "0", str(len(TEXT_A)), "", ""),
    ]
    a_rows = [r for r in rows if r["article_id"] == str(art["A"])]
    assert {r["Thể loại"] for r in a_rows} == {"Tin"}
    assert {(r["Số trang"], r["Điểm"], r["Ngày in"], r["year"], r["domain"]) for r in a_rows} == {
        ("3", "2.5", "2023-04-05", "2023", "plo.vn")}
    b = next(r for r in rows if r["article_id"] == str(art["B"]))
    assert b["Ghi chú biên tập"] == "'=cần kiểm tra"  # guarded like every text cell
    assert b["Số trang"] == ""
    # A tag's scope keeps its whole-article codes too.
    scoped = tmp_path / "scoped.csv"
    assert export_csv(db, scoped, tag="Thể loại") == 2
    # The long form: one row per code as well.
    long = tmp_path / "long.csv"
    export_csv_long(db, long)
    assert sum(r["unit"] == "article" for r in read(long)) == 3


def test_csv_import_reads_passages_and_skips_article_rows(db, tmp_path):
    coded_library(db)
    out = tmp_path / "wide.csv"
    export_csv(db, out)
    other = Database.open(tmp_path / "other" / "chugiai.sqlite3")
    try:
        add_article(other, TEXT_A, "Bài A")
        add_article(other, TEXT_B, "Bài B")
        result = import_csv(other, out)
        assert result.imported == 7 and not result.orphans
        with other.session() as s:
            assert s.scalar(select(func.count(Highlight.id))) == 7
    finally:
        other.close()


def test_xlsx_has_article_rows_and_typed_attribute_columns(db, tmp_path):
    coded_library(db)
    out = tmp_path / "book.xlsx"
    assert export_xlsx(db, out) == 7  # highlights counted, article rows apart
    ws = load_workbook(out)["Highlights"]
    header = [c.value for c in ws[1]]
    assert header == [*COLUMNS, "unit", *ATTRIBUTE_COLUMNS]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=2)]
    article_rows = [r for r in rows if r["unit"] == "article"]
    assert len(article_rows) == 3 and {r["start"] for r in article_rows} == {0}
    assert {r["end"] for r in article_rows} == {len(TEXT_A), len(TEXT_B)}
    assert {r["Số trang"] for r in rows if r["Số trang"] is not None} == {3}  # a number
    assert {r["Điểm"] for r in rows if r["Điểm"] is not None} == {2.5, 4}


def test_web_annotations_carry_whole_article_codes_and_read_them_back(db, tmp_path):
    import json

    from desktop_app.core.interchange.webanno import export_webanno
    from desktop_app.core.library.article_codes import article_codes
    from desktop_app.core.operations.editor import Operations

    coded_library(db)
    out = tmp_path / "w3c.jsonld"
    export_webanno(db, out)
    items = json.loads(out.read_text(encoding="utf-8"))
    whole = [i for i in items if i["motivation"] == "classifying"]
    assert [sorted(b["value"] for b in i["body"]) for i in whole] == [
        ["Lập trường/Ủng hộ", "Thể loại/Tin"], ["Thể loại/Tin"]]
    assert all("selector" not in i["target"] for i in whole)
    other = Database.open(tmp_path / "other" / "chugiai.sqlite3")
    try:
        a, b = add_article(other, TEXT_A, "Bài A"), add_article(other, TEXT_B, "Bài B")
        ops = Operations(other)
        result = ops.import_annotations(out).value.result
        assert (result.imported, result.article_codes) == (7, 3)
        assert article_codes(other) == {a: ["Thể loại/Tin"], b: ["Lập trường/Ủng hộ", "Thể loại/Tin"]}
        ops.history.undo()
        assert article_codes(other) == {}
        ops.history.redo()
        assert len(article_codes(other)) == 2
    finally:
        other.close()
