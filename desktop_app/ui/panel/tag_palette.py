"""The tag palette: every tag as a coloured chip with its count. Clicking one applies it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPainter, QResizeEvent
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
    @staticmethod
    def chip_font(option: QStyleOptionViewItem) -> QFont:
        font = QFont(option.font)
        font.setPointSizeF(option.font.pointSizeF() * 0.95)
        return font

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        w, h = chip_size(self.chip_font(option), chip_label(index.data(TAG_ROLE)))
        return QSize(w + 4, h + 6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        tag: TagInfo = index.data(TAG_ROLE)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(2, 3, -2, -3)
        if option.state & QStyle.StateFlag.State_MouseOver:
            painter.setOpacity(0.8)
        paint_chip(painter, rect, chip_label(tag), tag.color, self.chip_font(option))
        painter.restore()


class TagPaletteView(QListView):
    """Chips flowing left to right and wrapping, like a tag cloud. It is no taller than
    its chips (`heightChanged` tells the pane): three tags take one row, not a tall
    empty box; with many tags the pane's splitter may give it less, and it scrolls."""

    heightChanged = Signal(int)  # the height that shows every chip

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
        # By pixels: by items, a wrapped flow scrolls by rows and counted one too many.
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._content_height = -1
        # Qt can keep the scroll range of an earlier height (resizes while hidden arrive
        # late, and stale): a palette grown to fit its chips kept a scroll bar. So the
        # range is taken again once the resizes of a layout pass are over.
        self._rescroll = QTimer(self)
        self._rescroll.setSingleShot(True)
        self._rescroll.setInterval(0)
        self._rescroll.timeout.connect(self.updateGeometries)

    def setModel(self, model) -> None:  # noqa: ANN001 (QAbstractItemModel)
        super().setModel(model)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.dataChanged,
                       model.layoutChanged):
            signal.connect(self._fit)
        self._fit()

    def content_height(self) -> int:
        """The height (frame included) that shows every chip at the present width, as
        Qt lays them out; one row at least, so an empty palette still reads as a place
        for tags."""
        self.executeDelayedItemsLayout()
        return max(self.contentsSize().height(), self.row_height()) + 2 * self.frameWidth()

    def row_height(self) -> int:
        """One row of chips, as ChipDelegate.sizeHint makes it, with the spacing."""
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        return chip_size(ChipDelegate.chip_font(option), "Ag")[1] + 6 + 2 * self.spacing()

    def _fit(self) -> None:
        height = self.content_height()
        if height != self._content_height:
            self._content_height = height
            self.setMinimumHeight(self.row_height() + 2 * self.frameWidth())  # then it scrolls
            self.setMaximumHeight(height)
            self.heightChanged.emit(height)
        self._rescroll.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()  # narrower: more rows
        self._rescroll.start()
