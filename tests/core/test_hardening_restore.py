"""What the window's data-safety commands need from core: a restore that names its safety
copy beforehand, article counts of backups, restoring over a library that cannot be opened,
opening without moving a damaged library aside, and a Changes that says "everything"."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest

from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.library.articles import list_articles
from desktop_app.core.library.memos import set_memo
from desktop_app.core.library.opening import open_library
from desktop_app.core.operations.changes import EVERYTHING, Changes
from desktop_app.core.reading_session import ReadingSession
from desktop_app.core.storage.backups import (
    auto_backup,
    backup_article_count,
    list_backups,
    restore_unopened,
)
from desktop_app.core.storage.database import (
    DamagedDatabaseError,
    Database,
    DatabaseError,
    before_restore_path,
)
from tests.core.test_annotations import add_article

pytestmark = pytest.mark.sqlite_only("restoring over the library file (never offered on a server)")


def test_restore_keeps_the_library_it_replaces_where_the_caller_said(db):
    add_article(db, "Bài một về cán bộ.", title="Một")
    info = auto_backup(db)
    add_article(db, "Bài hai về đảng viên.", title="Hai")
    safety = before_restore_path(db.path, datetime(2025, 5, 1, 9, 30, 0))
    assert safety.name == "chugiai.before-restore-20250501-093000.sqlite3"
    assert db.restore_from(info.path, safety) == safety
    assert [a.title for a in list_articles(db)] == ["Một"]
    kept = Database.open(safety)
    try:
        assert sorted(a.title for a in list_articles(kept)) == ["Hai", "Một"]
    finally:
        kept.close()
    # The same second again: a name not taken.
    assert before_restore_path(db.path, datetime(2025, 5, 1, 9, 30, 0)).name.endswith("-093000-2.sqlite3")


def test_a_backups_article_count_is_read_without_opening_it_for_writing(db, tmp_path):
    add_article(db, "Bài một.", title="Một")
    add_article(db, "Bài hai.", title="Hai")
    info = auto_backup(db)
    assert backup_article_count(info.path) == 2
    junk = tmp_path / "rác.sqlite3"
    junk.write_bytes(b"not a database" * 100)
    assert backup_article_count(junk) is None
    assert backup_article_count(tmp_path / "missing.sqlite3") is None


def test_restore_over_a_library_that_cannot_be_opened_keeps_the_damaged_file(tmp_path):
    data = tmp_path / "data"
    db = Database.open(data / "chugiai.sqlite3")
    add_article(db, "Bài cũ vẫn còn.", title="Cũ")
    info = auto_backup(db)
    db.close()
    path = data / "chugiai.sqlite3"
    damaged = b"SQLite format 3\x00" + b"\xff" * 5000
    path.write_bytes(damaged)
    kept = restore_unopened(path, info)
    assert kept is not None and kept.read_bytes() == damaged and kept.name.startswith("chugiai.damaged-")
    again = Database.open(path)
    try:
        assert [a.title for a in list_articles(again)] == ["Cũ"]
    finally:
        again.close()
    assert [b.path for b in list_backups(info.path.parent)] == [info.path]  # untouched


def test_restore_over_a_damaged_library_from_a_bad_backup_moves_nothing(tmp_path):
    path = tmp_path / "chugiai.sqlite3"
    path.write_bytes("hỏng".encode() * 1000)
    bad = tmp_path / "bad.sqlite3"
    with sqlite3.connect(bad) as conn:
        conn.execute("CREATE TABLE x (a)")
    with pytest.raises(DatabaseError, match="not a Chú Giải library"):
        restore_unopened(path, bad)
    assert path.read_bytes() == "hỏng".encode() * 1000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.sqlite3", "chugiai.sqlite3"]


def test_open_library_can_leave_a_damaged_library_where_it_is(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    path = data / "chugiai.sqlite3"
    path.write_bytes(b"Bao cao quy I\n" * 100)
    with pytest.raises(DamagedDatabaseError):
        open_library(data, replace_damaged=False)
    assert sorted(p.name for p in data.iterdir()) == ["chugiai.sqlite3"]  # nothing moved


def test_everything_changed_reloads_the_open_article_and_its_memo(db):
    first = add_article(db, "Bài một về cán bộ.", title="Một")
    service = AnnotationService(db)
    session = ReadingSession(service)
    session.open(first)
    assert Changes(reloaded=True).touches(first) and EVERYTHING.codebook
    set_memo(db, first, "ghi chú từ bản sao lưu")  # as a restore would bring it
    update = session.apply(EVERYTHING)
    assert update is not None and update.opened and update.memo and update.metadata
    assert session.memo == "ghi chú từ bản sao lưu"
