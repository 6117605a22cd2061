"""Attribute values from a CSV file: one row per article, one column per attribute.

The first column names the article: `id` (the article id, as `chugiai list` shows it) or
`title` (the exact title, spacing ignored). Each other column is an attribute, by name;
"Giọng điệu:choice" gives a new attribute its type (text, number, date, choice); without
one a new attribute is a number when every value is one, else a date when every value is
one, else text (a new choice attribute takes its values as its choices, in order of first
appearance). An empty cell means no value: it clears the article's value of an existing
attribute. UTF-8 (with or without BOM), separated by commas, semicolons or tabs.

The whole file is read and checked before anything is written: a bad cell is named (row
as a spreadsheet counts it, header = row 1, and column) and nothing is imported.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.library.attribute_edits import (
    checked_choices,
    checked_name,
    define_in,
    put_values_in,
    stored_values_in,
)
from desktop_app.core.library.attributes import (
    KINDS,
    AttributeInfo,
    AttributesError,
    StoredValue,
    clean_name,
    find_attribute,
    guess_kind,
    key_of,
    parse_value,
)
from desktop_app.core.messages import Message
from desktop_app.core.storage.models import Article
from desktop_app.core.text.normalize import normalize

KEYS = {"id": "id", "article_id": "id", "title": "title"}
MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class ImportColumn:
    header: str
    info: AttributeInfo  # id None: a new attribute, defined when the plan is applied


@dataclass(frozen=True)
class AttributeImportPlan:
    """What a file would change, fully checked: per column, article -> value (None: none)."""

    path: Path
    key: str  # "id" or "title"
    columns: tuple[ImportColumn, ...]
    values: tuple[Mapping[int, StoredValue | None], ...]
    rows: int  # data rows (blank ones not counted)

    @property
    def new_attributes(self) -> list[str]:
        return [c.info.name for c in self.columns if c.info.id is None]


@dataclass(frozen=True)
class AppliedImport:
    created: tuple[AttributeInfo, ...]  # attributes the file brought
    before: tuple[tuple[int, Mapping[int, StoredValue | None]], ...]  # (attribute, old values)
    articles: frozenset[int]  # articles whose values changed


def _failed(path: Path, problem: Message) -> AttributesError:
    return AttributesError(Message("attribute.csv_failed", {"path": path, "problem": problem}))


def _cell(row: int, column: str, problem: Message) -> Message:
    return Message("attribute.csv_cell", {"row": row, "column": column, "problem": problem})


def read_rows(path: Path) -> list[list[str]]:
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise AttributesError(Message("import.file_unreadable", {
            "path": path, "reason": e.strerror or str(e)})) from e
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise _failed(path, Message("import.csv_not_utf8")) from e
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as e:
        raise _failed(path, Message("import.csv_malformed", {"reason": str(e)})) from e
    return [[normalize(cell).strip() for cell in row] for row in rows]


def plan_import(s: Session, path: Path) -> AttributeImportPlan:
    """Read and check the whole file; AttributesError names the first problem."""
    path = Path(path)
    rows = read_rows(path)
    try:
        return _plan(s, path, rows)
    except AttributesError as e:
        raise _failed(path, e.message) from e


def _plan(s: Session, path: Path, rows: list[list[str]]) -> AttributeImportPlan:
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        raise AttributesError(Message("attribute.csv_empty"))
    header = rows[0]
    data = [(n, row) for n, row in enumerate(rows[1:], start=2) if any(row)]
    key = KEYS.get(key_of(header[0]).replace(" ", "_")) if header else None
    if key is None:
        raise AttributesError(Message("attribute.csv_no_key"))
    # Blank trailing header cells over blank columns are what spreadsheets leave: dropped.
    width = len(header)
    while width > 1 and not header[width - 1] and not any(len(r) >= width and r[width - 1] for _n, r in data):
        width -= 1
    if width < 2:
        raise AttributesError(Message("attribute.csv_no_columns"))
    for n, row in data:
        if any(row[width:]):
            raise AttributesError(Message("attribute.csv_row", {"row": n, "problem": Message(
                "attribute.csv_too_many_cells", {"count": len(row), "columns": width})}))
    articles = _articles(s, key, header[0], data)
    columns: list[ImportColumn] = []
    values: list[dict[int, StoredValue | None]] = []
    seen: dict[str, str] = {}
    for c in range(1, width):
        cells = [(n, articles[n], row[c] if c < len(row) else "") for n, row in data]
        info = _column(s, header[c], c + 1, [v for _n, _a, v in cells])
        if key_of(info.name) in seen:
            raise AttributesError(Message("attribute.csv_duplicate_column", {"column": header[c]}))
        seen[key_of(info.name)] = header[c]
        column_values: dict[int, StoredValue | None] = {}
        for n, article_id, cell in cells:
            try:
                column_values[article_id] = parse_value(info, cell) if cell else None
            except AttributesError as e:
                raise AttributesError(_cell(n, header[c], e.message)) from e
        columns.append(ImportColumn(header[c], info))
        values.append(column_values)
    return AttributeImportPlan(path, key, tuple(columns), tuple(values), len(data))


def _articles(s: Session, key: str, column: str, data: list[tuple[int, list[str]]]) -> dict[int, int]:
    """Row number -> article id; every row must name exactly one article, once."""
    if key == "id":
        known = set(s.scalars(select(Article.id)))
    else:
        by_title: dict[str, list[int]] = {}
        for article_id, title in s.execute(select(Article.id, Article.title)):
            by_title.setdefault(" ".join((title or "").split()), []).append(article_id)
    out: dict[int, int] = {}
    first_row: dict[int, int] = {}
    for n, row in data:
        cell = row[0] if row else ""
        if key == "id":
            found = [int(cell)] if cell.isdigit() and int(cell) in known else []
            if not found:
                raise AttributesError(_cell(n, column, Message("attribute.csv_unknown_id", {"value": cell})))
        else:
            found = by_title.get(" ".join(cell.split()), [])
            if not found:
                raise AttributesError(_cell(n, column, Message("attribute.csv_unknown_title", {"value": cell})))
            if len(found) > 1:
                raise AttributesError(_cell(n, column, Message("attribute.csv_ambiguous_title", {
                    "value": cell, "count": len(found)})))
        if found[0] in first_row:
            raise AttributesError(_cell(n, column, Message("attribute.csv_repeated_article", {
                "other": first_row[found[0]]})))
        first_row[found[0]] = n
        out[n] = found[0]
    return out


def _column(s: Session, header: str, number: int, cells: list[str]) -> AttributeInfo:
    """The attribute a header names: an existing one, or a new one with its type."""
    if not header:
        raise AttributesError(Message("attribute.csv_blank_header", {"column": number}))
    name, _sep, suffix = header.rpartition(":")
    kind = key_of(suffix) if name and key_of(suffix) in KINDS else None
    name = clean_name(name if kind else header)
    try:
        info = find_attribute(s, name)
    except AttributesError:
        info = None
    try:
        if info is not None and info.builtin:
            raise AttributesError(Message("attribute.built_in", {"name": name}))
        if info is not None:
            if kind is not None and kind != info.kind:
                raise AttributesError(Message("attribute.kind_differs", {
                    "name": info.name, "kind": info.kind, "wanted": kind}))
            return info
        kind = kind or guess_kind(cells)
        choices = checked_choices(cells) if kind == "choice" else ()
        return AttributeInfo(checked_name(s, name), kind, None, choices)
    except AttributesError as e:
        raise AttributesError(_cell(1, header, e.message)) from e


def apply_in(s: Session, plan: AttributeImportPlan) -> AppliedImport:
    """Define the new attributes and put every value; one transaction (the caller's)."""
    created: list[AttributeInfo] = []
    before: list[tuple[int, Mapping[int, StoredValue | None]]] = []
    changed: set[int] = set()
    for column, values in zip(plan.columns, plan.values, strict=True):
        info = column.info
        if info.id is None:
            info = define_in(s, info.name, info.kind, info.choices)
            created.append(info)
        assert info.id is not None
        old = stored_values_in(s, info.id, values)
        different = {a: v for a, v in values.items() if old[a] != v}
        if different:
            put_values_in(s, info.id, different)
            before.append((info.id, {a: old[a] for a in different}))
            changed.update(different)
    return AppliedImport(tuple(created), tuple(before), frozenset(changed))

