"""BackgroundOp, the one way the window runs work off the GUI thread, and the status-bar
widget that follows it: results, words for user errors, crashes to the error reporter,
cancel, progress in order, and the op kept alive until its outcome is delivered."""

from __future__ import annotations

import gc
import sys
import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QWidget

from desktop_app.core.progress import Progress
from desktop_app.ui import background
from desktop_app.ui.app import make_application
from desktop_app.ui.background import BackgroundOp
from desktop_app.ui.window.status import ProgressStatus


@pytest.fixture
def parent(qtbot) -> QWidget:
    make_application()
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


class Outcome:
    """What the callbacks heard, and in which thread."""

    def __init__(self, op: BackgroundOp) -> None:
        self.events: list[tuple] = []
        self.threads: set[object] = set()
        gui = QThread.currentThread()

        def note(*event):
            self.threads.add(QThread.currentThread() is gui)
            self.events.append(event)

        op.on_progress(lambda d, t, n: note("progress", d, t, n))
        op.on_success(lambda result: note("success", result))
        op.on_failure(lambda message: note("failure", message))
        op.on_cancelled(lambda: note("cancelled"))
        op.on_finished(lambda: note("finished"))

    def kinds(self) -> list[str]:
        return [e[0] for e in self.events if e[0] != "progress"]


def test_success_arrives_in_the_gui_thread_after_progress_in_order(qtbot, parent):
    worker_threads: list[bool] = []

    def job(progress: Progress) -> str:
        worker_threads.append(threading.current_thread() is threading.main_thread())
        for n in range(1, 6):
            progress.step(n, 5, f"item {n}")
        return "done"

    op = BackgroundOp(parent, job, title="Job")
    outcome = Outcome(op)
    op.run()
    qtbot.waitUntil(lambda: op.done, timeout=5_000)
    assert worker_threads == [False]
    assert [e for e in outcome.events if e[0] == "progress"] == [
        ("progress", n, 5, f"item {n}") for n in range(1, 6)]
    assert outcome.kinds() == ["success", "finished"]
    assert ("success", "done") in outcome.events
    assert outcome.threads == {True}
    assert op not in background.running()


def test_a_user_error_arrives_as_words(qtbot, parent):
    def job(progress: Progress) -> None:
        raise ValueError("The file is not a CSV export of Chú Giải.")

    op = BackgroundOp(parent, job)
    outcome = Outcome(op)
    op.run()
    qtbot.waitUntil(lambda: op.done, timeout=5_000)
    assert outcome.events == [("failure", "The file is not a CSV export of Chú Giải."), ("finished",)]


def test_a_crash_goes_to_the_error_reporter_not_to_on_failure(qtbot, parent, monkeypatch):
    reported: list[tuple] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, tb: reported.append((kind, str(error), tb)))

    def job(progress: Progress) -> None:
        raise ZeroDivisionError("a bug")

    op = BackgroundOp(parent, job)
    outcome = Outcome(op)
    op.run()
    qtbot.waitUntil(lambda: op.done, timeout=5_000)
    assert [(kind, text) for kind, text, _tb in reported] == [(ZeroDivisionError, "a bug")]
    assert reported[0][2] is not None  # with its traceback
    assert outcome.kinds() == ["finished"]


def test_cancel_stops_at_the_next_step_and_runs_on_cancelled_not_on_success(qtbot, parent):
    started, release = threading.Event(), threading.Event()
    steps: list[int] = []

    def job(progress: Progress) -> str:
        started.set()
        release.wait(5)
        for n in range(100):
            progress.step(n, 100)
            steps.append(n)
        return "never shown"

    op = BackgroundOp(parent, job)
    outcome = Outcome(op)
    op.run()
    qtbot.waitUntil(started.is_set, timeout=5_000)
    op.cancel()
    release.set()
    qtbot.waitUntil(lambda: op.done, timeout=5_000)
    assert steps == []
    assert outcome.kinds() == ["cancelled", "finished"]


def test_a_job_that_ignores_cancel_has_its_result_dropped(qtbot, parent):
    release = threading.Event()
    op = BackgroundOp(parent, lambda progress: release.wait(5) and "late")
    outcome = Outcome(op)
    op.run()
    op.cancel()
    release.set()
    qtbot.waitUntil(lambda: op.done, timeout=5_000)
    assert outcome.kinds() == ["cancelled", "finished"]


def test_discard_when_cancelled_false_delivers_the_partial_result(qtbot, parent):
    def job(progress: Progress) -> list[int]:
        progress.cancel()  # as if the user clicked Cancel during the last unit
        return [1, 2]

    op = BackgroundOp(parent, job, discard_when_cancelled=False)
    outcome = Outcome(op)
    op.run()
    qtbot.waitUntil(lambda: op.done, timeout=5_000)
    assert outcome.events == [("success", [1, 2]), ("finished",)]


def test_the_op_is_kept_alive_until_its_outcome_is_delivered(qtbot, parent):
    release = threading.Event()
    results: list[str] = []
    BackgroundOp(parent, lambda progress: release.wait(5) and "kept").on_success(results.append).run()
    gc.collect()  # nobody here holds the op: only the running list does
    assert len(background.running()) == 1
    release.set()
    qtbot.waitUntil(lambda: results == ["kept"], timeout=5_000)
    qtbot.waitUntil(lambda: not background.running(), timeout=5_000)


def test_callbacks_chained_after_run_are_delivered_too(qtbot, parent):
    results: list[str] = []
    finished: list[bool] = []
    release = threading.Event()
    op = BackgroundOp(parent, lambda progress: release.wait(5) and "late chain").run()
    op.on_success(results.append).on_finished(lambda: finished.append(bool(results)))
    del op
    gc.collect()
    release.set()
    qtbot.waitUntil(lambda: finished == [True], timeout=5_000)
    assert results == ["late chain"]


def test_run_blocking_delivers_in_this_thread(parent):
    op = BackgroundOp(parent, lambda progress: 42)
    outcome = Outcome(op)
    op.run_blocking()
    assert op.done and outcome.events == [("success", 42), ("finished",)]


def test_progress_status_follows_an_op_and_cancels_it(qtbot, parent):
    status = ProgressStatus(parent)
    status.cancel.setText("Cancel")
    half, release = threading.Event(), threading.Event()

    def job(progress: Progress) -> None:
        progress.step(3, 10, "three")
        half.set()
        release.wait(5)
        progress.step(4, 10)

    op = BackgroundOp(parent, job)
    outcome = Outcome(op)
    status.follow(op, lambda done, total, note: f"Exporting {done} of {total} {note}".strip())
    assert status.isVisibleTo(parent) and status.bar.maximum() == 0  # busy until the first report
    op.run()
    qtbot.waitUntil(lambda: status.bar.value() == 3, timeout=5_000)
    assert status.label.text() == "Exporting 3 of 10 three" and status.bar.maximum() == 10
    assert status.following() is op
    status.cancel.click()
    assert not status.cancel.isEnabled()  # clicked once: the job stops at its next step
    release.set()
    qtbot.waitUntil(lambda: op.done, timeout=5_000)
    assert outcome.kinds() == ["cancelled", "finished"]
    assert not status.isVisibleTo(parent) and status.following() is None


def test_progress_status_shows_the_newest_op_only(qtbot, parent):
    status = ProgressStatus(parent)
    release = threading.Event()
    older = BackgroundOp(parent, lambda progress: release.wait(5))
    newer = BackgroundOp(parent, lambda progress: progress.step(1, 2, "newer"))
    status.follow(older, "older")
    status.follow(newer, lambda d, t, n: n)
    older.run()
    newer.run()
    qtbot.waitUntil(lambda: newer.done, timeout=5_000)
    assert status.following() is None and not status.isVisibleTo(parent)
    release.set()
    qtbot.waitUntil(lambda: older.done, timeout=5_000)
    assert status.label.text() == "newer"  # the older op's end did not touch the widget

