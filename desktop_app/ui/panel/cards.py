"""The annotation panel: the open article's highlights as cards, and an editor for one.

The list is a model over `HighlightInfo`; every edit goes through `AnnotationService`
(via the window's callbacks) and the model is refreshed from what the service returns.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from desktop_app.core.annotate.highlights import HighlightInfo
from desktop_app.core.annotate.tag_paths import in_tag_scope
from desktop_app.core.text.matching import MatchLevel, contains, level_for_query
from desktop_app.ui.common.chips import layout_chips, paint_chip
from desktop_app.ui.common.coder_look import CoderLook
from desktop_app.ui.common.plain_text import plain_tooltip
from desktop_app.ui.common.rows_model import Index, RowsModel
from desktop_app.ui.panel.highlight_editor import HighlightEditor  # noqa: F401 (here before)
from desktop_app.ui.theme import style

HIGHLIGHT_ROLE = Qt.ItemDataRole.UserRole + 1

QUOTE_LINES = 3


def _position(h: HighlightInfo) -> tuple[int, int, int]:
    return (h.start, h.end, h.id)


def _created(h: HighlightInfo) -> tuple[object, int]:
    # All times are UTC; one just made carries its zone, one read back from SQLite not.
    return (h.created_at.replace(tzinfo=None), h.id)


class HighlightListModel(RowsModel[HighlightInfo]):
    """All the open article's highlights; the rows shown are those passing the filter
    (text, ignoring case and diacritics, and a tag scope), by position or by time."""

    ORDERS = ("position", "time")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all: list[HighlightInfo] = []
        self._text = ""
        self._level = MatchLevel.NONE
        self._tag: str | None = None
        self._order = "position"

    def set_highlights(self, rows: list[HighlightInfo]) -> None:
        self._all = sorted(rows, key=_position)
        self._refilter()

    def highlights(self) -> list[HighlightInfo]:
        """Every highlight of the article, shown or filtered out, by position."""
        return list(self._all)

    def set_filter(self, text: str = "", tag: str | None = None, order: str = "position",
                   level: MatchLevel | None = None) -> None:
        """`level` None: the query's own (core/text/matching.py)."""
        self._text, self._tag, self._order = text.strip(), tag, order
        self._level = level_for_query(self._text, level)
        self._refilter()

    def is_filtered(self) -> bool:
        return bool(self._text) or self._tag is not None

    def _passes(self, h: HighlightInfo) -> bool:
        if self._tag is not None and not any(in_tag_scope(n, self._tag) for n in h.tag_names):
            return False
        return not self._text or contains(" ".join((h.quote, h.note, *h.tag_names)), self._text, self._level)

    def _refilter(self) -> None:
        rows = [h for h in self._all if self._passes(h)]
        if self._order == "time":
            rows.sort(key=_created)
        self.set_rows(rows)

    def upsert(self, info: HighlightInfo) -> int:
        """Insert or replace one highlight, keeping position order; returns its row."""
        self._all = [h for h in self._all if h.id != info.id]
        # bisect, not a scan: 5,000 cards are a noticeable part of a new highlight's 50 ms.
        self._all.insert(bisect.bisect_right(self._all, _position(info), key=_position), info)
        if self.is_filtered() or self._order != "position":
            self._refilter()
            return self.row_of(info.id)
        row = self.row_of(info.id)
        if row >= 0:
            return self._move(row, info)  # a resized highlight may belong elsewhere
        row = bisect.bisect_right(self._rows, _position(info), key=_position)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, info)
        self.endInsertRows()
        return row

    def _move(self, row: int, info: HighlightInfo) -> int:
        """Put the changed card at `row` where its new position belongs; a move, not a
        remove and insert, so that a selected card stays selected."""
        rest = self._rows[:row] + self._rows[row + 1:]
        target = bisect.bisect_right(rest, _position(info), key=_position)
        if target != row:
            # Qt counts the destination before the card is taken out.
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target if target < row else target + 1)
            self._rows = rest[:target] + [info] + rest[target:]
            self.endMoveRows()
            return target
        self.replace(info)
        return row

    def remove(self, highlight_id: int) -> None:
        self._all = [h for h in self._all if h.id != highlight_id]
        row = self.row_of(highlight_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def record_data(self, h: HighlightInfo, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return h.quote
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(h.note) or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{h.quote}. {', '.join(h.tag_names)}. {h.note}"
        if role == HIGHLIGHT_ROLE:
            return h
        return None


class HighlightCardDelegate(QStyledItemDelegate):
    """A card: a coloured edge, the quote (three lines at most), tag chips, the note, and,
    when the library has several coders, whose it is (another coder's card has a dashed
    border, as their highlight in the reader has)."""

    PAD = 10
    MAX_CACHED = 20_000

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # Card heights by content and width: a view of 5,000 cards asks for every height
        # on each scrollTo, and measuring wrapped text each time took half a second.
        self._sizes: dict[tuple[int, int], QSize] = {}
        self._font_cache: dict[str, tuple[QFont, QFont, QFont]] = {}
        self.look = CoderLook()

    def forget(self, highlight_id: int | None = None) -> None:
        """A card changed (or, with None, all of them): measure it again."""
        if highlight_id is None:
            self._sizes.clear()
        else:
            for key in [k for k in self._sizes if k[0] == highlight_id]:
                del self._sizes[key]

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        key = option.font.key()
        fonts = self._font_cache.get(key)
        if fonts is None:
            fonts = self._font_cache[key] = self._make_fonts(option)
        return fonts

    def _make_fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        quote = style.reader_font(max(9, round(option.font.pointSizeF() + 1)))
        chip = QFont(option.font)
        chip.setPointSizeF(option.font.pointSizeF() * 0.9)
        note = QFont(option.font)
        note.setItalic(True)
        return quote, chip, note

    def _layout(self, option: QStyleOptionViewItem, h: HighlightInfo, width: int):
        quote_font, chip_font, note_font = self._fonts(option)
        inner_w = max(40, width - 2 * self.PAD - 6)
        qfm = QFontMetrics(quote_font)
        quote_rect = qfm.boundingRect(
            QRect(0, 0, inner_w, qfm.lineSpacing() * QUOTE_LINES),
            Qt.TextFlag.TextWordWrap,
            h.quote.replace("\n", " "),
        )
        quote_h = min(quote_rect.height(), qfm.lineSpacing() * QUOTE_LINES)
        chips = layout_chips(chip_font, h.tag_names, inner_w)
        chips_h = (chips[-1].bottom() + 1) if chips else 0
        note_h = 0
        if h.note:
            nfm = QFontMetrics(note_font)
            note_h = min(
                nfm.boundingRect(QRect(0, 0, inner_w, 1000), Qt.TextFlag.TextWordWrap, h.note).height(),
                nfm.lineSpacing() * 2,
            )
        return inner_w, quote_h, chips, chips_h, note_h

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        h: HighlightInfo = index.data(HIGHLIGHT_ROLE)
        width = option.rect.width() if option.rect.width() > 0 else 280
        key = (h.id, width)  # forget() drops a card's entries when it changes
        size = self._sizes.get(key)
        if size is None:
            _, quote_h, _, chips_h, note_h = self._layout(option, h, width)
            coder_h = self._coder_height(option)
            gaps = 6 * (bool(chips_h) + bool(note_h) + bool(coder_h))
            size = QSize(width, 2 * self.PAD + quote_h + chips_h + note_h + coder_h + gaps + 8)
            if len(self._sizes) > self.MAX_CACHED:
                self._sizes.clear()
            self._sizes[key] = size
        return size

    def _coder_height(self, option: QStyleOptionViewItem) -> int:
        return QFontMetrics(self._fonts(option)[1]).height() if self.look.several else 0

    def coder_line(self, h: HighlightInfo) -> str:
        """"Lan" on her card; "Lan (another coder)" when the current coder is someone else."""
        name = self.look.name(h.coder_id)
        if not name or not self.look.several:
            return ""
        if self.look.is_other(h):
            return QCoreApplication.translate("HighlightCard", "%1 (another coder)").replace("%1", name)
        return name

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        h: HighlightInfo = index.data(HIGHLIGHT_ROLE)
        quote_font, chip_font, note_font = self._fonts(option)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = option.rect.adjusted(6, 4, -6, -4)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pen = QPen(style.ACCENT if selected else style.color("card_border"))
        if self.look.is_other(h):
            pen.setStyle(Qt.PenStyle.DashLine)
            pen.setColor(style.ACCENT if selected else style.MUTED)
        painter.setPen(pen)
        painter.setBrush(style.color("card_selected") if selected else style.color("card"))
        painter.drawRoundedRect(card, 6, 6)
        edge = style.tag_color(h.tags[0].color if h.tags else "#d0d0d0")
        painter.fillRect(QRect(card.left() + 1, card.top() + 6, 4, card.height() - 12), edge)

        inner_w, quote_h, chips, chips_h, note_h = self._layout(option, h, option.rect.width())
        x = card.left() + self.PAD
        y = card.top() + self.PAD - 2
        painter.setFont(quote_font)
        painter.setPen(style.INK)
        qfm = QFontMetrics(quote_font)
        quote = _elide_wrapped(h.quote.replace("\n", " "), qfm, inner_w, QUOTE_LINES)
        painter.drawText(QRect(x, y, inner_w, quote_h), Qt.TextFlag.TextWordWrap, quote)
        y += quote_h + 6
        for rect, tag in zip(chips, h.tags, strict=False):
            paint_chip(painter, rect.translated(x, y), tag.name, tag.color, chip_font)
        if chips_h:
            y += chips_h + 6
        if h.note:
            painter.setFont(note_font)
            painter.setPen(style.MUTED)
            nfm = QFontMetrics(note_font)
            note = _elide_wrapped(h.note.replace("\n", " "), nfm, inner_w, 2)
            painter.drawText(QRect(x, y, inner_w, note_h), Qt.TextFlag.TextWordWrap, note)
            y += note_h + 6
        coder = self.coder_line(h)
        if coder:
            painter.setFont(chip_font)
            painter.setPen(style.MUTED)
            cfm = QFontMetrics(chip_font)
            painter.drawText(QRect(x, y, inner_w, cfm.height()), Qt.AlignmentFlag.AlignRight,
                             "● " + cfm.elidedText(coder, Qt.TextElideMode.ElideRight, inner_w - 20))
        painter.restore()


def _elide_wrapped(text: str, fm: QFontMetrics, width: int, lines: int) -> str:
    """Cut text so that, word-wrapped, it fits `lines` lines, ending with an ellipsis."""
    limit = QRect(0, 0, width, fm.lineSpacing() * lines)
    if fm.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text).height() <= limit.height():
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        candidate = text[:mid].rstrip() + "…"
        if fm.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, candidate).height() <= limit.height():
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


class HighlightListView(QListView):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.cards = HighlightCardDelegate(self)
        self.setItemDelegate(self.cards)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWordWrap(True)
        self.setSpacing(0)
        # Cards are measured a batch at a time between events: measuring all 5,000 of a
        # heavily annotated article before the first paint took ~0.4 s.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(100)
        # Several cards (Ctrl/Shift+click) can be tagged, untagged or deleted together.
        self.setSelectionMode(QListView.SelectionMode.ExtendedSelection)

