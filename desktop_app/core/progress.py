"""Progress and cancellation for long core jobs, without Qt.

A long job (import, export, annotation import, search over the library, concordance,
frequencies, a library check) takes a `Progress`, calls `step()` as it goes and stops
with `Cancelled` when the user asked it to. The UI's background-operation API turns the
reports into a progress bar; the CLI may print them or pass `Progress()` that reports
nowhere.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """The user cancelled the job; what it committed before the last check is kept."""


class Progress:
    """Thread-safe: the job reports from its thread, the UI cancels from the GUI thread."""

    def __init__(self, on_report: Callable[[int, int, str], None] | None = None) -> None:
        self._on_report = on_report
        self._cancel = threading.Event()

    def step(self, done: int, total: int = 0, note: str = "") -> None:
        """`done` of `total` units (total 0: unknown), and the cancel check."""
        self.check()
        if self._on_report is not None:
            self._on_report(done, total, note)

    def report(self, done: int, total: int = 0, note: str = "") -> None:
        """Report without the cancel check: for jobs that check cancel themselves (between
        files, between transactions) and must not stop in the middle of one."""
        if self._on_report is not None:
            self._on_report(done, total, note)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise `Cancelled` if the user cancelled; call it between units of work."""
        if self._cancel.is_set():
            raise Cancelled()
