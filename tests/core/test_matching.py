"""The three matching levels (core/text/matching.py) on Vietnamese minimal pairs."""

from __future__ import annotations

import re
import unicodedata

import pytest

from desktop_app.core.text.matching import (
    MatchLevel,
    closeness,
    contains,
    key,
    level_for_query,
    parse_level,
    regex,
    same,
    word_forms,
)

EXACT, WORD, NONE = MatchLevel.EXACT, MatchLevel.WORD, MatchLevel.NONE

# (a, b, same at WORD, same at NONE)
PAIRS = [
    ("thủy điện", "Thụy Điển", False, True),
    ("có thể", "cơ thể", False, True),
    ("người", "nguội", False, True),
    ("Đảng", "đang", False, True),
    ("Đảng", "đáng", False, True),
    ("hòa bình", "hoà bình", True, True),
    ("sức khỏe", "sức khoẻ", True, True),
    ("thủy điện", "Thuỷ điện", True, True),
    ("ủy ban", "uỷ ban", True, True),
    ("òa khóc", "oà khóc", True, True),
    ("oé", "óe", True, True),
    ("uý", "úy", True, True),
    ("quí", "quý", True, True),
    ("\u00d0ảng", "Đảng", True, True),
    ("ĐẢNG", "đảng", True, True),
    ("hoàng", "hòang", False, True),  # a final consonant: no old style to forgive
    ("quỳ", "qùy", False, True),  # qu- is the onset, not the nucleus
]


@pytest.mark.parametrize(("a", "b", "word", "none"), PAIRS)
def test_minimal_pairs_at_each_level(a: str, b: str, word: bool, none: bool) -> None:
    assert same(a, b, WORD) is word
    assert same(a, b, NONE) is none
    assert same(a, b, EXACT) is (a == b)


@pytest.mark.parametrize("text", [a for a, *_ in PAIRS] + [b for _, b, *_ in PAIRS]
                         + ["Hòa, THỦY; khỏe! Quí 😀 Ωmega ß İ"])
def test_keys_keep_the_length_of_nfc_text(text: str) -> None:
    text = unicodedata.normalize("NFC", text)
    for level in MatchLevel:
        assert len(key(text, level)) == len(text)


def test_tone_placement_moves_between_letters_of_one_syllable() -> None:
    assert key("Hòa và thủy, khỏe", WORD) == "hoà và thuỷ, khoẻ"
    assert key("hòa", WORD) == key("hoà", WORD)
    assert word_forms("Hòa") == ["hoà", "hòa"]
    assert word_forms("người") == ["người"]


def test_default_level_follows_the_query() -> None:
    assert level_for_query("dang") is NONE
    assert level_for_query("Dang") is NONE
    assert level_for_query("đang") is WORD
    assert level_for_query("hòa") is WORD
    assert level_for_query("hòa", EXACT) is EXACT
    assert parse_level(" Word ") is WORD
    with pytest.raises(ValueError, match="exact, word, none"):
        parse_level("fuzzy")


def test_closeness_ranks_exact_over_word_over_none() -> None:
    assert closeness("thủy điện", "thủy điện") is EXACT
    assert closeness("Thuỷ điện", "thủy điện") is WORD
    assert closeness("Thụy Điển", "thủy điện") is NONE
    assert EXACT.rank < WORD.rank < NONE.rank


def test_regexes_find_what_the_keys_join() -> None:
    text = "Hòa bình, hoà bình; thủy điện Thuỷ Điện Thụy Điển; Đảng đang đáng ĐẢNG"
    for query in ("hoà", "thủy", "Đảng", "dang", "thuy dien"):
        for level in MatchLevel:
            parts = [regex(p, level) for p in query.split()]
            found = [m.group() for m in re.finditer(r"\s+".join(parts), text)]
            wanted = [text[i:i + len(query)] for i in range(len(text) - len(query) + 1)
                      if same(text[i:i + len(query)], query, level)]
            assert found == wanted, (query, level)
    assert re.findall(regex("Đảng", EXACT), text) == ["Đảng"]


def test_contains_is_a_substring_test_at_the_level() -> None:
    assert contains("Sức khoẻ  cộng đồng", "sức khỏe cộng", WORD)
    assert not contains("Sức khoẻ", "sức khỏe", EXACT)
    assert not contains("nguội", "người", WORD)
    assert contains("nguội", "nguoi", NONE)
    assert contains("anything", "  ", WORD)
