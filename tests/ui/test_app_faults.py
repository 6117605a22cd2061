"""The app meets faults before and while the window is open: a read-only or damaged library,
a second copy of the app, and unexpected errors. It says what happened, in words, loses
nothing, and keeps running."""

from __future__ import annotations

import logging
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtNetwork import QLocalServer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app.core.storage.database import DatabaseError, needs_check_marker
from desktop_app.ui import app as app_module
from desktop_app.ui import errors as errors_module
from desktop_app.ui.app import open_library, prepare_window
from desktop_app.ui.errors import ErrorDialog, install_excepthook, setup_logging
from desktop_app.ui.window import single_instance
from desktop_app.ui.window.single_instance import LOCK_NAME, SingleInstance
from tests.core.test_faults import corrupt_table, make_library, read_only_folder

REPO = Path(__file__).resolve().parents[2]


def library(data: Path, highlights: int = 2) -> Path:
    path = data / "chugiai.sqlite3"
    make_library(path, highlights).close()
    return path


def damaged_copies(folder: Path) -> list[Path]:
    return sorted(folder.glob("chugiai.damaged-*.sqlite3"))


# --- read-only ------------------------------------------------------------------------------
def test_read_only_library_opens_read_only_with_a_message(tmp_path, monkeypatch):
    data = tmp_path / "data"
    path = library(data)
    real_access = os.access
    # As root, permissions do not stop writes: make the app see a read-only file.
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == path else real_access(p, mode))
    opened = open_library(data)
    try:
        assert opened.db.read_only
        [notice] = opened.notices
        assert notice == opened.db.read_only_message and str(path) in notice
        with pytest.raises(DatabaseError, match="read-only"):
            from desktop_app.core.annotate.highlights import AnnotationService

            AnnotationService(opened.db).set_note(1, "không lưu được")
    finally:
        opened.db.close()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and mounts")
def test_library_in_a_read_only_folder_opens_read_only(tmp_path):
    data = tmp_path / "data"
    library(data)
    with read_only_folder(data) as view:
        opened = open_library(view)
        try:
            assert opened.db.read_only and opened.notices == [opened.db.read_only_message]
            assert app_module.import_seeds_once(opened.db) == 0  # nothing written
        finally:
            opened.db.close()


# --- damaged --------------------------------------------------------------------------------
@pytest.mark.parametrize("damage", ["random", "truncated", "foreign"])
def test_damaged_library_is_moved_aside_and_a_new_one_started(tmp_path, damage):
    data = tmp_path / "data"
    path = library(data, highlights=50)
    if damage == "random":
        path.write_bytes(random.Random(3).randbytes(path.stat().st_size))
    elif damage == "truncated":
        with open(path, "r+b") as f:
            f.truncate(path.stat().st_size // 2)
    else:
        path.unlink()
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE sổ_sách (a)")
    before = path.read_bytes()
    opened = open_library(data)
    try:
        [moved] = damaged_copies(data)
        assert opened.moved_aside == moved and moved.read_bytes() == before  # kept, byte for byte
        [notice] = opened.notices
        assert moved.name in notice and str(data) in notice and "Nothing was deleted" in notice
        assert not opened.db.read_only
        with opened.db.engine.connect() as conn:  # a new, empty library in its place
            assert conn.exec_driver_sql("SELECT count(*) FROM highlights").scalar() == 0
    finally:
        opened.db.close()


def test_newer_library_is_refused_not_moved(tmp_path):
    data = tmp_path / "data"
    path = library(data)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version=999")
    with pytest.raises(DatabaseError, match="newer version"):
        open_library(data)
    assert damaged_copies(data) == [] and path.exists()


def test_damage_seen_last_time_is_checked_at_the_next_start(tmp_path):
    data = tmp_path / "data"
    path = library(data, highlights=300)
    corrupt_table(path, "highlights")
    opened = open_library(data)  # the header is sound: opening does not read every page
    assert opened.moved_aside is None
    with pytest.raises(DatabaseError, match="Restart Chú Giải"):
        from desktop_app.core.annotate.highlights import AnnotationService

        AnnotationService(opened.db).highlights_for_article(1)
    opened.db.close()
    assert needs_check_marker(path).exists()
    again = open_library(data)
    try:
        assert again.moved_aside is not None and again.notices
        assert not needs_check_marker(path).exists()
    finally:
        again.db.close()


def test_check_after_a_crash_finds_broken_pages_at_once(tmp_path):
    data = tmp_path / "data"
    path = library(data, highlights=300)
    corrupt_table(path, "highlights")
    opened = open_library(data, check=True)  # what run_gui asks after a stale lock
    try:
        assert opened.moved_aside is not None
    finally:
        opened.db.close()


def test_window_on_a_library_whose_first_reads_fail_starts_on_a_new_one(tmp_path, qtbot, qapp):
    data = tmp_path / "data"
    path = library(data, highlights=300)
    corrupt_table(path, "articles")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    opened, window = prepare_window(data, start_worker=False, settings=settings)
    qtbot.addWidget(window)
    try:
        assert opened.moved_aside is not None and len(damaged_copies(data)) == 1
        assert window.db is opened.db and window.db.path == path
    finally:
        window.close()
        opened.db.close()


def close_windows_soon(qapp, answered: list) -> QTimer:
    """Close the main window once shown (run_gui's app.exec() then returns)."""
    timer = QTimer()
    deadline = time.monotonic() + 60

    def poll() -> None:
        windows = [w for w in qapp.topLevelWidgets() if w.isVisible() and w.inherits("QMainWindow")]
        if windows or time.monotonic() > deadline:
            timer.stop()
            answered.extend(windows)
            for w in windows:
                w.close()
            if not windows:
                qapp.quit()

    timer.timeout.connect(poll)
    timer.start(50)
    return timer


def test_run_gui_on_a_damaged_library_offers_a_choice_tells_where_it_went_and_opens(tmp_path, monkeypatch, qapp):
    from desktop_app.ui.dialogs.damaged_library import DamagedLibraryDialog

    data = tmp_path / "data"
    path = library(data)
    path.write_bytes(b"Bao cao quy I\n" * 100)
    shown = []  # the message boxes: plain text, read as shown
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(app_module, "setup_logging", lambda: None)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # QSettings() of run_gui
    offered = []

    def answer() -> None:  # the user picks "Start a new library" in the modal dialog
        for widget in qapp.topLevelWidgets():
            if isinstance(widget, DamagedLibraryDialog) and widget.isVisible():
                offered.append(widget.message.text())
                widget.new_button.click()

    chooser = QTimer()
    chooser.timeout.connect(answer)
    chooser.start(20)
    windows: list = []
    timer = close_windows_soon(qapp, windows)
    assert app_module.run_gui(data_dir=str(data)) == 0
    timer.stop()
    chooser.stop()
    assert len(offered) == 1 and str(path) in offered[0]
    [moved] = damaged_copies(data)
    assert moved.read_bytes() == b"Bao cao quy I\n" * 100
    assert len(shown) == 1 and moved.name in shown[0]
    assert windows, "the window opened on the new library"
    assert not (data / LOCK_NAME).exists()  # released on exit


# --- a second copy of the app ------------------------------------------------------------------
HOLDER = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from desktop_app.ui.window.single_instance import SingleInstance
app = QCoreApplication([])
instance = SingleInstance(Path(sys.argv[1]))
print("HELD" if instance.acquire() else "NOT HELD", flush=True)
time.sleep(120)  # never runs the event loop: a hung first copy
"""


def child_env(tmp_path: Path) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen",
                XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_STATE_HOME=str(tmp_path / "state"),
                XDG_CONFIG_HOME=str(tmp_path / "config"))


@pytest.fixture
def holder(tmp_path):
    """Start a process that holds the library in data and then hangs; yields (data, process)."""
    data = tmp_path / "data"
    data.mkdir()
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(data)], cwd=REPO,
                            env=child_env(tmp_path), stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "HELD"
    yield data, proc
    if proc.poll() is None:
        proc.kill()
    proc.wait(10)
    proc.stdout.close()
    QLocalServer.removeServer(single_instance.server_name(data))  # a killed process leaves it


def test_second_copy_hands_its_files_to_the_first_and_exits_0(tmp_path, qtbot, qapp):
    data = tmp_path / "data"
    first = SingleInstance(data)
    assert first.acquire()
    article = tmp_path / "bài mới.txt"
    article.write_text("Tiêu đề\n\nNội dung.\n", encoding="utf-8")
    code = ("import sys\nfrom desktop_app.ui.app import run_gui\n"
            "sys.exit(run_gui(data_dir=sys.argv[1], files=sys.argv[2:]))")
    try:
        with qtbot.waitSignal(first.files_received, timeout=30_000) as got:
            second = subprocess.Popen(
                [sys.executable, "-c", code, str(data), "bài mới.txt"], cwd=tmp_path,
                env=child_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                text=True, encoding="utf-8")
        out, err = second.communicate(timeout=30)
    finally:
        first.release()
    assert got.args == [[str(article.resolve())]]  # made absolute: the copies' folders differ
    assert second.returncode == 0, err
    assert "already open" in err and str(data) in err
    assert not (data / "chugiai.sqlite3").exists()  # the second copy never opened the library


def test_a_hung_first_copy_gets_a_clear_message_and_nothing_is_opened(holder, monkeypatch, qapp):
    data, _proc = holder
    monkeypatch.setattr(single_instance, "ANSWER_TIMEOUT_MS", 500)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(app_module, "setup_logging", lambda: None)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    assert app_module.run_gui(data_dir=str(data), files=["x.txt"]) == 1  # gives up: never hangs
    [message] = shown
    assert "Another copy of Chú Giải" in message and str(data) in message and "process" in message
    assert not (data / "chugiai.sqlite3").exists()


def test_a_lock_left_by_a_killed_copy_is_taken_over(holder, qapp):
    data, proc = holder
    assert not SingleInstance(data).acquire()  # alive: held
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert (data / LOCK_NAME).exists()  # left behind by the dead process
    instance = SingleInstance(data)
    try:
        assert instance.acquire()
        assert instance.recovered_stale_lock  # run_gui then checks the whole library once
    finally:
        instance.release()
    clean = SingleInstance(data)
    assert clean.acquire() and not clean.recovered_stale_lock
    clean.release()


def test_a_live_copy_keeps_its_lock_however_old_the_lock_file(holder, qapp):
    data, _proc = holder
    old = time.time() - 3 * 3600  # QLockFile's default would call this stale after 30 s
    os.utime(data / LOCK_NAME, (old, old))
    assert not SingleInstance(data).acquire()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and mounts")
def test_a_read_only_folder_holds_no_lock_but_copies_still_find_each_other(tmp_path, qapp):
    data = tmp_path / "data"
    library(data)
    with read_only_folder(data) as view:
        first = SingleInstance(view)
        try:
            assert first.acquire() and first.lock_unavailable  # no lock file could be made
            assert not (view / LOCK_NAME).exists()
            assert not SingleInstance(view).acquire()  # the socket alone finds the first
        finally:
            first.release()


def test_files_from_a_second_copy_raise_the_window_and_are_imported(tmp_path, qtbot, qapp):
    class FakeWindow(QWidget):
        def __init__(self, read_only: bool) -> None:
            super().__init__()
            self.db = type("Db", (), {"read_only": read_only})()
            self.imported: list[tuple[list[Path], bool]] = []

        def import_paths(self, paths: list[Path], summary: bool = False) -> None:
            self.imported.append((paths, summary))

    article = tmp_path / "bài.txt"
    article.write_text("Tiêu đề\n\nNội dung.\n", encoding="utf-8")
    window = FakeWindow(read_only=False)
    qtbot.addWidget(window)
    window.showMinimized()
    app_module._receive_files(window, [str(article), str(tmp_path / "không có.txt")])
    # Only what exists, and with the summary shown even when all went well.
    assert window.imported == [([article], True)] and not window.isMinimized()
    app_module._receive_files(window, [])  # started without files: only brought forward
    assert len(window.imported) == 1
    read_only = FakeWindow(read_only=True)
    qtbot.addWidget(read_only)
    app_module._receive_files(read_only, [str(article)])
    assert read_only.imported == []


# --- unexpected errors ----------------------------------------------------------------------
@pytest.fixture
def log_file(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    path = setup_logging(tmp_path / "logs")
    yield path
    for handler in list(logging.getLogger().handlers):
        if getattr(handler, "baseFilename", "") == str(path):
            logging.getLogger().removeHandler(handler)
            handler.close()


def when_dialog_visible(answer, dialog_class: type = ErrorDialog) -> QTimer:
    """Run `answer(dialog)` once a top-level dialog of that class is showing (it blocks in exec())."""
    timer = QTimer()

    def poll() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, dialog_class) and widget.isVisible():
                timer.stop()
                answer(widget)
                return

    timer.timeout.connect(poll)
    timer.start(20)
    return timer


def fail(message: str = "ổ đĩa đầy") -> None:
    raise RuntimeError(message)


def exc_info_of(function, *args) -> tuple:
    try:
        function(*args)
    except Exception:
        return sys.exc_info()
    raise AssertionError("no exception")


def test_error_dialog_copies_details_and_the_app_goes_on(log_file, qtbot, qapp):
    reporter = install_excepthook(log_file)
    seen = {}

    def answer(dialog: ErrorDialog) -> None:
        seen["text"] = dialog.text()
        dialog.copy_button.click()
        seen["still_open_after_copy"] = dialog.isVisible()
        seen["clipboard"] = QApplication.clipboard().text()
        dialog.ok_button.click()

    timer = when_dialog_visible(answer)
    reporter(*exc_info_of(fail))  # returns once the dialog is closed
    timer.stop()
    assert "ổ đĩa đầy" in seen["text"] and "saved" in seen["text"]
    assert seen["still_open_after_copy"]
    clip = seen["clipboard"]
    assert "Traceback" in clip and "RuntimeError: ổ đĩa đầy" in clip and "in fail" in clip
    assert "Chú Giải 0." in clip and "Python" in clip and "Qt" in clip
    assert not reporter.showing and qapp.instance() is not None


def test_open_log_folder_opens_the_folder_and_keeps_the_dialog(log_file, qtbot, qapp, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    reporter = install_excepthook(log_file)
    seen = {}

    def answer(dialog: ErrorDialog) -> None:
        dialog.log_button.click()
        seen["open"] = dialog.isVisible()
        dialog.ok_button.click()

    timer = when_dialog_visible(answer)
    reporter(*exc_info_of(fail))
    timer.stop()
    assert opened == [str(log_file.parent)] and seen["open"]


def test_the_same_error_a_hundred_times_opens_one_dialog_and_is_counted(log_file, qapp, monkeypatch):
    shown = []
    monkeypatch.setattr(ErrorDialog, "exec", lambda self: shown.append(self.text()))
    reporter = install_excepthook(log_file)
    for i in range(100):
        reporter(*exc_info_of(fail, f"lỗi số {i}"))  # the message changes, the place does not
    assert len(shown) == 1
    logged = log_file.read_text(encoding="utf-8")
    assert logged.count("Traceback") == 1
    assert "(100 times so far)" in logged and "(2 times so far)" in logged
    assert "(50 times so far)" not in logged  # the log is not flooded either
    reporter(*exc_info_of(lambda: {}["khóa"]))  # another error still gets its dialog
    assert len(shown) == 2


def test_an_error_while_showing_the_dialog_is_logged_not_looped(log_file, qapp, monkeypatch):
    def broken_init(self, *args, **kwargs):
        raise ValueError("the dialog itself failed")

    monkeypatch.setattr(ErrorDialog, "__init__", broken_init)
    reporter = install_excepthook(log_file)
    reporter(*exc_info_of(fail))  # must not raise
    assert not reporter.showing
    logged = log_file.read_text(encoding="utf-8")
    assert "RuntimeError: ổ đĩa đầy" in logged
    assert "could not show the error dialog" in logged and "the dialog itself failed" in logged


def test_an_error_while_the_dialog_is_open_is_logged_without_a_second_dialog(log_file, qtbot, qapp):
    reporter = install_excepthook(log_file)
    dialogs = []

    def answer(dialog: ErrorDialog) -> None:
        dialogs.append(dialog)
        reporter(*exc_info_of(lambda: 1 / 0))  # e.g. a paint event failing behind the dialog
        dialogs.extend(w for w in QApplication.topLevelWidgets()
                       if isinstance(w, ErrorDialog) and w.isVisible() and w is not dialog)
        dialog.ok_button.click()

    timer = when_dialog_visible(answer)
    reporter(*exc_info_of(fail))
    timer.stop()
    assert len(dialogs) == 1
    assert "ZeroDivisionError" in log_file.read_text(encoding="utf-8")


def test_an_error_in_another_thread_is_shown_from_the_gui_thread(log_file, qtbot, qapp, monkeypatch):
    shown_in = []
    monkeypatch.setattr(ErrorDialog, "exec",
                        lambda self: shown_in.append(threading.current_thread() is threading.main_thread()))
    reporter = install_excepthook(log_file)
    worker = threading.Thread(target=lambda: reporter(*exc_info_of(fail)))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: shown_in == [True], timeout=5000)


def test_environment_names_version_and_system():
    text = errors_module.environment()
    assert "Chú Giải" in text and "Python" in text and "Qt" in text
