"""The heights of the annotation pane's parts: the tag palette as tall as its chips, the
highlight editor as tall as its content, the cards the rest.

QSplitter keeps a size it was given even above a part's maximum, as an empty gap (three
tags once sat in a 130 px box), so the sizes are set here whenever the chips, the pane's
height or the screen change. On a short pane (a 1024x700 screen) the palette shows two
rows before it scrolls, the note box three lines, and a first start leaves the memo
shut (its handle stays at the bottom; Edit → Write article memo, Ctrl+Shift+M, opens
it, and a memo opened stays open): the cards get the room. A memo is written once per
article; the cards are looked at all the time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject

if TYPE_CHECKING:
    from desktop_app.ui.panel.pane import AnnotationPane

PALETTE, CARDS, EDITOR, MEMO = range(4)
PALETTE_ROWS, PALETTE_ROWS_SHORT = 4, 2  # chip rows shown before the palette scrolls
SHORT_PANE = 700  # px of pane height
NOTE_LINES_SHORT = 3


class PanelFitter(QObject):
    def __init__(self, pane: AnnotationPane) -> None:
        super().__init__(pane)
        self.pane = pane
        self.splitter = pane.splitter
        self.note_height = pane.editor.note.minimumHeight()  # the editor's own (fixed) height
        self._shown_once = False
        self._fitting = False
        self._short: bool | None = None
        pane.palette.heightChanged.connect(self.fit)
        pane.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.pane and event.type() == QEvent.Type.Show:
            first = not self._shown_once
            self._shown_once = True
            self.fit(first_show=first)
        elif watched is self.pane and event.type() == QEvent.Type.Resize and self._short != self.is_short():
            self.fit()  # a short pane now, or a tall one: what a user dragged stays otherwise
        return False

    def is_short(self) -> bool:
        return sum(self.splitter.sizes()) < SHORT_PANE

    def fit(self, first_show: bool = False) -> None:
        if self._fitting or not self.pane.isVisible() or sum(self.splitter.sizes()) <= 0:
            return  # not laid out yet: the Show event comes back
        self._fitting = True
        try:
            short = self._short = self.is_short()
            note = self.pane.editor.note
            lines = note.fontMetrics().lineSpacing() * NOTE_LINES_SHORT + 14  # padding and frame
            height = min(self.note_height, lines) if short else self.note_height
            if note.height() != height:
                note.setFixedHeight(height)
            if first_show and short and not self.splitter.restored:
                self._set_height(MEMO, 0)  # shut; Edit → Write article memo opens it
            self._set_height(EDITOR, self.pane.editor.sizeHint().height())
            self._fit_palette(short)
        finally:
            self._fitting = False

    def _fit_palette(self, short: bool) -> None:
        box, palette = self.splitter.widget(PALETTE), self.pane.palette
        box.layout().activate()  # its maximum follows the chips
        rows = PALETTE_ROWS_SHORT if short else PALETTE_ROWS
        title = box.maximumHeight() - palette.maximumHeight()
        self._set_height(PALETTE, min(box.maximumHeight(),
                                      title + rows * palette.row_height() + 2 * palette.frameWidth()))

    def _set_height(self, part: int, height: int) -> None:
        """`part` at `height`, the difference taken from (or given to) the cards, which
        keep their minimum. A part dragged shut stays shut."""
        sizes = self.splitter.sizes()
        if sizes[part] == 0:
            return
        delta = min(height - sizes[part], sizes[CARDS] - self.splitter.widget(CARDS).minimumSizeHint().height())
        if delta:
            sizes[part] += delta
            sizes[CARDS] -= delta
            self.splitter.setSizes(sizes)
