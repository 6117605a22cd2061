"""The word index: every segmented article's words, kept in FTS5 (schema v10).

Written when a segmentation is stored (`save_segmentation` calls `refresh` in its own
transaction) and from the queue the triggers fill (storage/word_index_models.py): a text
re-imported, hidden lines changed, a dictionary change making a segmentation stale, an
article deleted. Existing libraries are indexed by `build` in the background. An article
is indexed only while its segmentation is valid (engine current, hash of its text);
until then readers count it the old way (analysis/word_lookup.py).

One term per segmentation token, so FTS positions are token numbers: the hex id of the
token's `word_terms` row, prefixed by how it follows the token before it: "" after
spaces on the same line, "g" glued to it ("Nội" then ","), "n" after a line break or
other text. A word the reader hides (and an empty token) is "z". A phrase "cán bộ" is
then the FTS phrase "ID(cán) ID(bộ)", and never matches across a line or hidden text.
Measured (benchmarks/word_index.py): a positional table of (word, article, positions)
built ~10x slower than FTS5 (74 against 654 articles/s) and took 4.7x the space.
"""

from __future__ import annotations

import operator
import re
import sqlite3
import sys
import time
import unicodedata
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain

from desktop_app.core.library.articles import parse_spans
from desktop_app.core.nlp.user_dictionary import engine_of_stored
from desktop_app.core.progress import Progress
from desktop_app.core.storage.bulk_sql import PostgresSql, bulk_sql
from desktop_app.core.storage.database import Database, immediate_write
from desktop_app.core.text.matching import MatchLevel, key

EXACT, WORD, NONE, GROUP = range(4)  # word_terms.kind; also the word_fts column number
COLUMNS = ("exact", "word", "fold", "grp")
LEVEL_KIND = {MatchLevel.EXACT: EXACT, MatchLevel.WORD: WORD, MatchLevel.NONE: NONE}
GLUED, BREAK, HIDDEN = "g", "n", "z"  # never hex digits
PREFIXES = ("", GLUED, BREAK)
BATCH = 64  # articles of the first transaction when building (then sized by time)
MAX_BATCH = 2000
BATCH_SECONDS = 0.3
_TYPECODE = "I" if array("I").itemsize == 4 else "L"
_SPACES = re.compile(r"\s+")
_DICTIONARY_KEY = "nlp:dictionary"  # user_dictionary.KEY


def form_of(token: str) -> str:
    """A token as the index spells it: spaces as one space; a run holding a line break
    stays one (no query has one, so no phrase matches across it)."""
    return _SPACES.sub(lambda m: "\n" if "\n" in m.group() else " ", token)


def group_of(form: str) -> str:
    """analysis.stopwords.word_form (the frequencies' grouping form), one layer down."""
    folded = " ".join(unicodedata.normalize("NFC", form).split()).casefold()
    return unicodedata.normalize("NFC", folded)


def hex_id(term_id: int) -> str:
    return format(term_id, "x")


class Terms:
    """(kind, text) -> word_terms id, adding rows for new ones; and a raw token -> its four
    terms (hex, ids) cache: a few thousand tokens make up most of a corpus. For one job."""

    def __init__(self, conn: sqlite3.Connection | None) -> None:
        self.conn = conn
        self.ids: dict[tuple[int, str], int] = {}
        self.tokens: dict[str, tuple[tuple[str, str, str, str], tuple[int, int, int, int]]] = {}
        self.token_ids: dict[str, tuple[int, int, int, int]] = {}

    def resolve(self, wanted: Iterable[tuple[int, str]]) -> None:
        conn = self.conn
        assert conn is not None, "resolve on a connection"
        if isinstance(conn, PostgresSql):
            from desktop_app.core.nlp.server_word_index import resolve_terms

            return resolve_terms(self, wanted)
        missing = {w for w in wanted if w not in self.ids}
        by_kind: dict[int, list[str]] = {}
        for kind, text in missing:
            by_kind.setdefault(kind, []).append(text)
        for kind, texts in by_kind.items():
            for i in range(0, len(texts), 500):
                part = texts[i:i + 500]
                conn.executemany("INSERT OR IGNORE INTO word_terms(kind, text) VALUES (?, ?)",
                                 ((kind, t) for t in part))
                sql = f"SELECT text, id FROM word_terms WHERE kind = ? AND text IN ({','.join('?' * len(part))})"
                self.ids.update(((kind, t), i) for t, i in conn.execute(sql, (kind, *part)))

    def resolve_tokens(self, raw: set[str]) -> None:
        """Fill `tokens` for these raw token texts."""
        if len(self.tokens) > 200_000 or len(self.ids) > 800_000:  # bound a long build's memory
            self.tokens.clear()
            self.token_ids.clear()
            self.ids.clear()
        new = raw - self.tokens.keys()
        if not new:
            return
        forms = {r: form_of(r) for r in new}
        keyed = {f: _keys(f) for f in set(forms.values())}
        self.resolve([(EXACT, f) for f in keyed] + [(k, v[k - 1]) for v in keyed.values() for k in (1, 2, 3)])
        ids = self.ids
        for r, f in forms.items():
            word_key, none_key, group = keyed[f]
            found = (ids[EXACT, f], ids[WORD, word_key], ids[NONE, none_key], ids[GROUP, group])
            self.tokens[r] = (tuple(map(hex_id, found)), found)  # type: ignore[assignment]
            self.token_ids[r] = found


_KEYS: dict[str, tuple[str, str, str]] = {}


def _keys(form: str) -> tuple[str, str, str]:
    """WORD key, NONE key, grouping form of a written form (cached: a few thousand forms
    make up most tokens)."""
    found = _KEYS.get(form)
    if found is None:
        if len(_KEYS) > 200_000:
            _KEYS.clear()
        found = _KEYS[form] = (key(form, MatchLevel.WORD), key(form, MatchLevel.NONE), group_of(form))
    return found


def _gap(text: str, end: int, start: int) -> str:
    gap = text[end:start]
    if not gap:
        return GLUED
    return "" if gap.isspace() and "\n" not in gap else BREAK


def article_columns(text: str, hidden: Sequence[tuple[int, int]], flat: Sequence[int],
                    terms: Terms) -> tuple[str, str, str, str]:
    """The four word_fts columns of an article from its text, hidden spans (sorted) and
    flat (start, end, ...) segmentation."""
    tokens = article_tokens(text, hidden, flat)
    terms.resolve_tokens(set(tokens[1]))
    return columns_of(tokens, terms)


Tokens = tuple[list[str | None], list[str]]  # (prefix of each token, None if hidden; raw text of the others)


def article_tokens(text: str, hidden: Sequence[tuple[int, int]], flat: Sequence[int]) -> Tokens:
    """The hot loop of a build (~150 tokens an article): a slice and a few compares a token."""
    prefixes: list[str | None] = []
    raw: list[str] = []
    h, n_hidden, previous_end = 0, len(hidden), -1
    for i in range(0, len(flat), 2):
        s, e = flat[i], flat[i + 1]
        if n_hidden:
            while h < n_hidden and hidden[h][1] <= s:
                h += 1
            if h < n_hidden and hidden[h][0] < e:
                s = e  # the reader hides it (as concordance.ArticleWords.leave_out)
        if s >= e:
            prefixes.append(None)
        elif previous_end < 0:
            prefixes.append(BREAK)
        elif s == previous_end:
            prefixes.append(GLUED)
        elif s == previous_end + 1 and text[previous_end] == " ":
            prefixes.append("")
        else:
            prefixes.append(_gap(text, previous_end, s))
        if s < e:
            raw.append(text[s:e])
        previous_end = e
    return prefixes, raw


def columns_of(tokens: Tokens, terms: Terms) -> tuple[str, str, str, str]:
    """The columns of tokens whose raw texts `terms` has resolved."""
    prefixes, raw = tokens
    found = list(map(terms.tokens.__getitem__, raw))
    if len(raw) == len(prefixes):
        pairs = list(zip(prefixes, found, strict=True))
        columns = [" ".join([p + t[0][k] for p, t in pairs]) for k in range(3)]  # type: ignore[operator]
    else:
        it = iter(found)
        full = [None if p is None else (p, next(it)) for p in prefixes]
        columns = [" ".join([HIDDEN if x is None else x[0] + x[1][0][k] for x in full]) for k in range(3)]
    return columns[0], columns[1], columns[2], " ".join([t[0][GROUP] for t in found])


def pack_columns(columns: Sequence[str]) -> bytes:
    return zlib.compress("\n".join(columns).encode("ascii"), 1)


def unpack_columns(blob: bytes) -> list[str]:
    return zlib.decompress(blob).decode("ascii").split("\n")


def flat_spans(blob: bytes | None, length: int) -> array | None:
    """Stored spans as a flat array, or None if damaged."""
    if blob is None or len(blob) % 8:
        return None
    flat = array(_TYPECODE)
    flat.frombytes(blob)
    if sys.byteorder == "big":
        flat.byteswap()
    # Every start <= its end, all within the text (unsigned: never below 0); in C.
    ok = not flat or (max(flat) <= length and all(map(operator.le, flat[0::2], flat[1::2])))
    return flat if ok else None


def current_engine(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT value FROM app_state WHERE key = ?", (_DICTIONARY_KEY,)).fetchone()
    return engine_of_stored(row[0] if row else None)


ALL = 0  # word_term_totals row of the index itself: words (not hidden) and articles indexed


def _term_counts(columns: Sequence[str]) -> Counter[int]:
    """An article's stored terms (prefixes dropped, hidden left out) -> occurrences, for
    the running totals, with ALL. Counted in C first, prefixes stripped per distinct term."""
    exact = columns[EXACT].split()
    out: Counter[int] = Counter({ALL: len(exact) - exact.count(HIDDEN)})
    for term, n in Counter(" ".join(columns).split()).items():
        if term != HIDDEN:
            out[int(term.lstrip(GLUED + BREAK), 16)] += n
    return out


def add_totals(conn: sqlite3.Connection, occurrences: Counter[int], articles: Counter[int]) -> None:
    """Add (or, negative, take away) per-term occurrences and articles to word_term_totals."""
    conn.executemany(
        "INSERT INTO word_term_totals(term_id, occurrences, articles) VALUES (?, ?, ?)"
        " ON CONFLICT(term_id) DO UPDATE SET occurrences = occurrences + excluded.occurrences,"
        " articles = articles + excluded.articles",
        sorted((t, n, articles[t]) for t, n in occurrences.items() if n or articles[t]))


def refresh(conn: sqlite3.Connection, ids: Sequence[int], engine: str, terms: Terms | None = None) -> int:
    """Redo the index of `ids` inside the caller's transaction: remove what it holds for
    them, add the ones whose segmentation is valid now, take them off the queue, and keep
    the per-term totals (word_term_totals) in step. Returns how many are indexed afterwards.
    `conn` may be bulk_sql's on a server library: the server's own (server_word_index.py)."""
    if isinstance(conn, PostgresSql):
        from desktop_app.core.nlp.server_word_index import refresh_on_server

        return refresh_on_server(conn, ids, engine, terms)
    terms = terms or Terms(conn)
    indexed = 0
    occurrences: Counter[int] = Counter()
    articles: Counter[int] = Counter()
    for i in range(0, len(ids), 500):
        part = list(ids[i:i + 500])
        marks = ",".join("?" * len(part))
        old = [(aid, unpack_columns(blob)) for aid, blob in conn.execute(
            f"SELECT article_id, terms FROM word_index_articles WHERE article_id IN ({marks})", part)]
        conn.executemany("INSERT INTO word_fts(word_fts, rowid, exact, word, fold, grp)"
                         " VALUES ('delete', ?, ?, ?, ?, ?)", ((aid, *cols) for aid, cols in old))
        for _, cols in old:
            counted = _term_counts(cols)
            occurrences.subtract(counted)
            articles.subtract(counted.keys())
        if old:
            conn.execute(f"DELETE FROM word_index_articles WHERE article_id IN ({marks})", part)
        rows = conn.execute(
            "SELECT a.id, a.text, a.hidden_spans, s.spans FROM articles a JOIN segmentations s"
            f" ON s.article_id = a.id WHERE a.id IN ({marks}) AND s.engine = ?"
            " AND s.text_hash = a.content_hash", (*part, engine)).fetchall()
        tokenized = []
        for aid, text, hidden, blob in rows:
            text = text or ""
            flat = flat_spans(blob, len(text))
            if flat is not None:  # else damaged: counted the old way (by syllables)
                tokenized.append((aid, article_tokens(text, parse_spans(hidden, len(text)), flat)))
        terms.resolve_tokens({r for _, t in tokenized for r in t[1]})  # new terms: a few statements a batch
        ids_of = terms.token_ids.__getitem__
        fts_rows, packed = [], []
        for aid, tokens in tokenized:
            columns = columns_of(tokens, terms)
            fts_rows.append((aid, *columns))
            packed.append((aid, pack_columns(columns)))
            # In C: every token's four term ids, then the distinct ones.
            occurrences.update(chain.from_iterable(map(ids_of, tokens[1])))
            articles.update(set(chain.from_iterable(map(ids_of, set(tokens[1])))))
            occurrences[ALL] += len(tokens[1])
            articles[ALL] += 1
        # Sorted by rowid: FTS5 appends to its in-memory segment in order (cheaper).
        fts_rows.sort()
        packed.sort()
        conn.executemany("INSERT INTO word_fts(rowid, exact, word, fold, grp) VALUES (?, ?, ?, ?, ?)", fts_rows)
        conn.executemany("INSERT INTO word_index_articles VALUES (?, ?)", packed)
        indexed += len(packed)
        conn.execute(f"DELETE FROM word_index_queue WHERE article_id IN ({marks})", part)
    add_totals(conn, occurrences, articles)
    return indexed


def waiting(conn: sqlite3.Connection, limit: int, after: int = 0) -> tuple[list[int], bool]:
    """(up to `limit` queued articles, True); if none, (segmented ones after `after` not
    indexed yet, False). The build walks the second list with `after` as a cursor: starting from the
    first article every batch made a 1M-article build quadratic."""
    ids = [r[0] for r in conn.execute("SELECT article_id FROM word_index_queue ORDER BY 1 LIMIT ?", (limit,))]
    if ids:
        return ids, True
    return [r[0] for r in conn.execute(
        "SELECT article_id FROM segmentations WHERE article_id > ? AND article_id NOT IN"
        " (SELECT article_id FROM word_index_articles) AND article_id NOT IN"
        " (SELECT article_id FROM word_index_queue) AND engine = ? ORDER BY 1 LIMIT ?",
        (after, current_engine(conn), limit))], False


def _write(db: Database, ids: Sequence[int], cached: Terms | None = None) -> int:
    if db.on_server:
        from desktop_app.core.nlp.server_word_index import write

        return write(db, ids, cached)
    with immediate_write(db) as conn:
        terms = Terms(conn)
        if cached is not None:  # a build: its caches carry over, on this connection
            terms = cached
            terms.conn = conn
        return refresh(conn, ids, current_engine(conn), terms)


def queued(db: Database) -> int:
    """Articles whose index rows wait to be redone (0: the index can be read as it is)."""
    with db.engine.connect() as sa_conn:
        return bulk_sql(sa_conn).execute("SELECT count(*) FROM word_index_queue").fetchone()[0]


def sync(db: Database, budget: int = 200) -> bool:
    """Apply the queue if at most `budget` articles wait (~1-3 ms each). True when the
    index can be read now; False: too much waits (a background `build` applies it) or
    the library is read-only with a queue."""
    if (count := queued(db)) == 0:
        return True
    if count > budget or db.read_only:
        return False
    with db.engine.connect() as sa_conn:
        ids = [r[0] for r in bulk_sql(sa_conn).execute("SELECT article_id FROM word_index_queue")]
    _write(db, ids)
    return queued(db) == 0


def pending(db: Database) -> int:
    """Articles the index still has to take in: the queue and valid segmentations not
    indexed yet (a library from before schema v10)."""
    with db.engine.connect() as sa_conn:
        conn = bulk_sql(sa_conn)
        return conn.execute(
            "SELECT (SELECT count(*) FROM word_index_queue) + (SELECT count(*) FROM segmentations"
            " WHERE engine = ? AND article_id NOT IN (SELECT article_id FROM word_index_articles)"
            " AND article_id NOT IN (SELECT article_id FROM word_index_queue))",
            (current_engine(conn),)).fetchone()[0]


def build(db: Database, progress: Progress | None = None) -> int:
    """Index what waits, a batch of articles a transaction (sized to take about
    BATCH_SECONDS, so a writer waits little), with progress; cancelling stops between
    two transactions (what was committed stays). Returns articles indexed. The queue
    is emptied by each batch; segmentations not indexed yet are walked once, in id
    order (one stamped with the current engine but made from another text is left
    out by refresh and not looked at again in this run)."""
    progress = progress or Progress()
    if db.read_only:
        return 0
    total, done, indexed, after, size = pending(db), 0, 0, 0, BATCH
    cache = Terms(None)  # given each batch's connection
    while True:
        progress.step(done, max(total, done))
        with db.engine.connect() as sa_conn:
            ids, from_queue = waiting(bulk_sql(sa_conn), size, after)
        if not ids:
            return indexed
        started = time.perf_counter()
        indexed += _write(db, ids, cache)
        took = time.perf_counter() - started
        size = max(BATCH, min(MAX_BATCH, int(len(ids) * BATCH_SECONDS / max(took, 1e-3))))
        done += len(ids)
        if not from_queue:
            after = ids[-1]
