"""Importing article files in the background: progress, cancel, and a summary at the end.

The import itself is core (import_paths, one transaction per file); this only runs it
on a pool thread and turns its progress callback into queued signals. The worker never
touches a widget; the status widget and the summary dialog live in the GUI thread.
"""

from __future__ import annotations

import logging
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.storage.database import Database
from desktop_app.core.library.ingest import ImportReport, import_paths
from desktop_app.ui.window.status import ProgressStatus

log = logging.getLogger(__name__)


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)  # ImportReport
    failed = Signal(str)


class ImportJob(QRunnable):
    """One batch. `cancel()` is safe from any thread: the batch stops between files."""

    def __init__(self, db: Database, paths: list[Path]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.db = db
        self.paths = paths
        self.signals = _Signals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def start(self) -> None:
        QThreadPool.globalInstance().start(self)

    def run(self) -> None:
        try:
            report = import_paths(self.db, self.paths, progress=self.signals.progress.emit,
                                  should_cancel=self._cancel.is_set)
        except Exception as e:  # import_paths reports per file; this is a bug or the disk
            log.error("import failed:\n%s", traceback.format_exc())
            self.signals.failed.emit(str(e) or type(e).__name__)
        else:
            self.signals.finished.emit(report)


class ImportStatus(ProgressStatus):
    """Status-bar progress of an import: "Importing 120 of 3,000 files", a bar, Cancel."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.cancel.setText(self.tr("Cancel import"))
        self.cancel.setToolTip(self.tr("Stop after the current file; files already imported are kept"))
        self.setVisible(False)

    def set_progress(self, done: int, total: int) -> None:
        self.setVisible(True)
        self.show_progress(self.tr("Importing %1 of %2 files").replace("%1", f"{done:,}")
                           .replace("%2", f"{total:,}"), done, total)

    def set_cancelling(self) -> None:
        self.cancel.setEnabled(False)
        self.label.setText(self.tr("Stopping the import…"))

    def done(self) -> None:
        self.setVisible(False)
        self.cancel.setEnabled(True)


def report_text(report: ImportReport) -> str:
    """Every duplicate and failure with its file and reason: what the user can act on."""
    lines = [report.summary()]
    if report.updated:
        lines += ["", QCoreApplication.translate("ImportSummaryDialog",
                                                 "Updated (the file changed since it was imported):")]
        lines += [f"• {path}\n    {result.summary()}" for path, _id, result in report.updated]
    if report.failed:
        lines += ["", QCoreApplication.translate("ImportSummaryDialog", "Not imported:")]
        lines += [f"• {path}\n    {reason}" for path, reason in report.failed]
    if report.duplicates:
        lines += ["", QCoreApplication.translate("ImportSummaryDialog", "Already in the library (same text):")]
        lines += [f"• {path}" for path in report.duplicates]
    return "\n".join(lines)


class ImportSummaryDialog(QDialog):
    """Shown after an import that skipped or failed files; the list can be copied."""

    def __init__(self, report: ImportReport, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import finished"))
        self.resize(620, 420)
        headline = QLabel(report.summary())
        headline.setWordWrap(True)
        headline.setObjectName("importHeadline")
        self.details = QPlainTextEdit(report_text(report))
        self.details.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy = buttons.addButton(self.tr("Copy list"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.details.toPlainText()))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(headline)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)


class ImportController(QObject):
    """Runs one import batch at a time (later drops wait their turn), shows progress in
    the status widget, and the summary when files were skipped or failed."""

    finished = Signal(object)  # ImportReport, after the library has the new articles
    message = Signal(str)  # one line for the status bar

    def __init__(self, db: Database, status: ImportStatus, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.db = db
        self.status = status
        self.parent_widget = parent_widget
        self.job: ImportJob | None = None
        self.pending: list[list[Path]] = []
        self.last_dialog: ImportSummaryDialog | None = None
        status.cancel.clicked.connect(self.cancel)

    def import_paths(self, paths: list[Path]) -> None:
        if self.job is not None:
            self.pending.append(paths)
            self.message.emit(self.tr("The files will be imported after the current import."))
            return
        job = self.job = ImportJob(self.db, paths)
        job.signals.progress.connect(self.status.set_progress)
        job.signals.finished.connect(self._finished)
        job.signals.failed.connect(self._failed)
        self.status.set_progress(0, 0)
        job.start()

    def is_running(self) -> bool:
        return self.job is not None

    def cancel(self) -> None:
        if self.job is not None:
            self.pending.clear()
            self.job.cancel()
            self.status.set_cancelling()

    def shutdown(self) -> None:
        """On quit: stop after the current file, and wait for it (one transaction each,
        so nothing is left half-imported either way)."""
        self.cancel()
        QThreadPool.globalInstance().waitForDone(30_000)

    def _finished(self, report: ImportReport) -> None:
        self._next()
        self.message.emit(report.summary())
        self.finished.emit(report)
        if report.failed or report.duplicates or report.orphans:
            self.last_dialog = ImportSummaryDialog(report, self.parent_widget)
            self.last_dialog.open()  # not exec(): the window stays usable behind it

    def _failed(self, reason: str) -> None:
        self._next()
        self.message.emit(self.tr("The import stopped: %1").replace("%1", reason))

    def _next(self) -> None:
        self.job = None
        self.status.done()
        if self.pending:
            self.import_paths(self.pending.pop(0))
