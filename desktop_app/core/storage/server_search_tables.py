"""The server-only tables of a library's search index on PostgreSQL, and the trigger that
queues changed articles for it (analysis/search_server_index.py fills them). Plain DDL, not
in `Base.metadata`: publish, backup and the table hashes do not see them.

- `search_chunks(article_id, n, folded, cased)`: each article's pieces as two tsvectors
  (folded words: the NONE level; case-folded words: EXACT and WORD), each GIN-indexed, and
  the pairs of adjacent words of each (`folded_pairs`, `cased_pairs`, no positions): the
  GIN index answers a two-word phrase from them without reading a piece.
- `search_titles(article_id, folded, cased)`: the titles alone, for "title matches first"
  (a weight-restricted query on the pieces would read every piece holding the words).
- `search_pending(article_id)`: articles changed since they were indexed, queued by a
  plpgsql trigger on `articles` (insert, delete, update of id/title/text/hidden_spans).
  DO UPDATE (not DO NOTHING) locks the queued row until the writer commits, so a sync
  taking the queue with SKIP LOCKED never indexes the text from before an uncommitted write.
- `search_state`: the index version.

`install_search_index` runs when a writable client opens the library (server.py, under the
schema lock): nothing when all is in place, else it makes what is missing and queues
every article (the next search indexes them).
"""

from __future__ import annotations

from sqlalchemy import exc as sa_exc
from sqlalchemy import text
from sqlalchemy.engine import Connection

# search_index.INDEX_VERSION (the folding), then the server layout (pieces, lexemes): change
# it with either, and every article is indexed again (tests check the first half).
SERVER_INDEX_VERSION = "4.3"
INSUFFICIENT_PRIVILEGE = "42501"
UNDEFINED_TABLE = "42P01"

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS search_chunks (article_id bigint NOT NULL, n integer NOT NULL,"
    " folded tsvector NOT NULL, cased tsvector NOT NULL, folded_pairs tsvector NOT NULL,"
    " cased_pairs tsvector NOT NULL, PRIMARY KEY (article_id, n))",
    "CREATE INDEX IF NOT EXISTS search_chunks_folded ON search_chunks USING gin (folded)",
    "CREATE INDEX IF NOT EXISTS search_chunks_cased ON search_chunks USING gin (cased)",
    "CREATE INDEX IF NOT EXISTS search_chunks_folded_pairs ON search_chunks USING gin (folded_pairs)",
    "CREATE INDEX IF NOT EXISTS search_chunks_cased_pairs ON search_chunks USING gin (cased_pairs)",
    "CREATE TABLE IF NOT EXISTS search_titles (article_id bigint PRIMARY KEY, folded tsvector NOT NULL,"
    " cased tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS search_titles_folded ON search_titles USING gin (folded)",
    "CREATE INDEX IF NOT EXISTS search_titles_cased ON search_titles USING gin (cased)",
    "CREATE TABLE IF NOT EXISTS search_pending (article_id bigint PRIMARY KEY)",
    "CREATE TABLE IF NOT EXISTS search_state (key text PRIMARY KEY, value text NOT NULL)",
    # DO UPDATE (not DO NOTHING) locks the queued row until this writer commits: a sync
    # skips it meanwhile (SKIP LOCKED) instead of indexing the text from before the write.
    """CREATE OR REPLACE FUNCTION chugiai_search_queue() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.id <> NEW.id) THEN
		INSERT INTO search_pending VALUES (OLD.id)
			ON CONFLICT (article_id) DO UPDATE SET article_id = EXCLUDED.article_id;
	END IF;
	IF TG_OP <> 'DELETE' THEN
		INSERT INTO search_pending VALUES (NEW.id)
			ON CONFLICT (article_id) DO UPDATE SET article_id = EXCLUDED.article_id;
	END IF;
	RETURN NULL;
END
$$""",
    "DROP TRIGGER IF EXISTS tr_search_queue ON articles",
    "CREATE TRIGGER tr_search_queue AFTER INSERT OR DELETE OR UPDATE OF id, title, text, hidden_spans"
    " ON articles FOR EACH ROW EXECUTE FUNCTION chugiai_search_queue()",
)


def search_index_ready(conn: Connection) -> bool:
    """Tables, trigger and version in place (two tiny queries)."""
    present = conn.execute(text(
        "SELECT to_regclass('search_chunks') IS NOT NULL AND to_regclass('search_pending') IS NOT NULL"
        " AND to_regclass('search_titles') IS NOT NULL"
        " AND to_regclass('search_state') IS NOT NULL AND EXISTS (SELECT 1 FROM pg_trigger"
        " WHERE tgname = 'tr_search_queue' AND tgrelid = to_regclass('articles'))")).scalar()
    return bool(present) and conn.execute(text(
        "SELECT value FROM search_state WHERE key = 'version'")).scalar() == SERVER_INDEX_VERSION


def install_search_index(conn: Connection) -> None:
    """Make the server's search tables and trigger when missing or of another version, in the
    caller's transaction (server.py calls it under the schema lock, writable clients only);
    then every article waits in the queue. Nothing when all is in place. Only the owner of
    `articles` (the coder who published the library) may add a trigger to it: another
    coder's client leaves it undone, and search says so (search_server_index.py)."""
    if search_index_ready(conn):
        return
    try:
        with conn.begin_nested():  # a savepoint: a refusal leaves the opening transaction usable
            _install(conn)
    except sa_exc.ProgrammingError as e:
        if getattr(e.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
            raise


def _install(conn: Connection) -> None:
    # Another layout, or a part lost: made again from nothing.
    conn.execute(text("DROP TABLE IF EXISTS search_chunks, search_titles, search_pending"))
    for sql in _SCHEMA:
        conn.execute(text(sql))
    conn.execute(text("INSERT INTO search_pending SELECT id FROM articles"))
    conn.execute(text("INSERT INTO search_state VALUES ('version', :v) ON CONFLICT (key)"
                      " DO UPDATE SET value = EXCLUDED.value"), {"v": SERVER_INDEX_VERSION})
