"""Select text, highlight it, see it painted and listed, and find it again after a restart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.ui.dialogs.tag_dialog import TagDialog
from desktop_app.ui.library.article_list import SUMMARY_ROLE


def open_article_containing(window, phrase: str) -> int:
    for row in range(window.article_model.rowCount()):
        window.article_list.setCurrentIndex(window.article_model.index(row))
        if phrase in window.current.text:
            return window.current.text.index(phrase)
    raise AssertionError(phrase)


def when_visible(parent, dialog_class, answer) -> QTimer:
    """Run `answer` once a modal dialog of that class is showing (it blocks in exec())."""
    timer = QTimer(parent)

    def poll() -> None:
        dialog = parent.findChild(dialog_class)
        if dialog is not None and dialog.isVisible():
            timer.stop()
            answer()

    timer.timeout.connect(poll)
    timer.start(20)
    return timer


def painted_ranges(reader) -> list[tuple[int, int]]:
    return [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in reader.extraSelections()]


def test_palette_tag_highlights_selection_paints_lists_and_persists(open_window, qtbot):
    window = open_window()
    phrase = "Ban Tổ chức Trung ương"
    start = open_article_containing(window, phrase)
    article_id = window.current.id
    window.reader.select_offsets(start, start + len(phrase))
    window.panel.tagClicked.emit("Cơ quan")  # as a click on the chip would

    listed = window.panel.model.highlights()
    assert [(h.quote, h.tag_names) for h in listed] == [(phrase, ["Cơ quan"])]
    assert painted_ranges(window.reader) == [(start, start + len(phrase))]  # no astral chars here
    row = window.article_model.index(window.article_model.row_of(article_id))
    assert row.data(SUMMARY_ROLE).highlight_count == 1
    window.close()

    again = open_window()
    assert again.current.id == article_id  # the last open article is remembered
    assert [(h.start, h.quote) for h in again.panel.model.highlights()] == [(start, phrase)]
    assert painted_ranges(again.reader) == [(start, start + len(phrase))]


def test_ctrl_h_opens_tag_picker_with_diacritic_free_completion(open_window, qtbot):
    window = open_window()
    AnnotationService(window.db).create_tag("Tổ chức")
    window.refresh_tags()
    phrase = "công tác cán bộ"
    start = open_article_containing(window, phrase)
    window.reader.select_offsets(start, start + len(phrase))
    window.activateWindow()
    qtbot.waitActive(window)
    window.reader.setFocus()

    seen = {}

    def answer_dialog():
        dialog = window.findChild(TagDialog)
        seen["modal"] = dialog.isModal()
        try:
            qtbot.keyClicks(dialog.input, "to chuc")
            seen["completions"] = dialog._completion_model.stringList()
            qtbot.keyClick(dialog.input, Qt.Key.Key_Return)  # takes the existing "Tổ chức"
            dialog.input.insert("Cán bộ mới")  # as an input method commits Vietnamese text
            qtbot.keyClick(dialog.input, Qt.Key.Key_Return)  # a new tag
            qtbot.keyClick(dialog.input, Qt.Key.Key_Return)  # empty field: done
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.reject()  # never leave a test hanging in exec()

    when_visible(window, TagDialog, answer_dialog)
    # Sent to the QWindow, the key press goes through Qt's shortcut map as a real one does.
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)

    assert seen["modal"] and seen["completions"] == ["Tổ chức"]
    [h] = window.panel.model.highlights()
    assert (h.quote, sorted(h.tag_names)) == (phrase, ["Cán bộ mới", "Tổ chức"])
    assert {t.name for t in AnnotationService(window.db).list_tags()} == {"Tổ chức", "Cán bộ mới"}


def test_offsets_round_trip_through_qt_after_emoji(open_window, qtbot, data_dir):
    window = open_window()
    report = None
    src = data_dir.parent / "emoji.txt"
    src.write_text("Tiêu đề 😀\n\n🇻🇳 Ban 𝕏 Tổ chức Trung ương họp.\n", encoding="utf-8")
    from desktop_app.core.library.ingest import import_paths

    report = import_paths(window.db, [src])
    window.refresh_library()
    [(_, article_id)] = report.imported
    window.article_list.setCurrentIndex(window.article_model.index(window.article_model.row_of(article_id)))
    text = window.current.text
    start = text.index("Tổ chức")
    window.reader.select_offsets(start, start + len("Tổ chức"))
    # Qt sees UTF-16 units: three astral characters (😀, 🇻, 🇳 ... 𝕏) shift the cursor.
    cursor = window.reader.textCursor()
    assert cursor.selectedText() == "Tổ chức"
    assert cursor.selectionStart() == len(text[:start].encode("utf-16-le")) // 2 > start
    info = window.highlight_selection(["Tổ chức"])
    assert (info.start, info.end, info.quote) == (start, start + 7, "Tổ chức")
    # A selection made by the user with the keyboard maps back the same way.
    cursor.setPosition(len(text[: text.index("Ban")].encode("utf-16-le")) // 2)
    cursor.setPosition(len(text[: text.index("Ban") + 5].encode("utf-16-le")) // 2, cursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    assert text[slice(*window.reader.selected_offsets())] == "Ban 𝕏"


def test_click_on_highlight_selects_card_and_card_click_scrolls_and_flashes(open_window, qtbot):
    window = open_window()
    phrase = "Ban Tổ chức Trung ương"
    start = open_article_containing(window, phrase)
    window.reader.select_offsets(start, start + len(phrase))
    first = window.highlight_selection(["A"])
    last_start = window.current.text.rindex("Ban Tổ chức")
    window.reader.select_offsets(last_start, last_start + 11)
    second = window.highlight_selection(["B"])
    assert second.start > first.start

    # Click inside the first highlight in the text -> its card is selected.
    window.reader.scroll_to_offsets(first.start, first.end, flash=False)
    cursor = window.reader._cursor_for(first.start + 3, first.start + 3)
    point = window.reader.cursorRect(cursor).center() + QPoint(2, 0)
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.panel.selected_id() == first.id

    # Click the second card -> the reader scrolls to it and flashes it.
    window.reader.verticalScrollBar().setValue(0)
    index = window.panel.model.index(window.panel.model.row_of(second.id))
    rect = window.panel.list.visualRect(index)
    qtbot.mouseClick(window.panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.panel.selected_id() == second.id
    assert window.reader._flash is not None and window.reader._flash[:2] == (second.start, second.end)
    assert window.reader.textCursor().position() == second.start
    visible = window.reader.cursorRect(window.reader._cursor_for(second.start, second.start))
    assert window.reader.viewport().rect().contains(visible.center())


def test_note_saved_as_typed_tags_changed_and_delete(open_window, qtbot, monkeypatch):
    window = open_window()
    phrase = "Ban Tổ chức Trung ương"
    start = open_article_containing(window, phrase)
    window.reader.select_offsets(start, start + len(phrase))
    info = window.highlight_selection(["A"])
    window.panel.select(info.id)
    window.panel.editor.note.setFocus()
    window.panel.editor.note.insertPlainText("Ghi chú\ndòng hai")  # an input method commits text
    service = AnnotationService(window.db)
    qtbot.waitUntil(lambda: service.get_highlight(info.id).note == "Ghi chú\ndòng hai", timeout=3000)

    window.highlights.on_palette_tag("B")  # no text selected: toggles B on the selected highlight
    assert service.get_highlight(info.id).tag_names == ["A", "B"]
    window.highlights.on_palette_tag("A")
    assert service.get_highlight(info.id).tag_names == ["B"]

    # Ctrl+Del deletes without asking (undo exists) and says how to undo (issue 14, 13).
    monkeypatch.setattr(QMessageBox, "exec", lambda *a, **k: pytest.fail("asked before deleting"))
    window.panel.select(info.id)
    window.commands.act_delete.trigger()
    assert service.highlights_for_article(window.current.id) == []
    assert window.panel.model.rowCount() == 0 and window.reader.extraSelections() == []
    assert window.statusBar().currentMessage() == "Highlight deleted — Undo (Ctrl+Z)"
    window.commands.act_undo.trigger()
    assert [h.note for h in service.highlights_for_article(window.current.id)] == ["Ghi chú\ndòng hai"]


def test_pending_note_is_saved_when_the_window_closes(open_window, qtbot):
    window = open_window()
    start = open_article_containing(window, "Ban Tổ chức")
    window.reader.select_offsets(start, start + 11)
    info = window.highlight_selection(["A"])
    window.panel.select(info.id)
    window.panel.editor.note.setPlainText("viết vội")
    window.close()  # before the save timer fires
    assert AnnotationService(window.db).get_highlight(info.id).note == "viết vội"


def test_double_click_selects_a_whole_word_when_segmented(open_window, qtbot):
    window = open_window()
    start = open_article_containing(window, "Ban Tổ chức Trung ương")
    text = window.current.text
    ban, to_chuc = (start, start + 3), (start + 4, start + 11)
    window.reader.set_tokens([ban, to_chuc, (start + 12, start + 22)])
    window.reader.scroll_to_offsets(start, start, flash=False)
    cursor = window.reader._cursor_for(start + 5, start + 5)
    point = window.reader.cursorRect(cursor).center() + QPoint(3, 0)
    qtbot.mouseDClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert text[slice(*window.reader.selected_offsets())] == "Tổ chức"
