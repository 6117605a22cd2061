"""The editor of the selected highlight: its note (saved as the user types), buttons to
edit its tags or delete it, and, for another coder's highlight, whose it is.

A save names the version of the note the typing started from (`noteEdited`'s third value,
HighlightInfo.row_version; 0: not known), so that a note another coder changed meanwhile is
not written over silently (core refuses it, the window asks, ui/dialogs/conflict_dialog.py).
A newer version arriving while the user is not typing replaces the text shown."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.annotate.highlights import HighlightInfo
from desktop_app.ui.common.coder_look import CoderLook


class HighlightEditor(QWidget):
    """Tags and note of the selected highlight. The note is saved as the user types."""

    noteEdited = Signal(int, str, int)  # highlight id, note, the version it was edited on
    editTagsRequested = Signal(int)
    deleteRequested = Signal(int)

    SAVE_DELAY_MS = 400

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._highlight: HighlightInfo | None = None
        # The stored note the text shown was edited from, and its version: what a save names.
        self._base_note = ""
        self._base_version = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 10)
        layout.setSpacing(6)
        note_label = QLabel(self.tr("Note"))
        note_label.setObjectName("panelTitle")
        note_label.setContentsMargins(0, 0, 0, 0)
        self.note = QPlainTextEdit()
        self.note.setObjectName("noteEditor")
        self.note.setPlaceholderText(self.tr("Write a note about this passage…"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(90)
        buttons = QHBoxLayout()
        self.tags_button = QPushButton(self.tr("Edit tags…"))
        self.delete_button = QPushButton(self.tr("Delete highlight"))
        self.delete_button.setObjectName("dangerButton")
        buttons.addWidget(self.tags_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        # Another coder's highlight can be edited, but the editor says whose it is.
        self.owner = QLabel()
        self.owner.setObjectName("otherCoder")
        self.owner.setTextFormat(Qt.TextFormat.PlainText)
        self.owner.setWordWrap(True)
        self.owner.setVisible(False)
        self.look = CoderLook()
        layout.addWidget(note_label)
        layout.addWidget(self.owner)
        layout.addWidget(self.note)
        layout.addLayout(buttons)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(self.SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.flush_note)
        self.note.textChanged.connect(self._on_note_changed)
        self.tags_button.clicked.connect(lambda: self._emit_for_current(self.editTagsRequested))
        self.delete_button.clicked.connect(lambda: self._emit_for_current(self.deleteRequested))
        QShortcut(QKeySequence("Ctrl+Return"), self.note, activated=self.flush_note)
        self.set_highlight(None)

    def set_highlight(self, info: HighlightInfo | None) -> None:
        if self._highlight is not None and (info is None or info.id != self._highlight.id):
            self.flush_note()
        same = info is not None and self._highlight is not None and info.id == self._highlight.id
        self._highlight = info
        self.setEnabled(info is not None)
        other = info is not None and self.look.is_other(info)
        if other and info is not None:
            self.owner.setText(self.tr("%1's highlight: your changes are made to their work.")
                               .replace("%1", self.look.name(info.coder_id) or "?"))
        self.owner.setVisible(other)
        if not same:
            self._show(info.note if info else "", info.row_version if info else 0)
        elif info is not None and info.row_version != self._base_version:
            shown = self.note.toPlainText()
            if shown == info.note:  # our own save came back (or the same words anyway)
                self._base_note, self._base_version = info.note, info.row_version
            elif shown == self._base_note and not self._save_timer.isActive():
                self._show(info.note, info.row_version)  # another coder's, and no typing here
            # else: the user is typing over an older version; the save will say so

    def take_theirs(self, highlight_id: int, note: str, version: int) -> None:
        """Show another coder's note (the user kept theirs after a conflict)."""
        if self._highlight is not None and self._highlight.id == highlight_id:
            self._save_timer.stop()
            self._show(note, version)
            self.note.moveCursor(QTextCursor.MoveOperation.End)  # typing goes on after theirs

    def seen_version(self) -> int:
        return self._base_version

    def _show(self, note: str, version: int) -> None:
        self._base_note, self._base_version = note, version
        self.note.blockSignals(True)
        self.note.setPlainText(note)
        self.note.blockSignals(False)

    def current_id(self) -> int | None:
        return self._highlight.id if self._highlight else None

    def _on_note_changed(self) -> None:
        if self._highlight is not None:
            self._save_timer.start()

    def flush_note(self) -> None:
        """Save a pending note edit now (also called when the selection moves or the app closes)."""
        self._save_timer.stop()
        if self._highlight is not None and self.note.toPlainText() != self._highlight.note:
            self.noteEdited.emit(self._highlight.id, self.note.toPlainText(), self._base_version)

    def _emit_for_current(self, signal) -> None:
        if self._highlight is not None:
            signal.emit(self._highlight.id)
