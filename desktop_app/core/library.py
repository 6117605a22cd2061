"""Reading the library: article summaries for the list and full articles for the reader."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from desktop_app.core.db import Database
from desktop_app.core.models import AppState, Article, Highlight


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


def list_articles(db: Database, article_id: int | None = None) -> list[ArticleSummary]:
    """All articles (or just one), newest first; undated ones last, then by title."""
    counts = (
        select(Highlight.article_id, func.count(Highlight.id).label("n"))
        .group_by(Highlight.article_id)
        .subquery()
    )
    stmt = (
        select(
            Article.id,
            Article.title,
            Article.source,
            Article.author,
            Article.published,
            func.coalesce(counts.c.n, 0),
        )
        .outerjoin(counts, counts.c.article_id == Article.id)
        .order_by(Article.published.is_(None), Article.published.desc(), Article.title)
    )
    if article_id is not None:
        stmt = stmt.where(Article.id == article_id)
    with db.session() as s:
        return [ArticleSummary(*row) for row in s.execute(stmt).all()]


def get_article(db: Database, article_id: int) -> ArticleDoc | None:
    with db.session() as s:
        a = s.get(Article, article_id)
        if a is None:
            return None
        return ArticleDoc(
            a.id, a.title, a.kicker, a.source, a.author, a.url, a.published, a.text,
            a.original_text,
        )


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
