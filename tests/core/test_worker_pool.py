"""Several segmentation processes (issue 19, item 5): jobs spread over the members, the
same words as one process, and a member that dies loses only its own jobs."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator

import pytest

from desktop_app.core.nlp import segmentation as nlp
from desktop_app.core.nlp.scheduler import Scheduler, SchedulerControl
from desktop_app.core.nlp.stored import load_segmentation
from desktop_app.core.nlp.worker_pool import MemberDied, SegmenterPool, default_workers
from tests.core.test_concordance import add_article
from tests.core.test_scheduler import Recorder

pytest.importorskip("underthesea")
TIMEOUT = 60.0
TEXT = "Ban Tổ chức Trung ương họp tại Hà Nội.\nTuấn Anh"


@pytest.fixture(scope="module")
def pool() -> Iterator[SegmenterPool]:
    pool = SegmenterPool(2)
    pool.start()
    yield pool
    pool.stop()
    assert not any(m.is_alive() for m in pool.members)


def results(pool: SegmenterPool, job_ids: set[int]) -> dict:
    got = {}
    while set(got) != job_ids:
        result = pool.get_result(TIMEOUT)
        assert result is not None, "no result in time"
        got[result.job_id] = result
    return got


def test_default_workers_leave_one_core_for_the_window():
    assert [default_workers(n) for n in (1, 2, 4, 8)] == [1, 1, 3, 7]


def test_a_pool_refuses_to_have_no_process():
    with pytest.raises(ValueError):
        SegmenterPool(0)


def test_jobs_go_to_every_member_and_give_the_words_of_one_process(pool):
    texts = {100 + n: f"{TEXT} Bài số {n}." for n in range(8)}
    for job_id, text in texts.items():
        pool.submit(job_id, text)
    # Spread: each member holds half of what was sent before any result is read.
    assert [m.pending for m in pool.members] == [4, 4]
    got = results(pool, set(texts))
    assert {j: r.spans for j, r in got.items()} == {j: nlp.segment_text(t) for j, t in texts.items()}
    assert pool.pending == 0 and len(set(pool.pids)) == 2


def test_a_member_that_dies_loses_only_its_jobs(pool):
    for job_id in range(200, 206):
        pool.submit(job_id, TEXT)
    victim = pool.members[0]
    held = {j for j, owner in pool._owner.items() if owner == 0}
    assert held == {200, 202, 204}
    os.kill(victim.pid, signal.SIGKILL)
    survived, died = set(), None
    while died is None or len(survived) < 3:
        try:
            result = pool.get_result(TIMEOUT)
        except MemberDied as e:
            died = e
            continue
        assert result is not None
        survived.add(result.job_id)
    # Results the victim sent before dying may still have arrived; the rest are "lost".
    assert set(died.lost) | (survived & held) == held and died.was_ready
    assert {201, 203, 205} <= survived
    pool.restart()
    assert pool.is_alive() and victim.pid is not None
    pool.submit(300, "Hà Nội")
    assert results(pool, {300})[300].spans == [(0, 6)]


def test_the_scheduler_segments_a_library_with_a_pool(db, pool):
    ids = [add_article(db, f"Ban Tổ chức Trung ương họp lần {n}.\nHà Nội, ngày {n} tháng 4.", f"Bài {n}")
           for n in range(1, 13)]
    control, events = SchedulerControl(), Recorder()
    Scheduler(db, pool, control, events).run()
    assert sorted(events.of("segmented")) == ids
    assert all(load_segmentation(db, i) is not None for i in ids)
    assert events.of("crashed") == [] and events.of("article_failed") == []


def test_a_member_killed_during_a_run_costs_no_article(db, pool):
    ids = [add_article(db, ("Ban Tổ chức Trung ương họp bàn công tác cán bộ. " * 40 + "\n") * 6 + f"Bài {n}",
                       f"Bài {n}") for n in range(1, 9)]
    control, events = SchedulerControl(), Recorder()
    victim = pool.members[1].pid
    first = threading.Event()

    class KillOnFirst(Recorder):
        def segmented(self, article_id):
            super().segmented(article_id)
            if not first.is_set():
                first.set()
                os.kill(victim, signal.SIGKILL)

    events = KillOnFirst()
    Scheduler(db, pool, control, events).run()
    assert sorted(events.of("segmented")) == ids
    assert events.of("article_failed") == []
    assert [e[2] for e in events.log if e[0] == "crashed"] == [True]  # restarted, once
    assert all(load_segmentation(db, i) is not None for i in ids)
