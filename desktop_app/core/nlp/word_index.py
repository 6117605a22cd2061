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

import re
import sqlite3
import sys
import unicodedata
import zlib
from array import array
from collections.abc import Iterable, Sequence

from desktop_app.core.library.articles import parse_spans
from desktop_app.core.nlp.user_dictionary import engine_of_stored
from desktop_app.core.progress import Progress
from desktop_app.core.storage.database import Database, DatabaseError, driver_connection, explain
from desktop_app.core.text.matching import MatchLevel, key

EXACT, WORD, NONE, GROUP = range(4)  # word_terms.kind; also the word_fts column number
COLUMNS = ("exact", "word", "fold", "grp")
LEVEL_KIND = {MatchLevel.EXACT: EXACT, MatchLevel.WORD: WORD, MatchLevel.NONE: NONE}
GLUED, BREAK, HIDDEN = "g", "n", "z"  # never hex digits
PREFIXES = ("", GLUED, BREAK)
BATCH = 64  # articles per transaction when building
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
    """(kind, text) -> word_terms id, adding rows for new ones; a cache for one job."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.ids: dict[tuple[int, str], int] = {}

    def resolve(self, wanted: Iterable[tuple[int, str]]) -> None:
        missing = {w for w in wanted if w not in self.ids}
        by_kind: dict[int, list[str]] = {}
        for kind, text in missing:
            by_kind.setdefault(kind, []).append(text)
        for kind, texts in by_kind.items():
            for i in range(0, len(texts), 500):
                part = texts[i:i + 500]
                self.conn.executemany("INSERT OR IGNORE INTO word_terms(kind, text) VALUES (?, ?)",
                                      ((kind, t) for t in part))
                sql = f"SELECT text, id FROM word_terms WHERE kind = ? AND text IN ({','.join('?' * len(part))})"
                self.ids.update(((kind, t), i) for t, i in self.conn.execute(sql, (kind, *part)))
        if len(self.ids) > 2_000_000:  # bound the memory of a long build
            self.ids = {w: self.ids[w] for w in wanted}


_KEYS: dict[str, tuple[str, str, str]] = {}


def _keys(form: str) -> tuple[str, str, str]:
    """WORD key, NONE key, grouping form of a written form (cached: a few thousand forms
    make up most tokens)."""
    found = _KEYS.get(form)
    if found is None:
        if len(_KEYS) > 500_000:
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
    tokens: list[tuple[str, str] | None] = []  # (prefix, form) or None for hidden
    h, previous_end = 0, None
    for i in range(0, len(flat), 2):
        s, e = flat[i], flat[i + 1]
        while h < len(hidden) and hidden[h][1] <= s:
            h += 1
        if s >= e or (h < len(hidden) and hidden[h][0] < e):
            tokens.append(None)  # the reader hides it (as concordance.ArticleWords.leave_out)
        else:
            tokens.append((BREAK if previous_end is None else _gap(text, previous_end, s),
                           form_of(text[s:e])))
        previous_end = e
    forms = {t[1] for t in tokens if t is not None}
    keyed = {f: _keys(f) for f in forms}
    terms.resolve([(EXACT, f) for f in forms] + [(k, v[k - 1]) for v in keyed.values() for k in (1, 2, 3)])
    ids = terms.ids
    columns: list[list[str]] = [[], [], [], []]
    for token in tokens:
        if token is None:
            for column in columns[:3]:
                column.append(HIDDEN)
            continue
        prefix, form = token
        word_key, none_key, group = keyed[form]
        columns[EXACT].append(prefix + hex_id(ids[EXACT, form]))
        columns[WORD].append(prefix + hex_id(ids[WORD, word_key]))
        columns[NONE].append(prefix + hex_id(ids[NONE, none_key]))
        columns[GROUP].append(hex_id(ids[GROUP, group]))
    return tuple(" ".join(c) for c in columns)  # type: ignore[return-value]


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
    ok = all(0 <= flat[i] <= flat[i + 1] <= length for i in range(0, len(flat), 2))
    return flat if ok else None


def current_engine(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT value FROM app_state WHERE key = ?", (_DICTIONARY_KEY,)).fetchone()
    return engine_of_stored(row[0] if row else None)


def refresh(conn: sqlite3.Connection, ids: Sequence[int], engine: str, terms: Terms | None = None) -> int:
    """Redo the index of `ids` inside the caller's transaction: remove what it holds for
    them, add the ones whose segmentation is valid now, take them off the queue. Returns
    how many are indexed afterwards."""
    terms = terms or Terms(conn)
    indexed = 0
    for i in range(0, len(ids), 500):
        part = list(ids[i:i + 500])
        marks = ",".join("?" * len(part))
        old = conn.execute(f"SELECT article_id, terms FROM word_index_articles WHERE article_id IN ({marks})",
                           part).fetchall()
        conn.executemany("INSERT INTO word_fts(word_fts, rowid, exact, word, fold, grp)"
                         " VALUES ('delete', ?, ?, ?, ?, ?)",
                         ((aid, *unpack_columns(blob)) for aid, blob in old))
        conn.execute(f"DELETE FROM word_index_articles WHERE article_id IN ({marks})", part)
        rows = conn.execute(
            "SELECT a.id, a.text, a.hidden_spans, s.spans FROM articles a JOIN segmentations s"
            f" ON s.article_id = a.id WHERE a.id IN ({marks}) AND s.engine = ?"
            " AND s.text_hash = a.content_hash", (*part, engine)).fetchall()
        for aid, text, hidden, blob in rows:
            text = text or ""
            flat = flat_spans(blob, len(text))
            if flat is None:
                continue  # damaged: counted the old way (by syllables)
            columns = article_columns(text, parse_spans(hidden, len(text)), flat, terms)
            conn.execute("INSERT INTO word_fts(rowid, exact, word, fold, grp) VALUES (?, ?, ?, ?, ?)",
                         (aid, *columns))
            conn.execute("INSERT INTO word_index_articles VALUES (?, ?)", (aid, pack_columns(columns)))
            indexed += 1
        conn.execute(f"DELETE FROM word_index_queue WHERE article_id IN ({marks})", part)
    return indexed


def waiting(conn: sqlite3.Connection, limit: int) -> list[int]:
    """Up to `limit` queued articles, then segmented ones not indexed yet."""
    ids = [r[0] for r in conn.execute("SELECT article_id FROM word_index_queue ORDER BY 1 LIMIT ?", (limit,))]
    if len(ids) < limit:
        ids += [r[0] for r in conn.execute(
            "SELECT article_id FROM segmentations WHERE article_id NOT IN"
            " (SELECT article_id FROM word_index_articles) AND article_id NOT IN"
            " (SELECT article_id FROM word_index_queue) AND engine = ? ORDER BY 1 LIMIT ?",
            (current_engine(conn), limit - len(ids)))]
    return ids


def _write(db: Database, ids: Sequence[int], terms_cache: dict[tuple[int, str], int] | None = None) -> int:
    with db.engine.connect() as sa_conn:
        conn = driver_connection(sa_conn)
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                terms = Terms(conn)
                if terms_cache is not None:
                    terms.ids = terms_cache
                done = refresh(conn, ids, current_engine(conn), terms)
                conn.commit()
            except BaseException:
                conn.rollback()
                raise
        except sqlite3.Error as e:
            raise DatabaseError(explain(e, db.path)) from e
    return done


def queued(db: Database) -> int:
    """Articles whose index rows wait to be redone (0: the index can be read as it is)."""
    with db.engine.connect() as sa_conn:
        return driver_connection(sa_conn).execute("SELECT count(*) FROM word_index_queue").fetchone()[0]


def sync(db: Database, budget: int = 200) -> bool:
    """Apply the queue if at most `budget` articles wait (~1-3 ms each). True when the
    index can be read now; False: too much waits (a background `build` applies it) or
    the library is read-only with a queue."""
    if (count := queued(db)) == 0:
        return True
    if count > budget or db.read_only:
        return False
    with db.engine.connect() as sa_conn:
        ids = [r[0] for r in driver_connection(sa_conn).execute("SELECT article_id FROM word_index_queue")]
    _write(db, ids)
    return queued(db) == 0


def pending(db: Database) -> int:
    """Articles the index still has to take in: the queue and valid segmentations not
    indexed yet (a library from before schema v10)."""
    with db.engine.connect() as sa_conn:
        conn = driver_connection(sa_conn)
        return conn.execute(
            "SELECT (SELECT count(*) FROM word_index_queue) + (SELECT count(*) FROM segmentations"
            " WHERE engine = ? AND article_id NOT IN (SELECT article_id FROM word_index_articles)"
            " AND article_id NOT IN (SELECT article_id FROM word_index_queue))",
            (current_engine(conn),)).fetchone()[0]


def build(db: Database, progress: Progress | None = None) -> int:
    """Index what waits, BATCH articles a transaction, with progress; cancelling stops
    between two transactions (what was committed stays). Returns articles indexed.
    A segmentation stamped with the current engine but made from another text is
    looked at once per run (refresh leaves it out), never in a loop."""
    progress = progress or Progress()
    if db.read_only:
        return 0
    total, done, indexed = pending(db), 0, 0
    seen: set[int] = set()
    cache: dict[tuple[int, str], int] = {}
    while True:
        progress.step(done, total)
        with db.engine.connect() as sa_conn:
            ids = [i for i in waiting(driver_connection(sa_conn), BATCH + len(seen)) if i not in seen][:BATCH]
        if not ids:
            return indexed
        seen.update(ids)
        indexed += _write(db, ids, cache)
        done += len(ids)
