"""Bytes to text: find the encoding of an article file, or say in words why we cannot.

Order: byte-order mark, strict UTF-8, BOM-less UTF-16 (only when the NUL pattern is
unmistakable), then the legacy Vietnamese encodings: Windows-1258, TCVN3 (ABC),
VNI-Windows and VISCII, each weighed by how many of its words are Vietnamese syllables
(`_guess_legacy`). Valid UTF-8 is never read any other way, except that pure-ASCII VIQR
("Vie^.t Nam") is converted when the evidence is strong (`_viqr`). A file that is mostly
UTF-8 with a few broken bytes is refused rather than read as Windows-1258 mojibake or
silently patched with U+FFFD: annotations on damaged text would be damaged too. A guess
that is not clear-cut is still imported, with a notice saying what was assumed.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from desktop_app.core.library.ingest import legacy
from desktop_app.core.library.ingest.syllables import plausibility


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


@dataclass(frozen=True)
class Decoded:
    """A file's text and how it was read."""

    text: str  # NFC where the encoding writes marks apart (cp1258, TCVN3, VNI)
    original: str  # as the bytes spell it: `legacy.encode(original)` gives them back
    codec: str  # a Python codec name, or one of legacy's names
    notice: str | None = None  # the encoding was a guess: say so, in words

    @property
    def encoding_name(self) -> str:
        return legacy.encoding_name(self.codec)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, codec name). Raises `ImportFailure` and nothing else."""
    decoded = read_text(data, viqr=False)
    return decoded.text, decoded.codec


def read_text(data: bytes, *, viqr: bool = True) -> Decoded:
    """The file's text, its encoding, and a notice when the encoding was a guess.

    `viqr`: also convert ASCII text that is clearly VIQR (plain-text files; a web page's
    markup has too many apostrophes and question marks to judge).
    """
    text, codec = _unicode_or_none(data)
    if text is None:
        return _guess_legacy(data)
    if viqr and codec in ("utf-8", "utf-8-sig"):
        return _viqr(text, codec)
    return Decoded(text, text, codec)


def _unicode_or_none(data: bytes) -> tuple[str | None, str]:
    """(text, codec) for a BOM, UTF-16 without BOM, or valid UTF-8; (None, "") for a
    file in a single-byte encoding. Raises `ImportFailure` for what is not text."""
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
    return None, ""


# The guess is made on the file's start: enough words, and a 50 MB file is read four
# times only once.
_SAMPLE_BYTES = 200_000
_SURE = 0.85  # share of words that must be syllables for a guess without a notice
_MIN_WORDS = 3  # fewer words with marks than this: no evidence either way
_CLOSE = 0.15  # a runner-up this close that reads differently makes the guess ambiguous
_PLAUSIBLE = 0.5  # below this no Vietnamese encoding fits


def _guess_legacy(data: bytes) -> Decoded:
    """Windows-1258, TCVN3, VNI or VISCII: the one whose words are Vietnamese syllables."""
    sample = data[:_SAMPLE_BYTES]
    if len(data) > _SAMPLE_BYTES and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n")]
    scored: list[tuple[float, int, str, str]] = []
    for codec in ("cp1258", *legacy.SINGLE_BYTE):
        try:
            text = unicodedata.normalize("NFC", _raw(sample, codec))
        except UnicodeDecodeError:
            continue
        score, words = plausibility(text)
        scored.append((score, words, codec, text))
    scored.sort(key=lambda s: -s[0])  # stable: Windows-1258 first among equals
    best_score, words, codec, best_text = scored[0] if scored else (0.0, 0, "", "")
    rivals = [legacy.encoding_name(c) for score, _w, c, text in scored[1:]
              if score >= best_score - _CLOSE and text != best_text]
    notice = None
    if best_score < _PLAUSIBLE:
        codec = "cp1258"  # no Vietnamese encoding fits: the text is another language
        notice = ("No Vietnamese encoding fits this file well: it was read as Windows-1258. "
                  "Check its text; if it looks wrong, save the file as UTF-8 and import it again.")
    elif best_score < _SURE or words < _MIN_WORDS or rivals:
        notice = (f"The file's encoding was not certain: it was read as "
                  f"{legacy.encoding_name(codec)} ({best_score:.0%} of {words} words with marks "
                  "are Vietnamese)" + (f"; it could also be {', '.join(rivals)}" if rivals else "")
                  + ". Check its text; if it looks wrong, save the file as UTF-8 and import it again.")
    try:
        original = _raw(data, codec)
    except UnicodeDecodeError:
        raise ImportFailure(
            "The file's encoding is not recognised: it is neither UTF-8, UTF-16, Windows-1258, "
            "TCVN3, VNI nor VISCII. Save it as UTF-8 and try again."
        ) from None
    if codec == "cp1258" and not _looks_like_cp1258_text(original):
        raise ImportFailure(
            "The file's encoding is not recognised: read as Windows-1258 it is not "
            "readable text. Save it as UTF-8 and try again."
        )
    # cp1258, TCVN3 and VNI may write tone marks as separate combining characters.
    text, _ = _checked(unicodedata.normalize("NFC", original), codec)
    return Decoded(text, original, codec, notice)


def _raw(data: bytes, codec: str) -> str:
    return data.decode("cp1258") if codec == "cp1258" else legacy.decode(data, codec)


# VIQR is plain ASCII, so valid UTF-8: converted only on strong evidence, never when the
# text already has Vietnamese letters.
_VIQR_WORD_RE = re.compile(r"[A-Za-z]*[aeiouyAEIOUY](?:[\^(+]|[\^(+]?['`?~.])[A-Za-z]")
_VIQR_END_RE = re.compile(r"(?<=[A-Za-z])[aeiouyAEIOUY](?:[\^(+]['`?~.]?|['`~])(?=[\s,;:)]|$)")
_VIQR_DD_RE = re.compile(r"(?<![A-Za-z])(?:dd|DD)[aeiouyAEIOUY]")
_VIQR_MIN_WORDS = 8
_VIQR_SHARE = 0.2  # of all words (in VIQR text about half the syllables carry a mark)
_VIQR_HINT_SHARE = 0.05


def _viqr(text: str, codec: str) -> Decoded:
    if any(ord(ch) > 0x7F and ch.isalpha() for ch in text[:_SAMPLE_BYTES]):
        return Decoded(text, text, codec)  # Unicode Vietnamese (or another language)
    sample = text[:_SAMPLE_BYTES]
    words = len(sample.split())
    marked = sum(1 for w in sample.split()
                 if _VIQR_WORD_RE.search(w) or _VIQR_END_RE.search(w) or _VIQR_DD_RE.match(w))
    if words and marked >= _VIQR_MIN_WORDS and marked >= _VIQR_SHARE * words:
        converted = legacy.viqr_to_unicode(text)
        score, _n = plausibility(converted[:_SAMPLE_BYTES])
        if score >= _SURE:
            return Decoded(converted, text, legacy.VIQR)
    if words and marked >= _MIN_WORDS and marked >= _VIQR_HINT_SHARE * words:
        return Decoded(text, text, codec, notice=(
            "This file may be written in VIQR (\"Vie^.t Nam\"), but the evidence was too weak "
            "to convert it: it was imported as it is."))
    return Decoded(text, text, codec)


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
