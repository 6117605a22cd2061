"""Which articles still need segmenting or tagging: a read of the work left.

The scheduler asks at every start. The full answer (`full_scan`: every article joined
with its result row) is a covering-index pass over the whole library, 1-2 s at a million
articles even when nothing is left. On SQLite the answer is kept instead in `nlp_pending`
(storage/nlp_pending.py): triggers add or remove an article in the statement that
changes its text hash or its result row, judged against the engine recorded in
app_state for that kind. The engine names the user dictionary's version, which no
trigger can compute: when the current engine is not the recorded one (a dictionary
change, a new underthesea), the table is refilled once from the full query.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete

from desktop_app.core.storage.bulk_sql import bulk_sql, ids_in
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.dialects import keeps_nlp_pending
from desktop_app.core.storage.models import AppState
from desktop_app.core.storage.nlp_pending import KIND_OF_TABLE, STALE_FROM, engine_key
from desktop_app.core.storage.nlp_pending import refill as refill_rows


def articles_without_valid(db: Database, table: Any, engine: str) -> list[int]:
    """Ids of articles, in id order, whose row in `table` (keyed by article_id, with
    text_hash and engine columns: segmentations, taggings) is missing or stale: made from
    another text or by another engine. From `nlp_pending` when it was kept for `engine`."""
    name = table.__table__.name
    kind = KIND_OF_TABLE[name]
    with db.session() as session:
        conn = bulk_sql(session.connection())
        if not keeps_nlp_pending(session):
            return full_scan(conn, name, engine)
        recorded = conn.execute("SELECT value FROM app_state WHERE key = ?", (engine_key(name),)).fetchone()
        if recorded is not None and recorded[0] == engine:
            return _read(conn, name, kind, engine)
        if db.read_only:
            return full_scan(conn, name, engine)
    return refill(db, name, engine)


def full_scan(conn: Any, name: str, engine: str) -> list[int]:
    """The answer from every article: the stored hash compared with `articles.content_hash`
    (the same sha256 of the stored text), a covering scan of its unique index. Hashing
    every text took 5.1 s at 100,000 articles."""
    ids = [row[0] for row in conn.execute(f"SELECT a.id {STALE_FROM.format(name=name)}", (engine,))]
    ids.sort()
    return ids


def stale_among(db: Database, table: Any, engine: str, article_ids: list[int]) -> list[int]:
    """Which of these articles still have no valid row in `table` (in id order): the
    scheduler asks it of articles another client claimed (a server library), to learn
    which that client has finished. The full query's test, on these ids only."""
    if not article_ids:
        return []
    name = table.__table__.name
    with db.session() as session:
        conn = bulk_sql(session.connection())
        where, params = ids_in(conn, "a.id", article_ids)
        sql = (f"SELECT a.id FROM articles AS a LEFT JOIN {name} AS t ON t.article_id = a.id WHERE {where}"
               " AND (t.article_id IS NULL OR t.engine <> ? OR t.text_hash <> a.content_hash) ORDER BY a.id")
        return [row[0] for row in conn.execute(sql, (*params, engine))]


def refill(db: Database, name: str, engine: str) -> list[int]:
    """Fill the kind's rows of `nlp_pending` from the full query for `engine`, record the
    engine, and answer from it: one write transaction (the delete takes the write lock
    first, so the scan sees every committed change and none lands in between)."""
    with db.session() as session:
        conn = bulk_sql(session.connection())  # SQLite only (keeps_nlp_pending): the pysqlite connection
        refill_rows(conn, name, engine)
        return _read(conn, name, KIND_OF_TABLE[name], engine)


def _read(conn: Any, name: str, kind: str, engine: str) -> list[int]:
    # Joined to verify, cheaply: a listed article whose row is valid after all is left out
    # (no work is sent twice). Its hash is looked up in the unique index on content_hash
    # (`+a.id`: not a rowid lookup, which would read the article's row past its texts).
    sql = (f"SELECT p.article_id FROM nlp_pending AS p LEFT JOIN {name} AS t ON t.article_id = p.article_id"
           " WHERE p.kind = ? AND NOT (t.engine IS ? AND EXISTS (SELECT 1 FROM articles AS a"
           " WHERE a.content_hash = t.text_hash AND +a.id = p.article_id)) ORDER BY p.article_id")
    return [row[0] for row in conn.execute(sql, (kind, engine))]


def forget_engines(session: Any) -> None:
    """Make every kind's pending rows untrusted (the next read refills them) and stop their
    triggers: before a change of every row's engine (a new dictionary re-stamps them all)."""
    session.execute(delete(AppState).where(AppState.key.in_([engine_key(t) for t in KIND_OF_TABLE])))
