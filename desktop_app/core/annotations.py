"""The one place that creates, changes and deletes highlights, tags and notes.

Every call commits at once (no Save button) and returns plain frozen dataclasses, so
views refresh from what changed and never hold ORM objects or run SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from desktop_app.core.db import Database
from desktop_app.core.models import Article, Highlight, Tag, highlight_tags, utcnow
from desktop_app.core.text import fold

CONTEXT_CHARS = 32  # Hypothesis stores 32 characters of prefix and suffix

# Distinct, readable highlight colours (ColorBrewer Set3-like, light enough for text on top).
PALETTE = (
    "#ffd166", "#8ecae6", "#b5e48c", "#ffadad", "#cdb4db", "#ffc6a5",
    "#a0e7e5", "#e9c46a", "#f4a3c0", "#c3d350", "#9bb1ff", "#f7b267",
)


class AnnotationError(ValueError):
    """A request that cannot be carried out, explained for the user."""


@dataclass(frozen=True)
class TagInfo:
    id: int
    name: str
    color: str
    description: str = ""
    count: int = 0


@dataclass(frozen=True)
class HighlightInfo:
    id: int
    article_id: int
    start: int
    end: int
    quote: str
    note: str
    tags: tuple[TagInfo, ...]
    created_at: datetime
    modified_at: datetime

    @property
    def tag_names(self) -> list[str]:
        return [t.name for t in self.tags]


def _tag_info(tag: Tag, count: int = 0) -> TagInfo:
    return TagInfo(tag.id, tag.name, tag.color, tag.description or "", count)


def _highlight_info(h: Highlight) -> HighlightInfo:
    return HighlightInfo(
        id=h.id,
        article_id=h.article_id,
        start=h.start,
        end=h.end,
        quote=h.quote,
        note=h.note or "",
        tags=tuple(_tag_info(t) for t in sorted(h.tags, key=lambda t: fold(t.name))),
        created_at=h.created_at,
        modified_at=h.modified_at,
    )


def clean_tag_name(name: str) -> str:
    """Tag names are trimmed, single-spaced, and may not be empty."""
    return " ".join(name.split())


class AnnotationService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- tags -------------------------------------------------------------------------
    def list_tags(self) -> list[TagInfo]:
        """All tags with the number of highlights carrying each, in folded-name order."""
        with self.db.session() as s:
            rows = s.execute(
                select(Tag, func.count(highlight_tags.c.highlight_id))
                .outerjoin(highlight_tags, highlight_tags.c.tag_id == Tag.id)
                .group_by(Tag.id)
            ).all()
            tags = [_tag_info(tag, count) for tag, count in rows]
        return sorted(tags, key=lambda t: fold(t.name))

    def create_tag(self, name: str, color: str | None = None) -> TagInfo:
        with self.db.session() as s:
            return _tag_info(self._get_or_create_tags(s, [name], color)[0])

    def set_tag_color(self, tag_id: int, color: str) -> TagInfo:
        with self.db.session() as s:
            tag = s.get(Tag, tag_id)
            if tag is None:
                raise AnnotationError("That tag no longer exists.")
            tag.color = color
            return _tag_info(tag)

    def _get_or_create_tags(
        self, s: Session, names: Iterable[str], color: str | None = None
    ) -> list[Tag]:
        wanted: list[str] = []
        for raw in names:
            name = clean_tag_name(raw)
            if name and name not in wanted:
                wanted.append(name)
        if not wanted:
            return []
        existing = {t.name: t for t in s.scalars(select(Tag).where(Tag.name.in_(wanted)))}
        # A tag typed with other case or diacritics than an existing one is a new tag on
        # purpose ("Đảng" and "đảng" may differ); completion steers users to the existing one.
        n_tags = s.scalar(select(func.count(Tag.id))) or 0
        result = []
        for name in wanted:
            tag = existing.get(name)
            if tag is None:
                tag = Tag(name=name, color=color or PALETTE[n_tags % len(PALETTE)])
                n_tags += 1
                s.add(tag)
            result.append(tag)
        s.flush()
        return result

    # --- highlights ---------------------------------------------------------------------
    def highlights_for_article(self, article_id: int) -> list[HighlightInfo]:
        with self.db.session() as s:
            rows = s.scalars(
                select(Highlight)
                .where(Highlight.article_id == article_id)
                .options(selectinload(Highlight.tags))
                .order_by(Highlight.start, Highlight.end, Highlight.id)
            ).all()
            return [_highlight_info(h) for h in rows]

    def get_highlight(self, highlight_id: int) -> HighlightInfo:
        with self.db.session() as s:
            return _highlight_info(self._load(s, highlight_id))

    def create_highlight(
        self, article_id: int, start: int, end: int, tag_names: Sequence[str] = (), note: str = ""
    ) -> HighlightInfo:
        with self.db.session() as s:
            article = s.get(Article, article_id)
            if article is None:
                raise AnnotationError("The article no longer exists.")
            text = article.text
            if not (0 <= start < end <= len(text)):
                raise AnnotationError("The selection is outside the article text.")
            if not text[start:end].strip():
                raise AnnotationError("The selection holds only spaces; select some words.")
            now = utcnow()
            h = Highlight(
                article_id=article_id,
                start=start,
                end=end,
                quote=text[start:end],
                prefix=text[max(0, start - CONTEXT_CHARS) : start],
                suffix=text[end : end + CONTEXT_CHARS],
                note=note,
                created_at=now,
                modified_at=now,
            )
            h.tags = self._get_or_create_tags(s, tag_names)
            s.add(h)
            s.flush()
            return _highlight_info(h)

    def set_tags(self, highlight_id: int, tag_names: Sequence[str]) -> HighlightInfo:
        with self.db.session() as s:
            h = self._load(s, highlight_id)
            h.tags = self._get_or_create_tags(s, tag_names)
            h.modified_at = utcnow()
            s.flush()
            return _highlight_info(h)

    def set_note(self, highlight_id: int, note: str) -> HighlightInfo:
        with self.db.session() as s:
            h = self._load(s, highlight_id)
            if h.note != note:
                h.note = note
                h.modified_at = utcnow()
            return _highlight_info(h)

    def delete_highlight(self, highlight_id: int) -> HighlightInfo:
        """Delete and return what was deleted (so an undo can put it back)."""
        with self.db.session() as s:
            h = self._load(s, highlight_id)
            info = _highlight_info(h)
            s.delete(h)
            return info

    def restore_highlight(self, info: HighlightInfo) -> HighlightInfo:
        """Put back a deleted highlight with its id, tags, note and times."""
        with self.db.session() as s:
            h = Highlight(
                id=info.id,
                article_id=info.article_id,
                start=info.start,
                end=info.end,
                note=info.note,
                created_at=info.created_at,
                modified_at=info.modified_at,
            )
            article = s.get(Article, info.article_id)
            if article is None:
                raise AnnotationError("The article no longer exists.")
            text = article.text
            h.quote = text[info.start : info.end]
            h.prefix = text[max(0, info.start - CONTEXT_CHARS) : info.start]
            h.suffix = text[info.end : info.end + CONTEXT_CHARS]
            h.tags = self._get_or_create_tags(s, info.tag_names)
            s.add(h)
            s.flush()
            return _highlight_info(h)

    @staticmethod
    def _load(s: Session, highlight_id: int) -> Highlight:
        h = s.get(Highlight, highlight_id, options=[selectinload(Highlight.tags)])
        if h is None:
            raise AnnotationError("That highlight no longer exists.")
        return h


def match_tags(tags: Sequence[TagInfo], typed: str) -> list[TagInfo]:
    """Tags whose name contains what was typed, ignoring case and diacritics.

    Prefix matches come first: "to chuc" finds "Tổ chức" before "Ban Tổ chức".
    """
    key = fold(clean_tag_name(typed))
    if not key:
        return list(tags)
    scored = []
    for tag in tags:
        name = fold(tag.name)
        pos = name.find(key)
        if pos >= 0:
            scored.append((pos != 0, pos, name, tag))
    return [t for *_, t in sorted(scored, key=lambda x: x[:3])]
