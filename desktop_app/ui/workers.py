"""Background word segmentation of the whole library.

A QThread owned by `SegmentationWorker` drives one worker process (`SegmenterProcess`)
with paragraph-sized jobs, assembles each article's spans and saves them. All waiting
happens in that thread; the GUI hears about it through signals carrying plain ints and
strings, and never waits except in `shutdown()` (a few tens of ms on close).
"""

from __future__ import annotations

import itertools
import logging
import threading
from array import array
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from desktop_app.core.db import Database, DatabaseError
from desktop_app.core.library import article_text
from desktop_app.core.nlp import job_chunks
from desktop_app.core.segmenter import SegmenterDied, SegmenterProcess
from desktop_app.core.segments import articles_to_segment, load_segmentation, save_segmentation

log = logging.getLogger(__name__)

# Jobs queued in the process at once: enough to keep it busy between results, few
# enough that a prioritized article starts within a few paragraphs.
MAX_IN_FLIGHT = 3
# How often the loop looks at cancel/prioritize requests while a job runs.
POLL_SECONDS = 0.05
# An article that was in flight during this many crashes is skipped (poison input).
MAX_CRASHES_PER_ARTICLE = 2
# Process restarts that never got the model loaded before we give up.
MAX_FAILED_STARTS = 2

# Job ids are unique in this app, so a process shared by several workers (tests) never
# hands one worker a stale result meant for another.
_job_ids = itertools.count(1)


@dataclass
class _ArticleJob:
    """One article being segmented: its text, its chunks, and the results so far."""

    article_id: int
    text: str
    chunks: list[tuple[int, int]]
    next_chunk: int = 0
    retry: list[int] = field(default_factory=list)  # chunks lost in a crash
    results: dict[int, array] = field(default_factory=dict)
    outstanding: int = 0
    crashes: int = 0
    error: str | None = None

    def has_chunks_to_send(self) -> bool:
        return bool(self.retry) or self.next_chunk < len(self.chunks)

    def take_chunk(self) -> int:
        if self.retry:
            return self.retry.pop(0)
        self.next_chunk += 1
        return self.next_chunk - 1

    def complete(self) -> bool:
        return not self.has_chunks_to_send() and self.outstanding == 0

    def spans(self) -> array:
        flat = array("I")
        for i in range(len(self.chunks)):
            flat.extend(self.results[i])
        return flat


class _Stop(Exception):
    """Ends a run early (cancel, shutdown, or an error that would only repeat)."""


class _Thread(QThread):
    def __init__(self, worker: SegmentationWorker) -> None:
        super().__init__(worker)
        self.setObjectName("segmentation")
        self._worker = worker

    def run(self) -> None:
        self._worker._run()


class SegmentationWorker(QObject):
    """Segments every article without a valid stored segmentation, in the background.

    Every run ends with exactly one of `finished` (all articles done: the library is up
    to date) or `stopped` (ended early: cancel(), shutdown(), or an error that would
    only repeat, reported through `failed` first). `progress` counts the articles of
    the current run. `failed` carries a sentence for the user; after a crash of the
    worker process it is emitted and the run goes on with a new process.
    """

    progress = Signal(int, int)
    article_segmented = Signal(int)
    finished = Signal()
    stopped = Signal()
    failed = Signal(str)

    def __init__(
        self,
        db: Database,
        process: SegmenterProcess | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        # A process passed in is shared (tests): we use it but never stop it.
        self._process = process if process is not None else SegmenterProcess()
        self._owns_process = process is None
        self._lock = threading.Lock()
        self._priority: list[int] = []
        self._rescan = False
        self._cancel = threading.Event()
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
                self._rescan = True
                return
            self._running = True
            self._cancel.clear()
        self._thread.wait()  # a previous run may still be returning from run()
        self._thread.start()

    def is_running(self) -> bool:
        with self._lock:
            return self._running

    def prioritize(self, article_id: int) -> None:
        """Segment this article next (the one the user opened); remembered if idle."""
        with self._lock:
            self._priority.append(int(article_id))

    def cancel(self) -> None:
        """Stop soon: articles already saved stay saved; the rest waits for the next start."""
        self._cancel.set()

    def shutdown(self) -> None:
        """Stop the run, join the thread and (if ours) the process. Call on close."""
        with self._lock:
            self._shut_down = True
        self._cancel.set()
        self._thread.wait()
        if self._owns_process:
            self._process.stop()

    # --- the worker thread ----------------------------------------------------------

    def _run(self) -> None:
        completed = False
        try:
            _Run(self).run()
            completed = True
        except _Stop:
            pass
        except Exception as e:  # reported as words, logged with the traceback
            log.exception("segmentation run failed")
            self.failed.emit(self.tr("Word segmentation stopped: {0}").format(e))
        finally:
            with self._lock:
                self._running = False
            (self.finished if completed else self.stopped).emit()


class _Run:
    """State of one run, touched only by the worker thread."""

    def __init__(self, worker: SegmentationWorker) -> None:
        self.w = worker
        self.db = worker._db
        self.proc = worker._process
        self.queue: list[int] = []
        self.queued: set[int] = set()
        self.seen: set[int] = set()  # queued, active or done in this run
        self.active: dict[int, _ArticleJob] = {}
        self.feed: list[int] = []  # active article ids, the one to feed first in front
        self.in_flight: dict[int, tuple[int, int]] = {}  # job id -> (article id, chunk)
        self.done = 0
        self.total = 0
        self.failed_starts = 0

    def run(self) -> None:
        self.check_cancel()
        if not self.proc.is_alive():
            self.proc.start()
        self.enqueue(articles_to_segment(self.db))
        self.w.progress.emit(0, self.total)
        while True:
            self.check_cancel()
            self.take_requests()
            self.fill()
            if not self.in_flight:
                if self.feed or self.queue:
                    continue  # articles finished without jobs (empty text, deleted)
                with self.w._lock:
                    rescan, self.w._rescan = self.w._rescan, False
                if not rescan:
                    return
                self.enqueue(articles_to_segment(self.db))
                self.w.progress.emit(self.done, self.total)
                continue
            try:
                result = self.proc.get_result(POLL_SECONDS)
            except SegmenterDied as e:
                self.recover(str(e))
                continue
            if result is None:
                continue
            where = self.in_flight.pop(result.job_id, None)
            if where is None:
                continue  # left over from a cancelled run
            article_id, chunk = where
            self.failed_starts = 0
            job = self.active[article_id]
            job.outstanding -= 1
            if result.error is not None:
                job.error = result.error
            else:
                job.results[chunk] = result.flat
            if job.complete():
                self.finish(job)

    def check_cancel(self) -> None:
        if self.w._cancel.is_set():
            raise _Stop

    def enqueue(self, article_ids: list[int]) -> None:
        for article_id in article_ids:
            if article_id not in self.seen:
                self.seen.add(article_id)
                self.queued.add(article_id)
                self.queue.append(article_id)
                self.total += 1

    def take_requests(self) -> None:
        """Move prioritized articles to the front, the latest request first."""
        with self.w._lock:
            requested, self.w._priority = self.w._priority, []
        for article_id in requested:
            if article_id in self.active:
                self.feed.remove(article_id)
                self.feed.insert(0, article_id)
            elif article_id in self.queued:
                self.queue.remove(article_id)
                self.queued.discard(article_id)
                self.open(article_id, front=True)
            elif article_id not in self.seen and load_segmentation(self.db, article_id) is None:
                self.seen.add(article_id)
                self.total += 1
                self.w.progress.emit(self.done, self.total)
                self.open(article_id, front=True)

    def open(self, article_id: int, front: bool = False) -> None:
        text = article_text(self.db, article_id)
        if text is None:  # deleted meanwhile
            self.count_done()
            return
        job = _ArticleJob(article_id, text, job_chunks(text))
        self.active[article_id] = job
        self.feed.insert(0, article_id) if front else self.feed.append(article_id)
        if job.complete():
            self.finish(job)

    def fill(self) -> None:
        while len(self.in_flight) < MAX_IN_FLIGHT:
            job = next((self.active[a] for a in self.feed if self.active[a].has_chunks_to_send()), None)
            if job is None:
                if not self.queue:
                    return
                article_id = self.queue.pop(0)
                self.queued.discard(article_id)
                self.open(article_id)
                continue
            chunk = job.take_chunk()
            start, end = job.chunks[chunk]
            job_id = next(_job_ids)
            self.proc.submit(job_id, job.text[start:end], start)
            self.in_flight[job_id] = (job.article_id, chunk)
            job.outstanding += 1

    def finish(self, job: _ArticleJob) -> None:
        del self.active[job.article_id]
        self.feed.remove(job.article_id)
        if job.error is not None:
            self.w.failed.emit(
                QCoreApplication.translate("SegmentationWorker", "Article {0} could not be segmented: {1}")
                .format(job.article_id, job.error)
            )
        else:
            try:
                saved = save_segmentation(self.db, job.article_id, job.text, job.spans())
            except DatabaseError as e:
                self.w.failed.emit(str(e))
                raise _Stop from e  # the next article would fail the same way
            if saved:
                self.w.article_segmented.emit(job.article_id)
        self.count_done()

    def count_done(self) -> None:
        self.done += 1
        self.w.progress.emit(self.done, self.total)

    def recover(self, reason: str) -> None:
        """The process died: report it, start a new one, resend what was lost."""
        if not self.proc.ready:
            self.failed_starts += 1
        lost = list(self.in_flight.values())
        self.in_flight.clear()
        if self.failed_starts >= MAX_FAILED_STARTS:
            self.w.failed.emit(reason)
            raise _Stop
        self.w.failed.emit(QCoreApplication.translate("SegmentationWorker", "{0} It was restarted.").format(reason))
        self.proc.restart()
        for article_id in {a for a, _ in lost}:
            job = self.active[article_id]
            job.crashes += 1
            job.outstanding -= sum(1 for a, _ in lost if a == article_id)
            if job.crashes >= MAX_CRASHES_PER_ARTICLE:
                job.error = QCoreApplication.translate(
                    "SegmentationWorker", "the segmentation process crashed on it twice; skipped")
                job.retry.clear()
                job.next_chunk = len(job.chunks)
                if job.complete():
                    self.finish(job)
            else:
                job.retry.extend(sorted(c for a, c in lost if a == article_id))
