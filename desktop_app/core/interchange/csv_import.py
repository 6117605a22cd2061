"""Reading back our own CSV export, to move highlights into another library or to recover
them after an article's text changed.

The file is what csv_export writes: utf-8-sig, comma or semicolon (told by the header
line), and a "'" before cells Excel would run as formulas, removed again here. The whole
file is read and checked before anything is written, and every highlight is placed in one
transaction (importing.place_highlights), so a damaged file imports nothing.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from operator import itemgetter
from pathlib import Path

from desktop_app.core.interchange.csv_export import needs_guard, split_tags
from desktop_app.core.interchange.export_extras import ARTICLE, UNIT
from desktop_app.core.interchange.importing import (
    AnnotationImportError,
    ImportResult,
    IncomingHighlight,
    parse_timestamp,
    place_highlights,
    read_file_bytes,
)
from desktop_app.core.messages import Message
from desktop_app.core.storage.database import Database
from desktop_app.core.text.normalize import normalize

REQUIRED = ("article_id", "article_title", "start", "end", "quote", "tags", "note")


class _Malformed(Exception):
    """A problem found while reading; becomes AnnotationImportError naming the file."""


def unsafe_cell(value: str) -> str:
    """Undo csv_export.safe_cell exactly: drop the one "'" it put in front, which is there
    where the rest of the cell needs the guard (csv_export.needs_guard). A cell of ours that
    itself began with "'" was written with one more, so it comes back as it was."""
    if value.startswith("'") and needs_guard(value[1:]):
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


def _int(value: str, key: str, line: int) -> int:
    try:
        return int(value)  # int() ignores surrounding whitespace itself
    except ValueError:
        raise _Malformed(
            f"line {line}: {key} is not a whole number ({value.strip()!r})") from None


class _Reading:
    """Values that repeat from row to row (times, tag lists), each worked out once."""

    def __init__(self) -> None:
        self.times: dict[str, datetime] = {}
        self.tags: dict[str, tuple[str, ...]] = {}

    def time(self, value: str) -> datetime:
        moment = self.times.get(value)
        if moment is None:
            moment = self.times[value] = parse_timestamp(value)
        return moment

    def tag_names(self, value: str) -> tuple[str, ...]:
        names = self.tags.get(value)
        if names is None:
            names = self.tags[value] = tuple(split_tags(value))
        return names


# The cells a record is made of, in this order; a column the file lacks reads as "".
_USED = ("article_id", "article_title", "published", "highlight_id", "start", "end", "quote",
         "tags", "note", "created_at", "context", "coder")


def _record(cells: tuple[str, ...], line: int, reading: _Reading) -> IncomingHighlight:
    (article_id, title, published, highlight_id, start_cell, end_cell, quote, tags, note,
     created_at, context, coder) = cells
    start = _int(start_cell, "start", line)
    end = _int(end_cell, "end", line)
    if start < 0 or end <= start:
        raise _Malformed(f"line {line}: start {start} and end {end} are not a span")
    quote = normalize(quote)
    if not quote.strip():
        raise _Malformed(f"line {line}: the quote is empty")
    created: datetime | None = None
    if created_at.strip():
        try:
            created = reading.time(created_at)
        except ValueError:
            raise _Malformed(
                f"line {line}: created_at is not a date and time ({created_at!r})"
            ) from None
    return IncomingHighlight(
        quote=quote,
        # The sentence around the quote: prefix and suffix are taken from it, when placing
        # needs them (rarely: only where the text changed or the article is not named).
        context=context,
        start=start,
        end=end,
        tags=reading.tag_names(tags),
        note=note,
        created=created,
        article_id=_int(article_id, "article_id", line),
        title=title,
        published=published or None,
        keep_id=_int(highlight_id, "highlight_id", line) if highlight_id.strip() else None,
        coder=coder.strip() or None,  # no coder column (an older file): the current coder
    )


def _records(text: str) -> list[IncomingHighlight]:
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header = [h.strip() for h in next(reader)]
    if not set(REQUIRED) <= set(header):
        raise _Malformed(f"its header lacks the column(s) "
                         f"{', '.join(c for c in REQUIRED if c not in header)}")
    column = {key: i for i, key in enumerate(header)}  # the last of a repeated name
    pick = itemgetter(*(column.get(key, -1) for key in _USED))  # -1: the "" appended
    unit = column.get(UNIT)
    reading = _Reading()
    records = []
    for row in reader:
        if not row:
            continue  # a blank line
        if len(row) != len(header):
            raise _Malformed(
                f"line {reader.line_num} has {len(row)} fields where the header has "
                f"{len(header)}; the file may be cut short or edited by hand"
            )
        if "'" in {value[:1] for value in row}:  # only such a cell may need unsafe_cell
            row = [unsafe_cell(value) for value in row]
        if unit is not None and row[unit].strip() == ARTICLE:
            continue  # a whole-article code, not a passage (export_extras)
        row.append("")
        records.append(_record(pick(row), reader.line_num, reading))
    return records


def read_csv(path: Path) -> list[IncomingHighlight]:
    """Every row of the file, or AnnotationImportError for the first problem."""
    path = Path(path)
    raw = read_file_bytes(path)
    try:
        return _records(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        problem: Message | str = Message("import.csv_not_utf8")
    except csv.Error as e:
        problem = Message("import.csv_malformed", {"reason": str(e)})
    except _Malformed as e:
        problem = str(e)
    raise AnnotationImportError(Message("import.file_invalid", {"path": path, "problem": problem}))


def import_csv(db: Database, path: Path) -> ImportResult:
    """Read the whole file first, then place every highlight in one transaction."""
    return place_highlights(db, read_csv(path))
