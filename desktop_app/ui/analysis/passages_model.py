"""The coded passages table: a model over core's PassageList, loaded a page at a time, and
its view.

Core finds the whole answer as ids (cheap: ~130 ms for 100,000); the model holds them and
the passages loaded so far. When the view scrolls to the end it asks for more
(canFetchMore / fetchMore) and the next page is loaded on a pool thread (BackgroundOp):
never on the GUI thread. Sorting is core's (a new query), never a proxy over the rows
loaded so far, which would sort a page and not the answer.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextEdit,
)

from desktop_app.core.analysis.passages import PAGE, Passage, PassageList, load_passages
from desktop_app.core.storage.database import Database
from desktop_app.ui.background import BackgroundOp
from desktop_app.ui.common.chips import CHIP_GAP, chip_size, paint_chip
from desktop_app.ui.common.formatting import display_date, meta_line
from desktop_app.ui.common.rows_table import RowsTable
from desktop_app.ui.theme import style

PASSAGE_ROLE = Qt.ItemDataRole.UserRole + 1
TAGS, ARTICLE, OUTLET, DATE, PASSAGE, NOTE = range(6)
HEADERS = (
    QT_TRANSLATE_NOOP("PassagesModel", "Tags"),
    QT_TRANSLATE_NOOP("PassagesModel", "Article"),
    QT_TRANSLATE_NOOP("PassagesModel", "Outlet"),
    QT_TRANSLATE_NOOP("PassagesModel", "Date"),
    QT_TRANSLATE_NOOP("PassagesModel", "Passage in its sentence"),
    QT_TRANSLATE_NOOP("PassagesModel", "Note"),
)
SORT_OF_COLUMN = {TAGS: "tag", ARTICLE: "article", DATE: "date", PASSAGE: "length"}
Index = QModelIndex | QPersistentModelIndex


def quote_in_context(p: Passage) -> tuple[str, int, int]:
    """(context, start, end) of the quote within its context (the quote alone when the
    context does not hold it verbatim)."""
    quote = p.quote.strip()
    at = p.context.find(quote) if quote else -1
    if at < 0:
        return p.quote, 0, len(p.quote)
    return p.context, at, at + len(quote)


class PassagesModel(QAbstractTableModel):
    pageLoaded = Signal(int)  # rows now loaded
    failed = Signal(str)

    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.found: PassageList | None = None
        self._rows: list[Passage] = []
        self._next = 0  # the place in found.ids of the next page (ids of deleted passages load no row)
        self._loading = False
        self._generation = 0
        self.colors: dict[str, str] = {}

    # --- contents ---------------------------------------------------------------------------
    def set_result(self, found: PassageList | None, loaded: list[Passage], consumed: int | None = None) -> None:
        """Show `found`, of which `loaded` are the passages of its first `consumed` ids
        (default: as many as were loaded)."""
        self.beginResetModel()
        self._generation += 1  # a page still loading belongs to the old answer
        self._loading = False
        self.found, self._rows = found, list(loaded)
        self._next = len(loaded) if consumed is None else consumed
        self.endResetModel()

    def total(self) -> int:
        return len(self.found) if self.found is not None else 0

    def passage(self, row: int) -> Passage:
        return self._rows[row]

    def passages(self) -> list[Passage]:
        return list(self._rows)

    def row_of(self, highlight_id: int) -> int:
        for row, p in enumerate(self._rows):
            if p.highlight_id == highlight_id:
                return row
        return -1

    def loading(self) -> bool:
        return self._loading

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self._loading and self._next < self.total()

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        """The next page, loaded on a pool thread; rows are inserted when it arrives."""
        if not self.canFetchMore(parent) or self.found is None:
            return
        self._loading = True
        generation = self._generation
        ids = self.found.ids[self._next:self._next + PAGE]
        db = self.db
        (BackgroundOp(None, lambda _progress: load_passages(db, ids))
         .on_success(lambda page: self._arrived(generation, len(ids), page))
         .on_failure(lambda message: self._load_failed(generation, message))
         .run())

    def _arrived(self, generation: int, consumed: int, page: list[Passage]) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self._loading = False
        self._next += consumed
        if page:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        self.pageLoaded.emit(len(self._rows))

    def _load_failed(self, generation: int, message: str) -> None:
        if shiboken6.isValid(self) and generation == self._generation:
            self._loading = False
            self.failed.emit(message)

    # --- the table ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("PassagesModel", HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole and section in SORT_OF_COLUMN:
            return self.tr("Click to sort by this column (the whole list, not only the rows loaded)")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        p, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(p, column)
        if role == PASSAGE_ROLE:
            return p
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == PASSAGE:
                context, s, e = quote_in_context(p)
                return f"{context[:s]}[{context[s:e]}]{context[e:]}"
            if column == DATE:
                return display_date(p.published) or None
            return self._text(p, column) or None
        if role == Qt.ItemDataRole.ForegroundRole and column in (OUTLET, DATE, NOTE):
            return style.MUTED
        return None

    def _text(self, p: Passage, column: int) -> str:
        if column == TAGS:
            return "; ".join(p.tags)
        if column == ARTICLE:
            return p.title or self.tr("(untitled)")
        if column == OUTLET:
            return p.outlet or ""
        if column == DATE:
            return display_date((p.published or "")[:10])  # the day; the time is in the tooltip
        if column == PASSAGE:
            return " ".join(p.quote.split())
        return " ".join(p.note.split())


class PassageDelegate(QStyledItemDelegate):
    """Tags as coloured chips; the passage bold in its sentence, the words before it
    elided on the left so that the passage stays in view (as in a concordance)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        column = index.column()
        if column not in (TAGS, PASSAGE):
            super().paint(painter, option, index)
            return
        p: Passage = index.data(PASSAGE_ROLE)
        self.initStyleOption(option, index)
        option.text = ""
        widget = option.widget
        style_ = widget.style() if widget is not None else None
        if style_ is not None:
            style_.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        painter.save()
        rect = option.rect.adjusted(6, 0, -6, 0)
        if column == TAGS:
            self._chips(painter, rect, p, option.font, index.model().colors)
        else:
            self._kwic(painter, rect, p, option)
        painter.restore()

    def _chips(self, painter: QPainter, rect: QRect, p: Passage, font: QFont, colors: dict[str, str]) -> None:
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() * 0.9)
        x = rect.left()
        for name in p.tags:
            w, h = chip_size(small, name)
            w = min(w, rect.right() - x)
            if w < 24:
                break
            chip = QRect(x, rect.top() + (rect.height() - h) // 2, w, h)
            label = QFontMetrics(small).elidedText(name, Qt.TextElideMode.ElideRight, w - 12)
            paint_chip(painter, chip, label, colors.get(name, "#bbbbbb"), small)
            x += w + CHIP_GAP

    def _kwic(self, painter: QPainter, rect: QRect, p: Passage, option: QStyleOptionViewItem) -> None:
        context, s, e = quote_in_context(p)
        # Spacing inside each part folded, at the edges kept: "bồi dưỡng; phối hợp" has none.
        left, quote, right = (" ".join(x.split()) for x in (context[:s], context[s:e], context[e:]))
        left += " " if left and context[s - 1:s].isspace() else ""
        right = (" " if right and context[e:e + 1].isspace() else "") + right
        bold = QFont(option.font)
        bold.setBold(True)
        fm, bfm = QFontMetrics(option.font), QFontMetrics(bold)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        ink = option.palette.highlightedText().color() if selected else style.INK
        quote_w = min(bfm.horizontalAdvance(quote), rect.width())
        rest = rect.width() - quote_w
        # The words before get what the words after leave, and at least 45% of the room.
        left_w = min(fm.horizontalAdvance(left), max(rest * 45 // 100, rest - fm.horizontalAdvance(right)))
        left_text = fm.elidedText(left, Qt.TextElideMode.ElideLeft, max(0, left_w)) if left else ""
        flags = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        x = rect.left()
        painter.setPen(style.MUTED if not selected else ink)
        painter.setFont(option.font)
        if left_text:
            painter.drawText(QRect(x, rect.top(), left_w, rect.height()), flags, left_text)
            x += fm.horizontalAdvance(left_text)
        painter.setFont(bold)
        painter.setPen(ink)
        shown = bfm.elidedText(quote, Qt.TextElideMode.ElideRight, rect.right() - x)
        painter.drawText(QRect(x, rect.top(), rect.right() - x, rect.height()), flags, shown)
        x += bfm.horizontalAdvance(shown)
        if right and x < rect.right() - 20:
            painter.setFont(option.font)
            painter.setPen(style.MUTED if not selected else ink)
            painter.drawText(QRect(x, rect.top(), rect.right() - x, rect.height()), flags,
                             fm.elidedText(right, Qt.TextElideMode.ElideRight, rect.right() - x))


class PassagesView(RowsTable):
    passageActivated = Signal(QModelIndex)  # double-click or Enter

    def __init__(self, parent=None) -> None:
        super().__init__("passagesTable", 12, parent)
        self.setItemDelegate(PassageDelegate(self))

    def row_activated(self, index: QModelIndex) -> None:
        self.passageActivated.emit(index)

    def layout_columns(self) -> None:
        header = self.horizontalHeader()
        for column, width in ((TAGS, 170), (ARTICLE, 190), (OUTLET, 70), (DATE, 86), (NOTE, 140)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(PASSAGE, QHeaderView.ResizeMode.Stretch)


class PassagePreview(QTextEdit):
    """The current passage in full: its article and tags, its sentence with the passage in
    bold, its note. Inserted as plain text with formats, never as markup."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAccessibleName(self.tr("The passage in its sentence"))
        self.setFixedHeight(118)

    def show_passage(self, p: Passage | None) -> None:
        self.clear()
        if p is None:
            return
        context, s, e = quote_in_context(p)
        cursor = self.textCursor()
        plain, bold, muted = QTextCharFormat(), QTextCharFormat(), QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        muted.setForeground(self.palette().placeholderText())
        facts = (p.title, meta_line(p.published, p.outlet), "; ".join(p.tags))
        cursor.insertText(" · ".join(x for x in facts if x), muted)
        cursor.insertText("\n", plain)
        cursor.insertText(context[:s], plain)
        cursor.insertText(context[s:e], bold)
        cursor.insertText(context[e:], plain)
        if p.note:
            cursor.insertText("\n" + self.tr("Note: "), muted)
            cursor.insertText(p.note, plain)
        self.moveCursor(QTextCursor.MoveOperation.Start)
