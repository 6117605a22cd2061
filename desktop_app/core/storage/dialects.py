"""The few statements SQLite and PostgreSQL spell differently, chosen by the connection's
dialect (docs/postgresql.md, step 3). Everything else is written once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, func, insert, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from desktop_app.core.storage.bulk_sql import is_postgres
from desktop_app.core.storage.models import AppState


def put_state(bind: Connection | Session, key: str, value: str) -> None:
    """Set an app_state row, new or not, in one statement (INSERT OR REPLACE on SQLite,
    ON CONFLICT DO UPDATE on PostgreSQL)."""
    table = cast(Table, AppState.__table__)
    if is_postgres(bind):
        pg = postgresql.insert(table).values(key=key, value=value)
        bind.execute(pg.on_conflict_do_update(index_elements=["key"], set_={"value": pg.excluded.value}))
        return
    lite = sqlite.insert(table).values(key=key, value=value)
    bind.execute(lite.on_conflict_do_update(index_elements=["key"], set_={"value": lite.excluded.value}))


def put_states(bind: Connection | Session, rows: Sequence[Mapping[str, str]]) -> None:
    """put_state for many rows ({"key": ..., "value": ...}) in one executemany: INSERT OR
    REPLACE on SQLite (as before), ON CONFLICT (key) DO UPDATE on PostgreSQL."""
    if not rows:
        return
    table = cast(Table, AppState.__table__)
    if is_postgres(bind):
        pg = postgresql.insert(table)
        bind.execute(pg.on_conflict_do_update(index_elements=["key"], set_={"value": pg.excluded.value}),
                     list(rows))
        return
    bind.execute(insert(table).prefix_with("OR REPLACE"), list(rows))


def keeps_nlp_pending(bind: Connection | Session) -> bool:
    """Whether triggers keep `nlp_pending` (what needs segmenting or tagging): on SQLite;
    a server library answers with the full query (nlp/pending.py)."""
    return not is_postgres(bind)


def contains(bind: Connection | Session, haystack: Any, needle: str) -> ColumnElement[bool]:
    """`haystack` holds `needle` as written: instr() on SQLite, strpos() on PostgreSQL
    (LIKE would read `%` and `_` in a quote as wildcards)."""
    find = func.strpos if is_postgres(bind) else func.instr
    return find(haystack, needle) > 0


def next_ids(s: Session, table: Table, n: int) -> list[int]:
    """`n` ids for rows about to be inserted with explicit ids. SQLite: one above the largest,
    as it would number them (one writer at a time). PostgreSQL: from the table's sequence,
    so two coders inserting at once never take the same ids."""
    if n <= 0:
        return []
    if is_postgres(s):
        return list(s.scalars(text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) "
                                   "FROM generate_series(1, :n)"), {"t": table.name, "n": n}))
    largest = s.scalar(select(func.max(table.c.id))) or 0
    return list(range(largest + 1, largest + 1 + n))


def advance_sequence(s: Session, table: Table, at_least: int = 0) -> None:
    """On PostgreSQL move the table's id sequence past its largest id and `at_least` (rows
    inserted, or about to be, with ids of their own: undo putting rows back), so that the
    next plain INSERT does not collide; never backwards (another coder may have taken ids
    meanwhile). Nothing on SQLite, which numbers from the largest id."""
    if not is_postgres(s):
        return
    s.execute(text(
        "SELECT setval(q.seq, greatest(coalesce((SELECT max(id) FROM "
        f'"{table.name}"), 0), coalesce(pg_sequence_last_value(q.seq), 0), :least, 1))'
        " FROM (SELECT pg_get_serial_sequence(:t, 'id')::regclass AS seq) AS q"),
        {"t": table.name, "least": int(at_least)})
