"""What the analysis windows ask of core besides the queries themselves: a passage list
narrowed to a matrix cell's passages, the values an attribute takes (for filters), and the
tables as Excel workbooks with the numbers of their CSV twins."""

from __future__ import annotations

import csv

import openpyxl
import pytest

from desktop_app.core.analysis import xlsx_tables
from desktop_app.core.analysis.coded import AnalysisError
from desktop_app.core.analysis.cooccurrence import CooccurrenceQuery, cooccurrence, export_cooccurrence_csv
from desktop_app.core.analysis.matrices import MatrixQuery, build_matrix, export_matrix_csv
from desktop_app.core.analysis.passages import PassageQuery, find_passages
from desktop_app.core.analysis.xlsx_tables import (
    export_cooccurrence_xlsx,
    export_matrix_xlsx,
    export_passages_xlsx,
)
from desktop_app.core.library.attributes import distinct_values
from tests.core.analysis_library import sample_library


@pytest.fixture
def lib(db):
    ops, articles, highlights = sample_library(db)
    ops.code_articles([articles["C"]], add=["Cán bộ"])
    ops.set_attribute_values("Số trang", [articles["A"]], "12")
    ops.set_attribute_values("Số trang", [articles["B"]], "3")
    return ops, articles, highlights


def test_only_narrows_the_answer_not_the_partners(db, lib):
    _ops, _art, h = lib
    # h3 (Nhân sự) overlaps h1 and h2; asked for h3 only, the overlap with h1 still counts.
    query = PassageQuery(("Cán bộ", "Nhân sự"), "overlap", only=frozenset({h["h3"], h["h6"]}))
    assert find_passages(db, query).ids == (h["h3"],)
    assert find_passages(db, PassageQuery(("Cán bộ",), only=frozenset())).ids == ()
    ordered = find_passages(db, PassageQuery(("Cán bộ",), sort="date", descending=True,
                                             only=frozenset({h["h1"], h["h6"]})))
    assert ordered.ids == (h["h1"], h["h6"])  # A (2023) before B (2022)


def test_distinct_values_are_sorted_as_their_kind(db, lib):
    assert distinct_values(db, "Số trang") == [3, 12]  # numbers as numbers: 3 before 12
    assert distinct_values(db, "outlet") == ["PLVN", "TTXVN"]
    assert distinct_values(db, "source") == ["PLVN", "TTXVN"]  # an alias
    assert distinct_values(db, "year") == [2022, 2023]


def _sheet(path, name):
    return [list(r) for r in openpyxl.load_workbook(path)[name].iter_rows(values_only=True)]


def _csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_xlsx_tables_hold_the_numbers_of_their_csv_twins(db, lib, tmp_path):
    _ops, _art, h = lib
    found = find_passages(db, PassageQuery(("Cán bộ",)))
    assert export_passages_xlsx(db, found, tmp_path / "p.xlsx") == 4
    rows = _sheet(tmp_path / "p.xlsx", "Passages")
    assert [r[0] for r in rows[1:]] == [h["h1"], h["h5"], h["h6"], h["h7"]]
    for count in ("passages", "coverage"):
        m = build_matrix(db, MatrixQuery("attribute:outlet", count))
        export_matrix_xlsx(m, tmp_path / "m.xlsx")
        export_matrix_csv(m, tmp_path / "m.csv")
        sheet, table = _sheet(tmp_path / "m.xlsx", "Matrix"), _csv(tmp_path / "m.csv")
        assert sheet[0] == table[0] and [r[0] for r in sheet] == [r[0] for r in table]
        for got, want in zip(sheet[1:], table[1:], strict=True):
            assert got[1:] == pytest.approx([float(x) for x in want[1:]])
        book = openpyxl.load_workbook(tmp_path / "m.xlsx")["Matrix"]
        assert book.conditional_formatting  # the colour scale
        if count == "coverage":
            assert book["B2"].number_format == "0.0%"
    table = cooccurrence(db, CooccurrenceQuery("sentence"))
    export_cooccurrence_xlsx(table, tmp_path / "c.xlsx")
    export_cooccurrence_csv(table, tmp_path / "c.csv")
    sheet, rows = _sheet(tmp_path / "c.xlsx", "Co-occurrence"), _csv(tmp_path / "c.csv")
    assert sheet[0] == rows[0]
    for got, want in zip(sheet[1:], rows[1:], strict=True):
        assert got[0] == want[0] and [v if v is not None else "" for v in got[1:]] == [
            int(x) if x else "" for x in want[1:]]


def test_a_matrix_wider_than_excel_is_refused_in_words(db, lib, tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_tables, "EXCEL_MAX_COLUMNS", 3)  # 3 articles + the tag column > 3
    m = build_matrix(db, MatrixQuery("articles"))
    with pytest.raises(AnalysisError) as e:
        export_matrix_xlsx(m, tmp_path / "wide.xlsx")
    assert "3 columns" in str(e.value) and not (tmp_path / "wide.xlsx").exists()
