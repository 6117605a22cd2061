"""The tag palette: every tag as a coloured chip with its count. Clicking one applies it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop_app.core.annotate.highlights import TagInfo
from desktop_app.ui.common.chips import chip_size, paint_chip
from desktop_app.ui.common.plain_text import plain_tooltip
from desktop_app.ui.common.rows_model import Index, RowsModel

TAG_ROLE = Qt.ItemDataRole.UserRole + 1



def chip_label(tag: TagInfo) -> str:
    return f"{tag.name}  {tag.count}" if tag.count else tag.name


class TagListModel(RowsModel[TagInfo]):
    def set_tags(self, tags: list[TagInfo]) -> None:
        self.set_rows(tags)

    def tags(self) -> list[TagInfo]:
        return self.rows()

    def record_data(self, tag: TagInfo, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return tag.name
        if role == Qt.ItemDataRole.ToolTipRole:
            used = self.tr("%n highlight(s)", "", tag.count)
            return plain_tooltip(f"{tag.name} — {used}" + (f"\n{tag.description}" if tag.description else ""))
        if role == TAG_ROLE:
            return tag
        return None


class ChipDelegate(QStyledItemDelegate):
    def _font(self, option: QStyleOptionViewItem) -> QFont:
        font = QFont(option.font)
        font.setPointSizeF(option.font.pointSizeF() * 0.95)
        return font

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        w, h = chip_size(self._font(option), chip_label(index.data(TAG_ROLE)))
        return QSize(w + 4, h + 6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        tag: TagInfo = index.data(TAG_ROLE)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(2, 3, -2, -3)
        if option.state & QStyle.StateFlag.State_MouseOver:
            painter.setOpacity(0.8)
        paint_chip(painter, rect, chip_label(tag), tag.color, self._font(option))
        painter.restore()


class TagPaletteView(QListView):
    """Chips flowing left to right and wrapping, like a tag cloud."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setItemDelegate(ChipDelegate(self))
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(1)
        self.setMouseTracking(True)
        self.setSelectionMode(QListView.SelectionMode.NoSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
