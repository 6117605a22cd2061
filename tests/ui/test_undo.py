"""Undo and redo of every annotation change, from the keyboard and the Edit menu."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop_app.core.annotate.highlights import AnnotationService
from tests.ui.english import shipped
from tests.ui.test_highlighting import open_article_containing


def stored(window) -> list[tuple[int, int, int, list[str], str]]:
    return [(h.id, h.start, h.end, h.tag_names, h.note)
            for h in AnnotationService(window.db).highlights_for_article(window.current.id)]


def shown(window) -> list[int]:
    return [h.id for h in window.panel.model.highlights()]


def press(window, key, modifiers=Qt.KeyboardModifier.ControlModifier) -> None:
    window.reader.setFocus()
    QTest.keyClick(window.windowHandle(), key, modifiers)


def test_undo_and_redo_a_new_highlight_from_the_keyboard(open_window):
    window = open_window()
    start = open_article_containing(window, "Ban Tổ chức Trung ương")
    window.reader.select_offsets(start, start + 11)
    info = window.highlight_selection(["Cơ quan"])
    assert window.commands.act_undo.text() == "Undo Highlight “Ban Tổ chức”"
    press(window, Qt.Key.Key_Z)
    assert stored(window) == [] and shown(window) == [] and window.reader.extraSelections() == []
    press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert stored(window) == [(info.id, info.start, info.end, ["Cơ quan"], "")]
    assert shown(window) == [info.id]


def test_undo_delete_brings_back_tags_and_note_and_redo_deletes_again(open_window, monkeypatch):
    window = open_window()
    start = open_article_containing(window, "Ban Tổ chức Trung ương")
    window.reader.select_offsets(start, start + 11)
    info = window.highlight_selection(["A", "B"])
    window.highlights.save_note(info.id, "ghi chú quan trọng")
    before = stored(window)
    window.delete_highlight(info.id)
    assert stored(window) == []
    window.commands.act_undo.trigger()
    assert stored(window) == before and shown(window) == [info.id]
    window.commands.act_redo.trigger()
    assert stored(window) == []


def test_tag_changes_undo_step_by_step_and_note_saves_merge(open_window):
    window = open_window()
    start = open_article_containing(window, "Ban Tổ chức Trung ương")
    window.reader.select_offsets(start, start + 11)
    info = window.highlight_selection(["A"])
    window.panel.select(info.id)
    window.panel.tagClicked.emit("B")  # toggles B on the selected highlight
    assert stored(window)[0][3] == ["A", "B"]
    for typed in ("g", "gh", "ghi chú"):  # the editor saves as the user types
        window.highlights.save_note(info.id, typed)
    assert len(window.history.steps) == 3  # highlight, tags, one step for the note
    window.commands.act_undo.trigger()
    assert stored(window)[0][4] == ""
    window.commands.act_undo.trigger()
    assert stored(window)[0][3] == ["A"]
    window.commands.act_redo.trigger()
    window.commands.act_redo.trigger()
    assert stored(window)[0][3:] == (["A", "B"], "ghi chú")


def test_many_highlights_at_once_are_one_step(open_window):
    window = open_window()
    open_article_containing(window, "cán bộ")
    text = window.current.text
    spans = []
    at = text.find("cán bộ")
    while at >= 0 and len(spans) < 5:
        spans.append((window.current.id, at, at + len("cán bộ")))
        at = text.find("cán bộ", at + 1)
    ids = window.create_highlights(spans, ["Cán bộ"])
    assert len(ids) == len(spans) and sorted(shown(window)) == sorted(ids)
    assert len(spans) > 1
    assert window.commands.act_undo.text() == f"Undo Highlight {len(spans)} passages"
    window.commands.act_undo.trigger()
    assert stored(window) == [] and shown(window) == []
    window.commands.act_redo.trigger()
    assert sorted(h[0] for h in stored(window)) == sorted(ids)


def test_panel_filter_sort_multi_select_and_bulk_changes_undo_as_one(open_window, monkeypatch):
    from PySide6.QtCore import QItemSelectionModel

    window = open_window()
    open_article_containing(window, "cán bộ")
    text = window.current.text
    spans, at = [], text.find("cán bộ")
    while at >= 0 and len(spans) < 4:
        spans.append((window.current.id, at, at + len("cán bộ")))
        at = text.find("cán bộ", at + 1)
    ids = window.create_highlights(spans, ["Cán bộ"])
    window.reader.select_offsets(0, 5)
    other = window.highlight_selection(["Mở đầu"])
    panel = window.panel
    panel.filter_text.setText("CAN BO")  # folded: finds "cán bộ"
    assert sorted(h.id for h in panel.model.rows()) == sorted(ids)
    assert panel.list_title.text() == f"HIGHLIGHTS ({len(ids)} OF {len(ids) + 1})"
    assert len(window.reader._highlights) == len(ids) + 1  # the reader still paints all
    panel.filter_text.clear()
    panel.filter_tag.setCurrentIndex(panel.filter_tag.findData("Mở đầu"))
    assert [h.id for h in panel.model.rows()] == [other.id]
    panel.filter_tag.setCurrentIndex(0)
    panel.order.setCurrentIndex(panel.order.findData("time"))
    assert [h.id for h in panel.model.rows()][-1] == other.id  # made last
    # Select the four "cán bộ" cards and add a tag to all of them, then delete them.
    selection = panel.list.selectionModel()
    selection.clearSelection()
    for row in range(panel.model.rowCount()):
        if panel.model.index(row).data(257).id in ids:
            selection.select(panel.model.index(row), QItemSelectionModel.SelectionFlag.Select)
    assert sorted(panel.selected_ids()) == sorted(ids)
    window.delete_many(panel.selected_ids())  # at once: undo brings them back
    assert [h[0] for h in stored(window)] == [other.id]
    assert shipped(window.statusBar().currentMessage()) == f"{len(ids)} highlights deleted — Undo (Ctrl+Z)"
    window.commands.act_undo.trigger()
    assert sorted(h[0] for h in stored(window)) == sorted([*ids, other.id])
    # Alt+Down walks the cards and moves the reader.
    panel.order.setCurrentIndex(panel.order.findData("position"))
    window.panel.list.setCurrentIndex(panel.model.index(0))
    window.commands.act_next_highlight.trigger()
    assert panel.selected_id() == panel.model.index(1).data(257).id
