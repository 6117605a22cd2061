"""Opening the library, whatever state it is in, and the first-run sample articles.

Plain Python (the window and the scripts share it): the result says what opening had to
do (read-only, a damaged file kept aside and replaced) so the UI can tell the user before
the window shows.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from desktop_app import paths
from desktop_app.core.library.articles import get_state, set_state
from desktop_app.core.library.ingest import import_paths
from desktop_app.core.messages import Message
from desktop_app.core.storage.database import (
    BUSY,
    CANT_OPEN,
    DAMAGED,
    READ_ONLY,
    DamagedDatabaseError,
    Database,
    DatabaseError,
    check_integrity,
    move_aside,
    needs_check_marker,
)

log = logging.getLogger(__name__)
SEEDS_STATE_KEY = "seeds_imported"


class Opened(Enum):
    """How the library was opened."""

    NORMAL = "normal"
    READ_ONLY = "read_only"  # the file or its folder is read-only: reading and export only
    REPLACED = "replaced"  # damaged: kept aside under a new name, a new library started


def seed_files(db: Database, seeds: Path | None = None) -> list[Path]:
    """The sample articles to import now: all of them on a library's first start, none
    after (a user who deletes them does not get them back) or when it is read-only."""
    if db.read_only or get_state(db, SEEDS_STATE_KEY) is not None:
        return []
    seeds = seeds or paths.seeds_dir()
    return sorted(seeds.glob("*.txt")) if seeds.is_dir() else []


def import_seeds_once(db: Database, seeds: Path | None = None) -> int:
    """On the first start of a library, import the shipped sample articles (only once)."""
    if db.read_only or get_state(db, SEEDS_STATE_KEY) is not None:
        return 0
    files = seed_files(db, seeds)
    report = import_paths(db, files) if files else None
    set_state(db, SEEDS_STATE_KEY, "1")
    return len(report.imported) if report else 0


@dataclass
class OpenedLibrary:
    """The open library and what the user must be told before the window shows."""

    db: Database
    notices: list[str] = field(default_factory=list)
    moved_aside: Path | None = None  # where a damaged library was kept
    how: Opened = Opened.NORMAL


def _writable(directory: Path, path: Path) -> bool:
    return os.access(directory, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def _open_read_only(path: Path) -> OpenedLibrary:
    db = Database.open(path, read_only=True)
    return OpenedLibrary(db, [db.read_only_message], how=Opened.READ_ONLY)


def _replace_damaged(path: Path, reason: DatabaseError) -> OpenedLibrary:
    """Keep the damaged file under a new name (never delete it) and start a new library."""
    moved = move_aside(path)
    log.warning("moved a damaged library aside: %s -> %s (%s)", path, moved, reason)
    db = Database.open(path)
    why = str(reason).replace(" It was left untouched.", "")
    notice = (
        f"Chú Giải could not use its library. {why}\n\n"
        f"The file was kept, renamed to {moved.name} in the same folder ({moved.parent}), "
        "and a new, empty library was started. Nothing was deleted. If you made a backup, "
        "you can restore it from the File menu."
    )
    return OpenedLibrary(db, [notice], moved, Opened.REPLACED)


def open_library(directory: Path, *, check: bool = False,
                 replace_damaged: bool = True) -> OpenedLibrary:
    """Open the library in `directory` as the window needs it, whatever state it is in.

    Read-only file or folder: opened read-only (the user can still read and export).
    Damaged or not ours: moved aside and replaced by a new library; with
    `replace_damaged=False` a DamagedDatabaseError is raised instead and nothing is moved
    (the window then offers to check and repair it, or to restore a backup). A full
    integrity check runs only when something went wrong: `check` (the last run crashed),
    damage seen during the last run, or an error while opening. Other problems raise
    DatabaseError.
    """
    path = paths.database_path(directory)
    check = check or needs_check_marker(path).exists()
    if path.exists() and not _writable(directory, path):
        return _open_read_only(path)
    try:
        return OpenedLibrary(Database.open(path, check=check))
    except DatabaseError as e:
        if e.kind == DAMAGED:
            if not replace_damaged:
                raise
            return _replace_damaged(path, e)
        if e.kind in (READ_ONLY, CANT_OPEN) and path.exists():
            return _open_read_only(path)  # e.g. a read-only disk that os.access did not spot
        problem = check_integrity(path) if path.exists() and e.kind != BUSY else None
        if problem:  # an odd error from a file that is damaged
            if not replace_damaged:
                raise DamagedDatabaseError(
                    Message("db.damaged_file", {"path": path, "problem": problem})) from e
            return _replace_damaged(path, e)
        raise


def open_for_script(directory: Path, *, write: bool) -> Database:
    """Open the library for a command-line command, never moving anything aside.

    A read-only file or folder opens read-only, as in the window, so reading, searching and
    exporting still work; a command that must write (`write=True`) gets a DatabaseError of
    kind READ_ONLY saying so. Damage raises DamagedDatabaseError (the CLI then points to
    `chugiai check --repair`)."""
    path = paths.database_path(directory)
    if path.exists() and not _writable(directory, path):
        if write:
            raise DatabaseError(Database.read_only_message_for(path), READ_ONLY)
        return Database.open(path, read_only=True)
    try:
        return Database.open(path)
    except DatabaseError as e:
        if not write and e.kind in (READ_ONLY, CANT_OPEN) and path.exists():
            return Database.open(path, read_only=True)  # e.g. a read-only disk
        raise


def open_database(directory: Path) -> Database:
    """Open the library; a read-only one opens read-only, a damaged one is replaced (see
    open_library, which also returns what to tell the user)."""
    return open_library(directory).db
