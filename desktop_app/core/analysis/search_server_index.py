"""The search index of a library on a PostgreSQL server (docs/postgresql.md, sections 4-5):
the same terms as the SQLite FTS5 index (search_index.py), held in `tsvector`s with a GIN
index (the tables and the queueing trigger: storage/server_search_tables.py), and its upkeep.

- Each article is cut in pieces of at most CHUNK_WORDS words (a tsvector's positions stop at
  16,383 and it holds at most 1 MB; a lexeme keeps at most 256 positions, so a piece also
  ends before any word's 256th occurrence). Pieces overlap by MAX_QUERY_WORDS words, so a
  phrase of a query always lies whole in one of them.
- Each word is a lexeme in each of two tsvectors, at the same position: its folded key in
  `folded` (the NONE level) and X_MARK + its case-folded form in `cased` (EXACT and WORD),
  as the FTS5 columns hold them (two columns: a query reads only the half it needs). The title is
  in piece 0 only, with weight A (ranking weighs it TITLE_WEIGHT times; a title-only match
  asks for `:A`), one position apart from the body so that no phrase runs from one into
  the other. The tsvector is written as a literal from Python's own tokens (`::tsvector`):
  no text search parser or locale of the server decides what a word is.
- Sync takes the queue with `DELETE ... FOR UPDATE SKIP LOCKED ... RETURNING` before reading
  the articles: a write committed after the read has queued its article again, and two
  clients syncing at once share the work.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from sqlalchemy import exc as sa_exc
from sqlalchemy import text
from sqlalchemy.engine import Connection

from desktop_app.core.analysis.search import MAX_QUERY_WORDS
from desktop_app.core.analysis.search_index import BATCH, X_MARK, _key, _searchable
from desktop_app.core.progress import Progress
from desktop_app.core.storage.bulk_sql import bulk_sql, driver_errors
from desktop_app.core.storage.database import Database, DatabaseError
from desktop_app.core.storage.server_search_tables import SERVER_INDEX_VERSION, UNDEFINED_TABLE
from desktop_app.core.text.matching import casefolded

CHUNK_WORDS = 5000
MAX_POSITIONS = 255  # a lexeme keeps 256 positions in a tsvector: a piece ends before more
OVERLAP = MAX_QUERY_WORDS  # the longest phrase a query can hold
_WORD_RE = re.compile(r"[^\W_]+")  # what FTS5's unicode61 calls a token, near enough

# ---------------------------------------------------------------- pieces


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def _tsvector(title: list[str], body: list[str], base: int, mark: str = "") -> str:
    """A tsvector literal: the title's words at 1.. with weight A, the body's at `base`..;
    each lexeme `mark` + the word. (Words are letters and digits: nothing to escape.)"""
    positions: dict[str, list[int]] = {}
    for i, word in enumerate(body, base):
        found = positions.get(word)
        if found is None:
            positions[word] = [i]
        else:
            found.append(i)
    head: dict[str, list[int]] = {}
    for i, word in enumerate(title, 1):
        head.setdefault(word, []).append(i)
    out = []
    for word, at in positions.items():
        listed = ",".join(map(str, at))
        if word in head:
            listed = ",".join(f"{p}A" for p in head.pop(word)) + "," + listed
        out.append(f"'{mark}{word}':{listed}")
    out += [f"'{mark}{word}':" + ",".join(f"{p}A" for p in at) for word, at in head.items()]
    return " ".join(out)


def _cuts(folded: list[str]) -> Iterator[tuple[int, int]]:
    """(first, end) word indexes of each piece: at most CHUNK_WORDS words, no word more than
    MAX_POSITIONS times, each overlapping the previous one by OVERLAP words."""
    n = len(folded)
    if n <= CHUNK_WORDS and (not n or max(Counter(folded).values()) <= MAX_POSITIONS):
        yield 0, n  # nearly every article: one piece
        return
    start = 0
    while True:
        seen: dict[str, int] = {}
        end = start
        while end < n and end - start < CHUNK_WORDS:
            word = folded[end]
            if seen.get(word, 0) >= MAX_POSITIONS:
                break
            seen[word] = seen.get(word, 0) + 1
            end += 1
        yield start, end
        if end >= n:
            return
        start = end - OVERLAP


def _aligned(text: str) -> tuple[list[str], list[str], list[tuple[int, int]] | None]:
    """(folded words, case-folded words, None) of `text`; when the two do not cut the text
    into the same words, the third item maps each folded word to the case-folded ones in
    its stretch of text instead ((lo, hi) indexes)."""
    folded, cased = _WORD_RE.findall(_key(text)), _WORD_RE.findall(casefolded(text))
    if len(folded) == len(cased):
        return folded, cased, None
    f_spans = [m.span() for m in _WORD_RE.finditer(_key(text))]
    x_starts = [m.start() for m in _WORD_RE.finditer(casefolded(text))]
    return folded, cased, [(bisect.bisect_left(x_starts, a), bisect.bisect_left(x_starts, b)) for a, b in f_spans]


def _pairs(title: list[str], body: list[str], mark: str = "") -> str:
    """A tsvector literal (no positions) of the adjacent pairs of words, "a b", in the title
    and in the body (none across the two)."""
    found = {f"'{mark}{a} {mark}{b}'" for ws in (title, body) for a, b in itertools.pairwise(ws)}
    return " ".join(found)


def pieces(title: str, body: str) -> list[tuple[str, str, str, str]]:
    """The (folded, case-folded, folded pairs, case-folded pairs) tsvector literals of one
    article's pieces (at least one, maybe empty)."""
    title_f, title_x = _WORD_RE.findall(_key(title)), _WORD_RE.findall(casefolded(title))
    body_f, body_x, spans = _aligned(body)
    gap = max(len(title_f), len(title_x)) + 2  # no phrase across the title's end
    out = []
    for first, end in _cuts(body_f):
        base, head_f, head_x = (gap, title_f, title_x) if first == 0 else (1, [], [])
        lo, hi = (first, end) if spans is None or end == first else (spans[first][0], spans[end - 1][1])
        out.append((_tsvector(head_f, body_f[first:end], base), _tsvector(head_x, body_x[lo:hi], base, X_MARK),
                    _pairs(head_f, body_f[first:end]), _pairs(head_x, body_x[lo:hi], X_MARK)))
    return out


def title_vectors(title: str) -> tuple[str, str]:
    """The (folded, case-folded) tsvector literals of a title alone (search_titles)."""
    return (_tsvector([], _WORD_RE.findall(_key(title)), 1),
            _tsvector([], _WORD_RE.findall(casefolded(title)), 1, X_MARK))


# ---------------------------------------------------------------- sync


def sync_server_index(db: Database, progress: Progress | None = None, at_most: int | None = None) -> int:
    """search_index.sync_index on a server library: index the queued articles in
    transactions of BATCH; how many were (re)indexed or removed. One tiny query when the
    queue is empty. A read-only client keeps the index as it is."""
    if db.read_only:
        return 0
    done = total = 0
    try:
        with db.engine.connect() as sa_conn:
            waiting = _waiting(db, sa_conn)
            if waiting and progress is not None:
                total = sa_conn.execute(text("SELECT count(*) FROM search_pending")).scalar_one()
            sa_conn.rollback()
            if not waiting:
                return 0
            while True:
                if progress is not None:
                    progress.check()
                with sa_conn.begin():
                    ids = _index_batch(bulk_sql(sa_conn))
                done += len(ids)
                if progress is not None:
                    progress.report(min(done, total), max(total, done))
                if not ids or (at_most is not None and done >= at_most):
                    return done
    except driver_errors(sa_exc.DBAPIError) as e:
        raise DatabaseError(f"The search index of {db.location} could not be brought up to date: {e}") from e


def _waiting(db: Database, sa_conn: Connection) -> bool:
    """Whether articles wait in the queue; DatabaseError in words when this library's index
    was never made, or is of another version, and this client may not make it."""
    try:
        version, waiting = sa_conn.execute(text(
            "SELECT (SELECT value FROM search_state WHERE key = 'version'),"
            " EXISTS (SELECT 1 FROM search_pending)")).one()
    except sa_exc.ProgrammingError as e:
        if getattr(e.orig, "sqlstate", None) != UNDEFINED_TABLE:
            raise
        version = waiting = None
    if version != SERVER_INDEX_VERSION:
        raise DatabaseError(f"The shared library {db.location} has no search index of this version of "
                            "Chú Giải yet, and only the coder who published it may make it: they open the "
                            "library once (with writing allowed), then search works for everyone.")
    return bool(waiting)


def _index_batch(conn: Any) -> list[int]:
    """Take up to BATCH queued articles and index them again; their ids."""
    ids = [r[0] for r in conn.execute(
        "DELETE FROM search_pending WHERE article_id IN (SELECT article_id FROM search_pending"
        " ORDER BY article_id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING article_id", (BATCH,))]
    if not ids:
        return ids
    conn.execute("DELETE FROM search_chunks WHERE article_id = ANY(?)", (ids,))
    conn.execute("DELETE FROM search_titles WHERE article_id = ANY(?)", (ids,))
    rows, titles = [], []
    for article_id, title, body, hidden in conn.execute(
            "SELECT id, title, text, hidden_spans FROM articles WHERE id = ANY(?)", (ids,)):
        for n, vectors in enumerate(pieces(title or "", _searchable(body or "", hidden))):
            rows.append((article_id, n, *vectors))
        titles.append((article_id, *title_vectors(title or "")))
    if rows:
        conn.executemany("INSERT INTO search_chunks (article_id, n, folded, cased, folded_pairs, cased_pairs)"
                         " VALUES (?, ?, ?::tsvector, ?::tsvector, ?::tsvector, ?::tsvector)", rows)
        conn.executemany("INSERT INTO search_titles VALUES (?, ?::tsvector, ?::tsvector)", titles)
    return ids


def rebuild_server_index(db: Database, progress: Progress | None = None) -> int:
    """Index every article again from scratch."""
    if db.read_only:
        return 0
    with db.engine.begin() as conn:
        conn.execute(text("TRUNCATE search_chunks, search_titles, search_pending"))
        conn.execute(text("INSERT INTO search_pending SELECT id FROM articles"))
    return sync_server_index(db, progress)
