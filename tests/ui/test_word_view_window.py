"""The word view as a user meets it in the main window: the background worker tags the
open article, the View toggles show colours and suggestions, accepting suggestions is one
undo step, and the toggles are remembered."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

pytest.importorskip("underthesea")

WAIT_MS = 120_000


def wait_tagged(qtbot, window) -> None:
    from desktop_app.core.nlp.pos_ner import is_tagged

    qtbot.waitUntil(lambda: is_tagged(window.db, window.current.id), timeout=WAIT_MS)


def test_entities_of_the_open_article_can_be_accepted_and_undone(qtbot, open_window) -> None:
    window = open_window(start_worker=True)
    window.commands.act_entities.setChecked(True)
    assert window.pos_legend.isVisible()
    wait_tagged(qtbot, window)
    qtbot.waitUntil(lambda: bool(window.reader.entities()), timeout=WAIT_MS)
    places = [s for s in window.reader.entities() if s.label == "LOC"]
    assert places, "a news article names places"
    # Each suggestion is an exact span of the text.
    assert all(window.current.text[s.start:s.end] == s.text for s in window.reader.entities())
    before = len(window.panel.model.highlights())

    from desktop_app.ui.dialogs.review_suggestions import ReviewSuggestionsDialog
    from tests.ui.test_highlighting import when_visible

    reviewed = []

    def review() -> None:  # every suggestion is listed, checked: accept them
        dialog = window.findChild(ReviewSuggestionsDialog)
        reviewed.extend(dialog.suggestions)
        dialog.buttons.accepted.emit()

    when_visible(window, ReviewSuggestionsDialog, review)
    window.suggestions.accept_all("LOC")
    assert sorted(reviewed) == sorted(places)

    made = [h for h in window.panel.model.highlights() if h.tag_names == ["LOC"]]
    assert sorted((h.start, h.end) for h in made) == sorted((s.start, s.end) for s in places)
    assert not [s for s in window.reader.entities() if s.label == "LOC"]
    assert "LOC" in [t.name for t in window.panel.tag_model.rows()]
    window.commands.act_undo.trigger()  # one step takes them all back, and the suggestions return
    assert len(window.panel.model.highlights()) == before
    assert sorted(s for s in window.reader.entities() if s.label == "LOC") == sorted(places)
    window.commands.act_redo.trigger()
    assert len(window.panel.model.highlights()) == before + len(places)


def test_parts_of_speech_colour_the_open_article(qtbot, open_window) -> None:
    window = open_window(start_worker=True)
    window.commands.act_pos.setChecked(True)
    wait_tagged(qtbot, window)
    qtbot.waitUntil(window.reader.has_pos, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bool(window.reader._pos_blocks), timeout=5000)
    block = window.reader.document().findBlockByNumber(min(window.reader._pos_blocks))
    while block.isValid() and not block.layout().formats():
        block = block.next()
    assert block.isValid(), "some block in view carries word colours"
    window.commands.act_pos.setChecked(False)
    assert not window.pos_legend.isVisible()
    assert all(not window.reader.document().findBlockByNumber(n).layout().formats()
               for n in range(window.reader.document().blockCount()))


def test_snapping_can_be_turned_off_and_toggles_are_remembered(qtbot, open_window) -> None:
    window = open_window(start_worker=True)
    wait_tagged(qtbot, window)
    qtbot.waitUntil(window.reader.has_tokens, timeout=WAIT_MS)
    reader = window.reader
    text = window.current.text
    # A two-syllable word somewhere in the article; drag from inside its first syllable.
    start, end = next((s, e) for s, e in reader._tokens_cp if " " in text[s:e] and s > 200)
    reader.scroll_to_offsets(start, end, flash=False)

    def point(offset: int) -> QPoint:
        rect = reader.cursorRect(reader._cursor_for(offset, offset))
        return QPoint(rect.left() + 1, rect.center().y())

    def drag() -> tuple[int, int] | None:
        reader.setTextCursor(reader._cursor_for(0, 0))
        viewport = reader.viewport()
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point(start + 1))
        QTest.mouseMove(viewport, point(start + 2))
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point(start + 2))
        return reader.selected_offsets()

    assert window.commands.act_snap.isChecked()  # on by default
    assert drag() == (start, end)
    window.commands.act_snap.setChecked(False)
    assert drag() == (start + 1, start + 2)

    window.commands.act_entities.setChecked(True)
    window.close()
    again = open_window()
    assert not again.commands.act_snap.isChecked() and again.commands.act_entities.isChecked()
    assert not again.commands.act_pos.isChecked()


def test_the_menu_key_offers_the_suggestion_at_the_caret(qtbot, open_window) -> None:
    """Keyboard first: with the caret in a suggested name, the Menu key (a keyboard
    context-menu event) offers to accept it, wherever the mouse is."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    window = open_window(start_worker=True)
    window.commands.act_entities.setChecked(True)
    wait_tagged(qtbot, window)
    qtbot.waitUntil(lambda: bool(window.reader.entities()), timeout=WAIT_MS)
    reader = window.reader
    place = next(s for s in reader.entities() if s.label == "LOC")
    reader.scroll_to_offsets(place.start, place.end, flash=False)
    reader.setTextCursor(reader._cursor_for(place.start + 1, place.start + 1))
    seen: list[list[str]] = []

    def look_and_close() -> None:
        menu = reader._context_menu
        seen.append([a.text() for a in menu.actions()] if menu else [])
        if menu:
            menu.close()

    QTimer.singleShot(100, look_and_close)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), reader.viewport().mapToGlobal(QPoint(0, 0)))  # mouse in a corner
    QApplication.sendEvent(reader.viewport(), event)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert any(t.startswith("Suggested place") and place.text[:20] in t for t in seen[0]), seen
    assert "Accept as LOC (place)" in seen[0]
