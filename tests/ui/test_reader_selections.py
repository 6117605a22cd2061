"""Highlights that span paragraphs are painted paragraph by paragraph: Qt lays out the
whole document to measure one extra selection crossing a paragraph, which made a 1 MB
article take a quarter of a second longer to open."""

from __future__ import annotations

from datetime import datetime

from desktop_app.core.annotate.highlights import HighlightInfo


def info(hid: int, start: int, end: int, text: str) -> HighlightInfo:
    now = datetime(2026, 1, 1)
    return HighlightInfo(id=hid, article_id=1, start=start, end=end, quote=text[start:end], note="",
                         tags=[], created_at=now, modified_at=now)


def test_a_highlight_across_paragraphs_is_one_selection_per_paragraph(reader) -> None:
    text = "Đoạn một về cán bộ.\nĐoạn hai 😀 về đào tạo.\nĐoạn ba."
    reader.set_article(text)
    start, end = text.index("cán"), text.index("đào") + 3
    reader.set_highlights([info(1, start, end, text)])
    pieces = [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in reader.extraSelections()]
    doc = reader.document()
    assert len(pieces) == 2
    assert all(doc.findBlock(a) == doc.findBlock(b) for a, b in pieces)  # never across one
    u16 = reader._offsets.to_utf16
    newline = u16(text.index("\n"))
    assert pieces == [(u16(start), newline), (newline + 1, u16(end))]


def test_opening_a_long_article_does_not_lay_out_all_of_it(reader) -> None:
    paragraph = "Ông Nguyễn Văn An đến Hà Nội họp bàn việc lớn năm nay. " * 20
    text = "\n".join([paragraph] * 400)
    reader.set_article(text)
    # A highlight near the top crossing a paragraph end, as the window sets them at open.
    cross = len(paragraph) - 10
    reader.set_highlights([info(1, cross, cross + 30, text)])
    last = reader.document().lastBlock()
    assert last.layout().lineCount() == 0  # the end of the text is not laid out yet
