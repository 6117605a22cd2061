"""Normalization, folding and the code point <-> UTF-16 conversion."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.text.normalize import (
    OffsetMap,
    fold,
    fold_aligned,
    normalize,
    paragraph_spans,
    sentence_bounds,
)


def test_normalize_nfc_newlines_controls_and_eth():
    raw = unicodedata.normalize("NFD", "Ðảng\r\nủy\u200bban\x08\rxong")
    assert normalize(raw) == "Đảng\nủyban\nxong"
    assert unicodedata.is_normalized("NFC", normalize(raw))


def test_normalize_keeps_emoji_sequences():
    family = "👨\u200d👩\u200d👧"
    assert normalize(family) == family


def test_fold_ignores_case_diacritics_and_d_stroke():
    assert fold("Tổ chức Đảng") == "to chuc dang"
    assert fold("ĐOÀN KẾT") == "doan ket"
    assert fold("Ủy ban") == fold("uy ban")


def test_fold_aligned_keeps_length():
    text = "Hội nghị Ban Tổ chức Trung ương 😀 Straße"
    assert len(fold_aligned(text)) == len(text)


def test_offsets_after_emoji_round_trip():
    text = "😀 Ban 𝕏 Tổ chức 🇻🇳 Trung ương"
    m = OffsetMap(text)
    utf16 = text.encode("utf-16-le")
    for cp in range(len(text) + 1):
        u = m.to_utf16(cp)
        # The UTF-16 prefix of length u decodes to exactly the first cp characters.
        assert utf16[: 2 * u].decode("utf-16-le") == text[:cp]
        assert m.to_codepoint(u) == cp
    # "Tổ" starts at code point 8 but at UTF-16 unit 10 (two astral characters before it).
    start = text.index("Tổ")
    assert (start, m.to_utf16(start)) == (8, 10)


def test_position_inside_surrogate_pair_maps_to_its_character():
    m = OffsetMap("a😀b")
    assert m.to_codepoint(2) == 1  # the low surrogate belongs to the emoji at 1


@given(st.text())
def test_offset_map_matches_utf16_encoding(text):
    m = OffsetMap(text)
    for cp in range(0, len(text) + 1, max(1, len(text) // 20)):
        u = m.to_utf16(cp)
        assert len(text[:cp].encode("utf-16-le", "surrogatepass")) == 2 * u
        assert m.to_codepoint(u) == cp


def test_sentence_bounds_finds_the_sentence_around_a_span():
    text = "Câu một. Hội nghị bàn về cán bộ! Câu ba\nDòng mới."
    start = text.index("cán bộ")
    left, right = sentence_bounds(text, start, start + len("cán bộ"))
    assert text[left:right] == "Hội nghị bàn về cán bộ!"
    start = text.index("ba")
    assert text[slice(*sentence_bounds(text, start, start + 2))] == "Câu ba"


def test_paragraph_spans_skip_blank_lines():
    text = "Một\n\n  \nHai ba\n"
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["Một", "Hai ba"]


def test_sentence_index_gives_the_same_context_for_every_span():
    from desktop_app.core.text.normalize import SentenceIndex

    text = "Một câu. Hai câu!\n\nBa “câu.” Bốn… năm? Sáu\nBảy. "
    index = SentenceIndex(text)
    for start in range(len(text)):
        for end in range(start + 1, min(len(text), start + 12) + 1):
            left, right = index.bounds(start, end)
            assert 0 <= left <= right <= len(text)
            assert text[left:right] == text[left:right].strip()
            assert index.context(start, end) == text[left:right]
    assert text[slice(*index.bounds(text.index("Hai"), text.index("Hai") + 3))] == "Hai câu!"
    assert text[slice(*index.bounds(text.index("năm"), text.index("năm") + 3))] == "năm?"
    assert text[slice(*index.bounds(text.index("Sáu"), text.index("Sáu") + 3))] == "Sáu"
