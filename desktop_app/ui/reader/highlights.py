"""The reader's highlights: fills, find matches, the flash after a jump, lanes, tooltips.

Highlights are extra selections: they never change the document. Each is handed to Qt
one paragraph at a time, and on a heavily annotated article only those within a screen
of the view are handed over at all. Overlapping highlights also get lanes (a stripe in
the margin and a line under the text, see ui/overlap_marks.py), and the active one an
accent underline; both are painted over the text for the visible part only.

A mixin of ReaderView (ui/reader.py), which owns the document, the offsets and paintEvent.
"""

from __future__ import annotations

import bisect
import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import QEasingCurve, QPoint, QVariantAnimation
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QTextEdit

from desktop_app.core.annotate.highlights import HighlightInfo
from desktop_app.ui.common.coder_look import CoderLook
from desktop_app.ui.reader import overlap_marks
from desktop_app.ui.reader.sorted_spans import touching
from desktop_app.ui.theme import style

if TYPE_CHECKING:
    from PySide6.QtCore import QRect

    from desktop_app.core.text.normalize import OffsetMap

# Above this many highlights only those near the view are handed to Qt for painting.
WINDOWED_ABOVE = 300

# Type checkers see the QTextEdit this is mixed into; at run time it is a plain class.
_Base = QTextEdit if TYPE_CHECKING else object


class ReaderHighlights(_Base):
    """Highlights, find matches and the jump flash of ReaderView."""

    if TYPE_CHECKING:  # what the mixin uses of ReaderView
        _offsets: OffsetMap

        def _view_range(self, screens_before: int = 0, screens_after: int = 1) -> tuple[int, int]: ...
        def _line_rects(self, start: int, end: int) -> list[QRect]: ...
        def char_at(self, pos: QPoint) -> int | None: ...
        def scroll_to_offsets(self, start: int, end: int, flash: bool = True) -> None: ...
        def select_offsets(self, start: int, end: int) -> None: ...

    def _init_highlights(self) -> None:
        """The highlights' state; ReaderView.__init__ calls it."""
        self._highlights: list[HighlightInfo] = []
        self._active_id: int | None = None
        self._flash: tuple[int, int, int] | None = None  # (u16 start, u16 end, alpha)
        self._find: list[tuple[int, int]] = []  # matches of the find bar, code points
        self._find_current = -1
        self._flash_anim = QVariantAnimation(self)
        self._flash_anim.setDuration(1100)
        self._flash_anim.setStartValue(230)
        self._flash_anim.setEndValue(0)
        self._flash_anim.setEasingCurve(QEasingCurve.Type.InQuad)
        self._flash_anim.valueChanged.connect(self._on_flash_step)
        self._flash_anim.finished.connect(self._end_flash)
        self._highlight_starts: list[int] = []
        self._longest = 0
        self._lanes: dict[int, int] | None = None  # overlap lanes, worked out when painted
        self._coder_look = CoderLook()  # another coder's highlight is outlined, dashed

    def _forget_highlights(self) -> None:
        """A new article: the old one's highlights and find matches go."""
        self._highlights, self._highlight_starts, self._longest = [], [], 0
        self._find, self._find_current = [], -1
        self._active_id = None

    # --- content --------------------------------------------------------------------------
    def set_highlights(self, highlights: list[HighlightInfo]) -> None:
        self._highlights = sorted(highlights, key=lambda h: (h.start, -h.end))
        self._highlight_starts = [h.start for h in self._highlights]
        self._longest = max((h.end - h.start for h in self._highlights), default=0)
        if self._active_id is not None and not any(h.id == self._active_id for h in highlights):
            self._active_id = None
        self._highlights_changed()

    def upsert_highlight(self, info: HighlightInfo) -> None:
        """One new or changed highlight: put in place without re-sorting all of them."""
        self._highlights = [h for h in self._highlights if h.id != info.id]
        key = (info.start, -info.end)
        self._highlights.insert(bisect.bisect_left(self._highlights, key, key=lambda h: (h.start, -h.end)), info)
        self._highlight_starts = [h.start for h in self._highlights]
        self._longest = max(self._longest, info.end - info.start)
        self._highlights_changed()

    def remove_highlight(self, highlight_id: int) -> None:
        """One highlight gone (deleted, or orphaned by an edit of the text)."""
        kept = [h for h in self._highlights if h.id != highlight_id]
        if len(kept) == len(self._highlights):
            return
        self._highlights = kept
        self._highlight_starts = [h.start for h in kept]
        if self._active_id == highlight_id:
            self._active_id = None
        self._highlights_changed()

    def set_coder_look(self, look: CoderLook) -> None:
        """Who the current coder is and every coder's name (ui/common/coder_look.py)."""
        self._coder_look = look
        self._highlights_changed()

    def highlight_ids(self) -> set[int]:
        return {h.id for h in self._highlights}

    def _highlights_changed(self) -> None:
        self._lanes = None  # overlaps are worked out again when painted
        self._refresh_extra_selections()
        # Qt repaints only the fills' rects on new extra selections: the margin stripes and
        # the lane lines under the text (of this highlight and of those it overlapped) lie
        # outside them, and would stay on screen, or not appear, until the next paint.
        self.viewport().update()

    def set_find_matches(self, spans: list[tuple[int, int]], current: int) -> None:
        """Mark every match of the find bar and scroll to the current one."""
        self._find, self._find_current = list(spans), current
        self._refresh_extra_selections()
        if 0 <= current < len(spans):
            start, end = spans[current]
            self.scroll_to_offsets(start, end, flash=False)
            self.select_offsets(start, end)

    def set_active_highlight(self, highlight_id: int | None) -> None:
        self._active_id = highlight_id
        self.viewport().update()

    def active_highlight(self) -> int | None:
        return self._active_id

    def highlights_at(self, offset: int) -> list[HighlightInfo]:
        """Highlights covering the character at `offset`, shortest (innermost) first."""
        hits = touching(self._highlights, self._highlight_starts, self._longest, offset, offset)
        return sorted(hits, key=lambda h: h.end - h.start)

    def highlights_between(self, first: int, last: int) -> list[HighlightInfo]:
        """Highlights touching the UTF-16 range [first, last] (the visible text)."""
        first_cp, last_cp = self._offsets.to_codepoint(first), self._offsets.to_codepoint(last)
        return touching(self._highlights, self._highlight_starts, self._longest, first_cp, last_cp)

    # --- the flash after a jump -----------------------------------------------------------
    def _start_flash(self, start: int, end: int) -> None:
        """An orange fill over [start, end) (code points) that fades out."""
        self._flash = (self._offsets.to_utf16(start), self._offsets.to_utf16(end), 230)
        self._flash_anim.stop()
        self._flash_anim.start()
        self._refresh_extra_selections()

    def _on_flash_step(self, alpha: int) -> None:
        if self._flash:
            self._flash = (self._flash[0], self._flash[1], int(alpha))
            self._refresh_extra_selections()

    def _end_flash(self) -> None:
        self._flash = None
        self._refresh_extra_selections()

    # --- extra selections -----------------------------------------------------------------
    def _highlights_to_paint(self) -> list[HighlightInfo]:
        """All highlights, or on a heavily annotated article only those within a screen
        of the view: Qt walks every extra selection on each paint and each refresh (5,000
        of them made opening a 1 MB article 0.3 s slower and each new highlight 0.5 s)."""
        if len(self._highlights) <= WINDOWED_ABOVE:
            return self._highlights
        first, last = self._view_range(1, 2)
        return touching(self._highlights, self._highlight_starts, self._longest, first, last)

    def _refresh_extra_selections(self) -> None:
        selections = []
        doc = self.document()
        for h in self._highlights_to_paint():
            fmt = QTextCharFormat()
            colors = [t.color for t in h.tags] or ["#d0d0d0"]
            fmt.setBackground(style.tag_color(colors[0], style.HIGHLIGHT_ALPHA))
            if len(colors) > 1:
                # A second tag shows as a coloured underline, so both remain visible.
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(style.tag_color(colors[1]))
            self._add_selection(selections, doc, self._offsets.to_utf16(h.start), self._offsets.to_utf16(h.end), fmt)
        for i, (start, end) in enumerate(self._find):
            fmt = QTextCharFormat()
            fmt.setBackground(style.color("find_current" if i == self._find_current else "find_match"))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)  # not colour alone
            fmt.setUnderlineColor(style.color("find_underline"))
            self._add_selection(selections, doc, self._offsets.to_utf16(start), self._offsets.to_utf16(end), fmt)
        if self._flash:
            start, end, alpha = self._flash
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(255, 140, 0, alpha))
            fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
            self._add_selection(selections, doc, start, end, fmt)
        self.setExtraSelections(selections)

    @staticmethod
    def _add_selection(selections: list, doc: QTextDocument, start: int, end: int, fmt: QTextCharFormat) -> None:
        """One extra selection per paragraph of the UTF-16 range [start, end): Qt lays out
        the whole document to measure a selection that spans paragraphs (measured on 1 MB:
        one such selection cost ~260 ms when an article opened; split, 20 cost 2 ms)."""
        block = doc.findBlock(start)
        while block.isValid() and block.position() < end:
            a = max(start, block.position())
            b = min(end, block.position() + block.length() - 1)
            if b > a:
                sel = QTextEdit.ExtraSelection()
                sel.cursor = QTextCursor(doc)
                sel.cursor.setPosition(a)
                sel.cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
                sel.format = fmt
                selections.append(sel)
            block = block.next()

    # --- overlapping highlights: lanes, stripes, tooltips (see ui/overlap_marks.py) -------
    def overlap_lanes(self, first: int | None = None, last: int | None = None) -> dict[int, int]:
        """Lane of each highlight that overlaps another, for the runs of overlapping
        highlights that touch code points [first, last] (all when not given). Runs are
        independent, so working out only those in view gives the same lanes as all of them
        (all 5,000 of a large article took ~10 ms of each new highlight's 50 ms)."""
        hs = self._highlights
        if self._lanes is None:
            self._lanes, self._lanes_done = {}, set()
            self._reach = list(itertools.accumulate((h.end for h in hs), max))  # max end so far
        if first is None or last is None:
            lo, hi = 0, len(hs)
        else:
            lo = bisect.bisect_left(self._highlight_starts, first - self._longest)
            hi = bisect.bisect_right(self._highlight_starts, last)
        while 0 < lo < len(hs) and self._reach[lo - 1] > hs[lo].start:
            lo -= 1  # back to the start of its run
        while 0 < hi < len(hs) and self._reach[hi - 1] > hs[hi].start:
            hi += 1  # on to the end of the last run
        if (lo, hi) not in self._lanes_done:
            self._lanes.update(overlap_marks.assign_lanes(hs[lo:hi]))
            self._lanes_done.add((lo, hi))
        return self._lanes

    def tooltip_at(self, pos: QPoint) -> str:
        """Tags and note of every highlight under a viewport point (rich text), or ""."""
        offset = self.char_at(pos)
        hits = self.highlights_at(offset) if offset is not None else []
        if not hits:
            return ""
        look = self._coder_look
        return overlap_marks.tooltip_html(hits, self.overlap_lanes(min(h.start for h in hits),
                                                                   max(h.end for h in hits)),
                                          coder_of=lambda h: look.name(h.coder_id) if look.several else "")

    def _paint_lanes(self, painter: QPainter, first: int, last: int) -> None:
        """A stripe in the margin beside each highlight in view, and under the text of
        overlapping ones a line per lane: depth and pattern tell them apart, not colour."""
        lanes = self.overlap_lanes(self._offsets.to_codepoint(first), self._offsets.to_codepoint(last))
        doc = self.document()
        margin = doc.documentMargin()
        height = QFontMetricsF(doc.defaultFont()).height()
        for h in self.highlights_between(first, last):
            start, end = self._offsets.to_utf16(h.start), self._offsets.to_utf16(h.end)
            block = doc.findBlock(start)
            if not block.isVisible():
                continue  # on a hidden web leftover line
            rects = self._line_rects(max(start, first), min(end, last))  # the part in view only
            if not rects:
                continue
            lane, color = lanes.get(h.id), overlap_marks.highlight_color(h)
            if self._coder_look.is_other(h):
                overlap_marks.draw_other_coder(painter, rects, color)
            x = overlap_marks.stripe_x(lane or 0, margin)
            if x is not None:
                overlap_marks.draw_stripe(painter, x, rects[0].top(), rects[-1].bottom(), color, lane or 0,
                                          lane is not None)
            if lane is None:
                continue
            fmt = block.blockFormat()
            proportional = fmt.lineHeightType() == QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
            room = height * (fmt.lineHeight() - 100) / 100 if proportional else 6.0
            dy = overlap_marks.line_offset(lane, room)
            for rect in rects:
                overlap_marks.draw_line(painter, rect.left(), rect.right(), rect.bottom() + dy, color, lane)

    def _paint_active(self, painter: QPainter, h: HighlightInfo, first: int, last: int) -> None:
        start, end = self._offsets.to_utf16(h.start), self._offsets.to_utf16(h.end)
        if end < first or start > last:
            return
        pen = QPen(style.ACCENT)
        pen.setWidthF(2.0)
        painter.setPen(pen)
        for rect in self._line_rects(start, end):
            painter.drawLine(rect.left(), rect.bottom() + 1, rect.right(), rect.bottom() + 1)
