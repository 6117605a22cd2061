"""Faults a researcher's library must survive: read-only, busy, damaged, disk full.

Each one ends in a DatabaseError with a sentence naming the file (never a traceback), and
nothing already saved is lost.
"""

from __future__ import annotations

import errno
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.storage import database as db_module
from desktop_app.core.storage.database import (
    BUSY,
    DISK_FULL,
    NEWER,
    READ_ONLY,
    DamagedDatabaseError,
    Database,
    DatabaseError,
    check_integrity,
    explain,
    move_aside,
    needs_check_marker,
)
from tests.core.crash_writer import prepare_library
from tests.core.test_annotations import add_article

REPO = Path(__file__).resolve().parents[2]


def make_library(path: Path, highlights: int = 0) -> Database:
    """A library with one article and `highlights` highlights (tags and notes), left open."""
    db = Database.open(path)
    article = add_article(db, "Ban Tổ chức Trung ương tổ chức Hội nghị cán bộ. " * 200)
    service = AnnotationService(db)
    for i in range(highlights):
        service.create_highlight(article, i * 7, i * 7 + 5, [f"Mã {i % 5}"], f"ghi chú {i}")
    return db


def stored_notes(path: Path) -> dict[int, str]:
    with sqlite3.connect(path) as conn:
        return dict(conn.execute("SELECT id, note FROM highlights"))


# --- read-only ----------------------------------------------------------------------------
@pytest.mark.sqlite_only("a read-only file or folder, file: URIs and restoring over the file")
def test_read_only_library_refuses_changes_in_words_and_keeps_data(tmp_path):
    path = tmp_path / "chugiai.sqlite3"
    db = make_library(path, highlights=3)
    db.close()
    ro = Database.open(path, read_only=True)
    try:
        assert ro.read_only and str(path) in ro.read_only_message
        assert "read-only" in ro.read_only_message
        service = AnnotationService(ro)
        assert len(service.highlights_for_article(1)) == 3  # reading works
        with pytest.raises(DatabaseError, match="read-only") as caught:
            service.set_note(1, "đổi")
        assert caught.value.kind == READ_ONLY and str(path) in str(caught.value)
    finally:
        ro.close()
    assert stored_notes(path)[1] == "ghi chú 0"


def test_a_writable_library_has_no_read_only_message(db):
    assert not db.read_only and db.read_only_message == ""


@contextmanager
def read_only_folder(folder: Path):
    """`folder` seen read-only for real: a read-only bind mount as root (chmod does not stop
    root), else chmod. Yields the path to use."""
    if os.geteuid() == 0:
        view = folder.parent / (folder.name + "-ro")
        view.mkdir()
        mounted = subprocess.run(["mount", "--bind", str(folder), str(view)], capture_output=True)
        if mounted.returncode != 0:
            pytest.skip("root, but cannot bind-mount here: " + mounted.stderr.decode())
        try:
            remount = subprocess.run(["mount", "-o", "remount,ro,bind", str(view)], capture_output=True)
            if remount.returncode != 0:
                pytest.skip("cannot remount read-only: " + remount.stderr.decode())
            yield view
        finally:
            subprocess.run(["umount", "-l", str(view)], check=True)  # lazy: never "busy"
        return
    modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
    for p in folder.iterdir():
        p.chmod(0o444)
    folder.chmod(0o555)
    try:
        yield folder
    finally:
        for p, mode in modes.items():
            p.chmod(mode)


@pytest.mark.sqlite_only("a read-only file or folder, file: URIs and restoring over the file")
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and mounts")
def test_library_in_a_read_only_folder_opens_read_only(tmp_path):
    """WAL needs a -shm file beside the database: in a read-only folder without one, sqlite
    cannot open it even read-only, unless told the file cannot change."""
    folder = tmp_path / "data"
    folder.mkdir()
    make_library(folder / "chugiai.sqlite3", highlights=2).close()
    assert sorted(p.name for p in folder.iterdir()) == ["chugiai.sqlite3"]
    with read_only_folder(folder) as view:
        path = view / "chugiai.sqlite3"
        with pytest.raises(DatabaseError) as caught:
            Database.open(path)
        assert str(path) in str(caught.value)
        ro = Database.open(path, read_only=True)
        try:
            assert len(AnnotationService(ro).highlights_for_article(1)) == 2
            with pytest.raises(DatabaseError, match="read-only"):
                AnnotationService(ro).set_note(1, "không được")
        finally:
            ro.close()


# --- busy: a second writer (a CLI import while the window is open) ---------------------------
@contextmanager
def write_lock_held(path: Path, seconds: float | None):
    """Another connection holds the write lock, for `seconds` (None: until the block ends)."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO app_state(key, value) VALUES ('người khác', '1')")
    released = threading.Event()

    def release_later() -> None:
        released.wait(seconds)
        conn.execute("COMMIT")
        conn.close()

    thread = threading.Thread(target=release_later)
    thread.start()
    try:
        yield
    finally:
        released.set()
        thread.join()


@pytest.mark.sqlite_only("SQLite's one-writer lock and busy_timeout (the server has row locks)")
def test_a_write_waits_for_a_short_write_of_another_connection(tmp_path, monkeypatch):
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 3000)
    path = tmp_path / "chugiai.sqlite3"
    db = make_library(path)
    try:
        service = AnnotationService(db)
        with write_lock_held(path, seconds=0.4):  # held when the write starts: it succeeds only by waiting
            info = service.create_highlight(1, 0, 3, ["chờ"], "đợi một chút")
        assert service.get_highlight(info.id).note == "đợi một chút"
    finally:
        db.close()
    with sqlite3.connect(path) as conn:  # the other writer's row is there too
        assert conn.execute("SELECT value FROM app_state WHERE key='người khác'").fetchone() == ("1",)


@pytest.mark.sqlite_only("SQLite's one-writer lock and busy_timeout (the server has row locks)")
def test_a_write_blocked_longer_than_the_timeout_is_refused_in_words(tmp_path, monkeypatch):
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "chugiai.sqlite3"
    db = make_library(path, highlights=1)
    try:
        service = AnnotationService(db)
        with write_lock_held(path, seconds=None):
            with pytest.raises(DatabaseError, match="is busy") as caught:
                service.set_note(1, "bị chặn")
        assert caught.value.kind == BUSY and str(path) in str(caught.value)
        assert service.set_note(1, "lần sau").note == "lần sau"  # works once the lock is gone
    finally:
        db.close()


@pytest.mark.sqlite_only("SQLite's one-writer lock and busy_timeout (the server has row locks)")
def test_cli_import_blocked_by_a_long_write_says_busy_without_a_traceback(tmp_path, monkeypatch, capsys):
    from desktop_app import cli

    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 200)
    data = tmp_path / "data"
    make_library(data / "chugiai.sqlite3").close()
    article = tmp_path / "bài.txt"
    article.write_text("Tiêu đề mới\n\nNội dung bài viết về Hội nghị cán bộ.\n", encoding="utf-8")
    with write_lock_held(data / "chugiai.sqlite3", seconds=None):
        code = cli.main(["--data-dir", str(data), "import", str(article)])
    err = capsys.readouterr().err
    assert code != 0
    assert "busy" in err and "Traceback" not in err
    assert cli.main(["--data-dir", str(data), "import", str(article)]) == 0  # and later it works


# --- damaged or not a database ------------------------------------------------------------
def test_move_aside_renames_the_file_and_its_siblings_and_deletes_nothing(tmp_path):
    path = tmp_path / "chugiai.sqlite3"
    contents = {"": b"main bytes", "-wal": b"wal bytes", "-shm": b"shm bytes"}
    for suffix, data in contents.items():
        Path(str(path) + suffix).write_bytes(data)
    needs_check_marker(path).touch()
    moved = move_aside(path, now=datetime(2024, 3, 5, 14, 7, 9))
    assert moved == tmp_path / "chugiai.damaged-20240305-140709.sqlite3"
    for suffix, data in contents.items():
        assert Path(str(moved) + suffix).read_bytes() == data
        assert not Path(str(path) + suffix).exists()
    assert not needs_check_marker(path).exists()
    # The same second again: a new name, the first one kept.
    path.write_bytes(b"second")
    again = move_aside(path, now=datetime(2024, 3, 5, 14, 7, 9))
    assert again.name == "chugiai.damaged-20240305-140709-2.sqlite3"
    assert again.read_bytes() == b"second" and moved.read_bytes() == b"main bytes"


def test_move_aside_that_cannot_rename_says_so(tmp_path, monkeypatch):
    path = tmp_path / "chugiai.sqlite3"
    path.write_bytes(b"x")

    def refuse(self, target):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "rename", refuse)
    with pytest.raises(DatabaseError, match="could not be moved aside.*nothing was deleted"):
        move_aside(path)
    assert path.read_bytes() == b"x"


def _good_library(tmp_path: Path) -> Path:
    path = tmp_path / "good.sqlite3"
    prepare_library(path)
    db = Database.open(path)
    service = AnnotationService(db)
    with sqlite3.connect(path) as conn:
        text = conn.execute("SELECT text FROM articles WHERE id = 1").fetchone()[0]
    words = [m.span() for m in re.finditer(r"\w+", text)][:300]
    for start, end in words:
        service.create_highlight(1, start, end, ["Đảng"], "ghi chú " * 20)
    db.close()  # the last connection checkpoints: everything is in the main file
    return path


def _copy(path: Path, name: str) -> Path:
    target = path.with_name(name)
    shutil.copy(path, target)
    return target


def _root_page(path: Path, table: str) -> tuple[int, int]:
    with sqlite3.connect(path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name=?", (table,)).fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    return root, page_size


def corrupt_table(path: Path, table: str) -> None:
    """Overwrite the table's root page with noise; the header and schema stay valid."""
    root, page_size = _root_page(path, table)
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(random.Random(root).randbytes(page_size))


@pytest.fixture(scope="module")
def _good_template(tmp_path_factory) -> Path:
    """Built once per module (300 highlights); each test damages its own copy."""
    return _good_library(tmp_path_factory.mktemp("good"))


@pytest.fixture
def good_library(_good_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / _good_template.name
    shutil.copy(_good_template, target)  # closed and checkpointed: one file is the whole library
    return target


def test_a_sound_library_passes_the_check(good_library):
    assert check_integrity(good_library) is None


def test_random_bytes_are_refused_as_damaged_and_left_untouched(good_library):
    path = _copy(good_library, "random.sqlite3")
    path.write_bytes(random.Random(1).randbytes(path.stat().st_size))
    before = path.read_bytes()
    with pytest.raises(DamagedDatabaseError, match="not a Chú Giải database"):
        Database.open(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("keep", [0.5, 0.9, 0.99])
def test_a_truncated_library_is_refused_as_damaged(good_library, keep):
    path = _copy(good_library, f"cut-{keep}.sqlite3")
    with open(path, "r+b") as f:
        f.truncate(int(path.stat().st_size * keep) // 4096 * 4096)
    before = path.read_bytes()
    with pytest.raises(DamagedDatabaseError) as caught:
        Database.open(path)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before


def test_broken_pages_behind_a_valid_header_are_caught_on_first_use_and_checked_next_time(good_library):
    path = _copy(good_library, "pages.sqlite3")
    corrupt_table(path, "highlights")
    assert check_integrity(path)  # the full check sees it...
    db = Database.open(path)  # ...but opening reads only the header (the check is costly)
    try:
        with pytest.raises(DamagedDatabaseError, match="damaged.*Restart Chú Giải"):
            AnnotationService(db).highlights_for_article(1)
    finally:
        db.close()
    # The damage seen is remembered, so the next start checks the whole file.
    assert needs_check_marker(path).exists()
    with pytest.raises(DamagedDatabaseError, match="is damaged"):
        Database.open(path, check=True)


def test_a_sound_library_checked_on_open_clears_the_marker(good_library):
    needs_check_marker(good_library).touch()
    Database.open(good_library, check=True).close()
    assert not needs_check_marker(good_library).exists()


@pytest.mark.sqlite_only(
    "a foreign or newer SQLite file (the server's refusals: tests/postgres/test_server_database.py)")
def test_a_foreign_database_is_damaged_for_the_app_but_a_newer_one_is_not(tmp_path):
    foreign = tmp_path / "other.sqlite3"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE x (a)")
    before = foreign.read_bytes()
    with pytest.raises(DamagedDatabaseError, match="not one made by Chú Giải"):
        Database.open(foreign)
    assert foreign.read_bytes() == before  # not even switched to WAL: untouched means untouched
    newer = tmp_path / "newer.sqlite3"
    Database.open(newer).close()
    with sqlite3.connect(newer) as conn:
        conn.execute(f"PRAGMA user_version={db_module.SCHEMA_VERSION + 1}")
        conn.execute("PRAGMA journal_mode=DELETE")
    before = newer.read_bytes()
    with pytest.raises(DatabaseError) as caught:
        Database.open(newer)
    assert caught.value.kind == NEWER and not isinstance(caught.value, DamagedDatabaseError)
    assert newer.read_bytes() == before


# --- disk full ----------------------------------------------------------------------------
def test_explain_recognises_a_full_disk_and_a_file_too_large(tmp_path):
    path = tmp_path / "chugiai.sqlite3"
    for code in (errno.ENOSPC, errno.EFBIG):
        message = explain(OSError(code, os.strerror(code)), path)
        assert "is full" in message and str(path) in message and "not saved" in message
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorname = "SQLITE_FULL"
    assert db_module.error_kind(full) == DISK_FULL


DISK_FULL_SCRIPT = r"""
import json, resource, signal, sys
from pathlib import Path
from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.storage.database import Database, DatabaseError

path = Path(sys.argv[1])
db = Database.open(path)
service = AnnotationService(db)
biggest = max(p.stat().st_size for p in path.parent.iterdir())
# A write past the limit fails with EFBIG instead of killing the process with SIGXFSZ.
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (biggest + 256 * 1024, resource.RLIM_INFINITY))
out = {}
try:
    service.set_note(1, "đầy " * 1_000_000)
    out["refused"] = None
except DatabaseError as e:
    out["refused"], out["kind"] = str(e), e.kind
out["note_after"] = service.get_highlight(1).note
out["small_change"] = service.set_note(2, "vẫn chạy").note  # the app keeps working
db.close()
print(json.dumps(out, ensure_ascii=False))
"""


@pytest.mark.sqlite_only("a full disk or file size limit under the SQLite file")
@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_write_past_the_file_size_limit_is_refused_and_nothing_is_lost(tmp_path):
    path = tmp_path / "chugiai.sqlite3"
    make_library(path, highlights=5).close()
    before = stored_notes(path)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    run = subprocess.run([sys.executable, "-c", DISK_FULL_SCRIPT, str(path)], cwd=REPO, env=env,
                         capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["refused"] and "is full" in out["refused"] and str(path) in out["refused"]
    assert out["kind"] == DISK_FULL
    assert out["note_after"] == before[1]
    assert out["small_change"] == "vẫn chạy"
    assert "Traceback" not in run.stderr
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert stored_notes(path) == {**before, 2: "vẫn chạy"}


@pytest.fixture
def tiny_disk(tmp_path):
    """A real 1 MiB file system (tmpfs); needs root and a kernel that allows the mount."""
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root on Linux")
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here: " + done.stderr.decode())
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=True)  # lazy: never "busy"


@pytest.mark.sqlite_only("a full disk or file size limit under the SQLite file")
def test_a_full_disk_refuses_the_change_and_keeps_earlier_work(tiny_disk):
    path = tiny_disk / "chugiai.sqlite3"
    db = make_library(path, highlights=5)
    try:
        service = AnnotationService(db)
        with pytest.raises(DatabaseError, match="is full") as caught:
            for i in range(100):  # fill the disk, one committed note after another
                service.set_note(1 + i % 5, f"{i} " + "đ" * 200_000)
        assert caught.value.kind == DISK_FULL
        kept = {h.id: h.note for h in service.highlights_for_article(1)}  # reading still works
    finally:
        db.close()
    again = Database.open(path)
    try:
        assert {h.id: h.note for h in AnnotationService(again).highlights_for_article(1)} == kept
    finally:
        again.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# --- file names sqlite URIs would misread -------------------------------------------------------
@pytest.mark.sqlite_only("a read-only file or folder, file: URIs and restoring over the file")
def test_read_only_open_and_restore_work_with_hash_question_mark_and_percent_in_names(tmp_path):
    folder = tmp_path / "Dự án #2 ?50%"
    path = folder / "chugiai.sqlite3"
    db = make_library(path, highlights=2)
    try:
        backup = folder / "sao lưu #1 ?.sqlite3"
        db.backup(backup)
        AnnotationService(db).set_note(1, "sau khi sao lưu")
        db.restore_from(backup)  # opens the backup through a read-only URI
        assert AnnotationService(db).get_highlight(1).note == "ghi chú 0"
    finally:
        db.close()
    ro = Database.open(path, read_only=True)
    try:
        assert len(AnnotationService(ro).highlights_for_article(1)) == 2
    finally:
        ro.close()
    assert check_integrity(path) is None
