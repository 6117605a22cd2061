"""The single-instance socket is a door other programs of this user can knock on: idle
connections are dropped after a timeout and capped, only a well-formed message is acted
on, only files that exist are imported (visibly, with a summary; a folder after asking),
and SIGTERM quits the app cleanly: no lock, no socket left behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QDir
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QMessageBox

from desktop_app.ui import app as app_module
from desktop_app.ui.window import single_instance
from desktop_app.ui.window.single_instance import LOCK_NAME, SingleInstance
from tests.ui.test_app_faults import child_env

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def first(tmp_path, qapp, monkeypatch):
    monkeypatch.setattr(single_instance, "READ_TIMEOUT_MS", 300)
    instance = SingleInstance(tmp_path / "data")
    assert instance.acquire()
    yield instance
    instance.release()


def connect(instance: SingleInstance) -> QLocalSocket:
    client = QLocalSocket()
    client.connectToServer(instance.name)
    assert client.waitForConnected(2000)
    return client


def test_a_client_that_sends_nothing_is_dropped(first, qtbot):
    client = connect(first)
    qtbot.waitUntil(lambda: first.connections() == 1, timeout=5000)
    qtbot.waitUntil(lambda: client.state() == QLocalSocket.LocalSocketState.UnconnectedState, timeout=5000)
    qtbot.waitUntil(lambda: first.connections() == 0, timeout=5000)
    client.abort()


HOLD_IDLE = r"""
import os, socket, sys
path, n, report = sys.argv[1], int(sys.argv[2]), sys.argv[3]
held = []
for _ in range(n):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(0.5)
    try:
        s.connect(path)
        held.append(s)
    except OSError:
        s.close()
with open(report + ".partial", "w") as f:
    f.write(str(len(held)))
os.replace(report + ".partial", report)
sys.stdin.readline()  # hold them, sending nothing, until told
"""


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts this process's descriptors in /proc")
def test_many_idle_clients_do_not_accumulate(first, qtbot, tmp_path):
    path = str(Path(QDir.tempPath()) / first.name)
    before = open_fds()
    report = tmp_path / "held.txt"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_IDLE, path, "300", str(report)],
                              stdin=subprocess.PIPE, text=True)
    try:
        peak = 0

        def done_connecting() -> bool:  # the server keeps serving (this thread's event loop)
            nonlocal peak
            peak = max(peak, first.connections(), open_fds() - before)
            return report.exists()

        qtbot.waitUntil(done_connecting, timeout=120_000)
        held = int(report.read_text())
        # More than the cap got through (the rest met a full queue): enough to tell.
        assert held > 3 * single_instance.MAX_CONNECTIONS, held
        assert first.connections() <= single_instance.MAX_CONNECTIONS
        assert peak <= single_instance.MAX_CONNECTIONS + 4  # a few in flight, never hundreds
        qtbot.waitUntil(lambda: first.connections() == 0, timeout=5000)  # the timeout drops the rest
        assert open_fds() - before <= 2
        # Still serving: a second copy gets through once the idle ones are gone.
        assert answered(first, qtbot, ["/tmp/x.txt"])
    finally:
        holder.stdin.close()
        holder.wait(10)


@pytest.mark.parametrize("payload", [
    b"not json\n",
    b'{"files": "/etc/passwd"}\n',
    b'{"files": ["relative/path.txt"]}\n',
    b'{"files": ["/a.txt"], "run": "rm -rf"}\n',
    b'{"files": [1, 2]}\n',
    b'["/a.txt"]\n',
    b'{"files": ["/a\\u0000.txt"]}\n',
    b'{"files": ["/a.txt"]}\n{"files": ["/b.txt"]}\n',  # one message per connection
    b"\xff\xfe\n",
])
def test_only_a_well_formed_message_is_acted_on(first, qtbot, payload):
    received = []
    first.files_received.connect(received.append)
    client = connect(first)
    client.write(QByteArray(payload))
    client.flush()
    qtbot.waitUntil(lambda: client.state() == QLocalSocket.LocalSocketState.UnconnectedState, timeout=5000)
    assert bytes(client.readAll().data()) == b""  # no answer
    assert received == []


def answered(first: SingleInstance, qtbot, files: list[str]) -> bool:
    """What a second copy does, with this thread's event loop running the server."""
    received = []
    first.files_received.connect(received.append)
    client = connect(first)
    client.write(QByteArray(json.dumps({"files": files}).encode() + b"\n"))
    client.flush()
    reply = b""

    def read() -> bool:
        nonlocal reply
        reply += bytes(client.readAll().data())
        return reply == b"ok\n"

    qtbot.waitUntil(read, timeout=5000)
    client.abort()
    first.files_received.disconnect(received.append)
    return received == [files]


def test_a_well_formed_message_is_answered(first, qtbot):
    assert answered(first, qtbot, ["/tmp/bài.txt", "/tmp/thư mục"])


def test_files_handed_over_are_imported_visibly_with_a_summary(open_window, qtbot, tmp_path, monkeypatch):
    window = open_window()
    article = tmp_path / "bài mới.txt"
    article.write_text("Bài mới về công tác cán bộ\n\nNội dung của bài mới.\n", encoding="utf-8")
    folder = tmp_path / "thư mục"
    folder.mkdir()
    (folder / "một.txt").write_text("Một bài trong thư mục\n\nNội dung.\n", encoding="utf-8")
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or QMessageBox.StandardButton.No)
    before = window.article_model.rowCount()
    app_module._receive_files(window, [str(article), str(folder), "/không/có/tệp.txt"])
    assert len(asked) == 1 and str(folder) in asked[0]  # a folder only if the user agrees: No
    qtbot.waitUntil(lambda: window.importer.last_dialog is not None, timeout=30_000)
    assert window.article_model.rowCount() == before + 1  # the file, not the folder
    summary = window.importer.last_dialog
    assert summary.isVisible() and "1" in summary.details.toPlainText()
    summary.close()


def test_sigterm_quits_cleanly_and_leaves_no_lock_or_socket(tmp_path, qapp):
    data = tmp_path / "data"
    code = ("import sys\nfrom desktop_app.ui.app import run_gui\n"
            "sys.exit(run_gui(data_dir=sys.argv[1]))")
    proc = subprocess.Popen([sys.executable, "-c", code, str(data)], cwd=REPO, env=child_env(tmp_path),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    name = single_instance.server_name(data)
    try:
        deadline = time.monotonic() + 90
        # Up once its window answers a second copy (the event loop runs).
        while not SingleInstance(data).send([], timeout_ms=1000):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the app did not come up"
            time.sleep(0.2)
        assert (data / LOCK_NAME).exists() and (Path(QDir.tempPath()) / name).exists()
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert not (data / LOCK_NAME).exists()
    assert not (Path(QDir.tempPath()) / name).exists()
    clean = SingleInstance(data)
    assert clean.acquire() and not clean.recovered_stale_lock  # the next start finds it clean
    clean.release()
