"""What coded passages, matrices and co-occurrence read, in bulk and from one snapshot: the
codebook's scopes (a tag and every tag nested under it), highlights with their tags, whole-
article codes, article facts. Plain SQL on the driver connection (storage.bulk_sql: the
pysqlite connection itself on SQLite, `?` rewritten for psycopg on PostgreSQL): the ORM
would cost ~4x on 100,000 rows.

Orphaned highlights (a re-import lost their place) are never read here: their positions
belong to an older text, so they can neither be shown in context nor counted by place.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from desktop_app.core.annotate.tag_paths import tag_path
from desktop_app.core.messages import Message, MessageError
from desktop_app.core.nlp.user_dictionary import KEY as DICTIONARY_KEY
from desktop_app.core.nlp.user_dictionary import engine_of_stored
from desktop_app.core.storage.bulk_sql import BulkSql, bulk_sql, driver_errors, ids_in, is_postgres
from desktop_app.core.storage.database import Database, DatabaseError, explain_message
from desktop_app.core.text.normalize import fold

_CHUNK = 900  # ids per IN (...) when they must be bound


class AnalysisError(MessageError, ValueError):
    """A question that cannot be answered as asked (an unknown tag...); `message` says why."""


@contextmanager
def snapshot(db: Database) -> Iterator[BulkSql]:
    """A read transaction: every query sees the library as it was when the first ran, even
    while the window writes (WAL on SQLite; REPEATABLE READ on PostgreSQL)."""
    with db.engine.connect() as sa_conn:
        if is_postgres(sa_conn):  # set before the first statement begins the transaction
            sa_conn = sa_conn.execution_options(isolation_level="REPEATABLE READ",
                                                postgresql_readonly=True)
        conn = bulk_sql(sa_conn)
        try:
            if not is_postgres(sa_conn):
                conn.execute("BEGIN")
            try:
                yield conn
            finally:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
        except driver_errors() as e:
            raise DatabaseError(explain_message(e, db.path)) from e


def id_list(ids: Iterable[int]) -> str:
    """Integers for an IN (...) written into the SQL: no limit on bound parameters, and
    safe, since int() of each is taken."""
    return ",".join(str(int(i)) for i in sorted(set(ids))) or "NULL"


def chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    ordered = sorted(set(ids))
    for i in range(0, len(ordered), _CHUNK):
        yield ordered[i:i + _CHUNK]


@dataclass(frozen=True)
class Codebook:
    names: dict[int, str]  # tag id -> name
    _scopes: dict[tuple[str, ...], set[int]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Each tag under every prefix of its path: a scope is then one look-up (asking for
        # 200 scopes one by one, in_tag_scope on every tag, took 150 ms).
        for i, n in self.names.items():
            path = tag_path(n)
            for k in range(1, len(path) + 1):
                self._scopes.setdefault(path[:k], set()).add(i)

    def scope(self, name: str) -> frozenset[int]:
        """The tag named and every tag nested under it (in_tag_scope); AnalysisError when
        there is none."""
        found = frozenset(self._scopes.get(tag_path(name), ()))
        if not found:
            raise AnalysisError(Message("analysis.unknown_tag", {"name": name}))
        return found

    def ordered(self) -> list[int]:
        """Tag ids in codebook order: by path, each part ignoring case and diacritics."""
        return sorted(self.names, key=lambda i: (tuple(fold(p) for p in tag_path(self.names[i])),
                                                 self.names[i]))

    def rows(self, names: Iterable[str] | None = None, nested: bool = False
             ) -> list[tuple[str, frozenset[int]]]:
        """(name, tag ids counted under it) for each row of a table: the tags named (all,
        in codebook order, by default); `nested`: a tag also counts those nested under it."""
        picked = [self.names[i] for i in self.ordered()] if names is None else list(names)
        out = []
        for name in picked:
            scope = self.scope(name)
            own = frozenset(i for i in scope if self.names[i] == name) or scope
            out.append((name, scope if nested else own))
        return out


def read_codebook(conn: BulkSql) -> Codebook:
    return Codebook(dict(conn.execute("SELECT id, name FROM tags")))


def tag_links(conn: BulkSql, tag_ids: Iterable[int]) -> list[tuple[int, int]]:
    """(highlight id, tag id) of highlights carrying these tags, orphans included (spans_of
    leaves them out). From the covering index (tag_id, highlight_id) alone."""
    return conn.execute(
        f"SELECT highlight_id, tag_id FROM highlight_tags WHERE tag_id IN ({id_list(tag_ids)})").fetchall()


def spans_of(conn: BulkSql, highlight_ids: Iterable[int] | None
             ) -> dict[int, tuple[int, int, int]]:
    """highlight id -> (article id, start, end) of anchored highlights (all when None)."""
    sql = 'SELECT id, article_id, start, "end" FROM highlights WHERE orphaned = 0'
    if highlight_ids is None:
        return {h: (a, s, e) for h, a, s, e in conn.execute(sql)}
    out: dict[int, tuple[int, int, int]] = {}
    for part in chunks(highlight_ids):
        where, params = ids_in(conn, "id", part)
        out.update((h, (a, s, e)) for h, a, s, e in conn.execute(f"{sql} AND {where}", params))
    return out


def article_codes(conn: BulkSql, tag_ids: Iterable[int] | None = None) -> list[tuple[int, int]]:
    """(article id, tag id) whole-article codes (of these tags)."""
    sql = "SELECT article_id, tag_id FROM article_codes"
    if tag_ids is not None:
        sql += f" WHERE tag_id IN ({id_list(tag_ids)})"
    return conn.execute(sql).fetchall()


def text_lengths(conn: BulkSql) -> dict[int, int]:
    return dict(conn.execute("SELECT id, length(text) FROM articles"))


def article_texts(conn: BulkSql, article_ids: Iterable[int]) -> Iterator[tuple[int, str]]:
    for part in chunks(article_ids):
        where, params = ids_in(conn, "id", part)
        yield from conn.execute(f"SELECT id, text FROM articles WHERE {where}", params)


_TYPECODE = "I" if array("I").itemsize == 4 else "L"


def article_words(conn: BulkSql, article_ids: Iterable[int]
                  ) -> Iterator[tuple[int, str, array | None]]:
    """(article id, text, flat word spans [start, end, start, end...]) of each article, the
    spans None when it has no valid segmentation (made by our engine from this very text:
    the importer keeps content_hash the sha256 the segmentation stores, with the current
    user dictionary)."""
    found = conn.execute("SELECT value FROM app_state WHERE key = ?", (DICTIONARY_KEY,)).fetchone()
    engine_now = engine_of_stored(found[0] if found else None)
    for part in chunks(article_ids):
        where, params = ids_in(conn, "a.id", part)
        rows = conn.execute(
            "SELECT a.id, a.text, a.content_hash, s.text_hash, s.engine, s.spans FROM articles a"
            f" LEFT JOIN segmentations s ON s.article_id = a.id WHERE {where}", params)
        for article_id, text, content_hash, seg_hash, engine, blob in rows:
            text = text or ""
            flat = None
            if engine == engine_now and seg_hash == content_hash and blob is not None and len(blob) % 8 == 0:
                flat = array(_TYPECODE)
                flat.frombytes(blob)
                if sys.byteorder == "big":
                    flat.byteswap()
                if flat and flat[-1] > len(text):
                    flat = None
            yield article_id, text, flat
