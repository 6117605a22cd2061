"""Krippendorff's unitizing α (αu) for one category on a continuum with gaps.

The definition implemented is the one in Krippendorff, *Content Analysis*, 2nd ed. (2004),
section 12.4 (first given in Krippendorff 1995, "On the reliability of unitizing continuous
data", Sociological Methodology 25, with a slip in D_e that the book corrects): each of m
coders cuts the continuum of length L into sections, either units of the category (w = 1)
or gaps (w = 0). Two coders' overlapping sections g (begin b_g, length l_g) and h differ by

    δ² = (b_g - b_h)² + (b_g + l_g - b_h - l_h)²   both are units (and they overlap)
    δ² = l_g²                                      g is a unit inside the gap h
    δ² = l_h²                                      h is a unit inside the gap g
    δ² = 0                                         otherwise (gap and gap, partial overlap
                                                   of a unit and a gap)

    D_o = Σ_{i≠j} Σ_g Σ_h δ² / (m (m - 1) L²)
    D_e = (2 / L) Σ_units [ (N - 1)/3 · (2l³ - 3l² + l) + l² Σ_{gaps, l_gap ≥ l} (l_gap - l + 1) ]
          / ( mL (mL - 1) - Σ_units l (l - 1) )
    αu  = 1 - D_o / D_e

where N is the number of units all coders marked and the sums over units and gaps run over
every coder's. This is also what DKPro Statistics implements (KrippendorffAlphaUnitizing-
Agreement); the 2016 variants (Krippendorff, Mathet, Bouvry, Widlöcher: uα, |u|α, cuα,
|cu|α) are not implemented.

Here the continuum is the code points of the articles all coders coded, laid end to end,
each article's edges closing its gaps (a gap never runs from one article into the next).
One coder's highlights with the same tag that overlap are one unit (the definition does not
allow a coder overlapping units of one category); highlights that only touch stay two units.
Everything is integer arithmetic until the last division.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence
from fractions import Fraction

from desktop_app.core.analysis.agreement.coefficients import NO_ARTICLES, TOO_FEW_CODERS, Parts, undefined

Span = tuple[int, int]


def merge_overlapping(spans: Sequence[Span]) -> list[Span]:
    """Sorted spans with the overlapping ones joined; touching spans stay apart; empty
    spans are dropped."""
    out: list[Span] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s < out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _sections(units: Sequence[Span], length: int) -> list[tuple[int, int, bool]]:
    """The continuum [0, length) cut into units (True) and the gaps between them."""
    out: list[tuple[int, int, bool]] = []
    pos = 0
    for s, e in units:
        if s > pos:
            out.append((pos, s, False))
        out.append((s, e, True))
        pos = e
    if pos < length:
        out.append((pos, length, False))
    return out


def pair_disagreement(a: Sequence[Span], b: Sequence[Span], length: int) -> int:
    """Σ_g Σ_h δ² between two coders' units (merged, sorted) on one article."""
    if not a and not b:
        return 0
    sa, sb = _sections(a, length), _sections(b, length)
    i = j = total = 0
    while i < len(sa) and j < len(sb):
        b1, e1, unit1 = sa[i]
        b2, e2, unit2 = sb[j]
        # the sweep visits exactly the overlapping pairs of sections, each once
        if unit1 and unit2:
            total += (b1 - b2) ** 2 + (e1 - e2) ** 2
        elif unit1 and b2 <= b1 and e1 <= e2:
            total += (e1 - b1) ** 2
        elif unit2 and b1 <= b2 and e2 <= e1:
            total += (e2 - b2) ** 2
        if e1 <= e2:
            i += 1
        if e2 <= e1:
            j += 1
    return total


def gap_lengths(units: Sequence[Span], length: int) -> list[int]:
    return [e - s for s, e, unit in _sections(units, length) if not unit]


class UnitizingTally:
    """αu for many tags, accumulated one article at a time (articles all coders coded)."""

    def __init__(self, coders: int) -> None:
        self.coders = coders
        self.length = 0  # L: code points of the articles added
        self.articles = 0
        self._blank_gaps: Counter[int] = Counter()  # every coder's whole-article gap, per article
        self._delta: Counter[str] = Counter()  # tag -> Σ_{i<j} Σ δ²
        self._units: dict[str, Counter[int]] = {}  # tag -> unit lengths (all coders)
        self._gaps: dict[str, Counter[int]] = {}  # tag -> gaps where the tag was used
        self._not_blank: dict[str, Counter[int]] = {}  # tag -> article lengths to take off the blank gaps

    def add(self, length: int, units: Mapping[str, Sequence[Sequence[Span]]]) -> None:
        """One article: `units[tag][k]` is coder k's merged, sorted units of the tag (every
        coder has a list, maybe empty). Tags nobody used in the article may be left out."""
        m = self.coders
        self.length += length
        self.articles += 1
        self._blank_gaps[length] += m
        for tag, per_coder in units.items():
            if len(per_coder) != m:
                raise ValueError(f"αu needs the units of all {m} coders, got {len(per_coder)}")
            if not any(per_coder):
                continue
            lengths = self._units.setdefault(tag, Counter())
            gaps = self._gaps.setdefault(tag, Counter())
            self._not_blank.setdefault(tag, Counter())[length] += m
            for k, mine in enumerate(per_coder):
                lengths.update(e - s for s, e in mine)
                gaps.update(gap_lengths(mine, length))
                for other in per_coder[k + 1:]:
                    self._delta[tag] += pair_disagreement(mine, other, length)

    def parts(self, tag: str) -> Parts:
        m, big_l = self.coders, self.length
        if m < 2:
            return undefined(TOO_FEW_CODERS)
        if big_l == 0:
            return undefined(NO_ARTICLES)
        lengths = self._units.get(tag, Counter())
        gaps = self._blank_gaps - self._not_blank.get(tag, Counter()) + self._gaps.get(tag, Counter())
        return unitizing_parts(m, big_l, lengths, gaps, self._delta[tag])


def unitizing_parts(m: int, big_l: int, lengths: Mapping[int, int], gaps: Mapping[int, int],
                    delta: int) -> Parts:
    """D_o and D_e from the unit lengths, the gap lengths (both {length: how many}), and
    Σ_{i<j} Σ δ² (each unordered pair of coders once)."""
    n_units = sum(lengths.values())
    # Σ_{gaps ≥ l} (gap - l + 1) = Σ gap - (l - 1) · count, from suffix sums over sorted gaps
    sizes = sorted(g for g, c in gaps.items() if c and g > 0)
    suffix_sum = [0] * (len(sizes) + 1)
    suffix_count = [0] * (len(sizes) + 1)
    for k in range(len(sizes) - 1, -1, -1):
        c = gaps[sizes[k]]
        suffix_sum[k] = suffix_sum[k + 1] + sizes[k] * c
        suffix_count[k] = suffix_count[k + 1] + c
    expected = 0  # the bracket of D_e's numerator, an integer: l(l-1)(2l-1) is 6 Σ k²
    squares = 0  # Σ l (l - 1)
    for size, count in lengths.items():
        k = bisect_left(sizes, size)
        fitting = suffix_sum[k] - (size - 1) * suffix_count[k]
        expected += count * ((n_units - 1) * size * (size - 1) * (2 * size - 1) // 3 + size * size * fitting)
        squares += count * size * (size - 1)
    denominator = m * big_l * (m * big_l - 1) - squares
    d_o = Fraction(2 * delta, m * (m - 1) * big_l * big_l)
    if expected == 0 or denominator <= 0:
        return Parts(d_o, Fraction(0))  # no unit at all: no variation
    return Parts(d_o, Fraction(2 * expected, big_l * denominator))
