"""Opening databases: pragmas, schema version, and files that are not ours."""

from __future__ import annotations

import sqlite3

import pytest

from desktop_app.core.storage.database import SCHEMA_VERSION, Database, DatabaseError


@pytest.mark.sqlite_only("PRAGMA user_version, journal_mode and foreign_keys of the file")
def test_new_database_has_schema_version_and_pragmas(tmp_path):
    db = Database.open(tmp_path / "lib.sqlite3")
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA user_version").scalar() == SCHEMA_VERSION
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.close()


def test_not_a_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "chugiai.sqlite3"
    path.write_bytes(b"this is a shopping list, not a database\n" * 50)
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="not a Chú Giải database"):
        Database.open(path)
    assert path.read_bytes() == before


def test_foreign_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE x (a)")
    with pytest.raises(DatabaseError, match="not one made by Chú Giải"):
        Database.open(path)


@pytest.mark.sqlite_only("writes PRAGMA user_version into the file (the server's NEWER: tests/postgres/test_server_database.py)")
def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.sqlite3"
    Database.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(DatabaseError, match="newer version"):
        Database.open(path)


def test_uncreatable_data_folder_gives_a_message(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DatabaseError, match="Cannot create the data folder"):
        Database.open(blocker / "sub" / "db.sqlite3")


def test_backup_is_a_consistent_copy(tmp_path, db):
    from tests.core.test_annotations import add_article

    add_article(db)
    target = tmp_path / "backup.sqlite3"
    db.backup(target)
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.sqlite_only("restore into the live file (a server library is never restored over: docs/postgresql.md step 10)")
def test_restore_replaces_content_and_keeps_a_safety_copy(tmp_path, db):
    from desktop_app.core.annotate.highlights import AnnotationService
    from tests.core.test_annotations import add_article

    article = add_article(db)
    AnnotationService(db).create_highlight(article, 2, 5, ["trước"])
    backup = tmp_path / "sao lưu.sqlite3"
    db.backup(backup)
    AnnotationService(db).create_highlight(article, 6, 9, ["sau"])
    safety = db.restore_from(backup)
    assert [h.tag_names for h in AnnotationService(db).highlights_for_article(article)] == [["trước"]]
    kept = Database.open(safety)
    try:
        assert len(AnnotationService(kept).highlights_for_article(article)) == 2
    finally:
        kept.close()


@pytest.mark.sqlite_only("restore into the live file: a server library is never restored over")
def test_restore_refuses_a_file_that_is_not_a_library(tmp_path, db):
    from tests.core.test_annotations import add_article

    add_article(db)
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database" * 100)
    with pytest.raises(DatabaseError, match="not a Chú Giải library"):
        db.restore_from(junk)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM articles").scalar() == 1
