"""Issue 14, 14: what another process (the CLI) commits to the library reaches the window
as one `Changes` of origin "remote"; the window's own changes never come back as such."""

from __future__ import annotations

import pytest

from desktop_app.core.library.memos import set_memo
from desktop_app.core.operations.editor import Operations
from desktop_app.core.operations.remote import LibraryWatch
from desktop_app.core.storage.database import Database
from desktop_app.core.text.spans import TextSpan
from tests.core.test_annotations import add_article


@pytest.mark.sqlite_only("LibraryWatch watches a library file; a server library's clients read its change log "
                         "(tests/postgres/test_live_updates.py)")
def test_what_another_connection_commits_is_reported_once(db, tmp_path):
    mine = Operations(db)
    first = add_article(db, "Bài một về Hà Nội.", "Một")
    watch = LibraryWatch(db.path)
    watch.seen()
    assert not watch.poll()
    other = Database.open(db.path)  # another process: the CLI
    try:
        theirs = Operations(other)
        second = add_article(other, "Bài hai về Đà Nẵng.", "Hai")
        changes = watch.poll()
        assert changes.origin == "remote" and changes.articles_added == {second} and changes.library
        assert not watch.poll()  # reported once
        theirs.edit_metadata(first, {"title": "Một, sửa"})
        assert watch.poll().article_metadata == {first}
        set_memo(other, first, "ghi chú")
        assert watch.poll().memos == {first}
        theirs.create_highlight(first, TextSpan(0, 3), ["Cán bộ"])
        assert watch.poll().codebook  # the open article's cards, the palette, the counts reload
        theirs.reject_suggestion(second, TextSpan(8, 15), "LOC")
        assert watch.poll().suggestions == {second}
        theirs.delete_articles([second])
        changes = watch.poll()
        assert changes.articles_removed == {second} and changes.suggestions == frozenset()
        # The window's own change, said to be its own: nothing comes back.
        mine.edit_metadata(first, {"title": "Một"})
        watch.ours()
        assert not watch.poll() and not watch.poll()
    finally:
        other.close()
        watch.close()


def test_a_library_it_cannot_read_is_not_watched_and_no_error_escapes(tmp_path):
    watch = LibraryWatch(tmp_path / "nowhere" / "chugiai.sqlite3")
    assert not watch.poll()
    watch.seen()
    assert not watch.poll()


@pytest.mark.sqlite_only("LibraryWatch watches a library file; a server library's clients read its change log "
                         "(tests/postgres/test_live_updates.py)")
def test_the_article_log_is_read_since_the_last_look_and_a_gap_reloads_everything(db):
    """Schema v9: which articles changed comes from the log the triggers write, read
    from where the watch last looked; entries pruned past it make everything reload."""
    watch = LibraryWatch(db.path)
    watch.seen()
    other = Database.open(db.path)
    try:
        gone = add_article(other, "Bài thoáng qua.", "Thoáng")
        Operations(other).delete_articles([gone])
        kept = add_article(other, "Bài ở lại.", "Ở lại")
        changes = watch.poll()
        assert changes.articles_added == {kept} and not changes.articles_removed  # gone: never seen
        add_article(other, "Bài nữa.", "Nữa")
        with other.engine.begin() as conn:  # as if pruned past what the watch saw
            conn.exec_driver_sql("DELETE FROM article_log")
            conn.exec_driver_sql("INSERT INTO article_log (seq, article_id, kind) VALUES (1000, 1, 'm')")
        assert watch.poll().reloaded
    finally:
        other.close()
        watch.close()
