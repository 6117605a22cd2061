"""What the analysis windows share: one running job per window (the newest wins, with a
progress bar and Stop), and exporting a table to CSV or XLSX through core's writers.

A job is a BackgroundOp: core does the work on a pool thread with a Progress; the window
gets the answer in the GUI thread only if no newer job started meanwhile and the window
still exists. An export path is checked first (core/interchange/output_paths.py: never
the library, its backups, a pipe or a folder); the file is written by core, atomically.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal
from PySide6.QtWidgets import QProgressBar, QToolButton, QWidget

from desktop_app.core.interchange.output_paths import OutputPathError, check_output_path, clean_stale_temp_files
from desktop_app.core.progress import Progress
from desktop_app.ui.background import BackgroundOp
from desktop_app.ui.common import file_dialogs


class Runner(QObject):
    """Runs a window's jobs one at a time: a new one cancels the one before."""

    busy = Signal(bool)

    def __init__(self, owner: QWidget, bar: QProgressBar, stop: QToolButton) -> None:
        super().__init__(owner)
        self.owner, self.bar, self.stop_button = owner, bar, stop
        self.generation = 0
        self.op: BackgroundOp | None = None
        stop.clicked.connect(self.stop)
        self._show(False)

    def run(self, fn: Callable[[Progress], Any], on_success: Callable[[Any], None],
            on_failure: Callable[[str], None], on_cancelled: Callable[[], None] | None = None) -> BackgroundOp:
        self.stop()
        self.generation += 1
        generation = self.generation

        def current() -> bool:
            return shiboken6.isValid(self.owner) and generation == self.generation

        def outcome(callback: Callable[..., object] | None) -> Callable[..., None]:
            def deliver(*args: object) -> None:
                if current():
                    self._finished()  # not running any more when the window hears the outcome
                    if callback is not None:
                        callback(*args)
            return deliver

        self._show(True)
        self.op = (BackgroundOp(self.owner, fn)
                   .on_progress(lambda done, total, _note: current() and self._progress(done, total))
                   .on_success(outcome(on_success))
                   .on_failure(outcome(on_failure))
                   .on_cancelled(outcome(on_cancelled))
                   .on_finished(outcome(None)))  # a crash (the error reporter has it)
        return self.op.run()

    def stop(self) -> None:
        if self.op is not None and not self.op.done:
            self.op.cancel()

    def running(self) -> bool:
        return self.op is not None and not self.op.done

    def _progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1) if total else 0)
        self.bar.setValue(min(done, total))

    def _finished(self) -> None:
        self.op = None
        self._show(False)

    def _show(self, on: bool) -> None:
        self.bar.setRange(0, 0)
        self.bar.setVisible(on)
        self.stop_button.setVisible(on)
        self.busy.emit(on)


# --- exports ---------------------------------------------------------------------------------
def settings_of(widget: QWidget | None) -> QSettings:
    """The main window's settings (where file dialogs remember their folders), found up
    the parents; the application's default without one."""
    while widget is not None:
        found = getattr(widget, "settings", None)
        if isinstance(found, QSettings):
            return found
        widget = widget.parentWidget()
    return QSettings()


CSV, CSV_SEMICOLON, XLSX = "csv", "csv;", "xlsx"


class ExportTarget(QObject):
    """Asks where to write a table and in which format."""

    chosen = Signal(str, str)  # path, kind (CSV, CSV_SEMICOLON or XLSX)

    def ask(self, parent: QWidget, title: str, name: str) -> tuple[str, str] | None:
        comma = self.tr("CSV, comma-separated (*.csv)")
        semicolon = self.tr("CSV for Excel with decimal commas, semicolon-separated (*.csv)")
        workbook = self.tr("Excel workbook (*.xlsx)")
        path, chosen = file_dialogs.save_file_name(parent, settings_of(parent), "analysis", title, name,
                                                   f"{workbook};;{comma};;{semicolon}")
        if not path:
            return None
        kind = XLSX if chosen == workbook else CSV_SEMICOLON if chosen == semicolon else CSV
        suffix = ".xlsx" if kind == XLSX else ".csv"
        if not path.lower().endswith(suffix):
            path += suffix
        return path, kind


def checked_output(path: str | Path, library: Path) -> str | None:
    """None when `path` may be written, else why not (in words, naming the file). Clears
    what a killed export left in its folder."""
    try:
        checked = check_output_path(Path(path).absolute(), library)
    except OutputPathError as e:
        return str(e)
    if checked is not None and not checked.parent.is_dir():
        return QCoreApplication.translate("ExportTarget", "The folder %1 does not exist.").replace(
            "%1", str(checked.parent))
    if checked is not None:
        clean_stale_temp_files(checked.parent)
    return None


def run_export(owner: QWidget, library: Path, path: str | Path, work: Callable[[Path, Progress], int],
               done: Callable[[Path, int], None], failed: Callable[[Path, str], None]) -> BackgroundOp | None:
    """Check `path` (never the library...), then write it with `work(path, progress)` on a
    pool thread; `done(path, rows)` or `failed(path, message)` in the GUI thread, while
    `owner` lives."""
    target = Path(path)
    problem = checked_output(target, library)
    if problem is not None:
        failed(target, problem)
        return None
    return (BackgroundOp(owner, lambda progress: work(target, progress))
            .on_success(lambda n: shiboken6.isValid(owner) and done(target, n))
            .on_failure(lambda message: shiboken6.isValid(owner) and failed(target, message))
            .run())
