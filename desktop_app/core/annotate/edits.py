"""Single highlight and tag edits inside a caller's transaction.

Each function takes the `Session` the caller opened, so that an operation made of many
edits (retagging 50 highlights, an undo that deletes some and restores others) commits
them together or not at all. AnnotationService wraps each in a session of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import flag_modified

from desktop_app.core.annotate.bulk import add_highlights
from desktop_app.core.annotate.records import (
    PALETTE,
    AnnotationError,
    HighlightInfo,
    NewHighlight,
    TagInfo,
    clean_tag_names,
    highlight_info,
    selectors,
    span_selectors,
)
from desktop_app.core.annotate.row_versions import ConflictError, check, conflict, versioned_flush
from desktop_app.core.annotate.tag_paths import with_ancestors
from desktop_app.core.messages import Message
from desktop_app.core.storage.database import current_coder
from desktop_app.core.storage.models import Article, Highlight, Tag, highlight_tags, utcnow


def load(s: Session, highlight_id: int) -> Highlight:
    h = s.get(Highlight, highlight_id, options=[selectinload(Highlight.tags)])
    if h is None:
        raise AnnotationError(Message("highlight.missing"))
    return h


def ensure_tags(s: Session, names: Iterable[str], color: str | None = None) -> list[Tag]:
    """The tags named, creating the missing ones (coloured in turn from the palette), and
    the missing parents of nested ones ("Cán bộ" for "Cán bộ/Đào tạo", tag_paths)."""
    wanted = clean_tag_names(names)
    if not wanted:
        return []
    everything = with_ancestors(wanted)
    existing = {t.name: t for t in s.scalars(select(Tag).where(Tag.name.in_(everything)))}
    # A tag typed with other case or diacritics than an existing one is a new tag on
    # purpose ("Đảng" and "đảng" may differ); completion steers users to the existing one.
    n_tags = s.scalar(select(func.count(Tag.id))) or 0
    for name in everything:  # parents first
        if name not in existing:
            mine = color if color and name in wanted else None
            existing[name] = tag = Tag(name=name, color=mine or PALETTE[n_tags % len(PALETTE)])
            n_tags += 1
            s.add(tag)
    s.flush()
    return [existing[name] for name in wanted]


def create(s: Session, article_id: int, start: int, end: int, tag_names: Sequence[str] = (),
           note: str = "") -> HighlightInfo:
    quote, prefix, suffix = span_selectors(s, article_id, start, end)
    now = utcnow()
    h = Highlight(article_id=article_id, start=start, end=end, quote=quote, prefix=prefix,
                  suffix=suffix, note=note, created_at=now, modified_at=now, orphaned=False,
                  coder_id=current_coder(s))
    h.tags = ensure_tags(s, tag_names)
    s.add(h)
    s.flush()
    return highlight_info(h)


def conflict_of(s: Session, highlight_id: int) -> ConflictError:
    """The highlight as another coder left it, as a refusal of an edit made on an older
    version (AnnotationError if they deleted it)."""
    info = highlight_info(load(s, highlight_id))
    return conflict("conflict.highlight", {"note": info.note, "tags": tuple(info.tag_names),
                                           "start": info.start, "end": info.end,
                                           "quote": info.quote}, info.row_version)


def checked(s: Session, highlight_id: int, seen: int | None) -> Highlight:
    """The highlight, refused (ConflictError) when it is no longer at version `seen`
    (None: any version, row_versions.py)."""
    h = load(s, highlight_id)
    check(h.row_version, seen, lambda: conflict_of(s, highlight_id))
    return h


def flush_versioned(s: Session, highlight_id: int) -> None:
    """Flush the highlight's UPDATE; another writer's commit in between is a conflict."""
    def refuse() -> ConflictError:
        s.rollback()  # the failed flush ends the transaction; read theirs in a new one
        return conflict_of(s, highlight_id)

    # Always an UPDATE (which bumps the row version), even when no column but modified_at
    # changed and it holds the same second already (a retag: its links are another table).
    flag_modified(load(s, highlight_id), "modified_at")
    with versioned_flush(refuse):
        s.flush()


def set_tags(s: Session, highlight_id: int, tag_names: Sequence[str],
             seen: int | None = None) -> HighlightInfo:
    h = checked(s, highlight_id, seen)
    h.tags = ensure_tags(s, tag_names)
    h.modified_at = utcnow()
    flush_versioned(s, highlight_id)
    return highlight_info(h)


def set_note(s: Session, highlight_id: int, note: str, seen: int | None = None) -> HighlightInfo:
    h = load(s, highlight_id)
    if h.note != note:
        check(h.row_version, seen, lambda: conflict_of(s, highlight_id))
        h.note = note
        h.modified_at = utcnow()
        flush_versioned(s, highlight_id)
    return highlight_info(h)


def reattach(s: Session, highlight_id: int, start: int, end: int,
             seen: int | None = None) -> HighlightInfo:
    """Place a highlight on a span: quote and context afresh from the text; tags, note and
    creation time stay."""
    h = checked(s, highlight_id, seen)
    quote, prefix, suffix = span_selectors(s, h.article_id, start, end)
    h.start, h.end = start, end
    h.quote, h.prefix, h.suffix = quote, prefix, suffix
    h.orphaned = False
    h.modified_at = utcnow()
    flush_versioned(s, highlight_id)
    return highlight_info(h)


def delete_one(s: Session, highlight_id: int) -> HighlightInfo:
    """Delete and return what was deleted (so an undo can put it back)."""
    h = load(s, highlight_id)
    info = highlight_info(h)
    s.delete(h)
    s.flush()
    return info


def restore(s: Session, info: HighlightInfo) -> HighlightInfo:
    """Put back a deleted highlight with its id, tags, note and times; an orphan comes back
    an orphan, with the quote and context it was made on (its position is stale, so
    nothing is read from the text for it)."""
    article_text = s.scalar(select(Article.text).where(Article.id == info.article_id))
    if article_text is None:
        raise AnnotationError(Message("article.missing"))
    if s.get(Highlight, info.id) is not None:
        raise AnnotationError(Message("highlight.already_there"))
    h = Highlight(id=info.id, article_id=info.article_id, start=info.start, end=info.end,
                  note=info.note, created_at=info.created_at, modified_at=info.modified_at,
                  orphaned=info.orphaned, coder_id=info.coder_id or current_coder(s))
    if info.orphaned:
        h.quote, h.prefix, h.suffix = info.quote, info.prefix, info.suffix
    else:
        h.quote, h.prefix, h.suffix = selectors(article_text, info.start, info.end)
    h.tags = ensure_tags(s, info.tag_names)
    s.add(h)
    s.flush()
    return highlight_info(h)


def put_back(s: Session, info: HighlightInfo, seen: int | None = None) -> HighlightInfo:
    """A highlight exactly as `info` was, whether it still exists (changed since, at
    version `seen` when given) or not: the undo of an edit that changed several things at
    once (a re-attach). It comes back at a version above the one it replaced."""
    now = s.get(Highlight, info.id)
    after = 0
    if now is not None:
        check(now.row_version, seen, lambda: conflict_of(s, info.id))
        after = now.row_version
        delete_one(s, info.id)
    back = restore(s, info)
    if after:
        # Past the ORM's own counter, which would check the version it just inserted.
        s.execute(text("UPDATE highlights SET row_version = :v WHERE id = :id"), {"v": after + 1, "id": info.id})
        s.expire_all()
        back = highlight_info(load(s, info.id))
    return back


# --- many at once, for operations on a selection and their undo -----------------------
_CHUNK = 500  # bound parameters per IN (...): below SQLite's oldest limit of 999


def infos(s: Session, highlight_ids: Sequence[int]) -> list[HighlightInfo]:
    """The highlights, in the order of `highlight_ids`; AnnotationError if any is gone."""
    ids = list(highlight_ids)
    found: dict[int, HighlightInfo] = {}
    for i in range(0, len(ids), _CHUNK):
        stmt = (select(Highlight).where(Highlight.id.in_(ids[i:i + _CHUNK]))
                .options(selectinload(Highlight.tags)))
        found.update((h.id, highlight_info(h)) for h in s.scalars(stmt))
    if len(found) != len(set(ids)):
        raise AnnotationError(Message("highlight.missing"))
    return [found[i] for i in ids]


def delete_many(s: Session, highlight_ids: Sequence[int]) -> list[HighlightInfo]:
    """Delete the highlights (their tag links go with them, ON DELETE CASCADE) and return
    what they were; if any is gone already, AnnotationError and nothing is deleted."""
    kept = infos(s, highlight_ids)
    ids = [h.id for h in kept]
    for i in range(0, len(ids), _CHUNK):
        s.execute(delete(Highlight).where(Highlight.id.in_(ids[i:i + _CHUNK])))
    s.expire_all()  # the bulk delete bypassed the identity map
    return kept


def restore_many(s: Session, kept: Sequence[HighlightInfo]) -> None:
    """restore() for each, the anchored ones with the bulk insert (an import's undo may
    bring back 100,000): every one keeps its id, or AnnotationError and none is back."""
    anchored = [h for h in kept if not h.orphaned]
    taken: set[int] = set()
    ids = [h.id for h in kept]
    for i in range(0, len(ids), _CHUNK):
        taken.update(s.scalars(select(Highlight.id).where(Highlight.id.in_(ids[i:i + _CHUNK]))))
    if taken:
        raise AnnotationError(Message("highlight.already_there"))
    made = add_highlights(s, [NewHighlight(h.article_id, h.start, h.end, h.tag_names, h.note,
                                           h.created_at, h.modified_at, h.id, h.coder_id or None)
                              for h in anchored])
    if made != [h.id for h in anchored]:  # cannot happen when none was taken; never guess
        raise AnnotationError(Message("highlight.not_restored"))
    for h in kept:
        if h.orphaned:
            restore(s, h)


# --- tags a step created, so that its undo leaves the codebook as it was ----------------
def tag_mark(s: Session) -> int:
    """The largest tag id now: tags above it were created after."""
    return s.scalar(select(func.max(Tag.id))) or 0


def tags_after(s: Session, mark: int) -> tuple[TagInfo, ...]:
    return tuple(TagInfo(t.id, t.name, t.color, t.description or "")
                 for t in s.scalars(select(Tag).where(Tag.id > mark).order_by(Tag.id)))


def drop_unused_tags(s: Session, tags: Sequence[TagInfo]) -> bool:
    """Delete those of `tags` no highlight carries (a step's undo: the tags it made);
    True when any went."""
    ids = [t.id for t in tags]
    if not ids:
        return False
    used = set(s.scalars(select(highlight_tags.c.tag_id).where(highlight_tags.c.tag_id.in_(ids))))
    unused = [i for i in ids if i not in used]
    if unused:
        s.execute(delete(Tag).where(Tag.id.in_(unused)))
    return bool(unused)


def put_back_tags(s: Session, tags: Sequence[TagInfo], created: Mapping[int, Any] | None = None) -> bool:
    """Create again, with the same id, name, colour and description (and the creation
    time in `created`, by id, when the undo kept it), those of `tags` that are missing (a
    step's redo); True when any was."""
    missing = [t for t in tags if s.get(Tag, t.id) is None
               and s.scalar(select(Tag.id).where(Tag.name == t.name)) is None]
    if missing:
        kept = created or {}
        s.execute(insert(Tag), [{"id": t.id, "name": t.name, "color": t.color, "description": t.description,
                                 "created_at": kept.get(t.id) or utcnow()} for t in missing])
    return bool(missing)
