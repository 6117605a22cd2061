"""SIGTERM (a logout, `kill`, a service manager) and SIGHUP quit the app as closing its
window does: the pending note is saved, the last backup made, the lock released and the
single-instance socket removed. Python's default would end the process on the spot and
leave both behind (the next start then takes them over, and checks the whole library).

Qt's event loop runs in C++, where a Python signal handler cannot run; the handler only
notes the signal, and signal.set_wakeup_fd wakes a QSocketNotifier, whose slot runs Python,
so the handler has run by then and `requested` is emitted in the GUI thread.
"""

from __future__ import annotations

import logging
import signal
import socket
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, Signal

log = logging.getLogger(__name__)

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Termination(QObject):
    """While installed, a termination signal emits `requested` (once per signal)."""

    requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pending = False  # a signal came; a caller outside the event loop looks here
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._old_wakeup = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._old_handlers = {sig: signal.signal(sig, self._handle) for sig in SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        log.info("signal %s: quitting", signum)
        self.pending = True

    def _woken(self) -> None:
        try:
            while self._reader.recv(64):
                pass
        except (BlockingIOError, InterruptedError):
            pass
        if self.pending:
            self.requested.emit()

    def uninstall(self) -> None:
        """Put back what was there before (tests run the app in their own process)."""
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._old_wakeup)
        for sig, handler in self._old_handlers.items():
            signal.signal(sig, handler)
        self._reader.close()
        self._writer.close()
