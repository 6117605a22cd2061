"""The concordance window's work, without Qt: the first page, every line with progress
and cancel (the lines so far kept), and the sort orders the window offers."""

from __future__ import annotations

import pytest

from desktop_app.core.analysis.concordance import concordance, sort_lines
from desktop_app.core.analysis.concordance_pages import (
    all_lines,
    export_all_lines,
    first_page,
    has_marks,
    query_words,
    sort_concordance,
    total_lines,
)
from desktop_app.core.progress import Cancelled, Progress
from desktop_app.core.storage.database import Database
from desktop_app.core.text.matching import MatchLevel
from tests.core.test_concordance import add_segmented

SENTENCE = "Đảng đang đào tạo cán bộ. Cán bộ đáng tin."
TOKENS = ["Đảng", "đang", "đào tạo", "cán bộ", ".", "Cán bộ", "đáng", "tin", "."]


@pytest.fixture
def library(db: Database) -> Database:
    for n in range(6):  # the same sentence, numbered: six distinct articles
        add_segmented(db, f"{SENTENCE} {n}", TOKENS + [str(n)], title=f"Bài {n}")
    return db


def test_query_words_and_marks():
    assert query_words("  Cán   bộ ") == ["can", "bo"]
    assert has_marks("Đảng") and has_marks("đang") and not has_marks("Dang")


def test_first_page_says_whether_there_is_more(library):
    every = concordance(library, "can bo")
    assert len(every) == 12
    lines, more, candidates = first_page(library, "can bo", MatchLevel.NONE, page=5)
    assert lines == every[:5] and more and candidates == 6
    lines, more, candidates = first_page(library, "can bo", MatchLevel.NONE, page=12)
    assert lines == every and not more and candidates == 6


def test_all_lines_sorted_with_progress(library):
    seen: list[tuple[int, int]] = []
    lines, complete, capped = all_lines(library, "can bo", MatchLevel.NONE, ("left", False),
                                        Progress(lambda d, t, _n: seen.append((d, t))))
    assert complete and not capped and lines == sort_lines(concordance(library, "can bo"), "left")
    assert seen[-1] == (6, 6)


def test_all_lines_cancelled_keeps_the_lines_so_far(library):
    progress = Progress()
    progress.cancel()
    lines, complete, capped = all_lines(library, "can bo", MatchLevel.NONE, ("article", False), progress)
    assert not complete and not capped and lines == concordance(library, "can bo")[:1]


def test_all_lines_stop_at_the_limit_a_list_holds(library):
    lines, complete, capped = all_lines(library, "can bo", MatchLevel.NONE, ("left", False), limit=3)
    every = concordance(library, "can bo")
    assert len(every) > 3 and capped and not complete
    assert lines == sort_lines(every[:3], "left")


def test_export_all_lines_streams_every_line_in_article_order(library, tmp_path):
    import csv

    every = concordance(library, "can bo")
    assert export_all_lines(library, "can bo", MatchLevel.NONE, tmp_path / "all.csv", ";") == len(every)
    with open(tmp_path / "all.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))[1:]
    assert [(int(r[0]), int(r[2]), r[5]) for r in rows] == [(l.article_id, l.start, l.keyword) for l in every]
    cancelled = Progress()
    cancelled.cancel()
    with pytest.raises(Cancelled):
        export_all_lines(library, "can bo", MatchLevel.NONE, tmp_path / "none.csv", ";", cancelled)
    assert not (tmp_path / "none.csv").exists()


def test_a_phrase_total_too_long_to_count_is_left_unknown(library):
    every = len(concordance(library, "dao tao can bo"))
    assert every == 6 and total_lines(library, "dao tao can bo", MatchLevel.NONE, count_at_most=None) == every
    assert total_lines(library, "dao tao can bo", MatchLevel.NONE, count_at_most=18) == every
    # Two words: counting compares their positions (6 + 12 of them).
    assert total_lines(library, "dao tao can bo", MatchLevel.NONE, count_at_most=17) is None
    assert total_lines(library, "can bo", MatchLevel.NONE, count_at_most=0) == 12  # one word: its total


def test_keyword_sort_groups_written_forms(library):
    lines = concordance(library, "dang")
    ordered = sort_concordance(lines, "keyword")
    forms = [l.keyword for l in ordered]
    runs = [f for n, f in enumerate(forms) if n == 0 or forms[n - 1] != f]
    assert sorted(runs) == sorted(set(forms)) and len(runs) == 3  # each written form in one run
    assert sort_concordance(lines, "keyword", descending=True) == ordered[::-1]
    with pytest.raises(ValueError):
        sort_concordance(lines, "colour")
