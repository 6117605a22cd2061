"""A heavily annotated long article: only highlights near the view go to Qt, and the
set follows the scroll bar, so nothing in view is ever left unpainted."""

from __future__ import annotations

from datetime import datetime, timezone

from desktop_app.core.annotate.highlights import HighlightInfo, TagInfo
from desktop_app.ui.reader.view import WINDOWED_ABOVE, ReaderView

TAG = (TagInfo(1, "Mã", "#ffd166"),)
NOW = datetime(2024, 1, 1, tzinfo=timezone.utc)


def painted(reader: ReaderView) -> set[int]:
    starts = {reader._offsets.to_utf16(h.start): h.id for h in reader._highlights}
    return {starts[s.cursor.selectionStart()] for s in reader.extraSelections()}


def visible_ids(reader: ReaderView) -> set[int]:
    view = reader.viewport().rect()
    out = set()
    for h in reader._highlights:
        rect = reader.cursorRect(reader._cursor_for(h.start, h.start))
        if view.intersects(rect):
            out.add(h.id)
    return out


def test_only_highlights_near_the_view_are_handed_to_qt_and_they_follow_scrolling(qtbot):
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.resize(800, 600)
    reader.show()
    line = "Ban Tổ chức Trung ương họp bàn công tác cán bộ 😀 năm nay.\n"
    text = line * 2000
    reader.set_article(text)
    highlights = [HighlightInfo(i + 1, 1, i * len(line), i * len(line) + 3, text[:3], "", TAG, NOW, NOW)
                  for i in range(0, 2000, 2)]
    assert len(highlights) > WINDOWED_ABOVE
    reader.set_highlights(highlights)
    first = painted(reader)
    assert visible_ids(reader) <= first and len(first) < len(highlights) // 5
    bar = reader.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    middle = painted(reader)
    assert visible_ids(reader) <= middle and not (middle & first)
    # A highlight added in view is painted at once.
    start = reader._offsets.to_codepoint(reader.cursorForPosition(reader.viewport().rect().center()).position())
    new = HighlightInfo(99_999, 1, start, start + 2, text[start:start + 2], "", TAG, NOW, NOW)
    reader.upsert_highlight(new)
    assert 99_999 in painted(reader)
