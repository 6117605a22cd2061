"""Vietnamese text: normalization, the diacritic-free search key, and offset conversion.

Offsets in the database are Python code points into the stored text. Qt counts UTF-16
code units, which differ after any character outside the BMP (emoji): `OffsetMap`
converts between the two and is the only place that does.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

# Zero-width characters that carry no meaning in running text. ZWJ/ZWNJ are kept:
# they hold emoji sequences together.
_ZERO_WIDTH = "\u200b\u2060\ufeff\u180e"
# C0/C1 controls except TAB and LF, plus Qt's internal frame markers.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0\ufdd1" + _ZERO_WIDTH + "]")
_NEWLINES_RE = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def normalize(text: str) -> str:
    """The stored form of an article: NFC, LF line ends, no controls or zero-width marks.

    U+00D0/U+00F0 (Icelandic eth) are mapped to Đ/đ: legacy Vietnamese encodings and
    OCR produce them where Đ/đ was meant.
    """
    text = _NEWLINES_RE.sub("\n", text)
    text = _CONTROL_RE.sub("", text)
    text = text.replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    return unicodedata.normalize("NFC", text)


_FOLD_MAP = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch.translate(_FOLD_MAP))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).casefold()


class _FoldTable(dict[int, str]):
    """Each character's folding, worked out the first time it is seen: str.translate
    then folds in C, 3.6x faster than decomposing every string (0.12 vs 0.45 µs a
    character on the seeds), which the importer, search and boilerplate all feel."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Search key: no diacritics, đ -> d, case-folded. "Tổ chức Đảng" -> "to chuc dang".

    Meant for NFC text, where it keeps one code point per code point for Vietnamese, so
    positions in the key are positions in the text. Characters whose case-folding
    changes length (ß -> ss) keep their own folding length; use `fold_aligned` when
    positions must match exactly.
    """
    return unicodedata.normalize("NFC", text.translate(_FOLD_TABLE))


def fold_aligned(text: str) -> str:
    """Like `fold`, but exactly one output character per input character."""
    out = []
    for ch in text:
        folded = fold(ch)
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out)


_ASTRAL_RE = re.compile("[\U00010000-\U0010FFFF]")


class OffsetMap:
    """Converts code-point offsets of one text to UTF-16 code units (Qt) and back."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        # Code-point indexes of characters that take two UTF-16 units (found by regex:
        # a Python loop over a 1 MB article took 250 ms).
        self._astral = [m.start() for m in _ASTRAL_RE.finditer(text)]
        # Their UTF-16 positions: each earlier astral character shifts by one.
        self._astral_u16 = [i + n for n, i in enumerate(self._astral)]

    def to_utf16(self, codepoint: int) -> int:
        return codepoint + bisect.bisect_left(self._astral, codepoint)

    def to_codepoint(self, utf16: int) -> int:
        """A UTF-16 position inside a surrogate pair maps to the start of that character."""
        # Astral characters that end at or before `utf16` each count one unit extra.
        n = bisect.bisect_right(self._astral_u16, utf16 - 2)
        if n < len(self._astral_u16) and self._astral_u16[n] == utf16 - 1:
            return self._astral[n]  # utf16 points at a low surrogate
        return utf16 - n


_SENTENCE_END_RE = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s)|\n")


class SentenceIndex:
    """Sentence ends of one text, found once, so that many highlights of the same article
    get their context by bisection instead of rescanning the text each time."""

    def __init__(self, text: str) -> None:
        self.text = text
        matches = list(_SENTENCE_END_RE.finditer(text))
        self._ends = [m.end() for m in matches]
        self._starts = [m.start() for m in matches]
        # Where the sentence stops: after its punctuation, or before a line break.
        self._stops = [m.start() if m.group() == "\n" else m.end() for m in matches]
        self._contexts: dict[tuple[int, int], str] = {}

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """The sentence(s) around [start, end): from the previous sentence end to the next."""
        return self._trimmed(*self._sentence_ids(start, end))

    def context(self, start: int, end: int) -> str:
        """text[slice(*bounds(start, end))], each distinct sentence span sliced once:
        an export asks for the same few sentences thousands of times."""
        ids = self._sentence_ids(start, end)
        found = self._contexts.get(ids)
        if found is None:
            left, right = self._trimmed(*ids)
            found = self._contexts[ids] = self.text[left:right]
        return found

    def _sentence_ids(self, start: int, end: int) -> tuple[int, int]:
        """(sentence end before start, sentence start after end): they fix the bounds."""
        i = bisect.bisect_right(self._ends, start) - 1
        left = self._ends[i] if i >= 0 else 0
        return i, bisect.bisect_left(self._starts, max(end, left))

    def _trimmed(self, i: int, j: int) -> tuple[int, int]:
        text = self.text
        left = self._ends[i] if i >= 0 else 0
        right = self._stops[j] if j < len(self._starts) else len(text)
        while left < right and text[left].isspace():
            left += 1
        while right > left and text[right - 1].isspace():
            right -= 1
        return left, right


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) around [start, end) of `text` (see SentenceIndex for many lookups)."""
    return SentenceIndex(text).bounds(start, end)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Every sentence as (start, end), as SentenceIndex cuts them (the context a passage is
    shown in): trimmed of spaces, blank ones left out."""
    spans: list[tuple[int, int]] = []
    left = 0
    for m in _SENTENCE_END_RE.finditer(text):
        right = m.start() if m.group() == "\n" else m.end()
        _add_trimmed(text, left, right, spans)
        left = m.end()
    _add_trimmed(text, left, len(text), spans)
    return spans


def _add_trimmed(text: str, left: int, right: int, spans: list[tuple[int, int]]) -> None:
    while left < right and text[left].isspace():
        left += 1
    while right > left and text[right - 1].isspace():
        right -= 1
    if left < right:
        spans.append((left, right))


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end): the unit of segmentation (never across a newline)."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans
