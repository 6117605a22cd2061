"""The database: engine, pragmas, schema version, sessions, backups and faults.

Pragmas are set on every new connection (DESIGN.md: WAL + synchronous=NORMAL lost no
acknowledged row over 40 SIGKILLs; benchmarks/crash_trials.py checks it again). Errors that
a user can act on become `DatabaseError` with a human message and a `kind` the app can act
on. Nothing here ever deletes a user's file: a damaged one is only moved aside.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, event, insert, inspect
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import PoolProxiedConnection, QueuePool

from desktop_app.core.messages import Message
from desktop_app.core.storage import migrations
from desktop_app.core.storage.bulk_sql import driver_errors
from desktop_app.core.storage.copies import consistent_copy
from desktop_app.core.storage.damage import (  # noqa: F401  (the names callers import from here)
    NEEDS_CHECK_SUFFIX,
    SIBLING_SUFFIXES,
    check_backup_file,
    clear_needs_check,
    header_problem,
    mark_needs_check,
    move_aside,
    needs_check_marker,
    read_only_uri,
)
from desktop_app.core.storage.dialects import put_state
from desktop_app.core.storage.durability import (
    SYNCHRONOUS_KEY,
    SYNCHRONOUS_LEVELS,
    lenient_text,
    synchronous_level,
)
from desktop_app.core.storage.errors import (  # noqa: F401  (the names callers import from here)
    BUSY,
    CANT_OPEN,
    DAMAGED,
    DISK_FULL,
    NEWER,
    OTHER,
    READ_ONLY,
    WRITE_FAILED,
    DamagedDatabaseError,
    DatabaseError,
    as_database_error,
    error_kind,
    explain,
    explain_message,
)
from desktop_app.core.storage.models import Base, Coder

SCHEMA_VERSION = migrations.LATEST
# How long a write waits for another connection's write (a CLI import while the window is
# open) before it gives up with the "busy" message. Read at connect time: tests lower it.
BUSY_TIMEOUT_MS = 5000

def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.text_factory = lenient_text
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        if not _is_ours_or_new(cursor):
            return  # switching to WAL rewrites the header: a file we refuse stays untouched
        level = synchronous_level(cursor)
        if level != "NORMAL":
            cursor.execute(f"PRAGMA synchronous={level}")
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError:
            pass  # a read-only database keeps its journal mode
    finally:
        cursor.close()


def _is_ours_or_new(cursor: sqlite3.Cursor) -> bool:
    """A Chú Giải library this version knows, or an empty file about to become one.
    (Raises sqlite3.DatabaseError for a file that is not a database at all.)"""
    version = cursor.execute("PRAGMA user_version").fetchone()[0]
    if 0 < version <= SCHEMA_VERSION:
        return True
    return version == 0 and cursor.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is None


# --- checking and setting aside -----------------------------------------------------------
def driver_connection(sa_conn: Connection) -> sqlite3.Connection:
    """The pysqlite connection under SQLAlchemy's: FTS5, bulk reads and the backup API are
    driven with plain SQL on it (one round trip per statement, no ORM)."""
    return _sqlite(sa_conn.connection)


@contextmanager
def immediate_write(db: Database) -> Iterator[sqlite3.Connection]:
    """A driver connection in BEGIN IMMEDIATE (the write lock taken at once, so what is read
    inside cannot change before the writes): committed on success, rolled back on any
    error; SQLite's errors come out as DatabaseError in words. For the index builds."""
    with db.engine.connect() as sa_conn:
        conn = driver_connection(sa_conn)
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.commit()
            except BaseException:
                conn.rollback()
                raise
        except sqlite3.Error as e:
            raise DatabaseError(explain(e, db.path)) from e


def _sqlite(raw: PoolProxiedConnection) -> sqlite3.Connection:
    """The pysqlite connection under a pooled one (the backup API lives there)."""
    conn = raw.driver_connection
    assert isinstance(conn, sqlite3.Connection)
    return conn


def check_integrity(path: Path) -> str | None:
    """Run PRAGMA quick_check on `path` (read-only). None when it is sound, else the first
    problem in words. Raises DatabaseError when the file cannot be checked at all (busy)."""
    path = Path(path)
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as e:
        return str(e)
    try:
        conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as e:
        if error_kind(e) in (BUSY, CANT_OPEN):
            raise as_database_error(e, path) from e
        return str(e)
    finally:
        conn.close()
    lines = [line for row in rows for line in str(row[0]).splitlines()]
    lines = [line for line in lines if not line.startswith("***")]  # "*** in database main ***"
    if lines == ["ok"]:
        return None
    return (lines[0] if lines else "unknown problem")[:300]


def current_coder(s: Session) -> int:
    """The coder a session writes for (Database.coder_id when it was opened; 1 without)."""
    return int(s.info.get("coder_id", 1))


# --- the database -------------------------------------------------------------------------
class Database:
    """One SQLite file. Create with `Database.open(path)` (or storage.location.open_library,
    which also opens a library on a PostgreSQL server)."""

    on_server = False  # ServerDatabase: no file, no backups/check/restore beside it

    def __init__(self, engine: Engine, path: Path, read_only: bool) -> None:
        self.engine = engine
        self.path = path  # the file (a server library has none: use `location`)
        self.read_only = read_only
        # Set when opening upgraded an older library: (old version, backup copy).
        self.upgraded: tuple[int, Path] | None = None
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # The current coder: what this process writes is theirs (coders.use_coder sets it;
        # every session carries it in `session.info["coder_id"]` for the writers).
        self.coder_id = 1

    @property
    def location(self) -> str:
        """Where the library is, as the user names it: the file's path, or a server URL
        without its password."""
        return str(self.path)

    @property
    def read_only_note(self) -> Message | None:
        """What to tell the user about a read-only library (None when it is writable)."""
        return Message("db.read_only", {"path": self.path}) if self.read_only else None

    @property
    def read_only_message(self) -> str:
        """read_only_note in English ("" when the library is writable)."""
        note = self.read_only_note
        return note.english() if note is not None else ""

    @staticmethod
    def read_only_message_for(path: Path) -> str:
        return Message("db.read_only", {"path": path}).english()

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False, check: bool = False) -> Database:
        """Open (or create) the library at `path`.

        `check=True` runs a full PRAGMA quick_check first (the app does when the last run
        crashed or met damage); a file whose header shows it was cut off is always checked.
        Raises DamagedDatabaseError for a damaged or foreign file, DatabaseError otherwise.
        """
        path = Path(path)
        if not read_only:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise DatabaseError(Message("db.cannot_create_folder", {
                    "path": path.parent, "reason": e.strerror or str(e)}), CANT_OPEN) from e
        if check or header_problem(path):
            problem = check_integrity(path)
            if problem:
                raise DamagedDatabaseError(
                    Message("db.damaged_file", {"path": path, "problem": problem}))
            clear_needs_check(path)
        try:
            return cls._connect(path, read_only, immutable=False)
        except DatabaseError as e:
            # A read-only folder without the -shm file: sqlite cannot open a WAL database
            # read-only. With no -wal file either, nothing can be missed by reading the
            # main file alone ("immutable").
            if read_only and e.kind == CANT_OPEN and path.exists() and _no_wal(path):
                return cls._connect(path, read_only, immutable=True)
            raise

    @classmethod
    def _connect(cls, path: Path, read_only: bool, immutable: bool) -> Database:
        if read_only:
            uri = read_only_uri(path, immutable)
            engine = create_engine(
                "sqlite://", poolclass=QueuePool,
                creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
            )
        else:  # a URL object: '?', '#' and '%' in a folder name are not URL syntax
            engine = create_engine(URL.create("sqlite", database=str(path)))
        event.listen(engine, "connect", _set_pragmas)
        db = cls(engine, path, read_only)
        try:
            db._prepare_schema()
        except (sa_exc.OperationalError, sa_exc.DatabaseError, sqlite3.Error) as e:
            engine.dispose()
            raise as_database_error(e, path) from e
        except BaseException:
            engine.dispose()
            raise
        return db

    def _prepare_schema(self) -> None:
        with self.engine.connect() as conn:
            version = conn.exec_driver_sql("PRAGMA user_version").scalar_one()
            if version > SCHEMA_VERSION:
                raise DatabaseError(Message("db.newer_than_app", {
                    "path": self.path, "version": version, "known": SCHEMA_VERSION}), NEWER)
            if version == SCHEMA_VERSION:
                return
            if inspect(conn).get_table_names() and version == 0:
                raise DamagedDatabaseError(Message("db.foreign", {"path": self.path}))
        if version > 0:
            self._upgrade(version)
            return
        if self.read_only:
            raise DatabaseError(Message("db.empty_read_only", {"path": self.path}))
        with self.engine.begin() as conn:
            Base.metadata.create_all(conn)
            conn.execute(insert(Coder).values(id=1, name=migrations.first_coder_name()))
            conn.exec_driver_sql(f"PRAGMA user_version={SCHEMA_VERSION}")

    def _upgrade(self, version: int) -> None:
        if self.read_only:
            raise DatabaseError(Message("db.upgrade_read_only", {"path": self.path}), READ_ONLY)
        self.engine.dispose()  # the upgrade uses its own connection, with foreign keys off
        try:
            backup = migrations.upgrade(self.path, version, SCHEMA_VERSION)
        except migrations.MigrationError as e:
            raise DatabaseError(e.message) from e
        except sqlite3.Error as e:
            raise DatabaseError(Message("db.not_upgraded",
                                        {"problem": explain_message(e, self.path)}),
                                error_kind(e, self.path)) from e
        self.upgraded = (version, backup)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """The one session scope: commit on success, roll back on any error."""
        with self._sessions(info={"coder_id": self.coder_id}) as session:
            try:
                yield session
                session.commit()
            # Driver errors: plain SQL run on the driver connection inside the session
            # (bulk reads, the library list) fails the same way, in the same words.
            except driver_errors(sa_exc.OperationalError, sa_exc.DatabaseError) as e:
                session.rollback()
                raise self._runtime_error(e) from e
            except BaseException:
                session.rollback()
                raise

    def _runtime_error(self, e: BaseException) -> DatabaseError:
        if error_kind(e, self.path) != DAMAGED:
            return as_database_error(e, self.path)
        mark_needs_check(self.path)  # the next start checks the whole file
        return DamagedDatabaseError(Message("db.damaged_in_use", {"path": self.path}))

    def backup(self, destination: Path) -> None:
        """A consistent copy through the sqlite3 backup API (a file copy of a WAL db can lose data)."""
        destination = Path(destination)
        raw = self.engine.raw_connection()
        try:
            # Written aside and renamed: a kill never leaves a partial copy under this name.
            consistent_copy(_sqlite(raw), destination)
        finally:
            raw.close()

    def restore_from(self, source: Path, safety: Path | None = None) -> Path:
        """Replace this library's content with a backup, after saving the current one beside it.

        The copy goes through the backup API into the live file, so open connections see the
        restored data. `safety`: where to keep what was there before (default
        before_restore_path, the window names it in its question first). Returns that path.
        """
        source = Path(source)
        check_backup_file(source)
        safety = Path(safety) if safety is not None else before_restore_path(self.path)
        self.backup(safety)
        self.engine.dispose()
        src = sqlite3.connect(read_only_uri(source), uri=True)
        raw = self.engine.raw_connection()
        try:
            src.backup(_sqlite(raw))
            version = _sqlite(raw).execute("PRAGMA user_version").fetchone()[0]
        finally:
            raw.close()
            src.close()
        if version < SCHEMA_VERSION:  # a backup made by an older version of the app
            self._upgrade(version)
        return safety

    @property
    def synchronous(self) -> str:
        """The synchronous level connections use now: "NORMAL" or "FULL"."""
        with self.engine.connect() as conn:
            value = conn.exec_driver_sql("PRAGMA synchronous").scalar_one()
        return {1: "NORMAL", 2: "FULL", 3: "EXTRA", 0: "OFF"}.get(int(value), str(value))

    def set_synchronous(self, level: str) -> None:
        """Keep `level` ("NORMAL" or "FULL") with the library; connections use it from now on."""
        level = level.strip().upper()
        if level not in SYNCHRONOUS_LEVELS:
            raise ValueError(f"synchronous must be one of {SYNCHRONOUS_LEVELS}, not {level!r}")
        with self.engine.begin() as conn:
            put_state(conn, SYNCHRONOUS_KEY, level)
        self.engine.dispose()  # pooled connections keep the old pragma: open new ones

    def close(self) -> None:
        self.engine.dispose()


def before_restore_path(path: Path, now: datetime | None = None) -> Path:
    """Where a restore keeps the library it replaces: `<stem>.before-restore-<stamp><suffix>`
    beside it, a name not taken yet."""
    path = Path(path)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-restore-{stamp}{path.suffix}")
    n = 2
    while target.exists():
        target = path.with_name(f"{path.stem}.before-restore-{stamp}-{n}{path.suffix}")
        n += 1
    return target


def _no_wal(path: Path) -> bool:
    wal = Path(str(path) + "-wal")
    return not wal.exists() or wal.stat().st_size == 0
