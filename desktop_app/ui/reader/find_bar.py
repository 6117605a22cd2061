"""Find in the open article (Ctrl+F) at a matching level, as corpus search: "can bo"
finds "cán bộ", "hòa bình" finds "hoà bình" but "thủy" not "thụy"; Enter / F3 next,
Shift+Enter / Shift+F3 previous, Esc closes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from desktop_app.core.analysis.search import find_in_text
from desktop_app.ui.common.match_level import MatchLevelCombo


class FindBar(QWidget):
    matchesChanged = Signal(list, int)  # code-point spans, index of the current one (-1: none)
    closed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.field = QLineEdit()
        self.field.setPlaceholderText(self.tr("Find in this article"))
        self.field.setAccessibleName(self.tr("Find in this article"))
        self.field.setClearButtonEnabled(True)
        self.match_level = MatchLevelCombo()
        self.count = QLabel()
        self.count.setObjectName("findCount")
        self.prev = QToolButton()
        self.prev.setText("↑")
        self.prev.setToolTip(self.tr("Previous match (Shift+Enter)"))
        self.next = QToolButton()
        self.next.setText("↓")
        self.next.setToolTip(self.tr("Next match (Enter)"))
        close = QToolButton()
        close.setText("✕")
        close.setToolTip(self.tr("Close (Esc)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(28, 4, 28, 4)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.match_level)
        layout.addWidget(self.count)
        layout.addWidget(self.prev)
        layout.addWidget(self.next)
        layout.addWidget(close)
        self._text = ""
        self.matches: list[tuple[int, int]] = []
        self.current = -1
        self.field.textChanged.connect(self.match_level.follow)
        self.field.textChanged.connect(self._search)
        self.match_level.chosen.connect(self._search)
        self.prev.clicked.connect(self.previous_match)
        self.next.clicked.connect(self.next_match)
        close.clicked.connect(self.close_bar)
        self.field.installEventFilter(self)
        self.setVisible(False)

    def set_text(self, text: str) -> None:
        """A new article: search it again for what is typed."""
        self._text = text
        if self.isVisible():
            self._search()

    def open_bar(self, initial: str = "") -> None:
        self.setVisible(True)
        if initial:
            self.field.setText(initial)
        self.field.setFocus()
        self.field.selectAll()
        self._search()

    def close_bar(self) -> None:
        self.setVisible(False)
        self.matches, self.current = [], -1
        self.matchesChanged.emit([], -1)
        self.closed.emit()

    def _search(self) -> None:
        query = self.field.text()
        self.matches = find_in_text(self._text, query, self.match_level.level()) if query.strip() else []
        self.current = 0 if self.matches else -1
        self._announce()

    def next_match(self) -> None:
        self._step(1)

    def previous_match(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if self.matches:
            self.current = (self.current + delta) % len(self.matches)
            self._announce()

    def _announce(self) -> None:
        if not self.field.text().strip():
            self.count.setText("")
        elif self.matches:
            self.count.setText(self.tr("%1 of %2").replace("%1", str(self.current + 1))
                               .replace("%2", str(len(self.matches))))
        else:
            self.count.setText(self.tr("No match"))
        self.prev.setEnabled(len(self.matches) > 1)
        self.next.setEnabled(len(self.matches) > 1)
        self.matchesChanged.emit(self.matches, self.current)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3):
                self._step(-1 if shift else 1)
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)
