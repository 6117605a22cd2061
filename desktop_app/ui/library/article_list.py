"""The library list: a model over article summaries and a delegate that draws each row."""

from __future__ import annotations

import logging
from collections import OrderedDict

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QEvent, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPainterPath
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from desktop_app.core.library.article_list import count_listed, list_page, listed_ids, position_of
from desktop_app.core.library.articles import ArticleSummary, LibraryFilter
from desktop_app.core.storage.database import Database, DatabaseError
from desktop_app.ui.common.formatting import meta_line
from desktop_app.ui.common.plain_text import plain_tooltip
from desktop_app.ui.common.rows_model import Index
from desktop_app.ui.theme import style

SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

log = logging.getLogger(__name__)

PAGE = 200  # rows read at once: a screenful is ~15, a fast scroll a few pages
KEPT_PAGES = 50  # pages kept in memory (10,000 rows); older ones are read again if needed


class ArticleListModel(QAbstractListModel):
    """The library list as a window on one ordered query (core/library/article_list.py):
    the row count comes first, rows are read a page at a time when the view asks for
    them, and an article's row is found by a query, never by reading the list."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._db: Database | None = None
        self._where = LibraryFilter()
        self._count = 0
        self._pages: OrderedDict[int, list[ArticleSummary]] = OrderedDict()

    def set_query(self, db: Database, where: LibraryFilter) -> None:
        self.beginResetModel()
        self._db, self._where = db, where
        self._pages.clear()
        self._count = 0  # what a filter core refuses (AttributesError) lists: nothing
        try:
            self._count = count_listed(db, where)
            if self._count:  # read here, where a failure reaches the caller, not in a paint
                self._pages[0] = list_page(db, where, 0, PAGE)
        finally:
            self.endResetModel()

    def where(self) -> LibraryFilter:
        return self._where

    def _page(self, number: int) -> list[ArticleSummary]:
        page = self._pages.get(number)
        if page is None:
            assert self._db is not None
            try:
                page = list_page(self._db, self._where, number * PAGE, PAGE)
            except DatabaseError:  # asked while painting: blank rows; the next action says why
                log.warning("Could not read rows %s of the library list", number * PAGE, exc_info=True)
                return []
            self._pages[number] = page
            while len(self._pages) > KEPT_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page

    def summary(self, row: int) -> ArticleSummary | None:
        if not 0 <= row < self._count:
            return None
        page = self._page(row // PAGE)
        at = row % PAGE
        return page[at] if at < len(page) else None  # the library shrank meanwhile

    def row_of(self, article_id: int) -> int:
        for number, page in self._pages.items():
            for at, a in enumerate(page):
                if a.id == article_id:
                    return number * PAGE + at
        if self._db is None:
            return -1
        row = position_of(self._db, self._where, article_id)
        return -1 if row is None or row >= self._count else row

    def ids_between(self, first: int, last: int) -> list[int]:
        """Ids of rows first..last (a selection): from loaded pages, else one query."""
        if all(n in self._pages for n in range(first // PAGE, last // PAGE + 1)):
            return [a.id for row in range(first, last + 1) if (a := self.summary(row))]
        assert self._db is not None
        return listed_ids(self._db, self._where, first, last - first + 1)

    def update_article(self, summary: ArticleSummary) -> None:
        """A changed row (its title, its highlight count) where it is shown."""
        for number, page in self._pages.items():
            for at, a in enumerate(page):
                if a.id == summary.id:
                    page[at] = summary
                    index = self.index(number * PAGE + at)
                    self.dataChanged.emit(index, index)
                    return

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        a = self.summary(index.row())
        if a is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return a.title or self.tr("(untitled)")
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(a.title)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{a.title}. {meta_line(a.published, a.source)}"
        if role == SUMMARY_ROLE:
            return a
        if role == ID_ROLE:
            return a.id
        return None


class ArticleDelegate(QStyledItemDelegate):
    """Title in two lines at most, then date · source, and a badge with the highlight count."""

    PAD = 10

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        title.setWeight(QFont.Weight.DemiBold)
        meta = QFont(option.font)
        meta.setPointSizeF(option.font.pointSizeF() * 0.9)
        return title, meta

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        title_font, meta_font = self._fonts(option)
        return QSize(
            200,
            2 * QFontMetrics(title_font).lineSpacing()
            + QFontMetrics(meta_font).lineSpacing()
            + 2 * self.PAD + 4,
        )

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        a: ArticleSummary = index.data(SUMMARY_ROLE)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        if selected:
            painter.fillRect(rect, style.color("row_selected"))
            painter.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), style.ACCENT)
        elif hovered:
            painter.fillRect(rect, style.color("row_hover"))
        painter.setPen(style.color("rule"))
        painter.drawLine(rect.left() + self.PAD, rect.bottom(), rect.right() - self.PAD, rect.bottom())

        title_font, meta_font = self._fonts(option)
        inner = rect.adjusted(self.PAD + 4, self.PAD, -self.PAD, -self.PAD)
        badge_w = 0
        if a.highlight_count:
            badge_text = str(a.highlight_count)
            fm = QFontMetrics(meta_font)
            badge_w = fm.horizontalAdvance(badge_text) + 12
            badge = QRect(inner.right() - badge_w, inner.top() + 1, badge_w, fm.height() + 2)
            path = QPainterPath()
            path.addRoundedRect(badge, badge.height() / 2, badge.height() / 2)
            painter.fillPath(path, style.color("badge"))
            painter.setFont(meta_font)
            painter.setPen(style.INK)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, badge_text)
            badge_w += 6

        painter.setFont(title_font)
        painter.setPen(style.INK)
        tfm = QFontMetrics(title_font)
        title_rect = QRect(inner.left(), inner.top(), inner.width() - badge_w, 2 * tfm.lineSpacing())
        untitled = QCoreApplication.translate("ArticleListModel", "(untitled)")
        title = _elide_lines(a.title or untitled, tfm, title_rect.width(), 2)
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, title)

        painter.setFont(meta_font)
        painter.setPen(style.MUTED)
        mfm = QFontMetrics(meta_font)
        meta_rect = QRect(inner.left(), title_rect.bottom() + 3, inner.width(), mfm.lineSpacing())
        painter.drawText(
            meta_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            mfm.elidedText(meta_line(a.published, a.source), Qt.TextElideMode.ElideRight, meta_rect.width()),
        )
        painter.restore()


def _elide_lines(text: str, fm: QFontMetrics, width: int, max_lines: int) -> str:
    """Word-wrap into at most max_lines, eliding the last one."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for i, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if fm.horizontalAdvance(candidate) <= width or not current:
            current = candidate
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines - 1:
            current = " ".join(words[i:])
            break
    if current:
        lines.append(fm.elidedText(current, Qt.TextElideMode.ElideRight, width))
    return "\n".join(lines[:max_lines])


class ArticleListView(QTableView):
    """One column, no headers, rows of one fixed height: a table view, because a QListView
    lays out every row when shown (1 s at 1,000,000 rows, measured) where a table with a
    fixed row height only places the rows it paints (3 ms)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("articleList")
        self.setItemDelegate(ArticleDelegate(self))
        self.setMouseTracking(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several articles can be selected (Ctrl or Shift + click) to export them together.
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self._fit_rows()

    def _fit_rows(self) -> None:
        option = QStyleOptionViewItem()
        option.font = self.font()
        height = self.itemDelegate().sizeHint(option, QModelIndex()).height()
        self.verticalHeader().setDefaultSectionSize(height)
        self.verticalHeader().setMinimumSectionSize(1)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # a bigger font: taller rows
            self._fit_rows()
