"""The word index against a brute-force scan of the texts, on small random libraries
changed by import, re-import, hidden lines, dictionary changes and deletion."""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from desktop_app.core.analysis import concordance as cc
from desktop_app.core.analysis.concordance_pages import total_lines
from desktop_app.core.analysis.frequencies import word_frequencies
from desktop_app.core.library.articles import set_hidden_spans
from desktop_app.core.library.reimport import replace_text
from desktop_app.core.nlp import word_index
from desktop_app.core.nlp.stored import save_segmentation
from desktop_app.core.nlp.user_dictionary import set_dictionary
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article
from desktop_app.core.text.matching import MatchLevel
from tests.core.test_concordance import add_article

SYLLABLES = ["cán", "bộ", "Cán", "Đảng", "đảng", "đang", "tổ", "chức", "Tổ", "hoà", "hòa",
             "quý", "quí", "Hà", "Nội", "2023"]
PUNCTUATION = [",", ".", ":"]
QUERIES = ["cán bộ", "can bo", "Đảng", "dang", "tổ chức", "to chuc", "hòa", "quý", "Hà Nội,",
           "bộ tổ", "Nội", ",", "cán bộ cán", "đảng đảng"]
LEVELS = [MatchLevel.EXACT, MatchLevel.WORD, MatchLevel.NONE, None]


def build_segmented_text(integer: Callable[[int, int], int], choose: Callable[[list[str]], str]
                         ) -> tuple[str, list[tuple[int, int]]]:
    """Lines of syllables and glued punctuation, cut into words of 1-3 syllables; `integer`
    and `choose` draw the choices (a hypothesis strategy's draws, or a seeded generator)."""
    text, spans = "", []
    for n in range(integer(1, 3)):
        if n:
            text += "\n"
        word: list[tuple[int, int]] = []
        for k in range(integer(1, 8)):
            piece = choose(SYLLABLES + PUNCTUATION)
            glued = piece in PUNCTUATION
            if k and not glued:
                text += " "
            start = len(text)
            text += piece
            joins = word and not glued and integer(0, 2) == 0 and len(word) < 3
            if word and not joins:
                spans.append((word[0][0], word[-1][1]))
                word = []
            word.append((start, len(text)))
            if glued:
                spans.append((word[0][0], word[-1][1]))
                word = []
        if word:
            spans.append((word[0][0], word[-1][1]))
    return text, spans


@st.composite
def segmented_text(draw) -> tuple[str, list[tuple[int, int]]]:
    return build_segmented_text(lambda a, b: draw(st.integers(a, b)), lambda seq: draw(st.sampled_from(seq)))


STEP = st.one_of(
    st.tuples(st.just("add"), segmented_text(), st.booleans()),
    st.tuples(st.just("reimport"), segmented_text(), st.booleans()),
    st.tuples(st.just("hide"), st.integers(0, 30), st.integers(1, 30)),
    st.tuples(st.just("delete"), st.integers(0, 5)),
    st.tuples(st.just("dictionary"), st.sampled_from([[], ["tổ chức"], ["Hà Nội"], ["bộ tổ"]])),
)


def apply(db: Database, step: tuple, ids: list[int], serial: int = 0) -> None:
    kind = step[0]
    if kind == "add":
        (text, spans), segment = step[1], step[2]
        text = f"{text}\n{serial}"  # unique content (content_hash)
        ids.append(add_article(db, text))
        if segment:
            save_segmentation(db, ids[-1], text, spans)
    elif kind == "reimport" and ids:
        (text, spans), segment = step[1], step[2]
        aid = ids[len(text) % len(ids)]
        text = f"{text}\nr{serial}"  # unique content
        replace_text(db, aid, text, text)
        if segment:
            save_segmentation(db, aid, text, spans)
    elif kind == "hide" and ids:
        aid = ids[step[1] % len(ids)]
        with db.session() as s:
            length = len(s.get(Article, aid).text)
        start = min(step[1], max(0, length - 1))
        set_hidden_spans(db, aid, [(start, min(length, start + step[2]))] if length else [])
    elif kind == "delete" and ids:
        aid = ids.pop(step[1] % len(ids))
        with db.session() as s:
            s.execute(delete(Article).where(Article.id == aid))
    elif kind == "dictionary":
        set_dictionary(db, step[1])


def assert_totals_match_the_index(db: Database) -> None:
    """word_term_totals (kept running by refresh) against a count of the FTS index's own
    instances: occurrences and articles per term id, prefixes and hidden words aside;
    row ALL: the words (written forms) and articles indexed."""
    occurrences: Counter[int] = Counter()
    docs: dict[int, set[int]] = {}
    words = 0
    with cc.raw_connection(db) as conn:
        conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.check_vocab USING fts5vocab(main, word_fts, instance)")
        for term, doc, column in conn.execute("SELECT term, doc, col FROM temp.check_vocab"):
            if term != word_index.HIDDEN:
                term_id = int(term.lstrip("gn"), 16)
                occurrences[term_id] += 1
                docs.setdefault(term_id, set()).add(doc)
                words += column == "exact"
        totals = {t: (n, a) for t, n, a in conn.execute("SELECT * FROM word_term_totals") if n or a}
        indexed = conn.execute("SELECT count(*) FROM word_index_articles").fetchone()[0]
    expected = {t: (n, len(docs[t])) for t, n in occurrences.items()}
    if indexed:
        expected[word_index.ALL] = (words, indexed)
    assert totals == expected


def brute_lines(db: Database, query: str, level: MatchLevel | None) -> list[cc.ConcordanceLine]:
    with cc.raw_connection(db) as conn:
        every = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]
    return [line for doc in cc.iter_articles(db, every, cache=False)
            for line in cc.lines_in(doc, query, level=level)]


@pytest.mark.sqlite_only("SQLite's FTS5 word index; the server's is compared with SQLite in tests/postgres/test_server_words.py")
@settings(max_examples=int(os.environ.get("WORD_INDEX_EXAMPLES", "100")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(STEP, min_size=3, max_size=10), rebuild=st.booleans())
def test_index_answers_as_a_scan_of_the_texts(steps: list[tuple], rebuild: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "lib.sqlite3")
        try:
            ids: list[int] = []
            for serial, step in enumerate(steps):
                apply(db, step, ids, serial)
            if rebuild:
                word_index.build(db)
            cc.CACHE.clear()
            for query in QUERIES:
                for level in LEVELS:
                    expected = brute_lines(db, query, level)
                    got = cc.concordance(db, query, level=level)
                    assert got == expected, (query, level)
                    assert total_lines(db, query, level, count_at_most=None) == len(expected), (query, level)
            assert word_frequencies(db) == word_frequencies(db, use_index=False)
            assert word_frequencies(db, count_numbers=True) == word_frequencies(db, count_numbers=True, use_index=False)
            assert_totals_match_the_index(db)
            some = ids[::2]
            assert word_frequencies(db, article_ids=some) == word_frequencies(db, article_ids=some, use_index=False)
        finally:
            db.close()


FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "schemas"


def test_an_upgraded_library_is_indexed_by_the_background_build(tmp_path: Path) -> None:
    import shutil

    path = tmp_path / "library-v8.sqlite3"
    shutil.copy(FIXTURES / path.name, path)
    db = Database.open(path)
    try:
        waiting = word_index.pending(db)
        assert waiting >= 1  # the fixture's segmentation, made before the index existed
        before = word_frequencies(db)
        seen: list[tuple[int, int]] = []
        from desktop_app.core.progress import Progress
        assert word_index.build(db, Progress(lambda d, t, _n: seen.append((d, t)))) == waiting
        assert word_index.pending(db) == 0 and seen[0] == (0, waiting)
        assert word_frequencies(db) == before == word_frequencies(db, use_index=False)
    finally:
        db.close()


def test_upgrading_an_indexed_library_counts_its_totals(tmp_path: Path) -> None:
    """Schema v11 fills the running totals from what a v10 index already holds."""
    import shutil

    path = tmp_path / "library-v10.sqlite3"
    shutil.copy(FIXTURES / path.name, path)
    db = Database.open(path)
    try:
        assert word_index.pending(db) == 0
        with cc.raw_connection(db) as conn:
            assert conn.execute("SELECT count(*) FROM word_term_totals WHERE occurrences > 0").fetchone()[0] > 0
        assert_totals_match_the_index(db)
        assert word_frequencies(db) == word_frequencies(db, use_index=False)
        assert total_lines(db, "cán bộ", None) == len(cc.concordance(db, "cán bộ")) > 0
    finally:
        db.close()


def test_a_long_queue_reads_texts_until_built(tmp_path: Path) -> None:
    """Segmentations written behind the index's back (a bulk insert) wait in the queue:
    more than sync applies at a query, so answers come from the texts, the same ones."""
    from sqlalchemy import insert

    from desktop_app.core.nlp.segmentation import ENGINE
    from desktop_app.core.nlp.stored import pack_spans, text_hash
    from desktop_app.core.storage.models import Segmentation

    db = Database.open(tmp_path / "lib.sqlite3")
    try:
        rows = []
        for i in range(250):
            text = f"Cán bộ đi họp {i}."
            aid = add_article(db, text)
            rows.append({"article_id": aid, "text_hash": text_hash(text), "engine": ENGINE,
                         "spans": pack_spans([(0, 6), (7, 9), (10, 13), (14, 14 + len(str(i))),
                                              (14 + len(str(i)), 15 + len(str(i)))])})
        with db.engine.begin() as conn:
            conn.execute(insert(Segmentation), rows)
        assert word_index.queued(db) == 250 and not word_index.sync(db)
        assert total_lines(db, "cán bộ", None) is None  # unknown until the lines are made
        assert len(cc.concordance(db, "cán bộ")) == 250
        expected = word_frequencies(db, use_index=False)
        assert word_frequencies(db) == expected
        assert word_index.build(db) == 250 and word_index.queued(db) == 0
        assert total_lines(db, "cán bộ", None) == 250 and total_lines(db, "cán", None) == 0
        assert word_frequencies(db) == expected
        reader = Database.open(tmp_path / "lib.sqlite3", read_only=True)
        try:
            assert total_lines(reader, "đi họp", None) == 250
        finally:
            reader.close()
    finally:
        db.close()


def test_a_tie_goes_to_the_form_seen_first_even_when_its_article_is_read(tmp_path: Path) -> None:
    """Article 1 is read (not segmented), 2-4 come from the index, before it: "cán" and
    "Cán" twice each, and "cán" was seen first (article 1)."""
    db = Database.open(tmp_path / "lib.sqlite3")
    try:
        ids: list[int] = []
        for serial, (word, segment) in enumerate([("cán", False), ("Cán", True), ("Cán", True), ("cán", True)]):
            apply(db, ("add", (word, [(0, 3)]), segment), ids, serial)
        for scope in (None, ids):
            got = word_frequencies(db, article_ids=scope)
            assert got == word_frequencies(db, article_ids=scope, use_index=False)
            assert got.words[0].word == "cán" and got.words[0].count == 4
    finally:
        db.close()


def test_a_concordance_reads_the_index_a_page_at_a_time(tmp_path: Path, monkeypatch) -> None:
    """Every article indexed: the ids come lazily in growing pages (BATCH, 4 BATCH...);
    the lines are those of a scan, a limit stops early."""
    monkeypatch.setattr(cc, "BATCH", 2)
    db = Database.open(tmp_path / "lib.sqlite3")
    try:
        ids: list[int] = []
        for serial in range(23):
            text = "Cán bộ đi họp." if serial % 3 else "Họp xong."
            apply(db, ("add", (text, [(0, 6), (7, 9), (10, 13), (13, 14)] if serial % 3 else [(0, 3), (4, 8), (8, 9)]),
                       True), ids, serial)
        assert word_index.pending(db) == 0
        found = cc.articles_to_read(db, "cán bộ", MatchLevel.WORD, None)
        assert not isinstance(found, list)  # lazy
        expected = brute_lines(db, "cán bộ", None)
        assert list(found) == sorted({l.article_id for l in expected}) and len(expected) == 15
        assert cc.concordance(db, "cán bộ") == expected
        assert cc.concordance(db, "cán bộ", limit=5) == expected[:5]
    finally:
        db.close()
