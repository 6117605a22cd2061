"""word_lookup.Index on a PostgreSQL library (issue 17): the word_fts reads done on
`word_sequences` (storage/server_word_tables.py) instead of FTS5.

A plan's paths are the same (word_lookup.plan reads word_terms the same way); a path's
first term may follow its neighbour in any way, the others as the path says. Articles
holding a one-word path come from the GIN index alone (`terms && [t*4, t*4+1, t*4+2]`, in
article order with LIMIT: a first page reads a page); a phrase's candidates are the
articles holding all its terms (`&&` for the first, `@>` for the rest), and its starts are
found on their arrays by the server (array_positions). Running totals and stored columns
are the same tables as on SQLite, read by the inherited methods.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

from desktop_app.core.analysis.word_lookup import Index, Path_, Plan
from desktop_app.core.nlp.server_word_index import CODES
from desktop_app.core.nlp.word_index import EXACT, GROUP
from desktop_app.core.storage.bulk_sql import bulk_sql, to_format_style
from desktop_app.core.storage.database import Database

# word_lookup's GLOB patterns as the server's regexes: a letter or anything not ASCII
# (digits too); filtered there (in Python: 3x as long, most terms of a corpus are numbers).
_WITH_LETTERS = r"[^\x20-\x40\x5b-\x60\x7b-\x7e]"
_WITH_DIGITS = r"[^\x20-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]"
_NEVER = (1 << 62, 0)


def ready(conn: Any) -> bool:
    """Whether this library has the server word index (a read-only client cannot make it)."""
    return bool(conn.execute("SELECT to_regclass('word_sequences') IS NOT NULL").fetchone()[0])


def every_article(db: Database, among: set[int] | None) -> list[int]:
    """concordance.candidate_ids on a server library: it has no search index yet
    (analysis/search.py is SQLite's FTS5), so every article (of `among`) may hold a query."""
    with db.engine.connect() as sa_conn:
        ids = {r[0] for r in bulk_sql(sa_conn).execute("SELECT id FROM articles")}
    return sorted(ids if among is None else ids & among)


def _any_prefix(hex_term: str) -> list[int]:
    t = int(hex_term, 16) * 4
    return [t, t + 1, t + 2]


def _values(path: Path_) -> list[int]:
    """The array values of a path's terms after the first (each with its prefix)."""
    return [int(h, 16) * 4 + CODES[p] for p, h in path[1:]]


# The articles holding the values (`&&`: any; `@>`: all), found by the GIN index first
# (MATERIALIZED): ordered by article id, the planner would walk the primary key and test
# every article's array (~120 ms on 10,000 articles for a rare word, statistics or not).
_MATCHING = ("WITH m AS MATERIALIZED (SELECT article_id, kind FROM word_sequences"
             " WHERE terms && ?::integer[] AND terms @> ?::integer[])")
_IDS = _MATCHING + " SELECT article_id FROM m WHERE article_id > ? ORDER BY article_id"
_IDS_IN_ORDER = ("SELECT article_id FROM word_sequences WHERE terms && ?::integer[] AND article_id > ?"
                 " ORDER BY article_id LIMIT ?")
COMMON = 20
_ARRAYS = (_MATCHING + " SELECT s.article_id, s.terms FROM (SELECT * FROM m WHERE article_id > ?"
           " ORDER BY article_id LIMIT ?) AS f JOIN word_sequences s USING (article_id, kind) ORDER BY 1")


def _phrase_sql(rest: int, limited: bool) -> str:
    """(article, [0-based token where the phrase starts, ...]) of the articles after an
    article id holding a path, in article order: the positions of its second term by
    array_positions (in C), the others compared around each, on the server (shipping every
    candidate's array to check it here took 4x as long). Parameters: first (any prefix),
    rest, after, the second term, first again, each later term [, limit]."""
    checks = "".join(f" AND s.terms[p + {k}] = ?::integer" for k in range(1, rest))
    return (_MATCHING + " SELECT f.article_id, x.starts FROM (SELECT * FROM m WHERE article_id > ?"
            " ORDER BY article_id) AS f, LATERAL (SELECT ARRAY(SELECT p - 2 FROM"
            " unnest(array_positions(s.terms, ?::integer)) AS p WHERE s.terms[p - 1] = ANY(?::integer[])"
            f"{checks}) AS starts FROM word_sequences s WHERE s.article_id = f.article_id AND s.kind = f.kind) AS x"
            " WHERE cardinality(x.starts) > 0 ORDER BY f.article_id" + (" LIMIT ?" if limited else ""))


class ServerIndex(Index):
    """The Index reads over word_sequences (a bulk_sql connection on a server library)."""

    def _arrays(self, values: list[int], after: int, limit: int | None) -> list[tuple[int, list[int]]]:
        """(article, its array) of the articles holding any of `values`, in article order,
        after `after`; int arrays come binary (psycopg's text parser: ~17 µs an array)."""
        with cast(Any, self.conn).raw.cursor(binary=True) as cursor:  # PostgresSql
            cursor.execute(to_format_style(_ARRAYS), [values, [], after, limit])
            return cursor.fetchall()

    def _phrase(self, path: Path_, after: int, limit: int) -> list[tuple[int, list[int]]]:
        """(article, where the path starts in it) after `after`, at most `limit` (-1: all)."""
        first, rest = _any_prefix(path[0][1]), _values(path)
        params: list[Any] = [first, rest, after, rest[0], first, *rest[1:]]
        if limit >= 0:
            params.append(limit)
        return list(self.conn.execute(_phrase_sql(len(rest), limit >= 0), params))

    def _docs(self, found: Plan, after: int, limit: int) -> list[int]:
        out: set[int] = set()
        singles = [v for path in found.paths if len(path) == 1 for v in _any_prefix(path[0][1])]
        if singles:
            sql, params = _IDS, [singles, [], after]
            if limit >= 0:
                sql, params = sql + " LIMIT ?", [*params, limit]
                if self._common([int(path[0][1], 16) for path in found.paths if len(path) == 1]):
                    sql, params = _IDS_IN_ORDER, [singles, after, limit]
            out.update(r[0] for r in self.conn.execute(sql, params))
        for path in found.paths:
            if len(path) > 1:
                out.update(aid for aid, _ in self._phrase(path, after, limit))
        ordered = sorted(out)
        return ordered if limit < 0 else ordered[:limit]

    def _common(self, term_ids: list[int]) -> bool:
        """Whether these terms are in at least 1 in COMMON indexed articles: a page of them
        is then found faster in article order (a few arrays tested an article found) than
        by the GIN index (every match, then sorted)."""
        held = self.conn.execute("SELECT coalesce(sum(articles), 0) FROM word_term_totals WHERE term_id = ANY(?)",
                                 (term_ids,)).fetchone()[0]
        return bool(held * COMMON >= self.indexed_articles())

    def matching_ids(self, found: Plan, after: int = 0, limit: int = -1) -> list[int]:
        return self._docs(found, after, limit)

    def matching_count(self, found: Plan) -> int:
        if len(found.paths) == 1 and len(found.paths[0]) == 1:  # one word: its running total
            row = self.conn.execute("SELECT articles FROM word_term_totals WHERE term_id = ?",
                                    (int(found.paths[0][0][1], 16),)).fetchone()
            return int(row[0]) if row else 0
        if found.paths and all(len(path) == 1 for path in found.paths):
            values = [v for path in found.paths for v in _any_prefix(path[0][1])]
            return int(self.conn.execute("SELECT count(*) FROM word_sequences WHERE terms && ?::integer[]",
                                         (values,)).fetchone()[0])
        return len(self._docs(found, 0, -1))

    def _starts(self, path: Path_, column: str) -> set[int]:
        """Where the path's phrase starts (doc << 32 | token), as word_lookup.Index._starts."""
        if len(path) == 1:
            values = _any_prefix(path[0][1])
            wanted = set(values)
            return {aid << 32 | x for aid, terms in self._arrays(values, 0, None)
                    for x, v in enumerate(terms) if v in wanted}
        return {aid << 32 | x for aid, starts in self._phrase(path, 0, -1) for x in starts}

    def corpus_counts(self, count_numbers: bool) -> Iterator[tuple[int, int, str, int, int]]:
        wanted = _WITH_DIGITS if count_numbers else _WITH_LETTERS
        return iter(self.conn.execute(
            "SELECT w.kind, w.id, w.text, t.occurrences, t.articles FROM word_terms w"
            " JOIN word_term_totals t ON t.term_id = w.id"
            " WHERE w.kind IN (?, ?) AND w.text ~ ? AND t.occurrences > 0", (EXACT, GROUP, wanted)))

    def first_seen(self, term_id: int) -> tuple[int, int]:
        values = [term_id * 4 + c for c in (0, 1, 2)]
        rows = self._arrays(values, 0, 1)
        if not rows:
            return _NEVER
        wanted = set(values)
        return rows[0][0], next(i for i, v in enumerate(rows[0][1]) if v in wanted)
