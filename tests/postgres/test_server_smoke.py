"""The test server answers through SQLAlchemy 2 and psycopg 3, speaks UTF-8 with a Unicode
locale (lower() of Vietnamese capitals), and has the contrib extensions the search plan needs."""

from __future__ import annotations

import sqlalchemy as sa


def test_connects_with_psycopg3_through_sqlalchemy(postgres_url: str) -> None:
    engine = sa.create_engine(postgres_url)
    try:
        with engine.connect() as conn:
            assert engine.dialect.driver == "psycopg"
            assert conn.execute(sa.text("SELECT current_setting('server_encoding')")).scalar() == "UTF8"
            assert conn.execute(sa.text("SELECT lower('ĐẢNG Ủy')")).scalar() == "đảng ủy"
            version = conn.execute(sa.text("SHOW server_version_num")).scalar()
            assert int(version) >= 130000
    finally:
        engine.dispose()


def test_search_extensions_are_available(postgres_url: str) -> None:
    engine = sa.create_engine(postgres_url)
    try:
        with engine.begin() as conn:
            names = set(conn.execute(sa.text("SELECT name FROM pg_available_extensions")).scalars())
            assert {"pg_trgm", "unaccent"} <= names
            conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            assert conn.execute(sa.text("SELECT similarity('ban to chuc', 'ban to chuc trung uong')")).scalar() > 0.4
    finally:
        engine.dispose()
