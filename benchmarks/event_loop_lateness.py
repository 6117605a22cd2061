"""Does background segmentation and tagging keep the GUI responsive?

A 5 ms QTimer in the window's event loop records how late each tick fires while
SegmentationWorker segments, then tags (parts of speech, named entities), a ~1 MB
library in a temp database. Target: p99 <= 5 ms, max <= 25 ms, in each phase. Prints
figures, asserts nothing. The window is the real MainWindow with the library open and
the word view on (word groups, POS colours, entity underlines), so painting the open
article as its words and tags arrive is included.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/event_loop_lateness.py [--quick]

--quick: a 250 KB library (1 MB by default), 1 s idle (2 s).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from figures import Figure, at_most, info, options, report  # noqa: E402
from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from segmentation_throughput import fill_database, library_texts  # noqa: E402

from desktop_app.core.storage.database import Database  # noqa: E402

INTERVAL_MS = 5


def make_window(db: Database, settings_dir: Path):
    """The real main window, its own worker not yet started (we start it under the probe)."""
    from PySide6.QtCore import QSettings

    from desktop_app.ui.app import make_application
    from desktop_app.ui.window.main_window import MainWindow

    make_application()
    settings = QSettings(str(settings_dir / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(db, settings, start_worker=False)
    window.resize(1400, 880)
    return window


class LatenessProbe:
    """Records, for every tick of a 5 ms timer, how much later than 5 ms it came."""

    def __init__(self) -> None:
        self.lateness_ms: list[float] = []
        self.times: list[float] = []
        self._last = 0.0
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.lateness_ms.append(max(0.0, (now - self._last) * 1000 - INTERVAL_MS))
        self.times.append(now)
        self._last = now


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


def targets(phase: str, values: list[float]) -> list[Figure]:
    if not values:
        return [info(f"{phase}: no ticks", "-")]
    return [at_most(f"{phase}: p99 lateness", p99(values), 5, "ms"),
            at_most(f"{phase}: max lateness", max(values), 25, "ms")]


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    return (
        f"{len(values):6d} ticks  p50 {statistics.median(ordered):5.2f} ms  "
        f"p99 {p99:5.2f} ms  max {ordered[-1]:6.2f} ms"
    )


def show_word_view(window) -> None:
    """Word groups, POS colours and entity underlines on, through the View menu's
    toggles: the window then refreshes them itself as words and tags arrive."""
    window.act_words.setChecked(True)
    window.act_pos.setChecked(True)
    window.act_entities.setChecked(True)


def idle(app: QApplication, seconds: float) -> list[float]:
    probe = LatenessProbe()
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    probe.start()
    loop.exec()
    probe.stop()
    return probe.lateness_ms


def main() -> None:
    opts = options()
    app = QApplication.instance() or QApplication(sys.argv)
    texts = library_texts(250_000 if opts.quick else 1_000_000)
    chars = sum(len(t) for t in texts)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "bench.sqlite3")
        fill_database(db, texts)
        window = make_window(db, Path(tmp))
        window.show()
        app.processEvents()
        from desktop_app.ui.app import settle_memory

        settle_memory()  # as the app does once its window has painted
        print(f"library: {len(texts)} articles, {chars:,} characters; platform {app.platformName()}")
        idle_ms = idle(app, 1.0 if opts.quick else 2.0)
        print("idle, no worker:      " + summary(idle_ms))

        worker = window.worker  # the window's own worker, as in real use
        worker.set_tagging(True)
        show_word_view(window)
        window.seg_status.set_progress(0, 0)  # as MainWindow does before it is shown
        worker.prestart()
        failures: list[str] = []
        worker.failed.connect(failures.append)
        words_done: list[float] = []
        worker.progress.connect(
            lambda done, total: words_done.append(time.perf_counter()) if done == total and total else None)
        probe = LatenessProbe()
        loop = QEventLoop()
        worker.finished.connect(loop.quit)
        t0 = time.perf_counter()
        probe.start()
        worker.start()  # includes spawning the process and loading the model
        loop.exec()
        probe.stop()
        elapsed = time.perf_counter() - t0
        split = words_done[-1] if words_done else probe.times[-1]
        segmenting = [late for late, at in zip(probe.lateness_ms, probe.times, strict=True) if at <= split]
        tagging = [late for late, at in zip(probe.lateness_ms, probe.times, strict=True) if at > split]
        print("while segmenting:     " + summary(segmenting))
        if tagging:
            print("while tagging:        " + summary(tagging))
        print("whole run:            " + summary(probe.lateness_ms))
        worst = sorted(zip(probe.lateness_ms, probe.times, strict=True), reverse=True)[:5]
        print("worst ticks (ms late @ s after start): "
              + ", ".join(f"{late:.1f} @ {at - t0:.2f}" for late, at in worst))
        seg_time, tag_time = split - t0, elapsed - (split - t0)
        print(f"segmented {chars:,} characters in {seg_time:.1f} s ({chars / seg_time:,.0f} chars/s), "
              f"then tagged them in {tag_time:.1f} s ({chars / tag_time:,.0f} chars/s)")
        if failures:
            print(f"!! failures: {failures}")
        window.close()
        db.close()
    report([*targets("while segmenting", segmenting), *targets("while tagging", tagging),
            info("idle, no worker: p99 lateness", p99(idle_ms), "ms"),
            info("worker failures", len(failures))], opts)


if __name__ == "__main__":  # the spawned worker process re-imports this module
    main()
