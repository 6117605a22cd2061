"""The one place that creates, changes and deletes highlights, tags and notes.

Every call commits at once (no Save button) and returns plain frozen dataclasses, so
views refresh from what changed and never hold ORM objects or run SQL. The values live
in `records`, the edits (inside a caller's transaction) in `edits`, the bulk insert in
`bulk`; they are re-exported here so that callers keep one import.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from desktop_app.core.annotate import edits
from desktop_app.core.annotate.bulk import add_highlights
from desktop_app.core.annotate.records import (  # noqa: F401 (re-exported)
    CONTEXT_CHARS,
    PALETTE,
    AnnotationError,
    HighlightInfo,
    NewHighlight,
    TagInfo,
    check_span,
    clean_tag_name,
    clean_tag_names,
    highlight_info,
    selectors,
    tag_info,
)
from desktop_app.core.messages import Message
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Highlight, Tag, highlight_tags
from desktop_app.core.text.matching import MatchLevel, key, level_for_query, query_text
from desktop_app.core.text.normalize import fold

__all__ = [
    "CONTEXT_CHARS", "PALETTE", "AnnotationError", "AnnotationService", "HighlightInfo",
    "NewHighlight", "TagInfo", "add_highlights", "check_span", "clean_tag_name",
    "clean_tag_names", "match_tags", "selectors",
]


class AnnotationService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- tags -------------------------------------------------------------------------
    def list_tags(self, coders: Collection[int] | None = None) -> list[TagInfo]:
        """All tags with the number of highlights carrying each, in folded-name order;
        with `coders`, the number of those coders' highlights (a blind coder's palette)."""
        stmt = select(Tag, func.count(highlight_tags.c.highlight_id)).outerjoin(
            highlight_tags, highlight_tags.c.tag_id == Tag.id)
        if coders is not None:
            stmt = select(Tag, func.count(Highlight.id)).outerjoin(
                highlight_tags, highlight_tags.c.tag_id == Tag.id).outerjoin(
                Highlight, and_(Highlight.id == highlight_tags.c.highlight_id,
                                Highlight.coder_id.in_(sorted(set(coders)))))
        with self.db.session() as s:
            rows = s.execute(stmt.group_by(Tag.id)).all()
            tags = [tag_info(tag, count) for tag, count in rows]
        return sorted(tags, key=lambda t: fold(t.name))

    def create_tag(self, name: str, color: str | None = None) -> TagInfo:
        with self.db.session() as s:
            return tag_info(edits.ensure_tags(s, [name], color)[0])

    def set_tag_color(self, tag_id: int, color: str) -> TagInfo:
        with self.db.session() as s:
            tag = s.get(Tag, tag_id)
            if tag is None:
                raise AnnotationError(Message("tag.missing"))
            tag.color = color
            return tag_info(tag)

    def _get_or_create_tags(self, s: Session, names: Iterable[str], color: str | None = None) -> list[Tag]:
        return edits.ensure_tags(s, names, color)

    # --- highlights ---------------------------------------------------------------------
    def highlights_for_article(self, article_id: int,
                               coders: Collection[int] | None = None) -> list[HighlightInfo]:
        """The anchored highlights, by position: what the reader paints. `coders` keeps
        those coders' highlights only (None: everyone's)."""
        return self._for_article(article_id, orphaned=False, coders=coders)

    def orphans_for_article(self, article_id: int,
                            coders: Collection[int] | None = None) -> list[HighlightInfo]:
        """Highlights a re-import could not place, by where they used to be: the user sees
        their quote, tags and note and re-attaches each with `reattach`."""
        return self._for_article(article_id, orphaned=True, coders=coders)

    def _for_article(self, article_id: int, orphaned: bool,
                     coders: Collection[int] | None = None) -> list[HighlightInfo]:
        """Column queries, not ORM objects: 5,000 highlights of one long article loaded
        through the ORM took 360 ms of opening it; this way a fraction of that."""
        shown = [Highlight.article_id == article_id]
        if coders is not None:
            shown.append(Highlight.coder_id.in_(sorted(set(coders))))
        with self.db.session() as session:
            s = session.connection()  # Core rows: the ORM result layer is most of the cost
            tags: dict[int, TagInfo] = {}
            tags_of: dict[int, list[TagInfo]] = {}
            for hid, tid, name, color, description in s.execute(
                select(highlight_tags.c.highlight_id, Tag.id, Tag.name, Tag.color, Tag.description)
                .join(Tag, Tag.id == highlight_tags.c.tag_id)
                .join(Highlight, Highlight.id == highlight_tags.c.highlight_id)
                .where(*shown)
            ):
                tag = tags.get(tid)
                if tag is None:
                    tag = tags[tid] = TagInfo(tid, name, color, description or "")
                tags_of.setdefault(hid, []).append(tag)
            order = {tid: (fold(t.name), t.name) for tid, t in tags.items()}
            rows = s.execute(
                select(Highlight.id, Highlight.start, Highlight.end, Highlight.quote, Highlight.note,
                       Highlight.created_at, Highlight.modified_at, Highlight.prefix, Highlight.suffix,
                       Highlight.coder_id, Highlight.row_version)
                .where(*shown, Highlight.orphaned == orphaned)
                .order_by(Highlight.start, Highlight.end, Highlight.id)
            ).all()
            return [
                HighlightInfo(
                    id=hid, article_id=article_id, start=start, end=end, quote=quote, note=note or "",
                    tags=tuple(sorted(tags_of.get(hid, ()), key=lambda t: order[t.id])),
                    created_at=created, modified_at=modified, orphaned=orphaned,
                    prefix=prefix or "", suffix=suffix or "", coder_id=coder, row_version=version,
                )
                for hid, start, end, quote, note, created, modified, prefix, suffix, coder, version in rows
            ]

    def get_highlight(self, highlight_id: int) -> HighlightInfo:
        with self.db.session() as s:
            return highlight_info(self._load(s, highlight_id))

    # --- single edits, each committed at once (operations.Operations batches them) ---------
    def reattach(self, highlight_id: int, start: int, end: int) -> HighlightInfo:
        """Place a highlight (an orphan, usually) on the span the user selected: quote and
        context are taken afresh from the text; tags, note and creation time stay."""
        with self.db.session() as s:
            return edits.reattach(s, highlight_id, start, end)

    def create_highlight(
        self, article_id: int, start: int, end: int, tag_names: Sequence[str] = (), note: str = ""
    ) -> HighlightInfo:
        with self.db.session() as s:
            return edits.create(s, article_id, start, end, tag_names, note)

    def create_highlights(self, items: Sequence[NewHighlight]) -> list[int]:
        """Many highlights in one transaction (an import): all are created, or none."""
        with self.db.session() as s:
            return add_highlights(s, items)

    def set_tags(self, highlight_id: int, tag_names: Sequence[str]) -> HighlightInfo:
        with self.db.session() as s:
            return edits.set_tags(s, highlight_id, tag_names)

    def set_note(self, highlight_id: int, note: str) -> HighlightInfo:
        with self.db.session() as s:
            return edits.set_note(s, highlight_id, note)

    def delete_highlight(self, highlight_id: int) -> HighlightInfo:
        """Delete and return what was deleted (so an undo can put it back)."""
        with self.db.session() as s:
            return edits.delete_one(s, highlight_id)

    def restore_highlight(self, info: HighlightInfo) -> HighlightInfo:
        """Put back a deleted highlight with its id, tags, note and times; an orphan comes
        back an orphan, with the quote and context it was made on."""
        with self.db.session() as s:
            return edits.restore(s, info)

    @staticmethod
    def _load(s: Session, highlight_id: int) -> Highlight:
        return edits.load(s, highlight_id)


def match_tags(tags: Sequence[TagInfo], typed: str, level: MatchLevel | None = None) -> list[TagInfo]:
    """Tags whose name contains what was typed at `level` (by default the query's own:
    "dang" finds Đảng and đang, "Đảng" only Đảng; core/text/matching.py).

    Closer matches first (as typed, then the same word, then folded), then prefix matches:
    "to chuc" finds "Tổ chức" before "Ban Tổ chức".
    """
    typed = query_text(clean_tag_name(typed))
    if not typed:
        return list(tags)
    level = level_for_query(typed, level)
    closer = [lv for lv in MatchLevel if lv.rank <= level.rank]
    wanted = {lv: key(typed, lv) for lv in closer}
    scored = []
    for tag in tags:
        name = query_text(tag.name)
        pos = key(name, level).find(wanted[level])
        if pos >= 0:
            best = next(lv for lv in closer if wanted[lv] in key(name, lv))
            scored.append((best.rank, pos != 0, pos, fold(name), tag))
    return [t for *_, t in sorted(scored, key=lambda x: x[:4])]
