"""The highlight_counts triggers on PostgreSQL: the same upserts and decrements as the
SQLite triggers of article_order.py (HIGHLIGHT_COUNT_TRIGGERS), in plpgsql, so every writer
(bulk inserts, undo, merges, publish) keeps the article list's counts on a server library.

A row exists only while its article has highlights (n > 0). An article deleted takes its
row with it (ON DELETE CASCADE); its highlights' delete trigger then finds no row to lower.
`install_count_triggers` is idempotent (CREATE OR REPLACE, DROP TRIGGER IF EXISTS) and runs
in the caller's transaction, under the schema advisory lock the server code takes.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

TRIGGER_NAMES = ("tr_highlight_counts_insert", "tr_highlight_counts_delete", "tr_highlight_counts_move")

_FUNCTIONS = (
    """CREATE OR REPLACE FUNCTION chugiai_highlight_counts() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	remaining integer;
BEGIN
	IF TG_OP <> 'INSERT' THEN  -- delete, or a move: one fewer where it was
		UPDATE highlight_counts SET n = n - 1 WHERE article_id = OLD.article_id RETURNING n INTO remaining;
		IF remaining <= 0 THEN  -- NULL (no row: its article is being deleted) does nothing
			DELETE FROM highlight_counts WHERE article_id = OLD.article_id;
		END IF;
	END IF;
	IF TG_OP <> 'DELETE' THEN  -- insert, or a move: one more where it is
		INSERT INTO highlight_counts (article_id, n) VALUES (NEW.article_id, 1)
			ON CONFLICT (article_id) DO UPDATE SET n = highlight_counts.n + 1;
	END IF;
	RETURN NULL;
END
$$""",
)

_TRIGGERS = (
    "CREATE TRIGGER tr_highlight_counts_insert AFTER INSERT ON highlights "
    "FOR EACH ROW EXECUTE FUNCTION chugiai_highlight_counts()",
    "CREATE TRIGGER tr_highlight_counts_delete AFTER DELETE ON highlights "
    "FOR EACH ROW EXECUTE FUNCTION chugiai_highlight_counts()",
    "CREATE TRIGGER tr_highlight_counts_move AFTER UPDATE OF article_id ON highlights "
    "FOR EACH ROW WHEN (NEW.article_id IS DISTINCT FROM OLD.article_id) "
    "EXECUTE FUNCTION chugiai_highlight_counts()",
)

_RECOUNT = (
    "DELETE FROM highlight_counts",
    "INSERT INTO highlight_counts (article_id, n) "
    "SELECT article_id, count(*) FROM highlights GROUP BY article_id",
)


def count_triggers_present(conn: Connection) -> bool:
    """Whether all three triggers exist on highlights."""
    found = conn.execute(text(
        "SELECT count(*) FROM pg_trigger WHERE tgrelid = to_regclass('highlights') "
        "AND NOT tgisinternal AND tgname = ANY(:names)"), {"names": list(TRIGGER_NAMES)}).scalar_one()
    return int(found) == len(TRIGGER_NAMES)


def install_count_triggers(conn: Connection, *, recount: bool) -> None:
    """Create (or replace) the functions and triggers; `recount`: rebuild highlight_counts
    from highlights first (a library made before the triggers holds stale counts)."""
    for sql in _FUNCTIONS:
        conn.exec_driver_sql(sql)
    for name in TRIGGER_NAMES:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON highlights")
    for sql in _TRIGGERS:
        conn.exec_driver_sql(sql)
    if recount:
        for sql in _RECOUNT:
            conn.exec_driver_sql(sql)
