"""Overlapping highlights: told apart by depth and pattern (not colour alone), listed
together in the tooltip, cycled through from the keyboard; and a highlight's edges moved
one word at a time, undoably."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip

from desktop_app.core.annotate.highlights import AnnotationService, HighlightInfo, TagInfo
from desktop_app.core.annotate.resize import step_edge, whitespace_words
from desktop_app.ui.dialogs.shortcuts import menu_shortcuts
from desktop_app.ui.reader import overlap_marks
from desktop_app.ui.reader.view import ReaderView
from tests.ui.test_highlighting import open_article_containing

NOW = datetime(2024, 1, 1, tzinfo=timezone.utc)
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
PHRASE = "Ban Tổ chức Trung ương"


def info(hid: int, start: int, end: int, text: str, color: str = "#ffd166") -> HighlightInfo:
    return HighlightInfo(hid, 1, start, end, text[start:end], "", (TagInfo(hid, f"T{hid}", color),), NOW, NOW)


def overlap(a: HighlightInfo, b: HighlightInfo) -> bool:
    return a.start < b.end and b.start < a.end


def press(window, key, modifiers) -> None:
    QTest.keyClick(window.windowHandle(), key, modifiers)


def bounds(window, highlight_id: int) -> tuple[int, int]:
    h = AnnotationService(window.db).get_highlight(highlight_id)
    return h.start, h.end


def point_on(reader: ReaderView, offset: int) -> QPoint:
    """A viewport point inside the character at `offset`."""
    rect = reader.cursorRect(reader._cursor_for(offset, offset))
    return QPoint(rect.left() + 3, rect.center().y())


# --- painting -----------------------------------------------------------------------------
def test_overlapping_highlights_get_distinct_lanes_marked_by_depth_and_pattern(qtbot, monkeypatch):
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.resize(800, 500)
    reader.show()
    qtbot.waitExposed(reader)
    text = "Ban Tổ chức Trung ương họp bàn công tác cán bộ năm nay và năm sau nữa.\n" * 3
    reader.set_article(text)
    outer, inner, chained = info(1, 0, 40, text), info(2, 4, 22, text, "#8ecae6"), info(3, 30, 60, text, "#b5e48c")
    alone = info(4, 100, 120, text, "#ffadad")
    reader.set_highlights([alone, chained, inner, outer])
    QApplication.processEvents()  # the new document is laid out before it paints

    lanes = reader.overlap_lanes()
    assert set(lanes) == {1, 2, 3}  # the lone highlight needs no lane
    for a in (outer, inner, chained):
        for b in (outer, inner, chained):
            if a is not b and overlap(a, b):
                assert lanes[a.id] != lanes[b.id]
    assert lanes[outer.id] == 0  # the enclosing one sits nearest the text

    lines, stripes = [], []
    monkeypatch.setattr(overlap_marks, "draw_line",
                        lambda p, x1, x2, y, color, lane: lines.append((color, lane, y)))
    monkeypatch.setattr(overlap_marks, "draw_stripe",
                        lambda p, x, top, bottom, color, lane, overlapping: stripes.append((color, x, overlapping)))
    reader.viewport().repaint()

    by_color = {color: (lane, y) for color, lane, y in lines}
    assert set(by_color) == {"#ffd166", "#8ecae6", "#b5e48c"}  # no line under the lone one
    (lane_o, y_o), (lane_i, y_i) = by_color["#ffd166"], by_color["#8ecae6"]
    assert y_o != y_i  # stacked: each at its own depth under the same text line
    assert overlap_marks.lane_style(lane_o) != overlap_marks.lane_style(lane_i)  # solid vs dashed
    xs = {color: x for color, x, _ in stripes}
    assert xs["#ffd166"] != xs["#8ecae6"]  # margin stripes side by side, not on top of each other
    assert ("#ffadad", xs["#ffadad"], False) in stripes  # the lone one: a quiet stripe only


def test_lanes_of_a_deep_stack_all_differ_and_every_style_is_used():
    text = "x" * 100
    stack = [info(i + 1, i * 2, 100 - i * 2, text) for i in range(5)]
    lanes = overlap_marks.assign_lanes(stack)
    assert sorted(lanes.values()) == [0, 1, 2, 3, 4]
    assert {overlap_marks.lane_style(lane) for lane in lanes.values()} == set(overlap_marks.STYLES)


# --- hover --------------------------------------------------------------------------------
def test_tooltip_lists_tags_and_notes_of_every_highlight_under_the_pointer(open_window, qtbot):
    window = open_window()
    start = open_article_containing(window, PHRASE)
    service = window.service
    outer = service.create_highlight(window.current.id, start, start + len(PHRASE), ["Cơ quan"], "Cơ quan <Đảng> & Nhà nước")
    inner = service.create_highlight(window.current.id, start + 4, start + 11, ["Tổ chức", "Nhấn mạnh"], "lặp lại")
    window.reopen_current()  # made behind its back: shown anew
    reader = window.reader
    reader.scroll_to_offsets(start, start + 1, flash=False)

    tip = reader.tooltip_at(point_on(reader, start + 5))
    for shown in ("Cơ quan", "Tổ chức", "Nhấn mạnh", "lặp lại", "Cơ quan &lt;Đảng&gt; &amp; Nhà nước",
                  "2 highlights here"):
        assert shown in tip, shown
    assert "<Đảng>" not in tip  # user text is escaped, never markup
    assert tip.index("Nhấn mạnh") < tip.index("Cơ quan &lt;")  # innermost first
    only_outer = reader.tooltip_at(point_on(reader, start + 1))
    assert "Cơ quan" in only_outer and "lặp lại" not in only_outer
    assert reader.tooltip_at(QPoint(3, point_on(reader, start).y())) == ""  # the margin: no text

    # As Qt asks for it when the pointer rests.
    pos = point_on(reader, start + 5)
    event = QHelpEvent(QEvent.Type.ToolTip, pos, reader.viewport().mapToGlobal(pos))
    QApplication.sendEvent(reader.viewport(), event)
    assert QToolTip.isVisible() and "lặp lại" in QToolTip.text()
    QToolTip.hideText()
    assert {outer.id, inner.id} == set(reader.overlap_lanes())


# --- cycling ------------------------------------------------------------------------------
def test_alt_right_cycles_through_the_highlights_at_the_caret_and_wraps(open_window):
    window = open_window()
    start = open_article_containing(window, PHRASE)
    made = []
    for s, e in ((start, start + len(PHRASE)), (start, start + 11), (start + 4, start + 11)):
        window.reader.select_offsets(s, e)
        made.append(window.highlight_selection(["Lớp"]))
    outer, middle, inner = made
    window.reader.setFocus()
    window.reader.setTextCursor(window.reader._cursor_for(start + 6, start + 6))
    assert window.reader.active_highlight() == inner.id  # the last one made

    seen = []
    for _ in range(3):
        press(window, Qt.Key.Key_Right, ALT)
        seen.append((window.reader.active_highlight(), window.panel.selected_id(),
                     window.statusBar().currentMessage()))
    assert seen == [(middle.id, middle.id, "Highlight 2 of 3 here"),
                    (outer.id, outer.id, "Highlight 3 of 3 here"),
                    (inner.id, inner.id, "Highlight 1 of 3 here")]  # round again, innermost first
    press(window, Qt.Key.Key_Left, ALT)
    assert window.reader.active_highlight() == outer.id == window.panel.selected_id()
    assert window.panel.editor.current_id() == outer.id  # its card is open in the editor
    # Only the outer one covers "Trung ương".
    window.reader.setTextCursor(window.reader._cursor_for(start + 14, start + 14))
    press(window, Qt.Key.Key_Right, ALT)
    assert window.statusBar().currentMessage() == "Highlight 1 of 1 here"


# --- grow and shrink ----------------------------------------------------------------------
def _one_highlight_on_to_chuc(window, tokens: bool) -> tuple[int, HighlightInfo]:
    start = open_article_containing(window, PHRASE)
    if tokens:  # as segmentation gives them: "Tổ chức" and "Trung ương" are one word each
        words = whitespace_words(window.current.text, start - 300, start + 300)
        words = [w for w in words if not start <= w[0] < start + len(PHRASE)]
        words += [(start, start + 3), (start + 4, start + 11), (start + 12, start + 22)]
        window.reader.set_tokens(sorted(words))
    window.reader.select_offsets(start + 4, start + 11)
    h = window.highlight_selection(["Tổ chức"])
    window.reader.setFocus()
    return start, h


def test_edges_move_one_word_at_a_time_to_word_boundaries_and_undo_as_one_step(open_window):
    window = open_window()
    start, h = _one_highlight_on_to_chuc(window, tokens=True)
    steps = len(window.history.steps)
    press(window, Qt.Key.Key_BracketRight, CTRL)  # end: one word right
    assert bounds(window, h.id) == (start + 4, start + 22)  # "Tổ chức Trung ương": the whole word
    press(window, Qt.Key.Key_BracketLeft, CTRL | SHIFT)  # start: one word left
    assert bounds(window, h.id) == (start, start + 22)
    press(window, Qt.Key.Key_BracketLeft, CTRL)  # end: one word left
    assert bounds(window, h.id) == (start, start + 11)
    assert window.service.get_highlight(h.id).quote == "Ban Tổ chức"
    assert [x.quote for x in window.panel.model.highlights()] == ["Ban Tổ chức"]
    assert window.reader._highlights[0].start == start and window.reader._highlights[0].end == start + 11
    assert len(window.history.steps) == steps + 1  # one run of presses, one step
    assert window.commands.act_undo.text() == "Undo Resize highlight “Tổ chức”"

    press(window, Qt.Key.Key_Z, CTRL)
    assert bounds(window, h.id) == (start + 4, start + 11)  # exactly as it was
    assert window.service.get_highlight(h.id).quote == "Tổ chức"
    assert window.panel.selected_id() == h.id  # still the card being worked on
    press(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert bounds(window, h.id) == (start, start + 11)
    assert window.panel.model.highlights()[0].quote == "Ban Tổ chức"


def test_shrinking_stops_before_empty_and_each_highlight_is_its_own_step(open_window):
    window = open_window()
    start, h = _one_highlight_on_to_chuc(window, tokens=True)
    steps = len(window.history.steps)
    for key, mods in ((Qt.Key.Key_BracketLeft, CTRL), (Qt.Key.Key_BracketRight, CTRL | SHIFT)):
        press(window, key, mods)  # "Tổ chức" is one word: neither edge can move in
        assert bounds(window, h.id) == (start + 4, start + 11)
        assert window.statusBar().currentMessage() == "The highlight cannot get any shorter."
    assert len(window.history.steps) == steps

    press(window, Qt.Key.Key_BracketRight, CTRL)
    press(window, Qt.Key.Key_BracketRight, CTRL | SHIFT)  # start one word right: "Trung ương"
    assert bounds(window, h.id) == (start + 12, start + 22)
    window.panel.tagClicked.emit("Khác")  # another kind of change in between
    press(window, Qt.Key.Key_BracketLeft, CTRL | SHIFT)
    assert bounds(window, h.id) == (start + 4, start + 22)
    assert len(window.history.steps) == steps + 3  # resize, tag, resize
    window.commands.act_undo.trigger()
    assert bounds(window, h.id) == (start + 12, start + 22)
    window.commands.act_undo.trigger()
    window.commands.act_undo.trigger()
    assert bounds(window, h.id) == (start + 4, start + 11)

    # Grown and shrunk back to where it was: no step is left for it.
    press(window, Qt.Key.Key_BracketRight, CTRL)
    assert window.commands.act_undo.text() == "Undo Resize highlight “Tổ chức”"
    press(window, Qt.Key.Key_BracketLeft, CTRL)
    assert bounds(window, h.id) == (start + 4, start + 11)
    assert window.commands.act_undo.text() == "Undo Highlight “Tổ chức”"
    assert len(window.history.steps) == window.history.position == 1


def test_without_segmentation_a_word_is_a_run_of_letters(open_window):
    window = open_window()
    start, h = _one_highlight_on_to_chuc(window, tokens=False)
    assert not window.reader.has_tokens()
    press(window, Qt.Key.Key_BracketRight, CTRL)
    assert bounds(window, h.id) == (start + 4, start + 17)  # "Tổ chức Trung": one syllable
    press(window, Qt.Key.Key_BracketLeft, CTRL | SHIFT)
    assert bounds(window, h.id) == (start, start + 17)
    press(window, Qt.Key.Key_BracketRight, CTRL | SHIFT)
    press(window, Qt.Key.Key_BracketRight, CTRL | SHIFT)
    assert bounds(window, h.id) == (start + 7, start + 17)  # "chức Trung"


def test_shift_ctrl_right_in_the_reader_still_extends_a_text_selection(open_window):
    window = open_window()
    start, h = _one_highlight_on_to_chuc(window, tokens=True)
    window.reader.select_offsets(start, start + 3)
    QTest.keyClick(window.reader, Qt.Key.Key_Right, CTRL | SHIFT)
    selected = window.reader.selected_offsets()
    assert selected is not None and selected[0] == start and selected[1] > start + 3
    assert bounds(window, h.id) == (start + 4, start + 11)  # the highlight did not move


@pytest.mark.parametrize(("edge", "grow", "expected"), [
    ("end", True, (4, 22)), ("end", False, None), ("start", True, (0, 11)), ("start", False, None),
])
def test_step_edge_on_tokens(edge, grow, expected):
    words = [(0, 3), (4, 11), (12, 22)]
    assert step_edge(words, 4, 11, edge, grow) == expected


def test_step_edge_from_inside_a_word_reaches_its_boundary_first():
    words = [(0, 3), (4, 11), (12, 22)]
    assert step_edge(words, 5, 9, "end", True) == (5, 11)
    assert step_edge(words, 5, 16, "end", False) == (5, 11)
    assert step_edge(words, 5, 16, "start", True) == (4, 16)
    assert step_edge(words, 5, 16, "start", False) == (12, 16)
    assert step_edge(words, 12, 22, "end", True) is None  # the last word


# --- the menu -----------------------------------------------------------------------------
def test_new_commands_are_in_the_edit_menu_and_no_two_commands_share_a_key(open_window):
    window = open_window()
    rows = menu_shortcuts(window.menuBar())
    edit = {keys for menu, keys, _what in rows if menu == "Edit"}
    for keys in ("Alt+Right", "Alt+Left", "Ctrl+]", "Ctrl+[", "Ctrl+Shift+[", "Ctrl+Shift+]"):
        assert QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText) in edit, keys
    seen: dict[str, str] = {}
    from PySide6.QtGui import QAction

    for action in window.findChildren(QAction):
        for seq in action.shortcuts():
            key = seq.toString(QKeySequence.SequenceFormat.PortableText)
            assert key not in seen, f"{key}: {seen[key]} and {action.text()}"
            seen[key] = action.text()


def test_a_start_moved_past_another_highlight_reorders_the_cards(open_window):
    """Cards are in text order: growing a highlight's start over another's start moves its
    card above that one's at once, and it stays the selected card."""
    window = open_window()
    start, h = _one_highlight_on_to_chuc(window, tokens=True)  # "Tổ chức"
    window.reader.select_offsets(start + 1, start + 3)  # "an" of "Ban", just before it
    other = window.highlight_selection(["an"])
    assert [c.id for c in window.panel.model.highlights()][-2:] == [other.id, h.id]
    window.panel.select(h.id)
    window.reader.setFocus()
    press(window, Qt.Key.Key_BracketLeft, CTRL | SHIFT)  # start one word left: onto "Ban"
    assert bounds(window, h.id) == (start, start + 11)
    order = [c.id for c in window.panel.model.highlights()]
    assert order.index(h.id) < order.index(other.id)  # "Ban Tổ chức" now starts first
    shown = [c.id for c in window.panel.model.rows()]  # and so do the cards on screen
    assert shown.index(h.id) < shown.index(other.id)
    assert window.panel.selected_id() == h.id
    press(window, Qt.Key.Key_BracketRight, CTRL | SHIFT)  # start one word right: back after "an"
    assert bounds(window, h.id) == (start + 4, start + 11)
    shown = [c.id for c in window.panel.model.rows()]
    assert shown.index(other.id) < shown.index(h.id)
    assert window.panel.selected_id() == h.id


def test_lanes_worked_out_for_the_view_equal_those_of_the_whole_article(qtbot):
    """Lanes are worked out only for the runs of overlaps in view; a highlight gets the
    same lane whichever part of the article was painted first."""
    import random

    rng = random.Random(3)
    text = "Ông Nguyễn Văn An đến Hà Nội họp bàn việc lớn năm nay. " * 400
    highlights = []
    for hid in range(1, 600):
        start = rng.randrange(0, len(text) - 60)
        highlights.append(info(hid, start, start + rng.randrange(3, 60), text))
    everything = overlap_marks.assign_lanes(sorted(highlights, key=lambda h: (h.start, -h.end)))
    assert len(everything) > 100  # many overlap
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.set_article(text)
    for first in (len(text) // 2, 0, len(text) - 500, 7000):
        reader.set_highlights(highlights)
        lanes = reader.overlap_lanes(first, first + 400)
        near = [h for h in highlights if h.start <= first + 400 and h.end >= first and h.id in everything]
        assert near and all(lanes[h.id] == everything[h.id] for h in near)
        assert set(lanes) <= set(everything)
    assert reader.overlap_lanes() == everything
