"""Review the tagger's suggestions before accepting them all: a checkbox per suggestion
with the words around it, so that junk ("29 GMT", "Trưởng Ban") can be left out.

Everything shown is the article's own text: plain text items and labels, never rich text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
)

from desktop_app.core.nlp.pos_ner import Suggestion

CONTEXT_CHARS = 30  # characters shown either side of a suggestion


def in_context(text: str, s: Suggestion, around: int = CONTEXT_CHARS) -> str:
    """"…before [suggestion] after…" on one line."""
    lead = "…" if s.start > around else ""
    tail = "…" if s.end + around < len(text) else ""
    shown = f"{text[max(0, s.start - around):s.start]}[{s.text}]{text[s.end:s.end + around]}"
    return lead + " ".join(shown.split()) + tail


class ReviewSuggestionsDialog(QDialog):
    """All checked at first; OK accepts the checked ones (`chosen`)."""

    def __init__(self, suggestions: list[Suggestion], text: str, kind: str, tag: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Review suggestions"))
        self.resize(620, 440)
        self.suggestions = list(suggestions)
        intro = QLabel(self.tr("The tagger suggests %n %1 name(s) in this article. Uncheck those that are "
                               "not, then accept the rest as highlights tagged “%2”.", "", len(suggestions))
                       .replace("%1", kind).replace("%2", tag))
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.model = QStandardItemModel(0, 2, self)
        self.model.setHorizontalHeaderLabels([self.tr("Suggestion"), self.tr("In the text")])
        for s in self.suggestions:
            item = QStandardItem(" ".join(s.text.split()))
            item.setCheckable(True)
            item.setEditable(False)
            item.setCheckState(Qt.CheckState.Checked)
            context = QStandardItem(in_context(text, s))
            context.setEditable(False)
            context.setToolTip(in_context(text, s, 4 * CONTEXT_CHARS))  # a tooltip of plain words
            self.model.appendRow([item, context])
        self.list = QTreeView()
        self.list.setModel(self.model)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAccessibleName(self.tr("Suggestions to accept"))
        self.list.setColumnWidth(0, 180)
        check_all = QPushButton(self.tr("Check all"))
        check_none = QPushButton(self.tr("Uncheck all"))
        check_all.clicked.connect(lambda: self.set_all(True))
        check_none.clicked.connect(lambda: self.set_all(False))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.model.itemChanged.connect(lambda _item: self._update_ok())
        row = QHBoxLayout()
        row.addWidget(check_all)
        row.addWidget(check_none)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self._update_ok()

    def set_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for row in range(self.model.rowCount()):
            self.model.item(row).setCheckState(state)

    def chosen(self) -> list[Suggestion]:
        return [s for row, s in enumerate(self.suggestions)
                if self.model.item(row).checkState() == Qt.CheckState.Checked]

    def _update_ok(self) -> None:
        n = len(self.chosen())
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Accept %n", "", n))
        ok.setEnabled(n > 0)
