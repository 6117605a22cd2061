"""Percent agreement, Cohen's κ, Fleiss' κ and Krippendorff's nominal α, computed exactly.

Every coefficient here is written as 1 - observed / expected disagreement, kept as two
`Fraction`s (`Parts`), so that no figure is rounded before the last step and several tags
can be pooled by summing each side (see `pool`):

- percent agreement: 1 - disagreeing coder pairs / coder pairs, over the units every coder
  coded (pairwise agreement: with 3 coders a unit where two agree counts 1 pair of 3);
- Cohen's κ (Cohen 1960; exactly two coders): 1 - (1 - p_o) / (1 - p_e), p_e from each
  coder's own marginals;
- Fleiss' κ (Fleiss 1971; any number of coders, the units all of them coded):
  1 - (1 - P̄) / (1 - P̄_e);
- Krippendorff's α, nominal (Krippendorff, "Computing Krippendorff's Alpha-Reliability",
  2011): 1 - D_o / D_e from the coincidence matrix, any number of coders, missing values
  allowed (a unit counts when at least two coders coded it).

Units are given as *profiles*: how many coders gave each value (a tuple of counts, one per
category), with how many units had that profile. That is all percent agreement, Fleiss' κ
and α need, and it is what lets the caller count a whole library in one pass. Cohen's κ
needs the two coders apart: it takes the 2-way table {(value of A, value of B): units}.

A coefficient that cannot be computed (no units, one category only, ...) is `None` with
a reason (`UNDEFINED_*`); nothing here divides by zero or returns NaN.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

Profile = tuple[int, ...]  # units' value counts, one per category: (coders who said 0, ... said 1)

NO_VARIATION = "undefined: no variation"
NO_UNITS = "undefined: no unit coded by all coders"
TOO_FEW_VALUES = "undefined: fewer than 2 pairable values"
NOT_TWO_CODERS = "undefined: needs exactly two coders"
TOO_FEW_CODERS = "undefined: needs two or more coders"
NO_ARTICLES = "undefined: no article coded by all coders"
REASONS = (NO_VARIATION, NO_UNITS, TOO_FEW_VALUES, NOT_TWO_CODERS, TOO_FEW_CODERS, NO_ARTICLES)

_ZERO = Fraction(0)


@dataclass(frozen=True, slots=True)
class Coefficient:
    """One figure: `value`, or None and the `reason` it is undefined."""

    value: float | None
    reason: str | None = None

    @property
    def defined(self) -> bool:
        return self.value is not None


@dataclass(frozen=True, slots=True)
class Parts:
    """A coefficient as 1 - observed / expected. `reason` is set when the data cannot give
    one at all (no units, wrong number of coders); `expected == 0` means no variation."""

    observed: Fraction = _ZERO
    expected: Fraction = _ZERO
    reason: str | None = None

    def coefficient(self, scale: int = 1) -> Coefficient:
        if self.reason is not None:
            return Coefficient(None, self.reason)
        if self.expected == 0:
            return Coefficient(None, NO_VARIATION)
        return Coefficient(float((1 - self.observed / self.expected) * scale))


def undefined(reason: str) -> Parts:
    return Parts(reason=reason)


def pool(parts: Iterable[Parts]) -> Parts:
    """Several tags as one figure: 1 - Σ observed / Σ expected over the tags that have the
    data (a tag with one category only adds 0 to both sides, so it neither helps nor hurts).

    For κ this is De Vries et al.'s (2008) pooled κ; for mutually exclusive categories the
    pooled per-category figure equals the ordinary multi-category κ or α (Fleiss 1971
    showed it for his κ; tests/core/test_agreement_coefficients.py checks all three)."""
    observed = expected = _ZERO
    reason: str | None = None
    usable = False
    for p in parts:
        if p.reason is not None:
            reason = reason or p.reason
            continue
        usable = True
        observed += p.observed
        expected += p.expected
    if not usable:
        return undefined(reason or NO_UNITS)
    return Parts(observed, expected)


def percent_parts(profiles: Mapping[Profile, int], coders: int) -> Parts:
    """Pairwise percent agreement over the units all `coders` coded (its value × 100)."""
    if coders < 2:
        return undefined(TOO_FEW_CODERS)
    per_unit = coders * (coders - 1) // 2
    agreeing = pairs = 0
    for profile, units in profiles.items():
        if units and sum(profile) == coders:
            agreeing += units * sum(n * (n - 1) // 2 for n in profile)
            pairs += units * per_unit
    if pairs == 0:
        return undefined(NO_UNITS)
    return Parts(Fraction(pairs - agreeing), Fraction(pairs))


def fleiss_parts(profiles: Mapping[Profile, int], coders: int) -> Parts:
    """Fleiss' κ over the units all `coders` coded."""
    if coders < 2:
        return undefined(TOO_FEW_CODERS)
    n_units = same = 0  # same: Σ over units of Σ_j n_j (n_j - 1), the agreeing ordered pairs
    totals: Counter[int] = Counter()  # category -> values given to it
    for profile, units in profiles.items():
        if not units or sum(profile) != coders:
            continue
        n_units += units
        same += units * sum(n * (n - 1) for n in profile)
        for category, n in enumerate(profile):
            totals[category] += units * n
    if n_units == 0:
        return undefined(NO_UNITS)
    values = n_units * coders
    p_bar = Fraction(same, n_units * coders * (coders - 1))
    p_e = Fraction(sum(t * t for t in totals.values()), values * values)
    return Parts(1 - p_bar, 1 - p_e)


def alpha_parts(profiles: Mapping[Profile, int]) -> Parts:
    """Krippendorff's nominal α: D_o = Σ_u Σ_{c≠k} n_uc n_uk / (m_u - 1) / n and
    D_e = Σ_{c≠k} n_c n_k / (n (n - 1)), over the units with m_u ≥ 2 values."""
    n = 0
    observed = _ZERO
    totals: Counter[int] = Counter()
    for profile, units in profiles.items():
        m = sum(profile)
        if not units or m < 2:
            continue  # a lone value has no one to be compared with
        n += units * m
        # Σ_{c≠k} n_c n_k = m² - Σ n_c²
        observed += Fraction(units * (m * m - sum(c * c for c in profile)), m - 1)
        for category, count in enumerate(profile):
            totals[category] += units * count
    if n < 2:
        return undefined(TOO_FEW_VALUES)
    different = n * n - sum(t * t for t in totals.values())
    return Parts(observed / n, Fraction(different, n * (n - 1)))


def cohen_parts(table: Mapping[tuple[Hashable, Hashable], int]) -> Parts:
    """Cohen's κ from {(value given by coder A, value given by coder B): units}."""
    total = agreeing = 0
    rows: Counter[Hashable] = Counter()
    cols: Counter[Hashable] = Counter()
    for (a, b), units in table.items():
        total += units
        agreeing += units if a == b else 0
        rows[a] += units
        cols[b] += units
    if total == 0:
        return undefined(NO_UNITS)
    p_e = Fraction(sum(rows[c] * cols[c] for c in rows), total * total)
    return Parts(1 - Fraction(agreeing, total), 1 - p_e)


# Building profiles and tables from plain rows (the worked examples, the tests, any caller
# that has a reliability matrix rather than highlights).

def profiles_of(rows: Sequence[Sequence[Hashable | None]],
                categories: Sequence[Hashable] | None = None) -> Counter[Profile]:
    """A reliability matrix (one row per coder, one column per unit, None = not coded) as
    unit profiles over `categories` (default: every value seen, in sorted order)."""
    if categories is None:
        categories = sorted({v for row in rows for v in row if v is not None}, key=repr)
    index = {c: i for i, c in enumerate(categories)}
    width = len({len(row) for row in rows})
    if width > 1:
        raise ValueError("every coder's row needs one value (or None) per unit")
    out: Counter[Profile] = Counter()
    for column in zip(*rows, strict=True):
        counts = [0] * len(categories)
        for value in column:
            if value is not None:
                counts[index[value]] += 1
        out[tuple(counts)] += 1
    return out


def table_of(a: Sequence[Hashable | None], b: Sequence[Hashable | None]) -> Counter[tuple[Hashable, Hashable]]:
    """Two coders' values as Cohen's table, over the units both coded."""
    return Counter((x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None)
