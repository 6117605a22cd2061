"""Schema v12: what still needs segmenting or tagging, kept by triggers (nlp/pending.py).

Kept apart from migrations.py (which would pass ~400 lines); frozen like every step there.
storage/nlp_pending.py creates the same statements for a new library.

`nlp_pending` holds (kind, article_id) for every article whose segmentation ('s') or
tagging ('t') is missing or stale, so the scheduler's question at every start is a read of
the work left, not a pass over every article. Triggers keep it in the statement that
changes an article's text hash or a result row. What they cannot see is the engine a row
must carry (it names the user dictionary's version, computed in Python): app_state
`nlp:pending:<table>` holds the engine the rows were made for; the triggers judge against
it and do nothing while it is missing (a dictionary change removes it: its re-stamping of
every row would otherwise run them a million times), and a reader whose engine differs
refills the table once from the full query.
"""

from __future__ import annotations

import sqlite3

KINDS = (("s", "segmentations"), ("t", "taggings"))

_TABLE = """CREATE TABLE nlp_pending (
	kind VARCHAR(1) NOT NULL,
	article_id INTEGER NOT NULL,
	CONSTRAINT pk_nlp_pending PRIMARY KEY (kind, article_id)
)
 WITHOUT ROWID"""


def _triggers(kind: str, table: str) -> list[str]:
    key = f"'nlp:pending:{table}'"
    kept = f"EXISTS (SELECT 1 FROM app_state WHERE key = {key})"
    engine = f"(SELECT value FROM app_state WHERE key = {key})"
    absent = f"NOT EXISTS (SELECT 1 FROM nlp_pending WHERE kind = '{kind}' AND article_id = {{0}})"
    # A result row is valid when made by the recorded engine from the article's current
    # text: its hash is found in the unique index on content_hash under that article's id
    # (`+id`: the index, not a rowid lookup that reads the row past its texts).
    row_valid = (f"(NEW.engine IS {engine} AND EXISTS (SELECT 1 FROM articles"
                 " WHERE content_hash = NEW.text_hash AND +id = NEW.article_id))")
    row_body = (f"DELETE FROM nlp_pending WHERE kind = '{kind}' AND article_id = NEW.article_id AND {row_valid};"
                f" INSERT INTO nlp_pending (kind, article_id) SELECT '{kind}', NEW.article_id"
                f" WHERE NOT {row_valid} AND EXISTS (SELECT 1 FROM articles WHERE id = NEW.article_id)"
                f" AND {absent.format('NEW.article_id')};")
    article_valid = (f"EXISTS (SELECT 1 FROM {table} WHERE article_id = NEW.id"
                     f" AND text_hash = NEW.content_hash AND engine IS {engine})")
    article_body = (f"DELETE FROM nlp_pending WHERE kind = '{kind}' AND article_id = NEW.id AND {article_valid};"
                    f" INSERT INTO nlp_pending (kind, article_id) SELECT '{kind}', NEW.id"
                    f" WHERE NOT {article_valid} AND {absent.format('NEW.id')};")
    return [
        f"CREATE TRIGGER nlp_pending_{table}_ai AFTER INSERT ON {table} WHEN {kept} BEGIN {row_body} END",
        f"CREATE TRIGGER nlp_pending_{table}_au AFTER UPDATE ON {table} WHEN {kept} BEGIN {row_body} END",
        f"CREATE TRIGGER nlp_pending_{table}_ad AFTER DELETE ON {table} WHEN {kept} BEGIN"
        f" INSERT INTO nlp_pending (kind, article_id) SELECT '{kind}', OLD.article_id"
        " WHERE EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id)"
        f" AND {absent.format('OLD.article_id')}; END",
        f"CREATE TRIGGER nlp_pending_{table}_articles_ai AFTER INSERT ON articles WHEN {kept}"
        f" BEGIN {article_body} END",
        f"CREATE TRIGGER nlp_pending_{table}_articles_au AFTER UPDATE OF content_hash ON articles"
        f" WHEN {kept} AND OLD.content_hash IS NOT NEW.content_hash BEGIN {article_body} END",
    ]


V12_PENDING_DDL: tuple[str, ...] = (
    _TABLE,
    *(sql for kind, table in KINDS for sql in _triggers(kind, table)),
    "CREATE TRIGGER nlp_pending_articles_ad AFTER DELETE ON articles BEGIN"
    " DELETE FROM nlp_pending WHERE kind IN ('s', 't') AND article_id = OLD.id; END",
)


def v12_nlp_pending(conn: sqlite3.Connection) -> None:
    for sql in V12_PENDING_DDL:
        conn.execute(sql)
    # Filled once with the full query, for the engine most valid-looking rows carry (the
    # dictionary's version lives in Python): when it is the app's, the first start reads
    # the table; when not (or no rows yet), that start refills it once, as after a change.
    for kind, table in KINDS:
        found = conn.execute(f"SELECT engine FROM {table} WHERE engine NOT LIKE '%; stale'"
                             " GROUP BY engine ORDER BY count(*) DESC, engine LIMIT 1").fetchone()
        if found is None:
            continue
        conn.execute(f"INSERT INTO nlp_pending (kind, article_id) SELECT ?, a.id FROM articles AS a"
                     f" LEFT JOIN {table} AS t ON t.article_id = a.id WHERE t.article_id IS NULL"
                     " OR t.engine IS NOT ? OR t.text_hash IS NOT a.content_hash", (kind, found[0]))
        conn.execute("INSERT OR REPLACE INTO app_state (key, value) VALUES (?, ?)",
                     (f"nlp:pending:{table}", found[0]))
