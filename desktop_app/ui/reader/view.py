"""The reader: article text in a comfortable column, highlights painted, selection -> offsets.

The document holds exactly the stored article text, so a document position is the
article offset converted to UTF-16 (Qt) by `OffsetMap`; this widget is the only place
that converts. Highlights are extra selections (they never change the document); word
boundaries and the active highlight are painted over the text for the visible part only.

ReaderView is the class everyone uses. Two mixins hold its larger parts:
  ui/reader_highlights.py  highlights, find matches, the jump flash, overlap lanes, tooltips
  ui/reader_word_view.py   word boundaries, part-of-speech colours, entity suggestions
ui/reader_document.py builds and formats the document. This module keeps the view: its
reading style, offsets and selection, navigation, what is in view, painting order, input.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QFont,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip, QWidget

from desktop_app.core.text.normalize import OffsetMap
from desktop_app.ui.reader import document as reader_document
from desktop_app.ui.reader.highlights import WINDOWED_ABOVE, ReaderHighlights
from desktop_app.ui.reader.word_view import COLOUR_BLOCKS_UP_TO, ENTITY_STYLES, POS_COLORS, ReaderWordView
from desktop_app.ui.theme import style

# The word view's and the highlights' constants are imported from here too.
__all__ = [
    "COLOUR_BLOCKS_UP_TO",
    "ENTITY_STYLES",
    "LINE_HEIGHT_PERCENT",
    "MAX_COLUMN_EM",
    "POS_COLORS",
    "WINDOWED_ABOVE",
    "ReaderView",
]

LINE_HEIGHT_PERCENT = 160
MAX_COLUMN_EM = 38  # about 75 characters per line: the classic comfortable measure
_CURSOR_MOVE = QTextCursor.MoveMode


class ReaderView(ReaderWordView, ReaderHighlights, QTextEdit):
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
        # Lines always wrap (at a word, or anywhere for a long URL), so there is nothing to
        # scroll to sideways. Word colours shape a line in runs, which can make it measure a
        # fraction of a pixel wider than it was broken for: Qt then gave the view a scroll
        # bar with ~1 px of range, and the caret at a line's end shifted the text by it.
        # The fraction falls in the document margin: the range is kept at zero.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        sideways = self.horizontalScrollBar()
        sideways.rangeChanged.connect(lambda _low, high: sideways.setRange(0, 0) if high else None)
        self._text = ""
        self._offsets = OffsetMap("")
        self._init_word_view()
        self._snap_to_words = True
        self._view_ranges: dict[tuple, tuple[int, int]] = {}
        self._dragging = False
        self._context_actions: list[QAction] = []
        self._context_menu: QMenu | None = None
        self._init_highlights()
        self.selectionChanged.connect(self.selectionOffsetsChanged)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    # --- content ------------------------------------------------------------------------
    def set_article(self, text: str, title_span: tuple[int, int] | None = None) -> None:
        self._text = text
        self._offsets = OffsetMap(text)
        self._forget_highlights()
        self._forget_words()
        self._title_span = title_span  # set_reading_style sizes it again
        self._greyed: list[tuple[int, int]] = []  # leftovers shown greyed (UTF-16): set_reading_style
        self._grey = style.MUTED.name()  # recolours them in a new theme
        self._view_ranges.clear()
        line_height = getattr(self, "_line_height", LINE_HEIGHT_PERCENT)  # set_reading_style's
        doc = reader_document.new_document(self, text, self.font(), line_height)  # detached, swapped in
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
        new_grey = bool(getattr(self, "_greyed", None)) and style.MUTED.name() != self._grey
        self._line_height = line_height_percent
        if new_font or new_spacing:
            self.setExtraSelections([])  # while the old layout still places them cheaply
        bar.valueChanged.disconnect(self._on_scrolled)
        self._restyling = True  # resizeEvent: no refresh either
        try:
            # Formats before the font: formats changed while Qt re-lays the text out for a
            # new font (it does so lazily) left it half laid out, for good.
            if new_spacing or (new_font and title) or new_grey:
                doc = self.document()
                cursor = QTextCursor(doc)
                cursor.beginEditBlock()
                if new_spacing:
                    reader_document.set_line_height(doc, line_height_percent)
                if new_grey:  # a new theme: its grey on the leftovers shown
                    reader_document.grey_leftovers(doc, self._greyed)
                    self._grey = style.MUTED.name()
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
        self._follow_theme_pos_colours()
        self._on_scrolled()  # word colours near the view
        self._refresh_extra_selections()  # in their new places, in the theme's colours
        self.viewport().update()

    def _style_title(self, doc: QTextDocument, start: int, end: int, text_size: float = 0.0) -> None:
        """Bold, 1.6x the text's size (`text_size`, or the view's font)."""
        size = text_size if text_size > 0 else self.font().pointSizeF()
        reader_document.style_title(doc, self._offsets.to_utf16(start), self._offsets.to_utf16(end), size)

    def text(self) -> str:
        return self._text

    def set_hidden_spans(self, spans: tuple[tuple[int, int], ...], show: bool = False) -> None:
        """Web leftovers: whole lines are hidden (or, with `show`, greyed); parts of a line
        (e.g. "In trang" glued to a title) are greyed. The document text never changes,
        so offsets, selection and highlights stay exact. Call right after set_article."""
        if not spans:
            return
        u16 = self._offsets.to_utf16
        self._greyed = reader_document.mark_leftovers(self.document(), [(u16(s), u16(e)) for s, e in spans], show)

    def set_snap_to_words(self, snap: bool) -> None:
        """A selection made with the mouse grows to whole words (not with Alt held when
        the button is let go)."""
        self._snap_to_words = snap

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

    def caret_offset(self) -> int:
        return self._offsets.to_codepoint(self.textCursor().position())

    def char_at(self, pos: QPoint) -> int | None:
        """The offset of the character under a viewport point; None off the text (margins,
        past a line's end), where offset_at would answer the nearest character."""
        point = QPointF(pos.x() + self.horizontalScrollBar().value(), pos.y() + self.verticalScrollBar().value())
        hit = self.document().documentLayout().hitTest(point, Qt.HitTestAccuracy.ExactHit)
        return None if hit < 0 else self._offsets.to_codepoint(hit)

    # --- navigation ---------------------------------------------------------------------
    def scroll_to_offsets(self, start: int, end: int, flash: bool = True) -> None:
        cursor = self._cursor_for(start, start)
        self.setTextCursor(cursor)
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)
        if flash:
            self._start_flash(start, end)

    # --- what is in view ----------------------------------------------------------------
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
        # Hit tests far into a 1 MB article cost ~1 ms each and a paint asks six: kept until
        # the view scrolls, resizes, or the layout grows (the scroll range follows it; the
        # layout's documentSize() would lay out the whole document first) or changes.
        doc = self.document()
        bar = self.verticalScrollBar()
        key = (bar.value(), bar.maximum(), self.horizontalScrollBar().value(), width, height,
               screens_before, screens_after, doc.revision(), id(doc))
        cached = self._view_ranges.get(key)
        if cached is not None:
            return cached
        if len(self._view_ranges) > 16:
            self._view_ranges.clear()
        self._view_ranges[key] = found = self._hit_view_range(width, height, screens_before, screens_after)
        return found

    def _hit_view_range(self, width: int, height: int, screens_before: int, screens_after: int) -> tuple[int, int]:
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

    # --- painting -----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        entities = self._show_entities and bool(self._entities)
        if (not (self._show_words and self._tokens_u16) and self._active_id is None and not entities
                and not self._highlights):
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        first, last = self._view_range_utf16(0, 1)
        # Lanes first, the active highlight's underline last: it stays on top.
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

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(event.pos())
            if text:
                # Rich text built with every user value escaped (overlap_marks.tooltip_html).
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

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
