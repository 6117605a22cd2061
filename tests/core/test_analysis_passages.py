"""Coded passages across the library: exact answers on a hand-made library for every mode,
nested tags, NOT, attribute and text filters, sorting, paging and what each passage shows."""

from __future__ import annotations

import csv

import pytest

from desktop_app.core.analysis.coded import AnalysisError
from desktop_app.core.analysis.passages import (
    CSV_COLUMNS,
    PassageQuery,
    export_passages_csv,
    find_passages,
    load_passages,
    passages_page,
)
from desktop_app.core.progress import Cancelled, Progress
from desktop_app.core.text.normalize import sentence_spans
from tests.core import engine_sql
from tests.core.analysis_library import TEXT_A, sample_library


@pytest.fixture
def lib(db):
    return sample_library(db)


def found(db, h, *tags, **options) -> list[str]:
    """The labels (h1...) of the passages found, in order."""
    labels = {v: k for k, v in h.items()}
    return [labels[i] for i in find_passages(db, PassageQuery(tuple(tags), **options)).ids]


def test_any_takes_a_tag_and_those_nested_under_it(db, lib):
    _ops, art, h = lib
    assert found(db, h, "Cán bộ") == ["h1", "h5", "h6", "h7"]
    assert found(db, h, "Cán bộ/Đào tạo") == ["h1", "h7"]
    assert found(db, h, "Kỷ luật", "Đào tạo chung") == ["h2", "h4", "h5"]
    result = find_passages(db, PassageQuery(("Cán bộ",)))
    assert len(result) == 4 and result.articles == 2


def test_all_means_the_same_passage_carries_every_tag(db, lib):
    _ops, _art, h = lib
    assert found(db, h, "Cán bộ", "Nhân sự", mode="all") == ["h7"]
    assert found(db, h, "Cán bộ", "Kỷ luật", mode="all") == ["h5"]
    assert found(db, h, "Cán bộ/Đào tạo", "Đào tạo chung", mode="all") == []


def test_overlap_needs_a_stretch_covered_by_every_tag(db, lib):
    _ops, _art, h = lib
    # h1 (Cán bộ/Đào tạo) lies inside h3 (Nhân sự); h7 carries both itself.
    assert found(db, h, "Cán bộ", "Nhân sự", mode="overlap") == ["h1", "h3", "h7"]
    assert found(db, h, "Đào tạo chung", "Nhân sự", mode="overlap") == ["h3", "h2"]
    # h1 and h2 are in one sentence but do not overlap.
    assert found(db, h, "Cán bộ/Đào tạo", "Đào tạo chung", mode="overlap") == []
    # Three tags: h1, h2 and h3 never cover one stretch together (h1 ends before h2 starts).
    assert found(db, h, "Cán bộ/Đào tạo", "Đào tạo chung", "Nhân sự", mode="overlap") == []


def test_sentence_and_paragraph(db, lib):
    _ops, _art, h = lib
    assert found(db, h, "Cán bộ/Đào tạo", "Đào tạo chung", mode="sentence") == ["h1", "h2"]
    assert found(db, h, "Cán bộ/Đào tạo", "Đào tạo chung", "Nhân sự", mode="sentence") == ["h1", "h3", "h2"]
    assert found(db, h, "Cán bộ", "Kỷ luật", mode="sentence") == ["h5"]
    assert found(db, h, "Cán bộ", "Kỷ luật", mode="paragraph") == ["h4", "h5"]
    assert found(db, h, "Cán bộ", "Nhân sự", mode="paragraph") == ["h1", "h3", "h7"]
    assert found(db, h, "Cán bộ", "Nhân sự", mode="sentence") == ["h1", "h3", "h7"]
    # One tag: every mode is "any".
    for mode in ("all", "overlap", "sentence", "paragraph"):
        assert found(db, h, "Kỷ luật", mode=mode) == ["h4", "h5"]


def test_not_leaves_out_passages_carrying_a_tag_or_a_nested_one(db, lib):
    _ops, _art, h = lib
    assert found(db, h, "Cán bộ", exclude=("Kỷ luật",)) == ["h1", "h6", "h7"]
    assert found(db, h, "Nhân sự", "Kỷ luật", exclude=("Cán bộ",)) == ["h3", "h4"]
    assert found(db, h, "Cán bộ", "Nhân sự", mode="overlap", exclude=("Cán bộ/Đào tạo",)) == ["h3"]


def test_attribute_and_text_filters(db, lib):
    ops, art, h = lib
    assert found(db, h, "Cán bộ", where=("outlet=TTXVN",)) == ["h6", "h7"]
    assert found(db, h, "Cán bộ", where=("year>=2023",)) == ["h1", "h5"]
    ops.set_attribute_values("Giọng điệu", [art["B"]], "Tích cực", kind="choice")
    assert found(db, h, "Cán bộ", where=("Giọng điệu=tich cuc",)) == ["h6", "h7"]
    assert found(db, h, "Cán bộ", where=("outlet=PLVN", "published<2023")) == []
    assert found(db, h, "Cán bộ", text="can bo") == ["h1", "h5", "h6", "h7"]
    assert found(db, h, "Cán bộ", text="dao  tao") == ["h7"]
    assert found(db, h, "Cán bộ", text="Đào tạo", match_diacritics=True) == ["h7"]
    assert found(db, h, "Cán bộ", text="đào tạo", match_diacritics=True) == []  # exact: case too
    assert found(db, h, "Cán bộ", text="Dao tao", match_diacritics=True) == []
    assert found(db, h, "Cán bộ", text="đào tạo") == ["h7"]  # typed with diacritics: the same word
    assert found(db, h, "Cán bộ", text="đảo tạo") == []  # ... not another word


def test_sorting(db, lib):
    _ops, _art, h = lib
    assert found(db, h, "Cán bộ", sort="date") == ["h6", "h7", "h1", "h5"]  # B is older
    assert found(db, h, "Cán bộ", sort="date", descending=True) == ["h1", "h5", "h6", "h7"]
    assert found(db, h, "Cán bộ", sort="length") == ["h1", "h5", "h7", "h6"]  # 10, 14, 14, 15
    assert found(db, h, "Cán bộ", sort="length", descending=True) == ["h6", "h7", "h5", "h1"]
    assert found(db, h, "Cán bộ", sort="tag") == ["h5", "h6", "h1", "h7"]  # Cán bộ, then Cán bộ/Đào tạo
    assert found(db, h, "Cán bộ", sort="article", descending=True) == ["h7", "h6", "h5", "h1"]


def test_undated_articles_sort_last(db, lib):
    from tests.core.analysis_library import TEXT_C, mark

    ops, art, h = lib
    h["h8"] = mark(ops, art["C"], TEXT_C, "công tác tổ chức", ["Cán bộ"])
    assert found(db, h, "Cán bộ", sort="date")[-1] == "h8"
    assert found(db, h, "Cán bộ", sort="date", descending=True)[-1] == "h8"


def test_each_passage_shows_its_tags_article_quote_context_and_note(db, lib):
    _ops, art, h = lib
    result, page = passages_page(db, PassageQuery(("Cán bộ/Đào tạo",)))
    assert [p.highlight_id for p in page] == [h["h1"], h["h7"]]
    first, second = page
    assert (first.quote, first.note, first.tags, first.title, first.outlet, first.published) == (
        "Cán bộ trẻ", "ghi chú một", ("Cán bộ/Đào tạo",), "Bài A", "PLVN", "2023-04-04T10:48")
    assert first.context == "Cán bộ trẻ được đào tạo bài bản."
    assert TEXT_A[first.start:first.end] == first.quote
    assert second.tags == ("Cán bộ/Đào tạo", "Nhân sự") and second.note == ""
    assert second.context == "Đào tạo cán bộ là nhiệm vụ then chốt."
    assert set(first.as_json()) >= {"highlight_id", "article_id", "start", "end", "quote", "tags", "note", "context"}


def test_pages_and_deleted_highlights(db, lib):
    ops, _art, h = lib
    result = find_passages(db, PassageQuery(("Cán bộ",)))
    assert result.page(0, 3) == (h["h1"], h["h5"], h["h6"]) and result.page(1, 3) == (h["h7"],)
    ops.delete_highlights([h["h5"]])
    assert [p.highlight_id for p in load_passages(db, result.ids)] == [h["h1"], h["h6"], h["h7"]]


def test_orphans_and_whole_article_codes_are_not_passages(db, lib):
    ops, art, h = lib
    ops.code_articles([art["A"], art["C"]], add=["Cán bộ"])
    engine_sql.write(db, "UPDATE highlights SET orphaned = 1 WHERE id = ?", h["h6"])
    assert found(db, h, "Cán bộ") == ["h1", "h5", "h7"]


def test_unknown_tags_and_filters_are_told(db, lib):
    from desktop_app.core.library.attributes import AttributesError

    with pytest.raises(AnalysisError, match="There is no tag “Không có”"):
        find_passages(db, PassageQuery(("Cán bộ",), exclude=("Không có",)))
    with pytest.raises(AnalysisError, match="at least one tag"):
        find_passages(db, PassageQuery(()))
    with pytest.raises(AttributesError, match="no attribute “màu”"):
        find_passages(db, PassageQuery(("Cán bộ",), where=("màu=đỏ",)))


def test_a_cancelled_search_stops(db, lib):
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        find_passages(db, PassageQuery(("Cán bộ",)), progress)


def test_csv_export_of_the_passages(db, lib, tmp_path):
    _ops, _art, h = lib
    result = find_passages(db, PassageQuery(("Cán bộ",), exclude=("Kỷ luật",)))
    path = tmp_path / "đoạn.csv"
    assert export_passages_csv(db, result, path) == 3
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == list(CSV_COLUMNS)
    assert [int(r[0]) for r in rows[1:]] == [h["h1"], h["h6"], h["h7"]]
    assert rows[3][7] == "Cán bộ/Đào tạo; Nhân sự" and rows[1][10] == "Cán bộ trẻ được đào tạo bài bản."


def test_sentences_are_cut_as_the_context_shows_them():
    assert [TEXT_A[s:e] for s, e in sentence_spans(TEXT_A)] == [
        "Cán bộ trẻ được đào tạo bài bản.", "Ban Tổ chức họp bàn về nhân sự.",
        "Đoạn hai nói về kỷ luật đảng viên.", "Cán bộ vi phạm bị xử lý."]
    assert sentence_spans("  \n") == [] and sentence_spans("Không dấu chấm") == [(0, 14)]
