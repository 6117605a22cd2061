"""The library file itself: a cheap look at its header, the marker that asks for a full
check at the next start, moving a damaged file aside (never deleting it), and checking a
backup before it replaces the library."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from desktop_app.core.messages import Message
from desktop_app.core.storage import migrations
from desktop_app.core.storage.errors import CANT_OPEN, DAMAGED, NEWER, DatabaseError

# Written beside the database when damage shows during use, so that the next start runs a
# full check. (PRAGMA quick_check costs ~175 ms warm, ~700 ms cold on a 100,000-highlight
# library: too slow for every start, so it runs only when something went wrong.)
NEEDS_CHECK_SUFFIX = ".needs-check"
SIBLING_SUFFIXES = ("-wal", "-shm", "-journal")


def read_only_uri(path: Path, immutable: bool = False) -> str:
    """A sqlite URI for `path`: quoted, since '?', '#' and '%' are legal in file names."""
    posix = Path(path).resolve().as_posix()
    if not posix.startswith("/"):
        posix = "/" + posix  # Windows: file:/C:/...
    return f"file:{quote(posix, safe='/:')}?mode=ro" + ("&immutable=1" if immutable else "")


def header_problem(path: Path) -> str | None:
    """A cheap look at the 100-byte header: a file shorter than the page count it declares
    was cut off (a copy interrupted, a full disk). Returns None when nothing looks wrong."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            header = f.read(100)
    except OSError:
        return None  # sqlite will say what is wrong
    if size == 0 or not header.startswith(b"SQLite format 3\x00") or len(header) < 100:
        return None
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    count_is_valid = header[24:28] == header[92:96]  # change counter == version-valid-for
    if count_is_valid and pages and size < pages * page_size:
        return f"it is shorter than it should be ({size:,} of {pages * page_size:,} bytes)"
    return None


def needs_check_marker(path: Path) -> Path:
    return Path(str(path) + NEEDS_CHECK_SUFFIX)


def mark_needs_check(path: Path) -> None:
    try:
        needs_check_marker(path).touch()
    except OSError:
        pass  # a read-only folder: the error message still told the user


def clear_needs_check(path: Path) -> None:
    try:
        needs_check_marker(path).unlink(missing_ok=True)
    except OSError:
        pass  # a read-only folder: the check simply runs again next time


def move_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename a damaged library (and its -wal/-shm/-journal) to
    `<stem>.damaged-<YYYYmmdd-HHMMSS><suffix>` in the same folder; never deletes anything.

    The siblings must move too: a new database at the old name would otherwise replay the
    old write-ahead log into itself. Returns the new path.
    """
    path = Path(path)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    n = 2
    while any(p.exists() for p in (target, *(Path(str(target) + s) for s in SIBLING_SUFFIXES))):
        target = path.with_name(f"{path.stem}.damaged-{stamp}-{n}{path.suffix}")
        n += 1
    try:
        path.rename(target)
        for suffix in SIBLING_SUFFIXES:
            sibling = Path(str(path) + suffix)
            if sibling.exists():
                sibling.rename(Path(str(target) + suffix))
    except OSError as e:
        raise DatabaseError(Message("db.cannot_move_aside",
                                    {"path": path, "reason": e.strerror or str(e)}),
                            CANT_OPEN) from e
    clear_needs_check(path)  # our own note, not the user's data
    return target


def check_backup_file(path: Path) -> None:
    """Refuse anything that is not a Chú Giải library this version can read."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as e:
        raise DatabaseError(Message("backup.cannot_open", {"path": path, "reason": str(e)})) from e
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise DatabaseError(Message("backup.damaged", {"path": path}), DAMAGED)
    except sqlite3.DatabaseError as e:
        raise DatabaseError(Message("backup.not_library", {"path": path}), DAMAGED) from e
    finally:
        conn.close()
    if version > migrations.LATEST:
        raise DatabaseError(Message("backup.newer", {"path": path}), NEWER)
    if version < 1 or "articles" not in tables:
        raise DatabaseError(Message("backup.not_library", {"path": path}), DAMAGED)
