"""File -> Check library…: core's check (core/storage/check.py) run off the GUI thread with
its progress, the report in plain text, and, when something is wrong, Repair: core backs
the library up beside it, repairs, and the dialog says in one summary what was done and
where the copy from before is. The window reloads its views through its bus afterwards
(`repaired` callback); the dialog never touches them.

`CheckWords` words a CheckReport for the user; the start-up dialog for a library that
cannot be opened (damaged_library.py) uses it too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.progress import Progress
from desktop_app.core.storage import check as checks
from desktop_app.core.storage.check import CheckReport, Problem, check_library
from desktop_app.core.storage.database import DatabaseError, error_kind, explain_message
from desktop_app.ui.background import BackgroundOp
from desktop_app.ui.common.plain_text import plain_label, plain_message_box


def check_job(path: Path, repair: bool) -> Callable[[Progress], CheckReport]:
    """check_library as a BackgroundOp function: a file sqlite cannot read at all arrives
    as a DatabaseError in words, not as a crash."""
    def job(progress: Progress) -> CheckReport:
        try:
            return check_library(path, repair=repair, progress=progress)
        except sqlite3.Error as e:
            raise DatabaseError(explain_message(e, path), error_kind(e, path)) from e

    return job


class CheckWords(QObject):
    """A CheckReport in the interface language (context "CheckWords")."""

    def areas(self, report: CheckReport) -> list[str]:
        """One line per thing checked: what was looked at, and what was found."""
        found = report.by_kind()

        def line(kind: str, what: str, fine: str, bad: Callable[[int], str]) -> str:
            n = len(found.get(kind, []))
            return f"{'✗' if n else '✓'} {what}: " + (bad(n) if n else fine)

        return [
            line(checks.INTEGRITY, self.tr("SQLite's integrity check"), self.tr("no problem"),
                 lambda n: self.tr("%n problem(s)", "", n)),
            line(checks.ORPHAN_ROW, self.tr("Foreign keys (rows whose parent row is gone)"),
                 self.tr("none"), lambda n: self.tr("%n orphaned row(s)", "", n)),
            line(checks.INVALID_UTF8, self.tr("Text that is not valid UTF-8"), self.tr("none"),
                 lambda n: self.tr("%n value(s)", "", n)),
            line(checks.SEARCH_INDEX, self.tr("Search index"), self.tr("agrees with the articles"),
                 lambda _n: self.tr("disagrees with the articles")),
        ]

    def problem(self, p: Problem, after_repair: bool = False) -> str:
        where = ""
        if p.table:
            where = self.tr("table %1, row %2").replace("%1", p.table).replace("%2", str(p.row_id))
            if p.column:
                where += ", " + self.tr("column %1").replace("%1", p.column)
        what = {
            checks.INTEGRITY: p.detail,  # SQLite's own words
            checks.ORPHAN_ROW: self.tr("the row it belongs to is gone"),
            checks.INVALID_UTF8: self.tr("text that is not valid UTF-8"),
            checks.SEARCH_INDEX: p.detail,
        }.get(p.kind, p.detail)
        text = f"• {where}: {what}" if where else f"• {what}"
        if p.repair:
            text += " → " + self.repair(p.repair)
        elif after_repair:
            text += " → " + self.tr("not repaired")
        return text

    def repair(self, how: str) -> str:
        return {
            checks.FROM_ORIGINAL: self.tr("restored from the article's original text"),
            checks.FROM_ARTICLE: self.tr("restored from the article text"),
            checks.REPLACED: self.tr("the bad bytes replaced by �"),
            checks.REMOVED: self.tr("row removed"),
            checks.REINDEXED: self.tr("indexes rebuilt"),
            checks.RESET: self.tr("reset; rebuilt on its next use"),
        }.get(how, how)

    def headline(self, report: CheckReport) -> str:
        if report.clean:
            return self.tr("No problem found.")
        if not report.repair_asked:
            return self.tr("%n problem(s) found.", "", len(report.problems))
        return self.summary(report)

    def summary(self, report: CheckReport) -> str:
        """After a repair: what was done, what is left, and where the copy from before is."""
        if report.clean:
            return self.tr("No problem found; nothing was changed.")
        text = self.tr("%1 of %n problem(s) repaired.", "", len(report.problems)).replace(
            "%1", str(len(report.repaired)))
        if report.unrepaired:
            text += " " + self.tr("%1 could not be repaired: restore a backup (File → Restore from "
                                  "backup…).").replace("%1", str(len(report.unrepaired)))
        if report.backup is not None:
            text += "\n\n" + self.tr("The library as it was before the repair is kept at:") + "\n" + str(report.backup)
        return text

    def report(self, report: CheckReport) -> str:
        lines = [self.tr("Library: %1").replace("%1", str(report.path)), "", *self.areas(report)]
        if report.problems:
            lines += ["", self.tr("What was found:")] + [self.problem(p, report.repair_asked)
                                                          for p in report.problems]
        if report.repair_asked:
            lines += ["", self.summary(report)]
        return "\n".join(lines)


class CheckLibraryDialog(QDialog):
    """Checks at once when shown; Repair appears when there is something to repair.
    `repaired(report)` runs (in the GUI thread) after a repair that changed the library."""

    def __init__(self, path: Path, read_only: bool, repaired: Callable[[CheckReport], None] | None = None,
                 parent: QWidget | None = None, before_repair: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.read_only = read_only
        self._repaired = repaired
        self._before_repair = before_repair
        self.words = CheckWords(self)
        self.op: BackgroundOp | None = None
        self.result: CheckReport | None = None
        self.summary_box = None
        self.setWindowTitle(self.tr("Check library"))
        self.resize(640, 440)
        self.headline = plain_label(self.tr("Checking %1…").replace("%1", str(self.path)), wrap=True,
                                    selectable=True, object_name="checkHeadline")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName(self.tr("Check report"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.repair_button = QPushButton(self.tr("Repair"))
        self.repair_button.setVisible(False)
        self.buttons.addButton(self.repair_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button = self.buttons.addButton(self.tr("Copy report"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setEnabled(False)
        self.buttons.rejected.connect(self.reject)
        self.repair_button.clicked.connect(self.repair)
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text.toPlainText()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.progress)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)

    def start(self) -> BackgroundOp:
        """Run the check (the dialog shows it); returns the op."""
        return self._run(repair=False)

    def _run(self, repair: bool) -> BackgroundOp:
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.repair_button.setEnabled(False)
        op = BackgroundOp(self, check_job(self.path, repair), title=self.tr("Check library"))

        def progressed(done: int, total: int, note: str) -> None:
            if total:
                self.progress.setRange(0, total)
                self.progress.setValue(done)

        op.on_progress(progressed)
        op.on_success(lambda report: self._show(report))
        op.on_failure(self._failed)
        op.on_finished(lambda: self.progress.setVisible(False))
        self.op = op
        return op.run()

    def _show(self, report: CheckReport) -> None:
        self.result = report
        self.headline.setText(self.words.headline(report))
        self.text.setPlainText(self.words.report(report))
        self.copy_button.setEnabled(True)
        can_repair = bool(report.problems) and not report.repair_asked
        self.repair_button.setVisible(can_repair or bool(report.unrepaired))
        self.repair_button.setEnabled(can_repair and not self.read_only)
        if can_repair and self.read_only:
            self.repair_button.setToolTip(self.tr("The library is read-only: it cannot be repaired here."))
        if report.repair_asked and report.problems:
            if self._repaired is not None:
                self._repaired(report)
            self.summary_box = plain_message_box(self, QMessageBox.Icon.Information, self.tr("Library repaired"),
                                                 self.words.summary(report), selectable=True)
            self.summary_box.open()

    def _failed(self, message: str) -> None:
        self.headline.setText(self.tr("The library could not be checked: %1").replace("%1", message))
        self.text.setPlainText(message)

    def repair(self) -> BackgroundOp:
        if self._before_repair is not None:
            self._before_repair()
        self.headline.setText(self.tr("Repairing… (a copy of the library is made first)"))
        return self._run(repair=True)

    def reject(self) -> None:
        if self.op is not None and not self.op.done:
            self.op.cancel()  # the check stops at its next table; a repair runs to its end
        super().reject()
