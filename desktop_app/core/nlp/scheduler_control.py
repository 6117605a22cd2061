"""How a scheduler run (nlp/scheduler.py) talks with its driver, without Qt: requests in
through a thread-safe `SchedulerControl`, news out through `SchedulerEvents` (plain ids
and words), and `Stop` for a run that ended early."""

from __future__ import annotations

import threading
from typing import Protocol


class Stop(Exception):
    """Ends a run early (cancel, shutdown, or an error that would only repeat)."""


class SchedulerEvents(Protocol):
    """What a run tells its driver; called from the run's thread."""

    def progress(self, kind: str, done: int, total: int) -> None: ...  # articles of WORDS or TAGS
    def segmented(self, article_id: int) -> None: ...
    def tagged(self, article_id: int) -> None: ...
    def article_failed(self, kind: str, article_id: int, error: str) -> None: ...
    def process_crashed(self, reason: str, restarted: bool) -> None: ...
    def failed(self, message: str) -> None: ...  # e.g. the database: the run stops


class SchedulerControl:
    """Requests for a run, from any thread: safe to call while it runs."""

    def __init__(self, tagging: bool = False) -> None:
        self._lock = threading.Lock()
        self._priority: list[int] = []
        self._rescan = False
        self._cancel = threading.Event()
        self.tagging = tagging  # a plain bool: read between jobs

    def prioritize(self, article_id: int) -> None:
        with self._lock:
            self._priority.append(int(article_id))

    def take_priority(self) -> list[int]:
        with self._lock:
            requested, self._priority = self._priority, []
        return requested

    def request_rescan(self) -> None:
        with self._lock:
            self._rescan = True

    def take_rescan(self) -> bool:
        with self._lock:
            rescan, self._rescan = self._rescan, False
        return rescan

    def cancel(self) -> None:
        self._cancel.set()

    def clear_cancel(self) -> None:
        self._cancel.clear()

    def wait_for_cancel(self, seconds: float) -> bool:
        """Wait up to `seconds` (returns at once on cancel); True when cancelled."""
        return self._cancel.wait(seconds)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()
