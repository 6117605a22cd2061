"""Corpus search results: title, then the matching passage with the query words in bold."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop_app.core.analysis.search import SearchHit
from desktop_app.ui.common.plain_text import plain_tooltip
from desktop_app.ui.common.rows_model import Index, RowsModel
from desktop_app.ui.theme import style

HIT_ROLE = Qt.ItemDataRole.UserRole + 1


class SearchResultsModel(RowsModel[SearchHit]):
    def record_data(self, hit: SearchHit, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title or self.tr("(untitled)")
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(f"{hit.title}. {hit.passage}")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{hit.title}. {hit.passage}"
        if role == HIT_ROLE:
            return hit
        return None

    def row_of(self, record_id: int) -> int:  # hits are keyed by article
        for row, hit in enumerate(self._rows):
            if hit.article_id == record_id:
                return row
        return -1


def hit_html(hit: SearchHit) -> str:
    """The title line and the passage with every mark in bold, escaped."""
    passage = hit.passage.replace("\n", " ")  # same length: the marks still fit
    parts, pos, mark = [], 0, style.color("find_match").name()
    for start, end in hit.marks:
        parts.append(escape(passage[pos:start]))
        parts.append(f"<b style='background:{mark}'>{escape(passage[start:end])}</b>")
        pos = end
    parts.append(escape(passage[pos:]))
    return (f"<div style='font-weight:600'>{escape(hit.title)}</div>"
            f"<div style='color:{style.MUTED.name()}'>{''.join(parts)}</div>")


class SearchHitDelegate(QStyledItemDelegate):
    """Rich text rows: a QTextDocument per paint is cheap for the 50 hits shown."""

    PAD = 10

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(hit_html(index.data(HIT_ROLE)))
        doc.setTextWidth(max(80, option.rect.width() - 2 * self.PAD))
        return doc

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        option.rect.setWidth(max(option.rect.width(), 260))
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2 * self.PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        rect = option.rect
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, style.color("row_selected"))
            painter.fillRect(rect.adjusted(0, 0, -(rect.width() - 3), 0), style.ACCENT)
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, style.color("row_hover"))
        painter.setPen(style.color("rule"))
        painter.drawLine(rect.left() + self.PAD, rect.bottom(), rect.right() - self.PAD, rect.bottom())
        doc = self._document(option, index)
        painter.translate(rect.left() + self.PAD, rect.top() + self.PAD)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, style.INK)
        context.clip = QRectF(0, 0, rect.width(), rect.height())
        doc.documentLayout().draw(painter, context)
        painter.restore()


class SearchResultsView(QListView):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("searchResults")
        self.setItemDelegate(SearchHitDelegate(self))
        self.setMouseTracking(True)
        self.setWordWrap(True)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # rows re-wrap when the column resizes
