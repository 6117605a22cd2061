"""The one way the window runs work off the GUI thread (Anki's CollectionOp, for us).

    BackgroundOp(parent, lambda progress: export(db, path, progress=progress))
        .on_progress(status.show)          # (done, total, note), in the GUI thread
        .on_success(lambda result: ...)    # the return value, in the GUI thread
        .on_failure(lambda message: ...)   # optional: default shows a warning dialog
        .on_cancelled(lambda: ...)         # optional
        .run()

The function gets a core `Progress` (plain Python, no widget) and returns a plain value.
A domain error (AnnotationError, DatabaseError and any ValueError/OSError explained for the
user) arrives as words; anything else is a bug and goes to the error reporter with its
traceback, the app goes on. `cancel()` is safe at any time: the job stops at its next
`progress.step()` and `on_cancelled` runs instead of `on_success`. Every running op is kept
alive here until its outcome is delivered, and `running()` lists them; on close the window
calls `shutdown()`, which cancels them and waits.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app import APP_DISPLAY_NAME
from desktop_app.core.interchange.formats import AnnotationFileError, ExportError
from desktop_app.core.progress import Cancelled, Progress
from desktop_app.core.storage.database import DatabaseError
from desktop_app.core.storage.errors import UNREACHABLE, server_error_kind
from desktop_app.ui import wording
from desktop_app.ui.common.plain_text import plain_message_box

log = logging.getLogger(__name__)

# Errors a core function raises *for the user*: shown as their message, not as a bug.
USER_ERRORS: tuple[type[BaseException], ...] = (ValueError, OSError, LookupError, DatabaseError,
                                                ExportError, AnnotationFileError)


class _Signals(QObject):
    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)  # the user-facing error, worded in the GUI thread
    crashed = Signal(object)  # the exception, for the error reporter
    cancelled = Signal()
    finished = Signal()  # after any outcome, once its callbacks have run


class _Runnable(QRunnable):
    def __init__(self, op: BackgroundOp) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.op = op

    def run(self) -> None:
        op = self.op
        try:
            result = op.fn(op.progress)
        except Cancelled:
            op.signals.cancelled.emit()
        except USER_ERRORS as e:
            log.info("background op failed: %s", e)
            op.signals.failed.emit(e)
        except Exception as e:
            if server_error_kind(e) == UNREACHABLE:  # a shared library's server went away: not a bug
                reason = (str(getattr(e, "orig", None) or e).strip().splitlines() or [type(e).__name__])[0]
                log.info("background op failed, server unreachable: %s", reason)
                op.signals.failed.emit(DatabaseError(f"The server of the library cannot be reached: {reason}",
                                                     UNREACHABLE))
            else:  # a bug: the reporter logs the traceback and tells the user
                op.signals.crashed.emit(e)
        else:
            if op.progress.cancelled and op.discard_when_cancelled:
                op.signals.cancelled.emit()
            else:
                op.signals.succeeded.emit(result)


_running: set[BackgroundOp] = set()
_pool: QThreadPool | None = None


def running() -> list[BackgroundOp]:
    return list(_running)


def pool() -> QThreadPool:
    """The ops' own threads, not Qt's global pool: a job of ours never waits behind
    someone else's runnables, and `shutdown()` waits for exactly ours. Four threads at
    least: most jobs wait on the disk or the database, not the processor."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setObjectName("background-ops")
        _pool.setMaxThreadCount(max(4, QThread.idealThreadCount()))
    return _pool


def shutdown(timeout_ms: int = 30_000) -> bool:
    """On quit: cancel every running op and wait for their threads (each stops at its
    next progress step; an import finishes its current file's transaction). True when
    all ended in time."""
    for op in running():
        op.cancel()
    return pool().waitForDone(timeout_ms)


class BackgroundOp:
    """One job: build, chain the callbacks, `run()`. Callbacks run in the GUI thread."""

    def __init__(self, parent: QWidget | None, fn: Callable[[Progress], Any], *,
                 title: str = "", discard_when_cancelled: bool = True) -> None:
        self.parent, self.fn, self.title = parent, fn, title
        self.discard_when_cancelled = discard_when_cancelled
        self.signals = _Signals()
        self.progress = Progress(lambda done, total, note: self.signals.progress.emit(done, total, note))
        self._on_failure: Callable[[str], None] | None = None
        self.done = False
        self.signals.failed.connect(self._failed)
        self.signals.crashed.connect(self._crashed)

    # --- chaining ---------------------------------------------------------------------------
    def on_progress(self, callback: Callable[[int, int, str], None]) -> BackgroundOp:
        self.signals.progress.connect(callback)
        return self

    def on_success(self, callback: Callable[[Any], None]) -> BackgroundOp:
        self.signals.succeeded.connect(callback)
        return self

    def on_failure(self, callback: Callable[[str], None]) -> BackgroundOp:
        self._on_failure = callback
        return self

    def on_cancelled(self, callback: Callable[[], None]) -> BackgroundOp:
        self.signals.cancelled.connect(callback)
        return self

    def on_finished(self, callback: Callable[[], None]) -> BackgroundOp:
        """After success, failure, crash or cancel (e.g. hide a progress bar)."""
        self.signals.finished.connect(callback)
        return self

    def run(self) -> BackgroundOp:
        self._start()
        pool().start(self._runnable)
        return self

    def run_blocking(self) -> BackgroundOp:
        """Run in this thread (tests and the CLI-like paths); callbacks still fire."""
        self._start(blocking=True)
        self._runnable.run()
        return self

    def _start(self, blocking: bool = False) -> None:
        self._blocking = blocking
        for signal in (self.signals.succeeded, self.signals.failed, self.signals.crashed,
                       self.signals.cancelled):
            signal.connect(self._finished)
        self._runnable = _Runnable(self)  # kept with the op: the pool does not own it
        _running.add(self)

    def cancel(self) -> None:
        self.progress.cancel()

    # --- outcome ------------------------------------------------------------------------------
    def _failed(self, error: BaseException) -> None:
        message = wording.error_text(error) or type(error).__name__
        if self._on_failure is not None:
            self._on_failure(message)
            return
        # The app's name when the op has no title: no new string to translate.
        # Plain text: the message may quote user data.
        plain_message_box(self.parent, QMessageBox.Icon.Warning, self.title or APP_DISPLAY_NAME,
                          message).exec()

    def _crashed(self, error: BaseException) -> None:
        hook = sys.excepthook  # the app's ErrorReporter once installed; Python's default in tests
        hook(type(error), error, error.__traceback__)

    def _finished(self, *_args: object) -> None:
        if self._blocking:
            self._deliver_finished()
        else:
            # Queued behind the outcome's other deliveries (callbacks chained after run()
            # included): the op stays alive, and `finished` comes last.
            QTimer.singleShot(0, self.signals, self._deliver_finished)

    def _deliver_finished(self) -> None:
        self.done = True  # every callback has had the outcome
        self.signals.finished.emit()
        _running.discard(self)
