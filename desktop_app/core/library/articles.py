"""Reading the library: article summaries for the list and full articles for the reader."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.orm import Session

from desktop_app.core.library.ingest.metadata import parse_date
from desktop_app.core.messages import Message, MessageError
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import (
    AppState,
    Article,
    ArticleMemo,
    Highlight,
    RejectedSuggestion,
    Segmentation,
    Tagging,
)


@dataclass(frozen=True)
class ArticleSummary:
    id: int
    title: str
    source: str | None
    author: str | None
    published: str | None
    highlight_count: int

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "author": self.author,
            "published": self.published,
            "highlights": self.highlight_count,
        }


@dataclass(frozen=True)
class ArticleDoc:
    id: int
    title: str
    kicker: str | None
    source: str | None
    author: str | None
    url: str | None
    published: str | None
    text: str
    original_text: str
    source_path: str | None = None
    hidden_spans: tuple[tuple[int, int], ...] = ()


SORTS = ("newest", "oldest", "title", "source")


@dataclass(frozen=True)
class LibraryFilter:
    """What the library list shows. Dates are ISO prefixes compared as text ("2023",
    "2023-04", "2023-04-04" all work, because `published` is stored ISO)."""

    sort: str = "newest"
    source: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    tag: str | None = None  # a tag and every tag nested under it
    annotated: bool | None = None  # True: with highlights; False: without; None: all
    # Attribute conditions in the `where` language (attribute_filters): outlet=PLVN, year>=2020
    where: tuple[str, ...] = ()

    def is_active(self) -> bool:
        return bool(self.where) or any(v is not None for v in
                                       (self.source, self.date_from, self.date_to, self.tag, self.annotated))


def list_articles(
    db: Database, article_id: int | None = None, where: LibraryFilter | None = None
) -> list[ArticleSummary]:
    """Articles (or just one) matching `where`, in its order; default newest first,
    undated ones last. Titles and sources sort ignoring case and diacritics. The whole
    list: the window reads it in pages (library/article_list.py)."""
    from desktop_app.core.library.article_list import list_page

    return list_page(db, where, 0, -1, only=article_id)


def list_sources(db: Database) -> list[tuple[str, int]]:
    """Each source outlet with its number of articles, by name ("" for none)."""
    from desktop_app.core.library.article_list import sources

    return sources(db)


def published_range(db: Database) -> tuple[str | None, str | None]:
    """The first and last publication dates in the library (ISO text), for date pickers."""
    with db.session() as s:
        first, last = s.execute(select(func.min(Article.published), func.max(Article.published))).one()
        return first, last


def get_article(db: Database, article_id: int) -> ArticleDoc | None:
    with db.session() as s:
        a = s.get(Article, article_id)
        if a is None:
            return None
        return ArticleDoc(
            a.id, a.title, a.kicker, a.source, a.author, a.url, a.published, a.text,
            a.original_text, a.source_path, parse_spans(a.hidden_spans, len(a.text)),
        )


EDITABLE_FIELDS = ("title", "kicker", "published", "source", "author", "url")


class MetadataError(MessageError, ValueError):
    """An edited field the library cannot store; `message` says which and why."""


def update_metadata(db: Database, article_id: int, **fields: str) -> ArticleDoc:
    """Store what the user typed in the article's details: blank means unknown, dates
    are ISO or any Vietnamese date shape parse_date understands."""
    with db.session() as s:
        update_metadata_in(s, article_id, fields)
    doc = get_article(db, article_id)
    assert doc is not None
    return doc


def update_metadata_in(s: Session, article_id: int, fields: Mapping[str, str]) -> None:
    """update_metadata inside a caller's transaction."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise MetadataError(Message("metadata.not_editable", {"fields": tuple(sorted(unknown))}))
    values: dict[str, str | None] = {k: " ".join(v.split()) or None for k, v in fields.items()}
    if "title" in values and not values["title"]:
        raise MetadataError(Message("metadata.needs_title"))
    if values.get("published"):
        published = parse_date(values["published"] or "")
        if published is None:
            raise MetadataError(Message("metadata.bad_date", {"value": values["published"]}))
        values["published"] = published
    a = s.get(Article, article_id)
    if a is None:
        raise MetadataError(Message("article.gone"))
    for key, value in values.items():
        setattr(a, key, value)
    s.flush()


StoredMetadata = dict[str, "str | None"]  # the editable fields and hidden_spans, as stored


def stored_metadata(s: Session, article_id: int) -> StoredMetadata | None:
    """The article's editable fields and hidden spans exactly as stored (None: it is
    gone): what an undo of an edit puts back."""
    a = s.get(Article, article_id)
    if a is None:
        return None
    return {name: getattr(a, name) for name in (*EDITABLE_FIELDS, "hidden_spans")}


def put_stored_metadata(s: Session, article_id: int, stored: StoredMetadata) -> bool:
    """Put back what stored_metadata read; False when the article is gone."""
    a = s.get(Article, article_id)
    if a is None:
        return False
    for name, value in stored.items():
        setattr(a, name, value)
    s.flush()
    return True


def parse_spans(raw: str | None, length: int) -> tuple[tuple[int, int], ...]:
    """Stored hidden spans, sorted; anything malformed or outside the text is dropped
    (hiding is cosmetic: a bad entry must never hide the wrong text or crash)."""
    try:
        data = json.loads(raw or "[]")
    except ValueError:
        return ()
    spans = {
        (int(s), int(e)) for s, e in (x for x in data if isinstance(x, list) and len(x) == 2)
        if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= length
    } if isinstance(data, list) else set()
    return tuple(sorted(spans))


def set_hidden_spans(db: Database, article_id: int, spans: list[tuple[int, int]]) -> None:
    """What the reader hides of this article (the text itself never changes)."""
    with db.session() as s:
        set_hidden_spans_in(s, article_id, spans)


def set_hidden_spans_in(s: Session, article_id: int, spans: Sequence[tuple[int, int]]) -> None:
    a = s.get(Article, article_id)
    if a is None:
        return
    clean = parse_spans(json.dumps([list(x) for x in spans]), len(a.text))
    a.hidden_spans = json.dumps([list(x) for x in clean])
    s.flush()


def article_text(db: Database, article_id: int) -> str | None:
    """Only the stored text (the segmentation worker needs nothing else)."""
    with db.session() as s:
        return s.scalar(select(Article.text).where(Article.id == article_id))


def article_count(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(Article.id))) or 0


def get_state(db: Database, key: str) -> str | None:
    with db.session() as s:
        row = s.get(AppState, key)
        return row.value if row else None


def set_state(db: Database, key: str, value: str) -> None:
    with db.session() as s:
        s.merge(AppState(key=key, value=value))


# --- deleting articles (and putting them back: an undo) -----------------------------------
_CHUNK = 500  # bound parameters per IN (...): below SQLite's oldest limit of 999
# What hangs on an article besides its highlights, which the caller takes first (so that
# their tags are put back by name). All go with the article (ON DELETE CASCADE).
_DEPENDENTS = (ArticleMemo, RejectedSuggestion, Segmentation, Tagging)

TakenArticles = list[tuple[Table, list[dict]]]  # each table's rows, articles first


def highlight_ids_of(s: Session, article_ids: Sequence[int]) -> list[int]:
    """Every highlight on these articles, orphans too."""
    found: list[int] = []
    for i in range(0, len(article_ids), _CHUNK):
        found += s.scalars(select(Highlight.id).where(Highlight.article_id.in_(article_ids[i:i + _CHUNK]))
                           .order_by(Highlight.id))
    return found


def take_articles_in(s: Session, article_ids: Sequence[int]) -> TakenArticles:
    """Delete the articles with their memos, rejected suggestions and cached segmentation
    and tagging, returning every row as it was for put_back_articles_in."""
    ids = list(article_ids)
    taken: TakenArticles = []
    for model in (Article, *_DEPENDENTS):
        table = cast(Table, model.__table__)
        key = table.c.id if model is Article else table.c.article_id
        rows: list[dict] = []
        for i in range(0, len(ids), _CHUNK):
            rows += [dict(r) for r in s.execute(select(table).where(key.in_(ids[i:i + _CHUNK]))).mappings()]
        taken.append((table, rows))
    for i in range(0, len(ids), _CHUNK):
        s.execute(delete(Article).where(Article.id.in_(ids[i:i + _CHUNK])))
    s.expire_all()  # the bulk delete bypassed the identity map
    return taken


def put_back_articles_in(s: Session, taken: TakenArticles) -> None:
    """The articles and what hung on them, with the same ids, as take_articles_in took them."""
    for table, rows in taken:
        if rows:
            s.execute(insert(table), rows)
