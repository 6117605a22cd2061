"""Upgrading an older server library on open (core/storage/server_migrations.py) on a real server."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa

from desktop_app.core.storage.database import SCHEMA_VERSION
from desktop_app.core.storage.errors import DatabaseError
from desktop_app.core.storage.models import Article, Tag
from desktop_app.core.storage.row_versions import VERSIONED_TABLES
from desktop_app.core.storage.server import ServerDatabase
from desktop_app.core.storage.server_migrations import OLDEST
from tests.postgres.test_server_database import open_at_once
from tests.postgres_server import PostgresServer

V13_INDEXES = {"ix_articles_source_path", "ix_articles_source_name", "ix_articles_url_key"}
TITLES = ["Bài một", "Bài hai"]


def old_library(url: str, version: int, tmp_path: Path) -> None:
    """A library as the build of schema `version` made it (checked against each build's
    pg_dump --schema-only), holding two articles and a tag."""
    db = ServerDatabase.open_url(url, backup_dir=tmp_path / "unused")
    try:
        with db.session() as s:
            for title in TITLES:
                s.add(Article(title=title, text=title, original_text=title, content_hash=title.ljust(64, "0"),
                              source_path=f"/tin/{title}.txt", url=f" https://vn/{title} "))
            s.add(Tag(name="Cán bộ", color="#aabbcc"))
    finally:
        db.close()
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        if version < 14:
            for table in VERSIONED_TABLES:
                conn.execute(sa.text(f"ALTER TABLE {table} DROP COLUMN row_version"))
        if version < 13:
            for name in V13_INDEXES:
                conn.execute(sa.text(f"DROP INDEX {name}"))
        if version < 12:
            conn.execute(sa.text("DROP TABLE nlp_pending"))
        if version < 11:
            conn.execute(sa.text("DROP TABLE word_term_totals"))
        conn.execute(sa.text("UPDATE chugiai_schema SET version = :v"), {"v": version})
    engine.dispose()


def facts(url: str) -> dict[str, object]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                "version": conn.execute(sa.text("SELECT version FROM chugiai_schema")).scalar_one(),
                "versions": conn.execute(sa.text("SELECT count(*) FROM chugiai_schema")).scalar_one(),
                "indexes": set(conn.execute(sa.text(
                    "SELECT indexname FROM pg_indexes WHERE tablename = 'articles'")).scalars()) & V13_INDEXES,
                "tables": {t for t in ("nlp_pending", "word_term_totals")
                           if conn.execute(sa.text("SELECT to_regclass(:t)"), {"t": t}).scalar() is not None},
                "titles": sorted(conn.execute(sa.text("SELECT title FROM articles")).scalars()),
            }
    finally:
        engine.dispose()


def schema(url: str) -> dict[str, object]:
    """What the catalogue says of the library's tables, columns, indexes, triggers and functions."""
    engine = sa.create_engine(url)
    queries = {
        "columns": "SELECT table_name, column_name, data_type, is_nullable, column_default"
                   " FROM information_schema.columns WHERE table_schema = 'public'",
        "indexes": "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'",
        "constraints": "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                       " WHERE connamespace = 'public'::regnamespace",
        "triggers": "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal",
        "functions": "SELECT proname, prosrc FROM pg_proc WHERE pronamespace = 'public'::regnamespace",
    }
    try:
        with engine.connect() as conn:
            return {name: sorted(map(tuple, conn.execute(sa.text(sql)))) for name, sql in queries.items()}
    finally:
        engine.dispose()


def restored_sql(dump: Path) -> str:
    """The dump's contents as SQL text (pg_restore to standard output)."""
    done = subprocess.run(["pg_restore", "--data-only", "-f", "-", str(dump)], capture_output=True, text=True,
                          check=True)
    return done.stdout


@pytest.mark.parametrize("version", range(OLDEST, SCHEMA_VERSION))
def test_an_older_library_is_backed_up_then_upgraded(postgres_server: PostgresServer, postgres_database_url: str,
                                                     tmp_path: Path, version: int) -> None:
    old_library(postgres_database_url, version, tmp_path)
    assert facts(postgres_database_url)["version"] == version
    backups = tmp_path / "backups"
    db = ServerDatabase.open_url(postgres_database_url, backup_dir=backups)
    try:
        with db.session() as s:
            assert sorted(s.scalars(sa.select(Article.title))) == sorted(TITLES)
            assert s.scalars(sa.select(Tag.name)).all() == ["Cán bộ"]
    finally:
        db.close()
    after = facts(postgres_database_url)
    assert after == {"version": SCHEMA_VERSION, "versions": 1, "indexes": V13_INDEXES,
                     "tables": {"nlp_pending", "word_term_totals"}, "titles": sorted(TITLES)}
    files = list(backups.iterdir())
    assert len(files) == 1 and files[0].name.startswith(f"chugiai-server-v{version}-")
    if shutil.which("pg_restore") and files[0].suffix == ".dump":
        dumped = restored_sql(files[0])
        assert all(title in dumped for title in TITLES) and "Cán bộ" in dumped
    # The same schema as a library made by this version (each build's own, checked by hand
    # the same way, upgrades to it too: docs/postgresql.md).
    fresh = postgres_server.create_database(f"fresh_{os.getpid()}_{version}")
    ServerDatabase.open_url(fresh, backup_dir=tmp_path / "unused").close()
    assert schema(postgres_database_url) == schema(fresh)


def test_two_clients_opening_an_old_library_upgrade_it_once(postgres_database_url: str, tmp_path: Path) -> None:
    old_library(postgres_database_url, OLDEST, tmp_path)
    backups = tmp_path / "backups"
    opened, errors = open_at_once(postgres_database_url, backup_dir=backups)
    for db in opened:
        db.close()
    assert errors == [] and len(opened) == 3
    assert len(list(backups.iterdir())) == 1  # one backup: one client upgraded, the others found v13
    after = facts(postgres_database_url)
    assert after["version"] == SCHEMA_VERSION and after["versions"] == 1 and after["indexes"] == V13_INDEXES


def test_no_backup_no_upgrade(postgres_database_url: str, tmp_path: Path) -> None:
    old_library(postgres_database_url, OLDEST, tmp_path)
    before = facts(postgres_database_url)
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    with pytest.raises(DatabaseError, match="no backup could be made first, so it was not upgraded"):
        ServerDatabase.open_url(postgres_database_url, backup_dir=blocker / "backups")
    assert facts(postgres_database_url) == before


def test_a_failed_pg_dump_is_no_backup(postgres_database_url: str, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    old_library(postgres_database_url, OLDEST, tmp_path)
    before = facts(postgres_database_url)
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "pg_dump").write_text("#!/bin/sh\necho 'pg_dump: error: server version mismatch' >&2\nexit 1\n")
    (fake / "pg_dump").chmod(0o755)
    monkeypatch.setenv("PATH", str(fake))
    with pytest.raises(DatabaseError, match="pg_dump failed: pg_dump: error: server version mismatch"):
        ServerDatabase.open_url(postgres_database_url, backup_dir=tmp_path / "backups")
    assert facts(postgres_database_url) == before
    assert list((tmp_path / "backups").iterdir()) == []


def test_without_pg_dump_the_backup_is_a_sqlite_copy(postgres_database_url: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    old_library(postgres_database_url, OLDEST, tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "nothing here"))
    backups = tmp_path / "backups"
    ServerDatabase.open_url(postgres_database_url, backup_dir=backups).close()
    assert facts(postgres_database_url)["version"] == SCHEMA_VERSION
    [copy] = list(backups.iterdir())
    assert copy.suffix == ".sqlite3"
    engine = sa.create_engine(f"sqlite:///{copy}")
    try:
        with engine.connect() as conn:
            assert sorted(conn.execute(sa.text("SELECT title FROM articles")).scalars()) == sorted(TITLES)
    finally:
        engine.dispose()


def test_read_only_clients_and_too_old_libraries_are_refused(postgres_database_url: str, tmp_path: Path) -> None:
    old_library(postgres_database_url, OLDEST, tmp_path)
    before = facts(postgres_database_url)
    with pytest.raises(DatabaseError, match="read-only client does not do"):
        ServerDatabase.open_url(postgres_database_url, read_only=True, backup_dir=tmp_path / "b")
    assert facts(postgres_database_url) == before and not (tmp_path / "b").exists()
    engine = sa.create_engine(postgres_database_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE chugiai_schema SET version = :v"), {"v": OLDEST - 1})
    engine.dispose()
    with pytest.raises(DatabaseError, match="older than any server library"):
        ServerDatabase.open_url(postgres_database_url, backup_dir=tmp_path / "b")
    assert not (tmp_path / "b").exists()
