"""Where an export may write: never over the library, never into a pipe or device by accident.

Every writer of a user-chosen file (exports, concordance and frequency CSVs, the export
dialog) asks `check_output_path` first. An export is written to a temp file next to the
target (`.chugiai-<pid>-<random><suffix>.tmp`) and renamed over it; the pid in the name lets
`clean_stale_temp_files` remove what a killed export left behind, and only that.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from desktop_app.core.storage.backups import BACKUPS_FOLDER

TEMP_PREFIX = ".chugiai-"
TEMP_SUFFIX = ".tmp"
STALE_AFTER_S = 3600.0  # a live export touches its temp file far more often than this
STDOUT = "-"  # `-o -`: standard output
# Formats that are text and can go to standard output (xlsx and qdpx are zip archives).
TEXT_FORMATS = frozenset({"csv", "csv-long", "codebook", "webanno", "conll", "qdc"})
_LIBRARY_SIBLINGS = ("-wal", "-shm", "-journal")
# Copies the app keeps beside the library: <stem>.<kind>-<stamp><suffix>.
_COPY_KINDS = ("before-upgrade", "before-restore", "before-repair", "damaged")
_PID_RE = re.compile(rf"^{re.escape(TEMP_PREFIX)}(\d+)-")


class OutputPathError(ValueError):
    """A file an export must not write; the message says why in words (no file was written)."""


def temp_prefix() -> str:
    """The temp-file name prefix for this process (the pid lets a later cleanup tell a
    killed export's leftovers from a running one's)."""
    return f"{TEMP_PREFIX}{os.getpid()}-"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


def belongs_to_library(target: Path, library: Path) -> bool:
    """True for the library file, its -wal/-shm/-journal, its backups folder and whatever
    in the data folder carries the library's name (safety copies, damaged copies, notes)."""
    target = Path(os.path.abspath(target))
    resolved = target.resolve()
    library = Path(os.path.abspath(library))
    folder = library.parent.resolve()
    owned = [library, *(Path(str(library) + s) for s in _LIBRARY_SIBLINGS)]
    for candidate in (target, resolved):
        if any(candidate == p or candidate == p.resolve() for p in owned):
            return True
        if _inside(candidate, folder / BACKUPS_FOLDER) or candidate == folder / BACKUPS_FOLDER:
            return True
        if candidate.parent == folder and candidate.name.startswith(
                (library.name, *(f"{library.stem}.{kind}-" for kind in _COPY_KINDS))):
            return True  # chugiai.before-upgrade-…, chugiai.damaged-…, chugiai.sqlite3.needs-check
    return any(_same_file(target, p) for p in owned if p.exists())  # a hard link


def check_output_path(target: str | os.PathLike[str], library: Path | None,
                      fmt: str | None = None) -> Path | None:
    """Refuse a target an export must not write; return it as a Path (None for `-`,
    standard output). Raises OutputPathError with a message naming the file and the reason."""
    if str(target) == STDOUT:
        if fmt is not None and fmt not in TEXT_FORMATS:
            raise OutputPathError(
                f"The {fmt} format is a binary file and cannot be written to standard output; "
                "give a file name with -o.")
        return None
    path = Path(target)
    if library is not None and belongs_to_library(path, library):
        raise OutputPathError(
            f"{path} belongs to the Chú Giải library (the database, its journal or its backups); "
            "an export may not replace it. Choose another file name.")
    try:
        st = path.stat()  # follows a symlink: what matters is what would be replaced
    except FileNotFoundError:
        if path.is_symlink():
            raise OutputPathError(f"{path} is a link to a file that does not exist; "
                                  "choose another file name.") from None
        return path  # a new name
    except OSError as e:
        raise OutputPathError(f"{path} cannot be used: {e.strerror or e}.") from None
    if stat.S_ISDIR(st.st_mode):
        raise OutputPathError(f"{path} is a folder; give a file name inside it.")
    if not stat.S_ISREG(st.st_mode):
        kind = ("a pipe (FIFO)" if stat.S_ISFIFO(st.st_mode) else
                "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else
                "a socket" if stat.S_ISSOCK(st.st_mode) else "not a regular file")
        raise OutputPathError(
            f"{path} is {kind}, not a regular file: it would be replaced, not written to. "
            "Use -o - to write to standard output.")
    return path


def replace_target(path: Path) -> Path:
    """The file a rename should replace: a symlink's target (the link stays a link)."""
    return path.resolve() if path.is_symlink() else path


def kept_mode(path: Path, default: int) -> int:
    """The permission bits a replaced file had (0600 stays 0600), else `default`."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return default


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    except OSError:
        return False
    return True


def clean_stale_temp_files(folder: str | os.PathLike[str], max_age_s: float = STALE_AFTER_S,
                           now: float | None = None) -> list[Path]:
    """Remove `.chugiai-*` temp files in `folder` left by a killed export: older than
    `max_age_s` and made by a process that is gone (a name without a pid, from an older
    version, only by age). Returns what was removed; never raises."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(TEMP_PREFIX):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode) or now - st.st_mtime < max_age_s:
                continue
            m = _PID_RE.match(entry.name)
            if m and _pid_alive(int(m.group(1))):
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def write_through_temp(write: Callable[[Path], int], stream: BinaryIO, suffix: str = "") -> int:
    """Run a file writer into a private temp folder, then copy the file to `stream`
    (standard output for `-o -`): the writers stay file-based and atomic, and a failed
    export writes nothing to the stream. Returns what `write` returned."""
    with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX) as folder:
        path = Path(folder) / f"export{suffix}"
        count = write(path)
        with open(path, "rb") as f:
            shutil.copyfileobj(f, stream)
        stream.flush()
    return count
