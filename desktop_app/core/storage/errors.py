"""Database errors a user can act on: a `DatabaseError` with a message (core/messages.py)
and a `kind` the app acts on without parsing words (move a damaged file aside, open
read-only, wait for a busy library, free disk space)."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from desktop_app.core.messages import Message, MessageError

# DatabaseError.kind: what a caller can act on without parsing the message.
DAMAGED = "damaged"  # damaged, or not a Chú Giải library at all: the app may move it aside
READ_ONLY = "read-only"
CANT_OPEN = "cannot-open"
BUSY = "busy"
DISK_FULL = "disk-full"
WRITE_FAILED = "write-failed"
NEWER = "newer"
UNREACHABLE = "unreachable"  # a server library whose server cannot be reached (now)
CONFLICT_RETRY = "retry"  # a server transaction aborted by a concurrent one: run it again
OTHER = "other"


class DatabaseError(MessageError):
    """A database problem: `message` says it (core/messages.py), `kind` what to do."""

    def __init__(self, message: Message | str, kind: str = OTHER) -> None:
        super().__init__(message)
        self.kind = kind


class DamagedDatabaseError(DatabaseError):
    """The file is damaged, or is not a Chú Giải library; it was left untouched."""

    def __init__(self, message: Message | str) -> None:
        super().__init__(message, DAMAGED)



# --- errors in words ---------------------------------------------------------------------
def _file_size_limited() -> bool:
    """True when this process may not grow files past a limit (ulimit -f): writes then fail
    with EFBIG, which sqlite reports only as SQLITE_IOERR_WRITE."""
    try:
        import resource  # POSIX only
    except ImportError:
        return False
    soft, _hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    return soft != resource.RLIM_INFINITY


def _disk_nearly_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(Path(path).parent).free < 4 * 1024 * 1024
    except OSError:
        return False


def error_kind(error: BaseException, path: Path | None = None) -> str:
    """Which of the kinds above a sqlite, SQLAlchemy or OS error is."""
    orig = getattr(error, "orig", None) or error
    name = getattr(orig, "sqlite_errorname", "") or ""
    text = str(orig).lower()
    if isinstance(orig, OSError) and orig.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return DISK_FULL
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or "not a database" in text \
            or "malformed" in text:
        return DAMAGED
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return READ_ONLY
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return CANT_OPEN
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return BUSY
    if name == "SQLITE_FULL" or "disk is full" in text or "file too large" in text:
        return DISK_FULL
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        if _file_size_limited() or (path is not None and _disk_nearly_full(path)):
            return DISK_FULL
        return WRITE_FAILED
    return OTHER


_KIND_CODES = {DAMAGED: "db.damaged", READ_ONLY: "db.file_read_only", CANT_OPEN: "db.cannot_open",
               BUSY: "db.busy", DISK_FULL: "db.disk_full", WRITE_FAILED: "db.write_failed"}


def explain_message(error: BaseException, path: Path) -> Message:
    """A sqlite error as a Message that names the file and the problem."""
    orig = getattr(error, "orig", None) or error
    return Message(_KIND_CODES.get(error_kind(error, path), "db.error"),
                   {"path": path, "reason": str(orig)})


def explain(error: BaseException, path: Path) -> str:
    """Turn a sqlite error into a sentence that names the file and the problem."""
    return explain_message(error, path).english()


def as_database_error(error: BaseException, path: Path) -> DatabaseError:
    kind = error_kind(error, path)
    if kind == DAMAGED:
        return DamagedDatabaseError(explain_message(error, path))
    return DatabaseError(explain_message(error, path), kind)


# --- a server library's errors (PostgreSQL SQLSTATE) ----------------------------------------
# Class 08: the connection failed or was lost; 57P01-57P03: the server shut down (admin
# shutdown, crash shutdown, cannot connect now). 40001/40P01: serialization failure and
# deadlock, which the server resolves by aborting one transaction: running it again works.
_UNREACHABLE_STATES = ("57P01", "57P02", "57P03")
_RETRY_STATES = ("40001", "40P01")


def server_error_kind(error: BaseException | None) -> str:
    """UNREACHABLE, CONFLICT_RETRY or OTHER for an error from a server library: a psycopg
    error, SQLAlchemy's wrapper of one, or a DatabaseError raised from either."""
    seen = 0
    while error is not None and seen < 5:  # DatabaseError -> sa error -> psycopg error
        orig = getattr(error, "orig", None)
        candidate = orig if orig is not None else error
        state = getattr(candidate, "sqlstate", None)
        if state:
            if state.startswith("08") or state in _UNREACHABLE_STATES:
                return UNREACHABLE
            if state in _RETRY_STATES:
                return CONFLICT_RETRY
            return OTHER
        module = type(candidate).__module__ or ""
        if module.startswith("psycopg") and type(candidate).__name__ in (
                "OperationalError", "InterfaceError", "ConnectionTimeout"):
            return UNREACHABLE  # no SQLSTATE: the connection broke (closed, EOF, timeout)
        if getattr(error, "connection_invalidated", False):
            return UNREACHABLE
        error = error.__cause__ if error.__cause__ is not None else (orig if orig is not error else None)
        seen += 1
    return OTHER
