"""The search index (FTS5) and its upkeep: layout, keys, the change queue, sync and rebuild.

The index is derived data kept here, so it never needs a schema migration:
- `search_fts`: contentless FTS5 (rowid = article id) over the title and text twice:
  folded (`title`, `body`: the NONE key) and only case-folded (`xtitle`, `xbody`), where
  EXACT is one phrase and WORD the phrase in each of its spellings (hòa OR hoà). A
  normal FTS5 table keeps a folded copy of every text: 110 MB instead of 38 MB for
  10,000 articles (measured).
- `search_indexed`: what was indexed. `search_pending`: articles changed since, written by
  triggers on `articles` with the old title and text (a contentless row is deleted by
  repeating what was inserted). A sync after no change is two tiny queries (~0.1 ms, 1 ms
  at 1,000,000 articles), not a comparison of every row (15-30 ms at 10,000); that
  comparison runs only when the triggers were missing (first use, a migration rebuilt
  `articles`). An import only queues its articles: the index grows by them, never rebuilds.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import sqlite3

from desktop_app.core.library.articles import parse_spans
from desktop_app.core.progress import Progress
from desktop_app.core.storage.bulk_sql import bulk_sql
from desktop_app.core.storage.database import Database, DatabaseError, explain, immediate_write
from desktop_app.core.text.matching import MatchLevel, casefolded, key, query_text, word_forms

_WORD_RE = re.compile(r"[^\W_]+")  # what FTS5's unicode61 calls a token, near enough
INDEX_VERSION = "4"  # change it when folding or layout change: the index is rebuilt
BATCH = 200  # articles per write transaction, so other writers wait ~0.2 s at most

_TRIGGERS = ("search_articles_ai", "search_articles_au", "search_articles_ad")
_TABLES = ("search_fts", "search_indexed", "search_pending", "search_state")
_SCHEMA = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(title, body, xtitle, xbody, content='',"
    " tokenize='unicode61 remove_diacritics 0')",
    "CREATE TABLE IF NOT EXISTS search_indexed (article_id INTEGER PRIMARY KEY,"
    " content_hash TEXT NOT NULL, title TEXT NOT NULL, text_digest BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS search_pending (article_id INTEGER PRIMARY KEY,"
    " old_title TEXT, old_text TEXT, old_hidden TEXT)",
    "CREATE TABLE IF NOT EXISTS search_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # OR IGNORE keeps the first old version: the one that is in the index.
    "CREATE TRIGGER IF NOT EXISTS search_articles_ai AFTER INSERT ON articles BEGIN"
    " INSERT OR IGNORE INTO search_pending(article_id) VALUES (NEW.id); END",
    "CREATE TRIGGER IF NOT EXISTS search_articles_au AFTER UPDATE OF id, title, text, hidden_spans"
    " ON articles BEGIN INSERT OR IGNORE INTO search_pending"
    " VALUES (OLD.id, OLD.title, OLD.text, OLD.hidden_spans);"
    " INSERT OR IGNORE INTO search_pending(article_id) VALUES (NEW.id); END",
    "CREATE TRIGGER IF NOT EXISTS search_articles_ad AFTER DELETE ON articles BEGIN"
    " INSERT OR IGNORE INTO search_pending VALUES (OLD.id, OLD.title, OLD.text, OLD.hidden_spans);"
    " END",
)


# ---------------------------------------------------------------- keys

MAX_SPELLINGS = 64  # phrases a WORD query expands to in the index (hòa bình OR hoà bình…)
# Every term of the case-folded columns starts with this letter (to FTS5: U+01C2 is a
# letter), so that "can" as typed and "can" folded from "cán" are two terms. One FTS5
# term is one list of every row holding it, in any column: without the mark, looking for
# "can bo" as typed read the lists of folded "can" and "bo" (740,000 rows of 1,000,000)
# to find none, 100-250 ms per query (index version 4).
X_MARK = "\u01c2"


def _key(text: str) -> str:
    """The folded (NONE) key: same length, so key offsets are text offsets."""
    return key(text, MatchLevel.NONE)


def _index_words(words: tuple[str, ...], level: MatchLevel) -> list[tuple[str, ...]]:
    """The spellings of `words` as the index columns of `level` hold them (folded for
    NONE, case-folded for EXACT, each same-word spelling for WORD), at most MAX_SPELLINGS."""
    if level is MatchLevel.NONE:
        return [tuple(_key(w) for w in words)]
    if level is MatchLevel.EXACT:
        return [tuple(X_MARK + casefolded(w) for w in words)]
    forms = ([X_MARK + f for f in word_forms(w)] for w in words)
    return list(itertools.islice(itertools.product(*forms), MAX_SPELLINGS))


_WORD_START_RE = re.compile(r"(?<![^\W_])(?=[^\W_])")  # 4x faster than substituting words


def _marked(text: str) -> str:
    """The case-folded column text: every word with X_MARK in front."""
    return _WORD_START_RE.sub(X_MARK, casefolded(text))





def columns(level: MatchLevel) -> tuple[str, str]:
    """(title, body) columns of search_fts that answer for `level`."""
    return ("title", "body") if level is MatchLevel.NONE else ("xtitle", "xbody")


def phrase_match(query: str, level: MatchLevel, column: str = "body") -> str | None:
    """An FTS5 expression for the articles that may hold `query`'s syllables as one phrase
    at `level` in `column` ("body" or "title"; the x column for EXACT and WORD), None if
    the query has no syllable. Articles it finds still need the regex at `level`."""
    words = tuple(_WORD_RE.findall(query_text(query)))
    if not words:
        return None
    col = dict(zip(("title", "body"), columns(level), strict=True))[column]
    phrases = ('"' + " ".join(ws) + '"' for ws in _index_words(words, level))
    return f"{col} : (" + " OR ".join(dict.fromkeys(phrases)) + ")"



# ---------------------------------------------------------------- upkeep


def _searchable(text: str, hidden: str | None) -> str:
    """The text as the index holds it: hidden web leftovers (a corpus header, share
    buttons) blanked out, as the reader hides them."""
    spans = parse_spans(hidden, len(text))
    if not spans:
        return text
    parts, pos = [], 0
    for start, end in spans:
        start = max(start, pos)
        parts += [text[pos:start], " " * max(0, end - start)]
        pos = max(pos, end)
    parts.append(text[pos:])
    return "".join(parts)


def _row(title: str, text: str) -> tuple[str, str, str, str]:
    """What the index columns hold for one article."""
    return _key(title), _key(text), _marked(title), _marked(text)


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class _Rebuild(Exception):
    """An indexed version can no longer be removed exactly."""


def _state(conn: sqlite3.Connection) -> tuple[bool, bool]:
    """(index and triggers in place at this version, changes waiting): two tiny queries."""
    names = _TABLES + _TRIGGERS
    found = conn.execute(f"SELECT count(*) FROM sqlite_master WHERE name IN ({','.join('?' * len(names))})",
                         names).fetchone()[0]
    if found != len(names):
        return False, True
    version, waiting = conn.execute("SELECT (SELECT value FROM search_state WHERE key='version'),"
                                    " EXISTS (SELECT 1 FROM search_pending)").fetchone()
    return version == INDEX_VERSION, bool(waiting)


def _install(conn: sqlite3.Connection) -> None:
    """Create what is missing, then compare with `articles` once: the triggers missed it."""
    existing = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'search%'")}
    if "search_state" in existing and conn.execute(
            "SELECT value FROM search_state WHERE key='version'").fetchone() != (INDEX_VERSION,):
        # Another folding or layout. Triggers first: without search_pending they would
        # make every write to `articles` fail.
        for name in _TRIGGERS + _TABLES:
            conn.execute(f"DROP {'TRIGGER' if name in _TRIGGERS else 'TABLE'} IF EXISTS {name}")
        existing = set()
    for sql in _SCHEMA:
        conn.execute(sql)
    if not {"search_fts", "search_indexed"} <= existing:
        _restart(conn)  # one of the pair was lost: neither can be trusted
    conn.execute("INSERT OR REPLACE INTO search_state VALUES ('version', ?)", (INDEX_VERSION,))
    conn.execute("INSERT OR IGNORE INTO search_pending(article_id) SELECT a.id FROM articles a"
                 " LEFT JOIN search_indexed s ON s.article_id = a.id WHERE s.article_id IS NULL"
                 " OR s.content_hash IS NOT a.content_hash OR s.title IS NOT a.title")
    conn.execute("INSERT OR IGNORE INTO search_pending(article_id) SELECT article_id FROM"
                 " search_indexed WHERE article_id NOT IN (SELECT id FROM articles)")


def _restart(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
    conn.execute("DELETE FROM search_indexed")
    conn.execute("DELETE FROM search_pending")
    conn.execute("INSERT INTO search_pending(article_id) SELECT id FROM articles")


def _apply(conn: sqlite3.Connection, ids: list[int]) -> int:
    """Bring the index up to date for `ids`; how many articles were (re)indexed or removed."""
    marks = ",".join("?" * len(ids))

    def rows(sql: str) -> dict[int, tuple]:
        return {r[0]: r[1:] for r in conn.execute(sql.format(marks), ids)}

    pending = rows("SELECT article_id, old_title, old_text, old_hidden FROM search_pending"
                   " WHERE article_id IN ({})")
    indexed = rows("SELECT article_id, title, text_digest FROM search_indexed WHERE article_id IN ({})")
    current = rows("SELECT id, title, text, content_hash, hidden_spans FROM articles WHERE id IN ({})")
    deletes, inserts, records, same = [], [], [], []
    for article_id in ids:
        old, now = indexed.get(article_id), current.get(article_id)
        if now is not None:
            title, content_hash = now[0] or "", now[2] or ""
            text = _searchable(now[1] or "", now[3])
            new = (title, _digest(text))
        if old is not None:
            if now is not None and new == old:
                same.append((content_hash, article_id))  # only the hash column moved
                continue
            old_title, old_text, old_hidden = pending.get(article_id, (None, None, None))
            old_text = None if old_text is None else _searchable(old_text, old_hidden)
            # Deleting other tokens than were inserted would corrupt a contentless index.
            if old_text is None or (old_title or "", _digest(old_text)) != old:
                raise _Rebuild
            deletes.append((article_id, *_row(old_title or "", old_text)))
        if now is not None:
            inserts.append((article_id, *_row(title, text)))
            records.append((article_id, content_hash, *new))
    conn.executemany("INSERT INTO search_fts(search_fts, rowid, title, body, xtitle, xbody)"
                     " VALUES ('delete', ?, ?, ?, ?, ?)", deletes)
    conn.executemany("DELETE FROM search_indexed WHERE article_id = ?", [d[:1] for d in deletes])
    conn.executemany("INSERT INTO search_fts(rowid, title, body, xtitle, xbody) VALUES (?, ?, ?, ?, ?)",
                     inserts)
    conn.executemany("INSERT INTO search_indexed VALUES (?, ?, ?, ?)", records)
    conn.executemany("UPDATE search_indexed SET content_hash = ? WHERE article_id = ?", same)
    conn.execute(f"DELETE FROM search_pending WHERE article_id IN ({marks})", ids)
    return len({d[0] for d in deletes} | {r[0] for r in inserts})


def sync_index(db: Database, progress: Progress | None = None, at_most: int | None = None) -> int:
    """Bring the index up to date with `articles`; how many articles were (re)indexed or
    removed. ~0.1 ms when nothing changed. A read-only library keeps the index it has.

    Work goes in transactions of BATCH articles; `progress` hears (done, waiting at the
    start) after each and may cancel between them (`Cancelled`): what was committed stays,
    the rest waits in the queue for the next sync. `at_most`: stop after about that many
    (a search in the window does not wait for a long queue the background sync works on)."""
    if db.read_only:
        return 0
    if db.on_server:
        from desktop_app.core.analysis.search_server_index import sync_server_index

        return sync_server_index(db, progress, at_most)
    changed, done, total, first = 0, 0, 0, True
    with db.engine.connect() as sa_conn:
        conn = bulk_sql(sa_conn)  # the pysqlite connection itself (a server library went above)
        try:
            if _state(conn) == (True, False):
                return 0
            while True:
                if progress is not None:
                    progress.check()
                conn.execute("BEGIN IMMEDIATE")  # look again under the write lock
                try:
                    if first:
                        if not _state(conn)[0]:
                            _install(conn)
                        if progress is not None:  # a count of the queue: ~50 ms at 1,000,000
                            total = conn.execute("SELECT count(*) FROM search_pending").fetchone()[0]
                    first = False
                    ids = [r[0] for r in conn.execute(
                        "SELECT article_id FROM search_pending ORDER BY article_id LIMIT ?", (BATCH,))]
                    try:
                        changed += _apply(conn, ids) if ids else 0
                    except _Rebuild:
                        _restart(conn)
                        total = conn.execute("SELECT count(*) FROM search_pending").fetchone()[0]
                        done = -len(ids)
                    conn.commit()
                except BaseException:
                    conn.rollback()
                    raise
                done += len(ids)
                if progress is not None:
                    progress.report(min(done, total), total)
                if not ids or (at_most is not None and done >= at_most):
                    return changed
        except sqlite3.Error as e:
            raise DatabaseError(explain(e, db.path)) from e


def rebuild_index(db: Database, progress: Progress | None = None) -> int:
    """Index every article again from scratch (a damaged index, a benchmark); how many
    were indexed. Cancelling keeps the batches done: the next sync goes on from there."""
    if db.read_only:
        return 0
    if db.on_server:
        from desktop_app.core.analysis.search_server_index import rebuild_server_index

        return rebuild_server_index(db, progress)
    with immediate_write(db) as conn:
        for sql in _SCHEMA:
            conn.execute(sql)
        conn.execute("INSERT OR REPLACE INTO search_state VALUES ('version', ?)", (INDEX_VERSION,))
        _restart(conn)
    return sync_index(db, progress)
