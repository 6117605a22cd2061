"""File → Merge a coder's library…: read the file off the GUI thread (a library, upgraded on
a copy, or a .qdpx), let the user decide each codebook conflict, then store the merge off
the GUI thread as one undoable step; the views update from the change bus. A file that
cannot be merged is refused in words, and nothing changed."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from desktop_app.core.interchange.merging import MergePlan, MergeResult, read_merge_file
from desktop_app.core.operations.editor import Operations
from desktop_app.core.operations.history import History
from desktop_app.core.operations.outcome import Outcome
from desktop_app.ui import wording
from desktop_app.ui.background import BackgroundOp
from desktop_app.ui.common import file_dialogs
from desktop_app.ui.common.plain_text import plain_message_box
from desktop_app.ui.dialogs.merge_conflicts import MergeConflictsDialog

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("MergeController", text, None, n)


class MergeController(QObject):
    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        self.dialog: MergeConflictsDialog | None = None
        self.message: QMessageBox | None = None  # the last summary or refusal shown
        self.action = QAction(_tr("Merge a coder's library…"), w)
        self.action.setObjectName("actionMergeLibrary")
        self.action.setStatusTip(_tr("Bring in another coder's library (.sqlite3) or a REFI-QDA "
                                     "project (.qdpx): their coders, codebook and work"))
        self.action.triggered.connect(self.merge_dialog)

    def merge_dialog(self) -> None:
        path = file_dialogs.open_file_name(
            self.w, self.w.settings, "merge", _tr("Merge a coder's library"),
            _tr("Libraries and projects (*.sqlite3 *.db *.qdpx);;All files (*)"))
        if path:
            self.merge_from(Path(path))

    def merge_from(self, path: Path) -> BackgroundOp:
        """Read and plan in the background; conflicts (if any) go to the dialog next."""
        db = self.w.db
        op = BackgroundOp(self.w, lambda progress: read_merge_file(db, path, progress))
        self.w.job_status.follow(op, _tr("Reading {file}…").format(file=path.name),
                                 cancel_text=_tr("Cancel"))
        op.on_failure(self._refused)
        return op.on_success(lambda plan: self._planned(path, plan)).run()

    def _planned(self, path: Path, plan: MergePlan) -> None:
        if not plan.conflicts:
            self._store(path, plan, {})
            return
        dialog = self.dialog = MergeConflictsDialog(path.name, plan.conflicts, self.w)
        dialog.accepted.connect(lambda: self._store(path, plan, dialog.choices()))
        dialog.open()

    def _store(self, path: Path, plan: MergePlan, choices: Mapping) -> BackgroundOp:
        """The merge records its undo on a history of its own (History is not for other
        threads); the step moves to the window's once the result is back here."""
        db, scratch = self.w.db, History()
        op = BackgroundOp(self.w, lambda progress: Operations(db, scratch).merge_library(
            plan, choices, progress))
        self.w.job_status.follow(op, _tr("Merging {file}…").format(file=path.name),
                                 cancel_text=_tr("Cancel"))
        op.on_failure(self._refused)
        return op.on_success(lambda outcome: self._merged(outcome, scratch)).run()

    def _merged(self, outcome: Outcome[MergeResult], scratch: History) -> None:
        w = self.w
        for step in scratch.steps:
            w.history.push(step)
        w.bus.publish(outcome.changes)
        if outcome.changes.articles_added:
            w.worker.start()  # their new articles get segmented
        result = outcome.value
        lines = [wording.message_text(result.summary_message())]
        for c in result.attribute_conflicts[:20]:
            lines.append(_tr("“{attribute}” of “{article}”: “{mine}” here, “{theirs}” in the file "
                             "(kept as it is here)").format(attribute=c.attribute, article=c.article,
                                                            mine=c.mine, theirs=c.theirs)
                         if c.article else
                         _tr("“{attribute}” holds {mine} here, {theirs} in the file: its values "
                             "were not merged").format(attribute=c.attribute, mine=c.mine, theirs=c.theirs))
        lines += [wording.message_text(n) for n in result.notes[:10]]
        self._show(QMessageBox.Icon.Information, _tr("Merged"), "\n\n".join(lines))

    def _refused(self, message: str) -> None:
        self._show(QMessageBox.Icon.Warning, _tr("Nothing was merged"), message)

    def _show(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        box = self.message = plain_message_box(self.w, icon, title, text)  # quotes the file's names
        box.open()  # not exec(): the window stays usable


def merge_action(w: MainWindow) -> QAction:
    """The File menu's action; its controller lives as long as the window."""
    controller = getattr(w, "merging", None)
    if controller is None:
        controller = w.merging = MergeController(w)
    return controller.action
