"""The reader: article text in a comfortable column, highlights painted, selection -> offsets.

The document holds exactly the stored article text, so a document position is the
article offset converted to UTF-16 (Qt) by `OffsetMap`; this widget is the only place
that converts. Highlights are extra selections (they never change the document); word
boundaries and the active highlight are painted over the text for the visible part only.

Word view: parts of speech colour the text through the block layouts' own formats (what
QSyntaxHighlighter uses: the document text and its formats never change), set only on
the blocks within a screen of the view as they come near (a 1 MB article has ~120,000
words). As extra selections they made every repaint ~10x slower (Qt redraws a line once
per selection on it); as layout formats a repaint costs about what plain text does.
Named-entity suggestions get a dashed underline, painted for the visible ones only:
fills are the user's highlights, dashes are the machine's guesses.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEasingCurve, QEvent, QPoint, QPointF, QRect, Qt, QTimer, QVariantAnimation, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLayout,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip, QWidget

from desktop_app.core.annotations import HighlightInfo
from desktop_app.core.tagging import Suggestion, pos_class
from desktop_app.core.text import OffsetMap
from desktop_app.ui import overlap_marks, style

LINE_HEIGHT_PERCENT = 160
MAX_COLUMN_EM = 38  # about 75 characters per line: the classic comfortable measure
_CURSOR_MOVE = QTextCursor.MoveMode


# Above this many highlights only those near the view are handed to Qt for painting.
WINDOWED_ABOVE = 300

# Text colours of the word view (Okabe-Ito hues, >= 4.5:1 on the paper; "other" words
# keep the ink) and entity underlines (a colour and a dash pattern each, so colour is
# never the only cue) are the theme's: style.pos_colors() and style.entity_styles(),
# read when painting. These names are the light theme's, for code that wants fixed ones.
POS_COLORS: dict[str, str] = style.LIGHT.pos
# A paragraph longer than this (UTF-16 units) is left uncoloured: colouring re-lays out
# the whole block (measured: a 38,000-character line took 24 ms; a 1 MB one would take
# most of a second).
COLOUR_BLOCKS_UP_TO = 20_000
ENTITY_STYLES: dict[str, tuple[str, tuple[float, ...]]] = style.LIGHT.entities


def _entity_pen(label: str) -> QPen:
    return _pen(*style.entity_styles().get(label, (style.MUTED.name(), (3.0, 3.0))))


@functools.lru_cache(maxsize=16)
def _pen(color: str, dashes: tuple[float, ...]) -> QPen:
    pen = QPen(QColor(color))
    pen.setWidthF(1.6)
    pen.setDashPattern(list(dashes))
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


class ReaderView(QTextEdit):
    highlightClicked = Signal(int)
    # Ctrl+wheel: +1 bigger, -1 smaller. The window changes the reading settings (saved,
    # title kept in proportion) instead of QTextEdit's own unsaved zoom.
    zoomRequested = Signal(int)
    selectionOffsetsChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setUndoRedoEnabled(False)
        self.setFont(style.reader_font())
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._text = ""
        self._offsets = OffsetMap("")
        self._highlights: list[HighlightInfo] = []
        self._tokens_u16: list[tuple[int, int]] = []
        self._token_starts_cp: list[int] = []
        self._tokens_cp: list[tuple[int, int]] = []
        self._show_words = False
        # Word view: POS spans as given (code points) and their colour classes, kept
        # as they come: nothing is converted unless the colours are shown.
        self._pos: list[tuple[int, int, str]] = []
        self._pos_starts: list[int] | None = None  # built when first needed
        self._show_pos = False
        self._pos_blocks: set[int] = set()  # numbers of the blocks whose colours are set
        # The screen above and below the view are coloured a moment later, in their own
        # event: the view first (tags arriving for the open article must not stall it).
        self._pos_margin_timer = QTimer(self)
        self._pos_margin_timer.setSingleShot(True)
        self._pos_margin_timer.setInterval(0)
        self._pos_margin_timer.timeout.connect(lambda: self._colour_pos_near_view(1, 2))
        self._pos_formats: dict[str, QTextCharFormat] = {}
        for cls, color in POS_COLORS.items():
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(color))
            self._pos_formats[cls] = fmt
        self._entities: list[Suggestion] = []
        self._entity_starts: list[int] = []
        self._longest_entity = 0
        self._show_entities = False
        self._entity_menu: Callable[[QMenu, Suggestion], None] | None = None
        self._snap_to_words = True
        self._dragging = False
        self._active_id: int | None = None
        self._flash: tuple[int, int, int] | None = None  # (u16 start, u16 end, alpha)
        self._find: list[tuple[int, int]] = []  # matches of the find bar, code points
        self._find_current = -1
        self._context_actions: list[QAction] = []
        self._context_menu: QMenu | None = None
        self._flash_anim = QVariantAnimation(self)
        self._flash_anim.setDuration(1100)
        self._flash_anim.setStartValue(230)
        self._flash_anim.setEndValue(0)
        self._flash_anim.setEasingCurve(QEasingCurve.Type.InQuad)
        self._flash_anim.valueChanged.connect(self._on_flash_step)
        self._flash_anim.finished.connect(self._end_flash)
        self.selectionChanged.connect(self.selectionOffsetsChanged)
        self._highlight_starts: list[int] = []
        self._longest = 0
        self._lanes: dict[int, int] | None = None  # overlap lanes, worked out when painted
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    # --- content ------------------------------------------------------------------------
    def set_article(self, text: str, title_span: tuple[int, int] | None = None) -> None:
        self._text = text
        self._offsets = OffsetMap(text)
        self._highlights, self._highlight_starts, self._longest = [], [], 0
        self._find, self._find_current = [], -1
        self._active_id = None
        self.set_tokens(None)
        self._pos, self._pos_starts, self._pos_blocks = [], None, set()  # the old document goes
        self.set_entities(None)
        self._title_span = title_span  # set_reading_style sizes it again
        # Built detached, then swapped in: formatting a document the view is laying out
        # re-lays it for every block (1 MB of text: 8 s attached, 40 ms detached).
        doc = QTextDocument(self)
        doc.setDefaultFont(self.font())
        doc.setDocumentMargin(28)
        doc.setUndoRedoEnabled(False)
        cursor = QTextCursor(doc)
        cursor.insertText(text)
        cursor.select(QTextCursor.SelectionType.Document)
        block = QTextBlockFormat()
        line_height = getattr(self, "_line_height", LINE_HEIGHT_PERCENT)  # set_reading_style's
        block.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        block.setBottomMargin(8)
        cursor.mergeBlockFormat(block)
        self._compact_blank_lines(doc)
        if title_span:
            self._style_title(doc, *title_span)
        old = self.document()
        ours = old.parent() is self  # Qt deletes its own first document in setDocument
        self.setExtraSelections([])
        self.setDocument(doc)
        if ours:
            old.deleteLater()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.verticalScrollBar().setValue(0)

    def set_reading_style(self, font: QFont, line_height_percent: int) -> None:
        """The reading settings (font, line spacing) and the theme's colours, applied to the
        open document in place: offsets, selection, highlights and word colours stay, and
        the text at the top of the view stays there.

        Cost: each change re-lays the document out, and any highlight or scroll refresh
        in between would lay it out in full again (1 MB: ~0.2 s each). So highlights
        are taken off, scroll refreshes held back, and both come back once, at the end;
        formats change in one edit block (block by block: 8 s on 1 MB)."""
        bar = self.verticalScrollBar()
        top = self.offset_at(QPoint(0, 0)) if bar.value() else 0
        title = getattr(self, "_title_span", None)
        new_font = font != self.font()
        new_spacing = line_height_percent != getattr(self, "_line_height", LINE_HEIGHT_PERCENT)
        self._line_height = line_height_percent
        if new_font or new_spacing:
            self.setExtraSelections([])  # while the old layout still places them cheaply
        bar.valueChanged.disconnect(self._on_scrolled)
        self._restyling = True  # resizeEvent: no refresh either
        try:
            # Formats before the font: formats changed while Qt re-lays the text out for a
            # new font (it does so lazily) left it half laid out, for good.
            if new_spacing or (new_font and title):
                doc = self.document()
                cursor = QTextCursor(doc)
                cursor.beginEditBlock()
                if new_spacing:
                    cursor.select(QTextCursor.SelectionType.Document)
                    block = QTextBlockFormat()
                    block.setLineHeight(line_height_percent, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
                    cursor.mergeBlockFormat(block)
                    self._compact_blank_lines(doc)
                if title:
                    self._style_title(doc, *title, font.pointSizeF())  # 1.6x the new size
                cursor.endEditBlock()
            if new_font:
                self.setFont(font)  # QTextEdit makes it the document's default font
                self.resizeEvent(QResizeEvent(self.size(), self.size()))  # the column follows the font
            if top:
                rect = self.cursorRect(self._cursor_for(top, top))  # lays the text out down to there
                target = bar.value() + rect.top()
                # Qt posts the new document size: the scroll range would catch up only later.
                bar.setMaximum(max(bar.maximum(), target))
                bar.setValue(target)
        finally:
            self._restyling = False
            bar.valueChanged.connect(self._on_scrolled)
        colours = style.pos_colors()
        if colours != {cls: fmt.foreground().color().name() for cls, fmt in self._pos_formats.items()}:
            self._pos_formats = {}
            for cls, color in colours.items():
                fmt = QTextCharFormat()
                fmt.setForeground(QColor(color))
                self._pos_formats[cls] = fmt
            self._clear_pos_colours()
        self._on_scrolled()  # word colours near the view
        self._refresh_extra_selections()  # in their new places, in the theme's colours
        self.viewport().update()

    def _compact_blank_lines(self, doc: QTextDocument) -> None:
        """Blank lines between paragraphs become a small gap, not a full 160% line."""
        gap = QTextBlockFormat()
        gap.setLineHeight(4, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        gap.setBottomMargin(0)
        block = doc.begin()
        while block.isValid():
            if not block.text().strip():
                cursor = QTextCursor(block)
                cursor.mergeBlockFormat(gap)
            block = block.next()

    def _style_title(self, doc: QTextDocument, start: int, end: int, text_size: float = 0.0) -> None:
        """Bold, 1.6x the text's size (`text_size`, or the view's font)."""
        cursor = QTextCursor(doc)
        cursor.setPosition(self._offsets.to_utf16(start))
        cursor.setPosition(self._offsets.to_utf16(end), _CURSOR_MOVE.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setFontPointSize((text_size if text_size > 0 else self.font().pointSizeF()) * 1.6)
        fmt.setFontWeight(QFont.Weight.Bold)
        cursor.mergeCharFormat(fmt)
        block = QTextBlockFormat()
        block.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        block.setBottomMargin(18)
        cursor.mergeBlockFormat(block)

    def text(self) -> str:
        return self._text

    def set_hidden_spans(self, spans: tuple[tuple[int, int], ...], show: bool = False) -> None:
        """Web leftovers: whole lines are hidden (or, with `show`, greyed); parts of a line
        (e.g. "In trang" glued to a title) are greyed. The document text never changes,
        so offsets, selection and highlights stay exact. Call right after set_article."""
        if not spans:
            return
        doc = self.document()
        muted = QTextCharFormat()
        muted.setForeground(style.MUTED)
        muted.setFontItalic(True)
        for start, end in spans:
            first = doc.findBlock(self._offsets.to_utf16(start))
            whole_line = (first.isValid() and first.position() == self._offsets.to_utf16(start)
                          and first.length() - 1 == self._offsets.to_utf16(end) - first.position())
            if whole_line and not show:
                first.setVisible(False)
            else:
                first.setVisible(True)
                self._cursor_for(start, end).mergeCharFormat(muted)
        doc.markContentsDirty(0, doc.characterCount())

    def set_highlights(self, highlights: list[HighlightInfo]) -> None:
        self._highlights = sorted(highlights, key=lambda h: (h.start, -h.end))
        self._highlight_starts = [h.start for h in self._highlights]
        self._longest = max((h.end - h.start for h in self._highlights), default=0)
        self._lanes = None
        if self._active_id is not None and not any(h.id == self._active_id for h in highlights):
            self._active_id = None
        self._refresh_extra_selections()

    def upsert_highlight(self, info: HighlightInfo) -> None:
        """One new or changed highlight: put in place without re-sorting all of them."""
        self._highlights = [h for h in self._highlights if h.id != info.id]
        key = (info.start, -info.end)
        at = bisect.bisect_left([(h.start, -h.end) for h in self._highlights], key)
        self._highlights.insert(at, info)
        self._highlight_starts = [h.start for h in self._highlights]
        self._longest = max(self._longest, info.end - info.start)
        self._lanes = None
        self._refresh_extra_selections()

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

    def set_tokens(self, spans: list[tuple[int, int]] | None) -> None:
        """Word spans (code points) from segmentation; None until segmentation is ready."""
        spans = spans or []
        self._tokens_cp = list(spans)
        self._token_starts_cp = [s for s, _ in spans]
        self._tokens_u16 = [(self._offsets.to_utf16(s), self._offsets.to_utf16(e)) for s, e in spans]
        if self._show_words:  # tokens change nothing on screen otherwise: spare a full repaint
            self.viewport().update()

    def has_tokens(self) -> bool:
        return bool(self._tokens_cp)

    def set_show_word_boundaries(self, show: bool) -> None:
        self._show_words = show
        self.viewport().update()

    def set_snap_to_words(self, snap: bool) -> None:
        """A selection made with the mouse grows to whole words (not with Alt held when
        the button is let go)."""
        self._snap_to_words = snap

    # --- word view: parts of speech and entity suggestions ------------------------------
    def set_pos(self, spans: Sequence[tuple[int, int, str]] | None) -> None:
        """(start, end, POS tag) in code points, in text order; None until tagged.
        Costs nothing more than keeping the list while the colours are off."""
        self._clear_pos_colours()
        self._pos = spans if isinstance(spans, list) else list(spans or [])  # not copied: 120,000 words
        self._pos_starts = None
        self._colour_pos_near_view()

    def has_pos(self) -> bool:
        return bool(self._pos)

    def set_show_pos(self, show: bool) -> None:
        """Colour words by part of speech (nouns, verbs, adjectives, names, numbers)."""
        if show == self._show_pos:
            return
        self._show_pos = show
        if show:
            self._colour_pos_near_view()
        else:
            self._clear_pos_colours()

    def set_entities(self, entities: Sequence[Suggestion] | None) -> None:
        """Named-entity suggestions (code points); None until tagged."""
        self._entities = sorted(entities or [], key=lambda e: (e.start, e.end))
        self._entity_starts = [e.start for e in self._entities]
        self._longest_entity = max((e.end - e.start for e in self._entities), default=0)
        if self._show_entities:
            self.viewport().update()

    def entities(self) -> list[Suggestion]:
        return list(self._entities)

    def set_show_entities(self, show: bool) -> None:
        self._show_entities = show
        self.viewport().update()

    def entity_at(self, offset: int) -> Suggestion | None:
        """The suggestion covering the character at `offset` (the shortest if nested)."""
        lo = bisect.bisect_left(self._entity_starts, offset - self._longest_entity)
        hi = bisect.bisect_right(self._entity_starts, offset)
        hits = [e for e in self._entities[lo:hi] if e.start <= offset < e.end]
        return min(hits, key=lambda e: e.end - e.start) if hits else None

    def set_entity_menu(self, fill: Callable[[QMenu, Suggestion], None] | None) -> None:
        """Called with the context menu and the suggestion under the mouse (when entities
        are shown), to add its actions: see ui/suggestions.py."""
        self._entity_menu = fill

    def add_context_actions(self, actions: list[QAction]) -> None:
        self._context_actions = actions

    # --- offsets ------------------------------------------------------------------------
    def selected_offsets(self) -> tuple[int, int] | None:
        """The selection as code-point offsets into the article text, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self._offsets.to_codepoint(cursor.selectionStart())
        end = self._offsets.to_codepoint(cursor.selectionEnd())
        # A selection ending inside a surrogate pair still covers that character.
        if self._offsets.to_utf16(end) < cursor.selectionEnd():
            end += 1
        return (start, min(end, len(self._text))) if end > start else None

    def select_offsets(self, start: int, end: int) -> None:
        self.setTextCursor(self._cursor_for(start, end))

    def _cursor_for(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_utf16(start))
        cursor.setPosition(self._offsets.to_utf16(end), _CURSOR_MOVE.KeepAnchor)
        return cursor

    def offset_at(self, pos: QPoint) -> int:
        return self._offsets.to_codepoint(self.cursorForPosition(pos).position())

    def highlights_at(self, offset: int) -> list[HighlightInfo]:
        """Highlights covering the character at `offset`, shortest (innermost) first."""
        hits = [h for h in self._highlights if h.start <= offset < h.end]
        return sorted(hits, key=lambda h: h.end - h.start)

    def word_at(self, offset: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self._token_starts_cp, offset) - 1
        if i >= 0:
            start, end = self._tokens_cp[i]
            if start <= offset < end:
                return start, end
        return None

    # --- navigation ---------------------------------------------------------------------
    def scroll_to_offsets(self, start: int, end: int, flash: bool = True) -> None:
        cursor = self._cursor_for(start, start)
        self.setTextCursor(cursor)
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)
        if flash:
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

    # --- painting -----------------------------------------------------------------------
    def _highlights_to_paint(self) -> list[HighlightInfo]:
        """All highlights, or on a heavily annotated article only those within a screen
        of the view: Qt walks every extra selection on each paint and each refresh (5,000
        of them made opening a 1 MB article 0.3 s slower and each new highlight 0.5 s)."""
        if len(self._highlights) <= WINDOWED_ABOVE:
            return self._highlights
        first, last = self._view_range(1, 2)
        lo = bisect.bisect_left(self._highlight_starts, first - self._longest)
        hi = bisect.bisect_right(self._highlight_starts, last)
        return [h for h in self._highlights[lo:hi] if h.end > first]

    def _on_scrolled(self) -> None:
        self._colour_pos_near_view()
        if len(self._highlights) > WINDOWED_ABOVE:
            self._refresh_extra_selections()

    def _view_range(self, screens_before: int = 0, screens_after: int = 1) -> tuple[int, int]:
        """Code points from the top of the view (less some screens) to its bottom (plus)."""
        first, last = self._view_range_utf16(screens_before, screens_after)
        return self._offsets.to_codepoint(first), self._offsets.to_codepoint(last)

    def _view_range_utf16(self, screens_before: int = 0, screens_after: int = 1) -> tuple[int, int]:
        height, width = self.viewport().height(), self.viewport().width()
        # While Qt still lays out a long document (its first seconds after opening, or
        # after a jump far down), a hit test lays out up to its point but may answer the
        # end of the text; asked again it is right (measured: ~4 us a hit, so ask twice).
        # A point in the top margin may hit the end of the part laid out so far: the
        # text starts there.
        bottom = QPoint(width, screens_after * height)
        self.cursorForPosition(bottom)
        last = self.cursorForPosition(bottom).position()
        first = self.cursorForPosition(QPoint(0, -screens_before * height)).position()
        return (0 if first > last else first), last

    def _colour_pos_near_view(self, screens_before: int = 0, screens_after: int = 1) -> None:
        """Colour the words of the blocks in view not coloured yet, and soon those within a
        screen of it (a block once coloured stays so: out of view it costs nothing)."""
        if not (self._show_pos and self._pos):
            return
        if self._pos_starts is None:
            self._pos_starts = [s for s, _, _ in self._pos]
        if screens_before == 0:
            self._pos_margin_timer.start()
        doc = self.document()
        first, last = self._view_range_utf16(screens_before, screens_after)
        block = doc.findBlock(first)
        while block.isValid() and block.position() <= last:
            number = block.blockNumber()
            if number not in self._pos_blocks:
                self._pos_blocks.add(number)
                self._colour_block(doc, block)
            block = block.next()

    def _colour_block(self, doc: QTextDocument, block) -> None:
        if block.length() > COLOUR_BLOCKS_UP_TO:
            return  # re-laying out one huge line on every colour change would stall the view
        u16 = block.position()
        start_cp = self._offsets.to_codepoint(u16)
        end_cp = self._offsets.to_codepoint(u16 + block.length() - 1)
        lo = bisect.bisect_left(self._pos_starts, start_cp)
        hi = bisect.bisect_left(self._pos_starts, end_cp)
        ranges = []
        for start, end, tag in self._pos[lo:hi]:
            fmt = self._pos_formats.get(pos_class(tag))
            if fmt is None:
                continue
            r = QTextLayout.FormatRange()
            r.start = self._offsets.to_utf16(start) - u16
            r.length = self._offsets.to_utf16(min(end, end_cp)) - u16 - r.start
            r.format = fmt
            ranges.append(r)
        if ranges:
            block.layout().setFormats(ranges)
            doc.markContentsDirty(u16, block.length())  # as QSyntaxHighlighter does

    def _clear_pos_colours(self) -> None:
        doc = self.document()
        for number in sorted(self._pos_blocks):
            block = doc.findBlockByNumber(number)
            if block.isValid() and block.layout().formats():
                block.layout().clearFormats()
                doc.markContentsDirty(block.position(), block.length())
        self._pos_blocks = set()

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
                sel.cursor.setPosition(b, _CURSOR_MOVE.KeepAnchor)
                sel.format = fmt
                selections.append(sel)
            block = block.next()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        entities = self._show_entities and bool(self._entities)
        if (not (self._show_words and self._tokens_u16) and self._active_id is None and not entities
                and not self._highlights):
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        first, last = self._view_range_utf16(0, 1)
        if self._highlights:
            self._paint_lanes(painter, first, last)
        if self._show_words and self._tokens_u16:
            self._paint_word_groups(painter, first, last)
        if entities:
            for entity in self._entities_between(first, last):
                self._paint_entity(painter, entity)
        if self._active_id is not None:
            for h in self._highlights:
                if h.id == self._active_id:
                    self._paint_active(painter, h, first, last)
        painter.end()

    # --- overlapping highlights: lanes, stripes, tooltips (see ui/overlap_marks.py) -------
    def caret_offset(self) -> int:
        return self._offsets.to_codepoint(self.textCursor().position())

    def active_highlight(self) -> int | None:
        return self._active_id

    def word_spans(self) -> list[tuple[int, int]]:
        """Segmentation tokens in code points (not a copy); empty until segmented."""
        return self._tokens_cp

    def overlap_lanes(self) -> dict[int, int]:
        """Lane of each highlight that overlaps another; worked out once per change."""
        if self._lanes is None:
            self._lanes = overlap_marks.assign_lanes(self._highlights)
        return self._lanes

    def highlights_between(self, first: int, last: int) -> list[HighlightInfo]:
        """Highlights touching the UTF-16 range [first, last] (the visible text)."""
        first_cp, last_cp = self._offsets.to_codepoint(first), self._offsets.to_codepoint(last)
        lo = bisect.bisect_left(self._highlight_starts, first_cp - self._longest)
        hi = bisect.bisect_right(self._highlight_starts, last_cp)
        return [h for h in self._highlights[lo:hi] if h.end > first_cp]

    def _paint_lanes(self, painter: QPainter, first: int, last: int) -> None:
        """A stripe in the margin beside each highlight in view, and under the text of
        overlapping ones a line per lane: depth and pattern tell them apart, not colour."""
        lanes = self.overlap_lanes()
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

    def char_at(self, pos: QPoint) -> int | None:
        """The offset of the character under a viewport point; None off the text (margins,
        past a line's end), where offset_at would answer the nearest character."""
        point = QPointF(pos.x() + self.horizontalScrollBar().value(), pos.y() + self.verticalScrollBar().value())
        hit = self.document().documentLayout().hitTest(point, Qt.HitTestAccuracy.ExactHit)
        return None if hit < 0 else self._offsets.to_codepoint(hit)

    def tooltip_at(self, pos: QPoint) -> str:
        """Tags and note of every highlight under a viewport point (rich text), or ""."""
        offset = self.char_at(pos)
        hits = self.highlights_at(offset) if offset is not None else []
        return overlap_marks.tooltip_html(hits, self.overlap_lanes()) if hits else ""

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def _paint_word_groups(self, painter: QPainter, first: int, last: int) -> None:
        """A thin bracket under each multi-syllable word: "Ban | Tổ chức | Trung ương"."""
        pen = QPen(QColor(110, 130, 160, 170))
        pen.setWidthF(1.2)
        painter.setPen(pen)
        starts = [s for s, _ in self._tokens_u16]
        i = max(0, bisect.bisect_left(starts, first) - 1)
        while i < len(self._tokens_u16) and self._tokens_u16[i][0] <= last:
            start, end = self._tokens_u16[i]
            i += 1
            if " " not in self._text[self._tokens_cp[i - 1][0] : self._tokens_cp[i - 1][1]]:
                continue
            for rect in self._line_rects(start, end):
                y = rect.bottom() - 1
                painter.drawLine(rect.left() + 1, y, rect.right() - 1, y)
                painter.drawLine(rect.left() + 1, y, rect.left() + 1, y - 3)
                painter.drawLine(rect.right() - 1, y, rect.right() - 1, y - 3)

    def _entities_between(self, first: int, last: int) -> list[Suggestion]:
        """Suggestions that touch the UTF-16 range [first, last] (the visible text)."""
        first_cp, last_cp = self._offsets.to_codepoint(first), self._offsets.to_codepoint(last)
        lo = bisect.bisect_left(self._entity_starts, first_cp - self._longest_entity)
        hi = bisect.bisect_right(self._entity_starts, last_cp)
        return [e for e in self._entities[lo:hi] if e.end > first_cp]

    def _paint_entity(self, painter: QPainter, entity: Suggestion) -> None:
        """A dashed line under the words, below the word-group brackets."""
        start, end = self._offsets.to_utf16(entity.start), self._offsets.to_utf16(entity.end)
        if not self.document().findBlock(start).isVisible():
            return  # on a hidden web leftover line
        painter.setPen(_entity_pen(entity.label))
        for rect in self._line_rects(start, end):
            y = rect.bottom() + 2
            painter.drawLine(rect.left(), y, rect.right(), y)

    def _paint_active(self, painter: QPainter, h: HighlightInfo, first: int, last: int) -> None:
        start, end = self._offsets.to_utf16(h.start), self._offsets.to_utf16(h.end)
        if end < first or start > last:
            return
        pen = QPen(style.ACCENT)
        pen.setWidthF(2.0)
        painter.setPen(pen)
        for rect in self._line_rects(start, end):
            painter.drawLine(rect.left(), rect.bottom() + 1, rect.right(), rect.bottom() + 1)

    def _line_rects(self, start: int, end: int) -> list[QRect]:
        """One rectangle per visual line that the UTF-16 range [start, end) covers."""
        rects = []
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        while cursor.position() < end:
            line_start = self.cursorRect(cursor)
            probe = QTextCursor(cursor)
            probe.movePosition(QTextCursor.MoveOperation.EndOfLine)
            line_end_pos = min(probe.position(), end)
            if line_end_pos <= cursor.position():
                break
            probe.setPosition(line_end_pos)
            line_end = self.cursorRect(probe)
            rects.append(QRect(QPoint(line_start.left(), line_start.top()), QPoint(line_end.left(), line_start.bottom())))
            cursor.setPosition(line_end_pos)
            if cursor.position() < end:
                # Step past the wrap point onto the next visual line.
                cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
                cursor.movePosition(QTextCursor.MoveOperation.StartOfLine)
                if cursor.position() <= line_end_pos - 1:
                    cursor.setPosition(line_end_pos + 1)
        return rects

    # --- input --------------------------------------------------------------------------
    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self._tokens_cp and event.button() == Qt.MouseButton.LeftButton:
            word = self.word_at(self.offset_at(event.position().toPoint()))
            if word:
                self.select_offsets(*word)
                return
        super().mouseDoubleClickEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._dragging = event.button() == Qt.MouseButton.LeftButton
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        dragged, self._dragging = self._dragging, False
        if (dragged and self._snap_to_words and self._tokens_cp
                and not event.modifiers() & Qt.KeyboardModifier.AltModifier):
            self._snap_selection()
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            hits = self.highlights_at(self.offset_at(event.position().toPoint()))
            if hits:
                self.highlightClicked.emit(hits[0].id)

    def snapped(self, start: int, end: int) -> tuple[int, int]:
        """[start, end) grown to the word boundaries around its ends (known words only)."""
        word = self.word_at(start)
        if word:
            start = word[0]
        word = self.word_at(end - 1) if end > start else None
        if word:
            end = max(end, word[1])
        return start, end

    def _snap_selection(self) -> None:
        offsets = self.selected_offsets()
        if offsets is None:
            return
        start, end = self.snapped(*offsets)
        if (start, end) == offsets:
            return
        cursor = self.textCursor()
        forward = cursor.position() >= cursor.anchor()
        anchor, position = (start, end) if forward else (end, start)
        cursor.setPosition(self._offsets.to_utf16(anchor))
        cursor.setPosition(self._offsets.to_utf16(position), _CURSOR_MOVE.KeepAnchor)
        self.setTextCursor(cursor)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        pos = event.pos()
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            # The Menu key or Shift+F10: the menu is about the caret, not the mouse.
            pos = self.cursorRect().bottomLeft()
            offset = self._offsets.to_codepoint(self.textCursor().selectionStart())
        else:
            offset = self.offset_at(pos)
        if not self.textCursor().hasSelection():
            # Right-click on a highlight makes it the current one, so its actions apply.
            hits = self.highlights_at(offset)
            if hits:
                self.highlightClicked.emit(hits[0].id)
        menu = self.createStandardContextMenu(pos)
        if self._context_actions:
            first = menu.actions()[0] if menu.actions() else None
            for action in self._context_actions:
                menu.insertAction(first, action)
            menu.insertSeparator(first)
        entity = self.entity_at(offset) if self._show_entities else None
        if entity is not None and self._entity_menu is not None:
            self._entity_menu(menu, entity)
        self._context_menu = menu  # tests look at the menu while it is open
        menu.exec(self.viewport().mapToGlobal(pos))
        self._context_menu = None
        menu.deleteLater()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y()
            if steps:
                self.zoomRequested.emit(1 if steps > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Keep lines at a readable measure on wide windows by centring a column.
        column = self.fontMetrics().averageCharWidth() * MAX_COLUMN_EM * 2
        spare = max(0, self.width() - column)
        side = spare // 2
        self.setViewportMargins(side, 0, side, 0)
        super().resizeEvent(event)
        if not getattr(self, "_restyling", False):  # set_reading_style refreshes once, at its end
            self._on_scrolled()  # more or fewer lines in view
