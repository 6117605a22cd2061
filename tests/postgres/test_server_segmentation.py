"""Segmentation on a server library (issue 17): the scheduler, the pending lookup and the
result batches run on PostgreSQL, and clients share the work through claims
(nlp/claims.py): two clients on one library segment every article exactly once, with the
same words as on SQLite; a client that died leaves claims that are taken over once they
expire; a result for an article another client already stored is not written again.
Real worker processes (underthesea), a real server, real SQLite files."""

from __future__ import annotations

import subprocess
import sys
import threading
from array import array
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from desktop_app.core.analysis.frequencies import word_frequencies
from desktop_app.core.nlp import word_index
from desktop_app.core.nlp.claims import Claims
from desktop_app.core.nlp.result_batch import ResultBatch
from desktop_app.core.nlp.scheduler import Scheduler, SchedulerControl
from desktop_app.core.nlp.stored import articles_to_segment, load_segmentation, pack_spans
from desktop_app.core.nlp.worker_process import TAGS, WORDS, SegmenterProcess
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.location import open_library
from desktop_app.core.storage.models import Base, Segmentation
from tests.core.analysis_library import add_article
from tests.core.test_scheduler import Recorder

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed_paragraphs() -> list[tuple[str, str]]:
    """(title, text) of every long paragraph of the seeds: ~70 small articles, enough for
    two clients to share."""
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").splitlines() if len(p.strip()) > 60]
        found += [(f"{path.stem} {n:02d}", p) for n, p in enumerate(paragraphs)]
    return found


def fill(db: Database) -> dict[str, int]:
    return {title: add_article(db, body, title) for title, body in seed_paragraphs()}


def words_by_title(db: Database, ids: dict[str, int]) -> dict[str, list[tuple[int, int]] | None]:
    return {title: load_segmentation(db, article_id) for title, article_id in ids.items()}


def claims_left(db: Database) -> list[tuple]:
    with db.engine.connect() as conn:
        return list(conn.execute(text("SELECT kind, article_id, client_id FROM segment_claims")))


@pytest.fixture(scope="module")
def second_process() -> Iterator[SegmenterProcess]:
    proc = SegmenterProcess()
    proc.start()
    yield proc
    proc.stop()


@pytest.fixture
def server(postgres_database_url: str) -> Iterator[Database]:
    db = open_library(postgres_database_url)
    yield db
    db.close()


@pytest.fixture
def other_client(postgres_database_url: str, server: Database) -> Iterator[Database]:
    """A second client on the same library (its own engine and connections)."""
    db = open_library(postgres_database_url)
    yield db
    db.close()


def run(db: Database, process, **settings) -> tuple[Scheduler, Recorder]:
    events = Recorder()
    scheduler = Scheduler(db, process, SchedulerControl(), events)
    for name, value in settings.items():
        setattr(scheduler, name, value)
    scheduler.run()
    return scheduler, events


def worked_on(scheduler: Scheduler, events: Recorder) -> set[int]:
    """Articles this run segmented itself (not those it saw stored by another client)."""
    return set(events.of("segmented")) - {a for kind, a in scheduler.done_elsewhere if kind == WORDS}


def test_the_claims_table_is_the_servers_alone(server: Database, tmp_path: Path):
    with server.engine.connect() as conn:
        assert "segment_claims" in inspect(conn).get_table_names()
    assert "segment_claims" not in Base.metadata.tables
    lite = open_library(tmp_path / "lib.sqlite3")
    try:
        with lite.engine.connect() as conn:
            assert "segment_claims" not in inspect(conn).get_table_names()
    finally:
        lite.close()


def test_two_clients_segment_each_article_once_with_sqlites_words(
        server: Database, other_client: Database, process, second_process, tmp_path: Path):
    ids = fill(server)
    assert articles_to_segment(server) == sorted(ids.values())
    runs: dict[str, tuple[Scheduler, Recorder]] = {}
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def client(name: str, db: Database, proc: SegmenterProcess) -> None:
        try:
            start.wait()
            runs[name] = run(db, proc, elsewhere_poll=0.2)
        except BaseException as e:  # shown by the assert below
            errors.append(e)

    threads = [threading.Thread(target=client, args=("a", server, process)),
               threading.Thread(target=client, args=("b", other_client, second_process))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    assert errors == [] and set(runs) == {"a", "b"}
    (sched_a, events_a), (sched_b, events_b) = runs["a"], runs["b"]
    mine_a, mine_b = worked_on(sched_a, events_a), worked_on(sched_b, events_b)
    assert mine_a.isdisjoint(mine_b), "an article was segmented by both clients"
    assert mine_a | mine_b == set(ids.values())
    assert sched_a.batch.dropped == [] and sched_b.batch.dropped == []
    # Each client was told about every article (its own, and the other's when stored).
    assert sorted(events_a.of("segmented")) == sorted(ids.values()) == sorted(events_b.of("segmented"))
    assert events_a.of("failed") == [] and events_b.of("failed") == []
    assert articles_to_segment(server) == [] and claims_left(server) == []

    # Stored results took the server's word index along in their transactions.
    assert word_index.pending(server) == 0

    lite = open_library(tmp_path / "lib.sqlite3")
    try:
        lite_ids = fill(lite)
        run(lite, process)
        expected = words_by_title(lite, lite_ids)
        assert word_index.pending(lite) == 0
        lite_counts = word_frequencies(lite).words
    finally:
        lite.close()
    assert all(spans for spans in expected.values())
    assert words_by_title(server, ids) == expected
    assert lite_counts and word_frequencies(server).words == lite_counts


def tagged_by_title(db: Database, ids: dict[str, int]) -> dict[str, tuple]:
    with db.engine.connect() as conn:
        rows = {r[0]: (bytes(r[1]), bytes(r[2]), r[3], r[4]) for r in conn.execute(text(
            "SELECT article_id, pos_spans, pos_tags, pos_names, entities FROM taggings"))}
    return {title: rows.get(article_id) for title, article_id in ids.items()}


def test_two_clients_tag_each_article_once_with_sqlites_tags(
        server: Database, other_client: Database, process, second_process, tmp_path: Path):
    few = seed_paragraphs()[:8]
    ids = {title: add_article(server, body, title) for title, body in few}
    runs: list[tuple[Scheduler, Recorder]] = []
    start = threading.Barrier(2)

    def client(db: Database, proc: SegmenterProcess) -> None:
        events = Recorder()
        scheduler = Scheduler(db, proc, SchedulerControl(tagging=True), events)
        scheduler.elsewhere_poll = 0.2
        start.wait()
        scheduler.run()
        runs.append((scheduler, events))

    threads = [threading.Thread(target=client, args=(server, process)),
               threading.Thread(target=client, args=(other_client, second_process))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    assert len(runs) == 2
    tagged_here = [set(events.of("tagged")) - {a for kind, a in sched.done_elsewhere if kind == TAGS}
                   for sched, events in runs]
    assert tagged_here[0].isdisjoint(tagged_here[1])
    assert tagged_here[0] | tagged_here[1] == set(ids.values())
    assert all(sorted(events.of("tagged")) == sorted(ids.values()) for _, events in runs)
    assert all(sched.batch.dropped == [] for sched, _ in runs) and claims_left(server) == []

    lite = open_library(tmp_path / "lib.sqlite3")
    try:
        lite_ids = {title: add_article(lite, body, title) for title, body in few}
        Scheduler(lite, process, SchedulerControl(tagging=True), Recorder()).run()
        expected = tagged_by_title(lite, lite_ids)
    finally:
        lite.close()
    assert all(expected.values()) and tagged_by_title(server, ids) == expected


def test_the_claims_of_a_client_that_died_are_taken_over(server: Database, process):
    ids = sorted(fill(server).values())
    expired, expiring = ids[: len(ids) // 2], ids[len(ids) // 2:]
    with server.session() as s:  # a client that claimed everything, then died
        s.execute(text("INSERT INTO segment_claims (kind, article_id, client_id, expires_at) "
                       "SELECT :k, id, 'dead', now() - interval '1 minute' FROM unnest(CAST(:ids AS integer[])) AS id"),
                  {"k": WORDS, "ids": expired})
        s.execute(text("INSERT INTO segment_claims (kind, article_id, client_id, expires_at) "
                       "SELECT :k, id, 'dead', now() + interval '1 second' FROM unnest(CAST(:ids AS integer[])) AS id"),
                  {"k": WORDS, "ids": expiring})
    scheduler, events = run(server, process, elsewhere_poll=0.1)
    # The expired half at once, the other half once its claims ran out: all here.
    assert worked_on(scheduler, events) == set(ids) and scheduler.done_elsewhere == set()
    assert articles_to_segment(server) == [] and claims_left(server) == []


CLAIM_AND_HANG = """
import sys, time
from desktop_app.core.nlp.claims import Claims
from desktop_app.core.storage.location import open_library
db = open_library(sys.argv[1])
ids = [int(a) for a in sys.argv[2].split(",")]
got = Claims(db, seconds=2).take("words", ids)
print(len(got), flush=True)
time.sleep(600)  # killed before it could do anything or release them
"""


def test_a_client_process_killed_while_holding_claims_loses_them_to_the_next(
        server: Database, postgres_database_url: str, process):
    ids = sorted(fill(server).values())
    with subprocess.Popen([sys.executable, "-c", CLAIM_AND_HANG, postgres_database_url,
                           ",".join(map(str, ids[:10]))], stdout=subprocess.PIPE, text=True,
                          cwd=Path(__file__).resolve().parents[2]) as client:
        try:
            assert client.stdout is not None and client.stdout.readline().strip() == "10"
        finally:
            client.kill()  # dies holding its claims: nothing released them
            client.wait(30)
    assert {r[1] for r in claims_left(server)} == set(ids[:10])
    scheduler, events = run(server, process, elsewhere_poll=0.1)
    assert worked_on(scheduler, events) == set(ids)
    assert articles_to_segment(server) == [] and claims_left(server) == []


def test_articles_another_client_holds_are_left_to_it_and_announced_when_stored(
        server: Database, other_client: Database, process):
    ids = sorted(fill(server).values())
    held = ids[:5]
    other = Claims(other_client)
    assert other.take(WORDS, held) == set(held)
    done = threading.Event()
    storing: list[threading.Thread] = []

    def the_other_client_stores_them() -> None:
        # Claimed by `other`: the run leaves them; stored by it later, they count as done.
        batch = ResultBatch(other_client)
        with other_client.session() as s:
            texts = {r[0]: r[1] for r in s.execute(text("SELECT id, text FROM articles WHERE id = ANY(:ids)"),
                                                    {"ids": held})}
        for article_id in held:
            batch.add_words(article_id, texts[article_id], array("I", [0, len(texts[article_id])]))
        batch.write()
        other.release(WORDS, held)
        done.set()

    class StoresWhenTheRestIsDone(Recorder):
        def segmented(self, article_id):
            super().segmented(article_id)
            if len(self.of("segmented")) == len(ids) - len(held) and not storing:
                storing.append(threading.Thread(target=the_other_client_stores_them))
                storing[0].start()

    events = StoresWhenTheRestIsDone()
    control = SchedulerControl()
    control.prioritize(held[2])  # the user opens one of them: still the other client's
    scheduler = Scheduler(server, process, control, events)
    scheduler.elsewhere_poll = 0.1
    scheduler.run()  # may end between the other client's commit and its release of the claims
    storing[0].join(60)
    assert done.is_set()
    assert worked_on(scheduler, events) == set(ids) - set(held)
    assert {a for _, a in scheduler.done_elsewhere} == set(held)
    assert sorted(events.of("segmented")) == ids
    assert all(load_segmentation(server, a) == [(0, len(load_text(server, a)))] for a in held)
    assert claims_left(server) == []


def test_claims_are_taken_renewed_and_released(server: Database, other_client: Database):
    ids = sorted(fill(server).values())[:6]
    mine, theirs = Claims(server, seconds=60), Claims(other_client, seconds=60)
    assert mine.take(WORDS, ids[:4]) == set(ids[:4])
    assert theirs.take(WORDS, ids) == set(ids[4:])  # the first four are held
    assert theirs.held_elsewhere(WORDS, ids) == set(ids[:4]) and mine.held_elsewhere(WORDS, ids) == set(ids[4:])
    assert mine.take(WORDS, ids[:2]) == set(ids[:2])  # its own: renewed, still held
    assert mine.take("tags", ids[4:]) == set(ids[4:])  # another kind: a claim of its own

    def expiry(article_id: int):
        with server.engine.connect() as conn:
            return conn.execute(text("SELECT expires_at FROM segment_claims WHERE kind = :k AND article_id = :a"),
                                {"k": WORDS, "a": article_id}).scalar_one()

    with server.session() as s:  # as if the claims had been taken long ago
        s.execute(text("UPDATE segment_claims SET expires_at = now() - interval '1 second'"))
    assert theirs.held_elsewhere(WORDS, ids) == set()
    before = expiry(ids[0])
    mine.renew()
    assert expiry(ids[0]) > before and expiry(ids[4]) == before  # only its own
    assert theirs.take(WORDS, ids) == set(ids[4:])  # its own, expired: taken again
    mine.release(WORDS, ids[:1])
    assert theirs.take(WORDS, ids[:1]) == {ids[0]}
    mine.release_all()
    assert sorted(r[1] for r in claims_left(server)) == ids[:1] + ids[4:]
    assert {r[2] for r in claims_left(server)} == {theirs.client_id}


def load_text(db: Database, article_id: int) -> str:
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT text FROM articles WHERE id = :i"), {"i": article_id}).scalar_one()


def row_version(db: Database, article_id: int) -> tuple:
    """The stored row and its tuple version (xmin: changes with every write of the row)."""
    with db.engine.connect() as conn:
        return tuple(conn.execute(text("SELECT xmin::text, spans, engine, created_at FROM segmentations "
                                       "WHERE article_id = :i"), {"i": article_id}).one())


def test_a_second_result_for_an_article_already_stored_is_not_written_again(
        server: Database, other_client: Database):
    body = "Ban Tổ chức Trung ương họp sáng nay."
    article_id = add_article(server, body, "Bài")
    first = ResultBatch(server)
    first.add_words(article_id, body, array("I", [0, 3, 4, 7]))
    assert first.write() == ([article_id], []) and first.dropped == []
    stored = row_version(server, article_id)

    late = ResultBatch(other_client)  # another client's result for the same text and engine
    late.add_words(article_id, body, array("I", [0, 7]))
    assert late.write() == ([article_id], [])  # the article's words are there: announced
    assert late.dropped == [article_id]
    assert row_version(server, article_id) == stored  # not rewritten: the same row version
    assert load_segmentation(server, article_id) == [(0, 3), (4, 7)]
    with server.engine.connect() as conn:
        assert conn.execute(select(Segmentation.article_id)).all() == [(article_id,)]

    # A result for a changed text is no duplicate: it replaces the stale row.
    changed = body + " Thêm một câu."
    with server.session() as s:
        s.execute(text("UPDATE articles SET text = :t, content_hash = encode(sha256(convert_to(:t, 'UTF8')), 'hex') "
                       "WHERE id = :i"), {"t": changed, "i": article_id})
    assert load_segmentation(server, article_id) is None
    again = ResultBatch(other_client)
    again.add_words(article_id, changed, array("I", [0, 3]))
    assert again.write() == ([article_id], []) and again.dropped == []
    assert load_segmentation(server, article_id) == [(0, 3)]
    assert row_version(server, article_id)[3] == stored[3]  # created_at keeps the first time
    assert pack_spans([(0, 3)]) == bytes(row_version(server, article_id)[1])


def test_two_clients_storing_the_same_new_article_at_once_store_it_once(
        server: Database, other_client: Database):
    body = "Hà Nội, ngày 4 tháng 4."
    article_ids = [add_article(server, f"{body} {n}", f"Bài {n}") for n in range(40)]
    batches = [ResultBatch(server), ResultBatch(other_client)]
    for batch, order in zip(batches, (1, -1), strict=True):  # finished in opposite orders
        for article_id, n in list(zip(article_ids, range(40), strict=True))[::order]:
            batch.add_words(article_id, f"{body} {n}", array("I", [0, 3]))
    barrier = threading.Barrier(2)
    results: list = []

    def write(batch: ResultBatch) -> None:
        barrier.wait()
        results.append(batch.write())

    threads = [threading.Thread(target=write, args=(b,)) for b in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(results) == 2 and all(sorted(r[0]) == article_ids and r[1] == [] for r in results)
    # Each article written by one of them; the other's result for it dropped.
    assert sorted(batches[0].dropped + batches[1].dropped) == article_ids
    assert all(load_segmentation(server, a) == [(0, 3)] for a in article_ids)
