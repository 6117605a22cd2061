"""Cycles are collected on the GUI thread, never inside a worker thread (a Qt object
finalized off its thread crashes the process)."""

from __future__ import annotations

import gc
import threading

from desktop_app.ui.main_thread_gc import MainThreadCollector


class _Cycle:
    finalized_on: list[str] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cycle.finalized_on.append(threading.current_thread().name)


def test_a_worker_thread_allocating_never_collects_and_the_gui_thread_does(qtbot, qapp) -> None:
    collector = MainThreadCollector(qapp, interval_ms=20)
    try:
        assert not gc.isenabled()
        _Cycle.finalized_on.clear()
        _Cycle()  # unreachable at once, freed only by a collection

        kept: list[list[int]] = []

        def allocate() -> None:
            # Far past generation 0's threshold (allocations minus frees, so kept alive):
            # automatic collection would run here, in this thread.
            kept.extend([i] for i in range(200_000))

        worker = threading.Thread(target=allocate, name="worker")
        worker.start()
        worker.join()
        assert _Cycle.finalized_on == []
        qtbot.waitUntil(lambda: _Cycle.finalized_on != [], timeout=5_000)
        assert _Cycle.finalized_on == [threading.main_thread().name]
        kept.clear()
    finally:
        collector.deleteLater()
        collector.setParent(None)
