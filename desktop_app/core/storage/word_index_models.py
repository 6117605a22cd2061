"""The word index's tables (schema v10): a cache derived from segmentations, like them
rebuilt from the text at any time, never the user's work.

`word_fts` is a contentless FTS5 table holding, per indexed article (rowid = article
id), one term per segmented word in four columns: the written form (EXACT), its WORD key,
its NONE key and its grouping form (frequencies). Terms are hex ids of `word_terms` rows,
prefixed by how the word follows the one before it (nlp/word_index.py). A contentless
table can only delete a row given what was inserted: `word_index_articles.terms` keeps
it (zlib). The triggers queue an indexed article whose text, hidden lines or
segmentation changes, or that is deleted; the queue is applied before the index is read.
"""

from __future__ import annotations

from sqlalchemy import DDL, Integer, LargeBinary, String, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.core.storage.models import Base


class WordTerm(Base):
    """A written form (kind 0), WORD key (1), NONE key (2) or grouping form (3)."""

    __tablename__ = "word_terms"
    __table_args__ = (UniqueConstraint("kind", "text"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String)


class WordIndexArticle(Base):
    """An article the index holds, with the columns it was indexed with."""

    __tablename__ = "word_index_articles"

    article_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    terms: Mapped[bytes] = mapped_column(LargeBinary)


class WordTermTotal(Base):
    """Running totals of one term over the index (schema v11): tokens and articles."""

    __tablename__ = "word_term_totals"

    term_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    occurrences: Mapped[int] = mapped_column(Integer)
    articles: Mapped[int] = mapped_column(Integer)


class WordIndexQueue(Base):
    """Indexed articles that changed: their index rows are redone before the next read."""

    __tablename__ = "word_index_queue"

    article_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


_INDEXED = "EXISTS (SELECT 1 FROM word_index_articles WHERE article_id = OLD.{})"
# The same statements as migrations._v10_word_index (frozen there).
WORD_INDEX_DDL = (
    "CREATE VIRTUAL TABLE word_fts USING fts5(exact, word, fold, grp, content='',"
    " tokenize='ascii', columnsize=0)",
    "CREATE TRIGGER word_index_articles_au AFTER UPDATE OF text, hidden_spans ON articles"
    f" WHEN {_INDEXED.format('id')}"
    " BEGIN INSERT OR IGNORE INTO word_index_queue VALUES (OLD.id); END",
    f"CREATE TRIGGER word_index_articles_ad AFTER DELETE ON articles WHEN {_INDEXED.format('id')}"
    " BEGIN INSERT OR IGNORE INTO word_index_queue VALUES (OLD.id); END",
    "CREATE TRIGGER word_index_segmentations_ai AFTER INSERT ON segmentations"
    " BEGIN INSERT OR IGNORE INTO word_index_queue VALUES (NEW.article_id); END",
    # A dictionary change re-stamps every valid segmentation (still valid: not queued)
    # and marks the ones it changes "...; stale" (user_dictionary.set_dictionary).
    "CREATE TRIGGER word_index_segmentations_au AFTER UPDATE ON segmentations"
    " WHEN OLD.spans IS NOT NEW.spans OR OLD.text_hash IS NOT NEW.text_hash"
    " OR OLD.article_id IS NOT NEW.article_id OR NEW.engine LIKE '%; stale'"
    " BEGIN INSERT OR IGNORE INTO word_index_queue VALUES (OLD.article_id);"
    " INSERT OR IGNORE INTO word_index_queue VALUES (NEW.article_id); END",
    "CREATE TRIGGER word_index_segmentations_ad AFTER DELETE ON segmentations"
    f" WHEN {_INDEXED.format('article_id')}"
    " BEGIN INSERT OR IGNORE INTO word_index_queue VALUES (OLD.article_id); END",
)

for _sql in WORD_INDEX_DDL:
    event.listen(Base.metadata, "after_create", DDL(_sql.replace("%", "%%")).execute_if(dialect="sqlite"))  # DDL formats with %
