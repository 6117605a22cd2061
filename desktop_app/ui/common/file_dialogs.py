"""Where a file dialog opens: the folder last used for that kind of file, else the
user's Documents (else home) — never the process's working folder, which under
`make run` is the source checkout.

Each kind ("articles", "annotations", "backups", ...) remembers its own folder in the
window's settings (`dialogs/<kind>`): articles come from a downloads folder, backups go
to a USB stick. The wrappers call Qt's static dialogs and remember what was chosen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

SETTINGS_GROUP = "dialogs"


def default_folder() -> Path:
    """The user's Documents folder when it exists, else their home folder."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def start_folder(settings: QSettings, kind: str) -> Path:
    """The folder last used for `kind`, if it still exists; else `default_folder()`."""
    saved = settings.value(f"{SETTINGS_GROUP}/{kind}")
    if isinstance(saved, str) and saved and Path(saved).is_dir():
        return Path(saved)
    return default_folder()


def start_path(settings: QSettings, kind: str, file_name: str = "") -> str:
    """What to give a dialog as its directory: the start folder, with a proposed file name."""
    folder = start_folder(settings, kind)
    return str(folder / file_name) if file_name else str(folder)


def remember(settings: QSettings, kind: str, chosen: str | Path) -> None:
    """Remember the folder of a chosen file (or a chosen folder itself) for `kind`."""
    if not chosen:
        return
    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    settings.setValue(f"{SETTINGS_GROUP}/{kind}", str(folder))


# --- Qt's dialogs, started in the right folder ------------------------------------------------
def open_file_names(parent: QWidget, settings: QSettings, kind: str, title: str, filters: str) -> list[str]:
    files, _ = QFileDialog.getOpenFileNames(parent, title, start_path(settings, kind), filters)
    if files:
        remember(settings, kind, files[0])
    return files


def open_file_name(parent: QWidget, settings: QSettings, kind: str, title: str, filters: str) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, title, start_path(settings, kind), filters)
    remember(settings, kind, path)
    return path


def save_file_name(parent: QWidget, settings: QSettings, kind: str, title: str, file_name: str,
                   filters: str) -> tuple[str, str]:
    """(path, the filter chosen); path is "" when cancelled."""
    path, chosen = QFileDialog.getSaveFileName(parent, title, start_path(settings, kind, file_name), filters)
    remember(settings, kind, path)
    return path, chosen


def existing_directory(parent: QWidget, settings: QSettings, kind: str, title: str) -> str:
    folder = QFileDialog.getExistingDirectory(parent, title, start_path(settings, kind))
    if folder:
        # The folder imported is remembered by its parent: the next import is likely a sibling.
        remember(settings, kind, Path(folder).parent)
    return folder
