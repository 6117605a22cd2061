"""Reading back our own CSV export, to move highlights into another library or to recover
them after an article's text changed.

The file is what csv_export writes: utf-8-sig, comma or semicolon (told by the header
line), and a "'" before cells Excel would run as formulas, removed again here. The whole
file is read and checked before anything is written, and every highlight is placed in one
transaction (webanno.place_highlights), so a damaged file imports nothing.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from desktop_app.core.db import Database
from desktop_app.core.export.csv_export import _FORMULA_START, TAG_SEPARATOR
from desktop_app.core.export.webanno import (
    AnnotationImportError,
    ImportResult,
    IncomingHighlight,
    parse_timestamp,
    place_highlights,
)
from desktop_app.core.text import normalize

CONTEXT_CHARS = 32
REQUIRED = ("article_id", "article_title", "start", "end", "quote", "tags", "note")


class _Malformed(Exception):
    """A problem found while reading; becomes AnnotationImportError naming the file."""


def unsafe_cell(value: str) -> str:
    """Undo csv_export.safe_cell: drop the "'" it puts before a formula character.

    A value that itself began with "'" and a formula character looks the same in the file
    and comes back without its "'"; no reader can tell the two apart.
    """
    if value.startswith("'") and value[1:].startswith(_FORMULA_START):
        return value[1:]
    return value


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0].rstrip("\r")
    for delimiter in (",", ";"):
        if set(REQUIRED) <= {c.strip().strip('"') for c in header.split(delimiter)}:
            return delimiter
    raise _Malformed(
        "its first line is not the header of a Chú Giải CSV export "
        f"(it needs the columns {', '.join(REQUIRED)})"
    )


def _int(cells: dict[str, str], key: str, line: int) -> int:
    value = cells.get(key, "").strip()
    try:
        return int(value)
    except ValueError:
        raise _Malformed(f"line {line}: {key} is not a whole number ({value!r})") from None


def _optional_int(cells: dict[str, str], key: str, line: int) -> int | None:
    return _int(cells, key, line) if cells.get(key, "").strip() else None


def _context(context: str, quote: str) -> tuple[str, str]:
    """Prefix and suffix from the exported sentence, when the quote is inside it."""
    at = context.find(quote)
    if at < 0:
        return "", ""
    return context[:at][-CONTEXT_CHARS:], context[at + len(quote) :][:CONTEXT_CHARS]


def _record(cells: dict[str, str], line: int) -> IncomingHighlight:
    start = _int(cells, "start", line)
    end = _int(cells, "end", line)
    if start < 0 or end <= start:
        raise _Malformed(f"line {line}: start {start} and end {end} are not a span")
    quote = normalize(cells["quote"])
    if not quote.strip():
        raise _Malformed(f"line {line}: the quote is empty")
    created: datetime | None = None
    if cells.get("created_at", "").strip():
        try:
            created = parse_timestamp(cells["created_at"])
        except ValueError:
            raise _Malformed(
                f"line {line}: created_at is not a date and time ({cells['created_at']!r})"
            ) from None
    prefix, suffix = _context(normalize(cells.get("context", "")), quote)
    return IncomingHighlight(
        quote=quote,
        prefix=prefix,
        suffix=suffix,
        start=start,
        end=end,
        tags=tuple(t for t in cells["tags"].split(TAG_SEPARATOR) if t.strip()),
        note=cells["note"],
        created=created,
        article_id=_int(cells, "article_id", line),
        title=cells["article_title"],
        published=cells.get("published") or None,
        keep_id=_optional_int(cells, "highlight_id", line),
    )


def _records(text: str) -> list[IncomingHighlight]:
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header = [h.strip() for h in next(reader)]
    records = []
    for row in reader:
        if not row:
            continue  # a blank line
        if len(row) != len(header):
            raise _Malformed(
                f"line {reader.line_num} has {len(row)} fields where the header has "
                f"{len(header)}; the file may be cut short or edited by hand"
            )
        cells = {key: unsafe_cell(value) for key, value in zip(header, row)}
        records.append(_record(cells, reader.line_num))
    return records


def read_csv(path: Path) -> list[IncomingHighlight]:
    """Every row of the file, or AnnotationImportError for the first problem."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise AnnotationImportError(f"Cannot read {path}: {e.strerror or e}.") from e
    try:
        return _records(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        problem = "it is not UTF-8 text (was it saved again in another encoding?)"
    except csv.Error as e:
        problem = f"it is not a well-formed CSV file ({e})"
    except _Malformed as e:
        problem = str(e)
    raise AnnotationImportError(f"Cannot import {path}: {problem}. Nothing was imported.")


def import_csv(db: Database, path: Path) -> ImportResult:
    """Read the whole file first, then place every highlight in one transaction."""
    return place_highlights(db, read_csv(path))
