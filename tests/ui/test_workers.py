"""Background segmentation over a real database, driven through the worker's signals."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop_app.core.nlp import segmentation as nlp
from desktop_app.core.nlp.stored import articles_to_segment, load_segmentation, text_hash
from desktop_app.core.nlp.worker_process import SegmenterProcess
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article
from desktop_app.ui.workers import SegmentationWorker

pytest.importorskip("underthesea")

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
WAIT_MS = 120_000  # a ceiling for slow machines, not a timing assertion


@pytest.fixture
def make_worker(db: Database, process: SegmenterProcess) -> Iterator[Callable[[], SegmentationWorker]]:
    workers: list[SegmentationWorker] = []

    def make() -> SegmentationWorker:
        worker = SegmentationWorker(db, process)
        workers.append(worker)
        return worker

    yield make
    for worker in workers:
        worker.shutdown()


class Recorder:
    """Keeps every signal the worker emits, in order."""

    def __init__(self, worker: SegmentationWorker) -> None:
        self.progress: list[tuple[int, int]] = []
        self.segmented: list[int] = []
        self.failures: list[str] = []
        self.finished = 0
        self.stopped = 0
        worker.progress.connect(lambda done, total: self.progress.append((done, total)))
        worker.article_segmented.connect(self.segmented.append)
        worker.failed.connect(self.failures.append)
        worker.finished.connect(self._finished)
        worker.stopped.connect(self._stopped)

    def _finished(self) -> None:
        self.finished += 1

    def _stopped(self) -> None:
        self.stopped += 1


def seed_text(i: int, repeat: int = 1) -> str:
    """A distinct article of about 6,500 characters per repeat (two or three jobs)."""
    text = SEEDS[i % len(SEEDS)].read_text(encoding="utf-8")
    return f"Bài {i}\n" + "\n".join([text] * repeat)


def add_articles(db: Database, texts: list[str]) -> list[int]:
    with db.session() as session:
        articles = [
            Article(title=t.split("\n", 1)[0], text=t, original_text=t, content_hash=text_hash(t))
            for t in texts
        ]
        session.add_all(articles)
        session.flush()
        return [a.id for a in articles]


def test_segments_every_article_and_saves_spans(qtbot, db: Database, make_worker) -> None:
    ids = add_articles(db, [seed_text(i) for i in range(3)] + ["", "   \n"])
    worker = make_worker()
    rec = Recorder(worker)
    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS):
        worker.start()
    assert rec.failures == []
    assert (rec.finished, rec.stopped) == (1, 0)
    assert sorted(rec.segmented) == ids
    assert rec.progress[0] == (0, 5)
    assert rec.progress[-1] == (5, 5)
    assert [done for done, _ in rec.progress] == sorted(done for done, _ in rec.progress)
    assert articles_to_segment(db) == []
    with db.session() as session:
        for article_id in ids:
            text = session.get(Article, article_id).text
            assert load_segmentation(db, article_id) == nlp.segment_text(text)
    assert load_segmentation(db, ids[3]) == []


def test_second_run_finds_nothing_to_do(qtbot, db: Database, make_worker) -> None:
    add_articles(db, [seed_text(0)])
    worker = make_worker()
    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS):
        worker.start()
    rec = Recorder(worker)
    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS):
        worker.start()
    assert rec.segmented == []
    assert rec.progress == [(0, 0)]


def test_prioritized_article_goes_first(qtbot, db: Database, make_worker) -> None:
    ids = add_articles(db, [seed_text(i) for i in range(4)])
    worker = make_worker()
    rec = Recorder(worker)
    worker.prioritize(ids[-1])
    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS):
        worker.start()
    assert rec.segmented[0] == ids[-1]
    assert sorted(rec.segmented) == ids


def test_prioritize_while_running(qtbot, db: Database, make_worker) -> None:
    # Long articles (many jobs each), so the run is still early when we ask.
    ids = add_articles(db, [seed_text(i, repeat=3) for i in range(5)])
    worker = make_worker()
    rec = Recorder(worker)
    worker.article_segmented.connect(
        lambda article_id: worker.prioritize(ids[-1]) if article_id == ids[0] else None
    )
    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS):
        worker.start()
    assert rec.segmented[0] == ids[0]
    # Asked for while the second article was being segmented: the last one jumps the queue.
    assert rec.segmented.index(ids[-1]) < rec.segmented.index(ids[3])
    assert sorted(rec.segmented) == ids


def test_prioritizing_a_segmented_article_does_nothing(qtbot, db: Database, make_worker) -> None:
    ids = add_articles(db, [seed_text(0)])
    worker = make_worker()
    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS):
        worker.start()
    rec = Recorder(worker)
    worker.prioritize(ids[0])
    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS):
        worker.start()
    assert rec.segmented == []


def test_cancel_stops_and_keeps_finished_articles(qtbot, db: Database, make_worker) -> None:
    ids = add_articles(db, [seed_text(i, repeat=2) for i in range(6)])
    worker = make_worker()
    rec = Recorder(worker)
    worker.article_segmented.connect(lambda _id: worker.cancel())
    with qtbot.waitSignal(worker.stopped, timeout=WAIT_MS):
        worker.start()
    assert rec.finished == 0  # a cancelled run does not claim the library is up to date
    assert rec.segmented  # the article whose signal cancelled, at least, is kept
    assert not worker.is_running()
    for article_id in rec.segmented:
        assert load_segmentation(db, article_id) is not None
    remaining = articles_to_segment(db)
    assert sorted(remaining + rec.segmented) == ids

    # The next run picks up where the cancelled one stopped (stale results are ignored).
    worker.article_segmented.disconnect()
    again = Recorder(worker)
    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS):
        worker.start()
    assert (again.finished, again.stopped) == (1, 0)
    assert sorted(again.segmented) == remaining
    assert articles_to_segment(db) == []


def test_crash_is_reported_and_the_run_goes_on(qtbot, db: Database, make_worker, process) -> None:
    ids = add_articles(db, [seed_text(i, repeat=2) for i in range(4)])
    worker = make_worker()
    rec = Recorder(worker)
    killed: list[int] = []

    def kill_once(_article_id: int) -> None:
        if not killed and process.pid is not None:
            killed.append(process.pid)
            os.kill(process.pid, signal.SIGKILL)

    worker.article_segmented.connect(kill_once)
    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS):
        worker.start()
    assert killed
    assert len(rec.failures) == 1 and "SIGKILL" in rec.failures[0]
    assert process.pid != killed[0] and process.is_alive()
    assert sorted(rec.segmented) == ids
    assert articles_to_segment(db) == []
    with db.session() as session:
        for article_id in ids:
            text = session.get(Article, article_id).text
            assert load_segmentation(db, article_id) == nlp.segment_text(text)


def test_shutdown_stops_thread_and_own_process(qtbot, db: Database) -> None:
    add_articles(db, [seed_text(i, repeat=2) for i in range(3)])
    worker = SegmentationWorker(db)
    try:
        with qtbot.waitSignal(worker.progress, timeout=WAIT_MS):
            worker.start()
        qtbot.waitUntil(lambda: worker._process.is_alive(), timeout=WAIT_MS)
    finally:
        worker.shutdown()
    assert not worker.is_running()
    assert worker._thread.isFinished()
    assert not worker._process.is_alive()
    worker.start()  # after shutdown: refused, no thread started
    assert not worker.is_running()


@pytest.mark.slow
def test_hostile_articles_are_segmented_and_tagged_and_the_run_goes_on(qtbot, db: Database, process) -> None:
    """The issue's bad input, as articles in the library: a 1 MB paragraph without a
    newline, punctuation or emoji only, English, NFD and zero-width characters. Every one
    is segmented and tagged into exact spans, and the ordinary article after them too."""
    import unicodedata

    from desktop_app.core.nlp.pos_ner import articles_to_tag, load_entities, load_pos

    line = SEEDS[0].read_text(encoding="utf-8").replace("\n", " ")
    megabyte = " ".join([line] * (1_000_000 // len(line.encode("utf-8")) + 1))
    texts = [
        megabyte,
        ".,;!?…—–-()[]\"“”' ... !!! ???",
        "😀👍🏽🇻🇳 🎉🎉 😀",
        "President Joe Biden met Microsoft executives in New York on Monday.",
        unicodedata.normalize("NFD", "Tổng Bí thư đến Hà Nội.\nĐà\u200b Nẵng\ufeff hôm nay"),
        seed_text(1),
    ]
    ids = add_articles(db, texts)
    worker = SegmentationWorker(db, process, tagging=True)
    try:
        rec = Recorder(worker)
        tagged: list[int] = []
        worker.article_tagged.connect(tagged.append)
        with qtbot.waitSignal(worker.finished, timeout=4 * WAIT_MS):
            worker.start()
    finally:
        worker.shutdown()
    assert rec.failures == []
    assert sorted(rec.segmented) == ids and sorted(tagged) == ids
    assert articles_to_segment(db) == [] and articles_to_tag(db) == []
    for article_id, text in zip(ids, texts, strict=True):
        for s, e, _tag in load_pos(db, article_id):
            assert 0 <= s < e <= len(text) and text[s:e].strip()
        assert all(text[s.start:s.end] == s.text for s in load_entities(db, article_id))
    assert load_pos(db, ids[0])[-1][1] == len(megabyte.rstrip())
    assert any(s.label == "LOC" for s in load_entities(db, ids[-1]))


def test_a_lone_surrogate_fails_one_job_and_the_process_goes_on(process: SegmenterProcess) -> None:
    """Stored text cannot hold one (SQLite refuses it), but a job that somehow carries
    one is an error for that job only, for words and for tags."""
    from desktop_app.core.nlp.worker_process import TAGS, WORDS

    for job_id, kind in ((901, WORDS), (902, TAGS)):
        pid = process.pid
        process.submit(job_id, "Hà Nội \ud800 hôm nay", 0, kind)
        result = None
        while result is None or result.job_id != job_id:
            result = process.get_result(60)
        assert result.error is not None
        assert process.is_alive() and process.pid == pid
    process.submit(903, "Hà Nội", 0, TAGS)
    result = process.get_result(60)
    assert result.error is None and [e[:2] for e in result.entities] == [(0, 6)]
