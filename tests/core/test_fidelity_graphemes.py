"""Grapheme-safe tokens (issue 18, item 4): no token boundary inside a grapheme cluster,
every non-space character in exactly one token, and an unambiguous CoNLL token column."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.interchange.conll import export_conll, token_form
from desktop_app.core.library.ingest import import_paths
from desktop_app.core.nlp.segmentation import align_tokens, segment_paragraph, segment_text
from desktop_app.core.storage.database import Database
from desktop_app.core.text.graphemes import boundaries, clusters, snap_spans

FLAG_VN = "\U0001f1fb\U0001f1f3"
FLAG_FR = "\U0001f1eb\U0001f1f7"
WOMAN_TECH = "\U0001f469\u200d\U0001f4bb"  # 👩‍💻
THUMBS_MEDIUM = "\U0001f44d\U0001f3fd"
HEART = "\u2764\ufe0f"
SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"


@pytest.mark.parametrize(("text", "expected"), [
    ("Việt", ["V", "i", "ệ", "t"]),
    ("Vie\u0323\u0302t", ["V", "i", "e\u0323\u0302", "t"]),  # decomposed, marks in either order
    ("ho\u0300a\u0300", ["h", "o\u0300", "a\u0300"]),  # doubled tone marks stay on their letter
    ("e\u0301\u0301", ["e\u0301\u0301"]),
    (FLAG_VN + FLAG_FR + "\U0001f1e9", [FLAG_VN, FLAG_FR, "\U0001f1e9"]),
    (WOMAN_TECH + "x", [WOMAN_TECH, "x"]),
    (THUMBS_MEDIUM + HEART + SCOTLAND, [THUMBS_MEDIUM, HEART, SCOTLAND]),
    ("a\r\nb", ["a", "\r\n", "b"]),
    ("a\u00adb\u200bc", ["a", "\u00ad", "b", "\u200b", "c"]),  # soft hyphen, ZWSP: controls
    ("\u0301a", ["\u0301", "a"]),  # a mark with no base is a cluster of its own
    ("한국어", ["한", "국", "어"]),
    ("\u1100\u1161\u11a8", ["\u1100\u1161\u11a8"]),  # conjoining jamo: one syllable
])
def test_clusters(text: str, expected: list[str]) -> None:
    assert clusters(text) == expected


def test_snap_spans_widens_to_clusters_and_covers_everything() -> None:
    text = "Vie\u0323\u0302t Nam " + WOMAN_TECH + " a\u00adb"
    # A tokenizer that lost the marks, split the emoji and dropped the soft hyphen.
    spans = [(0, 3), (7, 10), (11, 12), (13, 14), (15, 16), (17, 18)]
    assert [text[s:e] for s, e in snap_spans(text, spans)] == [
        "Vie\u0323\u0302t", "Nam", WOMAN_TECH, "a\u00adb"[:2], "b"]


# ---------------------------------------------------------------- properties

SYLLABLES = ["Việt", "Nam", "đổi", "mới", "hoà", "thuỷ", "người", "Ban", "Tổ", "chức", "Trung",
             "ương", "cán", "bộ", "a_b", "x", "2023", "TP.HCM", "khoẻ"]
EXTRAS = ["\u0301", "\u0323", "\u0302", "\u0303", "\u200d", "\u200c", "\u00ad", "\ufe0f",
          FLAG_VN, FLAG_FR, WOMAN_TECH, THUMBS_MEDIUM, HEART, "\U0001f600", "\U0001f3fd", ",", "."]


@st.composite
def messy_vietnamese(draw: st.DrawFn) -> str:
    """Vietnamese words, some decomposed (NFD), with stray marks, joiners, soft hyphens,
    emoji and flags glued on or standing alone, separated by one or more spaces."""
    parts = []
    for _ in range(draw(st.integers(1, 14))):
        word = draw(st.sampled_from(SYLLABLES))
        if draw(st.booleans()):
            word = unicodedata.normalize("NFD", word)
        if draw(st.integers(0, 2)) == 0:
            cut = draw(st.integers(0, len(word)))
            word = word[:cut] + draw(st.sampled_from(EXTRAS)) + word[cut:]
        parts.append(word)
        parts.append(draw(st.sampled_from([" ", " ", "  ", " \u00a0"])))
    return "".join(parts).strip()


def _check_tokens(text: str, spans: list[tuple[int, int]]) -> None:
    cuts = set(boundaries(text))
    covered: list[int] = []
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert start in cuts and end in cuts, (text, start, end)  # never inside a cluster
        assert not text[start].isspace() and not text[end - 1].isspace()
        covered.extend(range(start, end))
    assert covered == sorted(set(covered))  # in order, no character twice
    visible = {i for i, ch in enumerate(text) if not ch.isspace()}
    assert visible <= set(covered)  # every non-space character in a token


@given(messy_vietnamese(), st.data())
@settings(max_examples=300, deadline=None)
def test_snapped_tokens_are_grapheme_safe_whatever_the_tokenizer_gives(text: str, data) -> None:
    # Any tokenizer output the aligner can place: tokens rewritten (NFC, marks dropped).
    tokens = [unicodedata.normalize("NFC", t) for t in text.split()]
    if data.draw(st.booleans()):
        tokens = ["".join(ch for ch in t if not unicodedata.combining(ch)) for t in tokens]
    _check_tokens(text, snap_spans(text, align_tokens(text, tokens)))


@pytest.mark.slow
@given(messy_vietnamese())
@settings(max_examples=40, deadline=None)
def test_segmentation_is_grapheme_safe(text: str) -> None:
    """The real segmenter (underthesea) on the same messy text."""
    _check_tokens(text, segment_paragraph(text))


def test_segmenting_keeps_marks_flags_and_joiners_in_tokens() -> None:
    text = "Vie\u0323\u0302t Nam " + FLAG_VN + " tha\u0300nh co\u0302\u0301ng " + WOMAN_TECH + " hôm\u00adnay"
    words = [text[s:e] for s, e in segment_text(text)]
    assert FLAG_VN in words and WOMAN_TECH in words
    assert "".join("".join(w.split()) for w in words) == "".join(text.split())


# ---------------------------------------------------------------- CoNLL

def _unescape(token: str) -> str:
    """The reading rule the README gives: backslash takes the next character literally,
    an underscore is a space."""
    out, i = [], 0
    while i < len(token):
        if token[i] == "\\" and i + 1 < len(token):
            out.append(token[i + 1])
            i += 2
            continue
        out.append(" " if token[i] == "_" else token[i])
        i += 1
    return "".join(out)


@pytest.mark.parametrize("word", ["Tổ chức", "a_b", "snake_case name", "C:\\dir_x", "_", "\\_"])
def test_conll_token_column_is_unambiguous(word: str) -> None:
    token = token_form(word, "_")
    assert _unescape(token) == word
    assert token_form(word, " ") == word


def test_conll_export_escapes_a_literal_underscore(db: Database, tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Tiêu đề bài báo\n\nTên tệp là bao_cao_2023 và Tổ chức.\n", encoding="utf-8")
    import_paths(db, [source])
    out = tmp_path / "out.conll"
    export_conll(db, out)
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    text = "Tiêu đề bài báo\n\nTên tệp là bao_cao_2023 và Tổ chức.\n"
    for token, start, end, _label in rows:
        assert _unescape(token) == " ".join(text[int(start):int(end)].split())
    assert any("\\_" in token for token, *_ in rows)
