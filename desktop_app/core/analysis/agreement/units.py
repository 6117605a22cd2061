"""Units of agreement and the one-pass count of what each coder said about each unit.

A unit is a span of the article's text: one code point (`character`), one segmented word
(`word`), a sentence (`sentence`) or the whole article (`article`). A unit holding only
white space or invisible characters (zero-width space, controls) is not a unit.

For each unit and tag, a coder's value is 1 when one of the coder's highlights with the
tag covers ANY part of the unit, else 0: a highlight over "cán" alone covers the word
"cán bộ". A coder who did not code an article gives no value for its units (missing
data): only the coders named in `ArticleCoding.coders` coded it.

The count never looks at a (unit, tag, coder) triple on its own: per article and tag, each
coder's highlights become runs of unit indices (bisect over the sorted units), the runs of
all coders are swept once, and every stretch of units with the same pattern of coders
saying 1 is added as a length. What is kept, per tag, is {(coders who coded, coders who
said 1): units}, from which every coefficient follows (coefficients.py).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from desktop_app.core.analysis.agreement.unitizing import UnitizingTally, merge_overlapping
from desktop_app.core.text.spans import TextSpan

UNIT_KINDS = ("character", "word", "sentence", "article")
Highlight = tuple[int, int, frozenset[str]]  # (start, end, tag names), code points
Span = tuple[int, int]

_INVISIBLE = frozenset({"Cf", "Cc", "Zs", "Zl", "Zp"})
# A sentence ends at . ! ? … (and closing quotes or brackets after them) before white space.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")


def _visible_char(ch: str) -> bool:
    return not ch.isspace() and unicodedata.category(ch) not in _INVISIBLE


def _visible(text: str) -> bool:
    return any(map(_visible_char, text))


def character_units(text: str) -> list[TextSpan]:
    return [TextSpan(i, i + 1) for i, ch in enumerate(text) if ch.isalnum() or _visible_char(ch)]


def word_units(text: str, words: Iterable[tuple[int, int]]) -> list[TextSpan]:
    """The article's segmented words (its stored segmentation), sorted; invisible ones
    dropped. ValueError when two words overlap or one lies outside the text."""
    out: list[TextSpan] = []
    append, size, last_end = out.append, len(text), 0
    for s, e in sorted(words):
        if not 0 <= s <= e <= size:
            raise ValueError(f"word ({s}, {e}) lies outside the article's {size} code points")
        # most words start with a letter or digit: look closer only at the rest
        if s == e or not (text[s].isalnum() or _visible(text[s:e])):
            continue
        if s < last_end:
            raise ValueError(f"words ({out[-1].start}, {out[-1].end}) and ({s}, {e}) overlap")
        append(TextSpan(s, e))
        last_end = e
    return out


def sorted_word_units(text: str, starts: Sequence[int], ends: Sequence[int]) -> list[Span]:
    """word_units for spans already in order (a stored segmentation: 700,000 words in a
    fraction of word_units' time). ValueError when they are not in order or overlap."""
    out: list[Span] = []
    append, last_end = out.append, 0
    for s, e in zip(starts, ends, strict=True):
        if s < last_end or e < s:
            raise ValueError(f"word ({s}, {e}) is out of order")
        last_end = e
        if s < e and (text[s].isalnum() or _visible(text[s:e])):
            append((s, e))
    if last_end > len(text):
        raise ValueError(f"a word ends after the article's {len(text)} code points")
    return out


def sentence_units(text: str) -> list[TextSpan]:
    """Lines, cut after sentence-final punctuation followed by white space; each piece
    without its surrounding white space. (A plain rule: "TP. Hồ Chí Minh" is cut after
    "TP.".)"""
    out: list[TextSpan] = []
    pos = 0
    for line in text.split("\n"):
        cuts = [m.end() for m in _SENTENCE_END.finditer(line)] + [len(line)]
        start = 0
        for cut in cuts:
            piece = line[start:cut]
            if _visible(piece):
                lead = len(piece) - len(piece.lstrip())
                out.append(TextSpan(pos + start + lead, pos + start + len(piece.rstrip())))
            start = cut
        pos += len(line) + 1
    return out


def article_units(text: str) -> list[TextSpan]:
    if not _visible(text):
        return []
    return [TextSpan(len(text) - len(text.lstrip()), len(text.rstrip()))]


def units_of(kind: str, text: str, words: Iterable[tuple[int, int]] | None = None) -> list[TextSpan]:
    """The units of one article; `words` (its segmentation) is needed for `word`."""
    if kind == "character":
        return character_units(text)
    if kind == "word":
        if words is None:
            raise ValueError("word units need the article's word segmentation")
        return word_units(text, words)
    if kind == "sentence":
        return sentence_units(text)
    if kind == "article":
        return article_units(text)
    raise ValueError(f"unknown unit {kind!r} (choose one of {', '.join(UNIT_KINDS)})")


@dataclass(frozen=True)
class ArticleCoding:
    """One article as the agreement sees it: its length in code points (the αu continuum),
    its units (from a *_units function: sorted, disjoint, visible) and the highlights of
    every coder who coded it (a coder with no highlights who coded it maps to [])."""

    length: int
    units: Sequence[tuple[int, int]]
    coders: Mapping[str, Sequence[Highlight]] = field(default_factory=dict)

    @staticmethod
    def of(kind: str, text: str, coders: Mapping[str, Sequence[Highlight]],
           words: Iterable[tuple[int, int]] | None = None) -> ArticleCoding:
        return ArticleCoding(len(text), units_of(kind, text, words), coders)


Pattern = tuple[int, int]  # (bit mask of the coders who coded, bit mask of those who said 1)


class Tally:
    """Everything the coefficients need, accumulated over articles in one pass."""

    def __init__(self, coders: Sequence[str], tags: Sequence[str] | None = None) -> None:
        if len(set(coders)) != len(coders):
            raise ValueError("a coder is named twice")
        if tags is not None and len(set(tags)) != len(tags):
            raise ValueError("a tag is named twice")
        self.coders = tuple(coders)
        self._bit = {c: 1 << k for k, c in enumerate(self.coders)}
        self.all_coders = (1 << len(self.coders)) - 1
        self._wanted = None if tags is None else frozenset(tags)
        self.tags_seen: set[str] = set()
        self.articles = 0  # articles at least two of the coders coded
        self.units_by_coded: Counter[int] = Counter()  # coded mask -> units
        self.patterns: dict[str, Counter[Pattern]] = {}  # tag -> patterns with someone saying 1
        self.unitizing = UnitizingTally(len(self.coders))

    def add(self, article: ArticleCoding) -> None:
        present = [(self._bit[c], hl) for c, hl in article.coders.items() if c in self._bit]
        if len(present) < 2:
            return  # nothing here can be compared
        self.articles += 1
        coded = 0
        for bit, _ in present:
            coded |= bit
        units = article.units
        self.units_by_coded[coded] += len(units)
        spans = self._spans_by_tag(present, article.length)
        starts = [u[0] for u in units]
        ends = [u[1] for u in units]
        for tag, per_coder in spans.items():
            events: list[tuple[int, int]] = []
            for bit, mine in per_coder.items():
                run_start = run_end = -1
                for s, e in mine:
                    i0, i1 = bisect_right(ends, s), bisect_left(starts, e)
                    if i0 >= i1:
                        continue  # the highlight covers only white space between units
                    if i0 <= run_end:
                        run_end = max(run_end, i1)
                        continue
                    if run_end > run_start:
                        events += ((run_start, bit), (run_end, bit))
                    run_start, run_end = i0, i1
                if run_end > run_start:
                    events += ((run_start, bit), (run_end, bit))
            if not events:
                continue
            events.sort()
            counts = self.patterns.setdefault(tag, Counter())
            said, at = 0, 0
            for index, bit in events:
                if said and index > at:
                    counts[(coded, said)] += index - at
                said ^= bit
                at = index
        if coded == self.all_coders:
            order = [bit for bit, _ in sorted(present)]
            self.unitizing.add(article.length, {
                tag: [per_coder.get(bit, []) for bit in order] for tag, per_coder in spans.items()})

    def _spans_by_tag(self, present: list[tuple[int, Sequence[Highlight]]],
                      length: int) -> dict[str, dict[int, list[Span]]]:
        """tag -> coder bit -> that coder's highlights with the tag, overlapping ones joined."""
        raw: dict[str, dict[int, list[Span]]] = {}
        wanted = self._wanted
        for bit, highlights in present:
            for start, end, tags in highlights:
                if not 0 <= start <= end <= length:
                    raise ValueError(f"highlight ({start}, {end}) lies outside the article's {length} code points")
                if start == end:
                    continue
                for tag in tags:
                    if wanted is None or tag in wanted:
                        raw.setdefault(tag, {}).setdefault(bit, []).append((start, end))
        self.tags_seen.update(raw)
        for per_coder in raw.values():
            for bit, spans in per_coder.items():
                per_coder[bit] = merge_overlapping(spans) if len(spans) > 1 else spans
        return raw

    def patterns_of(self, tag: str) -> Counter[Pattern]:
        """Every pattern of the tag, the all-zero ones included (units nobody marked)."""
        out = Counter(self.patterns.get(tag, ()))
        marked: Counter[int] = Counter()
        for (coded, _), units in out.items():
            marked[coded] += units
        for coded, units in self.units_by_coded.items():
            if units - marked[coded]:
                out[(coded, 0)] = units - marked[coded]
        return out
