"""Scheduling background segmentation and tagging, without Qt: which article next,
paragraph-sized jobs to one worker process, the article the user opened first (its
words, then its tags), rescans for articles added meanwhile, and what to do when the
process crashes (resend what was lost; skip an article it crashed on twice; give up
when a new process never gets its model loaded). Results are written in batches
(nlp/result_batch.py): many articles a transaction, the open article's at once, what is
finished written on cancel too; an article's signal follows the commit of its batch.

The thread that drives it (ui/workers.py, a QThread) calls `Scheduler.run()`; requests
from the GUI (prioritize, rescan, cancel, tagging on/off) go through a thread-safe
`SchedulerControl`; news comes out through `SchedulerEvents` (plain ids and words).
Tagging (parts of speech and named entities, ~2x the cost of segmenting) is a second,
lower-priority pass in the same process: words of every queued article first, then tags.
On a server library several clients share the work through claims (scheduler_claims.py).
"""

from __future__ import annotations

import itertools

from desktop_app.core.library.articles import article_text
from desktop_app.core.nlp.article_job import ArticleJob
from desktop_app.core.nlp.pos_ner import articles_to_tag, is_tagged
from desktop_app.core.nlp.result_batch import BATCH_ARTICLES, BATCH_CHARS, BATCH_SECONDS, ResultBatch
from desktop_app.core.nlp.scheduler_claims import SharedWork
from desktop_app.core.nlp.scheduler_control import SchedulerControl, SchedulerEvents, Stop
from desktop_app.core.nlp.segmentation import job_chunks
from desktop_app.core.nlp.stored import articles_to_segment, load_segmentation
from desktop_app.core.nlp.worker_pool import SegmenterPool
from desktop_app.core.nlp.worker_process import TAGS, WORDS, SegmenterDied, SegmenterProcess
from desktop_app.core.storage.database import Database, DatabaseError

__all__ = ["ArticleJob", "Scheduler", "SchedulerControl", "SchedulerEvents", "Stop"]

# Jobs queued in each process at once: enough to keep it busy between results, few
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


# The error of an article skipped after crashes (the UI words it).
CRASHED_TWICE = "the segmentation process crashed on it twice; skipped"



class Scheduler(SharedWork):
    """One run: what to send the process next, and what to do with its answers. Touched
    only by the thread that calls `run()`; requests come through `control`, news goes
    out through `events`. `run()` returns when every article is done (finished) and
    raises Stop when it ended early (cancel, or an error that would only repeat)."""

    def __init__(self, db: Database, process: SegmenterProcess | SegmenterPool,
                 control: SchedulerControl, events: SchedulerEvents, *,
                 batch_articles: int = BATCH_ARTICLES, batch_seconds: float = BATCH_SECONDS,
                 batch_chars: int = BATCH_CHARS) -> None:
        self.db = db
        self.batch = ResultBatch(db, batch_articles, batch_seconds, batch_chars)
        self.proc = process
        self.max_in_flight = MAX_IN_FLIGHT * getattr(process, "size", 1)
        self.control = control
        self.events = events
        # Per kind (WORDS, TAGS): articles waiting, and those queued, active or done.
        self.queue: dict[str, list[int]] = {WORDS: [], TAGS: []}
        self.seen: dict[str, set[int]] = {WORDS: set(), TAGS: set()}
        # Segmented in this run: a rescan may find one stale again (the user dictionary
        # changed) and queue it once more; articles that failed are not retried.
        self.saved: set[int] = set()
        self.active: dict[tuple[str, int], ArticleJob] = {}
        self.feed: list[tuple[str, int]] = []  # active jobs, the one to feed first in front
        self.in_flight: dict[int, tuple[tuple[str, int], int]] = {}  # job id -> (key, chunk)
        self.done = {WORDS: 0, TAGS: 0}
        self.total = {WORDS: 0, TAGS: 0}
        self.urgent: int | None = None  # the article last asked for: tagged right after its words
        self.failed_starts = 0
        self.init_shared(db)  # a server library: claims (scheduler_claims.py)

    def run(self) -> None:
        try:
            self.loop()
        finally:  # cancel, shutdown, an error: what is finished is kept
            try:
                self.write_batch()
            finally:
                self.let_go()

    def loop(self) -> None:
        self.check_cancel()
        if not self.proc.is_alive():
            self.proc.start()
        # The article the user opened goes out before the library is scanned.
        self.take_requests()
        self.fill()
        self.rescan()
        while True:
            self.check_cancel()
            if self.claims is not None:
                self.keep_claims()
            self.take_requests()
            self.fill()
            if self.batch.due() or (self.batch and not self.in_flight):
                self.write_batch()
                continue  # the open article's tags may have been brought forward
            if not self.in_flight:
                if self.feed or self.queue[WORDS] or self.queue[TAGS]:
                    continue  # articles finished without jobs (empty text, deleted)
                if self.control.take_rescan():
                    self.rescan()
                    continue
                if self.waiting_elsewhere():
                    continue
                return
            try:
                result = self.proc.get_result(POLL_SECONDS)
            except SegmenterDied as e:
                # A pool says which jobs its dead member held; a single process lost all.
                self.recover(str(e), getattr(e, "lost", None), getattr(e, "was_ready", None))
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
        return self.control.tagging

    def check_cancel(self) -> None:
        if self.control.cancelled:
            raise Stop

    def rescan(self) -> None:
        stale = articles_to_segment(self.db)
        again = self.saved.intersection(stale)
        self.saved -= again
        self.seen[WORDS] -= again
        self.enqueue(WORDS, stale)
        self.emit_progress(WORDS)
        if self.tagging:
            self.enqueue(TAGS, articles_to_tag(self.db))
            self.emit_progress(TAGS)

    def emit_progress(self, kind: str) -> None:
        self.events.progress(kind, self.done[kind], self.total[kind])

    def enqueue(self, kind: str, article_ids: list[int]) -> None:
        for article_id in article_ids:
            if article_id not in self.seen[kind]:
                self.seen[kind].add(article_id)
                self.queue[kind].append(article_id)
                self.total[kind] += 1

    def take_requests(self) -> None:
        """Move prioritized articles to the front, the latest request first."""
        for article_id in self.control.take_priority():
            self.urgent = article_id
            if self.batch.holds(article_id):
                self.write_batch()  # its words are done: shown now, not with the batch
            if not self.bring_forward(WORDS, article_id, lambda a=article_id: load_segmentation(self.db, a) is None):
                self.bring_forward(TAGS, article_id, lambda a=article_id: not is_tagged(self.db, a))

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
        if not self.claimed(kind, article_id):
            return  # another client works on it
        text = article_text(self.db, article_id)
        if text is None:  # deleted meanwhile
            self.count_done(kind)
            return
        chunks = job_chunks(text) if kind == WORDS else job_chunks(text, TAG_CHUNK)
        job = ArticleJob(article_id, text, chunks, kind)
        self.active[job.key] = job
        self.feed.insert(0, job.key) if front else self.feed.append(job.key)
        if job.complete():
            self.finish(job)

    def fill(self) -> None:
        while len(self.in_flight) < self.max_in_flight:
            job = next((self.active[k] for k in self.feed if self.active[k].has_chunks_to_send()), None)
            if job is None:
                # Words of every waiting article before any tags (a lower-priority pass).
                kind = WORDS if self.queue[WORDS] else TAGS
                if kind == TAGS and not self.tagging:
                    self.drop_tags()
                if not self.queue[kind]:
                    return
                article_id = self.next_queued(kind)
                if article_id is not None:
                    self.open(kind, article_id)
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

    def finish(self, job: ArticleJob) -> None:
        del self.active[job.key]
        self.feed.remove(job.key)
        if job.kind == TAGS:
            self.finish_tags(job)
            return
        if job.error is None:
            try:
                self.batch.add_words(job.article_id, job.text, job.spans())
            except ValueError as e:  # spans that cannot be stored: this article only
                job.error = str(e)
        if job.error is not None:
            self.events.article_failed(WORDS, job.article_id, job.error)
        self.count_done(WORDS)
        if job.article_id == self.urgent:
            self.write_batch()

    def finish_tags(self, job: ArticleJob) -> None:
        if job.error is None:
            flat, tags, entities = job.tags()
            try:
                self.batch.add_tags(job.article_id, job.text, (flat, tags), entities)
            except ValueError as e:
                job.error = str(e)
        if job.error is not None:
            self.events.article_failed(TAGS, job.article_id, job.error)
        self.count_done(TAGS)
        if job.article_id == self.urgent:
            self.write_batch()

    def write_batch(self) -> None:
        """Write the finished articles in one transaction, then tell about each."""
        if not self.batch:
            return
        try:
            words, tags = self.batch.write()
            if self.claims is not None:  # stored: nobody needs to hold them any more
                self.claims.release(WORDS, words)
                self.claims.release(TAGS, tags)
        except DatabaseError as e:
            self.events.failed(str(e))
            raise Stop from e  # the next batch would fail the same way
        for article_id in words:
            self.saved.add(article_id)
            self.events.segmented(article_id)
            if article_id == self.urgent:  # the open article: its tags next
                self.bring_forward(TAGS, article_id, lambda a=article_id: not is_tagged(self.db, a))
        for article_id in tags:
            self.events.tagged(article_id)

    def count_done(self, kind: str) -> None:
        self.done[kind] += 1
        self.emit_progress(kind)

    def recover(self, reason: str, lost_ids: list[int] | None = None,
                was_ready: bool | None = None) -> None:
        """A process died: report it, start a new one, resend what it held (`lost_ids`;
        None: everything in flight)."""
        if not (self.proc.ready if was_ready is None else was_ready):
            self.failed_starts += 1
        gone = list(self.in_flight) if lost_ids is None else [j for j in lost_ids if j in self.in_flight]
        lost = [self.in_flight.pop(j) for j in gone]
        if self.failed_starts >= MAX_FAILED_STARTS:
            self.events.process_crashed(reason, restarted=False)
            raise Stop
        self.events.process_crashed(reason, restarted=True)
        self.proc.restart()
        for key in {k for k, _ in lost}:
            job = self.active[key]
            job.crashes += 1
            job.outstanding -= sum(1 for k, _ in lost if k == key)
            if job.crashes >= MAX_CRASHES_PER_ARTICLE:
                job.error = CRASHED_TWICE
                job.retry.clear()
                job.next_chunk = len(job.chunks)
                if job.complete():
                    self.finish(job)
            else:
                job.retry.extend(sorted(c for k, c in lost if k == key))
