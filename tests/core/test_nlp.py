"""Word segmentation: every underthesea token maps onto an exact span of the source."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from importlib import metadata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.nlp import segmentation as nlp
from desktop_app.core.text.normalize import fold, normalize

underthesea = pytest.importorskip("underthesea")
word_tokenize = underthesea.word_tokenize

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
_INVISIBLE = re.compile(r"[\s\u200b\u2060\ufeff\u180e\u200c\u200d]")


def key(text: str) -> str:
    """An independent normalizing key: folded, no marks, no spaces or zero-width."""
    folded = "".join(c for c in unicodedata.normalize("NFD", fold(text)) if not unicodedata.combining(c))
    return _INVISIBLE.sub("", folded)


# Old-style tone placement, as found in older Vietnamese text.
_OLD_TONES = {
    "òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
    "òe": "oè", "óe": "oé", "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ",
    "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ",
}


def old_tones(text: str) -> str:
    for new, old in _OLD_TONES.items():
        text = text.replace(new, old).replace(new.capitalize(), old.capitalize())
        text = text.replace(new.upper(), old.upper())
    return text


VARIANTS = {
    "stored": lambda t: t,
    "nfd": lambda t: unicodedata.normalize("NFD", t),
    "old_tones": old_tones,
    "eth": lambda t: t.replace("Đ", "\u00d0"),
    "zero_width": lambda t: re.sub(r"(\w) (\w)", "\\1\u200b \\2", t).replace("ng", "n\u200bg"),
    "double_spaces": lambda t: t.replace(" ", "  ").replace(",", " ,"),
}


@pytest.fixture(scope="module")
def seed_texts() -> list[str]:
    assert SEEDS, "the seeds/ folder is empty"
    return [normalize(p.read_text(encoding="utf-8")) for p in SEEDS]


def check_structure(source: str, spans: list[tuple[int, int]]) -> None:
    previous = 0
    for start, end in spans:
        assert previous <= start <= end <= len(source), (previous, start, end, len(source))
        previous = end


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_token_maps_to_a_span(seed_texts: list[str], variant: str) -> None:
    changed = 0
    for stored in seed_texts:
        text = VARIANTS[variant](stored)
        changed += text != stored
        for start, end in nlp.segmentation_units(text):
            line = text[start:end]
            assert "\n" not in line
            tokens = word_tokenize(line)
            spans = nlp.align_tokens(line, tokens)
            assert len(spans) == len(tokens)
            check_structure(line, spans)
            for token, (s, e) in zip(tokens, spans, strict=True):
                assert key(line[s:e]) == key(token), (token, line[s:e])
                if key(token):
                    assert not line[s].isspace() and not line[e - 1].isspace()
                    # never between a letter and its combining marks (NFD text)
                    assert e == len(line) or not unicodedata.combining(line[e]), (token, line[s:e + 1])
    if variant != "stored":
        assert changed, f"the {variant} variant changed nothing: the test would prove nothing"


def test_stored_text_aligns_exactly(seed_texts: list[str]) -> None:
    """On stored (NFC) text underthesea rewrites nothing: spans are the tokens verbatim."""
    for text in seed_texts:
        for start, end in nlp.segmentation_units(text):
            line = text[start:end]
            tokens = word_tokenize(line)
            for token, (s, e) in zip(tokens, nlp.align_tokens(line, tokens), strict=True):
                assert re.sub(r"\s+", " ", line[s:e]) == token


def test_segment_text_never_crosses_a_newline(seed_texts: list[str]) -> None:
    for text in seed_texts:
        spans = nlp.segment_text(text)
        assert spans
        check_structure(text, spans)
        for s, e in spans:
            assert e > s
            assert "\n" not in text[s:e]
            assert not text[s].isspace() and not text[e - 1].isspace()


def test_byline_is_not_joined_with_the_next_line() -> None:
    # underthesea alone joins across the newline; we segment line by line.
    text = "Tuấn Anh\nBan Tổ chức Trung ương"
    words = [text[s:e] for s, e in nlp.segment_text(text)]
    assert "Tuấn Anh" in words
    assert all("\n" not in w for w in words)
    assert words[-1] == "Trung ương"


def test_multi_syllable_words_are_one_span() -> None:
    text = "Ban Tổ chức Trung ương họp tại Hà Nội."
    words = [text[s:e] for s, e in nlp.segment_text(text)]
    assert "Tổ chức" in words and "Trung ương" in words and "Hà Nội" in words


def test_typo_fix_maps_to_the_original_word() -> None:
    # underthesea's token_map turns "nghành" into "ngành" and "qui" into "quy".
    text = "Cán bộ nghành tổ chức theo qui định."
    tokens = word_tokenize(text)
    assert "ngành" in tokens
    words = [text[s:e] for s, e in nlp.align_tokens(text, tokens)]
    assert "nghành" in words
    assert "qui định" in words


def test_spans_include_combining_marks_of_nfd_text() -> None:
    text = unicodedata.normalize("NFD", "hoà bình")
    spans = nlp.segment_paragraph(text)
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "")
    assert spans[-1][1] == len(text)


def test_long_lines_are_cut_at_sentence_ends() -> None:
    sentence = "Ban Tổ chức Trung ương đã hoàn thành nhiệm vụ. "
    text = sentence * 300  # ~14,000 characters on one line
    units = nlp.segmentation_units(text)
    assert len(units) > 1
    assert all(e - s <= nlp.MAX_UNIT for s, e in units)
    assert all(text[e - 2] == "." for s, e in units[:-1])
    spans = nlp.segment_text(text)
    check_structure(text, spans)
    assert len(spans) >= 300 * 6


def test_job_chunks_give_the_same_spans_as_the_whole_text(seed_texts: list[str]) -> None:
    text = "\n".join(seed_texts) + "\n" + "Một câu dài. " * 700
    whole = nlp.segment_text(text)
    pieces = []
    for start, end in nlp.job_chunks(text):
        assert end - start <= nlp.MAX_UNIT
        pieces.extend((start + s, start + e) for s, e in nlp.segment_text(text[start:end]))
    assert pieces == whole


@pytest.mark.parametrize(
    "tokens",
    [[], ["không", "có", "đâu"], ["", " ", "\u0301"], ["a"] * 50, ["Ban Tổ chức Trung ương họp"], [None, 3]],
)
def test_align_tolerates_tokens_that_do_not_fit(tokens: list) -> None:
    source = "Ban Tổ chức họp"
    spans = nlp.align_tokens(source, tokens)
    assert len(spans) == len(tokens)
    check_structure(source, spans)


def test_engine_names_the_installed_version() -> None:
    assert nlp.ENGINE == "underthesea " + metadata.version("underthesea")


def test_importing_nlp_does_not_import_underthesea() -> None:
    code = (
        "import sys, desktop_app.core.nlp.segmentation, desktop_app.core.nlp.stored, desktop_app.core.nlp.worker_process; "
        "sys.exit('underthesea' in sys.modules)"
    )
    repo = Path(__file__).resolve().parents[2]
    assert subprocess.run([sys.executable, "-c", code], cwd=repo).returncode == 0


# --- property test -------------------------------------------------------------------

_SYLLABLES = st.builds(
    lambda onset, vowel, tone, coda: unicodedata.normalize("NFC", onset + vowel + tone + coda),
    st.sampled_from(
        ["", "b", "c", "ch", "d", "đ", "Đ", "g", "gh", "kh", "ng", "ngh", "nh", "ph", "qu", "th", "tr", "X"]
    ),
    st.sampled_from(["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "uy", "ươ", "iê", "Ư"]),
    st.sampled_from(["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]),
    st.sampled_from(["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]),
)
_PIECES = st.one_of(
    _SYLLABLES,
    _SYLLABLES.map(lambda s: unicodedata.normalize("NFD", s)),
    _SYLLABLES.map(old_tones),
    st.sampled_from([" ", "  ", "\n", "\t", "\u00a0", "\u200b", ",", ".", "...", "(", ")", "-", ":", "“", "”",
                     "😀", "🇻🇳", "👨\u200d👩\u200d👧", "\u0301", "Ð", "12/10/2023", "08:29", "4.123,2", "%"]),
    st.text(max_size=3),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_alignment_never_raises_and_stays_in_bounds(text: str) -> None:
    spans = nlp.segment_text(text)
    check_structure(text, spans)
    for s, e in spans:
        assert e > s
        assert "\n" not in text[s:e]
        assert not text[s].isspace() and not text[e - 1].isspace()
    for start, end in nlp.segmentation_units(text):
        line = text[start:end]
        tokens = word_tokenize(line)
        aligned = nlp.align_tokens(line, tokens)
        assert len(aligned) == len(tokens)
        check_structure(line, aligned)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=30), st.lists(st.text(max_size=6), max_size=12))
def test_align_never_raises_on_arbitrary_tokens(source: str, tokens: list[str]) -> None:
    spans = nlp.align_tokens(source, tokens)
    assert len(spans) == len(tokens)
    check_structure(source, spans)
