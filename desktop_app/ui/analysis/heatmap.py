"""A heat-map table: every cell shows its number AND a colour, one hue from light to dark
(ColorBrewer's sequential Blues), so that it reads for every kind of colour vision — only
lightness changes — and in grey print. In the dark theme the ramp runs from a dark blue
to a light one (more is lighter, as light on dark reads). The number's colour is black
or white, whichever contrasts more with its cell (WCAG ratio), so it is always legible.

The model is a grid of numbers (None: no cell, e.g. the diagonal of a co-occurrence
table) with row and column labels; clicking a cell is the window's business (drill-down).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QLinearGradient, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from desktop_app.core.analysis.report import BLUES
from desktop_app.ui.theme import style

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex

# ColorBrewer Blues (9 classes), light to dark, as the report prints it; the dark theme's ramp is its own.
LIGHT_RAMP = BLUES
DARK_RAMP = ("#1d2a3a", "#1f3b5a", "#22507c", "#2b659c", "#3a7bb8", "#5592cb", "#78aad8", "#a3c6e6", "#d2e4f4")
INK_DARK, INK_LIGHT = QColor("#111111"), QColor("#ffffff")


def ramp() -> tuple[str, ...]:
    return DARK_RAMP if style.is_dark() else LIGHT_RAMP


def cell_color(share: float) -> QColor:
    """The colour for a share of the largest value (0 < share <= 1), interpolated along
    the ramp; a non-zero cell is never the colour of an empty one."""
    stops = ramp()
    t = 0.12 + 0.88 * max(0.0, min(1.0, share))
    at = t * (len(stops) - 1)
    i = min(int(at), len(stops) - 2)
    a, b, f = QColor(stops[i]), QColor(stops[i + 1]), at - i
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * f, a.greenF() + (b.greenF() - a.greenF()) * f,
                           a.blueF() + (b.blueF() - a.blueF()) * f)


def ink_on(background: QColor) -> QColor:
    """Black or white text, whichever contrasts more with `background`."""
    dark, light = style.contrast_ratio(INK_DARK, background), style.contrast_ratio(INK_LIGHT, background)
    return INK_DARK if dark >= light else INK_LIGHT


@dataclass(frozen=True)
class Grid:
    rows: tuple[str, ...]
    columns: tuple[str, ...]  # labels as shown (titles, values)
    cells: tuple[tuple[float | int | None, ...], ...]
    percent: bool = False  # values are shares, shown as percentages
    column_tips: tuple[str, ...] = ()  # a longer label per column (an article's full title)
    largest: float = -1  # the largest value; -1: work it out (2,000,000 cells: on a pool thread)

    def __post_init__(self) -> None:
        if self.largest < 0:
            found = max((v for row in self.cells for v in row if v is not None), default=0)
            object.__setattr__(self, "largest", found)


class HeatmapModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.grid = Grid((), (), ())
        self._largest = 0.0

    def set_grid(self, grid: Grid) -> None:
        self.beginResetModel()
        self.grid, self._largest = grid, grid.largest
        self.endResetModel()

    def value(self, row: int, column: int) -> float | int | None:
        return self.grid.cells[row][column]

    def text(self, value: float | int | None) -> str:
        if value is None:
            return ""
        if self.grid.percent:
            return QLocale().toString(100 * float(value), "f", 1) + "%" if value else "0"
        return QLocale().toString(int(value))

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.grid.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.grid.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        labels = self.grid.rows if orientation == Qt.Orientation.Vertical else self.grid.columns
        if not 0 <= section < len(labels):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return labels[section] or self.tr("(none)")
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = self.grid.column_tips if orientation == Qt.Orientation.Horizontal else ()
            return tips[section] if section < len(tips) else labels[section] or self.tr("(no value)")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.grid.rows)
                                       and 0 <= index.column() < len(self.grid.columns)):
            return None
        value = self.grid.cells[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(value)
        if role == VALUE_ROLE:
            return value
        if role == Qt.ItemDataRole.BackgroundRole and value:
            return cell_color(value / self._largest if self._largest else 0)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not value:
                return style.MUTED
            return ink_on(cell_color(value / self._largest if self._largest else 0))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and value is not None:
            column = self.headerData(index.column(), Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
            return f"{self.grid.rows[index.row()]} × {column}: {self.text(value)}"
        return None


class HeatmapDelegate(QStyledItemDelegate):
    """Paints the cell's colour and number itself: a stylesheet cannot wash it out."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        rect = option.rect
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        if background is not None:
            painter.fillRect(rect, background)
        value = index.data(VALUE_ROLE)
        if value is None:  # no cell (a tag with itself): hatched, so it is not read as 0
            painter.fillRect(rect, QColor(style.color("rule")))
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if text:
            painter.setPen(index.data(Qt.ItemDataRole.ForegroundRole))
            font = option.font
            if value:
                font.setBold(True)
            painter.setFont(font)
            shown = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width() - 4)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, shown)
        if option.state & QStyle.StateFlag.State_Selected or option.state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(style.ACCENT)
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()


class HeatmapView(QTableView):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("heatmap")
        self.setItemDelegate(HeatmapDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(True)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        columns, rows = self.horizontalHeader(), self.verticalHeader()
        # 10,000 article columns: fixed sizes, never measured.
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        columns.setDefaultSectionSize(100)
        columns.setTextElideMode(Qt.TextElideMode.ElideRight)
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 12)
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def fit_columns(self, count: int, least: int = 64, most: int = 150) -> None:
        """Columns share the width when they fit at `least` each (capped at `most`);
        more columns keep the default width and scroll."""
        room = self.viewport().width() or self.width() - self.verticalHeader().width()
        width = room // count if count and room // count >= least else 100
        self.horizontalHeader().setDefaultSectionSize(max(least, min(most, width)))

    def fit_row_labels(self, labels: Sequence[str], most: int = 280) -> None:
        width = max((self.fontMetrics().horizontalAdvance(x) for x in labels[:500]), default=60)
        self.verticalHeader().setFixedWidth(min(most, width + 24))


class Legend(QWidget):
    """The ramp from 0 to the largest value, with both ends written."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.low, self.high = "0", ""
        self.setFixedHeight(self.fontMetrics().height() + 6)
        self.setMinimumWidth(220)

    def set_range(self, low: str, high: str) -> None:
        self.low, self.high = low, high
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(260, self.fontMetrics().height() + 8)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        fm = self.fontMetrics()
        low_w, high_w = fm.horizontalAdvance(self.low) + 8, fm.horizontalAdvance(self.high) + 8
        bar = QRect(low_w, 4, max(20, self.width() - low_w - high_w), self.height() - 8)
        gradient = QLinearGradient(bar.left(), 0, bar.right(), 0)
        for i in range(11):
            gradient.setColorAt(i / 10, cell_color(i / 10))
        painter.fillRect(bar, gradient)
        painter.setPen(style.MUTED)
        painter.drawText(QRect(0, 0, low_w - 4, self.height()), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         self.low)
        painter.drawText(QRect(bar.right() + 4, 0, high_w, self.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.high)
        painter.end()
