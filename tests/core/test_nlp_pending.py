"""What needs segmenting or tagging, read from `nlp_pending` (schema v12, kept by
triggers), against a brute-force answer from every article, on small random libraries
changed by import, re-import, deletion, results saved one by one or in batches (valid or
made from another text), result rows deleted, dictionary changes and another app's engine."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import tempfile
from array import array
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from desktop_app.core.library.reimport import replace_text
from desktop_app.core.nlp import pos_ner
from desktop_app.core.nlp.pending import articles_without_valid
from desktop_app.core.nlp.result_batch import ResultBatch
from desktop_app.core.nlp.scheduler import Scheduler, SchedulerControl
from desktop_app.core.nlp.stored import articles_to_segment, save_segmentation
from desktop_app.core.nlp.user_dictionary import segmentation_engine, set_dictionary, tagging_engine
from desktop_app.core.nlp.worker_process import WORDS
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import AppState, Article, Segmentation, Tagging
from desktop_app.core.storage.nlp_pending import engine_key, refill_all
from tests.core.test_concordance import add_article
from tests.core.test_scheduler import Recorder

WORDS_USED = ["cán bộ", "Đảng", "tổ chức", "Hà Nội", "họp", "ngày"]
DICTIONARIES = [[], ["tổ chức"], ["Hà Nội"], ["cán bộ", "tổ chức"]]
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "schemas"

TEXT = st.lists(st.sampled_from(WORDS_USED), min_size=1, max_size=5).map(" ".join)
STEP = st.one_of(
    st.tuples(st.just("add"), TEXT, st.booleans(), st.booleans()),
    st.tuples(st.just("reimport"), st.integers(0, 9), TEXT),
    st.tuples(st.just("revert"), st.integers(0, 9)),
    st.tuples(st.just("delete"), st.integers(0, 9)),
    st.tuples(st.just("segment"), st.integers(0, 9), st.booleans()),
    st.tuples(st.just("tag"), st.integers(0, 9), st.booleans()),
    st.tuples(st.just("batch"), st.lists(st.integers(0, 9), min_size=1, max_size=3), st.booleans()),
    # Results merged with a dictionary changed before they are written (and the new
    # engine already asked for): rows of an engine other than the recorded one.
    st.tuples(st.just("late batch"), st.lists(st.integers(0, 9), min_size=1, max_size=3),
              st.sampled_from(DICTIONARIES)),
    st.tuples(st.just("drop"), st.integers(0, 9), st.sampled_from([Segmentation, Tagging])),
    st.tuples(st.just("dictionary"), st.sampled_from(DICTIONARIES)),
    st.tuples(st.just("other app"),),
    st.tuples(st.just("ask"),),
)


class Library:
    """A library and what the test knows of it: its articles and each one's first text."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.ids: list[int] = []
        self.first: dict[int, str] = {}
        self.serial = 0

    def unique(self, text: str) -> str:
        self.serial += 1
        return f"{text}\n{self.serial}"  # content_hash is unique

    def text(self, article_id: int) -> str:
        with self.db.session() as s:
            return s.scalar(select(Article.text).where(Article.id == article_id)) or ""

    def pick(self, n: int) -> int | None:
        return self.ids[n % len(self.ids)] if self.ids else None

    def apply(self, step: tuple) -> None:
        kind, db = step[0], self.db
        if kind == "add":
            text = self.unique(step[1])
            aid = add_article(db, text)
            self.ids.append(aid)
            self.first[aid] = text
            if step[2]:
                save_segmentation(db, aid, text, [(0, 1)])
            if step[3]:
                pos_ner.save_tags(db, aid, text, [(0, 1, "N")], [])
            return
        if kind == "dictionary":
            set_dictionary(db, step[1])
            return
        if kind == "other app":  # another version of the app (another engine) asks
            articles_without_valid(db, Segmentation, "underthesea 0.0")
            articles_without_valid(db, Tagging, "underthesea 0.0 pos")
            return
        if kind == "ask":
            articles_to_segment(db)
            pos_ner.articles_to_tag(db)
            return
        if kind in ("batch", "late batch"):
            batch = ResultBatch(db)
            for aid in dict.fromkeys(self.pick(n) for n in step[1]):  # one result an article
                if aid is not None:
                    text = self.text(aid) if kind == "late batch" or step[2] else self.unique("khác")
                    batch.add_words(aid, text, array("I", [0, 1]))
                    batch.add_tags(aid, text, (array("I", [0, 1]), ["N"]), [])
            if kind == "late batch":
                set_dictionary(db, step[2])
                self.apply(("ask",))
            batch.write()
            return
        aid = self.pick(step[1])
        if aid is None:
            return
        if kind == "reimport":
            replace_text(db, aid, self.unique(step[2]), "")
        elif kind == "revert":  # back to the first text: an old segmentation may fit again
            if self.text(aid) != self.first[aid]:
                replace_text(db, aid, self.first[aid], "")
        elif kind == "delete":
            self.ids.remove(aid)
            with db.session() as s:
                s.execute(delete(Article).where(Article.id == aid))
        elif kind == "segment":  # valid, or made from a text the article no longer has
            save_segmentation(db, aid, self.text(aid) if step[2] else self.unique("cũ"), [(0, 1)])
        elif kind == "tag":
            pos_ner.save_tags(db, aid, self.text(aid) if step[2] else self.unique("cũ"), [(0, 1, "N")], [])
        elif kind == "drop":
            with db.session() as s:
                s.execute(delete(step[2]).where(step[2].article_id == aid))


def brute(db: Database, table: type, engine: str) -> list[int]:
    """Every article whose row is missing, made by another engine or from another text:
    the texts hashed here, in Python."""
    with db.session() as s:
        texts = {a: t for a, t in s.execute(select(Article.id, Article.text))}
        rows = {a: (h, e) for a, h, e in s.execute(select(table.article_id, table.text_hash, table.engine))}
    return sorted(a for a, text in texts.items()
                  if rows.get(a) != (hashlib.sha256(text.encode()).hexdigest(), engine))


def stored_pending(db: Database, kind: str) -> list[int]:
    with db.session() as s:
        conn = s.connection().connection.driver_connection
        return [r[0] for r in conn.execute("SELECT article_id FROM nlp_pending WHERE kind = ? ORDER BY 1", (kind,))]


def recorded(db: Database, table: str) -> str | None:
    with db.session() as s:
        return s.scalar(select(AppState.value).where(AppState.key == engine_key(table)))


def assert_kept(db: Database) -> None:
    """The fast answer is the brute one; while the table is trusted for the current engine,
    it holds exactly that answer (the triggers removed what became valid, too)."""
    for table, kind, engine, ask in ((Segmentation, "s", segmentation_engine(db), articles_to_segment),
                                     (Tagging, "t", tagging_engine(db), pos_ner.articles_to_tag)):
        expected = brute(db, table, engine)
        if recorded(db, table.__tablename__) == engine:
            assert stored_pending(db, kind) == expected, table.__tablename__
        assert ask(db) == expected, table.__tablename__
        assert recorded(db, table.__tablename__) == engine
        assert stored_pending(db, kind) == expected, table.__tablename__


@pytest.mark.sqlite_only("the nlp_pending table is kept by SQLite triggers; a server library asks a query "
                         "(nlp/pending.py full_scan), tested in tests/postgres/test_server_segmentation.py")
@settings(max_examples=int(os.environ.get("NLP_PENDING_EXAMPLES", "100")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(STEP, min_size=2, max_size=14), ask_first=st.booleans())
def test_the_pending_table_answers_as_every_article_would(steps: list[tuple], ask_first: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "lib.sqlite3")
        try:
            library = Library(db)
            if ask_first:  # the triggers work from the first read on (the engine recorded)
                library.apply(("ask",))
            for step in steps:
                library.apply(step)
                assert_kept(db)
        finally:
            db.close()


@pytest.mark.sqlite_only("the nlp_pending table and its SQLite triggers; a server library asks a query (nlp/pending.py full_scan)")
def test_a_text_put_back_under_a_row_of_an_older_engine_stays_pending(db: Database) -> None:
    """The row fits the text again, but was merged with a dictionary since replaced."""
    library = Library(db)
    for step in (("add", "cán bộ tổ chức", False, False), ("late batch", [0], ["tổ chức"]),
                 ("reimport", 0, "Hà Nội"), ("revert", 0)):
        library.apply(step)
        assert_kept(db)
    assert articles_to_segment(db) == library.ids


@pytest.mark.sqlite_only("the nlp_pending table and its SQLite triggers; a server library asks a query (nlp/pending.py full_scan)")
def test_a_read_answers_from_the_table_until_the_engine_changes(db: Database) -> None:
    ids = [add_article(db, f"Đảng họp lần {n}") for n in range(4)]
    save_segmentation(db, ids[0], f"Đảng họp lần {0}", [(0, 4)])
    assert articles_to_segment(db) == ids[1:]
    with db.session() as s:  # behind the triggers' back: the read believes the table
        s.connection().connection.driver_connection.execute(
            "DELETE FROM nlp_pending WHERE kind = 's' AND article_id = ?", (ids[1],))
    assert articles_to_segment(db) == ids[2:]
    set_dictionary(db, ["Đảng họp"])  # a new engine: one full scan refills the table
    assert recorded(db, "segmentations") is None
    assert articles_to_segment(db) == ids
    assert recorded(db, "segmentations") == segmentation_engine(db)


def test_a_read_only_library_answers_without_writing(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    db = Database.open(path)
    ids = [add_article(db, f"Hà Nội {n}") for n in range(3)]
    db.close()
    ro = Database.open(path, read_only=True)
    try:
        assert articles_to_segment(ro) == ids and recorded(ro, "segmentations") is None
    finally:
        ro.close()


def test_the_upgrade_from_v11_fills_the_table(tmp_path: Path) -> None:
    path = tmp_path / "library-v11.sqlite3"
    shutil.copy(FIXTURES / path.name, path)
    with sqlite3.connect(path) as conn:
        segmented = {r[0] for r in conn.execute("SELECT article_id FROM segmentations")}
        every = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]
    db = Database.open(path)
    try:
        assert db.upgraded is not None and segmented
        # Filled by the upgrade for the engine its rows carry (the app's): no refill needed.
        assert recorded(db, "segmentations") == segmentation_engine(db)
        assert stored_pending(db, "s") == [a for a in every if a not in segmented]
        assert recorded(db, "taggings") == tagging_engine(db)
        assert_kept(db)
    finally:
        db.close()


@pytest.mark.sqlite_only("the nlp_pending table and its SQLite triggers; a server library asks a query (nlp/pending.py full_scan)")
def test_the_scheduler_at_start_reads_the_table(db: Database, process) -> None:
    text = "Ban Tổ chức Trung ương họp."
    done = add_article(db, text)
    save_segmentation(db, done, text, [(0, 3)])
    hidden = add_article(db, "Hà Nội, ngày 4 tháng 4.")
    assert articles_to_segment(db) == [hidden]
    with db.session() as s:  # taken out behind the triggers' back: a scan would find it
        s.connection().connection.driver_connection.execute("DELETE FROM nlp_pending WHERE kind = 's'")
    added = add_article(db, "Đảng ủy họp.")  # the trigger lists it
    events = Recorder()
    Scheduler(db, process, SchedulerControl(), events).run()
    assert events.of("segmented") == [added]
    assert [e for e in events.log if e[0] == "progress" and e[1] == WORDS][-1] == ("progress", WORDS, 1, 1)


@pytest.mark.sqlite_only("the nlp_pending table and its SQLite triggers; a server library asks a query (nlp/pending.py full_scan)")
def test_a_library_copied_row_by_row_is_refilled_for_its_recorded_engines(db: Database) -> None:
    """engine_copy.backup_to_file: the triggers may have seen the rows before app_state."""
    library = Library(db)
    for step in (("add", "Đảng", True, False), ("add", "họp", False, True), ("ask",)):
        library.apply(step)
    with db.session() as s:
        conn = s.connection().connection.driver_connection
        conn.execute("DELETE FROM nlp_pending")
        conn.execute("DELETE FROM app_state WHERE key = ?", (engine_key("taggings"),))
        conn.execute("INSERT INTO nlp_pending VALUES ('t', ?)", (library.ids[0],))
        refill_all(conn)
    assert stored_pending(db, "s") == [library.ids[1]] and stored_pending(db, "t") == []
    assert_kept(db)
