"""Background word segmentation, then tagging, of the whole library: the Qt driver.

What to segment next, priorities, rescans and crash recovery are core's
(core/nlp/scheduler.py). Here a QThread owned by `SegmentationWorker` runs the
scheduler against one worker process (`SegmenterProcess`, paragraph-sized jobs); the GUI
hears about it through signals carrying plain ints and strings, and never waits except
in `shutdown()` (a few tens of ms on close). Like a BackgroundOp, a run reports progress
(`progress`, `tagging_progress`: done, total) and stops at `cancel()`; SegmentationStatus
(a ProgressStatus) shows it.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from desktop_app.core.nlp.scheduler import (  # noqa: F401  (the old names, for callers)
    CRASHED_TWICE,
    MAX_CRASHES_PER_ARTICLE,
    MAX_FAILED_STARTS,
    MAX_IN_FLIGHT,
    POLL_SECONDS,
    TAG_CHUNK,
    Scheduler,
    SchedulerControl,
    Stop,
)
from desktop_app.core.nlp.worker_pool import SegmenterPool
from desktop_app.core.nlp.worker_process import WORDS, SegmenterProcess
from desktop_app.core.storage.database import Database

log = logging.getLogger(__name__)


class _Events:
    """The scheduler's news as the worker's signals (queued to the GUI thread), worded."""

    def __init__(self, worker: SegmentationWorker) -> None:
        self.w = worker

    def progress(self, kind: str, done: int, total: int) -> None:
        (self.w.progress if kind == WORDS else self.w.tagging_progress).emit(done, total)

    def segmented(self, article_id: int) -> None:
        self.w.article_segmented.emit(article_id)

    def tagged(self, article_id: int) -> None:
        self.w.article_tagged.emit(article_id)

    def article_failed(self, kind: str, article_id: int, error: str) -> None:
        translate = QCoreApplication.translate
        if error == CRASHED_TWICE:
            error = translate("SegmentationWorker", "the segmentation process crashed on it twice; skipped")
        text = (translate("SegmentationWorker", "Article {0} could not be segmented: {1}") if kind == WORDS
                else translate("SegmentationWorker", "Article {0} could not be tagged: {1}"))
        self.w.failed.emit(text.format(article_id, error))

    def process_crashed(self, reason: str, restarted: bool) -> None:
        self.w.failed.emit(QCoreApplication.translate("SegmentationWorker", "{0} It was restarted.").format(reason)
                           if restarted else reason)

    def failed(self, message: str) -> None:
        self.w.failed.emit(message)


class _Thread(QThread):
    def __init__(self, worker: SegmentationWorker) -> None:
        super().__init__(worker)
        self.setObjectName("segmentation")
        self._worker = worker

    def run(self) -> None:
        self._worker._run()


class SegmentationWorker(QObject):
    """Segments, then tags, every article without a valid stored segmentation/tagging.

    Every run ends with exactly one of `finished` (all articles done: the library is up
    to date) or `stopped` (ended early: cancel(), shutdown(), or an error that would
    only repeat, reported through `failed` first). `progress` counts the articles of
    the current run's segmentation, `tagging_progress` those of its tagging pass.
    `failed` carries a sentence for the user; after a crash of the worker process it is
    emitted and the run goes on with a new process. Tagging is off unless `tagging=True`
    or `set_tagging(True)`: then only words.
    """

    progress = Signal(int, int)
    tagging_progress = Signal(int, int)
    article_segmented = Signal(int)
    article_tagged = Signal(int)
    finished = Signal()
    stopped = Signal()
    failed = Signal(str)

    def __init__(
        self,
        db: Database,
        process: SegmenterProcess | SegmenterPool | None = None,
        parent: QObject | None = None,
        *,
        tagging: bool = False,
        workers: int = 1,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._control = SchedulerControl(tagging)
        # A process passed in is shared (tests): we use it but never stop it.
        # `workers` processes segment side by side (one per core beyond the window's).
        self._process = process if process is not None else (
            SegmenterPool(workers) if workers > 1 else SegmenterProcess())
        self._owns_process = process is None
        self._lock = threading.Lock()  # _running, _shut_down
        self._running = False
        self._shut_down = False
        self._thread = _Thread(self)

    # --- called from the GUI thread -------------------------------------------------

    def prestart(self) -> None:
        """Spawn the worker process now, from the GUI thread, before the window is shown.

        Spawning forks the whole app while holding the GIL: measured up to ~45 ms of
        event-loop stall under Xvfb when done once the window is up. Before the first
        paint nobody sees it. Only valid before `start()` (one thread drives the process).
        """
        with self._lock:
            if self._running or self._shut_down or not self._owns_process:
                return
        self._process.start()

    def start(self) -> None:
        """Start a run; while one is running, new articles are picked up before it ends."""
        with self._lock:
            if self._shut_down:
                return
            if self._running:
                self._control.request_rescan()
                return
            self._running = True
            self._control.clear_cancel()
        self._thread.wait()  # a previous run may still be returning from run()
        self._thread.start()

    def set_tagging(self, enabled: bool) -> None:
        """Tag articles (parts of speech, entities) after segmenting them. Turning it on
        during a run takes effect at the next start() (call it); turning it off stops
        opening new tagging jobs at once."""
        self._control.tagging = bool(enabled)

    def tagging(self) -> bool:
        return self._control.tagging

    def is_running(self) -> bool:
        with self._lock:
            return self._running

    def prioritize(self, article_id: int) -> None:
        """Segment this article next (the one the user opened), then tag it, before any
        other article; remembered if idle. Does nothing for one already done."""
        self._control.prioritize(article_id)

    def cancel(self) -> None:
        """Stop soon: finished articles are written (their batch), the rest waits for the
        next start."""
        self._control.cancel()

    def shutdown(self) -> None:
        """Stop the run, join the thread and (if ours) the process. Call on close."""
        with self._lock:
            self._shut_down = True
        self._control.cancel()
        self._thread.wait()
        if self._owns_process:
            self._process.stop()

    # --- the worker thread ----------------------------------------------------------

    def _run(self) -> None:
        completed = False
        try:
            Scheduler(self._db, self._process, self._control, _Events(self)).run()
            completed = True
        except Stop:
            pass
        except Exception as e:  # reported as words, logged with the traceback
            log.exception("segmentation run failed")
            self.failed.emit(self.tr("Word segmentation stopped: {0}").format(e))
        finally:
            with self._lock:
                self._running = False
            (self.finished if completed else self.stopped).emit()
