"""Unexpected errors: logged to a rotating file, told to the user in words, app goes on.

Every change is already committed when it happens, so an error in one action never loses
earlier work; the message says so. The dialog offers the details to copy into a bug
report. One error repeating (a paint event failing 100 times) opens one dialog, and the
log counts the rest; an error while showing the dialog is logged, never shown in a loop.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Signal, Slot, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from desktop_app import APP_DISPLAY_NAME, __version__, paths

log = logging.getLogger("desktop_app")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


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


def environment() -> str:
    """App version and system, for a bug report."""
    return (f"{APP_DISPLAY_NAME} {__version__}\n{platform.platform()}\n"
            f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {pyside_version}")


def details_text(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> str:
    return environment() + "\n\n" + "".join(traceback.format_exception(kind, error, tb))


class ErrorDialog(QMessageBox):
    """The message in words; the traceback under "Show Details…"; buttons to copy the
    details and to open the log folder. Those two leave the dialog open."""

    def __init__(self, message: str, details: str, log_file: Path | None) -> None:
        where = ("\n\n" + QCoreApplication.translate("ErrorDialog", "Details were written to {path}.")
                 .format(path=log_file)) if log_file else ""
        super().__init__(QMessageBox.Icon.Warning, APP_DISPLAY_NAME, "")
        # Plain text, set before the text: an error may quote a file name or a value.
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(
            QCoreApplication.translate("ErrorDialog", "Something went wrong: {error}").format(error=message)
            + "\n\n" + QCoreApplication.translate(
                "ErrorDialog", "Your highlights and notes are saved; you can keep working.") + where,
        )
        self.setObjectName("unexpectedErrorDialog")
        self.details = details
        self.setDetailedText(details)
        self.copy_button = self._action_button(self.tr("Copy details"), self.copy_details)
        self.log_button: QPushButton | None = None
        if log_file is not None:
            folder = log_file.parent
            self.log_button = self._action_button(self.tr("Open log folder"), lambda: open_folder(folder))
        self.ok_button = self.addButton(QMessageBox.StandardButton.Ok)
        self.setDefaultButton(self.ok_button)

    def _action_button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = self.addButton(text, QMessageBox.ButtonRole.ActionRole)
        # QMessageBox closes on any button; cutting the button box's connection keeps it open.
        button.clicked.disconnect()
        button.clicked.connect(slot)
        return button

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("Copied"))


def open_folder(folder: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class _GuiBridge(QObject):
    """Lives in the GUI thread: an error raised in another thread (a QThread worker calls
    sys.excepthook there) is shown from here, through a queued signal."""

    show_requested = Signal(object, object, object)

    def __init__(self, show: Callable[[type[BaseException], BaseException, TracebackType | None], None]) -> None:
        super().__init__()
        self._show = show
        self.show_requested.connect(self._on_show_requested)

    @Slot(object, object, object)
    def _on_show_requested(self, kind, error, tb) -> None:
        self._show(kind, error, tb)


class ErrorReporter:
    """The excepthook. Logs every error; shows a dialog for the first of each kind."""

    REPEATS_LOGGED = 10  # after that, only every power of ten is logged

    def __init__(self, log_file: Path | None) -> None:
        self.log_file = log_file
        self.seen: dict[tuple[str, str, int], int] = {}
        self.showing = False
        self._lock = threading.Lock()
        self._bridge: _GuiBridge | None = None
        if QApplication.instance() is not None:
            self._bridge = _GuiBridge(self._show)  # made here, in the GUI thread

    def __call__(self, kind: type[BaseException], error: BaseException,
                 tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        try:
            if self._record(kind, error, tb) == 1:
                self._dispatch(kind, error, tb)
        except Exception:  # the error handling failed: say so on stderr, never loop
            sys.__excepthook__(kind, error, tb)
            traceback.print_exc()

    def _record(self, kind: type[BaseException], error: BaseException,
                tb: TracebackType | None) -> int:
        """Log it; return how many times this error (kind and place) was seen."""
        key = _error_key(kind, tb)
        with self._lock:
            count = self.seen[key] = self.seen.get(key, 0) + 1
        if count == 1:
            log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, error, tb)))
        elif count <= self.REPEATS_LOGGED or _is_power_of_ten(count):
            log.error("the same unexpected error again (%d times so far): %s: %s",
                      count, kind.__name__, error)
        return count

    def _dispatch(self, kind: type[BaseException], error: BaseException,
                  tb: TracebackType | None) -> None:
        if QApplication.instance() is None:
            return
        if threading.current_thread() is threading.main_thread():
            self._show(kind, error, tb)
        elif self._bridge is not None:
            self._bridge.show_requested.emit(kind, error, tb)  # widgets live in the GUI thread

    def _show(self, kind: type[BaseException], error: BaseException,
              tb: TracebackType | None) -> None:
        if self.showing:  # one dialog at a time; the error was logged
            log.info("not shown (an error dialog is already open): %s", kind.__name__)
            return
        self.showing = True
        try:
            dialog = ErrorDialog(str(error) or kind.__name__, details_text(kind, error, tb),
                                 self.log_file)
            dialog.exec()
            dialog.deleteLater()
        except Exception:
            log.exception("could not show the error dialog")
        finally:
            self.showing = False


def _error_key(kind: type[BaseException], tb: TracebackType | None) -> tuple[str, str, int]:
    """The same kind of error raised at the same line is "the same error", whatever its
    message (which often holds an id that changes)."""
    frames = traceback.extract_tb(tb) if tb is not None else []
    where = frames[-1] if frames else None
    return (f"{kind.__module__}.{kind.__qualname__}", where.filename if where else "",
            where.lineno or 0 if where else 0)


def _is_power_of_ten(n: int) -> bool:
    while n >= 10 and n % 10 == 0:
        n //= 10
    return n == 1


def install_excepthook(log_file: Path | None) -> ErrorReporter:
    """Make an ErrorReporter the excepthook (call it once the QApplication exists)."""
    reporter = ErrorReporter(log_file)
    sys.excepthook = reporter
    return reporter
