"""One running copy per library: a second `chugiai` on the same data folder hands its files
to the first and exits, so two windows never write the same library behind each other's back.

A QLockFile in the data folder says who holds the library; a QLocalServer named after the
folder lets a second copy talk to the first. The lock is never considered stale by age
(the window stays open for days); a lock left by a crashed copy is taken over, because
QLockFile sees that its process is gone, and `recovered_stale_lock` tells the app to check
the library once. (CLI subcommands do not take the lock: SQLite's WAL and busy_timeout let
an import run while the window is open.) The app quits cleanly on SIGTERM
(ui/window/termination.py), so a terminated copy leaves neither lock nor socket behind.

The socket is only for this user (UserAccessOption), and still treated as a door: a
connection must send its one message within READ_TIMEOUT_MS, at most MAX_CONNECTIONS are
served at once (the rest are closed at once, so idle clients cannot pile up file
descriptors), and only a well-formed message is acted on: {"files": [absolute paths]}.
What to do with the files (only those that exist, imported visibly) is the app's.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QElapsedTimer, QLockFile, QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

LOCK_NAME = "chugiai.lock"
# How long a second copy waits for the first to answer before saying it does not.
ANSWER_TIMEOUT_MS = 5000
_REPLY = b"ok\n"
_MAX_MESSAGE = 1_000_000  # bytes: a few thousand file paths
MAX_FILES = 5_000
READ_TIMEOUT_MS = 3000  # a second copy sends its line at once; anything slower is dropped
MAX_CONNECTIONS = 8  # served at once; more are closed as they come
_DROPPED = "chugiaiDropped"  # a socket property: closed, waiting for its deletion


def server_name(directory: Path) -> str:
    """A local socket name unique to this user and data folder (sockets live in /tmp)."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment: the folder alone still separates
        user = ""
    key = f"{user}\0{Path(directory).expanduser().resolve()}"
    return "chugiai-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


class SingleInstance(QObject):
    """Hold the library for this process, or find the copy that holds it.

    First copy: `acquire()` returns True; `files_received(list[str])` is emitted when a later
    copy was started with files (an empty list: it only wants the window raised).
    Second copy: `acquire()` returns False; `send(files)` hands them over, and returns False
    when the first copy does not answer (hung, or busy for longer than ANSWER_TIMEOUT_MS).
    """

    files_received = Signal(list)

    def __init__(self, directory: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.directory = Path(directory)
        self.name = server_name(self.directory)
        self._lock = QLockFile(str(self.directory / LOCK_NAME))
        self._lock.setStaleLockTime(0)  # never stale by age: only when its process is gone
        self._server: QLocalServer | None = None
        self.recovered_stale_lock = False  # the last copy did not exit cleanly
        self.lock_unavailable = False  # the folder cannot hold a lock (read-only)
        self.held = False  # this process holds the library now (acquire() said True)

    # --- first copy ---------------------------------------------------------------------
    def acquire(self) -> bool:
        """True when this process now holds the library; False when another copy does."""
        lock_path = self.directory / LOCK_NAME
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # the lock attempt below reports it
        left_over = lock_path.exists()
        if self._lock.tryLock(0):
            self.recovered_stale_lock = left_over
            if left_over:
                log.warning("took over the lock left by a copy that did not exit: %s", lock_path)
            QLocalServer.removeServer(self.name)  # a socket file left by that copy
            self._listen()
            self.held = True
            return True
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            return False  # a live process holds it
        # Permission or unknown error: a read-only folder cannot hold a lock. The library
        # opens read-only there; the socket alone still finds an earlier copy.
        self.lock_unavailable = True
        if self._first_copy_listening():
            return False
        QLocalServer.removeServer(self.name)
        self._listen()
        self.held = True
        return True

    def holder(self) -> str:
        """Who holds the lock, for messages: "process 123 on host", or ""."""
        info = self._lock.getLockInfo()
        if isinstance(info, tuple) and len(info) == 3 and info[0]:
            pid, host, _app = info
            return f"process {pid} on {host}" if host else f"process {pid}"
        return ""

    def release(self) -> None:
        """Let the library go (the window closes, or shows a shared library instead: a
        later copy started on this data folder then opens it itself)."""
        self.held = False
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    def _listen(self) -> None:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # The lock is ours, so nothing is lost: later copies just cannot reach us.
            log.warning("cannot listen on %s: %s", self.name, server.errorString())
            return
        server.newConnection.connect(self._on_new_connection)
        self._server = server

    def connections(self) -> int:
        """Connections being served now (tests and the cap)."""
        if self._server is None:
            return 0
        return sum(1 for s in self._server.findChildren(QLocalSocket) if not s.property(_DROPPED))

    def _on_new_connection(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if self.connections() > MAX_CONNECTIONS:  # this one counted: the cap is full
                _drop(socket)
                continue
            # Qt owns the socket: it deletes itself once the other copy hangs up. (Python
            # references to it, in lambdas or dicts, outliving it crash at exit.) So does
            # its timer, a child: a connection that has not sent its line in time is closed.
            socket.disconnected.connect(socket.deleteLater)
            socket.readyRead.connect(self._on_ready_read)
            timer = QTimer(socket)
            timer.setSingleShot(True)
            timer.timeout.connect(self._on_timeout)
            timer.start(READ_TIMEOUT_MS)
            if socket.bytesAvailable():
                self._read(socket)

    def _on_timeout(self) -> None:
        timer = self.sender()
        socket = timer.parent() if isinstance(timer, QTimer) else None
        if isinstance(socket, QLocalSocket):
            log.info("closed a connection that sent nothing in time")
            _drop(socket)

    def _on_ready_read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if socket.property(_DROPPED):
            return
        if socket.bytesAvailable() > _MAX_MESSAGE:
            _drop(socket)
            return
        if not socket.canReadLine():
            return  # wait for the rest of the line (the timer ends the wait)
        files = _decode(bytes(socket.readLine().data()).rstrip(b"\n"))
        if files is None or socket.bytesAvailable():  # one message per connection
            _drop(socket)
            return
        socket.setProperty(_DROPPED, True)  # answered: no longer counted
        socket.write(QByteArray(_REPLY))
        socket.flush()
        socket.disconnectFromServer()
        self.files_received.emit(files)  # answered first: the other copy must not wait

    # --- second copy --------------------------------------------------------------------
    def send(self, files: list[str], timeout_ms: int | None = None) -> bool:
        """Hand `files` (made absolute) to the first copy; True once it has acknowledged."""
        timeout = ANSWER_TIMEOUT_MS if timeout_ms is None else timeout_ms
        payload = json.dumps({"files": [str(Path(f).resolve()) for f in files]},
                             ensure_ascii=False).encode("utf-8") + b"\n"
        socket = QLocalSocket()
        clock = QElapsedTimer()
        clock.start()
        socket.connectToServer(self.name)
        try:
            if not socket.waitForConnected(timeout):
                return False
            socket.write(QByteArray(payload))
            if not socket.waitForBytesWritten(max(1, timeout - clock.elapsed())):
                return False
            reply = b""
            while _REPLY not in reply:
                left = timeout - clock.elapsed()
                if left <= 0 or not socket.waitForReadyRead(left):
                    return False
                reply += bytes(socket.readAll().data())
            return True
        finally:
            socket.abort()

    def _first_copy_listening(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        try:
            return socket.waitForConnected(500)
        finally:
            socket.abort()


def _drop(socket: QLocalSocket) -> None:
    socket.setProperty(_DROPPED, True)
    socket.abort()
    socket.deleteLater()


def _decode(line: bytes) -> list[str] | None:
    """The file list of a well-formed message ({"files": [absolute paths]}), else None."""
    try:
        message = json.loads(line.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        message = None
    files = message.get("files") if isinstance(message, dict) and set(message) == {"files"} else None
    if not (isinstance(files, list) and len(files) <= MAX_FILES and all(
            isinstance(f, str) and 0 < len(f) < 4096 and "\0" not in f and Path(f).is_absolute()
            for f in files)):
        log.warning("ignored a malformed message from another copy")
        return None
    return files
