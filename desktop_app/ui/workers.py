"""Background word segmentation, then tagging, of the whole library.

A QThread owned by `SegmentationWorker` drives one worker process (`SegmenterProcess`)
with paragraph-sized jobs, assembles each article's spans and saves them. All waiting
happens in that thread; the GUI hears about it through signals carrying plain ints and
strings, and never waits except in `shutdown()` (a few tens of ms on close).

Tagging (parts of speech and named entities, ~2x the cost of segmenting) is a second,
lower-priority pass in the same process: words of every queued article first, then
tags; only the article the user opened is tagged as soon as its words are stored.
"""

from __future__ import annotations

import itertools
import logging
import threading
from array import array
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from desktop_app.core.storage.database import Database, DatabaseError
from desktop_app.core.library.articles import article_text
from desktop_app.core.nlp.segmentation import job_chunks
from desktop_app.core.nlp.worker_process import TAGS, WORDS, SegmenterDied, SegmenterProcess, SegmentResult
from desktop_app.core.nlp.stored import articles_to_segment, load_segmentation, save_segmentation
from desktop_app.core.nlp.pos_ner import articles_to_tag, is_tagged, save_tags

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
# Characters per tagging job: tagging runs ~75k chars/s, so a job takes ~25 ms and an
# article the user opens waits at most a few of them before its words are started.
TAG_CHUNK = 2000

# Job ids are unique in this app, so a process shared by several workers (tests) never
# hands one worker a stale result meant for another.
_job_ids = itertools.count(1)


@dataclass
class _ArticleJob:
    """One article being segmented or tagged: its text, its chunks, the results so far."""

    article_id: int
    text: str
    chunks: list[tuple[int, int]]
    kind: str = WORDS
    next_chunk: int = 0
    retry: list[int] = field(default_factory=list)  # chunks lost in a crash
    results: dict[int, SegmentResult] = field(default_factory=dict)
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

    @property
    def key(self) -> tuple[str, int]:
        return self.kind, self.article_id

    def spans(self) -> array:
        flat = array("I")
        for i in range(len(self.chunks)):
            flat.extend(self.results[i].flat)
        return flat

    def tags(self) -> tuple[array, list[str], list[tuple[int, int, str]]]:
        """(POS spans, one tag per span, entities) of a TAGS job, in text order."""
        flat, tags, entities = array("I"), [], []
        for i in range(len(self.chunks)):
            result = self.results[i]
            flat.extend(result.flat)
            tags.extend(result.tags or ())
            entities.extend(result.entities or ())
        return flat, tags, entities


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
        process: SegmenterProcess | None = None,
        parent: QObject | None = None,
        *,
        tagging: bool = False,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._tagging = tagging
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

    def set_tagging(self, enabled: bool) -> None:
        """Tag articles (parts of speech, entities) after segmenting them. Turning it on
        during a run takes effect at the next start() (call it); turning it off stops
        opening new tagging jobs at once."""
        self._tagging = bool(enabled)

    def tagging(self) -> bool:
        return self._tagging

    def is_running(self) -> bool:
        with self._lock:
            return self._running

    def prioritize(self, article_id: int) -> None:
        """Segment this article next (the one the user opened), then tag it, before any
        other article; remembered if idle. Does nothing for one already done."""
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
        # Per kind (WORDS, TAGS): articles waiting, and those queued, active or done.
        self.queue: dict[str, list[int]] = {WORDS: [], TAGS: []}
        self.seen: dict[str, set[int]] = {WORDS: set(), TAGS: set()}
        self.active: dict[tuple[str, int], _ArticleJob] = {}
        self.feed: list[tuple[str, int]] = []  # active jobs, the one to feed first in front
        self.in_flight: dict[int, tuple[tuple[str, int], int]] = {}  # job id -> (key, chunk)
        self.done = {WORDS: 0, TAGS: 0}
        self.total = {WORDS: 0, TAGS: 0}
        self.urgent: int | None = None  # the article last asked for: tagged right after its words
        self.failed_starts = 0

    def run(self) -> None:
        self.check_cancel()
        if not self.proc.is_alive():
            self.proc.start()
        self.rescan()
        while True:
            self.check_cancel()
            self.take_requests()
            self.fill()
            if not self.in_flight:
                if self.feed or self.queue[WORDS] or self.queue[TAGS]:
                    continue  # articles finished without jobs (empty text, deleted)
                with self.w._lock:
                    rescan, self.w._rescan = self.w._rescan, False
                if not rescan:
                    return
                self.rescan()
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
            key, chunk = where
            self.failed_starts = 0
            job = self.active[key]
            job.outstanding -= 1
            if result.error is not None:
                job.error = result.error
            else:
                job.results[chunk] = result
            if job.complete():
                self.finish(job)

    @property
    def tagging(self) -> bool:
        return self.w._tagging

    def check_cancel(self) -> None:
        if self.w._cancel.is_set():
            raise _Stop

    def rescan(self) -> None:
        self.enqueue(WORDS, articles_to_segment(self.db))
        self.emit_progress(WORDS)
        if self.tagging:
            self.enqueue(TAGS, articles_to_tag(self.db))
            self.emit_progress(TAGS)

    def emit_progress(self, kind: str) -> None:
        signal = self.w.progress if kind == WORDS else self.w.tagging_progress
        signal.emit(self.done[kind], self.total[kind])

    def enqueue(self, kind: str, article_ids: list[int]) -> None:
        for article_id in article_ids:
            if article_id not in self.seen[kind]:
                self.seen[kind].add(article_id)
                self.queue[kind].append(article_id)
                self.total[kind] += 1

    def take_requests(self) -> None:
        """Move prioritized articles to the front, the latest request first."""
        with self.w._lock:
            requested, self.w._priority = self.w._priority, []
        for article_id in requested:
            self.urgent = article_id
            if not self.bring_forward(WORDS, article_id, lambda: load_segmentation(self.db, article_id) is None):
                self.bring_forward(TAGS, article_id, lambda: not is_tagged(self.db, article_id))

    def bring_forward(self, kind: str, article_id: int, needed) -> bool:
        """Put the article's job of this kind in front; False when it needs none."""
        if kind == TAGS and not self.tagging:
            return False
        key = (kind, article_id)
        if key in self.active:
            self.feed.remove(key)
            self.feed.insert(0, key)
        elif article_id in self.queue[kind]:
            self.queue[kind].remove(article_id)
            self.open(kind, article_id, front=True)
        elif article_id not in self.seen[kind] and needed():
            self.seen[kind].add(article_id)
            self.total[kind] += 1
            self.emit_progress(kind)
            self.open(kind, article_id, front=True)
        else:
            return False
        return True

    def open(self, kind: str, article_id: int, front: bool = False) -> None:
        text = article_text(self.db, article_id)
        if text is None:  # deleted meanwhile
            self.count_done(kind)
            return
        chunks = job_chunks(text) if kind == WORDS else job_chunks(text, TAG_CHUNK)
        job = _ArticleJob(article_id, text, chunks, kind)
        self.active[job.key] = job
        self.feed.insert(0, job.key) if front else self.feed.append(job.key)
        if job.complete():
            self.finish(job)

    def fill(self) -> None:
        while len(self.in_flight) < MAX_IN_FLIGHT:
            job = next((self.active[k] for k in self.feed if self.active[k].has_chunks_to_send()), None)
            if job is None:
                # Words of every waiting article before any tags (a lower-priority pass).
                kind = WORDS if self.queue[WORDS] else TAGS
                if kind == TAGS and not self.tagging:
                    self.drop_tags()
                if not self.queue[kind]:
                    return
                self.open(kind, self.queue[kind].pop(0))
                continue
            chunk = job.take_chunk()
            start, end = job.chunks[chunk]
            job_id = next(_job_ids)
            self.proc.submit(job_id, job.text[start:end], start, job.kind)
            self.in_flight[job_id] = (job.key, chunk)
            job.outstanding += 1

    def drop_tags(self) -> None:
        """Tagging was turned off: forget the articles still waiting for it."""
        if self.queue[TAGS]:
            self.seen[TAGS].difference_update(self.queue[TAGS])
            self.total[TAGS] -= len(self.queue[TAGS])
            self.queue[TAGS] = []
            self.emit_progress(TAGS)

    def finish(self, job: _ArticleJob) -> None:
        del self.active[job.key]
        self.feed.remove(job.key)
        if job.kind == TAGS:
            self.finish_tags(job)
            return
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
                if job.article_id == self.urgent:  # the open article: its tags next
                    self.bring_forward(TAGS, job.article_id, lambda: not is_tagged(self.db, job.article_id))
        self.count_done(WORDS)

    def finish_tags(self, job: _ArticleJob) -> None:
        if job.error is not None:
            self.w.failed.emit(
                QCoreApplication.translate("SegmentationWorker", "Article {0} could not be tagged: {1}")
                .format(job.article_id, job.error)
            )
        else:
            flat, tags, entities = job.tags()
            try:
                saved = save_tags(self.db, job.article_id, job.text, (flat, tags), entities)
            except DatabaseError as e:
                self.w.failed.emit(str(e))
                raise _Stop from e
            if saved:
                self.w.article_tagged.emit(job.article_id)
        self.count_done(TAGS)

    def count_done(self, kind: str) -> None:
        self.done[kind] += 1
        self.emit_progress(kind)

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
        for key in {k for k, _ in lost}:
            job = self.active[key]
            job.crashes += 1
            job.outstanding -= sum(1 for k, _ in lost if k == key)
            if job.crashes >= MAX_CRASHES_PER_ARTICLE:
                job.error = QCoreApplication.translate(
                    "SegmentationWorker", "the segmentation process crashed on it twice; skipped")
                job.retry.clear()
                job.next_chunk = len(job.chunks)
                if job.complete():
                    self.finish(job)
            else:
                job.retry.extend(sorted(c for k, c in lost if k == key))
