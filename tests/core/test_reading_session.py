"""The reading session (Qt-free): what a Changes means for the open article."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.operations.editor import Operations
from desktop_app.core.reading_session import ReadingSession, SessionUpdate
from desktop_app.core.storage.database import Database
from desktop_app.core.text.spans import TextSpan
from tests.ui.test_word_view import add_articles


def test_session_follows_changes_in_place_and_ignores_other_articles(tmp_path: Path):
    db = Database.open(tmp_path / "lib.sqlite3")
    first, second = add_articles(db, ["Ban Tổ chức Trung ương họp.\n", "Một bài khác.\n"])
    ops = Operations(db)
    ops.service.create_tag("A")  # a new tag would be a codebook change: everything reloads
    session = ReadingSession(ops.service)
    seen: list[SessionUpdate] = []
    session.observers.append(seen.append)
    session.open(first)
    assert seen[-1].opened and session.highlights == {}

    made = ops.create_highlight(first, TextSpan(0, 3), ["A"])
    update = session.apply(made.changes)
    assert update is not None and [h.id for h in update.upserted] == [made.value.id] and not update.reloaded
    assert list(session.highlights) == [made.value.id]
    other = ops.create_highlight(second, TextSpan(0, 3), ["A"])
    assert session.apply(other.changes) is None  # another article: nothing to do

    update = session.apply(ops.delete_highlights([made.value.id]))
    assert update is not None and update.removed == (made.value.id,) and session.highlights == {}
    update = session.apply(ops.history.undo())
    assert update is not None and [h.id for h in update.upserted] == [made.value.id]

    update = session.apply(ops.set_memo(first, "ghi chú"))
    assert update is not None and update.memo and session.memo == "ghi chú"
    db.close()
