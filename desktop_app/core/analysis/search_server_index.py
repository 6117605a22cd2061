"""The search index of a library on a PostgreSQL server (docs/postgresql.md, sections 4-5):
the same terms as the SQLite FTS5 index (search_index.py), held in `tsvector`s with a GIN
index (the tables and the queueing trigger: storage/server_search_tables.py), and its upkeep.

- Each article is cut in pieces of at most CHUNK_WORDS words (a tsvector's positions stop at
  16,383 and it holds at most 1 MB; a lexeme keeps at most 256 positions, so a piece also
  ends before any word's 256th occurrence). Pieces overlap by MAX_QUERY_WORDS words, so a
  phrase of a query always lies whole in one of them.
- Each word is two lexemes at the same position: its folded key (the NONE level) and
  X_MARK + its case-folded form (EXACT and WORD), as the FTS5 columns hold them. The title is
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
import re
from collections.abc import Iterator
from typing import Any

from sqlalchemy import exc as sa_exc
from sqlalchemy import text

from desktop_app.core.analysis.search import MAX_QUERY_WORDS
from desktop_app.core.analysis.search_index import BATCH, X_MARK, _key, _searchable
from desktop_app.core.progress import Progress
from desktop_app.core.storage.bulk_sql import bulk_sql, driver_errors
from desktop_app.core.storage.database import Database, DatabaseError
from desktop_app.core.text.matching import casefolded

CHUNK_WORDS = 5000
MAX_POSITIONS = 255  # a lexeme keeps 256 positions in a tsvector: a piece ends before more
OVERLAP = MAX_QUERY_WORDS  # the longest phrase a query can hold
_WORD_RE = re.compile(r"[^\W_]+")  # what FTS5's unicode61 calls a token, near enough

# ---------------------------------------------------------------- pieces


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def _tsvector(words: list[tuple[str, int, bool]]) -> str:
    """A tsvector literal of (lexeme, position, in the title)."""
    positions: dict[str, list[str]] = {}
    for lexeme, pos, titled in words:
        positions.setdefault(lexeme, []).append(f"{pos}A" if titled else str(pos))
    return " ".join(_lexeme(k) + ":" + ",".join(v) for k, v in positions.items())


def _tokens(text: str) -> tuple[list[re.Match[str]], list[re.Match[str]]]:
    """(folded words, case-folded words) of `text`, as the two FTS5 column pairs hold them."""
    return list(_WORD_RE.finditer(_key(text))), list(_WORD_RE.finditer(casefolded(text)))


def _cuts(folded: list[re.Match[str]]) -> Iterator[tuple[int, int]]:
    """(first, end) word indexes of each piece: at most CHUNK_WORDS words, no word more than
    MAX_POSITIONS times, each overlapping the previous one by OVERLAP words."""
    start, n = 0, len(folded)
    while True:
        seen: dict[str, int] = {}
        end = start
        while end < n and end - start < CHUNK_WORDS:
            word = folded[end].group()
            if seen.get(word, 0) >= MAX_POSITIONS:
                break
            seen[word] = seen.get(word, 0) + 1
            end += 1
        yield start, end
        if end >= n:
            return
        start = end - OVERLAP


def pieces(title: str, body: str) -> list[str]:
    """The tsvector literals of one article's pieces (at least one, maybe empty)."""
    title_f, title_x = _tokens(title)
    body_f, body_x = _tokens(body)
    head = [(w.group(), i + 1, True) for i, w in enumerate(title_f)]
    head += [(X_MARK + w.group(), i + 1, True) for i, w in enumerate(title_x)]
    gap = max(len(title_f), len(title_x)) + 2  # no phrase across the title's end
    x_starts = [w.start() for w in body_x]
    out = []
    for first, end in _cuts(body_f):
        words = head if first == 0 else []
        base = gap if first == 0 else 1
        words = words + [(w.group(), base + i, False) for i, w in enumerate(body_f[first:end])]
        if end > first:  # the case-folded words in the same stretch of text
            lo = bisect.bisect_left(x_starts, body_f[first].start())
            hi = bisect.bisect_left(x_starts, body_f[end - 1].end())
            words += [(X_MARK + w.group(), base + i, False) for i, w in enumerate(body_x[lo:hi])]
        out.append(_tsvector(words))
    return out


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
            waiting = sa_conn.execute(text("SELECT EXISTS (SELECT 1 FROM search_pending)")).scalar()
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


def _index_batch(conn: Any) -> list[int]:
    """Take up to BATCH queued articles and index them again; their ids."""
    ids = [r[0] for r in conn.execute(
        "DELETE FROM search_pending WHERE article_id IN (SELECT article_id FROM search_pending"
        " ORDER BY article_id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING article_id", (BATCH,))]
    if not ids:
        return ids
    conn.execute("DELETE FROM search_chunks WHERE article_id = ANY(?)", (ids,))
    rows = []
    for article_id, title, body, hidden in conn.execute(
            "SELECT id, title, text, hidden_spans FROM articles WHERE id = ANY(?)", (ids,)):
        for n, tsv in enumerate(pieces(title or "", _searchable(body or "", hidden))):
            rows.append((article_id, n, tsv))
    if rows:
        conn.executemany("INSERT INTO search_chunks (article_id, n, tsv) VALUES (?, ?, ?::tsvector)", rows)
    return ids


def rebuild_server_index(db: Database, progress: Progress | None = None) -> int:
    """Index every article again from scratch."""
    if db.read_only:
        return 0
    with db.engine.begin() as conn:
        conn.execute(text("TRUNCATE search_chunks, search_pending"))
        conn.execute(text("INSERT INTO search_pending SELECT id FROM articles"))
    return sync_server_index(db, progress)
