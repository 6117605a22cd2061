"""The word index on a PostgreSQL library (issue 17): `refresh` for the server.

The same rows as on SQLite in the tables of Base.metadata (word_terms, word_index_articles
with each article's packed columns, word_term_totals, word_index_queue); instead of FTS5,
each article's tokens per kind as an int array in `word_sequences`
(storage/server_word_tables.py). The tokens, terms and totals are computed by the same
functions as nlp/word_index.py, so both engines hold the same terms for the same text.

Every writing transaction first takes WORD_INDEX_LOCK: two clients indexing the same
article at once (two coders' workers, a build and a save) run one after the other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import Any

from desktop_app.core.library.articles import parse_spans
from desktop_app.core.nlp import word_index as wi
from desktop_app.core.storage.bulk_sql import bulk_sql, driver_errors
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.errors import OTHER, DatabaseError
from desktop_app.core.storage.server_word_tables import WORD_INDEX_LOCK

KINDS = (wi.EXACT, wi.WORD, wi.NONE)  # the kinds a query looks up by position
CODES = {"": 0, wi.GLUED: 1, wi.BREAK: 2}  # how a token follows the one before
HIDDEN_CODE = 3  # a hidden (or empty) token: term 0


def resolve_terms(terms: wi.Terms, wanted: Iterable[tuple[int, str]]) -> None:
    """Terms.resolve on the server: new (kind, text) rows added (ON CONFLICT DO NOTHING:
    another client may add the same), every id read back, one array a statement."""
    conn = terms.conn
    assert conn is not None, "resolve on a connection"
    by_kind: dict[int, list[str]] = {}
    for kind, text in {w for w in wanted if w not in terms.ids}:
        by_kind.setdefault(kind, []).append(text)
    for kind, texts in sorted(by_kind.items()):
        texts.sort()  # the same order in every client: no two inserts wait on each other crosswise
        for i in range(0, len(texts), 5000):
            part = texts[i:i + 5000]
            conn.execute("INSERT INTO word_terms(kind, text) SELECT ?, unnest(?::text[])"
                         " ON CONFLICT DO NOTHING", (kind, part))
            terms.ids.update(((kind, t), n) for t, n in conn.execute(
                "SELECT text, id FROM word_terms WHERE kind = ? AND text = ANY(?)", (kind, part)))


def sequences(tokens: wi.Tokens, terms: wi.Terms) -> list[list[int]]:
    """The word_sequences arrays (EXACT, WORD, NONE) of tokens whose texts `terms` resolved."""
    prefixes, raw = tokens
    found = list(map(terms.token_ids.__getitem__, raw))
    if len(found) == len(prefixes):  # nothing hidden: one comprehension a kind
        codes = [CODES[p] for p in prefixes]  # type: ignore[index]
        return [[ids[k] * 4 + c for ids, c in zip(found, codes, strict=True)] for k in range(3)]
    it = iter(found)
    full = [None if p is None else (next(it), CODES[p]) for p in prefixes]
    return [[HIDDEN_CODE if x is None else x[0][k] * 4 + x[1] for x in full] for k in range(3)]


MAX_TERM_BYTES = 2000  # a word_terms text the server's unique btree takes (at most 2704 bytes a row)


def too_long(token: str) -> bool:
    """A token none of whose forms may be a word_terms row on the server (a run of 2,000
    bytes without a space: pasted data). Its article is left out of the index and read
    as text instead (the same lines and counts; SQLite's index holds it)."""
    if len(token) * 4 <= MAX_TERM_BYTES:
        return False
    form = wi.form_of(token)
    return any(len(t.encode("utf-8", "surrogatepass")) > MAX_TERM_BYTES for t in (form, *wi._keys(form)))


def int_array(values: Iterable[int]) -> str:
    """An int array as PostgreSQL's text for it (cast with ::integer[]): psycopg's list
    dumper looks at every element (a build spent a third of its time there)."""
    return "{" + ",".join(map(str, values)) + "}"


def add_totals(conn: Any, occurrences: Counter[int], articles: Counter[int]) -> None:
    """word_index.add_totals in one statement of three arrays."""
    rows = sorted((t, n, articles[t]) for t, n in occurrences.items() if n or articles[t])
    if not rows:
        return
    conn.execute(
        "INSERT INTO word_term_totals AS w (term_id, occurrences, articles)"
        " SELECT * FROM unnest(?::integer[], ?::integer[], ?::integer[])"
        " ON CONFLICT (term_id) DO UPDATE SET occurrences = w.occurrences + excluded.occurrences,"
        " articles = w.articles + excluded.articles",
        tuple(int_array([r[k] for r in rows]) for k in range(3)))


def refresh_on_server(conn: Any, ids: Sequence[int], engine: str, terms: wi.Terms | None = None) -> int:
    """word_index.refresh on a server library, inside the caller's transaction (`conn`:
    bulk_sql of it): the articles' index rows removed, those with a valid segmentation
    added, taken off the queue, totals kept in step. Returns how many are indexed after."""
    terms = terms or wi.Terms(conn)
    conn.execute("SELECT pg_advisory_xact_lock(?)", (WORD_INDEX_LOCK,))
    indexed = 0
    occurrences: Counter[int] = Counter()
    articles: Counter[int] = Counter()
    for i in range(0, len(ids), 500):
        part = sorted(set(ids[i:i + 500]))
        old = [(aid, wi.unpack_columns(blob)) for aid, blob in conn.execute(
            "SELECT article_id, terms FROM word_index_articles WHERE article_id = ANY(?)", (part,))]
        for _, cols in old:
            counted = wi._term_counts(cols)
            occurrences.subtract(counted)
            articles.subtract(counted.keys())
        if old:
            conn.execute("DELETE FROM word_index_articles WHERE article_id = ANY(?)", (part,))
            conn.execute("DELETE FROM word_sequences WHERE article_id = ANY(?)", (part,))
        rows = conn.execute(
            "SELECT a.id, a.text, a.hidden_spans, s.spans FROM articles a JOIN segmentations s"
            " ON s.article_id = a.id WHERE a.id = ANY(?) AND s.engine = ?"
            " AND s.text_hash = a.content_hash ORDER BY a.id", (part, engine)).fetchall()
        tokenized = []
        for aid, text, hidden, blob in rows:
            text = text or ""
            flat = wi.flat_spans(bytes(blob) if blob is not None else None, len(text))
            if flat is not None:  # else damaged: counted the old way (by syllables)
                tokens = wi.article_tokens(text, parse_spans(hidden, len(text)), flat)
                if not any(map(too_long, tokens[1])):  # else read as text, as a damaged one
                    tokenized.append((aid, tokens))
        terms.resolve_tokens({r for _, t in tokenized for r in t[1]})
        ids_of = terms.token_ids.__getitem__
        packed, arrays = [], []
        for aid, tokens in tokenized:
            packed.append((aid, wi.pack_columns(wi.columns_of(tokens, terms))))
            arrays += [(aid, kind, int_array(seq))
                       for kind, seq in zip(KINDS, sequences(tokens, terms), strict=True)]
            occurrences.update(chain.from_iterable(map(ids_of, tokens[1])))
            articles.update(set(chain.from_iterable(map(ids_of, set(tokens[1])))))
            occurrences[wi.ALL] += len(tokens[1])
            articles[wi.ALL] += 1
        if packed:
            conn.executemany("INSERT INTO word_index_articles VALUES (?, ?)", packed)
            with conn.raw.cursor() as cursor, cursor.copy("COPY word_sequences FROM STDIN") as copy:
                for row in arrays:  # COPY, each array as its text: psycopg's list dumper took 3x as long
                    copy.write_row(row)
        indexed += len(packed)
        conn.execute("DELETE FROM word_index_queue WHERE article_id = ANY(?)", (part,))
    add_totals(conn, occurrences, articles)
    return indexed


def write(db: Database, ids: Sequence[int], cached: wi.Terms | None = None) -> int:
    """One transaction of refresh_on_server (word_index._write on a server library)."""
    try:
        with db.engine.begin() as sa_conn:
            conn = bulk_sql(sa_conn)
            terms = cached if cached is not None else wi.Terms(conn)
            terms.conn = conn
            return refresh_on_server(conn, ids, wi.current_engine(conn), terms)
    except driver_errors() as e:
        if cached is not None:  # ids read in the rolled-back transaction may not exist
            cached.ids.clear()
            cached.tokens.clear()
            cached.token_ids.clear()
        raise DatabaseError(f"The word index of {db.location} could not be written: {e}", OTHER) from e
