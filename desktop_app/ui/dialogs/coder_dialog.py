"""Edit → Coder…: who is coding in this library. Choose a coder of the library, add a new
one by name, or rename one. The dialog only asks; the window's coder controller makes the
choice through core (core/library/coders.py)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.library.coders import CoderInfo
from desktop_app.ui.common import plain_text
from desktop_app.ui.common.rows_model import RowsModel


class CoderListModel(RowsModel[CoderInfo]):
    def record_data(self, c: CoderInfo, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("%1 — %n highlight(s)", "", c.highlights).replace("%1", c.name)
        if role == Qt.ItemDataRole.UserRole:
            return c.id
        return None


class CoderDialog(QDialog):
    """`coders` lists the library's coders; `rename(id, name)` renames one (returns an error
    text, or "" when done) and `reload()` lists them again afterwards."""

    def __init__(self, coders: list[CoderInfo], current: int, rename: Callable[[int, str], str],
                 reload: Callable[[], list[CoderInfo]], read_only: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Coder"))
        self._rename, self._reload = rename, reload
        intro = QLabel(self.tr("Who is coding now? New highlights, whole-article codes and memos are "
                               "recorded as this coder's work. The codebook is shared by all coders."))
        intro.setWordWrap(True)
        self.model = CoderListModel(self)
        self.model.set_rows(coders)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.doubleClicked.connect(lambda _i: self.accept())
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(self.tr("Or type the name of a new coder"))
        self.new_name.textChanged.connect(lambda text: self.list.clearSelection() if text.strip() else None)
        self.rename_button = QPushButton(self.tr("Rename…"))
        self.rename_button.clicked.connect(self.rename_selected)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.new_name, 1)
        row.addWidget(self.rename_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.new_name.setEnabled(not read_only)
        self.rename_button.setEnabled(not read_only)
        self.select(current)
        self.resize(420, 360)

    def select(self, coder_id: int) -> None:
        row = self.model.row_of(coder_id)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))

    def selected(self) -> CoderInfo | None:
        index = self.list.currentIndex()
        if not index.isValid() or not self.list.selectionModel().isSelected(index):
            return None
        return self.model.rows()[index.row()]

    def chosen_name(self) -> str:
        """The new name typed, or else the coder selected ("" when neither)."""
        typed = self.new_name.text().strip()
        if typed:
            return typed
        picked = self.selected()
        return picked.name if picked is not None else ""

    def rename_selected(self, name: str | None = None) -> bool:
        """Rename the selected coder (asked for when `name` is not given)."""
        picked = self.selected()
        if picked is None:
            self.error.setText(self.tr("Select the coder to rename."))
            return False
        if name is None:
            name, ok = plain_text.get_text(self, self.tr("Rename coder"), self.tr("New name:"), picked.name)
            if not ok:
                return False
        problem = self._rename(picked.id, name)
        self.error.setText(problem)
        if problem:
            return False
        self.model.set_rows(self._reload())
        self.select(picked.id)
        return True
