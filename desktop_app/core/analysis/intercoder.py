"""Inter-coder agreement of a library: each coder's codings read in bulk, fed to the pure
agreement library (analysis/agreement), and the disagreements of one tag for adjudication.

Only the articles that ALL chosen coders coded enter (a coder coded an article when they
made at least one anchored highlight or whole-article code on it). Units:

    character  one visible code point
    word       the stored segmentation's words ("cán bộ" one); an article not segmented yet
               counts syllables instead and the result lists it (`unsegmented`)
    sentence   sentence_units (a line cut after . ! ? … before a space)
    article    the whole article; whole-article codes count here, as a highlight over the
               whole text (they are not passages, so the finer units leave them out)

A highlight covers a unit when it covers any part of it. Rows are tags by their exact name
(a tag nested under another is a row of its own).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core.analysis.agreement import UNIT_KINDS, AgreementResult, ArticleCoding, agreement
from desktop_app.core.analysis.agreement.units import Highlight, Span, sorted_word_units, units_of
from desktop_app.core.analysis.coded import (
    AnalysisError,
    article_texts,
    article_words,
    id_list,
    read_codebook,
    snapshot,
    tag_links,
)
from desktop_app.core.analysis.concordance import WORD_RE
from desktop_app.core.interchange.csv_export import write_csv
from desktop_app.core.messages import Message
from desktop_app.core.progress import Progress
from desktop_app.core.storage.bulk_sql import BulkSql
from desktop_app.core.storage.database import Database
from desktop_app.core.text.spans import TextSpan


@dataclass(frozen=True)
class AgreementQuery:
    coders: tuple[str, ...] = ()  # empty: every coder who coded something
    unit: str = "word"
    tags: tuple[str, ...] = ()  # empty: every tag the coders used on the common articles


@dataclass(frozen=True)
class LibraryAgreement:
    result: AgreementResult
    article_ids: tuple[int, ...]  # the articles all chosen coders coded
    unsegmented: tuple[int, ...] = ()  # word unit: of those, counted by syllables

    def as_json(self) -> dict[str, object]:
        out = self.result.as_json()
        if self.unsegmented:
            out["counted_by_syllables"] = list(self.unsegmented)
        return out


@dataclass
class Coding:
    """What was read: coders (id, name) in order, the tag rows, the common articles, each
    coder's highlights on them (only the rows' tags) and, at the article unit, their
    whole-article codes (article -> coder -> tag names)."""

    coders: list[tuple[int, str]]
    tags: list[str]
    article_ids: list[int]
    highlights: dict[int, dict[str, list[Highlight]]] = field(default_factory=dict)
    whole: dict[int, dict[str, set[str]]] = field(default_factory=dict)

    def of(self, article_id: int, length: int) -> dict[str, list[Highlight]]:
        """Each coder's highlights on the article, a whole-article code as one over the text."""
        mine = self.highlights.get(article_id, {})
        codes = self.whole.get(article_id, {})
        out = {}
        for _i, name in self.coders:
            found = mine.get(name, [])
            if codes.get(name):
                found = [*found, *((0, length, frozenset([t])) for t in sorted(codes[name]))]
            out[name] = found
        return out


def _coder_ids(conn: BulkSql, names: Sequence[str]) -> list[tuple[int, str]]:
    known = {n: i for i, n in conn.execute("SELECT id, name FROM coders")}
    if names:
        wanted = list(dict.fromkeys(" ".join(n.split()) for n in names))
        for name in wanted:
            if name not in known:
                raise AnalysisError(Message("agreement.unknown_coder", {"name": name}))
        chosen = [(known[n], n) for n in wanted]
    else:
        active = {c for (c,) in conn.execute(
            "SELECT coder_id FROM highlights WHERE orphaned = 0 UNION SELECT coder_id FROM article_codes")}
        chosen = sorted((i, n) for n, i in known.items() if i in active)
    if len(chosen) < 2:
        raise AnalysisError(Message("agreement.too_few_coders", {"count": len(chosen)}))
    return chosen


def read_coding(conn: BulkSql, query: AgreementQuery) -> Coding:
    """The codings the agreement of `query` is computed from. AnalysisError for an unknown
    coder or tag, fewer than two coders, or an unknown unit."""
    if query.unit not in UNIT_KINDS:
        raise AnalysisError(Message("agreement.unknown_unit", {"unit": query.unit,
                                                                "units": ", ".join(UNIT_KINDS)}))
    coders = _coder_ids(conn, query.coders)
    name_of = dict(coders)
    in_coders = id_list(name_of)
    # Two plain scans joined here: the JOIN in SQL took ~3x as long on 57,000 highlights.
    spans = {h: (a, c, st, e) for h, a, c, st, e in conn.execute(
        'SELECT id, article_id, coder_id, start, "end" FROM highlights '
        f"WHERE orphaned = 0 AND coder_id IN ({in_coders})")}
    codes = conn.execute(f"SELECT article_id, tag_id, coder_id FROM article_codes WHERE coder_id IN ({in_coders})"
                         ).fetchall()
    coded: dict[int, set[int]] = {}
    for a, c in {(a, c) for a, c, _s, _e in spans.values()} | {(a, c) for a, _t, c in codes}:
        coded.setdefault(a, set()).add(c)
    common = sorted(a for a, who in coded.items() if len(who) == len(coders))
    book = read_codebook(conn)
    by_name = {n: i for i, n in book.names.items()}
    if query.tags:
        for name in query.tags:
            if name not in by_name:
                raise AnalysisError(Message("analysis.unknown_tag", {"name": name}))
        wanted = {by_name[n] for n in query.tags}
    else:
        wanted = set(book.names)
    out = Coding(coders, [], common)
    in_common, used = set(common), set()
    names_of: dict[int, list[str]] = {}
    for h, t in tag_links(conn, wanted):
        where = spans.get(h)
        if where is not None and where[0] in in_common:
            names_of.setdefault(h, []).append(book.names[t])
            used.add(t)
    for h, names in names_of.items():
        a, c, st, e = spans[h]
        out.highlights.setdefault(a, {}).setdefault(name_of[c], []).append((st, e, frozenset(names)))
    if query.unit == "article":
        for a, t, c in codes:
            if t in wanted and a in in_common:
                out.whole.setdefault(a, {}).setdefault(name_of[c], set()).add(book.names[t])
                used.add(t)
    out.tags = list(query.tags) if query.tags else [book.names[i] for i in book.ordered() if i in used]
    return out


def _syllables(text: str) -> list[Span]:
    return [m.span() for m in WORD_RE.finditer(text)]


def _words(text: str, flat: array | None) -> list[Span] | None:
    if flat is None:
        return None
    try:
        return sorted_word_units(text, flat[0::2], flat[1::2])
    except ValueError:  # a damaged stored segmentation: as if there were none
        return None


def article_units(conn: BulkSql, unit: str, article_ids: Sequence[int],
                  unsegmented: list[int] | None = None
                  ) -> Iterator[tuple[int, str, Sequence[Span] | Sequence[TextSpan]]]:
    """(article id, text, units) of each article; at the word unit an article without a
    valid segmentation gets its syllables (and its id goes into `unsegmented`)."""
    if unit == "word":
        for article_id, text, flat in article_words(conn, article_ids):
            words = _words(text, flat)
            if words is None:
                if unsegmented is not None:
                    unsegmented.append(article_id)
                words = _syllables(text)
            yield article_id, text, words
    else:
        for article_id, text in article_texts(conn, article_ids):
            yield article_id, text or "", units_of(unit, text or "")


def library_agreement(db: Database, query: AgreementQuery, progress: Progress | None = None
                      ) -> LibraryAgreement:
    """The agreement table of `query` over the library (see the module's docstring).
    AnalysisError for a question that cannot be asked; Cancelled if `progress` is."""
    progress = progress or Progress()
    unsegmented: list[int] = []
    with snapshot(db) as conn:
        coding = read_coding(conn, query)
        names = [n for _i, n in coding.coders]
        progress.step(0, len(coding.article_ids))

        def articles() -> Iterator[ArticleCoding]:
            for article_id, text, units in article_units(conn, query.unit, coding.article_ids, unsegmented):
                yield ArticleCoding(len(text), units, coding.of(article_id, len(text)))

        result = agreement(articles(), names, query.unit, coding.tags, progress, len(coding.article_ids))
    return LibraryAgreement(result, tuple(coding.article_ids), tuple(unsegmented))


CSV_COLUMNS = ("tag", "percent", "cohen_kappa", "fleiss_kappa", "alpha", "alpha_u", "units", "undefined")


def csv_rows(result: AgreementResult) -> Iterator[list[object]]:
    """One row per tag, then "(overall)": the figures (empty when undefined) and, in the
    last column, why each undefined one is (name: reason; ...)."""
    for row in (*result.tags, result.overall):
        data = row.as_json()
        reasons = data.get("undefined") or {}
        assert isinstance(reasons, dict)
        yield [row.tag if row.tag is not None else "(overall)",
               *("" if data[k] is None else data[k] for k in CSV_COLUMNS[1:7]),
               "; ".join(f"{k}: {v}" for k, v in reasons.items())]


def export_agreement_csv(result: AgreementResult, path: Path, delimiter: str = ",") -> int:
    return write_csv(Path(path), list(CSV_COLUMNS), csv_rows(result), delimiter)
