"""The prototype library on a server (core/storage/server.py) against a real PostgreSQL."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from desktop_app.core.library.coders import list_coders, use_coder
from desktop_app.core.storage.database import SCHEMA_VERSION
from desktop_app.core.storage.errors import CANT_OPEN, NEWER, DatabaseError
from desktop_app.core.storage.models import Article, Tag
from desktop_app.core.storage.server import ServerDatabase, server_url


def test_url_must_be_postgresql() -> None:
    assert server_url("postgresql://me@host:5432/lib").drivername == "postgresql+psycopg"
    with pytest.raises(ValueError, match="not a PostgreSQL URL"):
        server_url("sqlite:///x.sqlite3")
    with pytest.raises(ValueError, match="names no database"):
        server_url("postgresql://me@host:5432")


def test_empty_database_becomes_a_library_and_opens_again(postgres_database_url: str) -> None:
    db = ServerDatabase.open_url(postgres_database_url)
    try:
        with db.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT version FROM chugiai_schema")).scalar_one() == SCHEMA_VERSION
        assert [c.id for c in list_coders(db)] == [1]
        # Coder 1 was inserted with its id: the sequence must not hand out 1 again.
        assert use_coder(db, "Lan").id == 2
        with db.session() as s:
            s.add(Tag(name="Cán bộ", color="#aabbcc"))
    finally:
        db.close()
    # The test server trusts loopback, so a password is accepted and ignored: it must not
    # show in what messages name the library by.
    again = ServerDatabase.open_url(postgres_database_url.replace("chugiai@", "chugiai:s3cret@"))
    try:
        with again.session() as s:
            assert s.scalars(sa.select(Tag.name)).all() == ["Cán bộ"]
        assert "s3cret" not in str(again.path) and "s3cret" not in repr(again.url)
    finally:
        again.close()


def open_at_once(url: str, clients: int = 3, backup_dir: Path | None = None
                 ) -> tuple[list[ServerDatabase], list[BaseException]]:
    """`clients` threads opening the library at `url` at the same time: (opened, errors)."""
    opened: list[ServerDatabase] = []
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            opened.append(ServerDatabase.open_url(url, backup_dir=backup_dir))
        except BaseException as e:  # noqa: BLE001  (reported by the callers' assertions)
            errors.append(e)

    threads = [threading.Thread(target=open_it) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return opened, errors


def test_two_clients_opening_an_empty_database_create_it_once(postgres_database_url: str) -> None:
    opened, errors = open_at_once(postgres_database_url)
    try:
        assert errors == []
        with opened[0].engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM chugiai_schema")).scalar_one() == 1
            assert conn.execute(sa.text("SELECT count(*) FROM coders")).scalar_one() == 1
    finally:
        for db in opened:
            db.close()


def test_newer_schema_and_foreign_tables_are_refused(postgres_database_url: str) -> None:
    ServerDatabase.open_url(postgres_database_url).close()
    engine = sa.create_engine(postgres_database_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE chugiai_schema SET version = :v"), {"v": SCHEMA_VERSION + 1})
    with pytest.raises(DatabaseError, match="newer version") as caught:
        ServerDatabase.open_url(postgres_database_url)
    assert caught.value.kind == NEWER
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE chugiai_schema"))
    engine.dispose()
    with pytest.raises(DatabaseError, match="not a Chú Giải library"):
        ServerDatabase.open_url(postgres_database_url)


def test_unreachable_server_is_said_in_words(postgres_server) -> None:
    from tests.postgres_server import free_port

    with pytest.raises(DatabaseError, match="cannot be reached") as caught:
        ServerDatabase.open_url(f"postgresql://nobody@127.0.0.1:{free_port()}/lib")
    assert caught.value.kind == CANT_OPEN


def test_vietnamese_text_round_trips(postgres_database_url: str) -> None:
    db = ServerDatabase.open_url(postgres_database_url)
    try:
        text = "Ban Tổ chức Trung ương 🇻🇳 hoà/hòa Ðảng\u00a0đ"
        with db.session() as s:
            s.add(Article(title="t", text=text, original_text=text, content_hash="0" * 64))
        with db.session() as s:
            stored = s.scalars(sa.select(Article.text)).one()
            assert stored == text
            # substr counts code points on both engines (annotate/records.py relies on it).
            assert s.scalar(sa.select(sa.func.substr(Article.text, 24, 2))) == text[23:25]
    finally:
        db.close()
