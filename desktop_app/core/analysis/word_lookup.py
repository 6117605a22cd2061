"""Reading the word index (nlp/word_index.py): which articles hold a query as whole
words, how many times, and each indexed article's words, without reading any text.

A query is keyed at its level (matching.key) and cut into pieces that are index terms
of that level: "cán bộ chủ chốt" is the word "cán bộ" then "chủ chốt", or "cán", "bộ",
"chủ chốt"... Each way is a `path`: term ids with how each follows the one before
(after spaces, or glued: "Nội" then ","). A path is an FTS5 phrase of the column of that
level; lines never overlap (concordance keeps the leftmost of two overlapping matches,
so does `count`). Only indexed articles are answered here: the others (not segmented
yet, or a library still being indexed) are read as before, by the callers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from desktop_app.core.nlp import word_index
from desktop_app.core.nlp.word_index import ALL, COLUMNS, EXACT, GLUED, GROUP, LEVEL_KIND, PREFIXES, hex_id
from desktop_app.core.storage.bulk_sql import bulk_sql
from desktop_app.core.storage.database import Database
from desktop_app.core.text.matching import MatchLevel, key, query_text

MAX_QUERY = 100  # characters of a keyed query looked up piece by piece (longer: read texts)
MAX_PATHS = 64
# A character other than an ASCII sign or digit (a letter, or anything not ASCII: the
# caller decides); the same with digits counting.
_WITH_LETTERS = "*[^ -@[-`{-~]*"
_WITH_DIGITS = "*[^ -/:-@[-`{-~]*"
Path_ = tuple[tuple[str, str], ...]  # ((prefix, hex id), ...); the first prefix is any


@dataclass(frozen=True)
class Plan:
    column: str
    paths: tuple[Path_, ...]  # empty: no indexed article can hold the query

    def fts(self) -> str | None:
        """The FTS5 expression finding the articles of every path."""
        phrases = []
        for path in self.paths:
            rest = [p + h for p, h in path[1:]]
            phrases += ['"' + " ".join([p + path[0][1], *rest]) + '"' for p in PREFIXES]
        return f"{self.column} : ({' OR '.join(phrases)})" if phrases else None


def plan(conn: sqlite3.Connection, query: str, level: MatchLevel) -> Plan | None:
    """The query as index phrases at `level`; None when it is too long or cuts too many
    ways to look up (the caller reads the texts instead)."""
    keyed = key(query_text(query), level)
    if not keyed or len(keyed) > MAX_QUERY:
        return None
    n = len(keyed)
    pieces = sorted({keyed[a:b] for a in range(n) for b in range(a + 1, n + 1)
                     if keyed[a] != " " and keyed[b - 1] != " "})
    kind = LEVEL_KIND[level]
    found: dict[str, int] = {}
    for i in range(0, len(pieces), 500):
        part = pieces[i:i + 500]
        found.update(conn.execute(f"SELECT text, id FROM word_terms WHERE kind = ? AND text IN"
                                  f" ({','.join('?' * len(part))})", (kind, *part)))
    memo: dict[int, list[Path_] | None] = {}

    def ways(start: int) -> list[Path_] | None:  # paths from `start`; None: too many
        if start not in memo:
            out: list[Path_] = []
            for end in range(start + 1, n + 1):
                term = found.get(keyed[start:end])
                if term is None:
                    continue
                if end == n:
                    out.append((("", hex_id(term)),))
                    continue
                after, prefix = (end + 1, "") if keyed[end] == " " else (end, GLUED)
                rest = ways(after)
                if rest is None:
                    return None
                out += [(("", hex_id(term)), (prefix, r[0][1]), *r[1:]) for r in rest]
            memo[start] = None if len(out) > MAX_PATHS else out
        return memo[start]

    paths = ways(0)
    return None if paths is None else Plan(COLUMNS[kind], tuple(paths))


@dataclass
class Index:
    """A read connection on an index with nothing queued (see `open_index`)."""

    conn: sqlite3.Connection

    def matching_ids(self, found: Plan, after: int = 0, limit: int = -1) -> list[int]:
        """Indexed articles holding the query, ascending: after `after`, at most `limit`
        (FTS5 walks its doclists from there: a page of a word in every article is cheap)."""
        expression = found.fts()
        if expression is None:
            return []
        return [r[0] for r in self.conn.execute(
            "SELECT rowid FROM word_fts WHERE word_fts MATCH ? AND rowid > ? ORDER BY rowid LIMIT ?",
            (expression, after, limit))]

    def matching_count(self, found: Plan) -> int:
        """How many indexed articles hold the query (counted in SQLite, no row in Python)."""
        expression = found.fts()
        if expression is None:
            return 0
        return self.conn.execute("SELECT count(*) FROM word_fts WHERE word_fts MATCH ?", (expression,)).fetchone()[0]

    def unindexed_ids(self, among: Iterable[int] | None = None) -> list[int]:
        """Articles the index does not hold (not segmented, or not taken in yet). When it
        holds them all (the usual case) two counts say so: no scan of the articles."""
        held = self.conn.execute("SELECT articles FROM word_term_totals WHERE term_id = ?", (ALL,)).fetchone()
        if held is not None and held[0] == self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]:
            return []
        ids = [r[0] for r in self.conn.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM word_index_articles) ORDER BY id")]
        if among is None:
            return ids
        wanted = set(among)
        return [i for i in ids if i in wanted]

    def _instances(self, term: str, column: str) -> Iterator[int]:
        return (doc << 32 | offset for doc, offset in self.conn.execute(
            "SELECT doc, offset FROM temp.word_vocab_i WHERE term = ? AND col = ?", (term, column)))

    def _starts(self, path: Path_, column: str) -> set[int]:
        """Where the path's phrase starts (doc << 32 | token). The rarest word first, then
        each other one only keeps what it continues: memory is that of the rarest one's
        positions, not of the most common word's (millions in a large corpus)."""
        steps = sorted(range(len(path)), key=lambda i: self.occurrences([int(path[i][1], 16)]))
        starts: set[int] | None = None
        for i in steps:
            terms = [p + path[0][1] for p in PREFIXES] if i == 0 else [path[i][0] + path[i][1]]
            if starts is None:
                starts = {x - i for t in terms for x in self._instances(t, column)}
            else:
                kept = starts
                starts = {x - i for t in terms for x in self._instances(t, column) if x - i in kept}
            if not starts:
                break
        return starts or set()

    def occurrences(self, term_ids: Iterable[int]) -> int:
        """Tokens of these terms in the whole index (running totals)."""
        return sum(self.conn.execute("SELECT coalesce(sum(occurrences), 0) FROM word_term_totals WHERE term_id = ?",
                                     (t,)).fetchone()[0] for t in set(term_ids))

    def phrase_instances(self, found: Plan) -> int:
        """Index positions `count` steps through for the phrases of several words (~3 µs
        each in Python: a common phrase of a million articles is millions of them)."""
        return self.occurrences(int(h, 16) for path in found.paths if len(path) > 1 for _, h in path)

    def count(self, found: Plan, article_ids: Iterable[int] | None = None) -> int:
        """Lines the query makes in indexed articles (of `article_ids` if given)."""
        wanted = None if article_ids is None else set(article_ids)
        # A one-word match never overlaps another match (its token is that one word):
        # without a scope, the running totals count them.
        single = [path for path in found.paths if len(path) == 1] if wanted is None else []
        total = self.occurrences(int(path[0][1], 16) for path in single)
        matches: list[tuple[int, int]] = []
        for path in found.paths:
            if wanted is None and len(path) == 1:
                continue
            matches += [(x, x + len(path) - 1) for x in self._starts(path, found.column)]
        if wanted is not None:
            matches = [m for m in matches if m[0] >> 32 in wanted]
        matches.sort()
        last = -1
        for start, end in matches:  # the leftmost of overlapping matches, as concordance
            if start > last:
                total += 1
                last = end
        return total

    def columns(self, ids: Sequence[int]) -> Iterator[tuple[int, list[str]]]:
        """(article id, its word_fts columns) for the indexed ones of `ids`, ascending."""
        for i in range(0, len(ids), 500):
            part = sorted(ids[i:i + 500])
            yield from ((aid, word_index.unpack_columns(blob)) for aid, blob in self.conn.execute(
                f"SELECT article_id, terms FROM word_index_articles WHERE article_id IN"
                f" ({','.join('?' * len(part))}) ORDER BY article_id", part))

    def term_texts(self, ids: Iterable[int]) -> dict[int, str]:
        wanted = sorted(set(ids))
        out: dict[int, str] = {}
        for i in range(0, len(wanted), 500):
            part = wanted[i:i + 500]
            out.update(self.conn.execute(
                f"SELECT id, text FROM word_terms WHERE id IN ({','.join('?' * len(part))})", part))
        return out

    def corpus_counts(self, count_numbers: bool) -> Iterator[tuple[int, int, str, int, int]]:
        """(kind, term id, text, occurrences, articles) of the written forms (EXACT) and
        grouping forms (GROUP) the index holds, from the running totals: no index read.
        Forms of ASCII signs only (and digits, unless `count_numbers`) are left out in
        SQLite, as frequencies leave them out: a corpus has a number in every article."""
        wanted = _WITH_DIGITS if count_numbers else _WITH_LETTERS
        return self.conn.execute(
            "SELECT w.kind, w.id, w.text, t.occurrences, t.articles FROM word_terms w"
            " JOIN word_term_totals t ON t.term_id = w.id"
            " WHERE w.kind IN (?, ?) AND w.text GLOB ? AND t.occurrences > 0", (EXACT, GROUP, wanted))

    def indexed_articles(self) -> int:
        row = self.conn.execute("SELECT articles FROM word_term_totals WHERE term_id = ?", (ALL,)).fetchone()
        return row[0] if row else 0

    def first_seen(self, term_id: int) -> tuple[int, int]:
        """(article, token) of the first occurrence of a written form."""
        found = [self.conn.execute("SELECT doc, offset FROM temp.word_vocab_i WHERE term = ? AND col = 'exact'"
                                   " LIMIT 1", (p + hex_id(term_id),)).fetchone() for p in PREFIXES]
        return min((f for f in found if f is not None), default=(1 << 62, 0))


@contextmanager
def open_index(db: Database) -> Iterator[Index | None]:
    """The Index when nothing is queued (after applying a short queue), else None: the
    caller reads the texts as before."""
    if not word_index.sync(db):
        yield None
        return
    with db.engine.connect() as sa_conn:
        conn = bulk_sql(sa_conn)
        if db.on_server:  # word_sequences instead of FTS5 (server_word_lookup.py)
            from desktop_app.core.analysis.server_word_lookup import ServerIndex, ready

            yield ServerIndex(conn) if ready(conn) else None
            return
        conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.word_vocab_i USING fts5vocab(main, word_fts, instance)")
        yield Index(conn)
