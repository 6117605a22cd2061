"""Progress: reports from the job's thread, cancel from another, without Qt."""

from __future__ import annotations

import threading

import pytest

from desktop_app.core.progress import Cancelled, Progress


def test_step_reports_then_raises_once_cancelled():
    seen: list[tuple] = []
    progress = Progress(lambda *a: seen.append(a))
    progress.step(1, 3, "one")
    progress.cancel()
    with pytest.raises(Cancelled):
        progress.step(2, 3)
    assert seen == [(1, 3, "one")] and progress.cancelled


def test_report_does_not_check_cancel():
    seen: list[tuple] = []
    progress = Progress(lambda *a: seen.append(a))
    progress.cancel()
    progress.report(1, 2, "x")
    assert seen == [(1, 2, "x")]


def test_progress_without_a_listener_still_cancels():
    progress = Progress()
    progress.step(1)
    progress.report(2)
    progress.cancel()
    with pytest.raises(Cancelled):
        progress.check()


def test_cancel_from_another_thread_is_seen():
    progress = Progress()
    thread = threading.Thread(target=progress.cancel)
    thread.start()
    thread.join()
    assert progress.cancelled
