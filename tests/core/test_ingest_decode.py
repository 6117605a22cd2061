"""decode_bytes: every encoding a Vietnamese article arrives in, and every way it can fail."""

from __future__ import annotations

import codecs
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.library.ingest import ImportFailure, decode_bytes
from desktop_app.core.text.normalize import normalize

SENTENCE = (
    "Ủy viên Bộ Chính trị, Trưởng Ban Tổ chức Trung ương phát biểu tại hội nghị.\n"
    "“Không ai không được giao nhiệm vụ” – đồng chí nhấn mạnh; thuỷ, hoà, Đảng, ưu tiên."
)

# cp1258 has precomposed base letters (â ê ô ă ơ ư) but writes tones as combining marks.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Encode Vietnamese as Windows does: base letter precomposed, tone mark separate."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize(
            "NFC", "".join(c for c in decomposed if c not in _TONES)
        )
        tones = "".join(c for c in decomposed if c in _TONES)
        out += (base + tones).encode("cp1258")
    return bytes(out)


def test_utf8() -> None:
    assert decode_bytes(SENTENCE.encode("utf-8")) == (SENTENCE, "utf-8")


def test_utf8_bom_is_removed() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + SENTENCE.encode("utf-8")) == (SENTENCE, "utf-8-sig")


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_bom_encodings_with_crlf(bom: bytes, codec: str) -> None:
    crlf = SENTENCE.replace("\n", "\r\n")
    text, name = decode_bytes(bom + crlf.encode(codec))
    assert (text, name) == (crlf, codec)
    assert normalize(text) == SENTENCE


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_nul_pattern(codec: str) -> None:
    assert decode_bytes(SENTENCE.encode(codec)) == (SENTENCE, codec)


def test_cp1258_is_decoded_and_tone_marks_composed() -> None:
    data = to_cp1258(SENTENCE)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text, name = decode_bytes(data)
    assert name == "cp1258"
    assert text == SENTENCE
    assert unicodedata.is_normalized("NFC", text)


def test_nfd_utf8_is_returned_as_written_and_normalize_composes_it() -> None:
    nfd = unicodedata.normalize("NFD", SENTENCE)
    text, _ = decode_bytes(nfd.encode("utf-8"))
    assert text == nfd
    assert normalize(text) == SENTENCE


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary"),
        (b"%PDF-1.7\n\x00\x01\x02\x03\xff\xfe\x00\x00binary", "binary"),
        (bytes(range(1, 32)) * 10, "control characters"),
        (b"\x81\x8d\x8f\x90\x9d", "encoding is not recognised"),
        (codecs.BOM_UTF16_LE + b"a\x00b", "not valid UTF-16"),
        (codecs.BOM_UTF8 + b"abc\x00def", "NUL"),
    ],
)
def test_bad_input_fails_with_a_reason(data: bytes, words: str) -> None:
    with pytest.raises(ImportFailure) as info:
        decode_bytes(data)
    assert words in info.value.reason
    assert info.value.reason.endswith(".")


def test_damaged_utf8_is_refused_not_read_as_cp1258() -> None:
    good = SENTENCE.encode("utf-8")
    damaged = good[:40] + b"\xff" + good[40:]
    with pytest.raises(ImportFailure) as info:
        decode_bytes(damaged)
    assert "UTF-8" in info.value.reason
    assert "byte 40" in info.value.reason


def test_truncated_utf8_is_refused() -> None:
    data = SENTENCE.encode("utf-8")
    cut = data[: data.index("Đảng".encode()) + 1]  # ends inside the two bytes of Đ
    with pytest.raises(ImportFailure, match="UTF-8"):
        decode_bytes(cut)


def test_a_few_stray_controls_are_tolerated() -> None:
    text = SENTENCE + "\x1a"  # DOS end-of-file marker
    assert decode_bytes(text.encode("utf-8"))[0] == text


@settings(max_examples=500)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_only_ever_raise_import_failure(data: bytes) -> None:
    try:
        text, name = decode_bytes(data)
    except ImportFailure as e:
        assert e.reason
    else:
        assert isinstance(text, str) and name


@given(
    st.text(
        st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=200
    ).filter(lambda s: not s.startswith("\ufeff"))
)
def test_any_utf8_text_round_trips(text: str) -> None:
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")
