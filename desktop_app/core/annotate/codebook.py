"""The codebook: rename, move, describe, merge and delete tags.

Every change returns what is needed to take it back exactly (the undo stack keeps it),
and nothing here ever deletes a highlight: deleting or merging a tag only unlinks it.
Nested tags are named like paths ("Cán bộ/Đào tạo", tag_paths), and a nested tag's parent
is a tag too: renaming or moving a tag carries the tags under it along and creates the
new parents it needs, deleting a tag deletes the tags under it, and merging a tag puts
the tags under it under the tag it is merged into.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from desktop_app.core.annotate.edits import ensure_tags
from desktop_app.core.annotate.highlights import AnnotationError, TagInfo
from desktop_app.core.annotate.row_versions import ConflictError, check, conflict, versioned_flush
from desktop_app.core.annotate.tag_paths import (
    TAG_PATH_SEPARATOR,
    clean_tag_path,
    in_tag_scope,
    tag_ancestors,
    tag_path,
)
from desktop_app.core.messages import Message
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Highlight, Tag, highlight_tags


@dataclass(frozen=True)
class TagSnapshot:
    """A tag and the highlights carrying it: enough to put it back as it was."""

    tag: TagInfo
    highlight_ids: tuple[int, ...]


Renames = list[tuple[int, str, str]]  # (tag id, old name, new name)


@dataclass(frozen=True)
class MergeUndo:
    source: TagSnapshot
    target_id: int
    added: tuple[int, ...]  # highlights that got the target tag from the merge
    renames: Renames = field(default_factory=list)  # the source's children, now under the target


@dataclass(frozen=True)
class Usage:
    """What deleting or merging a tag touches."""

    highlights: int  # highlights carrying the tag (or, nested, any tag of its subtree)
    articles: int
    nested: int = 0  # tags under it


def usage(db: Database, tag_id: int, nested: bool = False) -> Usage:
    """The highlights and articles carrying the tag, or with `nested`, any tag of the
    subtree, which a delete takes along (and the number of tags under it)."""
    with db.session() as s:
        tag = _get(s, tag_id)
        ids = [t.id for t in _subtree(s, tag)] if nested else [tag_id]
        n, articles = s.execute(
            select(func.count(func.distinct(highlight_tags.c.highlight_id)),
                   func.count(func.distinct(Highlight.article_id)))
            .join(Highlight, Highlight.id == highlight_tags.c.highlight_id)
            .where(highlight_tags.c.tag_id.in_(ids))
        ).one()
        return Usage(n, articles, len(ids) - 1)


def rename_in(s: Session, tag_id: int, new_name: str, seen: int | None = None) -> Renames:
    """Rename a tag, and the tags nested under it with it; the parents the new name
    needs are created. Refuses a name in use: merging two tags is a different,
    deliberate act. `seen`: the version the user saw (row_versions.py)."""
    new_name = clean_tag_path(new_name)
    if not new_name:
        raise AnnotationError(Message("tag.needs_name"))
    tag = checked_tag(s, tag_id, seen)
    if new_name == tag.name:
        return []
    renames = _moved(_subtree(s, tag), tag.name, new_name)
    _refuse_clash(s, renames)
    apply_renames(s, renames)
    ensure_tags(s, tag_ancestors(new_name))
    return renames


def move_in(s: Session, tag_id: int, new_parent: str, seen: int | None = None) -> Renames:
    """Put a tag (and what is under it) under another tag, or at the top level ("")."""
    tag = checked_tag(s, tag_id, seen)
    leaf = tag_path(tag.name)[-1]
    if new_parent and in_tag_scope(new_parent, tag.name):
        raise AnnotationError(Message("tag.under_itself"))
    return rename_in(s, tag_id, f"{new_parent}{TAG_PATH_SEPARATOR}{leaf}" if new_parent else leaf)


def tag_conflict(s: Session, tag_id: int) -> ConflictError:
    """The tag as another coder left it, as a refusal (AnnotationError if they deleted it)."""
    tag = _get(s, tag_id)
    return conflict("conflict.tag", {"name": tag.name, "color": tag.color,
                                     "description": tag.description or ""}, tag.row_version)


def checked_tag(s: Session, tag_id: int, seen: int | None) -> Tag:
    """The tag, refused (ConflictError) when no longer at version `seen` (None: any)."""
    tag = _get(s, tag_id)
    check(tag.row_version, seen, lambda: tag_conflict(s, tag_id))
    return tag


def tag_version(s: Session, tag_id: int) -> int:
    return _get(s, tag_id).row_version


def _flush(s: Session, tag_id: int) -> None:
    def refuse() -> ConflictError:
        s.rollback()  # the failed flush ends the transaction; read theirs in a new one
        return tag_conflict(s, tag_id)

    with versioned_flush(refuse):
        s.flush()


def reversed_renames(renames: Renames) -> Renames:
    return [(tid, new, old) for tid, old, new in renames]


def apply_renames(s: Session, renames: Renames) -> None:
    # Two passes through temporary names: A->B and B->C in one batch must not collide
    # on the unique name constraint midway. The temporary name starts with U+001F, which
    # no stored name holds (cleaning splits on it as on a space); not NUL, which
    # PostgreSQL refuses in text.
    if not renames:
        return
    for tid, _old, _new in renames:
        _get(s, tid).name = f"\x1frenaming {tid}"
    _flush(s, renames[0][0])  # a race on any of them is told as one on the first
    for tid, _old, new in renames:
        _get(s, tid).name = new
    _flush(s, renames[0][0])


def _subtree(s: Session, tag: Tag) -> list[Tag]:
    """The tag and every tag under it, parents first."""
    family = [t for t in s.scalars(select(Tag)) if in_tag_scope(t.name, tag.name)]
    return sorted(family, key=lambda t: (len(tag_path(t.name)), t.id != tag.id, t.id))


def _moved(family: list[Tag], old: str, new: str) -> Renames:
    """Renames taking the tags of a subtree from under `old` to under `new`."""
    depth, prefix = len(tag_path(old)), tag_path(new)
    return [(t.id, t.name, TAG_PATH_SEPARATOR.join(prefix + tag_path(t.name)[depth:])) for t in family]


def _refuse_clash(s: Session, renames: Renames) -> None:
    taken = set(s.scalars(select(Tag.name))) - {old for _id, old, _new in renames}
    clash = [new for _id, _old, new in renames if new in taken]
    if clash:
        raise AnnotationError(Message("tag.name_taken", {"name": clash[0]}))


def describe_in(s: Session, tag_id: int, description: str, seen: int | None = None) -> str:
    """Set the tag's description; returns the previous one (for undo). The same as
    stored: nothing written, no conflict either."""
    tag = _get(s, tag_id)
    before = tag.description or ""
    if before != description:
        checked_tag(s, tag_id, seen)
        tag.description = description
        _flush(s, tag_id)
    return before


def recolour_in(s: Session, tag_id: int, color: str, seen: int | None = None) -> str:
    """Set the tag's colour; returns the previous one (for undo)."""
    tag = _get(s, tag_id)
    before = tag.color
    if before != color:
        checked_tag(s, tag_id, seen)
        tag.color = color
        _flush(s, tag_id)
    return before


def snapshot_in(s: Session, tag_id: int) -> TagSnapshot:
    tag = _get(s, tag_id)
    ids = tuple(s.scalars(select(highlight_tags.c.highlight_id).where(highlight_tags.c.tag_id == tag_id)))
    return TagSnapshot(TagInfo(tag.id, tag.name, tag.color, tag.description or "", len(ids), tag.row_version), ids)


def family_ids(s: Session, tag_id: int) -> list[int]:
    """The tag and the tags under it (what delete_in removes)."""
    return [t.id for t in _subtree(s, _get(s, tag_id))]


def delete_in(s: Session, tag_id: int) -> tuple[TagSnapshot, ...]:
    """Remove a tag and the tags under it from the codebook and from their highlights
    (which stay); their snapshots, parents first, for restore_in."""
    family = _subtree(s, _get(s, tag_id))
    snaps = tuple(snapshot_in(s, t.id) for t in family)
    ids = [t.id for t in family]
    s.execute(delete(highlight_tags).where(highlight_tags.c.tag_id.in_(ids)))
    s.execute(delete(Tag).where(Tag.id.in_(ids)))
    s.expire_all()  # the bulk delete bypassed the identity map
    return snaps


def restore_in(s: Session, snaps: tuple[TagSnapshot, ...]) -> None:
    """Undo of delete: the same ids, names, colours and descriptions, on the same
    highlights (those that still exist)."""
    for snap in snaps:
        s.add(Tag(id=snap.tag.id, name=snap.tag.name, color=snap.tag.color, description=snap.tag.description))
    s.flush()
    for snap in snaps:
        _link(s, snap.tag.id, snap.highlight_ids)


def merge_in(s: Session, source_id: int, target_id: int) -> MergeUndo:
    """Every highlight of `source` gets `target` (keeping its other tags); `source` goes,
    and the tags under it go under `target` (a name already there is refused)."""
    if source_id == target_id:
        raise AnnotationError(Message("tag.merge_into_itself"))
    source, target = _get(s, source_id), _get(s, target_id)
    if in_tag_scope(target.name, source.name):
        raise AnnotationError(Message("tag.merge_under_itself"))
    renames = _moved(_subtree(s, source)[1:], source.name, target.name)
    _refuse_clash(s, renames)
    snap = snapshot_in(s, source_id)
    has_target = set(s.scalars(
        select(highlight_tags.c.highlight_id).where(highlight_tags.c.tag_id == target_id)))
    added = tuple(h for h in snap.highlight_ids if h not in has_target)
    _link(s, target_id, added)
    s.execute(delete(highlight_tags).where(highlight_tags.c.tag_id == source_id))
    s.delete(source)
    s.flush()
    apply_renames(s, renames)
    return MergeUndo(snap, target_id, added, renames)


def unmerge_in(s: Session, undo: MergeUndo) -> None:
    if undo.added:
        s.execute(delete(highlight_tags).where(
            highlight_tags.c.tag_id == undo.target_id, highlight_tags.c.highlight_id.in_(undo.added)))
    restore_in(s, (undo.source,))
    apply_renames(s, reversed_renames(undo.renames))


def _link(s: Session, tag_id: int, highlight_ids: tuple[int, ...]) -> None:
    alive = set(s.scalars(select(Highlight.id).where(Highlight.id.in_(highlight_ids)))) if highlight_ids else set()
    rows = [{"highlight_id": h, "tag_id": tag_id} for h in highlight_ids if h in alive]
    if rows:
        s.execute(insert(highlight_tags), rows)


def _get(s: Session, tag_id: int) -> Tag:
    tag = s.get(Tag, tag_id)
    if tag is None:
        raise AnnotationError(Message("tag.missing"))
    return tag
