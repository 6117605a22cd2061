"""Coded passages across the library: every highlight carrying chosen tags, combined,
filtered and sorted, found as a list of ids and loaded a page at a time.

A query names tags; each stands for itself and every tag nested under it. Modes:

    any        a passage carrying any of them
    all        a passage carrying all of them (each through itself or a nested tag)
    overlap    passages of the tags that overlap one another: a passage counts when some
               stretch of it is covered by passages of every tag
    sentence   passages of the tags that share a sentence with passages of every other
    paragraph  the same, by paragraph (a line of the text)

`exclude` (NOT) leaves out of the answer passages carrying those tags (or nested ones), which
may still be the partners of others in a combination; `where` keeps the
articles matching attribute filters (attribute_filters); `text` keeps passages whose quote
holds it (diacritics and case ignored unless `match_diacritics`). Sentences are cut as the
context shown with each passage (text.normalize.sentence_spans), paragraphs are lines.

Speed: a tag's passages come from the covering index of highlight_tags; the first page of
100,000 passages takes ~130 ms here (benchmarks/analysis_bench.py). Modes other than `any`
also read the tags of every candidate; sentence and paragraph read the text of the
articles where every tag occurs.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from desktop_app.core.analysis.coded import (
    AnalysisError,
    Codebook,
    article_texts,
    chunks,
    id_list,
    read_codebook,
    snapshot,
    tag_links,
)
from desktop_app.core.annotate.tag_paths import tag_path
from desktop_app.core.interchange.csv_export import join_tags, write_csv
from desktop_app.core.library.attribute_filters import filtered_articles
from desktop_app.core.messages import Message
from desktop_app.core.progress import Progress
from desktop_app.core.storage.bulk_sql import BulkSql, ids_in
from desktop_app.core.storage.database import Database
from desktop_app.core.text.matching import MatchLevel, contains, level_for_query
from desktop_app.core.text.normalize import SentenceIndex, fold, paragraph_spans, sentence_spans

MODES = ("any", "all", "overlap", "sentence", "paragraph")
SORTS = ("article", "date", "tag", "length")
PAGE = 100
CSV_COLUMNS = ("highlight_id", "article_id", "title", "outlet", "published", "start", "end",
               "tags", "quote", "note", "context")

Row = tuple  # (highlight id, article id, start, end[, quote])


@dataclass(frozen=True)
class PassageQuery:
    tags: tuple[str, ...]
    mode: str = "any"
    exclude: tuple[str, ...] = ()
    where: tuple[str, ...] = ()
    text: str = ""
    match_diacritics: bool = False  # True: the text exactly as typed (MatchLevel.EXACT)
    sort: str = "article"  # article (library order, then place), date, tag, length
    descending: bool = False
    match: MatchLevel | None = None  # None: as core/text/matching reads the query
    # Only passages among these highlight ids (a matrix cell's drill-down); None: any.
    only: frozenset[int] | None = None


@dataclass(frozen=True)
class PassageList:
    """What a query found: highlight ids in order (pages are loaded from it)."""

    query: PassageQuery
    ids: tuple[int, ...]
    article_ids: tuple[int, ...]  # the article of each, in the same order

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def articles(self) -> int:
        """How many articles they are in."""
        return len(set(self.article_ids))

    def head(self, n: int) -> PassageList:
        return PassageList(self.query, self.ids[:n], self.article_ids[:n])

    def page(self, number: int, size: int = PAGE) -> tuple[int, ...]:
        return self.ids[number * size:(number + 1) * size]


@dataclass(frozen=True)
class Passage:
    highlight_id: int
    article_id: int
    start: int
    end: int
    quote: str
    note: str
    tags: tuple[str, ...]
    title: str
    outlet: str | None
    published: str | None
    context: str  # the sentence(s) the passage is in

    def as_json(self) -> dict[str, object]:
        return {"highlight_id": self.highlight_id, "article_id": self.article_id, "start": self.start,
                "end": self.end, "quote": self.quote, "tags": list(self.tags), "note": self.note,
                "context": self.context, "title": self.title, "outlet": self.outlet,
                "published": self.published}

    def csv_row(self) -> list[object]:
        return [self.highlight_id, self.article_id, self.title, self.outlet or "", self.published or "",
                self.start, self.end, join_tags(self.tags), self.quote, self.note, self.context]


def _checked(query: PassageQuery) -> None:
    if query.mode not in MODES:
        raise ValueError(f"unknown mode {query.mode!r}; choose from {MODES}")
    if query.sort not in SORTS:
        raise ValueError(f"unknown sort {query.sort!r}; choose from {SORTS}")
    if not query.tags:
        raise AnalysisError(Message("analysis.no_tags"))


def find_passages(db: Database, query: PassageQuery, progress: Progress | None = None) -> PassageList:
    """The passages of `query`, in its order. AnalysisError for an unknown tag,
    AttributesError for a filter that cannot be read; Cancelled if `progress` is."""
    progress = progress or Progress()
    _checked(query)
    allowed = filtered_articles(db, query.where)
    with snapshot(db) as conn:
        book = read_codebook(conn)
        groups = [book.scope(name) for name in query.tags]
        excluded = frozenset().union(*(book.scope(name) for name in query.exclude))
        union = frozenset().union(*groups)
        progress.step(0, 4)
        combined = len(groups) > 1 and query.mode != "any"
        # NOT leaves passages out of the answer; in a combination they still count as the
        # partners of others (Cán bộ overlapping Nhân sự, NOT Đào tạo: a Nhân sự passage
        # overlapping a Cán bộ/Đào tạo one is shown, the latter is not).
        rows = _candidates(conn, union, frozenset() if combined else excluded, bool(query.text))
        if allowed is not None:
            rows = [r for r in rows if r[1] in allowed]
        progress.step(1, 4)
        if combined:
            masks = _masks(conn, union, groups)
            rows = _combined(conn, rows, masks, (1 << len(groups)) - 1, query.mode, progress)
            if excluded:
                out = {h for h, _t in tag_links(conn, excluded)}
                rows = [r for r in rows if r[0] not in out]
        progress.step(2, 4)
        if query.only is not None:  # the answer narrowed, partners counted as before
            rows = [r for r in rows if r[0] in query.only]
        if query.text:
            holds = _text_test(query.text, MatchLevel.EXACT if query.match_diacritics else query.match)
            rows = [r for r in rows if holds(r[4])]
        rows = _sorted(conn, book, rows, union, query)
        progress.step(3, 4)
    return PassageList(query, tuple(r[0] for r in rows), tuple(r[1] for r in rows))


def _candidates(conn: BulkSql, union: frozenset[int], excluded: frozenset[int],
                quote: bool) -> list[Row]:
    """Anchored highlights carrying a tag of `union` and none of `excluded`, in library
    order (article, then place)."""
    sql = ('SELECT h.id, h.article_id, h.start, h."end"' + (", h.quote" if quote else "") +
           " FROM highlights h WHERE h.orphaned = 0"
           f" AND h.id IN (SELECT highlight_id FROM highlight_tags WHERE tag_id IN ({id_list(union)}))")
    if excluded:
        sql += f" AND h.id NOT IN (SELECT highlight_id FROM highlight_tags WHERE tag_id IN ({id_list(excluded)}))"
    return conn.execute(sql + ' ORDER BY h.article_id, h.start, h."end", h.id').fetchall()


def _masks(conn: BulkSql, union: frozenset[int], groups: Sequence[frozenset[int]]) -> dict[int, int]:
    """highlight id -> bits of the query's tags it carries (bit i: tag i or one nested)."""
    bits = {t: sum(1 << i for i, g in enumerate(groups) if t in g) for t in union}
    masks: dict[int, int] = {}
    for h, t in tag_links(conn, union):
        masks[h] = masks.get(h, 0) | bits[t]
    return masks


def _combined(conn: BulkSql, rows: list[Row], masks: dict[int, int], full: int, mode: str,
              progress: Progress) -> list[Row]:
    if mode == "all":
        return [r for r in rows if masks.get(r[0], 0) == full]
    by_article = {a: list(rs) for a, rs in groupby(rows, key=lambda r: r[1])}
    # Only articles where every tag occurs can hold a combination.
    hopeful = {a: rs for a, rs in by_article.items() if _or(masks.get(r[0], 0) for r in rs) == full}
    hits: set[int] = set()
    if mode == "overlap":
        for rs in hopeful.values():
            hits |= overlapping(rs, masks, full)
    else:
        cut = sentence_spans if mode == "sentence" else paragraph_spans
        for n, (article_id, text) in enumerate(article_texts(conn, hopeful)):
            hits |= in_same_unit(hopeful[article_id], masks, full, cut(text))
            if n % 256 == 0:
                progress.step(n, len(hopeful))
    return [r for r in rows if r[0] in hits]


def _or(values: Iterable[int]) -> int:
    out = 0
    for v in values:
        out |= v
    return out


def overlapping(rows: Sequence[Row], masks: dict[int, int], full: int) -> set[int]:
    """Ids of the passages (of one article) covering some stretch that passages of every
    tag cover: a sweep over the boundaries, keeping the passages open at each."""
    points = sorted({p for r in rows for p in (r[2], r[3])})
    by_start = sorted(rows, key=lambda r: r[2])
    hits: set[int] = set()
    active: list[Row] = []
    k = 0
    for p in points:
        active = [r for r in active if r[3] > p]
        while k < len(by_start) and by_start[k][2] <= p:
            if by_start[k][3] > p:
                active.append(by_start[k])
            k += 1
        if active and _or(masks.get(r[0], 0) for r in active) == full:
            hits.update(r[0] for r in active)
    return hits


def in_same_unit(rows: Sequence[Row], masks: dict[int, int], full: int,
                 units: Sequence[tuple[int, int]]) -> set[int]:
    """Ids of the passages (of one article) in a unit (sentence, paragraph) that holds
    passages of every tag; a passage over two units is in both."""
    ends = [e for _s, e in units]
    members: dict[int, list[int]] = {}
    unit_masks: dict[int, int] = {}
    for r in rows:
        i = bisect.bisect_right(ends, r[2])
        while i < len(units) and units[i][0] < r[3]:
            members.setdefault(i, []).append(r[0])
            unit_masks[i] = unit_masks.get(i, 0) | masks.get(r[0], 0)
            i += 1
    return {h for i, m in unit_masks.items() if m == full for h in members[i]}


def _text_test(needle: str, chosen: MatchLevel | None) -> Callable[[str], bool]:
    """The one matching rule of every search surface: typed with diacritics, the same word
    (hòa = hoà); typed without, no diacritics; or the level the user chose."""
    wanted = " ".join(unicodedata.normalize("NFC", needle).split())
    level = level_for_query(wanted, chosen)
    return lambda quote: contains(quote, wanted, level)


def _sorted(conn: BulkSql, book: Codebook, rows: list[Row], union: frozenset[int],
            query: PassageQuery) -> list[Row]:
    """Rows come in library order; other orders keep it among equals."""
    if query.sort == "date":
        published = dict(conn.execute(
            f"SELECT id, published FROM articles WHERE id IN ({id_list({r[1] for r in rows})})"))
        # Articles are sorted, not passages: rows come grouped by article already (10,000
        # dates to sort instead of 100,000 rows); an article's passages stay in text order.
        groups = [(a, list(rs)) for a, rs in groupby(rows, key=lambda r: r[1])]
        dated = [g for g in groups if published.get(g[0])]
        dated.sort(key=lambda g: published[g[0]], reverse=query.descending)
        undated = [g for g in groups if not published.get(g[0])]  # last either way
        return [r for _a, rs in dated + undated for r in rs]
    if query.sort == "length":
        rows = sorted(rows, key=lambda r: r[3] - r[2])
    elif query.sort == "tag":
        key = {t: (tuple(fold(p) for p in tag_path(book.names[t])), book.names[t]) for t in union}
        first: dict[int, tuple] = {}
        for h, t in tag_links(conn, union):
            if h not in first or key[t] < first[h]:
                first[h] = key[t]
        rows = sorted(rows, key=lambda r: first.get(r[0], ((), "")))
    return rows[::-1] if query.descending else rows


def load_passages(db: Database, highlight_ids: Sequence[int]) -> list[Passage]:
    """The passages of these ids, in that order (ids of deleted highlights are skipped)."""
    found: dict[int, tuple] = {}
    tags: dict[int, list[str]] = {}
    with snapshot(db) as conn:
        for part in chunks(highlight_ids):
            where, params = ids_in(conn, "h.id", part)
            found.update((r[0], r) for r in conn.execute(
                'SELECT h.id, h.article_id, h.start, h."end", h.quote, h.note, a.title, a.source, a.published'
                f" FROM highlights h JOIN articles a ON a.id = h.article_id WHERE {where}", params))
            where, params = ids_in(conn, "ht.highlight_id", part)
            for h, name in conn.execute(
                    "SELECT ht.highlight_id, t.name FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id"
                    f" WHERE {where}", params):
                tags.setdefault(h, []).append(name)
        sentences = {a: SentenceIndex(text) for a, text in article_texts(conn, {r[1] for r in found.values()})}
    out = []
    for h in highlight_ids:
        if (r := found.get(h)) is None:
            continue
        index = sentences.get(r[1])
        context = index.context(r[2], r[3]) if index is not None else r[4]
        out.append(Passage(r[0], r[1], r[2], r[3], r[4], r[5] or "", tuple(sorted(tags.get(h, []))),
                           r[6] or "", r[7], r[8], context))
    return out


def passages_page(db: Database, query: PassageQuery, number: int = 0, size: int = PAGE
                  ) -> tuple[PassageList, list[Passage]]:
    """The list and one page of it, loaded: what a window shows first."""
    found = find_passages(db, query)
    return found, load_passages(db, found.page(number, size))


def export_passages_csv(db: Database, found: PassageList, path: Path, delimiter: str = ",",
                        progress: Progress | None = None) -> int:
    """Every passage of `found` as an Excel-safe CSV (CSV_COLUMNS), written atomically."""
    progress = progress or Progress()

    def rows() -> Iterable[list[object]]:
        for n in range(0, len(found.ids), 1000):
            progress.step(n, len(found.ids))
            yield from (p.csv_row() for p in load_passages(db, found.ids[n:n + 1000]))

    return write_csv(Path(path), CSV_COLUMNS, rows(), delimiter)
