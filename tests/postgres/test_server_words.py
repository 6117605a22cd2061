"""Concordance, word lookup and frequencies on a server library against the same library
in SQLite (issue 17 point 2): the word index on the server (word_sequences + the tables of
Base.metadata, nlp/server_word_index.py) must give the same lines, totals and counts,
after adding, re-segmenting, re-importing, hiding, deleting and a dictionary change."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import delete, text

from desktop_app.core.analysis import concordance as cc
from desktop_app.core.analysis.concordance_pages import first_page, total_lines
from desktop_app.core.analysis.frequencies import word_frequencies
from desktop_app.core.analysis.server_word_lookup import ServerIndex
from desktop_app.core.analysis.word_lookup import open_index
from desktop_app.core.library.articles import set_hidden_spans
from desktop_app.core.library.reimport import replace_text
from desktop_app.core.nlp import word_index
from desktop_app.core.nlp.server_word_index import HIDDEN_CODE
from desktop_app.core.nlp.stored import save_segmentation, segmentation_values
from desktop_app.core.nlp.user_dictionary import load_dictionary, set_dictionary
from desktop_app.core.storage.bulk_sql import bulk_sql
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.engine_copy import publish
from desktop_app.core.storage.location import open_library
from desktop_app.core.storage.models import Article, Segmentation
from desktop_app.core.text.matching import MatchLevel
from tests.core.test_concordance import add_article
from tests.core.test_word_index import build_segmented_text

QUERIES = ["cán bộ", "can bo", "Đảng", "dang", "tổ chức", "to chuc", "hòa", "quý", "Hà Nội,",
           "bộ tổ", "Nội", ",", "cán bộ cán", "đảng đảng", "2023"]
LEVELS = [MatchLevel.EXACT, MatchLevel.WORD, MatchLevel.NONE, None]


def segmented_text(rng: random.Random) -> tuple[str, list[tuple[int, int]]]:
    """test_word_index's segmented texts, drawn from a seeded generator."""
    return build_segmented_text(rng.randint, rng.choice)


def save(db: Database, article_id: int, text: str, spans: list[tuple[int, int]], refresh: bool = True) -> None:
    """save_segmentation; on the server its statements with the index refreshed through
    bulk_sql (nlp/stored.py still asks for the pysqlite connection), or, `refresh` False,
    left to the queue the server's triggers fill."""
    if not db.on_server:
        assert save_segmentation(db, article_id, text, spans)
        return
    values = segmentation_values(load_dictionary(db), text, spans)
    with db.session() as s:
        row = s.get(Segmentation, article_id)
        if row is None:
            s.add(Segmentation(article_id=article_id, **values))
        else:
            for name, value in values.items():
                setattr(row, name, value)
        s.flush()
        if refresh:
            word_index.refresh(bulk_sql(s.connection()), [article_id], values["engine"])


def step(db: Database, rng: random.Random, kind: str, ids: list[int], serial: int) -> None:
    """One change, the same on both engines when `rng` is seeded alike."""
    if kind == "add":
        body, spans = segmented_text(rng)
        body = f"{body}\n{serial}"
        ids.append(add_article(db, body))
        if rng.random() < 0.8:
            save(db, ids[-1], body, spans)
    elif kind == "resegment" and ids:
        aid = rng.choice(ids)
        with db.session() as s:
            body = s.get(Article, aid).text
        cut = [m.span() for m in re.finditer(r"[^\W_]+|\S", body)]  # every syllable a word
        save(db, aid, body, cut, refresh=rng.random() < 0.5)
    elif kind == "reimport" and ids:
        body, spans = segmented_text(rng)
        aid = rng.choice(ids)
        body = f"{body}\nr{serial}"
        replace_text(db, aid, body, body)
        if rng.random() < 0.7:
            save(db, aid, body, spans)
    elif kind == "hide" and ids:
        aid = rng.choice(ids)
        with db.session() as s:
            length = len(s.get(Article, aid).text)
        start = rng.randint(0, max(0, length - 1))
        set_hidden_spans(db, aid, [(start, min(length, start + rng.randint(1, 20)))] if length else [])
    elif kind == "delete" and ids:
        aid = ids.pop(rng.randrange(len(ids)))
        with db.session() as s:
            s.execute(delete(Article).where(Article.id == aid))
    elif kind == "dictionary":
        set_dictionary(db, rng.choice([[], ["tổ chức"], ["Hà Nội"], ["bộ tổ"]]))


def answers(db: Database) -> dict:
    """Everything the readers say about the library, with the index (and without, to
    check the index against the texts on each engine)."""
    cc.CACHE.clear()
    out: dict = {}
    with open_index(db) as index:  # the index is read, not the texts only
        assert index is not None and isinstance(index, ServerIndex) == db.on_server
    with cc.raw_connection(db) as conn:
        every = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]
    for query in QUERIES:
        for level in LEVELS:
            lines = cc.concordance(db, query, level=level)
            brute = [line for doc in cc.iter_articles(db, every, cache=False)
                     for line in cc.lines_in(doc, query, level=level)]
            assert lines == brute, (db.location, query, level)
            assert total_lines(db, query, level, count_at_most=None) == len(lines), (db.location, query, level)
            out[query, level] = (lines, first_page(db, query, level, page=3))
    out["frequencies"] = word_frequencies(db)
    assert out["frequencies"] == word_frequencies(db, use_index=False), db.location
    out["numbers"] = word_frequencies(db, count_numbers=True)
    some = every[::2]
    out["some"] = word_frequencies(db, article_ids=some)
    assert out["some"] == word_frequencies(db, article_ids=some, use_index=False), db.location
    out["pending"] = word_index.pending(db)
    return out


def assert_alike(got: dict, expected: dict, where: object) -> None:
    """Equal answers; but first_page's "articles that may hold more" is the search index's
    guess for articles the word index does not hold, and a server library has no search
    index yet: every such article may (more, never fewer)."""
    assert got.keys() == expected.keys()
    for name, value in expected.items():
        if isinstance(name, tuple) and got[name] != value:
            (lines, (page, more, maybe)), (lines2, (page2, more2, maybe2)) = value, got[name]
            assert (lines, page, more) == (lines2, page2, more2), (where, name)
            assert maybe2 > maybe, (where, name)
        else:
            assert got[name] == value, (where, name)


def assert_server_totals_match_its_sequences(db: Database) -> None:
    """word_term_totals against a count of word_sequences' own tokens (EXACT, WORD, NONE)."""
    occurrences: Counter[int] = Counter()
    docs: dict[int, set[int]] = {}
    with db.engine.connect() as sa_conn:
        rows = sa_conn.execute(text("SELECT article_id, terms FROM word_sequences")).all()
        totals = {t: n for t, n, _ in sa_conn.execute(text("SELECT * FROM word_term_totals")) if n}
        kinds = dict(sa_conn.execute(text("SELECT id, kind FROM word_terms")).all())
    for aid, terms in rows:
        for value in terms:
            if value != HIDDEN_CODE:
                occurrences[value >> 2] += 1
                docs.setdefault(value >> 2, set()).add(aid)
    assert {t: n for t, n in totals.items() if t and kinds[t] != word_index.GROUP} == dict(occurrences)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_both_engines_answer_alike_through_changes(both: tuple[Database, Database], seed: int) -> None:
    lite, server = both
    ids = {lite: [], server: []}  # type: ignore[var-annotated]
    rngs = {lite: random.Random(seed), server: random.Random(seed)}
    plan = random.Random(seed * 7)
    kinds = ["add"] * 6 + [plan.choice(["add", "resegment", "reimport", "hide", "delete", "dictionary"])
                          for _ in range(10)]
    for serial, kind in enumerate(kinds):
        for db in both:
            step(db, rngs[db], kind, ids[db], serial)
        assert ids[lite] == ids[server]
        if serial in (5, 10, len(kinds) - 1):
            for db in both:
                word_index.build(db)
            expected, got = answers(lite), answers(server)
            assert_alike(got, expected, (seed, serial, kind))
            assert_server_totals_match_its_sequences(server)


def test_the_queue_is_filled_by_the_servers_triggers(both: tuple[Database, Database]) -> None:
    """Segmentations stored without refreshing (another client, publish) are queued and
    taken in before the index is read; a deleted article leaves the index."""
    lite, server = both
    body = "Cán bộ tổ chức hội nghị.\nHà Nội, 2023"
    words = [(0, 6), (7, 14), (15, 23), (23, 24), (25, 31), (31, 32), (33, 37)]
    for db in both:
        aid = add_article(db, body)
        save(db, aid, body, words)
        other = add_article(db, body + " ")
        save(db, other, body + " ", words, refresh=False)
    assert word_index.queued(server) == 1
    assert_alike(answers(server), answers(lite), "queued")
    assert word_index.queued(server) == 0
    for db in both:
        with db.session() as s:
            s.execute(delete(Article).where(Article.id == 1))
    assert word_index.queued(server) == 1
    assert_alike(answers(server), answers(lite), "deleted")
    assert cc.concordance(server, "cán bộ")[0].article_id == 2


def test_a_published_library_is_indexed_by_build(tmp_path: Path, postgres_database_url: str) -> None:
    """publish copies no word index: the segmentations it copies are queued on the server
    and word_index.build takes them in; then both answer alike."""
    lite = open_library(tmp_path / "lib.sqlite3")
    rng = random.Random(11)
    ids: list[int] = []
    try:
        for serial in range(12):
            step(lite, rng, "add", ids, serial)
        step(lite, rng, "hide", ids, 99)
        expected = answers(lite)
        publish(lite, postgres_database_url)
        server = open_library(postgres_database_url)
        try:
            waiting = word_index.pending(server)
            with lite.session() as s:
                segmented = s.query(Segmentation).count()
            assert waiting == segmented
            assert word_index.build(server) == segmented
            assert word_index.pending(server) == 0
            assert_alike(answers(server), expected, "published")
            assert_server_totals_match_its_sequences(server)
        finally:
            server.close()
    finally:
        lite.close()


def test_a_word_too_long_for_the_servers_terms_is_read_as_text(both: tuple[Database, Database]) -> None:
    """A run of 3,000 letters without a space (pasted data) is one token: the server's
    unique index on word_terms refuses a row that long, so that article is left out of
    its index and read as text; the answers stay those of SQLite, whose index holds it."""
    lite, server = both
    rng = random.Random(5)  # letters pglz cannot compress below the btree's 2,704 bytes
    blob = "".join(chr(0x4E00 + rng.randrange(20000)) for _ in range(3000))
    body = f"Cán bộ {blob} tổ chức.\nHà Nội"
    words = [(0, 6), (7, 3007), (3008, 3015), (3015, 3016), (3017, 3023)]
    for db in both:
        save(db, add_article(db, body), body, words)
        plain = "Cán bộ tổ chức hội nghị."
        save(db, add_article(db, plain), plain, [(0, 6), (7, 14), (15, 23), (23, 24)])
        word_index.build(db)
    expected, got = answers(lite), answers(server)
    assert (expected.pop("pending"), got.pop("pending")) == (0, 1)  # the server's index lacks article 1
    assert_alike(got, expected, "a long word")
    assert any(w.word == blob for w in got["frequencies"].words)
    assert [line.article_id for line in cc.concordance(server, "cán bộ")] == [1, 2]


def test_two_clients_indexing_at_once_index_each_article_once(both: tuple[Database, Database]) -> None:
    """Two clients' builds over the same queue (two coders' windows): the advisory lock
    makes one wait for the other; every article is indexed once, totals stay in step."""
    import threading

    lite, server = both
    rng_lite, rng_server, ids_server = random.Random(8), random.Random(8), []
    for serial in range(40):
        body, spans = segmented_text(rng_lite)
        save(lite, add_article(lite, f"{body}\n{serial}"), f"{body}\n{serial}", spans)
        body, spans = segmented_text(rng_server)
        ids_server.append(add_article(server, f"{body}\n{serial}"))
        save(server, ids_server[-1], f"{body}\n{serial}", spans, refresh=False)  # queued
    assert word_index.queued(server) == 40
    other = open_library(server.url.render_as_string(hide_password=False))  # type: ignore[attr-defined]
    failures: list[BaseException] = []

    def build(db: Database) -> None:
        try:
            word_index.build(db)
        except BaseException as e:  # noqa: BLE001  (reported by the assert below)
            failures.append(e)

    try:
        threads = [threading.Thread(target=build, args=(db,)) for db in (server, other)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        other.close()
    assert failures == [] and word_index.pending(server) == 0
    with server.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM word_sequences")).scalar() == 3 * 40
    assert_server_totals_match_its_sequences(server)
    assert_alike(answers(server), answers(lite), "two builders")
