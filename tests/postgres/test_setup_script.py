"""docs/postgresql-setup.sql on a real server: one coder publishes, another reads and writes
the same library through the group's privileges, and a role outside the group is kept out."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from desktop_app.core.library.memos import set_memo
from desktop_app.core.operations.editor import Operations
from desktop_app.core.storage.database import Database, DatabaseError
from desktop_app.core.storage.engine_copy import publish
from desktop_app.core.storage.location import open_library
from desktop_app.core.text.spans import TextSpan
from tests.core.analysis_library import sample_library
from tests.postgres_server import PostgresServer

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "postgresql-setup.sql"


def psql(server: PostgresServer, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(server.bindir / "psql"), server.url("postgres", driver="postgresql"),
                           "-v", "ON_ERROR_STOP=1", "-q", *args],
                          capture_output=True, text=True, timeout=60, check=False)


def test_the_setup_script_lets_coders_share_one_library(postgres_server: PostgresServer, tmp_path: Path) -> None:
    if not (postgres_server.bindir / "psql").exists():
        pytest.skip("no psql beside the server binaries")
    done = psql(postgres_server, "-f", str(SCRIPT))
    assert done.returncode == 0, done.stderr
    assert psql(postgres_server, "-c", "CREATE ROLE outsider LOGIN").returncode == 0
    url = f"postgresql+psycopg://{{}}@127.0.0.1:{postgres_server.port}/chugiai"

    lite = Database.open(tmp_path / "lib.sqlite3")
    try:
        _ops, art, _h = sample_library(lite)
        assert publish(lite, url.format("lan")).rows > 0  # lan creates the tables
    finally:
        lite.close()
    minh = open_library(url.format("minh"))  # reads the version table lan made
    try:
        Operations(minh).create_highlight(art["C"], TextSpan(0, 3), ["Của Minh"])  # a sequence
        assert set_memo(minh, art["A"], "Minh ghi.")
    finally:
        minh.close()
    with pytest.raises(DatabaseError, match="cannot be reached: .*permission denied"):
        open_library(url.format("outsider"))
