"""The concordance table: its item model over ConcordanceLine rows, and the view.

The view never measures its rows (a common word gives ~190,000 of them): fixed heights,
and the left context elided on its left so its end stays next to the keyword.
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
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate, QStyleOptionViewItem

from desktop_app.core.analysis.concordance import ConcordanceLine
from desktop_app.ui.common.plain_text import plain_tooltip
from desktop_app.ui.common.rows_table import RowsTable
from desktop_app.ui.theme import style

LINE_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMN_KEYS = ("left", "keyword", "right", "article")  # sort key of each column
Index = QModelIndex | QPersistentModelIndex

HEADERS = (
    QT_TRANSLATE_NOOP("ConcordanceModel", "Left context"),
    QT_TRANSLATE_NOOP("ConcordanceModel", "Keyword"),
    QT_TRANSLATE_NOOP("ConcordanceModel", "Right context"),
    QT_TRANSLATE_NOOP("ConcordanceModel", "Article"),
)


class ConcordanceModel(QAbstractTableModel):
    """ConcordanceLine rows: Left context | Keyword | Right context | Article."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._lines: list[ConcordanceLine] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._bold_italic = QFont(self._bold)
        self._bold_italic.setItalic(True)

    def set_lines(self, lines: list[ConcordanceLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def lines(self) -> list[ConcordanceLine]:
        return list(self._lines)

    def line(self, row: int) -> ConcordanceLine:
        return self._lines[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate("ConcordanceModel", HEADERS[section])
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int((Qt.AlignmentFlag.AlignRight if section == 0 else Qt.AlignmentFlag.AlignLeft)
                           | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line, column = self._lines[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (line.left, line.keyword, line.right, line.title or self.tr("(untitled)"))[column]
        if role == LINE_ROLE:
            return line
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = Qt.AlignmentFlag.AlignRight if column == 0 else Qt.AlignmentFlag.AlignLeft
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == 1:
            return self._bold if line.segmented else self._bold_italic
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 1:
                return style.color("keyword")  # the theme in use
            if column == 3:
                return style.MUTED
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 3:
                return plain_tooltip(self.tr("Article %1: %2").replace("%1", str(line.article_id))
                                     .replace("%2", line.title))
            tip = f"{line.left} [{line.keyword}] {line.right}"
            if not line.segmented:
                tip += "\n" + self.tr("Matched by syllables: this article's word segmentation is not finished.")
            return plain_tooltip(tip)
        return None


class _ElideLeftDelegate(QStyledItemDelegate):
    """The left context keeps its end, next to the keyword: "…công tác cán bộ"."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if index.column() == 0:
            option.textElideMode = Qt.TextElideMode.ElideLeft


class ConcordanceView(RowsTable):
    lineActivated = Signal(QModelIndex)  # double-click or Enter

    def __init__(self, parent=None) -> None:
        super().__init__("concordanceTable", 10, parent)
        self.setItemDelegate(_ElideLeftDelegate(self))

    def row_activated(self, index: QModelIndex) -> None:
        self.lineActivated.emit(index)

    def layout_columns(self, keyword_width: int) -> None:
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, keyword_width)
        header.resizeSection(3, 230)

