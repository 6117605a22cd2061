"""The document the reader shows: the stored article text as it is, set for reading.

Everything here is a block or character format: the text never changes, so a document
position stays the article offset in UTF-16 and highlights stay exact. Positions given
here are UTF-16 already: ReaderView (ui/reader.py) is the only place that converts.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument

from desktop_app.ui.theme import style

DOCUMENT_MARGIN = 28


def new_document(parent: QObject, text: str, font: QFont, line_height_percent: int) -> QTextDocument:
    """The text in a new document, spaced for reading. Built detached, to be swapped in:
    formatting a document the view is laying out re-lays it for every block (1 MB of
    text: 8 s attached, 40 ms detached)."""
    doc = QTextDocument(parent)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(DOCUMENT_MARGIN)
    doc.setUndoRedoEnabled(False)
    cursor = QTextCursor(doc)
    cursor.insertText(text)
    cursor.select(QTextCursor.SelectionType.Document)
    block = QTextBlockFormat()
    block.setLineHeight(line_height_percent, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    block.setBottomMargin(8)
    cursor.mergeBlockFormat(block)
    compact_blank_lines(doc)
    return doc


def set_line_height(doc: QTextDocument, line_height_percent: int) -> None:
    """New line spacing for every paragraph (blank lines stay a small gap). Call inside
    an edit block: one paragraph at a time re-lays the document out each time."""
    cursor = QTextCursor(doc)
    cursor.select(QTextCursor.SelectionType.Document)
    block = QTextBlockFormat()
    block.setLineHeight(line_height_percent, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    cursor.mergeBlockFormat(block)
    compact_blank_lines(doc)


def compact_blank_lines(doc: QTextDocument) -> None:
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


def style_title(doc: QTextDocument, start: int, end: int, text_size: float) -> None:
    """The title [start, end) bold, 1.6x the text's point size, a little apart."""
    cursor = QTextCursor(doc)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    fmt = QTextCharFormat()
    fmt.setFontPointSize(text_size * 1.6)
    fmt.setFontWeight(QFont.Weight.Bold)
    cursor.mergeCharFormat(fmt)
    block = QTextBlockFormat()
    block.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    block.setBottomMargin(18)
    cursor.mergeBlockFormat(block)


def mark_leftovers(doc: QTextDocument, spans: list[tuple[int, int]], show: bool) -> list[tuple[int, int]]:
    """Web leftovers [start, end): whole lines are hidden (or, with `show`, greyed);
    parts of a line (e.g. "In trang" glued to a title) are greyed. Returns those greyed."""
    greyed = []
    for start, end in spans:
        first = doc.findBlock(start)
        whole_line = first.isValid() and first.position() == start and first.length() - 1 == end - first.position()
        if whole_line and not show:
            first.setVisible(False)
        else:
            first.setVisible(True)
            greyed.append((start, end))
    grey_leftovers(doc, greyed)
    doc.markContentsDirty(0, doc.characterCount())
    return greyed


def grey_leftovers(doc: QTextDocument, spans: list[tuple[int, int]]) -> None:
    """The theme's muted italic on the leftovers shown; again when the theme changes."""
    muted = QTextCharFormat()
    muted.setForeground(style.MUTED)
    muted.setFontItalic(True)
    for start, end in spans:
        cursor = QTextCursor(doc)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(muted)
