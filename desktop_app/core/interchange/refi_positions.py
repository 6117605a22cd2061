"""What a position in another tool's REFI-QDA file means, decided from evidence.

REFI-QDA 1.5 counts code points, but NVivo counts UTF-16 code units and ATLAS.ti counts
a CRLF line break as one character. Nothing in a file says which; a wrong guess shifts
every selection after the first emoji (or line break). `choose_reading` decides per
source text, from what the file itself shows:

1. names: many tools (QualCoder, ours) write the selected text as the selection's
   `name`; the counting under which the selections hold their names is the right one;
2. fit: a counting that puts a position outside the text or inside a character is out;
3. word boundaries: the counting under which clearly more selection edges fall between
   words, not inside one.

When none of these tells the countings apart clearly, the evidence is weak: the standard
(or the exporting tool's known habit) is taken, and the choice says so, for the user to
check. `normalize_mapped` then carries positions in the raw text over to our normalized
text.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from desktop_app.core.text.normalize import OffsetMap, normalize

CODE_POINTS = "code points"
UTF16 = "UTF-16 code units"
CRLF_AS_ONE = "characters with CRLF as one"
# The counting each tool is known to use; ours is the standard's.
HABITS = {"nvivo": UTF16, "atlas": CRLF_AS_ONE, "chú giải": CODE_POINTS, "qualcoder": CODE_POINTS}
# Boundary evidence is clear when the winner has this many more edges between words than
# the runner-up, and most of the edges where the two differ.
MIN_MARGIN = 3
MIN_SHARE = 0.75
_CRLF_RE = re.compile("\r\n")
_ELLIPSIS = ("…", "...")


@dataclass(frozen=True)
class Reading:
    """One way to count positions in a source text; `to_raw` gives code points into it.

    `to_raw` returns None for a position outside the text or inside a character.
    """

    unit: str
    to_raw: Callable[[int], int | None]


@dataclass(frozen=True)
class ReadingChoice:
    """The counting taken for one source, and why.

    `evidence` is "same" (every counting gives the same positions: nothing to decide),
    "names", "fit", "boundaries" or "none" (a tie: the standard or the tool's habit);
    `agree` of `total` names or selection edges speak for the choice, `other` of them
    for `alternative`, the best counting not taken.
    """

    reading: Reading
    evidence: str
    weak: bool = False
    alternative: str | None = None
    agree: int = 0
    other: int = 0
    total: int = 0

    @property
    def unit(self) -> str:
        return self.reading.unit

    @property
    def decided(self) -> bool:
        """Whether the countings differed for this source, so that a choice was made."""
        return self.evidence != "same"


def readings(raw: str) -> list[Reading]:
    """The countings seen in the wild, in the text as decoded (BOM dropped, CRLF kept).

    Code points (REFI-QDA 1.5, QualCoder, us); UTF-16 code units (NVivo: an emoji
    counts 2); characters with CRLF as one (ATLAS.ti, as QualCoder's importer notes).
    A counting that cannot differ from code points for this text is left out.
    """
    n = len(raw)
    found = [Reading(CODE_POINTS, lambda p: p if 0 <= p <= n else None)]
    offsets = OffsetMap(raw)
    n16 = offsets.to_utf16(n)
    if n16 != n:

        def from_utf16(u: int) -> int | None:
            if not 0 <= u <= n16:
                return None
            cp = offsets.to_codepoint(u)
            return cp if offsets.to_utf16(cp) == u else None  # not inside a surrogate pair

        found.append(Reading(UTF16, from_utf16))
    crlf = [m.start() for m in _CRLF_RE.finditer(raw)]
    if crlf:
        # Where each CRLF sits when it counts one: earlier CRLFs each take one unit less.
        newlines = [pos - k for k, pos in enumerate(crlf)]
        n1 = n - len(crlf)

        def from_crlf_as_one(q: int) -> int | None:
            return q + bisect.bisect_right(newlines, q - 1) if 0 <= q <= n1 else None

        found.append(Reading(CRLF_AS_ONE, from_crlf_as_one))
    return found


def habit(origin: str) -> str:
    """The counting the exporting tool is known to use ("" if unknown)."""
    lowered = origin.lower()
    return next((unit for key, unit in HABITS.items() if key in lowered), "")


def choose_reading(raw: str, spans: Sequence[tuple[int, int]], origin: str = "",
                   names: Sequence[str | None] | None = None) -> ReadingChoice:
    """The counting the selections of one source were made in (see the module note).

    `names` are the selections' `name` attributes (None or "" where there is none).
    Raises ValueError, in words, if no counting fits every selection.
    """
    candidates = readings(raw)
    mapped: list[tuple[Reading, list[tuple[int, int]]]] = []
    for reading in candidates:
        raw_spans = _mapped(reading, spans)
        if raw_spans is not None:
            mapped.append((reading, raw_spans))
    if not mapped:
        start, end = next(((s, e) for s, e in spans if e > len(raw)), spans[0])
        raise ValueError(
            f"a selection at positions {start}–{end} lies beyond the end of its text "
            f"({len(raw)} characters)."
        )
    distinct = _distinct(mapped)
    if len(distinct) == 1:
        reading = distinct[0][0]
        if len(mapped) == len(candidates) or not spans:
            return ReadingChoice(reading, "same")
        return ReadingChoice(reading, "fit")  # the others put a position where none can be
    by_names = _by_names(raw, distinct, names or ())
    if by_names is not None:
        return by_names
    return _by_boundaries(raw, distinct, habit(origin))


def _mapped(reading: Reading, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]] | None:
    out = []
    for start, end in spans:
        rs, re_ = reading.to_raw(start), reading.to_raw(end)
        if rs is None or re_ is None:
            return None
        out.append((rs, re_))
    return out


def _distinct(mapped: list[tuple[Reading, list[tuple[int, int]]]]
              ) -> list[tuple[Reading, list[tuple[int, int]]]]:
    """One counting per distinct outcome (the first, so code points before the others)."""
    seen: list[list[tuple[int, int]]] = []
    out = []
    for reading, spans in mapped:
        if spans not in seen:
            seen.append(spans)
            out.append((reading, spans))
    return out


def _by_names(raw: str, distinct: list[tuple[Reading, list[tuple[int, int]]]],
              names: Sequence[str | None]) -> ReadingChoice | None:
    """The counting under which clearly more selections hold their names; None if the
    names do not tell the countings apart."""
    usable = [i for i, name in enumerate(names) if name and name.strip() and i < len(distinct[0][1])]
    if not usable:
        return None
    scores = sorted(
        ((sum(name_matches(raw[s[i][0]:s[i][1]], names[i] or "") for i in usable), k)
         for k, (_reading, s) in enumerate(distinct)),
        key=lambda x: (-x[0], x[1]))
    (best, k), (second, k2) = scores[0], scores[1]
    if best == second or best * 2 < len(usable):  # names that are labels, not the text
        return None
    return ReadingChoice(distinct[k][0], "names", alternative=distinct[k2][0].unit,
                         agree=best, other=second, total=len(usable))


def _by_boundaries(raw: str, distinct: list[tuple[Reading, list[tuple[int, int]]]],
                   preferred: str) -> ReadingChoice:
    """The counting with clearly more selection edges between words; else the habit or
    the standard, marked weak."""
    scored = [(sum(at_boundary(raw, i) for span in spans for i in span), reading.unit == preferred, -k)
              for k, (reading, spans) in enumerate(distinct)]
    best, runner = sorted(range(len(distinct)), key=lambda k: scored[k], reverse=True)[:2]
    won, lost, total = _edge_hits(raw, distinct[best][1], distinct[runner][1])
    if won - lost >= MIN_MARGIN and won >= MIN_SHARE * total:
        return ReadingChoice(distinct[best][0], "boundaries", alternative=distinct[runner][0].unit,
                             agree=won, other=lost, total=total)
    # Weak: the tool's habit if it fits, else the standard (the first: code points when
    # they fit), never the slightly better score of a shifted counting.
    fallback = next((k for k, (r, _) in enumerate(distinct) if r.unit == preferred), 0)
    other = best if best != fallback else runner
    agree, against, total = _edge_hits(raw, distinct[fallback][1], distinct[other][1])
    return ReadingChoice(distinct[fallback][0], "none", weak=True, alternative=distinct[other][0].unit,
                         agree=agree, other=against, total=total)


def _edge_hits(raw: str, a: list[tuple[int, int]], b: list[tuple[int, int]]) -> tuple[int, int, int]:
    """Of the selection edges where countings `a` and `b` differ (only those say anything
    about them): how many fall between words under each, and how many there are."""
    edges = [(x, y) for sa, sb in zip(a, b, strict=True) for x, y in zip(sa, sb, strict=True) if x != y]
    return (sum(at_boundary(raw, x) for x, _ in edges), sum(at_boundary(raw, y) for _, y in edges),
            len(edges))


def name_matches(selected: str, name: str) -> bool:
    """Whether a selection's name is its text: the same words, or (a tool that shortens
    names, with or without "…") their beginning, at least 8 characters of it."""
    text = " ".join(normalize(selected).split())
    label = " ".join(normalize(name).split())
    if text == label:
        return True
    for mark in _ELLIPSIS:
        if label.endswith(mark):
            label = label[: -len(mark)].rstrip()
            break
    return len(label) >= 8 and text.startswith(label)


def at_boundary(raw: str, i: int) -> bool:
    """Whether position `i` of `raw` lies between words (or at an edge of the text)."""
    if i <= 0 or i >= len(raw):
        return True
    before, after = raw[i - 1], raw[i]
    if before == "\r" and after == "\n":
        return False
    return not (_is_word(before) and _is_word(after))


def _is_word(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch)[0] == "M"


# --- carrying positions over to the normalized text --------------------------------------
def normalize_mapped(raw: str) -> tuple[str, list[int], list[int]]:
    """`normalize(raw)` and where each raw position lands in it, for starts and for ends.

    A start inside something normalization merges or drops (a CRLF, a letter and its
    combining mark) moves to where that begins, an end to where it ends: the highlight
    keeps all of what was selected. Two steps: per character (line breaks, controls,
    Ð), then NFC, which only ever joins a character with the ones before it.
    """
    pieces: list[tuple[int, str]] = []  # (raw start, what it becomes); CRLF is one piece
    i, n = 0, len(raw)
    cache: dict[str, str] = {}
    while i < n:
        if raw.startswith("\r\n", i):
            pieces.append((i, "\n"))
            i += 2
            continue
        ch = raw[i]
        out = cache.get(ch)
        if out is None:
            out = cache[ch] = normalize(ch)
        pieces.append((i, out))
        i += 1
    step1 = "".join(out for _, out in pieces)
    starts1, ends1 = _piece_maps(raw, pieces)
    if unicodedata.is_normalized("NFC", step1):
        text, starts, ends = step1, starts1, ends1
    else:
        starts2, ends2 = _piece_maps(step1, _nfc_groups(step1))
        text = unicodedata.normalize("NFC", step1)
        starts = [starts2[p] for p in starts1]
        ends = [ends2[p] for p in ends1]
    if text != normalize(raw):  # a guard: the hash must match a plain file import
        raise ValueError("the text cannot be normalized position by position.")
    return text, starts, ends


def _nfc_groups(text: str) -> list[tuple[int, str]]:
    """Runs of `text` that NFC normalizes on their own, with their NFC form."""
    groups: list[tuple[int, str]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i < len(text):
            ch = text[i]
            if unicodedata.combining(ch):
                continue
            if ch >= "\u0300":  # a starter that may still compose with what precedes
                run = text[start:i]
                if unicodedata.normalize("NFC", run + ch) != unicodedata.normalize(
                    "NFC", run
                ) + unicodedata.normalize("NFC", ch):
                    continue
        groups.append((start, unicodedata.normalize("NFC", text[start:i])))
        start = i
    return groups


def _piece_maps(src: str, pieces: list[tuple[int, str]]) -> tuple[list[int], list[int]]:
    """Start and end position maps from `src` to the concatenated piece outputs."""
    starts = [0] * (len(src) + 1)
    ends = [0] * (len(src) + 1)
    pos = 0
    bounds = [p for p, _ in pieces[1:]] + [len(src)]
    for (begin, out), stop in zip(pieces, bounds, strict=False):
        exact = src[begin:stop] == out
        for p in range(begin, stop):
            inside = p - begin
            starts[p] = pos + inside if exact else pos
            ends[p] = pos + inside if exact or inside == 0 else pos + len(out)
        pos += len(out)
    starts[len(src)] = ends[len(src)] = pos
    return starts, ends
