"""Typed SQLAlchemy 2 models: what the user made lives here.

Offsets (`start`, `end`) are Python code points into `Article.text`, the
NFC-normalized stored text; REFI-QDA counts code points too.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    DDL,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    event,
    text,
)
from sqlalchemy import text as sql_text  # `text` is also a column name below
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from desktop_app.core.storage.article_order import (
    ARTICLE_LOG_TRIGGERS,
    HIGHLIGHT_COUNT_TRIGGERS,
    source_key,
    source_key_default,
    title_key,
    title_key_default,
)
from desktop_app.core.storage.origin_indexes import V13_ORIGIN_INDEXES

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Rows from before coders existed (schema v8) belong to the first coder, id 1. (A name of
# its own: `text` is a column name in some models below, and would shadow sqlalchemy.text.)
FIRST_CODER = text("1")
# Schema v14 (storage/row_versions.py): a new or upgraded row is at version 1.
ROW_VERSION_DEFAULT = text("1")


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


class Flag(TypeDecorator[bool]):
    """A boolean stored as INTEGER 0/1 without a CHECK constraint, so the column a
    migration adds with plain SQL and the one create_all makes are the same."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: bool | None, dialect: object) -> int | None:
        return None if value is None else int(bool(value))

    def process_result_value(self, value: int | None, dialect: object) -> bool | None:
        return None if value is None else bool(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


highlight_tags = Table(
    "highlight_tags",
    Base.metadata,
    Column("highlight_id", ForeignKey("highlights.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    # Covering (schema v6; was tag_id alone): the highlights of a tag come from the index
    # without a lookup per row, ~0.3 ms for a tag of 600 highlights (analysis/passages.py).
    Index("ix_highlight_tags_tag_id_highlight_id", "tag_id", "highlight_id"),
)


class Coder(Base):
    """A person who codes (schema v8). Highlights, whole-article codes and memos record
    theirs; the codebook (tags) is shared. An upgraded library has one, made from the system
    user name; the window and `--coder NAME` choose the current one."""

    __tablename__ = "coders"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String, default="")
    kicker: Mapped[str | None] = mapped_column(String)
    source: Mapped[str | None] = mapped_column(String)
    author: Mapped[str | None] = mapped_column(String)
    url: Mapped[str | None] = mapped_column(String)
    # ISO 8601, "2023-04-04" or "2023-04-04T10:48": sorts correctly as text.
    published: Mapped[str | None] = mapped_column(String, index=True)
    text: Mapped[str] = mapped_column(Text)
    original_text: Mapped[str] = mapped_column(Text)
    # sha256 of the stored text: the same article imported twice is one article.
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    source_path: Mapped[str | None] = mapped_column(String)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # JSON [[start, end], ...]: web leftovers the reader hides. The text keeps them, so
    # highlight offsets never move when the user shows or restores one (schema v2).
    hidden_spans: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    # Folded title and source (schema v9, storage/article_order.py): what the list sorts
    # by, through the indexes below. Set from title and source on every insert and update.
    title_key: Mapped[str | None] = mapped_column(String, default=title_key_default, index=True)
    source_key: Mapped[str | None] = mapped_column(String, default=source_key_default)

    highlights: Mapped[list[Highlight]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (
        # Oldest first with undated articles last ("newest" walks ix_articles_published
        # backwards: NULL sorts last descending). `published IS NULL` leads, as in the query.
        Index("ix_articles_undated_published", sql_text("(published IS NULL)"), "published"),
        Index("ix_articles_source_order", sql_text("(source_key IS NULL)"), "source_key", "source",
              sql_text("published DESC")),
    )


@event.listens_for(Article, "before_update")
def _keep_sort_keys(_mapper: object, _connection: object, article: Article) -> None:
    article.title_key = title_key(article.title)
    article.source_key = source_key(article.source)


class HighlightCount(Base):
    """How many highlights (orphans too, every coder's) an article has (schema v9): kept
    by the triggers in article_order.py; no row means none."""

    __tablename__ = "highlight_counts"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    n: Mapped[int] = mapped_column(Integer)


class ArticleLog(Base):
    """Articles added ('a'), removed ('r') or given new list metadata ('m') (schema v9),
    written by triggers (article_order.py): what another process changed, by sequence."""

    __tablename__ = "article_log"

    seq: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(1))


for _trigger in (*HIGHLIGHT_COUNT_TRIGGERS, *ARTICLE_LOG_TRIGGERS):
    event.listen(Base.metadata, "after_create", DDL(_trigger).execute_if(dialect="sqlite"))  # PostgreSQL: plpgsql, docs/postgresql.md
# The indexes an import looks its files up in (schema v13), on both engines.
for _index in V13_ORIGIN_INDEXES:
    event.listen(Base.metadata, "after_create", DDL(_index))


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    color: Mapped[str] = mapped_column(String(9))  # "#rrggbb"
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    row_version: Mapped[int] = mapped_column(Integer, server_default=ROW_VERSION_DEFAULT)

    highlights: Mapped[list[Highlight]] = relationship(
        secondary=highlight_tags, back_populates="tags"
    )

    __mapper_args__ = {"version_id_col": row_version}


class Highlight(Base):
    __tablename__ = "highlights"
    __table_args__ = (
        CheckConstraint("start >= 0 AND \"end\" > start", name="span"),
        Index("ix_highlights_article_start", "article_id", "start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    # Quote and 32-character context, as Hypothesis stores them, so a highlight can be
    # re-anchored if the article text ever changes.
    quote: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    modified_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Set when a re-import changed the text and the quote could not be placed with
    # confidence (schema v3). start/end then still hold the old, meaningless position:
    # the reader does not paint it and position-based exports leave it out until the
    # user re-attaches it. Last column: ALTER TABLE appends, create_all must match. No
    # Python-side default: it would add a parameter to every bulk INSERT of highlights.
    orphaned: Mapped[bool] = mapped_column(Flag, server_default=text("0"))
    # Who made it (schema v8; appended by ALTER TABLE, hence the server default: upgraded
    # rows belong to coder 1). Writers always set it from the session's current coder.
    coder_id: Mapped[int] = mapped_column(ForeignKey("coders.id"), server_default=FIRST_CODER, index=True)
    # Schema v14 (row_versions.py): bumped by every ORM update, checked by it too.
    row_version: Mapped[int] = mapped_column(Integer, server_default=ROW_VERSION_DEFAULT)

    article: Mapped[Article] = relationship(back_populates="highlights")
    tags: Mapped[list[Tag]] = relationship(
        secondary=highlight_tags, back_populates="highlights", order_by="Tag.name"
    )

    __mapper_args__ = {"version_id_col": row_version}


class Segmentation(Base):
    """Word segmentation of one article, reused while text and engine are unchanged."""

    __tablename__ = "segmentations"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    text_hash: Mapped[str] = mapped_column(String(64))
    engine: Mapped[str] = mapped_column(String)  # e.g. "underthesea 9.5.0"
    # Packed little-endian uint32 (start, end) pairs, code points into Article.text.
    spans: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Tagging(Base):
    """Parts of speech and named entities of one article (schema v4): a second, slower
    pass after segmentation, reused while text and engine are unchanged."""

    __tablename__ = "taggings"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    text_hash: Mapped[str] = mapped_column(String(64))
    engine: Mapped[str] = mapped_column(String)
    # Word spans as in Segmentation.spans; pos_tags holds one byte per span, an index
    # into pos_names (the space-separated tag names used in this article).
    pos_spans: Mapped[bytes] = mapped_column(LargeBinary)
    pos_tags: Mapped[bytes] = mapped_column(LargeBinary)
    pos_names: Mapped[str] = mapped_column(Text)
    # JSON [[start, end, "PER"], ...]: suggestions only, never highlights.
    entities: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RejectedSuggestion(Base):
    """A named-entity suggestion the user rejected (schema v4). Kept with its quote: a
    rejection only hides a suggestion while the text there is still what was rejected."""

    __tablename__ = "rejected_suggestions"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    start: Mapped[int] = mapped_column(Integer, primary_key=True)
    end: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str] = mapped_column(String, primary_key=True)
    quote: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ArticleMemo(Base):
    """The user's memo on a whole article (schema v5; QualCoder and NVivo call it a document
    memo). A table of its own, not a column of `articles`: saving a memo as the user types
    then writes a tiny row, where updating a 1M-character article row took ~3 ms and ~100 KB
    of WAL per save (measured). Re-importing the text updates `articles` in place, so the
    memo stays; deleting the article deletes its memo. An emptied memo has no row."""

    __tablename__ = "article_memos"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Who wrote it last (schema v8). One memo per article, shared by the team.
    coder_id: Mapped[int] = mapped_column(ForeignKey("coders.id"), server_default=FIRST_CODER)
    row_version: Mapped[int] = mapped_column(Integer, server_default=ROW_VERSION_DEFAULT)

    __mapper_args__ = {"version_id_col": row_version}


class Attribute(Base):
    """A user-defined attribute of articles (schema v6; NVivo calls them case attributes,
    MAXQDA document variables): typed, so that numbers and dates compare as such. The
    built-in ones (outlet, date, year, author, domain) come from `articles` and have no row."""

    __tablename__ = "attributes"
    __table_args__ = (CheckConstraint("kind IN ('text', 'number', 'date', 'choice')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    kind: Mapped[str] = mapped_column(String)  # text, number, date, choice
    # JSON list of the values a "choice" attribute may take, in the user's order.
    choices: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AttributeValue(Base):
    """One article's value of one attribute (schema v6); no row means no value. `value` is
    the canonical text ("12", "2.5", "2023-04-04", a choice); `number` the same as a number
    for numeric attributes, so that filters compare it as one."""

    __tablename__ = "attribute_values"

    attribute_id: Mapped[int] = mapped_column(
        ForeignKey("attributes.id", ondelete="CASCADE"), primary_key=True
    )
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    value: Mapped[str] = mapped_column(Text)
    number: Mapped[float | None] = mapped_column(Float)
    # Schema v14: the column only. Values are written by delete + insert (many articles at
    # once, attribute_edits.put_values_in), so every stored value starts at 1.
    row_version: Mapped[int] = mapped_column(Integer, server_default=ROW_VERSION_DEFAULT)


class ArticleCode(Base):
    """A tag on an article as a whole (schema v6), e.g. its genre or stance: kept apart from
    highlights, which are passages; counted in matrices as a passage spanning the text."""

    __tablename__ = "article_codes"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Whose code it is (schema v8): two coders may each give an article the same tag.
    coder_id: Mapped[int] = mapped_column(ForeignKey("coders.id"), primary_key=True,
                                          server_default=FIRST_CODER)


class AppState(Base):
    """Small facts about this library, e.g. that the sample articles were offered once."""

    __tablename__ = "app_state"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# The word index's tables live in their own module; importing it registers them here.
from desktop_app.core.storage import (
    nlp_pending,  # noqa: E402,F401
    word_index_models,  # noqa: E402,F401
)
