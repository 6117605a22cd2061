"""What the benchmarks that need a PostgreSQL server share (not a benchmark itself): a
durable server and a scratch folder, made and removed together; a read-only copy of a library
file to work on; the load average to print beside the figures."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from tests.postgres_server import PostgresServer, start_server


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def start(prefix: str) -> tuple[PostgresServer, Path]:
    """A server with the durability a team's has (fsync on), and a scratch folder."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    return start_server(durable=True), folder


def stop(server: PostgresServer, folder: Path) -> None:
    """The server stopped, its data folder and the scratch folder removed."""
    server.stop()
    shutil.rmtree(server.folder, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)


def copy_library(library: Path, folder: Path) -> Path:
    """`library` copied into `folder` through the sqlite3 backup API, opened read-only: the
    file named is never written."""
    source = sqlite3.connect(f"file:{library}?mode=ro", uri=True)
    local = folder / "lib.sqlite3"
    dest = sqlite3.connect(local)
    try:
        source.backup(dest)
    finally:
        dest.close()
        source.close()
    return local
