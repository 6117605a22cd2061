"""Co-occurrence: tag × tag, counting pairs of coded passages that come together.

    overlap    the two passages overlap (a passage carrying both tags pairs with itself)
    sentence   they touch the same sentence (cut as the context shows it)
    paragraph  they touch the same paragraph (a line of the text)
    words:N    at most N words lie between them (0: adjacent or overlapping). Words are the
               stored segmentation ("Ban Tổ chức Trung ương" is three words); an article not
               segmented yet counts syllables instead, and the result says how many did

A cell (X, Y) is the number of pairs of passages {a, b}, one carrying X and the other Y
(a may be b); a pair counts once in a cell even when both passages carry both tags. The
table is symmetric; its diagonal is left empty (None). With `nested`, a row also stands for
the tags nested under it. Whole-article codes are not passages and do not count here (one
would co-occur with everything in its article). Every cell keeps its pairs for drill-down.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core.analysis.coded import (
    article_texts,
    article_words,
    read_codebook,
    snapshot,
    spans_of,
    tag_links,
)
from desktop_app.core.analysis.concordance import WORD_RE
from desktop_app.core.interchange.csv_export import write_csv
from desktop_app.core.library.attribute_filters import filtered_articles
from desktop_app.core.progress import Progress
from desktop_app.core.storage.database import Database
from desktop_app.core.text.normalize import paragraph_spans, sentence_spans

UNITS = ("overlap", "sentence", "paragraph")
_WORDS_RE = re.compile(r"words:(\d+)")
Pair = tuple[int, int]  # highlight ids, the first placed first
Item = tuple[int, int, int, frozenset[int]]  # highlight id, start, end, rows


@dataclass(frozen=True)
class CooccurrenceQuery:
    within: str = "overlap"  # overlap, sentence, paragraph or words:N
    tags: tuple[str, ...] | None = None  # None: every tag
    nested: bool = False
    where: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cooccurrence:
    tags: tuple[str, ...]
    within: str
    values: dict[tuple[int, int], int]  # (i, j) with i < j; absent: 0
    pairs: dict[tuple[int, int], tuple[Pair, ...]] = field(default_factory=dict)
    syllable_articles: int = 0  # words:N only: articles counted by syllables (not segmented)

    def cell(self, i: int, j: int) -> int | None:
        if i == j:
            return None
        return self.values.get((min(i, j), max(i, j)), 0)

    def drill(self, i: int, j: int) -> tuple[Pair, ...]:
        return self.pairs.get((min(i, j), max(i, j)), ())

    def dense(self) -> list[list[int | None]]:
        n = len(self.tags)
        return [[self.cell(i, j) for j in range(n)] for i in range(n)]

    def as_json(self) -> dict[str, object]:
        return {"rows": list(self.tags), "columns": list(self.tags), "within": self.within,
                "syllable_articles": self.syllable_articles, "cells": self.dense()}


def parse_within(within: str) -> int | None:
    """N of "words:N"; None for the other units. ValueError for anything else."""
    if within in UNITS:
        return None
    m = _WORDS_RE.fullmatch(within)
    if not m:
        raise ValueError(f"within is one of {UNITS} or words:N, not {within!r}")
    return int(m.group(1))


def cooccurrence(db: Database, query: CooccurrenceQuery, progress: Progress | None = None) -> Cooccurrence:
    """The table of `query`. AnalysisError for an unknown tag, AttributesError for a filter
    that cannot be read, ValueError for an unknown `within`; Cancelled if `progress` is."""
    progress = progress or Progress()
    distance = parse_within(query.within)
    allowed = filtered_articles(db, query.where)
    with snapshot(db) as conn:
        book = read_codebook(conn)
        rows = book.rows(query.tags, query.nested)
        row_of: dict[int, set[int]] = {}
        for r, (_name, tag_ids) in enumerate(rows):
            for t in tag_ids:
                row_of.setdefault(t, set()).add(r)
        links = tag_links(conn, row_of)
        spans = spans_of(conn, None if len(links) > 20_000 else {h for h, _t in links})
        items = _items(links, spans, row_of, allowed)
        progress.step(0, len(items))
        values: dict[tuple[int, int], int] = {}
        pairs: dict[tuple[int, int], list[Pair]] = {}
        syllables = 0
        ids = sorted(items)
        if distance is not None:
            for n, (article_id, text, flat) in enumerate(article_words(conn, ids)):
                if n % 256 == 0:
                    progress.step(n, len(ids))
                syllables += flat is None
                _count(_near(_placed(items[article_id]), text, flat, distance), values, pairs)
        elif query.within == "overlap":
            for n, article_id in enumerate(ids):
                if n % 256 == 0:
                    progress.step(n, len(ids))
                _count(_overlapping(_placed(items[article_id])), values, pairs)
        else:
            cut = sentence_spans if query.within == "sentence" else paragraph_spans
            for n, (article_id, text) in enumerate(article_texts(conn, ids)):
                if n % 256 == 0:
                    progress.step(n, len(ids))
                _count(_same_unit(_placed(items[article_id]), cut(text)), values, pairs)
    return Cooccurrence(tuple(name for name, _ids in rows), query.within, values,
                        {k: tuple(v) for k, v in pairs.items()}, syllables)


def _placed(items: list[Item]) -> list[Item]:
    return sorted(items, key=lambda x: (x[1], x[2], x[0]))


def _items(links: Iterable[tuple[int, int]], spans: dict[int, tuple[int, int, int]],
           row_of: dict[int, set[int]], allowed: frozenset[int] | None) -> dict[int, list[Item]]:
    """article id -> its coded passages with the rows each counts in."""
    frozen = {t: frozenset(rs) for t, rs in row_of.items()}  # shared: most passages have one tag
    rows_of: dict[int, frozenset[int]] = {}
    for h, t in links:
        before = rows_of.get(h)
        rows_of[h] = frozen[t] if before is None else before | frozen[t]
    out: dict[int, list[Item]] = {}
    span_of = spans.get
    for h, rs in rows_of.items():
        where = span_of(h)
        if where is None or (allowed is not None and where[0] not in allowed):
            continue
        if (found := out.get(where[0])) is None:
            out[where[0]] = [(h, where[1], where[2], rs)]
        else:
            found.append((h, where[1], where[2], rs))
    return out


def _overlapping(placed: Sequence[Item]) -> Iterable[tuple[Item, Item]]:
    for i, a in enumerate(placed):
        yield a, a
        for b in placed[i + 1:]:
            if b[1] >= a[2]:
                break
            yield a, b


def _same_unit(placed: Sequence[Item], units: Sequence[tuple[int, int]]) -> Iterable[tuple[Item, Item]]:
    ends = [e for _s, e in units]
    members: dict[int, list[int]] = {}
    for k, x in enumerate(placed):
        i = bisect.bisect_right(ends, x[1])
        while i < len(units) and units[i][0] < x[2]:
            members.setdefault(i, []).append(k)
            i += 1
    seen: set[tuple[int, int]] = set()
    for group in members.values():
        for p, i in enumerate(group):
            for j in group[p:]:
                if (i, j) not in seen:
                    seen.add((i, j))
                    yield placed[i], placed[j]


def _near(placed: Sequence[Item], text: str, flat: array | None, distance: int
          ) -> Iterable[tuple[Item, Item]]:
    """Pairs (placed by start) with at most `distance` words between them: words lying
    wholly between the two; one a passage only touches belongs to it. Words are the
    segmentation's tokens holding a letter or digit (punctuation is no word between), or,
    without one (`flat` None), syllables."""
    if flat is None:
        def between(lo: int, hi: int) -> int:
            n = 0
            for m in WORD_RE.finditer(text, lo, hi):
                # A syllable cut by a passage's edge belongs to the passage.
                if (m.start() == lo and lo and text[lo - 1].isalnum()) or (
                        m.end() == hi and hi < len(text) and text[hi].isalnum()):
                    continue
                n += 1
                if n > distance:
                    break
            return n
    else:
        starts, ends = flat[0::2], flat[1::2]

        def between(lo: int, hi: int) -> int:
            n = 0
            for k in range(bisect.bisect_left(starts, lo), bisect.bisect_right(ends, hi)):
                s, e = starts[k], ends[k]
                if text[s].isalnum() or text[e - 1].isalnum() or any(c.isalnum() for c in text[s:e]):
                    n += 1
                    if n > distance:
                        break
            return n

    for i, a in enumerate(placed):
        yield a, a
        for b in placed[i + 1:]:
            if b[1] >= a[2] and between(a[2], b[1]) > distance:
                break  # the next ones start later still: more words between
            yield a, b


def _count(found: Iterable[tuple[Item, Item]], values: dict[tuple[int, int], int],
           pairs: dict[tuple[int, int], list[Pair]]) -> None:
    for a, b in found:
        ra, rb = a[3], b[3]
        if len(ra) == 1 and len(rb) == 1:  # the common case: one row each
            (x,), (y,) = ra, rb
            if x == y:
                continue
            cells: Iterable[tuple[int, int]] = ((x, y) if x < y else (y, x),)
        else:
            cells = {(x, y) if x < y else (y, x) for x in ra for y in rb if x != y}
        for cell in cells:
            values[cell] = values.get(cell, 0) + 1
            pairs.setdefault(cell, []).append((a[0], b[0]))


def export_cooccurrence_csv(table: Cooccurrence, path: Path, delimiter: str = ",") -> int:
    """The table as an Excel-safe CSV: tags across and down, the diagonal empty."""
    rows = ([name, *("" if v is None else v for v in values)]
            for name, values in zip(table.tags, table.dense(), strict=True))
    return write_csv(Path(path), ["tag", *table.tags], rows, delimiter)
