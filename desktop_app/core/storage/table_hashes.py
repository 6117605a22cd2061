"""Row counts and content hashes of a library's tables, equal on SQLite and PostgreSQL for
the same data: what `publish` and a server `backup` (engine_copy.py) check at the end.

Each table is read ordered by its primary key (text keys in code-point order on both
engines: SQLite's BINARY collation, PostgreSQL's "C") and every value is written in one
spelling before it is hashed: datetimes as UTC without a zone (SQLite stores them naive,
PostgreSQL's timestamptz reads back aware), booleans as 0/1, bytes as hex, floats by repr.
JSON columns are TEXT on both engines, so their text is hashed as it is.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import String, Table, select, text
from sqlalchemy.engine import Connection

from desktop_app.core.storage.bulk_sql import is_postgres
from desktop_app.core.storage.models import Base

# The word index is a cache of the segmentations (word_index_models.py) whose terms live in
# word_fts, an SQLite FTS5 table: its row tables without word_fts would claim articles are
# indexed that are not, so they are left for each library to rebuild. article_log is each
# library's own change log (triggers on SQLite, LibraryWatch reads it); nlp_pending is kept
# by SQLite triggers only (a file refills it at its first read, nlp/pending.py).
NOT_COPIED = ("word_terms", "word_index_articles", "word_term_totals", "word_index_queue",
              "article_log", "nlp_pending")
# Kept by triggers from highlights on both engines (article_order.py, server_triggers.py):
# never copied (the target's triggers would count the copied highlights a second time);
# the target's rows are compared with a recount of the source's highlights.
KEPT_BY_TRIGGERS = ("highlight_counts",)
_ROWS_PER_FETCH = 500


@dataclass(frozen=True)
class TableSummary:
    """How many rows a table has and the SHA-256 of its rows in primary-key order."""

    table: str
    rows: int
    sha256: str


def copied_tables() -> list[Table]:
    """The tables a copy between engines carries, parents before children."""
    return [t for t in Base.metadata.sorted_tables if t.name not in NOT_COPIED]


def order_columns(conn: Connection, table: Table) -> list[Any]:
    """The primary key, text columns in code-point order on both engines."""
    postgres = is_postgres(conn)
    return [c.collate("C") if postgres and isinstance(c.type, String) else c
            for c in table.primary_key.columns]


def rows_in_order(conn: Connection, table: Table) -> Iterator[tuple[Any, ...]]:
    """Every row of `table` as typed values in primary-key order, streamed (a server-side
    cursor on PostgreSQL, so a large table is never held whole)."""
    result = conn.execution_options(stream_results=True, yield_per=_ROWS_PER_FETCH).execute(
        select(*table.columns).order_by(*order_columns(conn, table)))
    for row in result:
        yield tuple(row)


def normalised(value: Any) -> bytes:
    """One spelling of a value for both engines, tagged by kind and length-prefixed (so
    that no two rows hash alike by shifting text between columns)."""
    if value is None:
        body, kind = b"", b"N"
    elif isinstance(value, bool):
        body, kind = str(int(value)).encode(), b"i"
    elif isinstance(value, int):
        body, kind = str(value).encode(), b"i"
    elif isinstance(value, float):
        body, kind = repr(value).encode(), b"f"
    elif isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        body, kind = value.isoformat().encode(), b"t"
    elif isinstance(value, (bytes, bytearray, memoryview)):
        body, kind = bytes(value).hex().encode(), b"b"
    else:
        body, kind = str(value).encode("utf-8", "surrogatepass"), b"s"
    return kind + str(len(body)).encode() + b":" + body


def hash_rows(rows: Iterable[tuple[Any, ...]]) -> tuple[int, str]:
    """(row count, SHA-256 hex digest) of rows, each value normalised."""
    digest = hashlib.sha256()
    count = 0
    for row in rows:
        digest.update(b"".join(normalised(v) for v in row) + b"\n")
        count += 1
    return count, digest.hexdigest()


def table_summary(conn: Connection, table: Table) -> TableSummary:
    rows, sha = hash_rows(rows_in_order(conn, table))
    return TableSummary(table.name, rows, sha)


def recounted_summary(conn: Connection) -> TableSummary:
    """What highlight_counts must hold, counted from highlights: (article id, n) in id order."""
    rows, sha = hash_rows(tuple(r) for r in conn.execute(text(
        "SELECT article_id, count(*) FROM highlights GROUP BY article_id ORDER BY article_id")))
    return TableSummary("highlight_counts", rows, sha)


def summaries(conn: Connection, tables: Iterable[Table]) -> dict[str, TableSummary]:
    """Counts and hashes of `tables` read on `conn` (in its transaction: one snapshot)."""
    return {t.name: table_summary(conn, t) for t in tables}
