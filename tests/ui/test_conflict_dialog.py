"""Another coder changed the note or tag the user was editing (schema v14): the window shows
their version and the user's (plain text) and does what the user chooses; nothing is
written over the other coder's version without asking."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication, QTextCursor

from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.annotate.row_versions import ConflictError, conflict
from desktop_app.core.library.coders import use_coder
from desktop_app.core.library.memos import memo_with_version
from desktop_app.core.operations.editor import Operations
from desktop_app.core.storage.database import Database
from desktop_app.ui.dialogs.conflict_dialog import KEEP_THEIRS, USE_MINE, ConflictDialog
from desktop_app.ui.dialogs.tag_manager import TagManagerDialog
from tests.ui.test_highlighting import open_article_containing

HOSTILE = "<b>đậm</b> &amp; <img src=x>"


def error(who: str = "") -> ConflictError:
    return conflict("conflict.highlight", {"note": HOSTILE}, 7, who)


def test_the_dialog_shows_both_versions_as_plain_text_and_records_the_choice(qtbot):
    dialog = ConflictDialog(error("Lan"), HOSTILE, "của tôi <i>x</i>")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.theirs_box.toPlainText() == HOSTILE and dialog.mine_box.toPlainText() == "của tôi <i>x</i>"
    assert dialog.theirs_box.isReadOnly() and dialog.mine_box.isReadOnly()
    assert dialog.message.text() == ("Lan changed this highlight while you were editing it; your change was "
                                     "not saved over theirs.")
    assert dialog.choice == KEEP_THEIRS  # also what Escape leaves
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == "của tôi <i>x</i>" and dialog.isVisible()
    dialog.mine_button.click()
    assert dialog.choice == USE_MINE and not dialog.isVisible()


def test_without_a_name_it_says_another_coder(qtbot):
    dialog = ConflictDialog(error(), "a", "b")
    qtbot.addWidget(dialog)
    assert dialog.message.text().startswith("Another coder changed this highlight")


@pytest.fixture
def minh(open_window):
    """(the window, Minh's Operations on the same library file: another coder)."""
    window = open_window()
    other = Database.open(window.db.path)
    use_coder(other, "Minh")
    yield window, Operations(other)
    other.close()


def choosing(monkeypatch, choice: str) -> list[ConflictDialog]:
    """Answer the conflict dialog with `choice` (it would block in exec())."""
    shown: list[ConflictDialog] = []

    def answer(dialog: ConflictDialog) -> int:
        shown.append(dialog)
        dialog.choice = choice
        return 1

    monkeypatch.setattr(ConflictDialog, "exec", answer)
    return shown


def note_typed_over_minhs(window, minh_ops, qtbot) -> int:
    start = open_article_containing(window, "Ban Tổ chức")
    window.reader.select_offsets(start, start + 11)
    info = window.highlight_selection(["A"])
    window.panel.select(info.id)
    window.panel.editor.note.setFocus()
    window.panel.editor.note.insertPlainText("của tôi")
    minh_ops.set_note(info.id, "của Minh")  # while the user types, before the save
    window.panel.editor.flush_note()
    return info.id


def test_keep_theirs_shows_their_note_and_writes_nothing(minh, qtbot, monkeypatch):
    window, minh_ops = minh
    shown = choosing(monkeypatch, KEEP_THEIRS)
    highlight_id = note_typed_over_minhs(window, minh_ops, qtbot)
    assert [(d.theirs_box.toPlainText(), d.mine_box.toPlainText()) for d in shown] == [("của Minh", "của tôi")]
    assert AnnotationService(window.db).get_highlight(highlight_id).note == "của Minh"
    assert window.panel.editor.note.toPlainText() == "của Minh"
    # Typing on from theirs saves on their version: no second question.
    window.panel.editor.note.insertPlainText(" và tôi")
    window.panel.editor.flush_note()
    assert AnnotationService(window.db).get_highlight(highlight_id).note == "của Minh và tôi"
    assert len(shown) == 1


def test_use_mine_saves_over_theirs_knowingly_and_undo_gives_theirs_back(minh, qtbot, monkeypatch):
    window, minh_ops = minh
    shown = choosing(monkeypatch, USE_MINE)
    highlight_id = note_typed_over_minhs(window, minh_ops, qtbot)
    assert len(shown) == 1
    service = AnnotationService(window.db)
    assert service.get_highlight(highlight_id).note == "của tôi"
    window.commands.act_undo.trigger()  # the note: back to Minh's, which it was made over
    assert service.get_highlight(highlight_id).note == "của Minh"


def test_the_tag_manager_asks_before_renaming_over_anothers_change(minh, qtbot, monkeypatch):
    window, minh_ops = minh
    tag = window.ops.create_tag("Cán bộ").value
    dialog = TagManagerDialog(window.ops, window.bus, window)
    qtbot.addWidget(dialog)
    dialog.select(tag.id)
    minh_ops.rename_tag(tag.id, "Cán bộ (Minh)")  # after the manager read it
    monkeypatch.setattr("desktop_app.ui.common.plain_text.get_text", lambda *a, **k: ("Cán bộ (tôi)", True))
    shown = choosing(monkeypatch, KEEP_THEIRS)
    dialog.rename()
    assert [(d.theirs_box.toPlainText(), d.mine_box.toPlainText()) for d in shown] == [
        ("Cán bộ (Minh)", "Cán bộ (tôi)")]
    assert [t.name for t in window.ops.service.list_tags() if t.id == tag.id] == ["Cán bộ (Minh)"]
    assert dialog.current_tag().name == "Cán bộ (Minh)"  # refreshed: theirs is what it shows
    minh_ops.recolour_tag(tag.id, "#123456")
    shown = choosing(monkeypatch, USE_MINE)
    dialog.rename()
    assert len(shown) == 1
    [now] = [t for t in window.ops.service.list_tags() if t.id == tag.id]
    assert (now.name, now.color) == ("Cán bộ (tôi)", "#123456")  # Minh's colour stays


def test_the_memo_saves_on_its_version_and_asks_over_anothers(minh, qtbot, monkeypatch):
    window, minh_ops = minh
    open_article_containing(window, "Ban Tổ chức")
    article = window.current.id
    box = window.panel.memo
    shown = choosing(monkeypatch, KEEP_THEIRS)
    box.edit.setPlainText("một")
    box.flush_memo()
    box.edit.setPlainText("một hai")  # saved on the version the first save wrote: no question
    box.flush_memo()
    assert memo_with_version(window.db, article) == ("một hai", 2) and shown == []
    minh_ops.set_memo(article, "của Minh")
    box.edit.setPlainText("một hai ba")
    box.flush_memo()
    assert [(d.theirs_box.toPlainText(), d.mine_box.toPlainText()) for d in shown] == [("của Minh", "một hai ba")]
    assert shown[0].message.text().startswith("Minh changed this memo")
    assert box.text() == "của Minh" and memo_with_version(window.db, article) == ("của Minh", 3)
    minh_ops.set_memo(article, "của Minh nữa")
    shown = choosing(monkeypatch, USE_MINE)
    box.edit.setPlainText("của tôi")
    box.flush_memo()
    assert len(shown) == 1 and memo_with_version(window.db, article) == ("của tôi", 5)


def test_anothers_newer_note_shows_when_the_user_is_not_typing(minh, qtbot, monkeypatch):
    window, minh_ops = minh
    shown = choosing(monkeypatch, USE_MINE)
    start = open_article_containing(window, "Ban Tổ chức")
    window.reader.select_offsets(start, start + 11)
    info = window.highlight_selection(["A"])
    window.panel.select(info.id)
    changes = minh_ops.set_note(info.id, "của Minh")
    window.bus.publish(changes.as_origin("remote"))  # what the window hears of another process's change
    assert window.panel.editor.note.toPlainText() == "của Minh"
    window.panel.editor.note.moveCursor(QTextCursor.MoveOperation.End)
    window.panel.editor.note.insertPlainText(", và tôi")
    window.panel.editor.flush_note()
    assert shown == [] and AnnotationService(window.db).get_highlight(info.id).note == "của Minh, và tôi"
