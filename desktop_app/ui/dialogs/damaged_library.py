"""At start, when the library cannot be opened (damaged, or damage seen by the last run):
instead of refusing to start, or replacing it unasked, say what is wrong and offer what can
be done. Check and repair (core's check_library with repair: a copy first, then REINDEX,
text and orphan repairs), restore an automatic backup (the damaged file is kept aside), or
start a new library (the damaged file is kept aside), or quit. Nothing is ever deleted.

`recover(path, message)` shows it and returns (choice, notice): RECOVERED (open it again),
NEW_LIBRARY or QUIT, and what to tell the user once the window is open.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app import APP_DISPLAY_NAME
from desktop_app.core.storage.backups import backups_dir, list_backups, restore_unopened
from desktop_app.core.storage.check import CheckReport
from desktop_app.ui.background import BackgroundOp
from desktop_app.ui.common.plain_text import ask, plain_label
from desktop_app.ui.dialogs.check_dialog import CheckWords, check_job
from desktop_app.ui.dialogs.restore_dialog import RestoreDialog, when

RECOVERED, NEW_LIBRARY, QUIT = "recovered", "new-library", "quit"


class DamagedLibraryDialog(QDialog):
    def __init__(self, path: Path, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.outcome = QUIT
        self.notice = ""
        self.op: BackgroundOp | None = None
        self.words = CheckWords(self)
        self.setWindowTitle(self.tr("%1 cannot open its library").replace("%1", APP_DISPLAY_NAME))
        self.setMinimumWidth(600)
        self.message = plain_label(message, selectable=True, wrap=True, object_name="damagedMessage")
        self.hint = plain_label(self.tr(
            "Check and repair it (a copy is kept first), restore one of its automatic backups, or "
            "start a new, empty library. Nothing is deleted: a damaged file that is replaced is "
            "kept beside it under a new name."), wrap=True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.repair_button = self.buttons.addButton(self.tr("Check and repair"), QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button = self.buttons.addButton(self.tr("Restore a backup…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.new_button = self.buttons.addButton(self.tr("Start a new library"), QDialogButtonBox.ButtonRole.ActionRole)
        self.quit_button = self.buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.backups = list_backups(backups_dir(self.path))
        self.restore_button.setEnabled(bool(self.backups))
        if not self.backups:
            self.restore_button.setToolTip(self.tr("This library has no automatic backup."))
        self.repair_button.clicked.connect(self.check_and_repair)
        self.restore_button.clicked.connect(self.restore)
        self.new_button.clicked.connect(self.new_library)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.hint)
        layout.addWidget(self.progress)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.buttons)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for button in (self.repair_button, self.restore_button, self.new_button, self.quit_button):
            button.setEnabled(not busy and (button is not self.restore_button or bool(self.backups)))

    # --- check and repair ---------------------------------------------------------------------
    def check_and_repair(self) -> BackgroundOp:
        self._busy(True)
        self.hint.setText(self.tr("Checking and repairing… (a copy of the library is made first)"))
        op = BackgroundOp(self, check_job(self.path, repair=True), title=self.tr("Check and repair"))
        op.on_success(self._repaired)
        op.on_failure(self._not_checked)
        op.on_finished(lambda: self._busy(False))
        self.op = op
        return op.run()

    def _repaired(self, report: CheckReport) -> None:
        self.report.setVisible(True)
        self.report.setPlainText(self.words.report(report))
        if report.clean or report.fully_repaired:
            self.outcome, self.notice = RECOVERED, self.words.summary(report)
            self.accept()
            return
        self.hint.setText(self.tr("Not everything could be repaired (see below). Restore a backup, or "
                                  "start a new library; the repaired file is kept either way."))
        self.repair_button.setVisible(False)

    def _not_checked(self, message: str) -> None:
        self.hint.setText(self.tr("The library could not even be read to check it: %1 Restore a "
                                  "backup, or start a new library.").replace("%1", message))
        self.repair_button.setVisible(False)

    # --- restore ------------------------------------------------------------------------------
    def restore(self) -> None:
        chooser = RestoreDialog(backups_dir(self.path), self.backups, self)
        accepted = chooser.exec() == RestoreDialog.DialogCode.Accepted
        choice = chooser.choice() if accepted else None
        chooser.deleteLater()
        if choice is None:
            return
        path, info = choice
        what = self.tr("the backup of %1").replace("%1", when(info)) if info is not None else str(path)
        if ask(self, self.tr("Restore a backup"), self.tr(
                "Put %1 in place of the library?\n\nThe damaged library is kept beside it, renamed "
                "to %2.damaged-<date>%3.").replace("%1", what).replace("%2", self.path.stem)
               .replace("%3", self.path.suffix), selectable=True):
            self.restore_from(path, what)

    def restore_from(self, source: Path, what: str = "") -> BackgroundOp:
        self._busy(True)
        op = BackgroundOp(self, lambda _progress: restore_unopened(self.path, source),
                          title=self.tr("Restore failed"))
        op.on_success(lambda kept: self._restored(kept, what or str(source)))
        op.on_failure(lambda message: self.hint.setText(message))
        op.on_finished(lambda: self._busy(False))
        self.op = op
        return op.run()

    def _restored(self, kept: Path | None, what: str) -> None:
        self.outcome = RECOVERED
        self.notice = self.tr("The library was restored from %1.").replace("%1", what)
        if kept is not None:
            self.notice += "\n\n" + self.tr("The damaged library is kept at:") + "\n" + str(kept)
        self.accept()

    # --- the rest -----------------------------------------------------------------------------
    def new_library(self) -> None:
        self.outcome = NEW_LIBRARY
        self.accept()

    def reject(self) -> None:
        if self.op is not None and not self.op.done:
            return  # a repair or a restore runs to its end
        self.outcome = QUIT
        super().reject()


def recover(path: Path, message: str) -> tuple[str, str]:
    """Ask what to do with a library that cannot be opened: (choice, notice)."""
    dialog = DamagedLibraryDialog(path, message)
    dialog.exec()
    outcome, notice = dialog.outcome, dialog.notice
    dialog.deleteLater()
    return outcome, notice

