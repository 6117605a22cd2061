"""The word index's server-only parts (issue 17): what FTS5 `word_fts` and the SQLite
triggers of storage/word_index_models.py are on a PostgreSQL library.

`word_sequences` holds, per indexed article and per term kind (EXACT, WORD, NONE), the
article's tokens in order as one int array: `term_id * 4 + how it follows the token
before` (0 after spaces on the same line, 1 glued, 2 after a break; a hidden token is 3,
term 0). Term ids are unique across kinds, so a GIN index on the arrays finds the
articles holding a word (`&&`) or all words of a phrase (`@>`); the phrase's order is
then checked on the arrays (analysis/server_word_lookup.py). Token numbers are the FTS5
positions of the SQLite index, so both engines count the same lines.

The queue (`word_index_queue`) is filled by plpgsql triggers doing what the SQLite ones
do. Not in Base.metadata: SQLite libraries, publish/backup and table hashes are unchanged.
Made on open by a writable client, inside the schema's advisory-lock transaction.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

# pg_advisory_xact_lock key taken by every transaction writing the word index: two clients
# indexing the same article at once would otherwise both delete then insert its rows.
WORD_INDEX_LOCK = 0x4368754769617732  # "ChuGiaw2"

_QUEUE_FUNCTION = """
CREATE OR REPLACE FUNCTION chugiai_word_index_queue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'articles' THEN
        IF EXISTS (SELECT 1 FROM word_index_articles WHERE article_id = OLD.id) THEN
            INSERT INTO word_index_queue VALUES (OLD.id) ON CONFLICT DO NOTHING;
        END IF;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO word_index_queue VALUES (NEW.article_id) ON CONFLICT DO NOTHING;
    ELSIF TG_OP = 'DELETE' THEN
        IF EXISTS (SELECT 1 FROM word_index_articles WHERE article_id = OLD.article_id) THEN
            INSERT INTO word_index_queue VALUES (OLD.article_id) ON CONFLICT DO NOTHING;
        END IF;
    ELSIF OLD.spans IS DISTINCT FROM NEW.spans OR OLD.text_hash IS DISTINCT FROM NEW.text_hash
            OR OLD.article_id IS DISTINCT FROM NEW.article_id OR NEW.engine LIKE '%; stale' THEN
        INSERT INTO word_index_queue VALUES (OLD.article_id) ON CONFLICT DO NOTHING;
        INSERT INTO word_index_queue VALUES (NEW.article_id) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$
"""

DDL = (
    "CREATE TABLE IF NOT EXISTS word_sequences (article_id integer NOT NULL,"
    " kind smallint NOT NULL, terms integer[] NOT NULL, PRIMARY KEY (article_id, kind))",
    "CREATE INDEX IF NOT EXISTS ix_word_sequences_terms ON word_sequences USING gin (terms)",
    _QUEUE_FUNCTION,
    "DROP TRIGGER IF EXISTS chugiai_word_index_articles ON articles",
    "CREATE TRIGGER chugiai_word_index_articles AFTER UPDATE OF text, hidden_spans OR DELETE"
    " ON articles FOR EACH ROW EXECUTE FUNCTION chugiai_word_index_queue()",
    "DROP TRIGGER IF EXISTS chugiai_word_index_segmentations ON segmentations",
    "CREATE TRIGGER chugiai_word_index_segmentations AFTER INSERT OR UPDATE OR DELETE"
    " ON segmentations FOR EACH ROW EXECUTE FUNCTION chugiai_word_index_queue()",
)


def word_index_present(conn: Connection) -> bool:
    """Whether the library has the server word index (table and triggers)."""
    return bool(conn.execute(text(
        "SELECT to_regclass('word_sequences') IS NOT NULL AND (SELECT count(*) FROM pg_trigger"
        " WHERE tgname IN ('chugiai_word_index_articles', 'chugiai_word_index_segmentations')) = 2"
    )).scalar())


def install_word_index(conn: Connection) -> None:
    """Create the server word index when missing, in the caller's transaction (which holds
    the schema lock). Articles segmented before are taken in by word_index.build (pending:
    segmentations not indexed yet)."""
    if word_index_present(conn):
        return
    for statement in DDL:
        conn.execute(text(statement))
