"""File -> Merge a coder's library…: the codebook conflicts the file brings, one row each
(a tag's colour or description differs, or a tag looks renamed on one side), each with
its own choice: keep this library's, or take the file's (the check box). Nothing is
decided for the user: every row starts at "keep mine" and says what the file has."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.interchange.merging import TagConflict
from desktop_app.ui.common.plain_text import plain_label

Index = QModelIndex | QPersistentModelIndex
TAKE = 4  # the column of the check box "take the file's"


class ConflictsModel(QAbstractTableModel):
    def __init__(self, conflicts: Sequence[TagConflict], parent=None) -> None:
        super().__init__(parent)
        self.conflicts = list(conflicts)
        self.theirs = [False] * len(self.conflicts)
        self.headers = [self.tr("Tag"), self.tr("What differs"), self.tr("Here"),
                        self.tr("In the file"), self.tr("Take the file's")]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.conflicts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def what(self, conflict: TagConflict) -> str:
        if conflict.kind == "colour":
            return self.tr("colour")
        if conflict.kind == "description":
            return self.tr("description")
        return self.tr("name (renamed? %n highlight(s) carry both)", "", conflict.evidence)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        conflict, column = self.conflicts[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [conflict.tag, self.what(conflict), conflict.mine or self.tr("(none)"),
                    conflict.theirs or self.tr("(none)"), ""][column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (2, 3):
            return conflict.mine if column == 2 else conflict.theirs
        if role == Qt.ItemDataRole.DecorationRole and conflict.kind == "colour" and column in (2, 3):
            color = QColor(conflict.mine if column == 2 else conflict.theirs)
            return color if color.isValid() else None
        if role == Qt.ItemDataRole.CheckStateRole and column == TAKE:
            return Qt.CheckState.Checked if self.theirs[index.row()] else Qt.CheckState.Unchecked
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == TAKE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != TAKE or role != Qt.ItemDataRole.CheckStateRole:
            return False
        self.theirs[index.row()] = Qt.CheckState(value) == Qt.CheckState.Checked
        self.dataChanged.emit(index, index, [role])
        return True

    def set_all(self, theirs: bool) -> None:
        self.theirs = [theirs] * len(self.conflicts)
        if self.conflicts:
            self.dataChanged.emit(self.index(0, TAKE), self.index(len(self.conflicts) - 1, TAKE))

    def choices(self) -> dict[tuple[str, str, str], str]:
        return {c.key: "theirs" if take else "mine" for c, take in zip(self.conflicts, self.theirs, strict=True)}


class MergeConflictsDialog(QDialog):
    """Decide each conflict; once accepted, `choices()` gives them by conflict key."""

    def __init__(self, file_name: str, conflicts: Sequence[TagConflict], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Codebook conflicts"))
        self.resize(760, 420)
        intro = plain_label(self.tr(
            "{file} and this library disagree about these tags. For each, keep this library's "
            "version or tick “Take the file's”. Everything else of the file is merged either "
            "way; nothing already here changes unless you tick it.").format(file=file_name), wrap=True)
        self.model = ConflictsModel(conflicts, self)
        self.table = QTableView()
        self.table.setObjectName("mergeConflicts")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        mine = QPushButton(self.tr("Keep all of mine"))
        mine.clicked.connect(lambda: self.model.set_all(False))
        theirs = QPushButton(self.tr("Take all of the file's"))
        theirs.clicked.connect(lambda: self.model.set_all(True))
        row = QHBoxLayout()
        row.addWidget(mine)
        row.addWidget(theirs)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Merge"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)

    def choices(self) -> dict[tuple[str, str, str], str]:
        return self.model.choices()
