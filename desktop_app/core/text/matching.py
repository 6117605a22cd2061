"""Three matching levels, one rule for every surface (search, Find, concordance, filters).

- EXACT: the text as written (NFC; the stored text is NFC already), case included.
- WORD ("same word"): also blind to case, to U+00D0 Ð vs Đ, and to old vs new tone
  placement in a syllable ending in oa, oe, uy (hòa = hoà, khỏe = khoẻ, thủy = thuỷ,
  úy = uý) and to i/y after qu (quí = quý). "thủy" still differs from "thụy", "có" from "cơ".
- NONE ("no diacritics"): every mark dropped and đ = d (`normalize.fold`), and qui = quy
  as at WORD (a level never tells apart what a closer one joins).

Two strings match at a level when their `key` at that level is equal. Every key keeps
one code point per code point of NFC text, so offsets in a key are offsets in the text.
A query typed with any diacritics defaults to WORD, one typed without to NONE.
"""

from __future__ import annotations

import enum
import functools
import itertools
import re
import unicodedata
from collections.abc import Callable

from desktop_app.core.text.normalize import fold, normalize


class MatchLevel(enum.Enum):
    EXACT = "exact"
    WORD = "word"
    NONE = "none"

    @property
    def rank(self) -> int:
        """0 for the closest level: sort by it to put closer matches first."""
        return _ORDER.index(self)


_ORDER = (MatchLevel.EXACT, MatchLevel.WORD, MatchLevel.NONE)
LEVEL_NAMES = tuple(level.value for level in _ORDER)


def parse_level(name: str) -> MatchLevel:
    """"exact", "word" or "none" -> the level; ValueError naming the choices otherwise."""
    try:
        return MatchLevel(name.strip().lower())
    except ValueError:
        raise ValueError(f"unknown matching level {name!r}; choose from {', '.join(LEVEL_NAMES)}") from None


def has_diacritics(text: str) -> bool:
    """Any mark or đ: what makes a query default to WORD."""
    nfc = unicodedata.normalize("NFC", text)
    return fold(nfc) != nfc.casefold()


def level_for_query(query: str, chosen: MatchLevel | None = None) -> MatchLevel:
    """The user's choice if any, else WORD for a query with diacritics, else NONE."""
    if chosen is not None:
        return chosen
    return MatchLevel.WORD if has_diacritics(query) else MatchLevel.NONE


# ------------------------------------------------------------------ keys


class _Table(dict[int, str]):
    """str.translate table, one character for one, filled as characters are met."""

    def __init__(self, one: Callable[[str], str]) -> None:
        super().__init__()
        self._one = one

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        out = self._one(ch)
        self[code] = value = out if len(out) == 1 else ch
        return value


def _word_char(ch: str) -> str:
    ch = {"\u00d0": "\u0110", "\u00f0": "\u0111"}.get(ch, ch)
    return unicodedata.normalize("NFC", ch.casefold())


_WORD_TABLE = _Table(_word_char)
_NONE_TABLE = _Table(fold)

_TONED_O = "òóỏõọ"
_TONED_U = "ùúủũụ"
_TONED_A = "àáảãạ"
_TONED_E = "èéẻẽẹ"
_TONED_Y = "ỳýỷỹỵ"
_TONED_I = "ìíỉĩị"
_LETTER = r"[^\W\d_]"
_ONSET_END = "bcdđghklmnprstvx"  # a consonant may precede the nucleus; q may not (qu-)
_BEFORE = rf"(?:(?<!{_LETTER})|(?<=[{_ONSET_END}]))"
_AFTER = rf"(?!{_LETTER})"
# Old style, tone on the first vowel of a syllable-final oa/oe/uy -> new style.
_OLD_RE = re.compile(rf"{_BEFORE}([{_TONED_O}][ae]|[{_TONED_U}]y){_AFTER}")
# New style, to list the old form as a variant.
_NEW_RE = re.compile(rf"{_BEFORE}(o[{_TONED_A}{_TONED_E}]|u[{_TONED_Y}]){_AFTER}")
_QUI_RE = re.compile(rf"(?<!{_LETTER})qu([i{_TONED_I}])(?=t?{_AFTER})")
_QUY_RE = re.compile(rf"(?<!{_LETTER})qu([y{_TONED_Y}])(?=t?{_AFTER})")


def _move_tone(pair: str, to_second: bool) -> str:
    """"òa" <-> "oà": the tone mark moves between the two letters (length kept)."""
    first, second = unicodedata.normalize("NFD", pair[0]), unicodedata.normalize("NFD", pair[1])
    marks = first[1:] + second[1:]
    bases = (first[0], second[0] + marks) if to_second else (first[0] + marks, second[0])
    return "".join(unicodedata.normalize("NFC", b) for b in bases)


_I_TO_Y = str.maketrans("i" + _TONED_I, "y" + _TONED_Y)
_Y_TO_I = str.maketrans("y" + _TONED_Y, "i" + _TONED_I)


def _canonical(folded: str) -> str:
    """Case-folded NFC text with new-style tone placement and y after qu."""
    if _OLD_RE.search(folded):
        folded = _OLD_RE.sub(lambda m: _move_tone(m.group(1), True), folded)
    return _quy(folded)


def _quy(folded: str) -> str:
    if "qu" in folded:
        folded = _QUI_RE.sub(lambda m: "qu" + m.group(1).translate(_I_TO_Y), folded)
    return folded


def casefolded(text: str) -> str:
    """Case-folded NFC text, Ð as Đ, as long as `text`: the WORD key before tone placement
    (what the search index holds besides the folded key)."""
    return text.translate(_WORD_TABLE)


def key(text: str, level: MatchLevel) -> str:
    """The comparison key of NFC `text` at `level`, as long as `text`."""
    if level is MatchLevel.EXACT:
        return text
    if level is MatchLevel.NONE:
        return _quy(text.translate(_NONE_TABLE))
    return _canonical(text.translate(_WORD_TABLE))


def query_text(query: str) -> str:
    """A typed query as stored text is: NFC, Ð -> Đ, single spaces."""
    return " ".join(normalize(query).split())


def same(a: str, b: str, level: MatchLevel) -> bool:
    return key(a, level) == key(b, level)


def closeness(found: str, query: str) -> MatchLevel:
    """The closest level at which `found` (stored text) matches `query` (as typed)."""
    wanted = query_text(query)
    found = " ".join(found.split())
    for level in _ORDER[:-1]:
        if key(found, level) == key(wanted, level):
            return level
    return MatchLevel.NONE


def contains(haystack: str, needle: str, level: MatchLevel) -> bool:
    """Substring test at `level` (runs of whitespace count as one space): a filter box."""
    wanted = key(query_text(needle), level)
    return not wanted or wanted in key(" ".join(haystack.split()), level)


# ------------------------------------------------------------------ regexes over the text


def word_forms(word: str) -> list[str]:
    """Case-folded spellings of `word` that are the same word: its key, and the old tone
    placement or qui for quy where the key has them. A handful at most for one word."""
    canon = key(query_text(word), MatchLevel.WORD)
    choices: list[list[str]] = []
    pos = 0
    spots = sorted([(m.start(1), 2, "tone") for m in _NEW_RE.finditer(canon)]
                   + [(m.start(1), 1, "qu") for m in _QUY_RE.finditer(canon)])
    for start, width, kind in spots:
        piece = canon[start:start + width]
        other = _move_tone(piece, False) if kind == "tone" else piece.translate(_Y_TO_I)
        choices += [[canon[pos:start]], [piece, other]]
        pos = start + width
    choices.append([canon[pos:]])
    return ["".join(parts) for parts in itertools.islice(itertools.product(*choices), 64)]


@functools.cache
def _classes() -> dict[str, str]:
    """Folded letter -> regex class of every BMP character folding to it (~40 ms, once)."""
    groups: dict[str, set[str]] = {}
    for ch in map(chr, range(0x10000)):
        if ch.casefold() != ch or unicodedata.decomposition(ch) or ch in "đĐðÐ":
            if (folded := ch.translate(_NONE_TABLE)) != ch:
                groups.setdefault(folded, {folded}).add(ch)
    return {k: "[" + re.escape("".join(sorted(v))) + "]" for k, v in groups.items()}


def regex(word: str, level: MatchLevel, marks: str = "") -> str:
    """A pattern matching, in NFC text, what equals `word` (no spaces) at `level`.

    `marks` follows each letter at the NONE level (to let decomposed text match)."""
    word = query_text(word)
    if level is MatchLevel.EXACT:
        return re.escape(word)
    if level is MatchLevel.WORD:
        forms = word_forms(word)
        return "(?i:" + "|".join(map(re.escape, forms)) + ")"
    classes = _classes()
    folded = key(word, MatchLevel.NONE)
    parts = [classes.get(c, re.escape(c)) for c in folded]
    for m in _QUY_RE.finditer(folded):  # quy also matches qui
        parts[m.start(1)] = "(?:" + classes["y"] + "|" + classes["i"] + ")"
    return "".join(part + marks for part in parts)
