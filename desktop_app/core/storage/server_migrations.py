"""Upgrading a library on a PostgreSQL server to SCHEMA_VERSION (docs/postgresql.md, section 6
step 6), called by ServerDatabase under the schema's advisory lock.

Which versions a server library can carry: the first build that could create one is the
i17seam branch at schema 10 (main's v9 build failed in create_all: an index on
`published IS NULL` without brackets); main itself first created them at v11. Older numbers
are refused in words. Each step is frozen DDL, checked against what that build's
`create_schema` made (pg_dump --schema-only of each, diffed with today's):
- 11: word_term_totals, filled from the word index as on SQLite (word_totals_migration.py,
  whose SQL PostgreSQL reads as written; on a server the index is empty in practice).
- 12: the nlp_pending table only (no triggers keep it on a server: dialects.keeps_nlp_pending).
- 13: the origin indexes (origin_indexes.py; models.py makes the same on a new library).
- 14: the row versions (row_versions.py: the SQLite step's own ALTER TABLEs).
The highlight_counts triggers are not a version: ServerDatabase adds them when absent and
reinstalls them after an upgrade (so a library of any build ends with today's function).

Before any step a backup is made (`backup_before_upgrade`): pg_dump's custom format when
pg_dump is installed, else a SQLite copy of the whole library (engine_copy.backup_to_file).
No backup, no upgrade.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import URL, Connection

from desktop_app.core.storage.bulk_sql import bulk_sql
from desktop_app.core.storage.errors import OTHER, DatabaseError
from desktop_app.core.storage.origin_indexes import V13_ORIGIN_INDEXES
from desktop_app.core.storage.row_versions import V14_ROW_VERSIONS
from desktop_app.core.storage.word_totals_migration import v11_word_totals

OLDEST = 10  # the oldest schema a server library was ever made at (see above)

# As the SQLite step writes it, without WITHOUT ROWID (pending_migration._TABLE).
_V12_TABLE = """CREATE TABLE nlp_pending (
	kind VARCHAR(1) NOT NULL,
	article_id INTEGER NOT NULL,
	CONSTRAINT pk_nlp_pending PRIMARY KEY (kind, article_id)
)"""


def _v11(conn: Connection) -> None:
    v11_word_totals(bulk_sql(conn))


def _v12(conn: Connection) -> None:
    conn.execute(text(_V12_TABLE))


def _v13(conn: Connection) -> None:
    for sql in V13_ORIGIN_INDEXES:
        conn.exec_driver_sql(sql)  # as written: no bind names to read in it
    # A build of v12 (f540f6c) counted highlights through two helper functions; the caller
    # then replaces the trigger function with today's inline one (server_triggers.py).
    conn.execute(text("DROP FUNCTION IF EXISTS chugiai_count_up(integer), chugiai_count_down(integer)"))


def _v14(conn: Connection) -> None:
    for sql in V14_ROW_VERSIONS:
        conn.exec_driver_sql(sql)


STEPS: dict[int, Callable[[Connection], None]] = {11: _v11, 12: _v12, 13: _v13, 14: _v14}
LATEST = max(STEPS)


def upgrade(conn: Connection, version: int) -> None:
    """Run every step after `version` in the caller's transaction and write the new version
    (PostgreSQL DDL is transactional: an error leaves the library at `version`)."""
    for step in range(version + 1, LATEST + 1):
        STEPS[step](conn)
    conn.execute(text("UPDATE chugiai_schema SET version = :v"), {"v": LATEST})


def backup_name(version: int, when: datetime | None = None) -> str:
    stamp = (when or datetime.now(timezone.utc)).strftime("%Y%m%d-%H%M%S")
    return f"chugiai-server-v{version}-{stamp}"


def backup_before_upgrade(db: object, url: URL, version: int, folder: Path) -> Path:
    """A backup of the library at `version` in `folder`; returns its path. DatabaseError,
    saying why, when none could be made (the caller then does not upgrade)."""
    location = url.render_as_string(hide_password=True)
    refusal = (f"The library {location} has schema {version} and needs upgrading to {LATEST}, "
               "but no backup could be made first, so it was not upgraded")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DatabaseError(f"{refusal}: {e}", OTHER) from e
    pg_dump = shutil.which("pg_dump")
    if pg_dump is not None:
        target = folder / (backup_name(version) + ".dump")
        return _pg_dump(pg_dump, url, target, refusal)
    from desktop_app.core.storage.engine_copy import CopyError, backup_to_file

    target = folder / (backup_name(version) + ".sqlite3")
    try:
        backup_to_file(db, target)  # type: ignore[arg-type]
    except (CopyError, OSError) as e:
        raise DatabaseError(f"{refusal}: {e}", OTHER) from e
    return target


def _pg_dump(pg_dump: str, url: URL, target: Path, refusal: str) -> Path:
    # The URL's parameters as libpq reads them; the password through the environment, so
    # it never shows in the process list.
    env = dict(os.environ)
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    dsn = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    partial = target.with_name(target.name + ".partial")
    try:
        done = subprocess.run([pg_dump, "--format=custom", f"--file={partial}", f"--dbname={dsn}"],
                              env=env, capture_output=True, text=True, timeout=3600, check=False)
    except (OSError, subprocess.SubprocessError) as e:
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"{refusal}: pg_dump could not run ({e}).", OTHER) from e
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"{refusal}: pg_dump failed: {done.stderr.strip()[-400:]}", OTHER)
    try:
        partial.replace(target)
    except OSError as e:
        raise DatabaseError(f"{refusal}: {e}", OTHER) from e
    return target
