"""The plain values of annotation: highlights and tags as frozen records, the checks a
span must pass, tag-name cleaning, and the error every refusal is worded in.

Shared by the reads (highlights.AnnotationService), the single edits (edits) and the
bulk insert (bulk); highlights re-exports all of it, so callers keep one import.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core.annotate.tag_paths import clean_tag_path
from desktop_app.core.messages import Message, MessageError
from desktop_app.core.storage.models import Article, Highlight, Tag
from desktop_app.core.text.normalize import fold

CONTEXT_CHARS = 32  # Hypothesis stores 32 characters of prefix and suffix

# Distinct, readable highlight colours (ColorBrewer Set3-like, light enough for text on top).
PALETTE = (
    "#ffd166", "#8ecae6", "#b5e48c", "#ffadad", "#cdb4db", "#ffc6a5",
    "#a0e7e5", "#e9c46a", "#f4a3c0", "#c3d350", "#9bb1ff", "#f7b267",
)


class AnnotationError(MessageError, ValueError):
    """A request that cannot be carried out; `message` says why (core/messages.py)."""


@dataclass(frozen=True)
class TagInfo:
    id: int
    name: str
    color: str
    description: str = ""
    count: int = 0
    # The version read (schema v14, row_versions.py): what an edit names as `seen`. Not
    # compared: two reads of the same tag are the same tag.
    row_version: int = field(default=0, compare=False)


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
    # An orphan lost its place when a re-import changed the text: start/end are the old,
    # meaningless position; quote, prefix and suffix are what it was made on.
    orphaned: bool = False
    prefix: str = ""
    suffix: str = ""
    coder_id: int = 0  # who made it (schema v8); 0: not known, e.g. built by hand in a test
    row_version: int = field(default=0, compare=False)  # as read (schema v14): an edit's `seen`

    @property
    def tag_names(self) -> list[str]:
        return [t.name for t in self.tags]


def tag_info(tag: Tag, count: int = 0) -> TagInfo:
    return TagInfo(tag.id, tag.name, tag.color, tag.description or "", count, tag.row_version or 0)


def highlight_info(h: Highlight) -> HighlightInfo:
    return HighlightInfo(
        id=h.id,
        article_id=h.article_id,
        start=h.start,
        end=h.end,
        quote=h.quote,
        note=h.note or "",
        tags=tuple(tag_info(t) for t in sorted(h.tags, key=lambda t: fold(t.name))),
        created_at=h.created_at,
        modified_at=h.modified_at,
        orphaned=bool(h.orphaned),
        prefix=h.prefix or "",
        suffix=h.suffix or "",
        coder_id=h.coder_id or 0,
        row_version=h.row_version or 0,
    )


def selectors(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(quote, prefix, suffix) of text[start:end], as a highlight stores them."""
    return (text[start:end], text[max(0, start - CONTEXT_CHARS) : start],
            text[end : end + CONTEXT_CHARS])


def span_selectors(s: Session, article_id: int, start: int, end: int) -> tuple[str, str, str]:
    """check_span and selectors on the stored text, reading only the span and its context:
    SQLite's substr() counts code points, as Python does, so a 1 MB article
    is not copied into Python for every new highlight (~15 ms of a 50 ms budget)."""
    lo = max(0, start - CONTEXT_CHARS)
    window = s.scalar(
        select(func.substr(Article.text, lo + 1, end + CONTEXT_CHARS - lo)).where(Article.id == article_id)
    )
    if window is None:
        raise AnnotationError(Message("article.missing"))
    if not (0 <= start < end <= lo + len(window)):  # substr stops at the end of the text
        raise AnnotationError(Message("highlight.outside_text"))
    quote = window[start - lo : end - lo]
    if not quote.strip():
        raise AnnotationError(Message("highlight.blank_selection"))
    return quote, window[: start - lo], window[end - lo :]


def check_span(text: str, start: int, end: int) -> None:
    """Refuse a span a highlight cannot be made on, in words for the user."""
    if not (0 <= start < end <= len(text)):
        raise AnnotationError(Message("highlight.outside_text"))
    if not text[start:end].strip():
        raise AnnotationError(Message("highlight.blank_selection"))


def clean_tag_name(name: str) -> str:
    """Tag names are trimmed, single-spaced, and may not be empty; a nested name's parts
    each so ("Cán bộ / Đào tạo" is stored "Cán bộ/Đào tạo", tag_paths)."""
    return clean_tag_path(name)


class NewHighlight(NamedTuple):
    """One highlight for `add_highlights`: what create_highlight takes, plus its times and
    the id to keep, as restore_highlight puts a highlight back. (A named tuple: an import
    makes 100,000 of them, and tuples are made four times faster than dataclasses.)"""

    article_id: int
    start: int
    end: int
    tag_names: Sequence[str] = ()
    note: str = ""
    created_at: datetime | None = None  # None: now
    modified_at: datetime | None = None  # None: created_at
    keep_id: int | None = None  # kept when no highlight has it; else a new id
    coder_id: int | None = None  # None: the session's current coder


def clean_tag_names(names: Iterable[str]) -> list[str]:
    """Cleaned, non-empty tag names without repeats, in the order given."""
    wanted: list[str] = []
    for raw in names:
        name = clean_tag_name(raw)
        if name and name not in wanted:
            wanted.append(name)
    return wanted
