"""Matrices and co-occurrence: exact cells on the hand-made library (see analysis_library),
nested rows, whole-article codes, coverage without double counting, attribute columns,
filters, drill-down, and words counted by the stored segmentation (else by syllables)."""

from __future__ import annotations

import csv

import pytest

from desktop_app.core.analysis.cooccurrence import CooccurrenceQuery, cooccurrence, export_cooccurrence_csv
from desktop_app.core.analysis.matrices import MatrixQuery, build_matrix, export_matrix_csv
from desktop_app.core.nlp.stored import save_segmentation
from tests.core.analysis_library import TEXT_A, TEXT_B, mark, sample_library

TAGS = ["Cán bộ", "Cán bộ/Đào tạo", "Đào tạo chung", "Kỷ luật", "Nhân sự"]
CB, CBDT, DTC, KL, NS = range(5)


@pytest.fixture
def lib(db):
    return sample_library(db)


def test_tags_by_articles_counting_passages(db, lib):
    _ops, art, h = lib
    m = build_matrix(db, MatrixQuery())
    assert list(m.rows) == TAGS
    assert [c.key for c in m.columns] == [art["A"], art["B"], art["C"]]
    assert [c.label for c in m.columns] == ["Bài A", "Bài B", "Bài C"]
    assert m.dense() == [[1, 1, 0], [1, 1, 0], [1, 0, 0], [2, 0, 0], [1, 1, 0]]
    assert m.drill(KL, 0) == ((h["h4"], h["h5"]), ())
    nested = build_matrix(db, MatrixQuery(nested=True))
    assert nested.dense()[CB] == [2, 2, 0]  # Cán bộ with Cán bộ/Đào tạo: h1, h5 | h6, h7
    assert nested.drill(CB, 1) == ((h["h6"], h["h7"]), ())
    only = build_matrix(db, MatrixQuery(tags=("Cán bộ", "Nhân sự"), nested=True))
    assert only.as_json() == {"rows": ["Cán bộ", "Nhân sự"], "columns": [art["A"], art["B"], art["C"]],
                              "column_labels": ["Bài A", "Bài B", "Bài C"], "count": "passages",
                              "cells": [[2, 2, 0], [1, 1, 0]]}


def test_whole_article_codes_count_as_a_passage_and_an_article(db, lib):
    ops, art, h = lib
    ops.code_articles([art["A"]], add=["Cán bộ"])
    ops.code_articles([art["C"]], add=["Cán bộ/Đào tạo"])
    m = build_matrix(db, MatrixQuery())
    assert m.dense()[CB] == [2, 1, 0] and m.dense()[CBDT] == [1, 1, 1]
    nested = build_matrix(db, MatrixQuery(nested=True))
    assert nested.dense()[CB] == [3, 2, 1]
    assert nested.drill(CB, 0) == ((h["h1"], h["h5"]), (art["A"],))
    articles = build_matrix(db, MatrixQuery(count="articles", nested=True))
    assert articles.dense()[CB] == [1, 1, 1] and articles.dense()[KL] == [1, 0, 0]
    coverage = build_matrix(db, MatrixQuery(count="coverage", nested=True))
    assert coverage.dense()[CB] == [1.0, pytest.approx(29 / len(TEXT_B)), 1.0]


def test_coverage_counts_overlapping_passages_once(db, lib):
    ops, art, _h = lib
    m = build_matrix(db, MatrixQuery(count="coverage"))
    assert m.cell(NS, 0) == pytest.approx(23 / len(TEXT_A))  # h3
    mark(ops, art["A"], TEXT_A, "Cán bộ trẻ được", ["Nhân sự"])  # inside h3
    mark(ops, art["A"], TEXT_A, "bài bản", ["Nhân sự"])  # [24, 31): 7 more
    m = build_matrix(db, MatrixQuery(count="coverage"))
    assert m.cell(NS, 0) == pytest.approx(30 / len(TEXT_A))
    assert m.cell(NS, 2) == 0 and m.as_json()["cells"][NS][2] == 0.0


def test_tags_by_attribute_values(db, lib):
    ops, art, h = lib
    outlet = build_matrix(db, MatrixQuery(columns="attribute:outlet"))
    assert [c.key for c in outlet.columns] == ["PLVN", "TTXVN"]  # every article has one
    assert outlet.dense() == [[1, 1], [1, 1], [1, 0], [2, 0], [1, 1]]
    articles = build_matrix(db, MatrixQuery(columns="attribute:source", count="articles"))
    assert articles.dense()[KL] == [1, 0]
    year = build_matrix(db, MatrixQuery(columns="attribute:year"))
    assert [c.key for c in year.columns] == [2022, 2023, None]  # C has no date
    assert year.dense()[CBDT] == [1, 1, 0] and year.drill(CBDT, 0) == ((h["h7"],), ())
    coverage = build_matrix(db, MatrixQuery(columns="attribute:outlet", count="coverage"))
    from tests.core.analysis_library import TEXT_C

    assert coverage.cell(KL, 0) == pytest.approx((17 + 14) / (len(TEXT_A) + len(TEXT_C)))
    ops.set_attribute_values("Số trang", [art["B"]], "12")
    ops.set_attribute_values("Số trang", [art["A"]], "3")
    pages = build_matrix(db, MatrixQuery(columns="attribute:Số trang"))
    assert [c.key for c in pages.columns] == [3, 12, None]  # numbers as numbers: 3 before 12
    assert pages.dense()[CB] == [1, 1, 0]


def test_matrix_filters_and_csv(db, lib, tmp_path):
    _ops, art, _h = lib
    m = build_matrix(db, MatrixQuery(where=("outlet=TTXVN",)))
    assert [c.key for c in m.columns] == [art["B"]] and m.dense() == [[1], [1], [0], [0], [1]]
    path = tmp_path / "ma trận.csv"
    assert export_matrix_csv(build_matrix(db, MatrixQuery(columns="attribute:year")), path) == 5
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["tag", "2022", "2023", "(none)"] and rows[2] == ["Cán bộ/Đào tạo", "1", "1", "0"]
    export_matrix_csv(m, path)
    with open(path, encoding="utf-8-sig", newline="") as f:
        assert next(csv.reader(f)) == ["tag", f"{art['B']}: Bài B"]


def cells(table) -> dict[tuple[str, str], int]:
    return {(TAGS[i], TAGS[j]): v for (i, j), v in table.values.items() if v}


def test_cooccurrence_by_overlap(db, lib):
    ops, art, h = lib
    table = cooccurrence(db, CooccurrenceQuery())
    assert cells(table) == {("Cán bộ", "Kỷ luật"): 1, ("Cán bộ/Đào tạo", "Nhân sự"): 2,
                            ("Đào tạo chung", "Nhân sự"): 1}
    assert table.cell(NS, CBDT) == 2 and table.cell(NS, NS) is None
    assert table.drill(NS, CBDT) == ((h["h1"], h["h3"]), (h["h7"], h["h7"]))
    assert table.as_json()["cells"][CB] == [None, 0, 0, 1, 0]
    nested = cooccurrence(db, CooccurrenceQuery(nested=True))
    assert cells(nested) == {("Cán bộ", "Cán bộ/Đào tạo"): 2, ("Cán bộ", "Kỷ luật"): 1, ("Cán bộ", "Nhân sự"): 2,
                             ("Cán bộ/Đào tạo", "Nhân sự"): 2, ("Đào tạo chung", "Nhân sự"): 1}
    # Whole-article codes are not passages: nothing changes.
    ops.code_articles([art["A"]], add=["Cán bộ", "Nhân sự"])
    assert cooccurrence(db, CooccurrenceQuery()).values == table.values


def test_cooccurrence_by_sentence_and_paragraph(db, lib):
    _ops, _art, _h = lib
    assert cells(cooccurrence(db, CooccurrenceQuery("sentence"))) == {
        ("Cán bộ/Đào tạo", "Nhân sự"): 2, ("Cán bộ/Đào tạo", "Đào tạo chung"): 1,
        ("Đào tạo chung", "Nhân sự"): 1, ("Cán bộ", "Kỷ luật"): 1}
    assert cells(cooccurrence(db, CooccurrenceQuery("paragraph"))) == {
        ("Cán bộ/Đào tạo", "Nhân sự"): 2, ("Cán bộ/Đào tạo", "Đào tạo chung"): 1,
        ("Đào tạo chung", "Nhân sự"): 1, ("Cán bộ", "Kỷ luật"): 2}
    only_b = cooccurrence(db, CooccurrenceQuery("paragraph", where=("outlet=TTXVN",)))
    assert cells(only_b) == {("Cán bộ/Đào tạo", "Nhân sự"): 1}
    picked = cooccurrence(db, CooccurrenceQuery("sentence", tags=("Nhân sự", "Đào tạo chung")))
    assert picked.dense() == [[None, 1], [1, None]]


def test_cooccurrence_within_words_counts_syllables_without_a_segmentation(db, lib):
    _ops, _art, _h = lib
    zero = cooccurrence(db, CooccurrenceQuery("words:0"))
    assert zero.syllable_articles == 2
    # h4 and h5 have only "." between them: punctuation is not a word.
    assert cells(zero) == {("Cán bộ/Đào tạo", "Nhân sự"): 2, ("Đào tạo chung", "Nhân sự"): 1,
                           ("Cán bộ", "Kỷ luật"): 2}
    one = cooccurrence(db, CooccurrenceQuery("words:1"))  # "được" between h1 and h2
    assert cells(one)[("Cán bộ/Đào tạo", "Đào tạo chung")] == 1
    # h6 "Công tác cán bộ" and h7: "được chú trọng ." between: three syllables.
    assert ("Cán bộ", "Cán bộ/Đào tạo") not in cells(cooccurrence(db, CooccurrenceQuery("words:2")))
    assert cells(cooccurrence(db, CooccurrenceQuery("words:3")))[("Cán bộ", "Cán bộ/Đào tạo")] == 1
    with pytest.raises(ValueError):
        cooccurrence(db, CooccurrenceQuery("words:x"))


def test_a_syllable_a_passage_cuts_belongs_to_it(db, lib):
    ops, art, h = lib
    x = mark(ops, art["A"], TEXT_A, "Cán bộ tr", ["Thử/X"])  # ends inside "trẻ"
    y = ops.create_highlight(art["A"], (13, 23), ["Thử/Y"]).value.id  # "ợc đào tạo": inside "được"
    table = cooccurrence(db, CooccurrenceQuery("words:0", tags=("Thử/X", "Thử/Y")))
    assert table.dense() == [[None, 1], [1, None]] and table.drill(0, 1) == ((x, y),)


def test_cooccurrence_within_words_uses_the_stored_segmentation(db, lib):
    _ops, art, _h = lib
    words = ["Đại hội", "bầu", "Ban Chấp hành", "mới", ".", "Công tác", "cán bộ", "được", "chú trọng",
             ".", "Đào tạo", "cán bộ", "là", "nhiệm vụ", "then chốt", "."]
    spans, at = [], 0
    for w in words:
        at = TEXT_B.index(w, at)
        spans.append((at, at + len(w)))
        at += len(w)
    assert save_segmentation(db, art["B"], TEXT_B, spans)
    two = cooccurrence(db, CooccurrenceQuery("words:2"))  # "được", "chú trọng": two words
    assert two.syllable_articles == 1  # A only
    assert cells(two)[("Cán bộ", "Cán bộ/Đào tạo")] == 1 and cells(two)[("Cán bộ", "Nhân sự")] == 1
    assert ("Cán bộ", "Nhân sự") not in cells(cooccurrence(db, CooccurrenceQuery("words:1")))


def test_cooccurrence_csv(db, lib, tmp_path):
    path = tmp_path / "đồng xuất hiện.csv"
    assert export_cooccurrence_csv(cooccurrence(db, CooccurrenceQuery()), path) == 5
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["tag", *TAGS] and rows[5] == ["Nhân sự", "0", "2", "1", "0", ""]
