"""Moving a library between engines (docs/postgresql.md, section 6 step 10).

`publish(db, url)`: the SQLite library `db` into an EMPTY PostgreSQL database, in ONE server
transaction: the schema, every copied table in batches, sequences moved past the copied ids,
the version row, then counts and hashes of both sides compared (table_hashes.py). Any failure,
a mismatch included, rolls the transaction back: PostgreSQL DDL is transactional, so the
database is left as empty as it was.

`backup_to_file(server_db, path)`: the server library into a NEW SQLite file, written under a
partial name (copies.partial_name) as a fresh library (`Database.open`: schema, version,
triggers), filled in one transaction, compared, then renamed; a failure removes the partial
file. Its search index and word index are built later by the app, as for any library whose
articles came in without them (the search index on the first search, the word index from
the queue the segmentation triggers fill).

Both read their source in one snapshot (a read transaction), so counts and hashes describe
exactly what was copied even while others write. Results are structured; the CLI words them.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Column, MetaData, Table, delete, func, insert, inspect, select, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection
from sqlalchemy.types import DateTime

from desktop_app.core.progress import Progress
from desktop_app.core.storage.copies import partial_name
from desktop_app.core.storage.database import SCHEMA_VERSION, Database
from desktop_app.core.storage.models import Base, Coder
from desktop_app.core.storage.nlp_pending import refill_all
from desktop_app.core.storage.table_hashes import (
    KEPT_BY_TRIGGERS,
    NOT_COPIED,
    TableSummary,
    copied_tables,
    recounted_summary,
    rows_in_order,
    summaries,
    table_summary,
)

# Why a copy did not happen (CopyError.kind).
NOT_POSTGRES = "not_postgres"
UNREACHABLE = "unreachable"
NOT_EMPTY = "not_empty"
EXISTS = "exists"
MISMATCH = "mismatch"
FAILED = "failed"

BATCH_ROWS = 1000
BATCH_BYTES = 8 * 1024 * 1024  # articles may hold a million characters each


class CopyError(Exception):
    """A copy refused or undone, in English (`str`), with a `kind` above and, for a
    mismatch, the tables whose counts or hashes differ."""

    def __init__(self, message: str, kind: str, mismatches: list[TableCopy] | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.mismatches = mismatches or []


@dataclass(frozen=True)
class TableCopy:
    table: str
    source: TableSummary
    target: TableSummary

    @property
    def matches(self) -> bool:
        return (self.source.rows, self.source.sha256) == (self.target.rows, self.target.sha256)


@dataclass
class CopyResult:
    """What was copied where, verified table by table."""

    source: str
    target: str
    tables: list[TableCopy] = field(default_factory=list)
    not_copied: tuple[str, ...] = NOT_COPIED
    rebuilt: tuple[str, ...] = ()  # made by the target's triggers, compared with a recount
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(t.target.rows for t in self.tables)


# --- publish: a file into an empty server database --------------------------------------
def publish(db: Database, url: str, progress: Progress | None = None) -> CopyResult:
    """Copy the SQLite library `db` into the empty PostgreSQL database at `url`."""
    from desktop_app.core.storage.server import SCHEMA_LOCK, server_engine, server_url

    try:
        parsed = server_url(url)
    except ValueError as e:
        raise CopyError(str(e), NOT_POSTGRES) from e
    where = str(parsed.render_as_string(hide_password=True))
    started = time.perf_counter()
    engine = server_engine(parsed)
    try:
        try:
            target = engine.connect()
        except sa_exc.OperationalError as e:
            raise CopyError(f"The server of {where} cannot be reached: {e.orig}", UNREACHABLE) from e
        with target, _read_snapshot(db) as source:
            try:
                with target.begin():
                    target.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SCHEMA_LOCK})
                    fresh = _make_ready(target, where)
                    tables = [t for t in copied_tables() if t.name not in KEPT_BY_TRIGGERS]
                    _copy(source, target, tables, progress)
                    _finish_server(target, fresh)
                    result = _verified(source, target, tables, db.location, where)
            except (sa_exc.DBAPIError, ValueError) as e:  # ValueError: a stored value SQLAlchemy cannot read
                raise CopyError(f"Publishing to {where} failed and nothing was kept there: "
                                f"{getattr(e, 'orig', None) or e}", FAILED) from e
    finally:
        engine.dispose()
    result.seconds = time.perf_counter() - started
    return result


def _make_ready(conn: Connection, where: str) -> bool:
    """Check the database is empty and give it the schema; True when the schema was made
    here (its version row is then written last). A library the app just made by opening
    the empty database (only its first coder) counts as empty: that coder is replaced."""
    from desktop_app.core.storage.server import create_schema, schema_version
    from desktop_app.core.storage.server_triggers import count_triggers_present, install_count_triggers

    version = schema_version(conn)
    if version is None:
        if inspect(conn).get_table_names():
            raise CopyError(f"The database {where} holds tables but no Chú Giải library: "
                            "publish into an empty database.", NOT_EMPTY)
        create_schema(conn)
        return True
    if version != SCHEMA_VERSION:
        raise CopyError(f"The database {where} holds a library of schema {version} (this version "
                        f"of Chú Giải writes {SCHEMA_VERSION}): publish into an empty database.", NOT_EMPTY)
    held = {t.name: n for t in Base.metadata.sorted_tables
            if (n := conn.execute(select(func.count()).select_from(t)).scalar_one())}
    if held.get("coders", 0) > 1 or set(held) - {"coders"}:
        what = ", ".join(f"{n} rows in {name}" for name, n in sorted(held.items()))
        raise CopyError(f"The database {where} already holds a library ({what}): "
                        "publish into an empty database.", NOT_EMPTY)
    conn.execute(delete(Coder))
    if not count_triggers_present(conn):  # opened by a build without them
        install_count_triggers(conn, recount=True)
    return False


def _finish_server(conn: Connection, fresh: bool) -> None:
    from desktop_app.core.storage.server import resync_sequences

    resync_sequences(conn)  # rows came with their ids: the next plain INSERT must not collide
    if fresh:
        conn.execute(text("INSERT INTO chugiai_schema VALUES (:v)"), {"v": SCHEMA_VERSION})


# --- backup: a server library into a new file ---------------------------------------------
def backup_to_file(db: Database, path: Path, *, replace: bool = False,
                   progress: Progress | None = None) -> CopyResult:
    """Copy the library `db` (on a server) into the new SQLite file `path`; `replace`: an
    existing file there is replaced (only once the copy is complete and verified)."""
    path = Path(path)
    if path.is_dir():
        raise CopyError(f"{path} is a folder; give the copy a file name inside it.", EXISTS)
    if path.exists() and not replace:
        raise CopyError(f"{path} already exists; choose a new file name (or say to replace it).", EXISTS)
    if _in_use(path):
        raise CopyError(f"{path} is open in another program (its -wal file is there); "
                        "close it first.", EXISTS)
    started = time.perf_counter()
    partial = partial_name(path)
    _remove_file(partial)
    tables = [t for t in copied_tables() if t.name not in KEPT_BY_TRIGGERS]
    try:
        copy = Database.open(partial)
        try:
            with _read_snapshot(db) as source, copy.engine.connect() as target:
                tables = [_as_in(source, t) for t in tables]
                with target.begin():
                    target.execute(delete(Coder))  # the first coder Database.open made
                    _copy(source, target, tables, progress)
                    result = _verified(source, target, tables, db.location, str(path))
                    # What needs segmenting, for the engines app_state came with: the triggers
                    # saw the rows in table order, before or after app_state.
                    refill_all(target.connection.driver_connection)
        finally:
            copy.close()  # the last connection: SQLite folds the -wal into the file
        with open(partial, "rb+") as f:
            os.fsync(f.fileno())
        for leftover in ("-wal", "-shm"):  # the replaced file's (an empty -wal: checked above)
            Path(f"{path}{leftover}").unlink(missing_ok=True)
        os.replace(partial, path)
    except (sa_exc.DBAPIError, ValueError) as e:
        _remove_file(partial)
        raise CopyError(f"Copying {db.location} to {path} failed; no file was written: "
                        f"{getattr(e, 'orig', None) or e}", FAILED) from e
    except BaseException:
        _remove_file(partial)
        raise
    result.seconds = time.perf_counter() - started
    return result


def _as_in(source: Connection, table: Table) -> Table:
    """`table` with only the columns `source` has: an older server library (the backup made
    before upgrading it) lacks the columns later versions appended (v14 row_version); the
    copy gives them their defaults, and both sides are compared on the columns copied."""
    present = {c["name"] for c in inspect(source).get_columns(table.name)}
    if present >= {c.name for c in table.columns}:
        return table
    return Table(table.name, MetaData(), *(Column(c.name, c.type, key=c.key, primary_key=c.primary_key)
                                           for c in table.columns if c.name in present))


def _in_use(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    return wal.exists() and wal.stat().st_size > 0


def _remove_file(path: Path) -> None:
    for p in (path, *(Path(f"{path}{s}") for s in ("-wal", "-shm", "-journal"))):
        try:
            p.unlink(missing_ok=True)
        except OSError:
            pass


# --- shared ------------------------------------------------------------------------------
@contextmanager
def _read_snapshot(db: Database) -> Iterator[Connection]:
    """A connection reading `db` in one snapshot: REPEATABLE READ on PostgreSQL, a read
    transaction begun on the pysqlite connection under WAL (as analysis/coded.py does)."""
    with db.engine.connect() as conn:
        if db.on_server:
            conn = conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            yield conn
            return
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("BEGIN")
        try:
            yield conn
        finally:
            if raw.in_transaction:
                raw.execute("ROLLBACK")


def _copy(source: Connection, target: Connection, tables: list[Table], progress: Progress | None) -> None:
    """Every row of `tables` from `source` into `target`, in batches of rows or bytes."""
    progress = progress or Progress()
    total = sum(source.execute(select(func.count()).select_from(t)).scalar_one() for t in tables)
    done = 0
    progress.step(0, total)
    for table in tables:
        keys = [c.key for c in table.columns]
        stamps = [i for i, c in enumerate(table.columns) if isinstance(c.type, DateTime)]
        statement = insert(table)
        batch: list[dict[str, Any]] = []
        size = 0
        for row in rows_in_order(source, table):
            values = list(row)
            for i in stamps:
                values[i] = _utc(values[i])
            batch.append(dict(zip(keys, values, strict=True)))
            size += sum(len(v) for v in values if isinstance(v, (str, bytes)))
            if len(batch) >= BATCH_ROWS or size >= BATCH_BYTES:
                target.execute(statement, batch)
                done += len(batch)
                progress.step(done, total, table.name)
                batch, size = [], 0
        if batch:
            target.execute(statement, batch)
            done += len(batch)
            progress.step(done, total, table.name)


def _utc(value: datetime | None) -> datetime | None:
    """A datetime as aware UTC: SQLite gives naive UTC, PostgreSQL aware in the session's
    zone; a naive one bound to timestamptz would be read in the server's zone."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def _verified(source: Connection, target: Connection, tables: list[Table], source_name: str,
              target_name: str) -> CopyResult:
    """Counts and hashes of both sides (the target inside its transaction), and the target's
    trigger-kept highlight_counts against a recount of the source's highlights; CopyError
    when any table differs, which rolls the target back."""
    before, after = summaries(source, tables), summaries(target, tables)
    copies = [TableCopy(t.name, before[t.name], after[t.name]) for t in tables]
    counts = Base.metadata.tables["highlight_counts"]
    copies.append(TableCopy(counts.name, recounted_summary(source), table_summary(target, counts)))
    wrong = [c for c in copies if not c.matches]
    if wrong:
        names = ", ".join(f"{c.table} ({c.source.rows} rows, copied {c.target.rows})" for c in wrong)
        raise CopyError(f"The copy of {source_name} in {target_name} differs from it in {names}; "
                        "nothing was kept.", MISMATCH, wrong)
    return CopyResult(source_name, target_name, copies, NOT_COPIED, KEPT_BY_TRIGGERS)
