"""Merging a coder's library file into a shared library (issue 17: the same services on both
engines): An's library published to the server, Bình's file merged into it with the CLI, gives
what merging it into An's library file gives, with ids from the server's sequences."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from sqlalchemy import text

from desktop_app.core.storage.database import Database
from desktop_app.core.storage.engine_copy import publish
from desktop_app.core.storage.location import open_library
from tests.core.test_cli import chugiai
from tests.core.test_merge import coders, db_file, merge, team  # noqa: F401  (team: a fixture)

CODED = ('SELECT a.title, h.start, h."end", c.name, t.name FROM highlights h '
         "JOIN articles a ON a.id = h.article_id JOIN coders c ON c.id = h.coder_id "
         "LEFT JOIN highlight_tags ht ON ht.highlight_id = h.id LEFT JOIN tags t ON t.id = ht.tag_id")


def coded(db: Database) -> list[tuple]:
    with db.engine.connect() as conn:
        return sorted(tuple(r) for r in conn.execute(text(CODED)))


def test_a_coders_library_merges_into_a_shared_library_as_into_a_file(team, tmp_path: Path,  # noqa: F811
                                                                      postgres_server) -> None:
    mine = tmp_path / "mine"
    shutil.copytree(team["root"] / "an", mine)
    theirs = db_file(team["root"] / "binh")
    url = postgres_server.create_database(f"merge_{os.getpid()}")
    local = Database.open(db_file(mine))
    try:
        publish(local, url)
    finally:
        local.close()

    done = chugiai("--library", url, "merge", str(theirs), "--json")
    assert done.returncode == 0, done.stderr
    on_server = json.loads(done.stdout)
    done = merge(mine, theirs, "--json")
    assert done.returncode == 0, done.stderr
    assert on_server == json.loads(done.stdout)
    assert on_server["highlights"]["added"] == team["counts"]["Bình"]

    listed = chugiai("--library", url, "coders", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert {c["name"]: c["highlights"] for c in json.loads(listed.stdout)} == coders(mine)
    server, lite = open_library(url), Database.open(db_file(mine))
    try:
        assert coded(server) == coded(lite)
        # The next highlight made on the server takes a fresh id (the sequence moved on).
        with server.engine.connect() as conn:
            top = conn.execute(text("SELECT max(id) FROM highlights")).scalar()
            assert conn.execute(text("SELECT nextval(pg_get_serial_sequence('highlights', 'id'))")).scalar() > top
    finally:
        server.close()
        lite.close()
