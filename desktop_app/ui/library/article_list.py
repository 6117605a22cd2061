"""The library list: a model over article summaries and a delegate that draws each row."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPainterPath
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop_app.core.library.articles import ArticleSummary
from desktop_app.ui.common.formatting import meta_line
from desktop_app.ui.common.plain_text import plain_tooltip
from desktop_app.ui.common.rows_model import Index, RowsModel
from desktop_app.ui.theme import style

SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2




class ArticleListModel(RowsModel[ArticleSummary]):
    def set_articles(self, rows: list[ArticleSummary]) -> None:
        self.set_rows(rows)

    def update_article(self, summary: ArticleSummary) -> None:
        self.replace(summary)

    def record_data(self, a: ArticleSummary, role: int):
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


class ArticleListView(QListView):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("articleList")
        self.setItemDelegate(ArticleDelegate(self))
        self.setMouseTracking(True)
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        # Several articles can be selected (Ctrl or Shift + click) to export them together.
        self.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
