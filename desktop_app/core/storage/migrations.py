"""Schema upgrades: each version's step, run in one transaction after a backup copy.

Steps are frozen SQL, never derived from models.py (the models describe only the newest
schema). DESIGN.md: a table rebuild with foreign keys on fires ON DELETE CASCADE and
silently deletes child rows, so upgrades run with foreign keys off, and
`PRAGMA foreign_key_check` must come back clean before the commit.

The plain sqlite3 module is used with isolation_level=None: its default mode would
commit DDL (ALTER TABLE) on its own, outside our transaction.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from desktop_app.core.messages import Message, MessageError
from desktop_app.core.storage.copies import consistent_copy
from desktop_app.core.storage.origin_indexes import v13_origin_indexes
from desktop_app.core.storage.pending_migration import v12_nlp_pending
from desktop_app.core.storage.row_versions import v14_row_versions
from desktop_app.core.storage.word_totals_migration import v11_word_totals

Step = Callable[[sqlite3.Connection], None]


def _v2_hidden_spans(conn: sqlite3.Connection) -> None:
    # Web leftovers the reader hides; the text keeps them, so offsets never move.
    conn.execute("ALTER TABLE articles ADD COLUMN hidden_spans TEXT NOT NULL DEFAULT '[]'")


def _v3_orphaned(conn: sqlite3.Connection) -> None:
    # Highlights a re-import could not place: kept with their tags and note, shown to the
    # user for re-attaching, never painted at a stale position.
    conn.execute("ALTER TABLE highlights ADD COLUMN orphaned INTEGER NOT NULL DEFAULT 0")


def _v4_tagging(conn: sqlite3.Connection) -> None:
    # Parts of speech and named-entity suggestions (a cache, like segmentations), and the
    # suggestions a user rejected (their own work: kept apart from highlights).
    conn.execute(
        """CREATE TABLE taggings (
	article_id INTEGER NOT NULL,
	text_hash VARCHAR(64) NOT NULL,
	engine VARCHAR NOT NULL,
	pos_spans BLOB NOT NULL,
	pos_tags BLOB NOT NULL,
	pos_names TEXT NOT NULL,
	entities TEXT NOT NULL,
	created_at DATETIME NOT NULL,
	CONSTRAINT pk_taggings PRIMARY KEY (article_id),
	CONSTRAINT fk_taggings_article_id_articles FOREIGN KEY(article_id)
		REFERENCES articles (id) ON DELETE CASCADE
)"""
    )
    conn.execute(
        """CREATE TABLE rejected_suggestions (
	article_id INTEGER NOT NULL,
	start INTEGER NOT NULL,
	"end" INTEGER NOT NULL,
	label VARCHAR NOT NULL,
	quote TEXT NOT NULL,
	created_at DATETIME NOT NULL,
	CONSTRAINT pk_rejected_suggestions PRIMARY KEY (article_id, start, "end", label),
	CONSTRAINT fk_rejected_suggestions_article_id_articles FOREIGN KEY(article_id)
		REFERENCES articles (id) ON DELETE CASCADE
)"""
    )


def _v5_article_memos(conn: sqlite3.Connection) -> None:
    # The user's memo on a whole article: a table of its own, so that saving it as the user
    # types writes a small row instead of rewriting the article's (possibly huge) text row.
    conn.execute(
        """CREATE TABLE article_memos (
	article_id INTEGER NOT NULL,
	text TEXT NOT NULL,
	updated_at DATETIME NOT NULL,
	CONSTRAINT pk_article_memos PRIMARY KEY (article_id),
	CONSTRAINT fk_article_memos_article_id_articles FOREIGN KEY(article_id)
		REFERENCES articles (id) ON DELETE CASCADE
)"""
    )


def _v6_attributes_and_article_codes(conn: sqlite3.Connection) -> None:
    # Typed user attributes of articles and their values (cases and variables), and tags on
    # an article as a whole, kept apart from highlights (passages).
    conn.execute(
        """CREATE TABLE attributes (
	id INTEGER NOT NULL,
	name VARCHAR NOT NULL,
	kind VARCHAR NOT NULL,
	choices TEXT DEFAULT '[]' NOT NULL,
	created_at DATETIME NOT NULL,
	CONSTRAINT pk_attributes PRIMARY KEY (id),
	CONSTRAINT ck_attributes_kind CHECK (kind IN ('text', 'number', 'date', 'choice')),
	CONSTRAINT uq_attributes_name UNIQUE (name)
)"""
    )
    conn.execute(
        """CREATE TABLE attribute_values (
	attribute_id INTEGER NOT NULL,
	article_id INTEGER NOT NULL,
	value TEXT NOT NULL,
	number FLOAT,
	CONSTRAINT pk_attribute_values PRIMARY KEY (attribute_id, article_id),
	CONSTRAINT fk_attribute_values_attribute_id_attributes FOREIGN KEY(attribute_id)
		REFERENCES attributes (id) ON DELETE CASCADE,
	CONSTRAINT fk_attribute_values_article_id_articles FOREIGN KEY(article_id)
		REFERENCES articles (id) ON DELETE CASCADE
)"""
    )
    conn.execute("CREATE INDEX ix_attribute_values_article_id ON attribute_values (article_id)")
    conn.execute(
        """CREATE TABLE article_codes (
	article_id INTEGER NOT NULL,
	tag_id INTEGER NOT NULL,
	created_at DATETIME NOT NULL,
	CONSTRAINT pk_article_codes PRIMARY KEY (article_id, tag_id),
	CONSTRAINT fk_article_codes_article_id_articles FOREIGN KEY(article_id)
		REFERENCES articles (id) ON DELETE CASCADE,
	CONSTRAINT fk_article_codes_tag_id_tags FOREIGN KEY(tag_id)
		REFERENCES tags (id) ON DELETE CASCADE
)"""
    )
    conn.execute("CREATE INDEX ix_article_codes_tag_id ON article_codes (tag_id)")
    # The highlights of a tag straight from the index (coded passages, matrices).
    conn.execute("DROP INDEX ix_highlight_tags_tag_id")
    conn.execute("CREATE INDEX ix_highlight_tags_tag_id_highlight_id ON highlight_tags (tag_id, highlight_id)")


def _v7_tag_parents(conn: sqlite3.Connection) -> None:
    # A nested tag's parent is a tag of its own ("Cán bộ" for "Cán bộ/Đào tạo"): the tag
    # manager, the filters, the palette and the exports share one tree. Libraries from
    # before got nested tags without them; each missing parent is added, coloured as the
    # first tag under it. (Frozen here: tag_paths.tag_path as it was at version 7.)
    def path(name: str) -> tuple[str, ...]:
        return tuple(p for p in (" ".join(x.split()) for x in name.split("/")) if p)

    rows = conn.execute("SELECT name, color, created_at FROM tags ORDER BY id").fetchall()
    names = {name for name, _color, _created in rows}
    for name, color, created in rows:
        parts = path(name)
        for depth in range(1, len(parts)):
            parent = "/".join(parts[:depth])
            if parent not in names:
                names.add(parent)
                conn.execute("INSERT INTO tags (name, color, description, created_at) VALUES (?, ?, '', ?)",
                             (parent, color, created))


def first_coder_name() -> str:
    """The name the first coder of a library gets: the system user's, as the window then
    proposes it (a library made before coders existed was one person's work)."""
    import getpass

    try:
        name = " ".join(getpass.getuser().split())
    except (OSError, KeyError, ImportError):  # no user database entry (some containers)
        name = ""
    return name or "coder"


def _v8_coders(conn: sqlite3.Connection) -> None:
    # Who coded what: highlights, whole-article codes and memos record their coder; tags
    # stay shared. Everything already there becomes the work of one first coder (id 1).
    conn.execute(
        """CREATE TABLE coders (
	id INTEGER NOT NULL,
	name VARCHAR NOT NULL,
	created_at DATETIME NOT NULL,
	CONSTRAINT pk_coders PRIMARY KEY (id),
	CONSTRAINT uq_coders_name UNIQUE (name)
)"""
    )
    conn.execute("INSERT INTO coders (id, name, created_at) VALUES (1, ?, ?)",
                 (first_coder_name(), datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.000000")))
    conn.execute("ALTER TABLE highlights ADD COLUMN coder_id INTEGER DEFAULT 1 NOT NULL "
                 "CONSTRAINT fk_highlights_coder_id_coders REFERENCES coders (id)")
    conn.execute("CREATE INDEX ix_highlights_coder_id ON highlights (coder_id)")
    conn.execute("ALTER TABLE article_memos ADD COLUMN coder_id INTEGER DEFAULT 1 NOT NULL "
                 "CONSTRAINT fk_article_memos_coder_id_coders REFERENCES coders (id)")
    # The coder joins the primary key of whole-article codes: a table rebuild (foreign keys
    # are off during upgrades, so dropping the old table cascades nothing).
    conn.execute(
        """CREATE TABLE article_codes_v8 (
	article_id INTEGER NOT NULL,
	tag_id INTEGER NOT NULL,
	created_at DATETIME NOT NULL,
	coder_id INTEGER DEFAULT 1 NOT NULL,
	CONSTRAINT pk_article_codes PRIMARY KEY (article_id, tag_id, coder_id),
	CONSTRAINT fk_article_codes_article_id_articles FOREIGN KEY(article_id)
		REFERENCES articles (id) ON DELETE CASCADE,
	CONSTRAINT fk_article_codes_tag_id_tags FOREIGN KEY(tag_id)
		REFERENCES tags (id) ON DELETE CASCADE,
	CONSTRAINT fk_article_codes_coder_id_coders FOREIGN KEY(coder_id) REFERENCES coders (id)
)"""
    )
    conn.execute("INSERT INTO article_codes_v8 (article_id, tag_id, created_at, coder_id) "
                 "SELECT article_id, tag_id, created_at, 1 FROM article_codes")
    conn.execute("DROP TABLE article_codes")
    conn.execute("ALTER TABLE article_codes_v8 RENAME TO article_codes")
    conn.execute("CREATE INDEX ix_article_codes_tag_id ON article_codes (tag_id)")


def _v9_fold(text: str) -> str:
    # Frozen: text/normalize.fold as it was at version 9 (NFD, đ -> d, no marks, casefold).
    decomposed = unicodedata.normalize("NFD", text.translate(_V9_D))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare).casefold()


_V9_D = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def _v9_list_at_scale(conn: sqlite3.Connection) -> None:
    # The library list at a million articles: folded sort keys an index serves, indexes
    # for every offered sort, and highlight counts kept by triggers (no GROUP BY over all
    # highlights). Filling the keys rewrites each article row once.
    conn.execute("ALTER TABLE articles ADD COLUMN title_key VARCHAR")
    conn.execute("ALTER TABLE articles ADD COLUMN source_key VARCHAR")
    keys = [(_v9_fold(title or ""), _v9_fold(source) if source and source.strip() else None, article_id)
            for article_id, title, source in conn.execute("SELECT id, title, source FROM articles")]
    conn.executemany("UPDATE articles SET title_key = ?, source_key = ? WHERE id = ?", keys)
    conn.execute("CREATE INDEX ix_articles_title_key ON articles (title_key)")
    conn.execute("CREATE INDEX ix_articles_undated_published ON articles (published IS NULL, published)")
    conn.execute("CREATE INDEX ix_articles_source_order ON articles "
                 "(source_key IS NULL, source_key, source, published DESC)")
    conn.execute(
        """CREATE TABLE highlight_counts (
	article_id INTEGER NOT NULL,
	n INTEGER NOT NULL,
	CONSTRAINT pk_highlight_counts PRIMARY KEY (article_id),
	CONSTRAINT fk_highlight_counts_article_id_articles FOREIGN KEY(article_id)
		REFERENCES articles (id) ON DELETE CASCADE
)"""
    )
    conn.execute("INSERT INTO highlight_counts (article_id, n) "
                 "SELECT article_id, count(*) FROM highlights GROUP BY article_id")
    conn.execute("""CREATE TRIGGER tr_highlight_counts_insert AFTER INSERT ON highlights BEGIN
	INSERT INTO highlight_counts (article_id, n) VALUES (NEW.article_id, 1)
		ON CONFLICT (article_id) DO UPDATE SET n = n + 1;
END""")
    conn.execute("""CREATE TRIGGER tr_highlight_counts_delete AFTER DELETE ON highlights BEGIN
	UPDATE highlight_counts SET n = n - 1 WHERE article_id = OLD.article_id;
	DELETE FROM highlight_counts WHERE article_id = OLD.article_id AND n <= 0;
END""")
    conn.execute("""CREATE TRIGGER tr_highlight_counts_move AFTER UPDATE OF article_id ON highlights
WHEN NEW.article_id IS NOT OLD.article_id BEGIN
	UPDATE highlight_counts SET n = n - 1 WHERE article_id = OLD.article_id;
	DELETE FROM highlight_counts WHERE article_id = OLD.article_id AND n <= 0;
	INSERT INTO highlight_counts (article_id, n) VALUES (NEW.article_id, 1)
		ON CONFLICT (article_id) DO UPDATE SET n = n + 1;
END""")

    # What other processes' windows read to follow changes (operations/remote.py).
    conn.execute(
        """CREATE TABLE article_log (
	seq INTEGER NOT NULL,
	article_id INTEGER NOT NULL,
	kind VARCHAR(1) NOT NULL,
	CONSTRAINT pk_article_log PRIMARY KEY (seq)
)"""
    )
    conn.execute("""CREATE TRIGGER tr_article_log_added AFTER INSERT ON articles BEGIN
	INSERT INTO article_log (article_id, kind) VALUES (NEW.id, 'a');
END""")
    conn.execute("""CREATE TRIGGER tr_article_log_removed AFTER DELETE ON articles BEGIN
	INSERT INTO article_log (article_id, kind) VALUES (OLD.id, 'r');
END""")
    conn.execute("""CREATE TRIGGER tr_article_log_metadata AFTER UPDATE OF title, kicker, source, author, url, published
ON articles BEGIN
	INSERT INTO article_log (article_id, kind) VALUES (NEW.id, 'm');
END""")
    conn.execute("""CREATE TRIGGER tr_article_log_prune AFTER INSERT ON article_log BEGIN
	DELETE FROM article_log WHERE seq <= NEW.seq - 200000;
END""")
def _v10_word_index(conn: sqlite3.Connection) -> None:
    # The word index (nlp/word_index.py): every segmented article's words as terms of a
    # contentless FTS5 table, one column per matching level and one of grouping forms, so
    # concordance counts and word frequencies come from the index instead of re-reading
    # every text. Triggers queue an indexed article whose text, hidden lines or
    # segmentation changes (or that is deleted); the queue is applied before the index is
    # read. Existing libraries start with an empty index, built in the background.
    conn.execute(
        """CREATE TABLE word_terms (
	id INTEGER NOT NULL,
	kind INTEGER NOT NULL,
	text VARCHAR NOT NULL,
	CONSTRAINT pk_word_terms PRIMARY KEY (id),
	CONSTRAINT uq_word_terms_kind UNIQUE (kind, text)
)"""
    )
    conn.execute(
        """CREATE TABLE word_index_articles (
	article_id INTEGER NOT NULL,
	terms BLOB NOT NULL,
	CONSTRAINT pk_word_index_articles PRIMARY KEY (article_id)
)"""
    )
    conn.execute(
        """CREATE TABLE word_index_queue (
	article_id INTEGER NOT NULL,
	CONSTRAINT pk_word_index_queue PRIMARY KEY (article_id)
)"""
    )
    for sql in _V10_WORD_INDEX_DDL:
        conn.execute(sql)


_INDEXED = "EXISTS (SELECT 1 FROM word_index_articles WHERE article_id = OLD.{})"
_V10_WORD_INDEX_DDL = (
    "CREATE VIRTUAL TABLE word_fts USING fts5(exact, word, fold, grp, content='',"
    " tokenize='ascii', columnsize=0)",
    "CREATE TRIGGER word_index_articles_au AFTER UPDATE OF text, hidden_spans ON articles"
    f" WHEN {_INDEXED.format('id')}"
    " BEGIN INSERT OR IGNORE INTO word_index_queue VALUES (OLD.id); END",
    f"CREATE TRIGGER word_index_articles_ad AFTER DELETE ON articles WHEN {_INDEXED.format('id')}"
    " BEGIN INSERT OR IGNORE INTO word_index_queue VALUES (OLD.id); END",
    "CREATE TRIGGER word_index_segmentations_ai AFTER INSERT ON segmentations"
    " BEGIN INSERT OR IGNORE INTO word_index_queue VALUES (NEW.article_id); END",
    "CREATE TRIGGER word_index_segmentations_au AFTER UPDATE ON segmentations"
    " WHEN OLD.spans IS NOT NEW.spans OR OLD.text_hash IS NOT NEW.text_hash"
    " OR OLD.article_id IS NOT NEW.article_id OR NEW.engine LIKE '%; stale'"
    " BEGIN INSERT OR IGNORE INTO word_index_queue VALUES (OLD.article_id);"
    " INSERT OR IGNORE INTO word_index_queue VALUES (NEW.article_id); END",
    "CREATE TRIGGER word_index_segmentations_ad AFTER DELETE ON segmentations"
    f" WHEN {_INDEXED.format('article_id')}"
    " BEGIN INSERT OR IGNORE INTO word_index_queue VALUES (OLD.article_id); END",
)


# STEPS[n] upgrades a database of version n - 1 to version n.
STEPS: dict[int, Step] = {
    2: _v2_hidden_spans,
    3: _v3_orphaned,
    4: _v4_tagging,
    5: _v5_article_memos,
    6: _v6_attributes_and_article_codes,
    7: _v7_tag_parents,
    8: _v8_coders,
    9: _v9_list_at_scale,
    10: _v10_word_index,
    11: v11_word_totals,
    12: v12_nlp_pending,
    13: v13_origin_indexes,
    14: v14_row_versions,
}
LATEST = max(STEPS)


class MigrationError(MessageError):
    """The upgrade failed and was rolled back; `message` says where the backup is."""


def backup_path(path: Path, version: int) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.before-upgrade-v{version}-{stamp}{path.suffix}")


def reusable_backup(path: Path, version: int) -> Path | None:
    """The newest before-upgrade copy of this version written after the library last
    changed: an upgrade that failed and is tried again (every start) reuses it instead of
    writing another full copy each time. Empty or foreign copies are never reused."""
    try:
        changed = max(p.stat().st_mtime_ns for p in (path, Path(str(path) + "-wal")) if p.exists())
    except (OSError, ValueError):
        return None
    for copy in sorted(path.parent.glob(f"{path.stem}.before-upgrade-v{version}-*{path.suffix}"),
                       key=lambda p: p.stat().st_mtime_ns, reverse=True):
        try:
            st = copy.stat()
            with open(copy, "rb") as f:
                header = f.read(100)
        except OSError:
            continue
        if st.st_size and st.st_mtime_ns >= changed and header.startswith(b"SQLite format 3\x00") \
                and int.from_bytes(header[60:64], "big") == version:
            return copy
        return None  # only the newest counts: an older one predates later changes
    return None


def upgrade(path: Path, from_version: int, to_version: int = LATEST) -> Path:
    """Upgrade the database at `path`; return the backup written beside it first.

    All steps run in one transaction: a failure leaves the file exactly as it was.
    """
    path = Path(path)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout=5000")
        safety = reusable_backup(path, from_version)
        if safety is None:  # consistent even with a WAL file beside it; renamed when whole
            safety = backup_path(path, from_version)
            consistent_copy(conn, safety)
        conn.execute("PRAGMA foreign_keys=OFF")  # ignored inside a transaction: set first
        conn.execute("BEGIN IMMEDIATE")
        try:
            for version in range(from_version + 1, to_version + 1):
                STEPS[version](conn)
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise MigrationError(Message("db.broken_references", {
                    "count": len(broken), "table": broken[0][0], "row": broken[0][1]}))
            conn.execute(f"PRAGMA user_version={int(to_version)}")
            conn.execute("COMMIT")
        except BaseException as e:
            conn.execute("ROLLBACK")
            if isinstance(e, (MigrationError, sqlite3.Error)):
                problem = e.message if isinstance(e, MigrationError) else str(e)
                raise MigrationError(Message("db.upgrade_failed", {
                    "path": path, "problem": problem, "backup": safety})) from e
            raise
        finally:
            conn.execute("PRAGMA foreign_keys=ON")
    finally:
        conn.close()
    return safety
