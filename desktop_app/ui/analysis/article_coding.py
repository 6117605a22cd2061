"""Whole-article codes for the articles selected in the library: the tag picker, with the
tags every one of them carries already ticked. Ticking adds a tag to all of them, unticking
one they all had takes it off all of them; a tag only some carry is left as it is. One
core operation (Operations.code_articles), one undoable step, published on the bus."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.core.annotate.records import AnnotationError
from desktop_app.core.library.article_codes import article_codes
from desktop_app.core.operations.editor import Operations
from desktop_app.core.storage.database import DatabaseError
from desktop_app.ui import wording
from desktop_app.ui.change_bus import ChangeBus
from desktop_app.ui.dialogs.tag_dialog import TagDialog


class ArticleCoding(QObject):
    def __init__(self, parent: QWidget, ops: Operations, bus: ChangeBus) -> None:
        super().__init__(parent)
        self.parent_widget, self.ops, self.bus = parent, ops, bus

    def code(self, article_ids: Sequence[int], titles: Sequence[str] = ()) -> bool:
        """Ask, then change the whole-article codes of `article_ids`; True if something changed."""
        ops = self.ops
        ids = list(dict.fromkeys(article_ids))
        if not ids or ops.db.read_only:
            return False
        codes = article_codes(ops.db, ids, [ops.db.coder_id])  # what ticking changes: my codes
        common = set(codes.get(ids[0], [])).intersection(*(codes.get(a, []) for a in ids[1:]))
        subject = titles[0] if len(ids) == 1 and titles else self.tr("%n article(s)", "", len(ids))
        dialog = TagDialog(ops.service.list_tags(), sorted(common), subject, self.parent_widget)
        dialog.setWindowTitle(self.tr("Code %n article(s) as a whole", "", len(ids)))
        accepted = dialog.exec() == TagDialog.DialogCode.Accepted
        chosen = dialog.selected_tags()
        dialog.deleteLater()
        if not accepted:
            return False
        add = [n for n in chosen if n not in common]
        remove = sorted(common - set(chosen))
        if not add and not remove:
            return False
        try:
            changes = ops.code_articles(ids, add=add, remove=remove)
        except (AnnotationError, DatabaseError) as e:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Could not save"), wording.error_text(e),
                              QMessageBox.StandardButton.Ok, self.parent_widget)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()
            box.deleteLater()
            return False
        self.bus.publish(changes)
        return bool(changes)
