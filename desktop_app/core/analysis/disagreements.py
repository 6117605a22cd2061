"""The disagreements behind one tag's agreement figure, for adjudication.

At the unit of the agreement question, a unit is a disagreement when some of the chosen
coders gave it the tag and some did not (on an article all of them coded). Neighbouring
units with the same coders on each side make one passage: a coder who highlighted a phrase
the other left out is one disagreement, not one per word. Each passage carries every
coder's *version*: their highlights with the tag that touch it (whole, as they made them),
or their whole-article code, which is what adjudication copies into a consensus coder.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop_app.core.analysis.agreement.unitizing import merge_overlapping
from desktop_app.core.analysis.agreement.units import Highlight, Span
from desktop_app.core.analysis.coded import id_list, snapshot
from desktop_app.core.analysis.intercoder import AgreementQuery, article_units, read_coding
from desktop_app.core.progress import Progress
from desktop_app.core.storage.database import Database


@dataclass(frozen=True)
class Version:
    """What one coder did with the tag around a passage."""

    coder: str
    spans: tuple[Span, ...] = ()  # their highlights with the tag around it (merged)
    whole: bool = False  # they gave the tag to the whole article (article unit)


@dataclass(frozen=True)
class Disagreement:
    article_id: int
    title: str
    tag: str
    start: int  # the passage: from the first disagreeing unit to the last, code points
    end: int
    quote: str
    with_tag: tuple[str, ...]  # the coders who gave the tag, in the question's order
    without_tag: tuple[str, ...]
    versions: tuple[Version, ...]  # every coder's, in the question's order

    @property
    def coders(self) -> tuple[str, ...]:
        return tuple(v.coder for v in self.versions)

    def version(self, coder: str) -> Version:
        return next(v for v in self.versions if v.coder == coder)

    @property
    def region(self) -> Span:
        """The passage and every version's highlights: what adjudication replaces."""
        spans = [s for v in self.versions for s in v.spans]
        return min([self.start, *(s for s, _e in spans)]), max([self.end, *(e for _s, e in spans)])


def find_disagreements(db: Database, query: AgreementQuery, tag: str,
                       progress: Progress | None = None) -> list[Disagreement]:
    """Every disagreement on `tag` among the coders of `query`, at its unit, in library
    order. AnalysisError for an unknown tag or coder (as the agreement)."""
    progress = progress or Progress()
    out: list[Disagreement] = []
    with snapshot(db) as conn:
        coding = read_coding(conn, AgreementQuery(query.coders, query.unit, (tag,)))
        names = [n for _i, n in coding.coders]
        full = (1 << len(names)) - 1
        touched = [a for a in coding.article_ids if a in coding.highlights or a in coding.whole]
        titles = dict(conn.execute(f"SELECT id, title FROM articles WHERE id IN ({id_list(touched)})"))
        progress.step(0, len(touched))
        for n, (article_id, text, units) in enumerate(article_units(conn, query.unit, touched)):
            if n % 64 == 0:
                progress.step(n, len(touched))
            covering = _spans(coding.of(article_id, len(text)), tag)  # whole-article codes too
            own = _spans(coding.highlights.get(article_id, {}), tag)
            whole = {c for c, codes in coding.whole.get(article_id, {}).items() if tag in codes}
            for i0, i1, mask in _runs(units, [covering.get(c, []) for c in names], full):
                start, end = units[i0][0], units[i1 - 1][1]
                # Around the passage: the highlights of those who gave the tag there; each
                # coder's version is what they have with the tag in that stretch.
                lo, hi = start, end
                for k, c in enumerate(names):
                    for a, b in own.get(c, []):
                        if mask >> k & 1 and a < end and b > start:
                            lo, hi = min(lo, a), max(hi, b)
                versions = tuple(Version(c, tuple(sp for sp in own.get(c, []) if sp[0] < hi and sp[1] > lo),
                                         c in whole and bool(mask >> k & 1)) for k, c in enumerate(names))
                out.append(Disagreement(article_id, titles.get(article_id, ""), tag, start, end, text[start:end],
                                        tuple(c for k, c in enumerate(names) if mask >> k & 1),
                                        tuple(c for k, c in enumerate(names) if not mask >> k & 1), versions))
    return out


def _spans(highlights: Mapping[str, Sequence[Highlight]], tag: str) -> dict[str, list[Span]]:
    return {c: merge_overlapping([(s, e) for s, e, tags in hl if tag in tags and s < e])
            for c, hl in highlights.items()}


def _runs(units: Sequence[Span], coders: Sequence[Sequence[Span]], full: int) -> list[tuple[int, int, int]]:
    """(first unit, after the last, coders-saying-yes mask) of each stretch of neighbouring
    units on which the coders split, the same way."""
    starts = [u[0] for u in units]
    ends = [u[1] for u in units]
    masks: dict[int, int] = {}
    for k, spans in enumerate(coders):
        bit = 1 << k
        for s, e in spans:
            for i in range(bisect_right(ends, s), bisect_left(starts, e)):
                masks[i] = masks.get(i, 0) | bit
    out: list[tuple[int, int, int]] = []
    for i in sorted(masks):
        mask = masks[i]
        if mask == full:
            continue
        if out and out[-1][1] == i and out[-1][2] == mask:
            out[-1] = (out[-1][0], i + 1, mask)
        else:
            out.append((i, i + 1, mask))
    return out
