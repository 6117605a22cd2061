"""Edit → Dictionary…: open the dialog, find off the GUI thread the articles a changed
term affects (a scan of the library), then store the change as one undoable step
(Operations.set_dictionary) and publish it. Whenever changes name articles whose words
are stale (this save, its undo or redo), the segmentation worker redoes them; the reader
and the tools update from its article_segmented signal like after any segmentation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction

from desktop_app.core.nlp.user_dictionary import DictionaryChanged, DictionaryUpdate, load_dictionary, plan_dictionary
from desktop_app.core.operations.changes import Changes
from desktop_app.core.storage.database import DatabaseError
from desktop_app.ui import wording
from desktop_app.ui.background import BackgroundOp
from desktop_app.ui.dialogs.dictionary_dialog import DictionaryDialog

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("DictionaryController", text, None, n)


class DictionaryController(QObject):
    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        self.dialog: DictionaryDialog | None = None
        self.action = QAction(_tr("Dictionary…"), w)
        self.action.setObjectName("actionDictionary")
        self.action.setStatusTip(_tr("Terms of several syllables kept as one word"))
        self.action.triggered.connect(self.open_dialog)
        w.bus.changed.connect(self._on_changes)

    def open_dialog(self) -> DictionaryDialog:
        w = self.w
        dialog = self.dialog = DictionaryDialog(load_dictionary(w.db).terms, w, read_only=w.db.read_only)
        dialog.accepted.connect(lambda: self.save(dialog.terms()))
        dialog.open()
        return dialog

    def save(self, terms: list[str]) -> BackgroundOp:
        w = self.w
        op = BackgroundOp(w, lambda progress: plan_dictionary(w.db, terms, progress),
                          title=_tr("The dictionary was not saved"))
        w.job_status.follow(op, _tr("Finding the articles the dictionary changes…"),
                            cancel_text=_tr("Cancel"))
        return op.on_success(self._store).run()

    def _store(self, update: DictionaryUpdate) -> None:
        """On the GUI thread: one short transaction and an undo step."""
        try:
            outcome = self.w.ops.set_dictionary(update)
        except (DictionaryChanged, DatabaseError) as e:
            self.w.statusBar().showMessage(
                _tr("The dictionary was not saved: %1").replace("%1", wording.error_text(e)), 10_000)
            return
        n = len(update.affected)
        self.w.statusBar().showMessage(
            _tr("Dictionary saved: %n article(s) to segment again.", n), 10_000)
        self.w.bus.publish(outcome.changes)

    def _on_changes(self, changes: Changes) -> None:
        if not changes.words:
            return
        current = self.w.current
        if current is not None and current.id in changes.words:
            self.w.worker.prioritize(current.id)  # the words on screen first
        self.w.worker.start()  # a running worker rescans; an idle one starts


def dictionary_action(w: MainWindow) -> QAction:
    """The Edit menu's action; its controller lives as long as the window."""
    controller = getattr(w, "dictionary", None)
    if controller is None:
        controller = w.dictionary = DictionaryController(w)
    return controller.action
