"""The library list as windows of one ordered query: a count, a page at an offset, where
an article stands, and the ids of a range. Nothing here reads every article.

Each sort is an ORDER BY that an index serves as it stands (schema v9, storage/models.py):
"newest" walks ix_articles_published backwards (NULL sorts last descending), "oldest"
ix_articles_undated_published, "title" ix_articles_title_key, "source"
ix_articles_source_order. Highlight counts come from the maintained highlight_counts
table, one lookup per listed row. Plain SQL on the driver connection: SQLAlchemy rows
cost ~0.56 s per 100,000 (measured).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

from desktop_app.core.annotate.tag_paths import scope_tag_ids
from desktop_app.core.library.articles import SORTS, ArticleSummary, LibraryFilter
from desktop_app.core.library.attribute_filters import matching_articles, parse_where
from desktop_app.core.storage.article_order import source_key
from desktop_app.core.storage.bulk_sql import BulkSql, PostgresSql, bulk_sql
from desktop_app.core.storage.database import Database

# (expression, descending) of each sort, the article id last: a total order. The
# expressions are those of the indexes, so that SQLite walks an index instead of sorting.
ORDERS: dict[str, tuple[tuple[str, bool], ...]] = {
    "newest": (("a.published", True), ("a.id", True)),
    "oldest": (("a.published IS NULL", False), ("a.published", False), ("a.id", False)),
    "title": (("a.title_key", False), ("a.id", False)),
    # Within a source, newest first; articles without a source last.
    "source": (("a.source_key IS NULL", False), ("a.source_key", False), ("a.source", False),
               ("a.published", True), ("a.id", False)),
}
_COLUMNS = "a.id, a.title, a.source, a.author, a.published, coalesce(c.n, 0)"
_FROM = "articles AS a LEFT JOIN highlight_counts AS c ON c.article_id = a.id"


@contextmanager
def _reading(db: Database) -> Iterator[tuple[BulkSql, object]]:
    with db.session() as s:
        yield bulk_sql(s.connection()), s


def _where(s, where: LibraryFilter, conn: BulkSql) -> tuple[str, list[object]]:
    """The filter as SQL on `a` (articles) and `c` (highlight counts), with its parameters."""
    parts: list[str] = []
    params: list[object] = []
    on_pg = isinstance(conn, PostgresSql)
    if where.source is not None:
        # The key first: it narrows through ix_articles_source_order.
        key = source_key(where.source)
        if on_pg:  # no `IS ?`, and a boolean is not 0/1 there
            parts.append("a.source_key IS NOT DISTINCT FROM ? AND coalesce(a.source, '') = ?")
            params += [key, where.source]
        else:
            parts.append("(a.source_key IS NULL) = ? AND a.source_key IS ? AND coalesce(a.source, '') = ?")
            params += [int(key is None), key, where.source]
    if where.date_from:
        parts.append("a.published >= ?")
        params.append(where.date_from)
    if where.date_to:
        # "2023-04" must take "2023-04-30T10:00": compare against the prefix's end.
        parts.append("a.published < ?")
        params.append(where.date_to + "\uffff")
    if where.annotated is not None:
        parts.append("c.article_id IS NOT NULL" if where.annotated else "c.article_id IS NULL")
    if where.tag is not None:
        tag_ids = scope_tag_ids(s, where.tag)
        marks = ", ".join("?" * len(tag_ids)) or "NULL"
        parts.append("a.id IN (SELECT h.article_id FROM highlight_tags AS ht"
                     " JOIN highlights AS h ON h.id = ht.highlight_id"
                     f" WHERE ht.tag_id IN ({marks}))")
        params += tag_ids
    if where.where:
        # Attribute conditions are tested in Python (attribute_filters); their articles come
        # in as one JSON array. A condition that cannot be read raises AttributesError.
        matching = sorted(matching_articles(s, parse_where(where.where)))
        if on_pg:
            parts.append("a.id = ANY(?)")
            params.append(matching)
        else:
            parts.append("a.id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(matching))
    return (" WHERE " + " AND ".join(parts) if parts else ""), params


def _order(where: LibraryFilter) -> tuple[tuple[str, bool], ...]:
    if where.sort not in SORTS:
        raise ValueError(f"unknown sort {where.sort!r}; choose from {SORTS}")
    return ORDERS[where.sort]


def _order_by(where: LibraryFilter, conn: BulkSql) -> str:
    # PostgreSQL sorts NULL last ascending; spelled out, it sorts as SQLite does.
    nulls = ((" NULLS LAST", " NULLS FIRST") if isinstance(conn, PostgresSql) else ("", ""))
    return " ORDER BY " + ", ".join(f"{expr}{' DESC' + nulls[0] if desc else nulls[1]}"
                                    for expr, desc in _order(where))


def _limit(conn: BulkSql, limit: int) -> int | None:
    """LIMIT's parameter: -1 (all) is SQLite's spelling, NULL PostgreSQL's."""
    return None if limit < 0 and isinstance(conn, PostgresSql) else int(limit)


def count_listed(db: Database, where: LibraryFilter | None = None) -> int:
    where = where or LibraryFilter()
    with _reading(db) as (conn, s):
        sql, params = _where(s, where, conn)
        joined = _FROM if where.annotated is not None else "articles AS a"
        return conn.execute(f"SELECT count(*) FROM {joined}{sql}", params).fetchone()[0]


def list_page(db: Database, where: LibraryFilter | None, offset: int, limit: int,
              only: int | None = None) -> list[ArticleSummary]:
    """Rows offset .. offset + limit of the list, in its order (limit -1: all); `only`:
    just that article's row, if listed."""
    where = where or LibraryFilter()
    with _reading(db) as (conn, s):
        sql, params = _where(s, where, conn)
        if only is not None:
            sql += f"{' AND' if sql else ' WHERE'} a.id = ?"
            params.append(only)
        rows = conn.execute(f"SELECT {_COLUMNS} FROM {_FROM}{sql}{_order_by(where, conn)} LIMIT ? OFFSET ?",
                            [*params, _limit(conn, limit), int(offset)]).fetchall()
    return [ArticleSummary(*row) for row in rows]


def listed_ids(db: Database, where: LibraryFilter | None, offset: int, limit: int) -> list[int]:
    """The ids of rows offset .. offset + limit (a selection of many rows), from the index."""
    where = where or LibraryFilter()
    with _reading(db) as (conn, s):
        sql, params = _where(s, where, conn)
        joined = _FROM if where.annotated is not None else "articles AS a"
        return [r[0] for r in conn.execute(
            f"SELECT a.id FROM {joined}{sql}{_order_by(where, conn)} LIMIT ? OFFSET ?",
            [*params, _limit(conn, limit), int(offset)])]


def summaries(db: Database, article_ids: list[int]) -> dict[int, ArticleSummary]:
    """The list rows of these articles (any order, missing ones left out)."""
    found: dict[int, ArticleSummary] = {}
    with _reading(db) as (conn, _s):
        for i in range(0, len(article_ids), 500):
            chunk = article_ids[i:i + 500]
            marks = ", ".join("?" * len(chunk))
            for row in conn.execute(f"SELECT {_COLUMNS} FROM {_FROM} WHERE a.id IN ({marks})", chunk):
                found[row[0]] = ArticleSummary(*row)
    return found


def position_of(db: Database, where: LibraryFilter | None, article_id: int) -> int | None:
    """The article's row in the list, or None when the filter leaves it out: its sort
    keys, then how many listed rows come before them (SQLite's NULL order: first
    ascending, last descending; spelled out on PostgreSQL by _order_by)."""
    where = where or LibraryFilter()
    order = _order(where)
    with _reading(db) as (conn, s):
        sql, params = _where(s, where, conn)
        keys = conn.execute(
            f"SELECT {', '.join(expr for expr, _ in order)} FROM {_FROM}"
            f"{sql + ' AND' if sql else ' WHERE'} a.id = ?", [*params, article_id]).fetchone()
        if keys is None:
            return None
        before: list[str] = []
        before_params: list[object] = []
        equal: list[str] = []
        equal_params: list[object] = []
        for (bare, desc), value in zip(order, keys, strict=True):
            # Bracketed: "a.published IS NULL < ?" reads as "a.published IS (NULL < ?)".
            expr = f"({bare})"
            if value is None:
                step = f"{expr} IS NOT NULL" if desc else None  # nothing sorts before NULL ascending
                step_params: list[object] = []
            else:
                step = f"{expr} {'>' if desc else '<'} ?" + ("" if desc else f" OR {expr} IS NULL")
                step_params = [value]
            if step is not None:
                before.append("(" + " AND ".join([*equal, f"({step})"]) + ")")
                before_params += [*equal_params, *step_params]
            equal.append(f"{expr} {'IS NOT DISTINCT FROM' if isinstance(conn, PostgresSql) else 'IS'} ?")
            equal_params.append(value)
        condition = " OR ".join(before) or "1 = 0"
        return conn.execute(
            f"SELECT count(*) FROM {_FROM}{sql + ' AND' if sql else ' WHERE'} ({condition})",
            [*params, *before_params]).fetchone()[0]


def sources(db: Database) -> list[tuple[str, int]]:
    """Each source outlet with its number of articles ("" for none), in the list's source
    order (no source last), counted from ix_articles_source_order alone."""
    with _reading(db) as (conn, _s):
        rows = conn.execute(
            "SELECT coalesce(source, ''), count(*) FROM articles"
            " GROUP BY source_key IS NULL, source_key, source"
            " ORDER BY source_key IS NULL, source_key, source").fetchall()
    merged: dict[str, int] = {}
    for name, n in rows:  # NULL and "" are both "no source"
        merged[name] = merged.get(name, 0) + n
    return list(merged.items())
