"""A library's location: a SQLite file path or a PostgreSQL URL (docs/postgresql.md, step 1).

`open_library(location)` is the one place that chooses the engine; everything after it works
on the `Database` it returns (`db.location` names it, `db.on_server` says which kind).
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop_app.core.storage.database import Database

LIBRARY_ENV = "CHUGIAI_LIBRARY"
SERVER_SCHEMES = ("postgresql://", "postgresql+psycopg://", "postgres://")


def is_server_location(location: str | os.PathLike[str]) -> bool:
    """True for a PostgreSQL URL (a Path cannot hold one: it collapses `//`)."""
    return isinstance(location, str) and location.strip().lower().startswith(SERVER_SCHEMES)


def open_library(location: str | os.PathLike[str], *, read_only: bool = False,
                 check: bool = False) -> Database:
    """Open the library at `location`: `Database.open` for a file (check: run the integrity
    check first), `ServerDatabase.open_url` for a server URL (psycopg is loaded only then)."""
    if is_server_location(location):
        from desktop_app.core.storage.server import ServerDatabase

        url = str(location).strip()
        if url.lower().startswith("postgres://"):  # the short form libpq also takes
            url = "postgresql://" + url[len("postgres://"):]
        return ServerDatabase.open_url(url, read_only=read_only)
    return Database.open(Path(location), read_only=read_only, check=check)
