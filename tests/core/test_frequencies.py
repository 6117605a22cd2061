"""Word frequencies and stop words on a real SQLite file, with hand-made word spans."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import update

from desktop_app.core.analysis.frequencies import (
    CSV_COLUMNS,
    FrequencyResult,
    WordCount,
    export_frequencies_csv,
    word_frequencies,
)
from desktop_app.core.analysis.stopwords import (
    default_path,
    load_stopwords,
    parse_stopwords,
    save_stopwords,
    word_form,
)
from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Highlight
from tests.core.test_concordance import TEXT, TOKENS, add_article, add_segmented

# Positions checked by hand: "Đảng viên" 0-9, "và" 10-12, "cán bộ" 13-19, "năm" 20-23,
# "2023" 24-28, "đi" 29-31, "học" 32-35, "." 35-36, "Bà" 37-39, "Ba" 40-42, "bán" 43-46.
TEXT_B = "Đảng viên và cán bộ năm 2023 đi học. Bà Ba bán bánh."
TOKENS_B = ["Đảng viên", "và", "cán bộ", "năm", "2023", "đi", "học", ".",
            "Bà", "Ba", "bán", "bánh", "."]


def counts(result: FrequencyResult) -> dict[str, tuple[int, int]]:
    return {w.word: (w.count, w.articles) for w in result.words}


@pytest.fixture
def two(db: Database) -> tuple[int, int]:
    return add_segmented(db, TEXT, TOKENS), add_segmented(db, TEXT_B, TOKENS_B)


def test_exact_counts_by_segmented_word(db: Database, two: tuple[int, int]) -> None:
    result = word_frequencies(db)
    assert counts(result) == {
        "cán bộ": (3, 2),  # "Cán bộ" once, "cán bộ" twice: the commoner form names it
        "đi": (2, 2),
        "Tổ chức": (2, 1),  # a tie: the form seen first
        "Ba": (1, 1), "Bà": (1, 1),  # diacritics make different words
        "Ban": (1, 1), "bán": (1, 1), "bánh": (1, 1), "bộ phận": (1, 1), "cán": (1, 1),
        "Đảng viên": (1, 1), "học": (1, 1), "họp": (1, 1), "hội nghị": (1, 1), "Máy": (1, 1),
        "năm": (1, 1), "thép": (1, 1), "Trung ương": (1, 1), "và": (1, 1),
    }
    # Ties: in more articles first.
    assert [w.word for w in result.words[:3]] == ["cán bộ", "đi", "Tổ chức"]
    assert [w.word for w in result.words[3:6]] == ["Ba", "Bà", "Ban"]  # then folded, then as written
    assert result.words[2] == WordCount("Tổ chức", "tổ chức", 2, 1)
    assert (result.articles, result.unsegmented_articles, result.total_words) == (2, 0, 23)


def test_numbers_stop_words_and_lengths(db: Database, two: tuple[int, int]) -> None:
    assert counts(word_frequencies(db, count_numbers=True))["2023"] == (1, 1)
    assert word_frequencies(db, count_numbers=True).total_words == 24
    result = word_frequencies(db, stopwords={"Và", "  ĐI "})
    assert "và" not in counts(result) and "đi" not in counts(result)
    assert result.total_words == 23  # stop words still count in the corpus size
    short = counts(word_frequencies(db, min_length=4))
    assert "họp" not in short and "bánh" in short
    assert set(counts(word_frequencies(db, min_syllables=2))) == {
        "cán bộ", "Tổ chức", "bộ phận", "Đảng viên", "hội nghị", "Trung ương"}
    assert [w.word for w in word_frequencies(db, limit=2).words] == ["cán bộ", "đi"]


def test_article_scope_and_unsegmented_fallback(db: Database, two: tuple[int, int]) -> None:
    a, b = two
    assert counts(word_frequencies(db, article_ids=[b]))["cán bộ"] == (1, 1)
    bare = add_article(db, "Cán bộ đi, cán bộ về 12.")
    result = word_frequencies(db, article_ids=[bare, a])
    assert (result.articles, result.unsegmented_articles) == (2, 1)
    got = counts(result)
    # By syllables: "Cán", "cán" of the bare article meet the word "cán" of article a.
    assert got["cán"] == (3, 2) and got["bộ"] == (2, 1) and got["đi"] == (2, 2)
    assert got["Cán bộ"] == (2, 1) and got["về"] == (1, 1) and "12" not in got


def test_tag_scope_counts_only_highlighted_text(db: Database, two: tuple[int, int]) -> None:
    a, b = two
    service = AnnotationService(db)
    service.create_highlight(a, 37, 59, ["Tổ chức/Trung ương"])  # nested: in scope
    service.create_highlight(a, 68, 83, ["Tổ chức"])  # "hội nghị cán bộ"
    service.create_highlight(a, 72, 83, ["Tổ chức/Cán bộ"])  # overlaps: counted once
    service.create_highlight(b, 1, 14, ["Tổ chức"])  # "ảng viên và c"
    service.create_highlight(b, 37, 51, ["Khác"])  # another tag
    service.create_highlight(a, 0, 6, ["Tổ chức Đảng"])  # a name sharing the prefix only
    orphan = service.create_highlight(a, 7, 13, ["Tổ chức"])
    with db.session() as s:
        s.execute(update(Highlight).where(Highlight.id == orphan.id).values(orphaned=True))
    result = word_frequencies(db, tag="Tổ chức")
    # "Đảng viên" 8 of 9 letters highlighted: counted; "cán bộ" 1 of 6: not.
    assert counts(result) == {"Ban": (1, 1), "Tổ chức": (1, 1), "Trung ương": (1, 1), "hội nghị": (1, 1),
                              "cán bộ": (1, 1), "Đảng viên": (1, 1), "và": (1, 1)}
    assert result.articles == 2
    assert counts(word_frequencies(db, tag="Tổ chức/Trung ương")) == {
        "Ban": (1, 1), "Tổ chức": (1, 1), "Trung ương": (1, 1)}
    assert counts(word_frequencies(db, tag="Tổ chức", article_ids=[b])) == {
        "Đảng viên": (1, 1), "và": (1, 1)}
    assert word_frequencies(db, tag="Không có").words == []


def test_export_csv(db: Database, two: tuple[int, int], tmp_path: Path) -> None:
    add_segmented(db, "=SUM(A1) là lạ.", ["=SUM(A1)", "là", "lạ", "."])
    result = word_frequencies(db)
    path = tmp_path / "freq.csv"
    assert export_frequencies_csv(result, path) == len(result.words)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == list(CSV_COLUMNS)
    assert rows[1] == ["1", "cán bộ", "3", "2", str(round(3 * 10_000 / 26, 2))]
    assert ["'=SUM(A1)"] == [r[1] for r in rows if "SUM" in r[1]]


# ------------------------------------------------------------------ stop words


def test_default_list_holds_function_words_only() -> None:
    words = load_stopwords()
    assert default_path().name == "stopwords-vi.txt"
    assert {"và", "của", "là", "những", "tuy nhiên", "đối với", "đã", "sẽ"} <= words
    # Pronouns, names of things and numbers other than "một" stay countable.
    assert not {"tôi", "chúng ta", "ông", "bà", "cán bộ", "đảng", "hai", "ba", "người"} & words
    assert all(w == word_form(w) and not w.startswith("#") for w in words)


def test_user_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "mine.txt"
    path.write_bytes("\ufeff# mine\n  Tuy   Nhiên  # a comment\nVÀ\n\nđã\n".encode("utf-8"))
    assert load_stopwords(path) == {"tuy nhiên", "và", "đã"}
    assert save_stopwords(["Đã", "và", "ba", "bà", "và ", ""], path) == 4
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#") and text.splitlines()[-4:] == ["ba", "bà", "đã", "và"]
    assert load_stopwords(path) == {"ba", "bà", "đã", "và"}
    assert [p.name for p in tmp_path.iterdir()] == ["mine.txt"]  # no temp file left


def test_word_form_keeps_diacritics_and_composes() -> None:
    assert word_form(" Bà \u00a0 Nội ") == "bà nội"
    assert word_form("BA") != word_form("BÀ")
    assert word_form("Ha\u0300") == "hà"  # decomposed input
    assert parse_stopwords("# only a comment\n\n") == set()
