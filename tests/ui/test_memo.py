"""The article memo in the annotation pane, on a real library: typing is saved after a
pause, an article switch or a flush sends it at once, a read-only library cannot change it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QSplitter

from desktop_app.core.annotate.highlights import AnnotationError
from desktop_app.core.library.articles import list_articles
from desktop_app.core.library.ingest.importer import import_paths
from desktop_app.core.library.memos import get_memo, set_memo
from desktop_app.core.storage.database import Database, DatabaseError
from desktop_app.ui.app import make_application
from desktop_app.ui.library.article_list import ID_ROLE
from desktop_app.ui.panel.memo_box import MemoBox
from desktop_app.ui.panel.pane import AnnotationPane


class Harness:
    """The pane wired to the library as the window wires it: widgets never touch SQL."""

    def __init__(self, qtbot, db: Database) -> None:
        make_application()
        self.db = db
        self.pane = AnnotationPane()
        self.pane.set_read_only(db.read_only)
        self.sent: list[tuple[int, str]] = []
        self.pane.memoEdited.connect(self.save)
        qtbot.addWidget(self.pane)
        self.pane.resize(360, 800)
        self.pane.show()
        qtbot.waitExposed(self.pane)

    def save(self, article_id: int, text: str) -> None:
        self.sent.append((article_id, text))
        try:
            set_memo(self.db, article_id, text)
        except (AnnotationError, DatabaseError) as e:
            self.pane.memo.mark_failed(article_id, str(e))

    def open(self, article_id: int) -> None:
        self.pane.flush_memo()
        self.pane.show_memo(article_id, get_memo(self.db, article_id))


@pytest.fixture
def ids(db: Database, seed_files: list[Path]) -> list[int]:
    assert not import_paths(db, seed_files).failed
    return [a.id for a in list_articles(db)]


def type_memo(pane: AnnotationPane, text: str) -> None:
    """Keystrokes for ASCII; Vietnamese as an input method commits it (QTest.keyClicks only
    knows ASCII)."""
    pane.memo.edit.setFocus()
    if text.isascii():
        QTest.keyClicks(pane.memo.edit, text)
    else:
        pane.memo.edit.insertPlainText(text)


def test_typing_is_saved_after_a_pause_through_the_window(qtbot, db, ids):
    h = Harness(qtbot, db)
    first = ids[0]
    h.open(first)
    assert h.pane.memo.edit.placeholderText() == "Your thoughts on this article: saved as you type"
    type_memo(h.pane, "Bai ")
    type_memo(h.pane, "này đáng chú ý")
    assert get_memo(db, first) == ""  # not on every keystroke
    assert h.pane.memo.status.text() == ""
    qtbot.waitUntil(lambda: get_memo(db, first) == "Bai này đáng chú ý", timeout=3000)
    assert h.sent == [(first, "Bai này đáng chú ý")]  # one save for the whole burst
    assert h.pane.memo.status.text() == "Saved"
    QTest.keyClick(h.pane.memo.edit, Qt.Key.Key_Return)
    type_memo(h.pane, "dòng hai")
    h.pane.flush_memo()  # what the window does on close: no waiting
    assert get_memo(db, first) == "Bai này đáng chú ý\ndòng hai"
    qtbot.wait(MemoBox.SAVE_DELAY_MS + 100)
    assert len(h.sent) == 2  # the timer stopped: nothing sent twice


def test_ctrl_return_saves_at_once_beside_the_note_editor_s_own(qtbot, db, ids):
    """The highlight note editor has a window-wide Ctrl+Return: a second shortcut on the
    same key would make both ambiguous, and neither would save."""
    h = Harness(qtbot, db)
    h.open(ids[0])
    h.pane.editor.setEnabled(True)  # as when a highlight is selected
    type_memo(h.pane, "abc")
    QTest.keyClick(h.pane.memo.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert get_memo(db, ids[0]) == "abc"  # no newline typed, saved without waiting


def test_switching_articles_saves_at_once_and_shows_the_other_memo(qtbot, db, ids):
    first, second = ids[:2]
    set_memo(db, second, "memo cũ của bài hai")
    h = Harness(qtbot, db)
    h.open(first)
    type_memo(h.pane, "viết vội")
    h.open(second)  # before the pause is over
    assert get_memo(db, first) == "viết vội"
    assert h.pane.memo.text() == "memo cũ của bài hai"
    assert h.pane.memo.article_id() == second
    qtbot.wait(MemoBox.SAVE_DELAY_MS + 100)
    assert h.sent == [(first, "viết vội")]  # opening a memo is not an edit
    h.open(first)
    assert h.pane.memo.text() == "viết vội"


def test_reopening_the_same_article_keeps_what_is_being_typed(qtbot, db, ids):
    first = ids[0]
    h = Harness(qtbot, db)
    h.pane.show_memo(first, "")
    type_memo(h.pane, "đang gõ")
    h.pane.show_memo(first, "")  # a reopen with the memo read before the flush
    assert h.pane.memo.text() == "đang gõ"
    assert get_memo(db, first) == "đang gõ"


def test_a_save_that_fails_says_so_and_is_tried_again(qtbot, db, ids):
    first = ids[0]
    h = Harness(qtbot, db)
    h.open(first)
    with db.engine.begin() as conn:  # deleted under the open article
        conn.exec_driver_sql("DELETE FROM articles WHERE id = ?", (first,))
    type_memo(h.pane, "mất")
    h.pane.flush_memo()
    assert h.pane.memo.status.text() == "Not saved"
    assert "no longer in the library" in h.pane.memo.status.toolTip()
    h.pane.flush_memo()  # same text, tried again: the box did not take it as stored
    assert h.sent == [(first, "mất"), (first, "mất")]


def test_a_read_only_library_shows_the_memo_but_cannot_change_it(qtbot, db, ids):
    first = ids[0]
    set_memo(db, first, "chỉ đọc")
    path = db.path
    db.close()
    ro = Database.open(path, read_only=True)
    try:
        h = Harness(qtbot, ro)
        h.open(first)
        edit = h.pane.memo.edit
        assert edit.isReadOnly() and edit.isEnabled()  # readable and copyable
        assert h.pane.memo.status.text() == "Read-only"
        type_memo(h.pane, "them")
        h.pane.flush_memo()
        qtbot.wait(MemoBox.SAVE_DELAY_MS + 100)
        assert edit.toPlainText() == "chỉ đọc" and h.sent == []
    finally:
        ro.close()


def test_no_article_no_memo(qtbot, db, ids):
    h = Harness(qtbot, db)
    assert not h.pane.memo.edit.isEnabled()
    h.open(ids[0])
    assert h.pane.memo.edit.isEnabled() and not h.pane.memo.edit.isReadOnly()
    type_memo(h.pane, "x")
    h.pane.show_memo(None)  # the last article went away: its memo is still sent
    assert get_memo(db, ids[0]) == "x"
    assert not h.pane.memo.edit.isEnabled() and h.pane.memo.text() == ""


def test_focus_memo_reopens_a_pane_dragged_shut(qtbot, db, ids):
    h = Harness(qtbot, db)
    h.open(ids[0])
    sizes = h.pane.splitter.sizes()
    h.pane.splitter.setSizes([*sizes[:3], 0])
    assert h.pane.splitter.sizes()[AnnotationPane.MEMO_PANE] == 0
    h.pane.activateWindow()
    h.pane.focus_memo()
    assert h.pane.splitter.sizes()[AnnotationPane.MEMO_PANE] > 40
    qtbot.waitUntil(h.pane.memo.edit.hasFocus, timeout=2000)


def test_sizes_saved_before_the_memo_existed_leave_it_visible(qtbot, db, ids, tmp_path):
    """A settings file from the previous version holds three panel sizes."""
    older = QSplitter(Qt.Orientation.Vertical)
    for _ in range(3):
        older.addWidget(QSplitter())
    older.setSizes([130, 500, 170])
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("window/panel_splitter", older.saveState())
    older.deleteLater()
    h = Harness(qtbot, db)
    state = settings.value("window/panel_splitter")
    assert isinstance(state, QByteArray)
    assert h.pane.splitter.restoreState(state)
    assert h.pane.splitter.sizes()[AnnotationPane.MEMO_PANE] > 40
    # A state saved with the memo dragged shut stays shut.
    h.pane.splitter.setSizes([130, 500, 170, 0])
    shut = h.pane.splitter.saveState()
    h.pane.splitter.setSizes([130, 400, 170, 130])
    assert h.pane.splitter.restoreState(shut)
    assert h.pane.splitter.sizes()[AnnotationPane.MEMO_PANE] == 0


def test_the_window_keeps_each_articles_memo(qtbot, open_window) -> None:
    """In the main window: Ctrl+Shift+M goes to the memo, typing is saved, another article
    shows its own (empty) memo, and after a restart the first one is still there."""
    window = open_window()
    first = window.current.id
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_M,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.panel.memo.edit.hasFocus()
    type_memo(window.panel, "Bài này nói về cán bộ\nvà đào tạo.")
    window.library.select_article(window.article_model.index(1).data(ID_ROLE))  # a switch flushes
    assert window.current.id != first
    assert window.panel.memo.edit.toPlainText() == ""
    assert get_memo(window.db, first) == "Bài này nói về cán bộ\nvà đào tạo."
    window.close()
    again = open_window()
    again.library.select_article(first)
    assert again.current.id == first
    assert again.panel.memo.edit.toPlainText() == "Bài này nói về cán bộ\nvà đào tạo."


def test_memo_edits_are_undone_and_redone_from_the_window(qtbot, open_window) -> None:
    """Edit → Undo takes a run of memo typing back in one step, in the box and the library."""
    window = open_window()
    window.activateWindow()  # focus moves (and leaves the box) only in the active window
    qtbot.waitUntil(window.isActiveWindow)
    article = window.current.id
    window.panel.focus_memo()
    type_memo(window.panel, "Ý thứ nhất.")
    window.panel.flush_memo()
    type_memo(window.panel, " Ý thứ hai.")
    window.reader.setFocus()  # leaving the box saves it
    assert window.reader.hasFocus()
    assert get_memo(window.db, article) == "Ý thứ nhất. Ý thứ hai."
    assert window.commands.act_undo.text().endswith("Edit article memo")
    window.commands.act_undo.trigger()
    assert get_memo(window.db, article) == ""
    assert window.panel.memo.edit.toPlainText() == ""
    window.commands.act_redo.trigger()
    assert get_memo(window.db, article) == "Ý thứ nhất. Ý thứ hai."
    assert window.panel.memo.edit.toPlainText() == "Ý thứ nhất. Ý thứ hai."
