"""Undo and redo (Ctrl+Z, Ctrl+Shift+Z): a thin view of the core History.

The steps live in core (`core/operations/history.py`); this words their labels in the
user's language, keeps the two actions' text and state in step with the history, and
publishes the `Changes` an undo or redo made on the window's bus, as every change is.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence

from desktop_app.core.operations.history import History, StepFailed, StepLabel
from desktop_app.ui.change_bus import ChangeBus


def describe(label: StepLabel) -> str:
    """A step in words: "Highlight “Ban Tổ chức”", "Delete 3 highlights"."""
    return AnnotationHistory().describe(label)


class AnnotationHistory(QObject):
    """The words of undo steps. A QObject for `self.tr`, so that lupdate sees the plural
    forms; named as the class that held these strings before (their translation context)."""

    def describe(self, label: StepLabel) -> str:
        subject, n = label.subject, label.count
        words = {
            "highlight": lambda: self.tr("Highlight “%1”").replace("%1", subject),
            "highlight_many": lambda: self.tr("Highlight %n passage(s)", "", n),
            "accept": lambda: self.tr("Highlight %n passage(s)", "", n),
            "delete": lambda: self.tr("Delete “%1”").replace("%1", subject),
            "delete_many": lambda: self.tr("Delete %n highlight(s)", "", n),
            "retag": lambda: self.tr("Change tags of “%1”").replace("%1", subject),
            "retag_many": lambda: self.tr("Change tags of %n highlight(s)", "", n),
            "note": lambda: self.tr("Edit note"),
            "memo": lambda: self.tr("Edit article memo"),
            "resize": lambda: self.tr("Resize highlight “%1”").replace("%1", subject),
            "reattach": lambda: self.tr("Re-attach “%1”").replace("%1", subject),
            "tag_create": lambda: self.tr("Create tag “%1”").replace("%1", subject),
            "tag_rename": lambda: self.tr("Rename tag “%1”").replace("%1", subject),
            "tag_move": lambda: self.tr("Move tag “%1”").replace("%1", subject),
            "tag_merge": lambda: self.tr("Merge “%1”").replace("%1", subject),
            "tag_recolour": lambda: self.tr("Recolour tag “%1”").replace("%1", subject),
            "tag_describe": lambda: self.tr("Describe tag “%1”").replace("%1", subject),
            "tag_delete": lambda: self.tr("Delete tag “%1”").replace("%1", subject),
            "metadata": lambda: self.tr("Edit article details"),
            "reject": lambda: self.tr("Reject suggestion “%1”").replace("%1", subject),
            "import_annotations": lambda: self.tr("Import annotations"),
            "dictionary": lambda: self.tr("Edit dictionary"),
            "adjudicate": lambda: self.tr("Adjudicate “%1”").replace("%1", subject),
            "merge_library": lambda: self.tr("Merge “%1”").replace("%1", subject),
            "coder_rename": lambda: self.tr("Rename coder “%1”").replace("%1", subject),
            "delete_articles": lambda: (self.tr("Delete article “%1”").replace("%1", subject) if n == 1
                                        else self.tr("Delete %n article(s)", "", n)),
        }
        word = words.get(label.kind)
        return word() if word is not None else subject or label.kind


class UndoActions(QObject):
    """The Undo and Redo actions of one window, over one History."""

    failed = Signal(str)  # a step that could not be applied, and why (it is gone now)

    def __init__(self, history: History, bus: ChangeBus, parent: QObject) -> None:
        super().__init__(parent)
        self.history, self.bus = history, bus
        self.act_undo = QAction(self.tr("Undo"), parent)
        self.act_undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.act_undo.triggered.connect(self.undo)
        self.act_redo = QAction(self.tr("Redo"), parent)
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.act_redo.triggered.connect(self.redo)
        history.observers.append(self._update)
        self._update()

    def undo(self) -> None:
        self._run(self.history.undo)

    def redo(self) -> None:
        self._run(self.history.redo)

    def _run(self, step) -> None:  # noqa: ANN001 (History.undo or History.redo)
        try:
            changes = step()
        except StepFailed as e:
            self.failed.emit(self.tr("Could not undo “%1”: %2").replace("%1", describe(e.label))
                             .replace("%2", e.reason))
            return
        self.bus.publish(changes)

    def _update(self) -> None:
        undo, redo = self.history.undo_label, self.history.redo_label
        self.act_undo.setEnabled(undo is not None)
        self.act_redo.setEnabled(redo is not None)
        # Qt's own words for these (QUndoStack's), as its undo actions had.
        self.act_undo.setText(QCoreApplication.translate("QUndoStack", "Undo %1").replace("%1", describe(undo))
                              if undo else self.tr("Undo"))
        self.act_redo.setText(QCoreApplication.translate("QUndoStack", "Redo %1").replace("%1", describe(redo))
                              if redo else self.tr("Redo"))
