"""The agreement coefficients against published worked examples and independent
implementations (the `krippendorff` package for α; textbook formulas written out here for
the κs), including missing data and the degenerate cases."""

from __future__ import annotations

import math
import random
from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.analysis.agreement.coefficients import (
    NO_UNITS,
    NO_VARIATION,
    TOO_FEW_CODERS,
    TOO_FEW_VALUES,
    alpha_parts,
    cohen_parts,
    fleiss_parts,
    percent_parts,
    pool,
    profiles_of,
    table_of,
)
from tests.core.agreement_reference import hand_cohen, hand_fleiss, package_alpha

_ = None
# Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), section C: nominal data,
# 4 observers, 12 units, missing values; α (nominal) = 0.743.
K2011_NOMINAL = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]
# Same paper, section A: binary data, two observers, 10 units; α = 0.095.
K2011_BINARY = [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
                [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]
# Fleiss, "Measuring nominal scale agreement among many raters", Psychological Bulletin 76(5),
# 1971, p. 379: 30 subjects, 6 psychiatrists, 5 diagnoses; P̄ = 0.5556, P̄e = 0.2201, κ = 0.430,
# and per category (p. 380) κ_j = 0.248, 0.248, 0.517, 0.470, 0.565. (Rows as transcribed in
# DKPro Statistics' Fleiss1971Test.)
FLEISS_1971 = [
    (4, 4, 4, 4, 4, 4), (2, 2, 2, 5, 5, 5), (2, 3, 3, 3, 3, 5), (5, 5, 5, 5, 5, 5), (2, 2, 2, 4, 4, 4),
    (1, 1, 3, 3, 3, 3), (3, 3, 3, 3, 5, 5), (1, 1, 3, 3, 3, 4), (1, 1, 4, 4, 4, 4), (5, 5, 5, 5, 5, 5),
    (1, 4, 4, 4, 4, 4), (1, 2, 4, 4, 4, 4), (2, 2, 2, 3, 3, 3), (1, 4, 4, 4, 4, 4), (2, 2, 4, 4, 4, 5),
    (3, 3, 3, 3, 3, 5), (1, 1, 1, 4, 5, 5), (1, 1, 1, 1, 1, 2), (2, 2, 4, 4, 4, 4), (1, 3, 3, 5, 5, 5),
    (5, 5, 5, 5, 5, 5), (2, 4, 4, 4, 4, 4), (2, 2, 4, 5, 5, 5), (1, 1, 4, 4, 4, 4), (1, 4, 4, 4, 4, 5),
    (2, 2, 2, 2, 2, 4), (1, 1, 1, 1, 5, 5), (2, 2, 4, 4, 4, 4), (1, 3, 3, 3, 3, 3), (5, 5, 5, 5, 5, 5),
]
# Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories (counts per
# category); P̄ = 0.378, P̄e = 0.213, κ = 0.210.
WIKIPEDIA_FLEISS = [(0, 0, 0, 0, 14), (0, 2, 6, 4, 2), (0, 0, 3, 5, 6), (0, 3, 9, 2, 0), (2, 2, 8, 1, 1),
                    (7, 7, 0, 0, 0), (3, 2, 6, 3, 0), (2, 5, 3, 2, 2), (6, 5, 2, 1, 0), (0, 2, 2, 3, 7)]
# Cohen, "A coefficient of agreement for nominal scales" (1960), p. 45 (as transcribed in
# DKPro Statistics' Cohen1960Test): 200 cases, p_o = 0.70, p_e = 0.41, κ = 0.492.
COHEN_1960 = {(1, 1): 88, (1, 2): 14, (1, 3): 18, (2, 1): 10, (2, 2): 40, (2, 3): 10,
              (3, 1): 2, (3, 2): 6, (3, 3): 12}
# Wikipedia, "Cohen's kappa", simple example: 50 proposals, yes/yes 20, yes/no 5, no/yes 10,
# no/no 15: p_o = 0.7, p_e = 0.5 · 0.6 + 0.5 · 0.4 = 0.5, κ = 0.4 (by hand, too).
WIKIPEDIA_COHEN = {("yes", "yes"): 20, ("yes", "no"): 5, ("no", "yes"): 10, ("no", "no"): 15}


def columns(rows):
    return [list(c) for c in zip(*rows, strict=True)]


def value(parts, scale=1):
    return parts.coefficient(scale).value


def test_krippendorff_2011_nominal_example_with_missing_data() -> None:
    assert value(alpha_parts(profiles_of(K2011_NOMINAL))) == pytest.approx(0.743, abs=5e-4)


def test_krippendorff_2011_binary_example() -> None:
    parts = alpha_parts(profiles_of(K2011_BINARY))
    assert 1 - parts.observed / parts.expected == Fraction(2, 21)  # 1 - 19·4 / (14·6)
    assert value(parts) == pytest.approx(0.095, abs=5e-4)


def test_fleiss_1971_example() -> None:
    profiles = profiles_of(columns(FLEISS_1971))
    parts = fleiss_parts(profiles, 6)
    assert float(1 - parts.observed) == pytest.approx(0.5556, abs=1e-4)  # P̄
    # P̄e exactly is 0.21994: Fleiss summed the squares of proportions rounded to 3 places
    assert float(1 - parts.expected) == pytest.approx(0.2201, abs=2e-4)
    assert value(parts) == pytest.approx(0.430, abs=5e-4)


def dichotomized(profiles: Counter, categories: int) -> list[Counter]:
    """One binary variable per category: (coders who did not choose it, coders who did)."""
    out = [Counter() for _ in range(categories)]
    for profile, units in profiles.items():
        for j, said in enumerate(profile):
            out[j][(sum(profile) - said, said)] += units
    return out


def test_fleiss_1971_per_category_kappas_are_the_binary_kappas_and_pool_to_the_overall() -> None:
    # What our per-tag figures are: each category as a yes/no question (Fleiss 1971, p. 380).
    per_category = [fleiss_parts(p, 6) for p in dichotomized(profiles_of(columns(FLEISS_1971)), 5)]
    assert [round(value(p), 3) for p in per_category] == pytest.approx([0.248, 0.248, 0.517, 0.470, 0.565],
                                                                       abs=0.005)
    assert value(pool(per_category)) == pytest.approx(value(fleiss_parts(profiles_of(columns(FLEISS_1971)), 6)),
                                                      abs=1e-12)


def test_wikipedia_fleiss_example() -> None:
    parts = fleiss_parts(Counter(WIKIPEDIA_FLEISS), 14)
    assert float(1 - parts.observed) == pytest.approx(0.378, abs=5e-4)
    assert float(1 - parts.expected) == pytest.approx(0.213, abs=5e-4)
    assert value(parts) == pytest.approx(0.210, abs=5e-4)


def test_cohen_examples() -> None:
    parts = cohen_parts(COHEN_1960)
    assert float(1 - parts.observed) == pytest.approx(0.70)
    assert float(1 - parts.expected) == pytest.approx(0.41)
    assert value(parts) == pytest.approx(0.492, abs=5e-4)
    assert 1 - cohen_parts(WIKIPEDIA_COHEN).observed / cohen_parts(WIKIPEDIA_COHEN).expected == Fraction(2, 5)


def test_pooled_binary_figures_equal_the_multi_category_ones_for_exclusive_categories() -> None:
    """Why `pool` is a defensible overall: when each unit gets one category, pooling the
    per-category yes/no figures gives back the ordinary multi-category κ and α."""
    assert value(pool(alpha_parts(p) for p in dichotomized(profiles_of(K2011_NOMINAL), 5))) == \
        pytest.approx(value(alpha_parts(profiles_of(K2011_NOMINAL))), abs=1e-12)
    binary_tables = [Counter() for _ in range(3)]
    for (a, b), units in COHEN_1960.items():
        for c in (1, 2, 3):
            binary_tables[c - 1][(int(a == c), int(b == c))] += units
    assert value(pool(cohen_parts(t) for t in binary_tables)) == pytest.approx(value(cohen_parts(COHEN_1960)),
                                                                               abs=1e-12)


def test_percent_agreement_is_pairwise_over_units_all_coders_coded() -> None:
    rows = [[1, 1, 0, 1], [1, 0, 0, _], [1, 1, 1, 1]]
    # units 1-3 coded by all: pairs agreeing 3 + 1 + 1 of 3 + 3 + 3; unit 4 is left out
    assert value(percent_parts(profiles_of(rows), 3), 100) == pytest.approx(100 * 5 / 9)


def test_kappas_match_hand_computations_on_random_data() -> None:
    rng = random.Random(7)
    for _round in range(200):
        k = rng.choice((2, 3, 4))
        n = rng.randint(2, 40)
        rows = [[rng.randrange(k) for _ in range(n)] for _ in range(rng.choice((2, 3, 5)))]
        if len(rows) == 2:
            ours = cohen_parts(table_of(*rows)).coefficient()
            if ours.value is None:
                assert ours.reason == NO_VARIATION and len(set(rows[0]) | set(rows[1])) == 1
            else:
                assert ours.value == pytest.approx(hand_cohen(*rows), abs=1e-9)
        ours = fleiss_parts(profiles_of(rows, list(range(k))), len(rows)).coefficient()
        if ours.value is None:
            assert len({v for row in rows for v in row}) == 1
        else:
            assert ours.value == pytest.approx(hand_fleiss(columns(rows), list(range(k))), abs=1e-9)


def test_alpha_matches_the_krippendorff_package_on_the_worked_example() -> None:
    pytest.importorskip("krippendorff")
    assert value(alpha_parts(profiles_of(K2011_NOMINAL))) == pytest.approx(package_alpha(K2011_NOMINAL), abs=1e-12)


matrices = st.integers(2, 5).flatmap(lambda coders: st.integers(2, 30).flatmap(
    lambda units: st.lists(st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=units, max_size=units),
                           min_size=coders, max_size=coders)))


@settings(max_examples=300, deadline=None)
@given(matrices)
def test_alpha_matches_the_krippendorff_package_on_random_data_with_missing_values(rows) -> None:
    pytest.importorskip("krippendorff")
    ours = alpha_parts(profiles_of(rows)).coefficient()
    pairable = [[v for v in col if v is not None] for col in columns(rows)]
    pairable = [vals for vals in pairable if len(vals) >= 2]
    if not pairable:
        assert ours == type(ours)(None, TOO_FEW_VALUES)
    elif len({v for vals in pairable for v in vals}) == 1:
        assert ours == type(ours)(None, NO_VARIATION)
    else:
        assert ours.value is not None and math.isfinite(ours.value)
        assert ours.value == pytest.approx(package_alpha(rows), abs=1e-9)


def test_degenerate_cases_say_why_and_never_divide_by_zero() -> None:
    same = [[1, 1, 1], [1, 1, 1]]
    assert alpha_parts(profiles_of(same)).coefficient().reason == NO_VARIATION
    assert fleiss_parts(profiles_of(same), 2).coefficient().reason == NO_VARIATION
    assert cohen_parts(table_of(*same)).coefficient().reason == NO_VARIATION
    assert value(percent_parts(profiles_of(same), 2), 100) == 100.0  # defined: they agree
    # one coder: nothing is pairable
    lone = [[0, 1, 1]]
    assert alpha_parts(profiles_of(lone)).coefficient().reason == TOO_FEW_VALUES
    assert fleiss_parts(profiles_of(lone), 1).coefficient().reason == TOO_FEW_CODERS
    assert percent_parts(profiles_of(lone), 1).coefficient().reason == TOO_FEW_CODERS
    # no unit coded by both
    apart = [[0, _], [_, 1]]
    assert alpha_parts(profiles_of(apart)).coefficient().reason == TOO_FEW_VALUES
    assert fleiss_parts(profiles_of(apart), 2).coefficient().reason == NO_UNITS
    assert cohen_parts(table_of(*apart)).coefficient().reason == NO_UNITS
    # the two coders each used one value, a different one: defined, and no better than chance
    assert value(cohen_parts(table_of([0, 0, 0], [1, 1, 1]))) == 0.0
    assert value(alpha_parts(profiles_of([[0, 0, 0], [1, 1, 1]]))) < 0
    # nothing pooled
    assert pool([]).coefficient().reason == NO_UNITS
    assert pool([alpha_parts(profiles_of(same))]).coefficient().reason == NO_VARIATION
