"""A library on a PostgreSQL server: a PROTOTYPE for issue 17 (docs/postgresql.md).

Opened through storage.location.open_library (the CLI's --library URL). `ServerDatabase.open_url(url)` gives the same `Database`
interface (engine, session(), coder_id, read_only) over psycopg 3, so that core code can be
tried on a server without changing database.py. What it does differently from the SQLite
file, and why:
- The schema version lives in a one-row table `chugiai_schema` (PostgreSQL has no
  `PRAGMA user_version`); creating or checking it happens under a transaction-level advisory
  lock, so two clients opening an empty database at once create the schema once.
- Ids come from sequences: a row inserted with an explicit id (coder 1 here; undo and restore
  re-insert rows with their old ids elsewhere) leaves its sequence behind, which would make
  the next plain INSERT collide. `resync_sequences` moves every sequence past its table's
  largest id.
- highlight_counts is kept by plpgsql triggers (server_triggers.py), added on open to a
  library made before them.
- There is no file: no backup API, pragmas, integrity check or moving aside. `backup` copies
  the library into a new SQLite file (engine_copy.py); the others refuse in words instead of
  doing something SQLite-shaped.
- An older server schema is upgraded on open (server_migrations.py), after a backup, under
  the same lock, in one transaction: two clients opening it at once upgrade it once.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, insert, inspect, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, Connection, Engine, make_url

from desktop_app import paths
from desktop_app.core.messages import Message
from desktop_app.core.storage import migrations, server_migrations
from desktop_app.core.storage.change_log import install_change_log
from desktop_app.core.storage.database import SCHEMA_VERSION, Database
from desktop_app.core.storage.errors import (
    CANT_OPEN,
    NEWER,
    OTHER,
    READ_ONLY,
    UNREACHABLE,
    DatabaseError,
    server_error_kind,
)
from desktop_app.core.storage.models import Base, Coder
from desktop_app.core.storage.segment_claims import install_claims_table
from desktop_app.core.storage.server_search_tables import install_search_index
from desktop_app.core.storage.server_triggers import count_triggers_present, install_count_triggers
from desktop_app.core.storage.server_word_tables import install_word_index

# pg_advisory_xact_lock key for schema work: any fixed 64-bit number, the same in every client.
SCHEMA_LOCK = 0x4368754769616931  # "ChuGiai1"
READ_ONLY_TRANSACTION = "25006"  # a write in a read-only transaction
DRIVERS = ("postgresql", "postgresql+psycopg")
CONNECT_TIMEOUT_S = 5


def server_url(url: str | URL) -> URL:
    """`url` with the psycopg 3 driver; ValueError for anything but a PostgreSQL URL."""
    parsed = make_url(url) if isinstance(url, str) else url
    if parsed.drivername not in DRIVERS:
        raise ValueError(f"not a PostgreSQL URL (postgresql://user@host:port/dbname): {parsed.drivername}")
    if not parsed.database:
        raise ValueError("the URL names no database (postgresql://user@host:port/dbname)")
    return parsed.set(drivername="postgresql+psycopg")


def resync_sequences(conn: Connection) -> None:
    """Move each id sequence past the largest id in its table (after inserts with explicit ids)."""
    for table in Base.metadata.sorted_tables:
        if "id" not in table.c or not table.c.id.primary_key or len(table.primary_key.columns) != 1:
            continue
        conn.execute(text(
            "SELECT setval(pg_get_serial_sequence(:t, 'id'), coalesce((SELECT max(id) FROM "
            f'"{table.name}"), 0) + 1, false)'), {"t": table.name})


def create_schema(conn: Connection) -> None:
    """The version table and every model table, in the caller's transaction (PostgreSQL DDL is
    transactional: a rollback leaves the database empty again). The version row is the
    caller's to write last."""
    conn.execute(text("CREATE TABLE chugiai_schema (version INTEGER NOT NULL)"))
    Base.metadata.create_all(conn)
    install_change_log(conn)
    install_count_triggers(conn, recount=False)
    install_claims_table(conn)
    install_word_index(conn)
    install_search_index(conn)  # publish fills the articles next: the trigger queues them


def schema_version(conn: Connection) -> int | None:
    """The version in chugiai_schema; None when the database has no such table."""
    if conn.execute(text("SELECT to_regclass('chugiai_schema')")).scalar() is None:
        return None
    return int(conn.execute(text("SELECT max(version) FROM chugiai_schema")).scalar_one())


def server_engine(parsed: URL, read_only: bool = False) -> Engine:
    """An engine on the server with the app's connect options (timeout, application name);
    `read_only`: every transaction is read-only on the server too (a write is refused there,
    SQLSTATE 25006, not only by the app's own checks)."""
    args: dict[str, object] = {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "chugiai"}
    if read_only:
        args["options"] = "-c default_transaction_read_only=on"
    return create_engine(parsed, pool_pre_ping=True, connect_args=args)


class ServerDatabase(Database):
    """A Chú Giải library in a PostgreSQL database. Create with `ServerDatabase.open_url(url)`."""

    url: URL
    backup_dir: Path | None = None
    on_server = True

    @property
    def location(self) -> str:
        """The server URL without its password."""
        return str(self.url.render_as_string(hide_password=True))

    @property
    def read_only_note(self) -> Message | None:
        return Message("db.read_only", {"path": self.location}) if self.read_only else None

    @classmethod
    def open_url(cls, url: str | URL, *, read_only: bool = False,
                 backup_dir: Path | None = None) -> ServerDatabase:
        """Connect, then create the schema in an empty database, or check the version of an
        existing one and upgrade an older one after a backup into `backup_dir` (default: a
        folder beside the user's data folder). Raises DatabaseError (kind CANT_OPEN when the
        server cannot be reached, NEWER for a schema this version does not know)."""
        parsed = server_url(url)
        engine = server_engine(parsed, read_only)
        # There is no file: `path` only keeps older callers' messages readable; the library
        # is named by `location` (the URL without the password).
        db = cls(engine, Path(parsed.render_as_string(hide_password=True)), read_only)
        db.url = parsed
        db.backup_dir = backup_dir
        try:
            db._prepare_schema()
        except sa_exc.OperationalError as e:
            engine.dispose()
            raise DatabaseError(f"The server of {db.location} cannot be reached: {e.orig}", CANT_OPEN) from e
        except BaseException:
            engine.dispose()
            raise
        return db

    def _prepare_schema(self) -> None:
        with self.engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SCHEMA_LOCK})
            version = self._version(conn)
            if version is not None and not self.read_only:
                install_change_log(conn)  # live updates (change_log.py); a refused newer schema rolls it back
            if version is not None and version > SCHEMA_VERSION:
                raise DatabaseError(f"The library {self.location} was made by a newer version of Chú Giải "
                                    f"(schema {version}; this one knows {SCHEMA_VERSION}).", NEWER)
            if version is not None and not self.read_only:
                install_claims_table(conn)  # server-only, not in Base.metadata (nlp/claims.py)
            if version is not None and version < SCHEMA_VERSION:
                self._upgrade_on_server(conn, version)
                install_count_triggers(conn, recount=not count_triggers_present(conn))
                install_word_index(conn)
                install_search_index(conn)
                return
            if version is not None:
                if not self.read_only:
                    install_word_index(conn)  # the word index of a library made before it
                # A library made by a build without the count triggers: add them and recount
                # (a read-only client cannot; its counts stay as they are).
                if not self.read_only and not count_triggers_present(conn):
                    install_count_triggers(conn, recount=True)
                if not self.read_only:
                    install_search_index(conn)
                return
            if inspect(conn).get_table_names():
                raise DatabaseError(f"The database {self.location} holds tables but is not a Chú Giải "
                                    "library: use an empty database.", OTHER)
            if self.read_only:
                raise DatabaseError(f"The database {self.location} is empty and was opened read-only.", OTHER)
            create_schema(conn)
            conn.execute(insert(Coder).values(id=1, name=migrations.first_coder_name()))
            resync_sequences(conn)
            conn.execute(text("INSERT INTO chugiai_schema VALUES (:v)"), {"v": SCHEMA_VERSION})

    def _upgrade_on_server(self, conn: Connection, version: int) -> None:
        """Back the library up, then upgrade it in `conn`'s transaction (which holds the lock)."""
        if version < server_migrations.OLDEST:
            raise DatabaseError(f"The library {self.location} has schema {version}, older than any "
                                f"server library this version can upgrade ({server_migrations.OLDEST}).", OTHER)
        if self.read_only:
            raise DatabaseError(f"The library {self.location} has schema {version} and needs upgrading to "
                                f"{SCHEMA_VERSION}, which a read-only client does not do: open it once "
                                "with writing allowed.", OTHER)
        folder = self.backup_dir or paths.data_dir().parent / "chugiai-server-backups"
        server_migrations.backup_before_upgrade(self, self.url, version, folder)
        server_migrations.upgrade(conn, version)

    @staticmethod
    def _version(conn: Connection) -> int | None:
        return schema_version(conn)

    def _runtime_error(self, e: BaseException) -> DatabaseError:
        # No file to mark for checking: a server error is reported as it is.
        orig = getattr(e, "orig", None) or e
        if getattr(orig, "sqlstate", None) == READ_ONLY_TRANSACTION:
            return DatabaseError(Message("db.read_only", {"path": self.location}), READ_ONLY)
        if server_error_kind(e) == UNREACHABLE:
            kind = UNREACHABLE
        else:
            kind = CANT_OPEN if isinstance(e, sa_exc.OperationalError) else OTHER
        return DatabaseError(f"The server of {self.location} reported an error: {orig}", kind)

    def backup(self, destination: Path) -> None:
        """A copy in a new SQLite file (engine_copy.backup_to_file, verified table by table)."""
        from desktop_app.core.storage.engine_copy import CopyError, backup_to_file

        try:
            backup_to_file(self, destination)
        except CopyError as e:
            raise DatabaseError(str(e), OTHER) from e

    def restore_from(self, source: Path, safety: Path | None = None) -> Path:
        raise DatabaseError("Restoring a library on a server is not written yet.", OTHER)

    @property
    def synchronous(self) -> str:
        return "FULL"  # every commit is durable on the server (synchronous_commit is its setting)

    def set_synchronous(self, level: str) -> None:
        raise DatabaseError("Durability of a library on a server is the server's setting.", OTHER)
