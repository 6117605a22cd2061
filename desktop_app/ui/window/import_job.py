"""Importing article files in the background: progress, cancel, and a summary at the end.

The import itself is core (import_paths, one transaction per batch of files); it runs as a
BackgroundOp followed by the status widget. A cancelled import still answers with its
report (the files imported before the cancel are kept), so the summary shows them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.library.ingest import ImportReport
from desktop_app.core.operations.server_writes import import_files
from desktop_app.core.progress import Progress
from desktop_app.core.storage.database import Database
from desktop_app.ui import background
from desktop_app.ui.background import BackgroundOp
from desktop_app.ui.common.plain_text import plain_label
from desktop_app.ui.window.status import ProgressStatus

log = logging.getLogger(__name__)


def import_op(parent: QWidget | None, db: Database, paths: list[Path]) -> BackgroundOp:
    """One batch as a BackgroundOp (not started): success gets the ImportReport, also
    after a cancel (`report.cancelled`), which stops between files."""
    def job(progress: Progress) -> ImportReport:
        return import_files(db, paths, progress=lambda done, total: progress.report(done, total),
                            should_cancel=lambda: progress.cancelled)

    return BackgroundOp(parent, job, title=QCoreApplication.translate("ImportController", "Import"),
                        discard_when_cancelled=False)


class ImportStatus(ProgressStatus):
    """Status-bar progress of an import: "Importing 120 of 3,000 files", a bar, Cancel."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.cancel.setText(self.tr("Cancel import"))
        self.cancel.setToolTip(self.tr("Stop after the current file; files already imported are kept"))
        self.setVisible(False)

    def follow_import(self, op: BackgroundOp) -> BackgroundOp:
        return self.follow(op, self.describe)

    def describe(self, done: int, total: int, _note: str = "") -> str:
        return self.tr("Importing %1 of %2 files").replace("%1", f"{done:,}").replace("%2", f"{total:,}")

    def set_progress(self, done: int, total: int) -> None:
        self.setVisible(True)
        self.show_progress(self.describe(done, total), done, total)

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
    if report.notices:
        lines += ["", QCoreApplication.translate("ImportSummaryDialog",
                                                 "Imported, but check these (how the file was read):")]
        lines += [f"• {path}\n    {notice}" for path, notice in report.notices]
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
        headline = plain_label(report.summary(), wrap=True, object_name="importHeadline")
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
        self.job: BackgroundOp | None = None
        self.pending: list[tuple[list[Path], bool]] = []
        self.last_dialog: ImportSummaryDialog | None = None
        status.cancel.clicked.connect(self.cancel)  # also clears the waiting batches

    def import_paths(self, paths: list[Path], summary: bool = False) -> None:
        """`summary`: show the summary dialog even when every file went in (files another
        program asked the window to import: the user sees what came in)."""
        if self.job is not None:
            self.pending.append((paths, summary))
            self.message.emit(self.tr("The files will be imported after the current import."))
            return
        op = self.job = import_op(self.parent_widget, self.db, paths)
        self.status.follow_import(op)
        (op.on_success(lambda report: self._finished(op, report, summary))
         .on_failure(lambda reason: self._failed(op, reason))
         .on_finished(lambda: self._next(op))  # after a crash, which the error reporter shows
         .run())

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
        background.pool().waitForDone(30_000)

    def _finished(self, op: BackgroundOp, report: ImportReport, summary: bool = False) -> None:
        self._next(op)
        self.message.emit(report.summary())
        self.finished.emit(report)
        if summary or report.failed or report.duplicates or report.orphans or report.notices:
            self.last_dialog = ImportSummaryDialog(report, self.parent_widget)
            self.last_dialog.open()  # not exec(): the window stays usable behind it

    def _failed(self, op: BackgroundOp, reason: str) -> None:
        self._next(op)
        self.message.emit(self.tr("The import stopped: %1").replace("%1", reason))

    def _next(self, op: BackgroundOp) -> None:
        """`op` is over: hide the progress, start the next batch (once per op)."""
        if self.job is not op:
            return
        self.job = None
        self.status.done()
        if self.pending:
            self.import_paths(*self.pending.pop(0))
