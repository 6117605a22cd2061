"""Python's cycle collector, run on the GUI thread only.

Left automatic, a collection starts in whatever thread happens to allocate: a worker
thread saving a segmentation can then finalize a dead widget or Qt wrapper there, and
Qt objects destroyed off their thread crash the process (seen once in the test suite:
a segfault "Garbage-collecting" inside the segmentation thread). So automatic
collection is off and a timer on the GUI thread collects whenever the allocation
counts say Python would have. Reference counting still frees everything without a
cycle at once, on any thread.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class MainThreadCollector(QObject):
    """Turns automatic collection off while it lives; collects on its timer instead."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)
        self.destroyed.connect(_reenable if self._was_enabled else _nothing)

    def check(self) -> None:
        """Collect the oldest generation whose count passed Python's own threshold."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return


def _reenable() -> None:
    gc.enable()


def _nothing() -> None:
    pass


def collect_on_main_thread(parent: QObject) -> MainThreadCollector:
    return MainThreadCollector(parent)
