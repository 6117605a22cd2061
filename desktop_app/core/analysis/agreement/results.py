"""The agreement table: per tag and overall, every coefficient at the chosen unit.

Per tag, each unit is a yes/no question ("did this coder give this tag to this unit?"), and
percent agreement, Cohen's κ, Fleiss' κ and Krippendorff's α are computed on those binary
values; αu is computed on the tag's highlights themselves, on the character continuum,
whatever the unit.

Overall pools the tags as 1 - Σ_tags observed / Σ_tags expected disagreement (each tag
with its own chance baseline; `coefficients.pool`): for κ that is De Vries et al.'s (2008)
pooled κ, for α and αu the same sum (DKPro Statistics' αu over several categories is this
too). When every unit gets exactly one tag, it equals the ordinary multi-category κ or α.
Why not the simpler α of all unit×tag decisions thrown together: a codebook of 50 tags of
which most are rarely used would drown the disagreement on the used ones in agreed zeros
and inflate the figure; pooling the parts keeps each tag's own baseline. Overall percent
agreement is the share of agreeing coder pairs over all unit×tag decisions, which counts
agreeing on absence too (as NVivo's does per code): with many tags it is high by
construction, which is why the chance-corrected figures are there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop_app.core.analysis.agreement.coefficients import (
    NOT_TWO_CODERS,
    Coefficient,
    Parts,
    Profile,
    alpha_parts,
    cohen_parts,
    fleiss_parts,
    percent_parts,
    pool,
    undefined,
)
from desktop_app.core.analysis.agreement.units import UNIT_KINDS, ArticleCoding, Pattern, Tally
from desktop_app.core.progress import Progress

FIELDS = ("percent", "cohen_kappa", "fleiss_kappa", "alpha", "alpha_u")


@dataclass(frozen=True)
class TagAgreement:
    """One row of the table. `tag` is None for the overall row. `percent` is 0-100; the
    others -1..1. `units`: units at least two coders coded (α's units; percent and the κs
    use those all coders coded, the same units when only such articles are given)."""

    tag: str | None
    percent: Coefficient
    cohen_kappa: Coefficient
    fleiss_kappa: Coefficient
    alpha: Coefficient
    alpha_u: Coefficient
    units: int

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {} if self.tag is None else {"tag": self.tag}
        reasons = {}
        for name in FIELDS:
            figure: Coefficient = getattr(self, name)
            out[name] = figure.value
            if figure.reason is not None:
                reasons[name] = figure.reason
        out["units"] = self.units
        if reasons:
            out["undefined"] = reasons
        return out


@dataclass(frozen=True)
class AgreementResult:
    unit: str
    coders: tuple[str, ...]
    tags: tuple[TagAgreement, ...]
    overall: TagAgreement
    articles: int  # articles at least two of the coders coded
    articles_all_coders: int  # of those, coded by every coder (αu uses only these)

    def as_json(self) -> dict[str, object]:
        return {"unit": self.unit, "coders": list(self.coders), "articles": self.articles,
                "articles_all_coders": self.articles_all_coders,
                "tags": [t.as_json() for t in self.tags], "overall": self.overall.as_json()}


@dataclass(frozen=True)
class _TagParts:
    percent: Parts
    cohen: Parts
    fleiss: Parts
    alpha: Parts
    alpha_u: Parts


def _split(patterns: Counter[Pattern], coders: int, all_coders: int) -> tuple[Counter[Profile], Counter]:
    """Binary unit profiles (coders saying 0, coders saying 1) and, for two coders, Cohen's
    table over the units both coded."""
    profiles: Counter[Profile] = Counter()
    table: Counter[tuple[int, int]] = Counter()
    for (coded, said), units in patterns.items():
        m, k = coded.bit_count(), said.bit_count()
        profiles[(m - k, k)] += units
        if coders == 2 and coded == all_coders:
            table[(said & 1, said >> 1)] += units
    return profiles, table


def _parts(tally: Tally, tag: str) -> _TagParts:
    m = len(tally.coders)
    profiles, table = _split(tally.patterns_of(tag), m, tally.all_coders)
    return _TagParts(
        percent=percent_parts(profiles, m),
        cohen=cohen_parts(table) if m == 2 else undefined(NOT_TWO_CODERS),
        fleiss=fleiss_parts(profiles, m),
        alpha=alpha_parts(profiles),
        alpha_u=tally.unitizing.parts(tag),
    )


def _row(tag: str | None, parts: _TagParts, units: int) -> TagAgreement:
    return TagAgreement(tag, parts.percent.coefficient(100), parts.cohen.coefficient(),
                        parts.fleiss.coefficient(), parts.alpha.coefficient(),
                        parts.alpha_u.coefficient(), units)


def agreement(articles: Iterable[ArticleCoding], coders: Sequence[str], unit: str,
              tags: Sequence[str] | None = None, progress: Progress | None = None,
              total: int = 0) -> AgreementResult:
    """The agreement table of `coders` over `articles` (built with the `unit` kind).

    `tags`: the rows, in this order (default: every tag the coders used, sorted); a tag no
    one used gets "undefined: no variation". Articles fewer than two of the coders coded
    add nothing; coders not in `coders` are ignored."""
    if unit not in UNIT_KINDS:
        raise ValueError(f"unknown unit {unit!r} (choose one of {', '.join(UNIT_KINDS)})")
    tally = Tally(coders, tags)
    for done, article in enumerate(articles, 1):
        tally.add(article)
        if progress is not None and done % 100 == 0:
            progress.step(done, total)
    names = list(tags) if tags is not None else sorted(tally.tags_seen)
    pairable = sum(n for coded, n in tally.units_by_coded.items() if coded.bit_count() >= 2)
    per_tag = [_parts(tally, t) for t in names]
    rows = tuple(_row(t, p, pairable) for t, p in zip(names, per_tag, strict=True))
    overall = _TagParts(*(pool(getattr(p, f) for p in per_tag) for f in
                          ("percent", "cohen", "fleiss", "alpha", "alpha_u")))
    if not per_tag:  # no tag: each figure undefined for the reason an unused tag would give
        overall = _parts(tally, "")
    return AgreementResult(unit, tuple(coders), rows, _row(None, overall, pairable),
                           tally.articles, tally.unitizing.articles)
