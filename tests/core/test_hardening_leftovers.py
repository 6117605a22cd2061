"""What a kill or a failing upgrade leaves behind: never an empty copy under a real name,
never a new full copy at every failed attempt, nothing that blocks the next backup."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.core.storage import migrations
from desktop_app.core.storage.copies import clean_partial_copies
from desktop_app.core.storage.database import SCHEMA_VERSION, Database, DatabaseError, check_backup_file
from tests.core.test_annotations import add_article

pytestmark = pytest.mark.sqlite_only("partial files a killed backup or upgrade leaves beside the SQLite file")

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "schemas"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    db = Database.open(data / "chugiai.sqlite3")
    try:
        for i in range(20):
            add_article(db, f"Bài số {i}: công tác cán bộ. " * 50, title=f"Bài {i}")
    finally:
        db.close()
    return data


def test_a_failing_upgrade_reuses_its_safety_copy(tmp_path, monkeypatch):
    old = max(int(p.stem.split("-v")[1]) for p in FIXTURES.glob("library-v*.sqlite3"))
    path = tmp_path / "chugiai.sqlite3"
    shutil.copy(FIXTURES / f"library-v{old}.sqlite3", path)

    def broken(conn: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setitem(migrations.STEPS, SCHEMA_VERSION, broken)
    for _attempt in range(3):
        with pytest.raises(DatabaseError, match="could not be upgraded"):
            Database.open(path)
    copies = list(tmp_path.glob("chugiai.before-upgrade-*.sqlite3"))
    assert len(copies) == 1 and copies[0].stat().st_size > 0
    check_backup_file(copies[0])
    # Once the library changes, the old copy no longer describes it: a new one is made.
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO app_state(key, value) VALUES ('x', 'y')")
    monkeypatch.setattr(migrations, "backup_path",
                        lambda p, v: p.with_name(f"{p.stem}.before-upgrade-v{v}-later{p.suffix}"))
    with pytest.raises(DatabaseError):
        Database.open(path)
    assert len(list(tmp_path.glob("chugiai.before-upgrade-*.sqlite3"))) == 2
    assert not list(tmp_path.glob(".*partial*"))


KILLED_BACKUP = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from desktop_app.core.storage import copies
    from desktop_app.core.storage.database import Database

    def killed(*_args):  # the worst moment: the copy is written, not yet renamed
        os.kill(os.getpid(), signal.SIGKILL)

    copies.os.replace = killed
    db = Database.open(Path(sys.argv[1]))
    db.backup(Path(sys.argv[2]))
""")


def test_a_killed_backup_leaves_no_file_under_its_name_and_the_next_one_works(library, tmp_path, capsys):
    target = tmp_path / "sao lưu.sqlite3"
    child = subprocess.run([sys.executable, "-c", KILLED_BACKUP, str(library / "chugiai.sqlite3"), str(target)],
                           cwd=REPO, capture_output=True, timeout=60)
    assert child.returncode == -9
    assert not target.exists()
    leftovers = sorted(p.name for p in tmp_path.iterdir() if ".partial-" in p.name)
    assert leftovers and all(name.startswith(".sao lưu.sqlite3.partial-") for name in leftovers)
    assert run_backup(library, target) == 0  # cleans the dead process's partial copy first
    assert not [p for p in tmp_path.iterdir() if ".partial-" in p.name]
    check_backup_file(target)


def run_backup(data: Path, target: Path) -> int:
    return main(["--data-dir", str(data), "backup", str(target)])


def test_an_empty_backup_with_a_journal_from_an_older_kill_does_not_block_the_name(library, tmp_path, capsys):
    target = tmp_path / "backup.sqlite3"
    target.write_bytes(b"")
    Path(str(target) + "-journal").write_bytes(b"\0" * 512)
    assert run_backup(library, target) == 0
    assert not Path(str(target) + "-journal").exists()
    check_backup_file(target)
    # A real file of that name is still never overwritten.
    assert run_backup(library, target) == 2
    assert "already exists" in capsys.readouterr().err


def test_clean_partial_copies_keeps_a_live_process_copy(tmp_path):
    import os

    mine = tmp_path / f".b.sqlite3.partial-{os.getpid()}"
    gone = tmp_path / f".b.sqlite3.partial-{2**22 + 99}"
    gone_journal = Path(str(gone) + "-journal")
    for p in (mine, gone, gone_journal):
        p.write_bytes(b"x")
    assert sorted(p.name for p in clean_partial_copies(tmp_path)) == sorted([gone.name, gone_journal.name])
    assert mine.exists()
