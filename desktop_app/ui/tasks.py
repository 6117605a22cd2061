"""Run a plain-Python callable off the GUI thread and hear back through signals.

The callable never sees a widget: it gets plain arguments and returns a plain value;
the result arrives in the GUI thread through a queued signal.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    error = Signal(str)


class BackgroundTask(QRunnable):
    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as e:  # reported to the user as words, logged with the traceback
            log.error("background task failed:\n%s", traceback.format_exc())
            self.signals.error.emit(str(e) or e.__class__.__name__)
        else:
            self.signals.done.emit(result)


# Tasks in flight: kept alive here until their result has been delivered.
_live: set[BackgroundTask] = set()


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[str], None],
) -> BackgroundTask:
    task = BackgroundTask(fn)
    task.setAutoDelete(False)  # we keep the signals object alive until delivery
    task.signals.done.connect(on_done)
    task.signals.error.connect(on_error)
    task.signals.done.connect(lambda _r: _live.discard(task))
    task.signals.error.connect(lambda _m: _live.discard(task))
    _live.add(task)
    QThreadPool.globalInstance().start(task)
    return task
