"""Grapheme clusters (what a reader sees as one character) and spans that respect them.

Python's `unicodedata` has no grapheme segmentation, so this implements the extended
grapheme cluster rules of Unicode Standard Annex #29 that occur in Vietnamese text and
what people paste into it:

- GB3-GB5: CR LF is one cluster; other controls (Cc, Zl, Zp, and Cf except ZWJ/ZWNJ,
  so a soft hyphen or a zero-width space) stand alone.
- GB6-GB8: Hangul syllable sequences (L, V, T, LV, LVT, worked out from code points).
- GB9, GB9a: a base letter keeps its combining marks (Mn, Me: decomposed or doubled
  diacritics, variation selectors), ZWNJ, ZWJ, spacing marks (Mc), emoji skin-tone
  modifiers and tag characters (subdivision flags).
- GB11: emoji ZWJ sequences (👩‍💻) stay one cluster.
- GB12, GB13: regional indicators pair up into flags (🇻🇳🇫🇷 is two flags).

One deliberate difference: a combining mark or joiner right after white space starts
a cluster of its own (UAX #29 would put it on the space), so a token, which never holds
white space, can still hold the stray mark.

Left out, and said here: GB9b (Prepend, e.g. Arabic number signs) and GB9c (Indic
conjunct linkers). Extended_Pictographic, which unicodedata does not expose, is
approximated by the emoji and symbol blocks listed in `_PICTOGRAPHIC`.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

ZWJ = "\u200d"
ZWNJ = "\u200c"

_PICTOGRAPHIC = (
    (0x00A9, 0x00A9), (0x00AE, 0x00AE), (0x203C, 0x203C), (0x2049, 0x2049),
    (0x2122, 0x2122), (0x2139, 0x2139), (0x2194, 0x21AA), (0x231A, 0x23FF),
    (0x24C2, 0x24C2), (0x25AA, 0x25FE), (0x2600, 0x27BF), (0x2934, 0x2935),
    (0x2B05, 0x2B55), (0x3030, 0x3030), (0x303D, 0x303D), (0x3297, 0x3299),
    (0x1F000, 0x1F0FF), (0x1F10D, 0x1F1AD), (0x1F200, 0x1F2FF), (0x1F300, 0x1F5FF),
    (0x1F600, 0x1F64F), (0x1F680, 0x1F6FF), (0x1F700, 0x1F7FF), (0x1F800, 0x1F8FF),
    (0x1F900, 0x1F9FF), (0x1FA00, 0x1FAFF), (0x1FC00, 0x1FFFD),
)

# Character classes (the Grapheme_Cluster_Break values that matter here).
_OTHER, _CR, _LF, _CONTROL, _EXTEND, _ZWJ, _SPACING, _RI, _PICT, _L, _V, _T, _LV, _LVT = range(14)

# Text made only of these (Latin, Vietnamese letters, general punctuation, currency; no
# CR) has a boundary between every two characters: the fast path for stored articles.
_SIMPLE_RE = re.compile("[\\x00-\\x0c\\x0e-\u02ff\u1e00-\u1eff\u2010-\u2027\u2030-\u205f\u20a0-\u20bf]*")


@lru_cache(maxsize=4096)
def _class(ch: str) -> int:
    cp = ord(ch)
    if ch == "\r":
        return _CR
    if ch == "\n":
        return _LF
    if ch == ZWJ:
        return _ZWJ
    if 0x1F1E6 <= cp <= 0x1F1FF:
        return _RI
    if ch == ZWNJ or 0x1F3FB <= cp <= 0x1F3FF or 0xE0020 <= cp <= 0xE007F:
        return _EXTEND
    category = unicodedata.category(ch)
    if category in ("Mn", "Me"):
        return _EXTEND
    if category in ("Cc", "Zl", "Zp", "Cf"):
        return _CONTROL
    if category == "Mc":
        return _SPACING
    if 0x1100 <= cp <= 0x115F or 0xA960 <= cp <= 0xA97C:
        return _L
    if 0x1160 <= cp <= 0x11A7 or 0xD7B0 <= cp <= 0xD7C6:
        return _V
    if 0x11A8 <= cp <= 0x11FF or 0xD7CB <= cp <= 0xD7FB:
        return _T
    if 0xAC00 <= cp <= 0xD7A3:
        return _LV if (cp - 0xAC00) % 28 == 0 else _LVT
    if any(lo <= cp <= hi for lo, hi in _PICTOGRAPHIC):
        return _PICT
    return _OTHER


def _breaks(prev: int, cur: int, ri_run: int, pict_zwj: bool) -> bool:
    """Is there a boundary between a character of class `prev` and one of class `cur`?"""
    if prev == _CR and cur == _LF:
        return False  # GB3
    if prev in (_CR, _LF, _CONTROL) or cur in (_CR, _LF, _CONTROL):
        return True  # GB4, GB5
    if prev == _L and cur in (_L, _V, _LV, _LVT):
        return False  # GB6
    if prev in (_LV, _V) and cur in (_V, _T):
        return False  # GB7
    if prev in (_LVT, _T) and cur == _T:
        return False  # GB8
    if cur in (_EXTEND, _ZWJ, _SPACING):
        return False  # GB9, GB9a
    if prev == _ZWJ and cur == _PICT and pict_zwj:
        return False  # GB11
    if prev == _RI and cur == _RI:
        return ri_run % 2 == 0  # GB12, GB13: an odd run before pairs with this one
    return True  # GB999


def boundaries(text: str) -> list[int]:
    """Every offset where a grapheme cluster starts, and len(text): [0, ..., len(text)]."""
    if not text:
        return [0]
    if _SIMPLE_RE.fullmatch(text):
        return list(range(len(text) + 1))
    out = [0]
    prev = _class(text[0])
    ri_run = 1 if prev == _RI else 0
    in_pict = prev == _PICT  # ExtPict Extend* so far (for GB11)
    pict_zwj = False
    for i in range(1, len(text)):
        cur = _class(text[i])
        if _breaks(prev, cur, ri_run, pict_zwj) or (prev == _OTHER and text[i - 1].isspace()):
            out.append(i)
        pict_zwj = in_pict and cur == _ZWJ
        in_pict = cur == _PICT or (in_pict and cur == _EXTEND)
        ri_run = ri_run + 1 if cur == _RI else 0
        prev = cur
    out.append(len(text))
    return out


def clusters(text: str) -> list[str]:
    """The grapheme clusters of `text`, in order."""
    b = boundaries(text)
    return [text[s:e] for s, e in zip(b, b[1:], strict=False)]


def snap_spans(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token spans that never cut a grapheme cluster and together hold every character
    of `text` that is not white space, each exactly once.

    A span is widened to whole clusters (spans that then touch or overlap are merged);
    characters no span holds (a soft hyphen or a joiner the tokenizer dropped, a lone
    combining mark) join the token they touch, or else become a token of their own.
    Spans must be sorted and not overlap (what the aligner gives); empty ones are dropped.
    """
    bounds = None if _SIMPLE_RE.fullmatch(text) else boundaries(text)
    widened: list[list[int]] = []
    for start, end in spans:
        if end <= start:
            continue
        if bounds is not None:
            start = bounds[_index_at_or_before(bounds, start)]
            end = bounds[_index_at_or_after(bounds, end)]
        if widened and start < widened[-1][1]:
            widened[-1][1] = max(widened[-1][1], end)
        else:
            widened.append([start, end])
    out: list[tuple[int, int]] = []
    pos = 0
    for start, end in [*widened, [len(text), len(text)]]:
        for run in re.finditer(r"\S+", text[pos:start]):
            s, e = pos + run.start(), pos + run.end()
            if out and out[-1][1] == s:
                out[-1] = (out[-1][0], e)  # glued to the token before
            elif e == start and start < end:
                start = s  # glued to the next token
            else:
                out.append((s, e))
        if start < end:
            out.append((start, end))
        pos = max(pos, end)
    return out


def _index_at_or_before(bounds: list[int], offset: int) -> int:
    return bisect.bisect_right(bounds, offset) - 1


def _index_at_or_after(bounds: list[int], offset: int) -> int:
    return bisect.bisect_left(bounds, offset)
