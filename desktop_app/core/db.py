"""The database: engine, pragmas, schema version, sessions and backups.

Pragmas are set on every new connection (DESIGN.md: WAL + synchronous=NORMAL lost no
acknowledged row over 40 SIGKILLs). Errors that a user can act on become
`DatabaseError` with a human message; nothing here ever deletes a user's file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.core import migrations
from desktop_app.core.models import Base

SCHEMA_VERSION = migrations.LATEST


class DatabaseError(Exception):
    """A database problem explained in words a user understands."""


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError:
            pass  # a read-only database keeps its journal mode
    finally:
        cursor.close()


def explain(error: BaseException, path: Path) -> str:
    """Turn a sqlite error into a sentence that names the file and the problem."""
    orig = getattr(error, "orig", error)
    name = getattr(orig, "sqlite_errorname", "")
    if name in ("SQLITE_NOTADB", "SQLITE_CORRUPT") or "not a database" in str(orig):
        return f"The file {path} is not a Chú Giải database, or it is damaged. It was left untouched."
    if name.startswith("SQLITE_READONLY") or "readonly" in str(orig):
        return f"The database {path} is read-only: changes cannot be saved."
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in str(orig):
        return f"The database {path} cannot be opened: check that its folder exists and is writable."
    if name.startswith("SQLITE_BUSY") or "locked" in str(orig):
        return f"The database {path} is busy: another program is using it. Try again in a moment."
    if name == "SQLITE_FULL" or "disk is full" in str(orig):
        return f"The disk holding {path} is full: the change was not saved."
    return f"The database {path} reported an error: {orig}"


class Database:
    """One SQLite file. Create with `Database.open(path)`."""

    def __init__(self, engine: Engine, path: Path, read_only: bool) -> None:
        self.engine = engine
        self.path = path
        self.read_only = read_only
        # Set when opening upgraded an older library: (old version, backup copy).
        self.upgraded: tuple[int, Path] | None = None
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> "Database":
        path = Path(path)
        if not read_only:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise DatabaseError(
                    f"Cannot create the data folder {path.parent}: {e.strerror or e}."
                ) from e
        if read_only:
            url = f"sqlite:///file:{path}?mode=ro&uri=true"
        else:
            url = f"sqlite:///{path}"
        engine = create_engine(url)
        event.listen(engine, "connect", _set_pragmas)
        db = cls(engine, path, read_only)
        try:
            db._prepare_schema()
        except (sa_exc.OperationalError, sa_exc.DatabaseError) as e:
            engine.dispose()
            raise DatabaseError(explain(e, path)) from e
        return db

    def _prepare_schema(self) -> None:
        with self.engine.connect() as conn:
            version = conn.exec_driver_sql("PRAGMA user_version").scalar_one()
            if version > SCHEMA_VERSION:
                raise DatabaseError(
                    f"The database {self.path} was made by a newer version of Chú Giải "
                    f"(schema {version}, this version knows {SCHEMA_VERSION}). "
                    "It was left untouched; please update the app."
                )
            if version == SCHEMA_VERSION:
                return
            if inspect(conn).get_table_names() and version == 0:
                raise DatabaseError(
                    f"The file {self.path} is a SQLite database but not one made by Chú Giải. "
                    "It was left untouched."
                )
        if version > 0:
            self._upgrade(version)
            return
        if self.read_only:
            raise DatabaseError(f"The database {self.path} is empty and read-only.")
        with self.engine.begin() as conn:
            Base.metadata.create_all(conn)
            conn.exec_driver_sql(f"PRAGMA user_version={SCHEMA_VERSION}")

    def _upgrade(self, version: int) -> None:
        if self.read_only:
            raise DatabaseError(
                f"The database {self.path} was made by an older version of Chú Giải and needs "
                "an upgrade, but it is read-only. Copy it somewhere writable and open the copy."
            )
        self.engine.dispose()  # the upgrade uses its own connection, with foreign keys off
        try:
            backup = migrations.upgrade(self.path, version, SCHEMA_VERSION)
        except migrations.MigrationError as e:
            raise DatabaseError(str(e)) from e
        except sqlite3.Error as e:
            raise DatabaseError(explain(e, self.path) + " Nothing was upgraded.") from e
        self.upgraded = (version, backup)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """The one session scope: commit on success, roll back on any error."""
        with self._sessions() as session:
            try:
                yield session
                session.commit()
            except (sa_exc.OperationalError, sa_exc.DatabaseError) as e:
                session.rollback()
                raise DatabaseError(explain(e, self.path)) from e
            except BaseException:
                session.rollback()
                raise

    def backup(self, destination: Path) -> None:
        """A consistent copy through the sqlite3 backup API (a file copy of a WAL db can lose data)."""
        destination = Path(destination)
        raw = self.engine.raw_connection()
        try:
            target = sqlite3.connect(destination)
            try:
                raw.driver_connection.backup(target)
            finally:
                target.close()
        finally:
            raw.close()

    def restore_from(self, source: Path) -> Path:
        """Replace this library's content with a backup, after saving the current one beside it.

        The copy goes through the backup API into the live file, so open connections see the
        restored data. Returns the path of the safety copy of what was there before.
        """
        source = Path(source)
        check_backup_file(source)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        safety = self.path.with_name(f"{self.path.stem}.before-restore-{stamp}{self.path.suffix}")
        self.backup(safety)
        self.engine.dispose()
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        raw = self.engine.raw_connection()
        try:
            src.backup(raw.driver_connection)
            version = raw.driver_connection.execute("PRAGMA user_version").fetchone()[0]
        finally:
            raw.close()
            src.close()
        if version < SCHEMA_VERSION:  # a backup made by an older version of the app
            self._upgrade(version)
        return safety

    def close(self) -> None:
        self.engine.dispose()


def check_backup_file(path: Path) -> None:
    """Refuse anything that is not a Chú Giải library this version can read."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as e:
        raise DatabaseError(f"Cannot open {path}: {e}.") from e
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise DatabaseError(f"The backup {path} is damaged; nothing was restored.")
    except sqlite3.DatabaseError as e:
        raise DatabaseError(f"{path} is not a Chú Giải library; nothing was restored.") from e
    finally:
        conn.close()
    if version > SCHEMA_VERSION:
        raise DatabaseError(f"{path} was made by a newer Chú Giải; please update the app first.")
    if version < 1 or "articles" not in tables:
        raise DatabaseError(f"{path} is not a Chú Giải library; nothing was restored.")
