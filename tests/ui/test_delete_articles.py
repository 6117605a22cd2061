"""Deleting articles from the library list (issue 14, 6): the question says how many
highlights go with them, the deletion is one undo step, and the views follow the bus."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.ui.library.article_list import ID_ROLE
from tests.ui.english import shipped
from tests.ui.test_highlighting import open_article_containing


def listed(window) -> list[int]:
    return [window.article_model.index(r).data(ID_ROLE) for r in range(window.article_model.rowCount())]


def select_rows(window, rows: list[int]) -> None:
    selection = window.article_list.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(window.article_model.index(row), QItemSelectionModel.SelectionFlag.Select)


def test_delete_the_open_article_and_another_then_undo(open_window, monkeypatch, qtbot):
    window = open_window()
    start = open_article_containing(window, "Ban Tổ chức Trung ương")
    window.reader.select_offsets(start, start + 3)
    window.highlight_selection(["Cơ quan"])
    window.reader.select_offsets(start + 4, start + 11)
    window.highlight_selection(["Tổ chức"])
    opened = window.current.id
    before = listed(window)
    other = next(a for a in before if a != opened)
    select_rows(window, [before.index(opened), before.index(other)])

    asked = []
    answer = QMessageBox.StandardButton.Cancel
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box) or answer)
    window.activateWindow()
    window.article_list.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.article_list)
    QTest.keyClick(window.article_list, Qt.Key.Key_Delete)  # the key, on the list
    assert len(asked) == 1 and listed(window) == before  # cancelled: nothing went
    assert asked[0].textFormat() == Qt.TextFormat.PlainText
    assert shipped(asked[0].text()) == ("Delete 2 articles and their 2 highlights?\n\n"
                                        "Their memos go with them. Undo (Ctrl+Z) brings everything back.")

    answer = QMessageBox.StandardButton.Yes
    window.library.request_delete()
    assert listed(window) == [a for a in before if a not in (opened, other)]
    assert window.current is not None and window.current.id == listed(window)[0]  # the first one opens
    assert window.windowTitle().startswith(window.current.title) and window.reader.toPlainText()
    assert shipped(window.statusBar().currentMessage()) == "2 articles deleted — Undo (Ctrl+Z)"
    assert shipped(window.library.count.text()) == "3 articles"

    window.commands.act_undo.trigger()
    assert listed(window) == before
    service = AnnotationService(window.db)
    assert [h.tag_names for h in service.highlights_for_article(opened)] == [["Cơ quan"], ["Tổ chức"]]
    window.commands.act_redo.trigger()
    assert len(listed(window)) == 3


def test_one_article_is_named_and_a_read_only_library_offers_no_delete(open_window, monkeypatch):
    window = open_window()
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or QMessageBox.StandardButton.No)
    window.library.request_delete()  # the open article is the selected one
    title = window.current.title
    assert [shipped(a) for a in asked] == [f"Delete the article “{title}” and its 0 highlights?\n\n"
                     "Their memos go with them. Undo (Ctrl+Z) brings everything back."]
    window.library.set_read_only(True)
    window.library.request_delete()
    assert len(asked) == 1
