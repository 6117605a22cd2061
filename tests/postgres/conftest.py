"""Fixtures for the tests in this folder; the server fixtures (tests/postgres_server.py) are a
plugin of tests/conftest.py."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.core.storage.database import Database
from desktop_app.core.storage.location import open_library


@pytest.fixture
def both(tmp_path: Path, postgres_database_url: str) -> Iterator[tuple[Database, Database]]:
    """(a SQLite library, a server library), each opened through open_library."""
    lite = open_library(tmp_path / "lib.sqlite3")
    server = open_library(postgres_database_url)
    try:
        yield lite, server
    finally:
        lite.close()
        server.close()
