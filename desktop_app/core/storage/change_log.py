"""The change log of a server library: one row per committed operation (issue 17, live updates).

Server-only (plain DDL, not in Base.metadata: SQLite libraries, publish/backup and the
table hashes do not know it). Made with the schema (server.create_schema, so publish makes
it too) and on every open by a writing client (a library made before it). Every core operation on a server library inserts its row in
its own transaction (`log_in`): the operation's id (made by the client, so a commit whose
acknowledgement was lost can be looked up instead of applied twice), the client and coder,
and what it changed as JSON (operations/change_json.py). The same statement sends
`pg_notify(CHANNEL, id)`, delivered at commit: a watching client wakes and reads the rows
after the last one it has (`rows_after`), so a lost notification loses nothing.

Ids come from a sequence, so rows can become visible out of id order (two writers commit
in the other order). Each row keeps its transaction id (`xid`, taken before its log id, by a statement of its own):
a reader that sees a gap below the newest id waits until every transaction that had an xid
when it saw the gap has ended before it takes the gap as a rolled-back one
(operations/server_watch.py says how).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

CHANNEL = "chugiai_changes"

_DDL = (
    "CREATE TABLE IF NOT EXISTS change_log ("
    " id bigint PRIMARY KEY,"
    " op_id uuid NOT NULL UNIQUE,"
    " client_id text NOT NULL,"
    " coder_id integer,"
    " xid xid8 NOT NULL,"
    " attempt smallint NOT NULL DEFAULT 0,"
    " created_at timestamptz NOT NULL DEFAULT now(),"
    " changes jsonb NOT NULL)",
    "CREATE SEQUENCE IF NOT EXISTS change_log_id_seq OWNED BY change_log.id",
)

# The transaction id is taken by a statement of its own BEFORE the log id: a transaction
# holding a log id then always has an xid a reader can wait on. (Taken in the same statement,
# e.g. from a subquery, the server evaluated nextval first: a reader saw a higher id
# committed while the lower one's transaction had no xid yet, and passed it. Measured.)
_XID = text("SELECT pg_current_xact_id()::text")
_LOG = text(
    "WITH row AS (INSERT INTO change_log (id, op_id, client_id, coder_id, xid, attempt, changes)"
    " VALUES (nextval('change_log_id_seq'), :op_id, :client_id, :coder_id, CAST(:xid AS xid8), :attempt,"
    " CAST(:changes AS jsonb)) RETURNING id)"
    f" SELECT pg_notify('{CHANNEL}', id::text) FROM row")

_WROTE = text("SELECT pg_current_xact_id_if_assigned() IS NOT NULL")


def wrote_anything(s: Session) -> bool:
    """Whether the transaction running in `s` has written (a transaction that only read has
    no xid)."""
    s.flush()
    return bool(s.execute(_WROTE).scalar_one())


_APPLIED = text("SELECT attempt FROM change_log WHERE op_id = :op_id")


def install_change_log(conn: Connection) -> None:
    """Create the table and its sequence if missing, in the caller's transaction. Nothing
    when the table exists: even `CREATE TABLE IF NOT EXISTS` wants CREATE on the schema,
    which a coder's role may lack. Whoever makes it lets every role that can connect log
    and read (the coders are different roles; the database's CONNECT right is the gate)."""
    if conn.execute(text("SELECT to_regclass('change_log')")).scalar() is not None:
        return
    for statement in _DDL:
        conn.execute(text(statement))
    conn.execute(text("GRANT SELECT, INSERT ON change_log TO PUBLIC"))
    conn.execute(text("GRANT USAGE, SELECT ON SEQUENCE change_log_id_seq TO PUBLIC"))


def log_in(s: Session, op_id: uuid.UUID, client_id: str, coder_id: int | None,
           changes: dict[str, Any], attempt: int = 0) -> None:
    """One row for the operation running in `s`, committed (and notified) with it. The
    unique op_id makes a second commit of the same operation fail instead of applying it
    twice; `attempt` says which run of it was the one committed."""
    s.flush()  # the operation's own rows first (a text() statement does not autoflush)
    xid = s.execute(_XID).scalar_one()
    s.execute(_LOG, {"op_id": op_id, "client_id": client_id, "coder_id": coder_id, "attempt": attempt,
                     "xid": xid, "changes": json.dumps(changes, separators=(",", ":"))})


def applied_attempt(conn: Connection | Session, op_id: uuid.UUID) -> int | None:
    """Which attempt of the operation `op_id` was committed; None: it was not."""
    found = conn.execute(_APPLIED, {"op_id": op_id}).first()
    return None if found is None else int(found[0])


@dataclass(frozen=True)
class LogRow:
    id: int
    op_id: uuid.UUID
    client_id: str
    changes: dict[str, Any]


# Read in one REPEATABLE READ snapshot by the watch: the snapshot's xmin and xmax, then rows.
SNAPSHOT_SQL = ("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint,"
                " pg_snapshot_xmax(pg_current_snapshot())::text::bigint")
ROWS_AFTER_SQL = ("SELECT id, op_id, client_id, changes FROM change_log WHERE id > %s"
                  " ORDER BY id LIMIT %s")
ROWS_IN_SQL = "SELECT id, op_id, client_id, changes FROM change_log WHERE id = ANY(%s) ORDER BY id"
LAST_SQL = "SELECT coalesce(max(id), 0) FROM change_log"
NEW_XID_SQL = "SELECT pg_current_xact_id()::text::bigint"  # in autocommit: a new xid, done at once


def as_row(values: tuple[Any, ...]) -> LogRow:
    """A row of ROWS_AFTER_SQL/ROWS_IN_SQL read by psycopg (jsonb arrives parsed)."""
    row_id, op_id, client_id, changes = values
    if isinstance(changes, str):
        changes = json.loads(changes)
    return LogRow(int(row_id), op_id if isinstance(op_id, uuid.UUID) else uuid.UUID(str(op_id)),
                  str(client_id), dict(changes))
