"""Reference computations for the agreement tests, written out from the textbook formulas
independently of desktop_app.core.analysis.agreement, and the `krippendorff` package (a
dev-only dependency: PyPI `krippendorff`, which needs numpy)."""

from __future__ import annotations


def package_alpha(rows) -> float:
    """Nominal α by the `krippendorff` package; rows = coders, None = missing."""
    import krippendorff
    import numpy as np

    data = np.array([[np.nan if v is None else v for v in row] for row in rows], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def hand_cohen(a: list[int], b: list[int]) -> float:
    n = len(a)
    p_o = sum(x == y for x, y in zip(a, b, strict=True)) / n
    p_e = sum((a.count(c) / n) * (b.count(c) / n) for c in set(a) | set(b))
    return (p_o - p_e) / (1 - p_e)


def hand_fleiss(units: list[list[int]], categories: list[int]) -> float:
    n, m = len(units), len(units[0])
    p_i = [sum(u.count(c) * (u.count(c) - 1) for c in categories) / (m * (m - 1)) for u in units]
    p_j = [sum(u.count(c) for u in units) / (n * m) for c in categories]
    p_bar, p_e = sum(p_i) / n, sum(p * p for p in p_j)
    return (p_bar - p_e) / (1 - p_e)
