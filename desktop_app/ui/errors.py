"""Unexpected errors: logged to a rotating file, told to the user in words, app goes on.

Every change is already committed when it happens, so an error in one action never loses
earlier work; the message says so.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import paths

log = logging.getLogger("desktop_app")


def setup_logging(directory: Path | None = None) -> Path | None:
    """Log to <user log dir>/chugiai.log (1 MB x 3). Returns the file, or None if unwritable."""
    try:
        directory = directory or paths.log_dir()
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / "chugiai.log"
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def install_excepthook(log_file: Path | None) -> None:
    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, error, tb)))
        if QApplication.instance() is None:
            return
        where = f"\n\nDetails were written to {log_file}." if log_file else ""
        box = QMessageBox(QMessageBox.Icon.Warning, "Chú Giải",
                          "Something went wrong: " + (str(error) or kind.__name__)
                          + "\n\nYour highlights and notes are saved; you can keep working." + where)
        box.setDetailedText("".join(traceback.format_exception(kind, error, tb)))
        box.exec()

    sys.excepthook = hook
