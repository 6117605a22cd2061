"""Plain SQL in bulk on either engine: the seam that replaces `driver_connection` for the
analysis and export readers (docs/postgresql.md, step 2).

The readers write SQLite's SQL: `?` placeholders, `IN (...)` lists. `bulk_sql(sa_conn)` gives
them something with `execute`, `executemany` and iteration over the rows:
- on SQLite it IS the pysqlite connection (no wrapper, so no cost: the readers' speed was
  measured on it, benchmarks/analysis_bench.py);
- on PostgreSQL a small adapter over the psycopg connection that rewrites `?` to `%s` (and a
  literal `%` to `%%`) once per statement text.
`ids_in(conn, column, ids)` writes an id list as `IN (?,?,...)` on SQLite and `= ANY(?)` with
one array on PostgreSQL. `driver_errors()` is what the driver raises, for `except` clauses:
psycopg is only looked at when it was imported (a SQLite user never loads it).
"""

from __future__ import annotations

import re
import sqlite3
import sys
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any, Protocol

from sqlalchemy.engine import Connection


class BulkCursor(Protocol):
    def __iter__(self) -> Iterator[Any]: ...
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...


class BulkSql(Protocol):
    """What the readers use: sqlite3.Connection has it as it is."""

    def execute(self, sql: str, parameters: Any = ..., /) -> BulkCursor: ...
    def executemany(self, sql: str, parameters: Iterable[Any], /) -> BulkCursor: ...
    @property
    def in_transaction(self) -> bool: ...


def is_postgres(bind: Any) -> bool:
    """True for a connection, session or engine on PostgreSQL."""
    dialect = getattr(bind, "dialect", None)
    if dialect is None and hasattr(bind, "get_bind"):
        dialect = bind.get_bind().dialect
    return getattr(dialect, "name", "") == "postgresql"


def bulk_sql(sa_conn: Connection) -> Any:
    """The connection the readers run plain SQL on, in `sa_conn`'s transaction: the pysqlite
    connection itself on SQLite, a `PostgresSql` on PostgreSQL. (Typed Any: the readers were
    written against sqlite3.Connection and stay checked against it through callers.)"""
    raw = sa_conn.connection.driver_connection
    if isinstance(raw, sqlite3.Connection):
        return raw
    if is_postgres(sa_conn):
        return PostgresSql(raw)
    raise TypeError(f"no bulk SQL for the {sa_conn.dialect.name} dialect")


# A quoted literal or identifier, or a placeholder / percent sign outside them.
_TOKENS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|[?%]")


@lru_cache(maxsize=512)
def to_format_style(sql: str) -> str:
    """SQLite's `?` placeholders as psycopg's `%s`; `%` doubled (psycopg reads it as a
    placeholder). Quoted text is left alone except for `%`."""
    def swap(m: re.Match[str]) -> str:
        token = m.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        return token.replace("%", "%%")
    return _TOKENS.sub(swap, sql)


class PostgresSql:
    """The psycopg connection with SQLite's placeholder style, for `bulk_sql`."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> Any:
        if not parameters:  # without parameters psycopg sends the text as it is
            return self.raw.execute(sql)
        return self.raw.execute(to_format_style(sql), list(parameters))

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]]) -> Any:
        cursor = self.raw.cursor()
        cursor.executemany(to_format_style(sql), [list(p) for p in parameters])
        return cursor

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return bool(self.raw.info.transaction_status != TransactionStatus.IDLE)


def ids_in(conn: Any, column: str, ids: Sequence[int]) -> tuple[str, list[Any]]:
    """`column IN (?,?,...)` with the ids as parameters; on PostgreSQL `column = ANY(?)` with
    one array (no list to write out, one statement text for every length)."""
    if isinstance(conn, PostgresSql):
        return f"{column} = ANY(?)", [list(ids)]
    return f"{column} IN ({','.join('?' * len(ids))})", list(ids)


def driver_errors(*more: type[BaseException]) -> tuple[type[BaseException], ...]:
    """sqlite3.Error, psycopg.Error when psycopg is loaded, and `more`: for `except` clauses
    (evaluated only when an exception is being matched)."""
    psycopg = sys.modules.get("psycopg")
    extra: tuple[type[BaseException], ...] = (psycopg.Error,) if psycopg is not None else ()
    return (sqlite3.Error, *extra, *more)
