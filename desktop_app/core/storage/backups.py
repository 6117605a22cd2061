"""Automatic backups, as Anki keeps them: consistent copies in `<data folder>/backups/`.

The window calls `auto_backup` when it closes after changes and every 30 minutes of
changes (a setting turns it off); each copy goes through the sqlite3 backup API and is
renamed into place only when whole (copies.py). `rotate` keeps the newest KEEP_LAST copies
plus the newest of each of the last KEEP_DAYS days, so a mistake noticed days later can
still be undone. Names carry time and reason: `chugiai-20250131-142501-close.sqlite3`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from desktop_app.core.storage.copies import clean_partial_copies
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
