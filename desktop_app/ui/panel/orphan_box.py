"""Highlights that lost their place when the article's text changed ("orphans").

They are listed under the article's highlights with their quote, tags and note, never
painted anywhere in the text. To re-attach one: select it here, select the passage in the
reader, press "Re-attach to selection".
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.annotate.highlights import HighlightInfo
from desktop_app.ui.common.plain_text import plain_tooltip


class OrphanBox(QWidget):
    reattachRequested = Signal(int)  # the orphan's highlight id

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("orphanBox")
        self.title = QLabel()
        self.title.setObjectName("panelTitle")
        hint = QLabel(self.tr("The article's text changed and these highlights could not be placed "
                              "with confidence. Select one, select its passage in the text, then "
                              "re-attach it. Their tags and notes are kept."))
        hint.setWordWrap(True)
        hint.setObjectName("orphanHint")
        self.list = QListWidget()
        self.list.setObjectName("orphanList")
        self.list.setWordWrap(True)
        self.list.setAccessibleName(self.tr("Highlights that need re-attaching"))
        self.button = QPushButton(self.tr("Re-attach to selection"))
        self.button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(hint)
        layout.addWidget(self.list)
        layout.addWidget(self.button)
        self._has_text_selection = False
        self.list.currentItemChanged.connect(lambda *_: self._update_button())
        self.button.clicked.connect(self._reattach)
        self.set_orphans([])

    def set_orphans(self, orphans: list[HighlightInfo]) -> None:
        self.list.clear()
        for h in orphans:
            tags = ", ".join(h.tag_names)
            item = QListWidgetItem(f"“{h.quote}”" + (f"\n{tags}" if tags else ""))
            item.setData(Qt.ItemDataRole.UserRole, h.id)
            item.setToolTip(plain_tooltip(h.note or h.quote))
            self.list.addItem(item)
        self.title.setText(self.tr("NEEDS RE-ATTACHING (%1)").replace("%1", str(len(orphans))))
        self.list.setMaximumHeight(min(160, 8 + 48 * max(1, len(orphans))))
        self.setVisible(bool(orphans))
        self._update_button()

    def set_text_selected(self, selected: bool) -> None:
        self._has_text_selection = selected
        self._update_button()

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _update_button(self) -> None:
        self.button.setEnabled(self._has_text_selection and self.current_id() is not None)

    def _reattach(self) -> None:
        orphan = self.current_id()
        if orphan is not None:
            self.reattachRequested.emit(orphan)
