"""Segmentation and tagging results written in batches (issue 19): many articles a
transaction, the open article's at once, what is finished written on cancel, and each
article's signal only after its batch is committed. Real worker process, real library."""

from __future__ import annotations

from array import array

import pytest

from desktop_app.core.library.reimport import replace_text
from desktop_app.core.nlp.pos_ner import is_tagged
from desktop_app.core.nlp.result_batch import LONG_ARTICLE, ResultBatch
from desktop_app.core.nlp.scheduler import Scheduler, SchedulerControl, Stop
from desktop_app.core.nlp.stored import articles_to_segment, load_segmentation
from desktop_app.core.nlp.worker_process import WORDS
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article
from tests.core.test_concordance import add_article
from tests.core.test_scheduler import Recorder

# Batches that never fill up by themselves: only the rules under test write them.
NEVER = {"batch_articles": 10_000, "batch_seconds": 3600.0, "batch_chars": 10**9}


@pytest.fixture
def library(db: Database) -> tuple[Database, list[int]]:
    ids = [add_article(db, f"Ban Tổ chức Trung ương họp lần {n}.\nHà Nội, ngày {n} tháng 4.", f"Bài {n}")
           for n in range(1, 7)]
    return db, ids


def done_at(events: Recorder, done: int) -> int:
    """Where in the log the words progress reached `done`."""
    return next(i for i, e in enumerate(events.log) if e[:3] == ("progress", WORDS, done))


def test_each_signal_comes_after_the_commit_of_its_article(library, process):
    db, ids = library
    seen_stored: list[tuple[int, bool]] = []

    class Checks(Recorder):
        # Called on the run's thread: another connection sees only committed rows.
        def segmented(self, article_id):
            super().segmented(article_id)
            seen_stored.append((article_id, load_segmentation(db, article_id) is not None))

        def tagged(self, article_id):
            super().tagged(article_id)
            seen_stored.append((article_id, is_tagged(db, article_id)))

    events = Checks()
    Scheduler(db, process, SchedulerControl(tagging=True), events, batch_articles=4).run()
    assert sorted(events.of("segmented")) == ids and sorted(events.of("tagged")) == ids
    assert len(seen_stored) == 2 * len(ids) and all(stored for _id, stored in seen_stored)


def test_results_wait_for_their_batch_and_the_open_article_is_written_at_once(library, process):
    db, ids = library
    control, events = SchedulerControl(), Recorder()
    control.prioritize(ids[2])
    Scheduler(db, process, control, events, **NEVER).run()
    # The open article's words are stored (and told) before the next article is done...
    assert events.of("segmented")[0] == ids[2]
    assert events.log.index(("segmented", ids[2])) < done_at(events, 2)
    # ...the others wait for the batch, written when the run has nothing left to do.
    last = done_at(events, len(ids))
    assert all(events.log.index(("segmented", i)) > last for i in ids if i != ids[2])
    assert articles_to_segment(db) == []


def test_cancel_writes_what_is_finished(library, process):
    db, ids = library
    control = SchedulerControl()

    class CancelsAtThree(Recorder):
        def progress(self, kind, done, total):
            super().progress(kind, done, total)
            if kind == WORDS and done == 3:
                control.cancel()

    events = CancelsAtThree()
    with pytest.raises(Stop):
        Scheduler(db, process, control, events, **NEVER).run()
    written = events.of("segmented")
    assert len(written) == 3  # finished before the cancel, waiting in the batch: kept
    assert all(load_segmentation(db, i) is not None for i in written)
    assert sorted(articles_to_segment(db) + written) == ids


def test_a_text_changed_or_deleted_before_the_batch_is_written(db: Database):
    """The row is stamped with the text that was segmented: a text changed meanwhile
    leaves it stale (to be redone), an article deleted meanwhile is left out."""
    changed = add_article(db, "Hà Nội mùa thu.")
    deleted = add_article(db, "Sài Gòn mùa mưa.")
    kept = add_article(db, "Đà Nẵng.")
    batch = ResultBatch(db)
    for article_id, text in ((changed, "Hà Nội mùa thu."), (deleted, "Sài Gòn mùa mưa."), (kept, "Đà Nẵng.")):
        batch.add_words(article_id, text, array("I", [0, 2, 3, len(text)]))
    replace_text(db, changed, "Hà Nội mùa đông.", "Hà Nội mùa đông.")
    with db.session() as session:
        session.delete(session.get(Article, deleted))
    assert batch.write() == ([changed, kept], [])
    assert len(batch) == 0
    assert load_segmentation(db, changed) is None and changed in articles_to_segment(db)
    assert load_segmentation(db, kept) == [(0, 2), (3, 8)]


def test_a_batch_is_due_by_count_or_characters(db: Database):
    a, b = add_article(db, "Một hai."), add_article(db, "Ba bốn năm.")
    by_count = ResultBatch(db, articles=2, seconds=3600, chars=10**9)
    by_count.add_words(a, "Một hai.", array("I", [0, 3]))
    assert not by_count.due()
    by_count.add_words(b, "Ba bốn năm.", array("I", [0, 2]))
    assert by_count.due()
    by_chars = ResultBatch(db, articles=100, seconds=3600, chars=10)
    by_chars.add_words(a, "Một hai.", array("I", [0, 3]))
    assert not by_chars.due()
    by_chars.add_words(b, "Ba bốn năm.", array("I", [0, 2]))
    assert by_chars.due() and by_chars.holds(b)
    with pytest.raises(ValueError):  # spans that cannot index the text: refused on arrival
        by_chars.add_words(a, "Một hai.", array("I", [0, 99]))
    assert len(by_chars) == 2


def test_a_long_article_is_written_at_once_small_ones_wait(db: Database):
    small_text = "Một hai."
    long_text = ("Hà Nội " * (LONG_ARTICLE // 7 + 1)).strip()
    small, long = add_article(db, small_text), add_article(db, long_text)
    batch = ResultBatch(db, articles=100, seconds=3600)  # the default character bound
    batch.add_words(small, small_text, array("I", [0, 3]))
    assert not batch.due()
    batch.add_words(long, long_text, array("I", [0, 2]))
    assert batch.due()
    assert batch.write() == ([small, long], [])
    batch.add_words(small, small_text, array("I", [0, 3, 4, 7]))
    assert not batch.due()  # the bound is the long one's, not the next batch's
