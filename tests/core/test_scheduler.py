"""The segmentation scheduler without Qt, on a real worker process and a real library:
every article segmented and stored, the requested one first, tags after words, cancel,
and a rescan picking up an article added during the run."""

from __future__ import annotations

import threading

import pytest

from desktop_app.core.nlp.pos_ner import is_tagged
from desktop_app.core.nlp.scheduler import Scheduler, SchedulerControl, Stop
from desktop_app.core.nlp.stored import load_segmentation
from desktop_app.core.nlp.worker_process import TAGS, WORDS
from desktop_app.core.storage.database import Database
from tests.core.test_concordance import add_article


class Recorder:
    """SchedulerEvents that remembers everything, in order."""

    def __init__(self) -> None:
        self.log: list[tuple] = []

    def progress(self, kind, done, total):
        self.log.append(("progress", kind, done, total))

    def segmented(self, article_id):
        self.log.append(("segmented", article_id))

    def tagged(self, article_id):
        self.log.append(("tagged", article_id))

    def article_failed(self, kind, article_id, error):
        self.log.append(("article_failed", kind, article_id, error))

    def process_crashed(self, reason, restarted):
        self.log.append(("crashed", reason, restarted))

    def failed(self, message):
        self.log.append(("failed", message))

    def of(self, kind: str) -> list:
        return [e[1] for e in self.log if e[0] == kind]


@pytest.fixture
def library(db: Database) -> tuple[Database, list[int]]:
    ids = [add_article(db, f"Ban Tổ chức Trung ương họp lần {n}.\nHà Nội, ngày {n} tháng 4.", f"Bài {n}")
           for n in range(1, 5)]
    return db, ids


def test_a_run_segments_every_article_the_requested_one_first(library, process):
    db, ids = library
    control, events = SchedulerControl(), Recorder()
    control.prioritize(ids[-1])
    Scheduler(db, process, control, events).run()
    assert events.of("segmented")[0] == ids[-1] and sorted(events.of("segmented")) == ids
    assert all(load_segmentation(db, i) is not None for i in ids)
    words = [e for e in events.log if e[0] == "progress" and e[1] == WORDS]
    assert words[-1] == ("progress", WORDS, 4, 4)
    assert events.of("tagged") == [] and events.of("failed") == []


def test_tags_come_after_the_words_of_every_article(library, process):
    db, ids = library
    control, events = SchedulerControl(tagging=True), Recorder()
    Scheduler(db, process, control, events).run()
    kinds = [e[0] for e in events.log if e[0] in ("segmented", "tagged")]
    assert kinds == ["segmented"] * 4 + ["tagged"] * 4
    assert all(is_tagged(db, i) for i in ids)
    assert [e for e in events.log if e[0] == "progress" and e[1] == TAGS][-1] == ("progress", TAGS, 4, 4)


def test_cancel_stops_the_run_and_keeps_what_was_saved(library, process):
    db, ids = library
    control, events = SchedulerControl(), Recorder()
    control.cancel()
    with pytest.raises(Stop):
        Scheduler(db, process, control, events).run()
    assert events.log == [] and all(load_segmentation(db, i) is None for i in ids)


def test_a_rescan_requested_during_the_run_picks_up_a_new_article(library, process):
    db, ids = library
    control = SchedulerControl()
    added: list[int] = []
    lock = threading.Lock()

    class AddsOne(Recorder):
        def segmented(self, article_id):
            super().segmented(article_id)
            with lock:
                if not added:  # a new article arrives while the run goes on
                    added.append(add_article(db, "Bài mới về công tác cán bộ.", "Mới"))
                    control.request_rescan()

    events = AddsOne()
    Scheduler(db, process, control, events).run()
    assert sorted(events.of("segmented")) == sorted(ids + added)


def test_the_requested_article_is_sent_before_the_library_is_scanned(library, process):
    """Issue 19: the article the user opened does not wait for the scan of what needs
    segmenting (a query over the whole library): it is counted, and its words sent,
    before the scan counts the rest."""
    db, ids = library
    control, events = SchedulerControl(), Recorder()
    control.prioritize(ids[2])
    Scheduler(db, process, control, events).run()
    totals = [e[3] for e in events.log if e[0] == "progress" and e[1] == WORDS]
    assert totals[0] == 1 and totals[-1] == len(ids)
    assert events.of("segmented")[0] == ids[2]
