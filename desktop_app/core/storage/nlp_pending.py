"""What still needs segmenting or tagging (schema v12): a small table kept by SQLite
triggers in the statement that changes an article or a result row; nlp/pending.py reads
it. PostgreSQL has no such triggers (docs/postgresql.md): a server library asks the full
query, as before.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import DDL, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.core.storage.models import Base

# Unchanged since v12: the migration's statements are the current ones.
from desktop_app.core.storage.pending_migration import KINDS, V12_PENDING_DDL

KIND_OF_TABLE = {table: kind for kind, table in KINDS}


def engine_key(table: str) -> str:
    """The app_state key holding the engine the table's rows of this kind were made for."""
    return f"nlp:pending:{table}"


# Articles without a valid row in {name}. (Columns NOT NULL: `<>` is `IS NOT` here, and
# PostgreSQL spells it so.) SQLite reads content_hash from its unique index, a covering
# scan: in the table row it sits after the texts, and reading it there walks their
# overflow pages.
STALE_FROM = ("FROM articles AS a LEFT JOIN {name} AS t ON t.article_id = a.id"
              " WHERE t.article_id IS NULL OR t.engine <> ? OR t.text_hash <> a.content_hash")


def refill(conn: Any, table: str, engine: str) -> None:
    """Make the kind's rows the full query's answer for `engine` and record the engine
    (SQLite; `conn` a pysqlite connection inside the caller's write transaction)."""
    kind = KIND_OF_TABLE[table]
    conn.execute("DELETE FROM nlp_pending WHERE kind = ?", (kind,))
    conn.execute(f"INSERT INTO nlp_pending (kind, article_id) SELECT ?, a.id {STALE_FROM.format(name=table)}",
                 (kind, engine))
    conn.execute("INSERT OR REPLACE INTO app_state (key, value) VALUES (?, ?)", (engine_key(table), engine))


def refill_all(conn: Any) -> None:
    """Refill every kind whose engine is recorded (a library copied in row by row), and
    empty the others' rows (untrusted until their first read)."""
    for table, kind in KIND_OF_TABLE.items():
        found = conn.execute("SELECT value FROM app_state WHERE key = ?", (engine_key(table),)).fetchone()
        if found is None:
            conn.execute("DELETE FROM nlp_pending WHERE kind = ?", (kind,))
        else:
            refill(conn, table, found[0])


class NlpPending(Base):
    """An article whose segmentation ('s') or tagging ('t') is missing or stale."""

    __tablename__ = "nlp_pending"
    __table_args__ = {"sqlite_with_rowid": False}

    kind: Mapped[str] = mapped_column(String(1), primary_key=True)
    article_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


for _sql in V12_PENDING_DDL[1:]:  # [0] is the table, which create_all makes
    event.listen(Base.metadata, "after_create", DDL(_sql).execute_if(dialect="sqlite"))
