"""The reader's word view: what segmentation and tagging know about the words.

Word boundaries are a thin bracket under each multi-syllable word, painted for the
visible part only; they also let a double-click or a drag take whole words.

Parts of speech colour the text through the block layouts' own formats (what
QSyntaxHighlighter uses: the document text and its formats never change), set only on
the blocks within a screen of the view as they come near (a 1 MB article has ~120,000
words). As extra selections they made every repaint ~10x slower (Qt redraws a line once
per selection on it); as layout formats a repaint costs about what plain text does.
Named-entity suggestions get a dashed underline, painted for the visible ones only:
fills are the user's highlights, dashes are the machine's guesses.

A mixin of ReaderView (ui/reader.py), which owns the document, the offsets and paintEvent.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen, QTextCharFormat, QTextDocument, QTextLayout
from PySide6.QtWidgets import QMenu, QTextEdit

from desktop_app.core.nlp.pos_ner import Suggestion, pos_class
from desktop_app.ui.reader.sorted_spans import touching
from desktop_app.ui.theme import style

if TYPE_CHECKING:
    from PySide6.QtCore import QRect

    from desktop_app.core.text.normalize import OffsetMap

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


def _pos_formats(colours: dict[str, str]) -> dict[str, QTextCharFormat]:
    """One text format per part-of-speech class, made once per theme (not per word)."""
    formats = {}
    for cls, color in colours.items():
        fmt = QTextCharFormat()
        fmt.setForeground(QColor(color))
        formats[cls] = fmt
    return formats


# Type checkers see the QTextEdit this is mixed into; at run time it is a plain class.
_Base = QTextEdit if TYPE_CHECKING else object


class ReaderWordView(_Base):
    """Word boundaries, part-of-speech colours and entity suggestions of ReaderView."""

    if TYPE_CHECKING:  # what the mixin uses of ReaderView
        _text: str
        _offsets: OffsetMap

        def _view_range_utf16(self, screens_before: int = 0, screens_after: int = 1) -> tuple[int, int]: ...
        def _line_rects(self, start: int, end: int) -> list[QRect]: ...

    def _init_word_view(self) -> None:
        """The word view's state; ReaderView.__init__ calls it."""
        self._tokens_u16: list[tuple[int, int]] = []
        self._token_starts_u16: list[int] = []
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
        self._pos_formats: dict[str, QTextCharFormat] = _pos_formats(POS_COLORS)
        self._entities: list[Suggestion] = []
        self._entity_starts: list[int] = []
        self._longest_entity = 0
        self._show_entities = False
        self._entity_menu: Callable[[QMenu, Suggestion], None] | None = None

    def _forget_words(self) -> None:
        """A new article: the old one's tokens, tags and suggestions go (its blocks too)."""
        self.set_tokens(None)
        self._pos, self._pos_starts, self._pos_blocks = [], None, set()  # the old document goes
        self.set_entities(None)

    # --- word boundaries ------------------------------------------------------------------
    def set_tokens(self, spans: list[tuple[int, int]] | None) -> None:
        """Word spans (code points) from segmentation; None until segmentation is ready."""
        spans = spans or []
        self._tokens_cp = list(spans)
        self._token_starts_cp = [s for s, _ in spans]
        self._tokens_u16 = [(self._offsets.to_utf16(s), self._offsets.to_utf16(e)) for s, e in spans]
        self._token_starts_u16 = [s for s, _ in self._tokens_u16]  # once, not on every paint
        if self._show_words:  # tokens change nothing on screen otherwise: spare a full repaint
            self.viewport().update()

    def has_tokens(self) -> bool:
        return bool(self._tokens_cp)

    def set_show_word_boundaries(self, show: bool) -> None:
        self._show_words = show
        self.viewport().update()

    def word_spans(self) -> list[tuple[int, int]]:
        """Segmentation tokens in code points (not a copy); empty until segmented."""
        return self._tokens_cp

    def word_at(self, offset: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self._token_starts_cp, offset) - 1
        if i >= 0:
            start, end = self._tokens_cp[i]
            if start <= offset < end:
                return start, end
        return None

    def _paint_word_groups(self, painter: QPainter, first: int, last: int) -> None:
        """A thin bracket under each multi-syllable word: "Ban | Tổ chức | Trung ương"."""
        pen = QPen(QColor(110, 130, 160, 170))
        pen.setWidthF(1.2)
        painter.setPen(pen)
        i = max(0, bisect.bisect_left(self._token_starts_u16, first) - 1)
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

    # --- parts of speech ------------------------------------------------------------------
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

    def _follow_theme_pos_colours(self) -> None:
        """The theme's word colours: when they changed, the coloured blocks are cleared
        (the view's are coloured again by the next scroll refresh)."""
        colours = style.pos_colors()
        if colours != {cls: fmt.foreground().color().name() for cls, fmt in self._pos_formats.items()}:
            self._pos_formats = _pos_formats(colours)
            self._clear_pos_colours()

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

    # --- entity suggestions ---------------------------------------------------------------
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
        hits = touching(self._entities, self._entity_starts, self._longest_entity, offset, offset)
        return min(hits, key=lambda e: e.end - e.start) if hits else None

    def set_entity_menu(self, fill: Callable[[QMenu, Suggestion], None] | None) -> None:
        """Called with the context menu and the suggestion under the mouse (when entities
        are shown), to add its actions: see ui/suggestions.py."""
        self._entity_menu = fill

    def _entities_between(self, first: int, last: int) -> list[Suggestion]:
        """Suggestions that touch the UTF-16 range [first, last] (the visible text)."""
        first_cp, last_cp = self._offsets.to_codepoint(first), self._offsets.to_codepoint(last)
        return touching(self._entities, self._entity_starts, self._longest_entity, first_cp, last_cp)

    def _paint_entity(self, painter: QPainter, entity: Suggestion) -> None:
        """A dashed line under the words, below the word-group brackets."""
        start, end = self._offsets.to_utf16(entity.start), self._offsets.to_utf16(entity.end)
        if not self.document().findBlock(start).isVisible():
            return  # on a hidden web leftover line
        painter.setPen(_entity_pen(entity.label))
        for rect in self._line_rects(start, end):
            y = rect.bottom() + 2
            painter.drawLine(rect.left(), y, rect.right(), y)
