"""Changing passages from the coded passages window: their tags, or deleting them.

Each is one core operation (one undoable step, Ctrl+Z in the main window undoes it) whose
Changes go on the window's ChangeBus; the passages list, the reader and the cards update
themselves from there. The dialogs open over the passages window, where the user is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.core.analysis.passages import Passage
from desktop_app.core.annotate.records import AnnotationError, TagInfo
from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.editor import Operations
from desktop_app.core.storage.database import DatabaseError
from desktop_app.ui import wording
from desktop_app.ui.change_bus import ChangeBus
from desktop_app.ui.dialogs.tag_dialog import TagDialog


class PassageEdits(QObject):
    def __init__(self, parent: QWidget, ops: Operations, bus: ChangeBus,
                 tags: Callable[[], list[TagInfo]]) -> None:
        super().__init__(parent)
        self.parent_widget, self.ops, self.bus, self._tags = parent, ops, bus, tags

    def edit_tags(self, passages: Sequence[Passage]) -> bool:
        """Ask for tags: one passage gets exactly the tags ticked; several get the ticked
        ones added and the unticked ones they all had taken off. One step either way."""
        if not passages:
            return False
        common = set(passages[0].tags).intersection(*(p.tags for p in passages[1:]))
        if len(passages) == 1:
            quote = passages[0].quote
            title = self.tr("Tags of this passage")
        else:
            quote = self.tr("%n passage(s)", "", len(passages))
            title = self.tr("Tags of %n passage(s)", "", len(passages))
        dialog = TagDialog(self._tags(), sorted(common), quote, self.parent_widget)
        dialog.setWindowTitle(title)
        accepted = dialog.exec() == TagDialog.DialogCode.Accepted
        chosen = dialog.selected_tags()
        dialog.deleteLater()
        if not accepted:
            return False
        if len(passages) == 1:
            return self._apply(lambda: self.ops.set_tags(passages[0].highlight_id, chosen).changes)
        add = [n for n in chosen if n not in common]
        remove = sorted(common - set(chosen))
        if not add and not remove:
            return False
        ids = [p.highlight_id for p in passages]
        return self._apply(lambda: self.ops.retag_many(ids, add=add, remove=remove))

    def delete(self, passages: Sequence[Passage]) -> bool:
        """Ask, then delete the passages (highlights) and their notes in one step."""
        if not passages:
            return False
        if len(passages) == 1:
            quote = " ".join(passages[0].quote.split())
            quote = quote if len(quote) <= 120 else quote[:119] + "…"
            question = self.tr("Delete the highlight “%1” and its note?").replace("%1", quote)
        else:
            question = self.tr("Delete %n highlight(s) and their notes?", "", len(passages))
        question += "\n\n" + self.tr("Undo (Ctrl+Z in the main window) brings them back.")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete passages"), question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self.parent_widget)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the quote is the user's text
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Delete"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        answer = box.exec()
        box.deleteLater()
        if answer != QMessageBox.StandardButton.Yes:
            return False
        ids = [p.highlight_id for p in passages]
        return self._apply(lambda: self.ops.delete_highlights(ids))

    def _apply(self, change: Callable[[], Changes]) -> bool:
        try:
            changes = change()
        except (AnnotationError, DatabaseError) as e:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Could not save"), wording.error_text(e),
                              QMessageBox.StandardButton.Ok, self.parent_widget)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()
            box.deleteLater()
            return False
        self.bus.publish(changes)
        return True

