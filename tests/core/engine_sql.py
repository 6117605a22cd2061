"""Plain SQL in tests, on either engine (tests/engines.py): a test that reads or changes rows
behind the app's back writes `?` placeholders as on SQLite; on PostgreSQL they become `%s`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, CursorResult

from desktop_app.core.storage.database import Database


def execute(conn: Connection, sql: str, *params: Any) -> CursorResult[Any]:
    """Run `sql` (with `?` placeholders) on `conn`, a connection of either engine."""
    if conn.dialect.name == "postgresql":
        sql = sql.replace("%", "%%").replace("?", "%s")
    return conn.exec_driver_sql(sql, tuple(params)) if params else conn.exec_driver_sql(sql)


def rows(db: Database, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Every row `sql` returns, read in a transaction of its own."""
    with db.engine.begin() as conn:
        return [tuple(row) for row in execute(conn, sql, *params)]


def scalar(db: Database, sql: str, *params: Any) -> Any:
    """The one value `sql` returns."""
    with db.engine.begin() as conn:
        return execute(conn, sql, *params).scalar_one()


def write(db: Database, sql: str, *params: Any) -> None:
    """Change rows behind the app's back (what another program, or a crash, could leave)."""
    with db.engine.begin() as conn:
        execute(conn, sql, *params)
