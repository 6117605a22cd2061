"""Matrices: tags × articles and tags × attribute values (tag by outlet, tag by year), in one
pass over the coded highlights.

Each row is a tag (by default every tag, in codebook order); with `nested`, a row also
counts the tags nested under it, a passage carrying two of them once. A cell counts

    passages   coded passages in the column's articles; a whole-article code is one passage
               (one per article and row, however many of the row's tags it carries)
    articles   articles of the column coded with the row's tag (by a passage or as a whole)
    coverage   the share of the column's text the row's tag covers, 0 to 1: overlapping
               passages are counted once, a whole-article code covers the whole text

Columns are the articles (library order) or the values of an attribute, sorted (numbers as
numbers), with a column for articles without a value when there are any. `where` keeps the
articles matching attribute filters. Every cell keeps its passages and whole-article codes,
so a window can show them when the cell is clicked (`drill`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core.analysis.coded import (
    article_codes,
    read_codebook,
    snapshot,
    spans_of,
    tag_links,
    text_lengths,
)
from desktop_app.core.interchange.csv_export import write_csv
from desktop_app.core.library.attribute_filters import filtered_articles
from desktop_app.core.library.attributes import Value, find_attribute, values_of
from desktop_app.core.progress import Progress
from desktop_app.core.storage.database import Database
from desktop_app.core.text.normalize import fold

COUNTS = ("passages", "articles", "coverage")
ARTICLES = "articles"
ATTRIBUTE_PREFIX = "attribute:"
Cell = tuple[int, int]  # (row, column)


@dataclass(frozen=True)
class MatrixQuery:
    columns: str = ARTICLES  # "articles" or "attribute:KEY"
    count: str = "passages"
    tags: tuple[str, ...] | None = None  # the rows; None: every tag
    nested: bool = False
    where: tuple[str, ...] = ()


@dataclass(frozen=True)
class Column:
    key: Value | None  # an article id, or an attribute value (None: articles without one)
    label: str  # the article's title, or the value as text ("" for none)


@dataclass(frozen=True)
class Matrix:
    rows: tuple[str, ...]
    columns: tuple[Column, ...]
    count: str
    values: dict[Cell, float]  # cells not here are 0
    # What drill() reads: highlight ids, and articles coded as a whole, per cell. Sets, kept
    # as the pass made them: turning 120,000 of them into tuples took 110 ms.
    passages: dict[Cell, set[int]] = field(default_factory=dict)
    codes: dict[Cell, set[int]] = field(default_factory=dict)
    by_articles: bool = True  # columns are articles (else attribute values)

    def cell(self, row: int, column: int) -> float:
        return self.values.get((row, column), 0)

    def dense(self) -> list[list[float]]:
        out = [[0.0 if self.count == "coverage" else 0] * len(self.columns) for _ in self.rows]
        for (r, c), v in self.values.items():
            out[r][c] = v
        return out

    def drill(self, row: int, column: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(highlight ids, articles coded as a whole) behind one cell, in id order."""
        return (tuple(sorted(self.passages.get((row, column), ()))),
                tuple(sorted(self.codes.get((row, column), ()))))

    def as_json(self) -> dict[str, object]:
        digits = 6 if self.count == "coverage" else 0
        cells = [[round(v, digits) if digits else int(v) for v in row] for row in self.dense()]
        return {"rows": list(self.rows), "columns": [c.key for c in self.columns],
                "column_labels": [c.label for c in self.columns], "count": self.count, "cells": cells}


def build_matrix(db: Database, query: MatrixQuery, progress: Progress | None = None) -> Matrix:
    """The matrix of `query`. AnalysisError for an unknown tag, AttributesError for an
    unknown attribute or a filter that cannot be read; Cancelled if `progress` is."""
    progress = progress or Progress()
    if query.count not in COUNTS:
        raise ValueError(f"unknown count {query.count!r}; choose from {COUNTS}")
    if query.columns != ARTICLES and not query.columns.startswith(ATTRIBUTE_PREFIX):
        raise ValueError(f"columns are {ARTICLES!r} or 'attribute:KEY', not {query.columns!r}")
    allowed = filtered_articles(db, query.where)
    progress.step(0, 4)
    with snapshot(db) as conn:
        book = read_codebook(conn)
        rows = book.rows(query.tags, query.nested)
        row_of: dict[int, list[int]] = {}
        for r, (_name, tag_ids) in enumerate(rows):
            for t in tag_ids:
                row_of.setdefault(t, []).append(r)
        titles = dict(conn.execute("SELECT id, title FROM articles"))
        columns, column_of = _columns(db, query.columns, titles, allowed)
        progress.step(1, 4)
        links = tag_links(conn, row_of)
        spans = spans_of(conn, None if len(links) > 20_000 else {h for h, _t in links})
        codes = article_codes(conn, row_of)
        lengths = text_lengths(conn) if query.count == "coverage" else {}
    progress.step(2, 4)
    passages: dict[Cell, set[int]] = {}
    coded: dict[Cell, set[int]] = {}
    span_of, col_of = spans.get, column_of.get
    for h, t in links:
        where = span_of(h)
        if where is None or (c := col_of(where[0])) is None:
            continue
        for r in row_of[t]:
            if (found := passages.get((r, c))) is None:
                passages[(r, c)] = {h}
            else:
                found.add(h)
    for a, t in codes:
        if (c := column_of.get(a)) is not None:
            for r in row_of[t]:
                coded.setdefault((r, c), set()).add(a)
    progress.step(3, 4)
    values = _values(query.count, passages, coded, spans, lengths, column_of, query.columns == ARTICLES)
    return Matrix(tuple(name for name, _ids in rows), tuple(columns), query.count, values,
                  passages, coded, query.columns == ARTICLES)


def _columns(db: Database, spec: str, titles: dict[int, str], allowed: frozenset[int] | None
             ) -> tuple[list[Column], dict[int, int]]:
    """The columns, and article id -> its column."""
    articles = sorted(titles) if allowed is None else sorted(a for a in titles if a in allowed)
    if spec == ARTICLES:
        return [Column(a, titles[a] or "") for a in articles], {a: i for i, a in enumerate(articles)}
    with db.session() as s:
        info = find_attribute(s, spec[len(ATTRIBUTE_PREFIX):])
        values = values_of(s, info)
    present = {values[a] for a in articles if a in values}
    ordered: list[Value | None] = sorted(present, key=lambda v: (v, "") if isinstance(v, (int, float))
                                         else (float("inf"), fold(str(v)), str(v)))
    if any(a not in values for a in articles):
        ordered.append(None)
    index = {v: i for i, v in enumerate(ordered)}
    return ([Column(v, "" if v is None else str(v)) for v in ordered],
            {a: index[values.get(a)] for a in articles})


def _values(count: str, passages: dict[Cell, set[int]], coded: dict[Cell, set[int]],
            spans: dict[int, tuple[int, int, int]], lengths: dict[int, int],
            column_of: dict[int, int], by_articles: bool) -> dict[Cell, float]:
    if count == "passages":
        out: dict[Cell, float] = {k: len(v) for k, v in passages.items()}
        for k, v in coded.items():
            out[k] = out.get(k, 0) + len(v)
        return out
    cells = set(passages) | set(coded)
    if count == "articles":
        if by_articles:  # a column is one article
            return dict.fromkeys(cells, 1)
        return {k: len({spans[h][0] for h in passages.get(k, ())} | coded.get(k, set())) for k in cells}
    text_of_column: dict[int, int] = {}
    for a, c in column_of.items():
        text_of_column[c] = text_of_column.get(c, 0) + lengths.get(a, 0)
    out = {}
    for k in cells:
        whole = coded.get(k, ())
        found = passages.get(k, ())
        if len(found) == 1 and not whole:  # most cells of tags x articles: one passage
            _a, s, e = spans[next(iter(found))]
            covered = e - s
        else:
            by_article: dict[int, list[tuple[int, int]]] = {}
            for h in found:
                a, s, e = spans[h]
                if a not in whole:
                    by_article.setdefault(a, []).append((s, e))
            covered = sum(lengths.get(a, 0) for a in whole) + sum(map(union_length, by_article.values()))
        if text_of_column.get(k[1]):
            out[k] = covered / text_of_column[k[1]]
    return out


def union_length(spans: Sequence[tuple[int, int]]) -> int:
    """Code points covered by these spans, overlaps counted once."""
    total, reach = 0, -1
    for s, e in sorted(spans):
        if e <= reach:
            continue
        total += e - max(s, reach)
        reach = e
    return total


def export_matrix_csv(matrix: Matrix, path: Path, delimiter: str = ",") -> int:
    """The matrix as an Excel-safe CSV: a header naming the columns ("12: title" for an
    article, the value for an attribute, "(none)" for articles without one), a line per tag."""
    header = ["tag", *(column_heading(c, matrix) for c in matrix.columns)]
    rows = ([name, *values] for name, values in zip(matrix.rows, matrix.dense(), strict=True))
    return write_csv(Path(path), header, rows, delimiter)


def column_heading(column: Column, matrix: Matrix) -> str:
    if column.key is None:
        return "(none)"
    if matrix.by_articles:
        return f"{column.key}: {column.label}"
    return column.label
