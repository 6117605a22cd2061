"""Item models over attributes: the list of attributes (Analysis → Attributes…) and one
article's values (the Attributes tab of the article details, editable).

Values typed into the article's table are checked as core checks them (parse_value: a
number, a date, one of the choices) and kept as pending edits until the dialog is saved;
core stores them (Operations.set_attribute_values, one undoable step per attribute).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop_app.core.library.attributes import AttributeInfo, AttributesError, Value, parse_value
from desktop_app.ui import wording
from desktop_app.ui.common.formatting import display_date
from desktop_app.ui.theme import style

Index = QModelIndex | QPersistentModelIndex
INFO_ROLE = Qt.ItemDataRole.UserRole + 1

KIND_LABELS = {
    "text": QT_TRANSLATE_NOOP("Attributes", "text"),
    "number": QT_TRANSLATE_NOOP("Attributes", "number"),
    "date": QT_TRANSLATE_NOOP("Attributes", "date"),
    "choice": QT_TRANSLATE_NOOP("Attributes", "one of a list"),
}
BUILT_IN_LABELS = {
    "outlet": QT_TRANSLATE_NOOP("Attributes", "outlet"),
    "published": QT_TRANSLATE_NOOP("Attributes", "published"),
    "year": QT_TRANSLATE_NOOP("Attributes", "year"),
    "author": QT_TRANSLATE_NOOP("Attributes", "author"),
    "domain": QT_TRANSLATE_NOOP("Attributes", "domain"),
}


def kind_label(kind: str) -> str:
    return QCoreApplication.translate("Attributes", KIND_LABELS.get(kind, kind))


def attribute_label(info: AttributeInfo) -> str:
    """A built-in attribute's name in the interface language; the user's as they wrote it."""
    if info.builtin:
        return QCoreApplication.translate("Attributes", BUILT_IN_LABELS.get(info.name, info.name))
    return info.name


def value_text(info: AttributeInfo, value: Value | None) -> str:
    if value is None:
        return ""
    return display_date(str(value)) if info.kind == "date" else str(value)


class AttributeListModel(QAbstractTableModel):
    """Attribute | Type | Articles | Choices, built-ins first."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[AttributeInfo] = []

    def set_attributes(self, rows: list[AttributeInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def attribute(self, row: int) -> AttributeInfo:
        return self._rows[row]

    def attributes(self) -> list[AttributeInfo]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return (self.tr("Attribute"), self.tr("Type"), self.tr("Articles"), self.tr("Choices"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        info, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return attribute_label(info)
            if column == 1:
                kind = kind_label(info.kind)
                return self.tr("%1, built in").replace("%1", kind) if info.builtin else kind
            if column == 2:
                return info.count
            return ", ".join(info.choices)
        if role == INFO_ROLE:
            return info
        if role == Qt.ItemDataRole.ForegroundRole and (info.builtin or column in (1, 2)):
            return style.MUTED
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and info.builtin:
            return self.tr("Built in: read from the article's details (File → Article details)")
        return None


class ArticleValuesModel(QAbstractTableModel):
    """One article's attributes: Attribute | Type | Value; the user's are editable."""

    invalid = Signal(str)  # a value core would refuse, in words
    edited = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[AttributeInfo] = []
        self._values: dict[str, Value] = {}
        self.pending: dict[int, str | None] = {}  # attribute id -> the value typed (None: none)
        self.read_only = False

    def set_article(self, attributes: list[AttributeInfo], values: dict[str, Value]) -> None:
        self.beginResetModel()
        self._rows, self._values, self.pending = list(attributes), dict(values), {}
        self.endResetModel()

    def attribute(self, row: int) -> AttributeInfo:
        return self._rows[row]

    def changes(self) -> dict[int, str | None]:
        """The edits that differ from what is stored."""
        out = {}
        for info in self._rows:
            if info.id in self.pending:
                before = self._values.get(info.name)
                after = self.pending[info.id]
                if (str(before) if before is not None else None) != after:
                    out[info.id] = after
        return out

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return (self.tr("Attribute"), self.tr("Type"), self.tr("Value"))[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 2 and not self._rows[index.row()].builtin and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        info, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                return attribute_label(info)
            if column == 1:
                return kind_label(info.kind)
            if info.id in self.pending:
                return self.pending[info.id] or ""
            value = self._values.get(info.name)
            return value_text(info, value) if role == Qt.ItemDataRole.DisplayRole else (
                "" if value is None else str(value))
        if role == INFO_ROLE:
            return info
        if role == Qt.ItemDataRole.ForegroundRole and (info.builtin or column == 1):
            return style.MUTED
        if role == Qt.ItemDataRole.FontRole and column == 2 and info.id in self.changes():
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and info.builtin:
            return self.tr("Built in: edit it on the Details tab")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        info = self._rows[index.row()]
        raw = " ".join(str(value or "").split())
        if raw:
            try:
                raw = parse_value(info, raw)[0]  # as core will store it: 2,5 -> 2.5
            except AttributesError as e:
                self.invalid.emit(wording.error_text(e))
                return False
        assert info.id is not None
        self.pending[info.id] = raw or None
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True


class ValueDelegate(QStyledItemDelegate):
    """A list to pick from for a choice attribute (and "no value"); a line to type in
    for the others, with a hint of what a date looks like."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        info: AttributeInfo = index.data(INFO_ROLE)
        if info.kind == "choice":
            combo = QComboBox(parent)
            combo.addItem(self.tr("(no value)"), "")
            for choice in info.choices:
                combo.addItem(choice, choice)
            return combo
        edit = QLineEdit(parent)
        if info.kind == "date":
            edit.setPlaceholderText(self.tr("2023-04-04, 2023-04 or 2023"))
        elif info.kind == "number":
            edit.setPlaceholderText(self.tr("a number: 12 or 2,5"))
        return edit

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        current = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(current)))
        elif isinstance(editor, QLineEdit):
            editor.setText(current)

    def setModelData(self, editor: QWidget, model, index: Index) -> None:
        value = editor.currentData() if isinstance(editor, QComboBox) else editor.text()
        model.setData(index, value, Qt.ItemDataRole.EditRole)
