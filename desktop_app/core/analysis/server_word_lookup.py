"""word_lookup.Index on a PostgreSQL library (issue 17): the word_fts reads done on
`word_sequences` (storage/server_word_tables.py) instead of FTS5.

A plan's paths are the same (word_lookup.plan reads word_terms the same way); a path's
first term may follow its neighbour in any way, the others as the path says. Articles
holding a one-word path come from the GIN index alone (`terms && [t*4, t*4+1, t*4+2]`, in
article order with LIMIT: a first page reads a page); a phrase's candidates are the
articles holding all its terms (`&&` for the first, `@>` for the rest), and its starts are
found on their arrays (list.index in C). Running totals and stored columns are the same
tables as on SQLite, read by the inherited methods.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from desktop_app.core.analysis.word_lookup import Index, Path_, Plan
from desktop_app.core.nlp.server_word_index import CODES
from desktop_app.core.nlp.word_index import EXACT, GROUP
from desktop_app.core.storage.bulk_sql import bulk_sql
from desktop_app.core.storage.database import Database

# word_lookup's GLOB patterns as regexes: a letter or anything not ASCII (digits too).
_WITH_LETTERS = re.compile(r"[^ -@\[-`{-~]")
_WITH_DIGITS = re.compile(r"[^ -/:-@\[-`{-~]")
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


class ServerIndex(Index):
    """The Index reads over word_sequences (a bulk_sql connection on a server library)."""

    def _docs(self, found: Plan, after: int, limit: int) -> list[int]:
        singles = [path for path in found.paths if len(path) == 1]
        out: set[int] = set()
        if singles:
            values = [v for path in singles for v in _any_prefix(path[0][1])]
            sql = ("SELECT article_id FROM word_sequences WHERE terms && ?::integer[] AND article_id > ?"
                   " ORDER BY article_id")
            params: list[Any] = [values, after]
            if limit >= 0:
                sql += " LIMIT ?"
                params.append(limit)
            out.update(r[0] for r in self.conn.execute(sql, params))
        for path in found.paths:
            if len(path) > 1:
                out.update(x >> 32 for x in self._starts(path, found.column) if x >> 32 > after)
        ordered = sorted(out)
        return ordered if limit < 0 else ordered[:limit]

    def matching_ids(self, found: Plan, after: int = 0, limit: int = -1) -> list[int]:
        return self._docs(found, after, limit)

    def matching_count(self, found: Plan) -> int:
        if not found.paths:
            return 0
        if all(len(path) == 1 for path in found.paths):
            values = [v for path in found.paths for v in _any_prefix(path[0][1])]
            return int(self.conn.execute("SELECT count(*) FROM word_sequences WHERE terms && ?::integer[]",
                                         (values,)).fetchone()[0])
        return len(self._docs(found, 0, -1))

    def _starts(self, path: Path_, column: str) -> set[int]:
        """Where the path's phrase starts (doc << 32 | token), as word_lookup.Index._starts."""
        first = _any_prefix(path[0][1])
        rest = [int(h, 16) * 4 + CODES[p] for p, h in path[1:]]
        if len(path) == 1:
            sql, params = "SELECT article_id, terms FROM word_sequences WHERE terms && ?::integer[]", [first]
        else:
            sql = ("SELECT article_id, terms FROM word_sequences WHERE terms && ?::integer[]"
                   " AND terms @> ?::integer[]")
            params = [first, rest]
        firsts, n = set(first), len(rest)
        starts: set[int] = set()
        for aid, terms in self.conn.execute(sql, params):
            if not rest:
                starts.update(aid << 32 | x for x, v in enumerate(terms) if v in firsts)
                continue
            second, i = rest[0], 0
            while True:
                try:
                    i = terms.index(second, i + 1)
                except ValueError:
                    break
                if terms[i - 1] in firsts and terms[i:i + n] == rest:
                    starts.add(aid << 32 | (i - 1))
        return starts

    def corpus_counts(self, count_numbers: bool) -> Iterator[tuple[int, int, str, int, int]]:
        wanted = _WITH_DIGITS if count_numbers else _WITH_LETTERS
        rows = self.conn.execute(
            "SELECT w.kind, w.id, w.text, t.occurrences, t.articles FROM word_terms w"
            " JOIN word_term_totals t ON t.term_id = w.id"
            " WHERE w.kind IN (?, ?) AND t.occurrences > 0", (EXACT, GROUP))
        return (row for row in rows if wanted.search(row[2]))

    def first_seen(self, term_id: int) -> tuple[int, int]:
        values = [term_id * 4 + c for c in (0, 1, 2)]
        row = self.conn.execute("SELECT article_id, terms FROM word_sequences WHERE terms && ?::integer[]"
                                " ORDER BY article_id LIMIT 1", (values,)).fetchone()
        if row is None:
            return _NEVER
        wanted = set(values)
        return row[0], next(i for i, v in enumerate(row[1]) if v in wanted)
