"""Automatic backups, as Anki keeps them: consistent copies in `<data folder>/backups/`.

The window calls `auto_backup` when it closes after changes and every 30 minutes of
changes (a setting turns it off); each copy goes through the sqlite3 backup API and is
renamed into place only when whole (copies.py). `rotate` keeps the newest KEEP_LAST copies
plus the newest of each of the last KEEP_DAYS days, so a mistake noticed days later can
still be undone. Names carry time and reason: `chugiai-20250131-142501-close.sqlite3`.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from desktop_app.core.storage.copies import clean_partial_copies, consistent_copy
from desktop_app.core.storage.damage import (
    SIBLING_SUFFIXES,
    check_backup_file,
    move_aside,
    read_only_uri,
)
from desktop_app.core.storage.database import Database

BACKUPS_FOLDER = "backups"
KEEP_LAST = 10
KEEP_DAYS = 7
# Why a copy was made (the name's last part); the window uses the first two.
CLOSE, PERIODIC, MANUAL, BEFORE_RESTORE = "close", "periodic", "manual", "before-restore"
_STAMP = "%Y%m%d-%H%M%S"
_NAME_RE = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?-(?P<reason>[a-z-]+)\.sqlite3$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    size: int  # bytes
    reason: str


def backups_dir(db_path: Path) -> Path:
    """Where a library's automatic backups live: `backups/` beside it."""
    return Path(db_path).parent / BACKUPS_FOLDER


def auto_backup(db: Database, folder: Path | None = None, reason: str = PERIODIC,
                now: datetime | None = None) -> BackupInfo:
    """Write a consistent copy of `db` into `folder` (default: backups_dir), then rotate.
    Raises OSError or sqlite3.Error when the copy cannot be written (nothing is left
    half-written under a backup's name)."""
    if not re.fullmatch(r"[a-z-]+", reason):
        raise ValueError(f"a backup reason is lowercase letters and '-', not {reason!r}")
    folder = Path(folder) if folder is not None else backups_dir(db.path)
    folder.mkdir(parents=True, exist_ok=True)
    clean_partial_copies(folder)
    now = now or datetime.now()
    stem = db.path.stem
    target = folder / f"{stem}-{now.strftime(_STAMP)}-{reason}.sqlite3"
    n = 2
    while target.exists():
        target = folder / f"{stem}-{now.strftime(_STAMP)}-{n}-{reason}.sqlite3"
        n += 1
    db.backup(target)
    rotate(folder, now)
    return BackupInfo(target, now.replace(microsecond=0), target.stat().st_size, reason)


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in `folder`, newest first (files that are not ours are ignored)."""
    found = []
    try:
        paths = list(Path(folder).iterdir())
    except OSError:
        return []
    for path in paths:
        m = _NAME_RE.match(path.name)
        if not m:
            continue
        try:
            created = datetime.strptime(m["stamp"], _STAMP)
            size = path.stat().st_size
        except (ValueError, OSError):
            continue
        found.append((created, int(m["n"] or 1), BackupInfo(path, created, size, m["reason"])))
    return [info for *_key, info in sorted(found, key=lambda t: t[:2], reverse=True)]


def rotate(folder: Path, now: datetime | None = None, keep_last: int = KEEP_LAST,
           keep_days: int = KEEP_DAYS) -> list[Path]:
    """Delete backups beyond the newest `keep_last` and the newest one of each of the
    last `keep_days` days. Returns what was deleted."""
    now = now or datetime.now()
    backups = list_backups(folder)
    keep = {b.path for b in backups[:keep_last]}
    first_day = (now - timedelta(days=keep_days - 1)).date()
    days_seen: set = set()
    for b in backups:  # newest first: the first of each day is that day's newest
        day = b.created.date()
        if day >= first_day and day not in days_seen:
            days_seen.add(day)
            keep.add(b.path)
    removed = []
    for b in backups:
        if b.path not in keep:
            try:
                b.path.unlink()
                removed.append(b.path)
                for suffix in ("-wal", "-shm", "-journal"):  # left if it was ever opened
                    Path(str(b.path) + suffix).unlink(missing_ok=True)
            except OSError:
                pass  # next time
    return removed


def restore_backup(db: Database, backup: Path | BackupInfo) -> Path:
    """Replace the library's content with `backup` (checked first; an older version's
    backup is upgraded). Returns the safety copy of what was there before."""
    path = backup.path if isinstance(backup, BackupInfo) else Path(backup)
    return db.restore_from(path)


def backup_article_count(path: Path) -> int | None:
    """How many articles a backup holds (read-only), or None when it cannot be read."""
    try:
        conn = sqlite3.connect(read_only_uri(Path(path)), uri=True)
    except sqlite3.Error:
        return None
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def restore_unopened(db_path: Path, backup: Path | BackupInfo) -> Path | None:
    """Put `backup` in place of a library that cannot be opened (damaged): the file there
    is first moved aside, never deleted (`<stem>.damaged-<stamp>`, with its -wal/-shm).
    Returns where it went (None when there was no file). The backup is checked first; an
    older version's backup is upgraded when the library is next opened. Raises
    DatabaseError (nothing moved) when the backup is not a library this version reads."""
    source = backup.path if isinstance(backup, BackupInfo) else Path(backup)
    db_path = Path(db_path)
    check_backup_file(source)
    kept = None
    if db_path.exists():
        kept = move_aside(db_path)
    for suffix in SIBLING_SUFFIXES:  # a stray log would be replayed into the restored copy
        stray = Path(str(db_path) + suffix)
        if stray.exists():
            stray.rename(stray.with_name(f"{stray.name}.stray-{datetime.now():%Y%m%d-%H%M%S}"))
    src = sqlite3.connect(read_only_uri(source), uri=True)
    try:
        consistent_copy(src, db_path)
    finally:
        src.close()
    return kept
