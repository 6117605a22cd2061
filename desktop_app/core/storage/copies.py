"""Whole-library copies that a kill cannot leave half-written under their final name.

Backups, before-upgrade and before-repair safety copies go through the sqlite3 backup API
into `.<name>.partial-<pid>` beside the target, are fsynced, then renamed: a copy under
its final name is always complete. A kill mid-copy leaves only the partial file (and its
-journal), which `clean_partial_copies` removes once its process is gone. Copies written
by older versions straight to the final name could be left empty with a -journal beside
them: `is_killed_copy` recognises those, so a second backup to that name can go ahead.
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

_PARTIAL_RE = re.compile(r"^\..+\.partial-(\d+)(-journal)?$")


def partial_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.partial-{os.getpid()}")


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open a folder; its rename is durable enough
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def consistent_copy(source: sqlite3.Connection, target: Path) -> None:
    """Copy the database behind `source` to `target` (which must not exist) through the
    backup API; `target` appears only once complete and on disk."""
    target = Path(target)
    partial = partial_name(target)
    _remove_with_journal(partial)
    try:
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
        finally:
            dest.close()
        with open(partial, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(partial, target)
        _fsync_dir(target.parent)
    except BaseException:
        _remove_with_journal(partial)
        raise


def _remove_with_journal(path: Path) -> None:
    for p in (path, Path(str(path) + "-journal")):
        try:
            p.unlink(missing_ok=True)
        except OSError:
            pass


def _pid_gone(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # alive, someone else's
    return False


def clean_partial_copies(folder: Path) -> list[Path]:
    """Remove `.*.partial-<pid>` copies (and their -journal) whose process is gone."""
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        m = _PARTIAL_RE.match(name)
        if m and _pid_gone(int(m.group(1))):
            path = Path(folder) / name
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                pass
    return removed


def is_killed_copy(target: Path) -> bool:
    """An empty file with a -journal beside it: a copy an older version began straight at
    this name and was killed during (nothing of the user's is in it)."""
    target = Path(target)
    journal = Path(str(target) + "-journal")
    try:
        return target.is_file() and target.stat().st_size == 0 and journal.is_file()
    except OSError:
        return False


def remove_killed_copy(target: Path) -> bool:
    """Remove such a leftover (the empty file and its journal); True if it was one."""
    if not is_killed_copy(target):
        return False
    _remove_with_journal(Path(target))
    return True
