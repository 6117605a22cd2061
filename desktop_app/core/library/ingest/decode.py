"""Bytes to text: find the encoding of an article file, or say in words why we cannot.

Order: byte-order mark, strict UTF-8, BOM-less UTF-16 (only when the NUL pattern is
unmistakable), Windows-1258 (the legacy Vietnamese code page). A file that is mostly
UTF-8 with a few broken bytes is refused rather than read as Windows-1258 mojibake or
silently patched with U+FFFD: annotations on damaged text would be damaged too.
"""

from __future__ import annotations

import codecs
import re
import unicodedata


class ImportFailure(Exception):
    """A file that cannot be imported; `reason` is a sentence a user can act on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# UTF-32 first: its LE mark starts with the UTF-16 LE mark.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Controls that plain text legitimately contains.
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1a")  # \x1a: DOS end-of-file marker
# Category Cc (C0, DEL, C1) minus the above, as a regex: counting them character by
# character in Python was a third of the import time of a 10,000-file corpus.
_OTHER_CONTROLS_RE = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]")
# More than this share of other control characters means the file is not text.
_MAX_CONTROL_SHARE = 0.02
_MIN_CONTROLS_FOR_BINARY = 3


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, Python codec name). Raises `ImportFailure` and nothing else."""
    if not data:
        raise ImportFailure("The file is empty.")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _checked(_decode_with_bom(data, bom, codec), codec)
    if b"\x00" in data:
        guessed = _utf16_without_bom(data)
        if guessed is None:
            raise ImportFailure(
                "The file contains NUL bytes: it is a binary file (an image, a PDF, a "
                "Word document…), not plain text."
            )
        codec = guessed
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as e:
            raise ImportFailure(
                f"The file looks like UTF-16 text but has invalid bytes at byte {e.start}."
            ) from None
        if not _looks_like_text(text):
            raise ImportFailure(
                "The file contains NUL bytes and is not readable as UTF-16: it is a binary "
                "file, not plain text."
            )
        return _checked(text, codec)
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as e:
        if _mostly_utf8(data):
            raise ImportFailure(
                f"The file is UTF-8 text with invalid bytes (the first at byte {e.start}): "
                "it may be damaged or cut short."
            ) from None
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        raise ImportFailure(
            "The file's encoding is not recognised: it is neither UTF-8, UTF-16 nor "
            "Windows-1258. Save it as UTF-8 and try again."
        ) from None
    if not _looks_like_cp1258_text(text):
        raise ImportFailure(
            "The file's encoding is not recognised: read as Windows-1258 it is not "
            "readable text. Save it as UTF-8 and try again."
        )
    # cp1258 writes tone marks as separate combining characters.
    return _checked(unicodedata.normalize("NFC", text), "cp1258")


def _decode_with_bom(data: bytes, bom: bytes, codec: str) -> str:
    name = codec.upper().replace("-SIG", "").replace("-LE", " LE").replace("-BE", " BE")
    try:
        return data[len(bom):].decode(codec.replace("-sig", ""))
    except UnicodeDecodeError as e:
        raise ImportFailure(
            f"The file starts with a {name} byte-order mark but its bytes are not valid "
            f"{name} (error at byte {e.start + len(bom)})."
        ) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 LE/BE if NULs sit almost only on one side of each byte pair.

    Vietnamese text in UTF-16 is mostly ASCII and Latin-1 (high byte 0) with U+1Exx
    letters mixed in, so a third of one side being NUL is already a strong sign.
    """
    if len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    nul_even, nul_odd = even.count(0), odd.count(0)
    pairs = len(data) // 2
    if nul_odd >= 0.3 * pairs and nul_even <= 0.02 * pairs:
        return "utf-16-le"
    if nul_even >= 0.3 * pairs and nul_odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


def _looks_like_text(text: str) -> bool:
    """A guessed UTF-16 must read as text: no stray controls, nearly all printable.

    Without a BOM the NUL pattern alone is weak evidence in a small file (a JPEG
    header has NULs on one side only).
    """
    if _OTHER_CONTROLS_RE.search(text):
        return False
    printable = sum(1 for ch in text if ch.isprintable() or ch in _TEXT_CONTROLS)
    return printable >= 0.95 * len(text)


def _mostly_utf8(data: bytes) -> bool:
    """True if valid multi-byte UTF-8 sequences far outnumber broken ones.

    Windows-1258 Vietnamese almost never forms a valid UTF-8 sequence by chance.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    return good >= 4 and good >= 4 * bad


def _looks_like_cp1258_text(text: str) -> bool:
    """Vietnamese in cp1258 uses high bytes for letters and tone marks, not symbols."""
    high = [ch for ch in text if ord(ch) > 127]
    if not high:
        return True
    wordlike = sum(1 for ch in high if unicodedata.category(ch)[0] in "LM")
    return wordlike >= 0.6 * len(high)


def _checked(text: str, codec: str) -> tuple[str, str]:
    """Refuse decoded text that is mostly control characters: it was binary after all."""
    controls = len(_OTHER_CONTROLS_RE.findall(text))
    if controls >= _MIN_CONTROLS_FOR_BINARY and controls > _MAX_CONTROL_SHARE * len(text):
        raise ImportFailure(
            "The file is full of control characters: it is a binary file, not plain text."
        )
    if "\x00" in text:
        raise ImportFailure("The file contains NUL characters: it is not plain text.")
    return text, codec
