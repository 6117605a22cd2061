"""The codebook: rename, move, describe, merge and delete tags.

Every change returns what is needed to take it back exactly (the undo stack keeps it),
and nothing here ever deletes a highlight: deleting or merging a tag only unlinks it.
Nested tags are named like paths ("Cán bộ/Đào tạo"), so renaming or moving a tag
carries the tags under it along.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from desktop_app.core.annotate.highlights import AnnotationError, TagInfo, clean_tag_name
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Highlight, Tag, highlight_tags
from desktop_app.core.annotate.tag_paths import TAG_PATH_SEPARATOR, in_tag_scope, tag_path


@dataclass(frozen=True)
class TagSnapshot:
    """A tag and the highlights carrying it: enough to put it back as it was."""

    tag: TagInfo
    highlight_ids: tuple[int, ...]


@dataclass(frozen=True)
class MergeUndo:
    source: TagSnapshot
    target_id: int
    added: tuple[int, ...]  # highlights that got the target tag from the merge


Renames = list[tuple[int, str, str]]  # (tag id, old name, new name)


def usage(db: Database, tag_id: int) -> tuple[int, int]:
    """(highlights, articles) carrying the tag: what a delete or merge would touch."""
    with db.session() as s:
        n, articles = s.execute(
            select(func.count(highlight_tags.c.highlight_id), func.count(func.distinct(Highlight.article_id)))
            .join(Highlight, Highlight.id == highlight_tags.c.highlight_id)
            .where(highlight_tags.c.tag_id == tag_id)
        ).one()
        return n, articles


def rename(db: Database, tag_id: int, new_name: str) -> Renames:
    """Rename a tag, and the tags nested under it with it. Refuses a name in use:
    merging two tags is a different, deliberate act."""
    with db.session() as s:
        return rename_in(s, tag_id, new_name)


def rename_in(s: Session, tag_id: int, new_name: str) -> Renames:
    new_name = TAG_PATH_SEPARATOR.join(p for p in (clean_tag_name(x) for x in tag_path(new_name)) if p)
    if not new_name:
        raise AnnotationError("A tag needs a name.")
    tag = _get(s, tag_id)
    old = tag.name
    if new_name == old:
        return []
    family = [t for t in s.scalars(select(Tag)) if in_tag_scope(t.name, old)]
    renames = [(t.id, t.name, new_name + t.name[len(old):]) for t in family]
    taken = set(s.scalars(select(Tag.name))) - {t.name for t in family}
    clash = [new for _id, _old, new in renames if new in taken]
    if clash:
        raise AnnotationError(f"A tag named “{clash[0]}” already exists. To put their "
                              "highlights together, merge the tags instead.")
    apply_renames(s, renames)
    return renames


def move(db: Database, tag_id: int, new_parent: str) -> Renames:
    """Put a tag (and what is under it) under another tag, or at the top level ("")."""
    with db.session() as s:
        return move_in(s, tag_id, new_parent)


def move_in(s: Session, tag_id: int, new_parent: str) -> Renames:
    tag = _get(s, tag_id)
    leaf = tag_path(tag.name)[-1]
    if new_parent and in_tag_scope(new_parent, tag.name):
        raise AnnotationError("A tag cannot be moved under itself.")
    return rename_in(s, tag_id, f"{new_parent}{TAG_PATH_SEPARATOR}{leaf}" if new_parent else leaf)


def undo_renames(db: Database, renames: Renames) -> None:
    with db.session() as s:
        apply_renames(s, reversed_renames(renames))


def reversed_renames(renames: Renames) -> Renames:
    return [(tid, new, old) for tid, old, new in renames]


def apply_renames(s: Session, renames: Renames) -> None:
    # Two passes through temporary names: A->B and B->C in one batch must not collide
    # on the unique name constraint midway.
    for tid, _old, _new in renames:
        _get(s, tid).name = f"\x00renaming {tid}"
    s.flush()
    for tid, _old, new in renames:
        _get(s, tid).name = new
    s.flush()


def describe(db: Database, tag_id: int, description: str) -> str:
    """Set the codebook description; returns the previous one (for undo)."""
    with db.session() as s:
        return describe_in(s, tag_id, description)


def describe_in(s: Session, tag_id: int, description: str) -> str:
    tag = _get(s, tag_id)
    before, tag.description = tag.description or "", description
    s.flush()
    return before


def recolour_in(s: Session, tag_id: int, color: str) -> str:
    """Set the tag's colour; returns the previous one (for undo)."""
    tag = _get(s, tag_id)
    before, tag.color = tag.color, color
    s.flush()
    return before


def snapshot(db: Database, tag_id: int) -> TagSnapshot:
    with db.session() as s:
        return snapshot_in(s, tag_id)


def snapshot_in(s: Session, tag_id: int) -> TagSnapshot:
    tag = _get(s, tag_id)
    ids = tuple(s.scalars(select(highlight_tags.c.highlight_id).where(highlight_tags.c.tag_id == tag_id)))
    return TagSnapshot(TagInfo(tag.id, tag.name, tag.color, tag.description or "", len(ids)), ids)


def delete_tag(db: Database, tag_id: int) -> TagSnapshot:
    """Remove a tag from the codebook and from its highlights (which stay)."""
    with db.session() as s:
        return delete_in(s, tag_id)


def delete_in(s: Session, tag_id: int) -> TagSnapshot:
    snap = snapshot_in(s, tag_id)
    s.execute(delete(highlight_tags).where(highlight_tags.c.tag_id == tag_id))
    s.delete(_get(s, tag_id))
    s.flush()
    return snap


def restore_tag(db: Database, snap: TagSnapshot) -> None:
    """Undo of delete: the same id, name, colour and description, on the same highlights
    (those that still exist)."""
    with db.session() as s:
        restore_in(s, snap)


def restore_in(s: Session, snap: TagSnapshot) -> None:
    s.add(Tag(id=snap.tag.id, name=snap.tag.name, color=snap.tag.color, description=snap.tag.description))
    s.flush()
    _link(s, snap.tag.id, snap.highlight_ids)


def merge(db: Database, source_id: int, target_id: int) -> MergeUndo:
    """Every highlight of `source` gets `target` (keeping its other tags); `source` goes."""
    with db.session() as s:
        return merge_in(s, source_id, target_id)


def merge_in(s: Session, source_id: int, target_id: int) -> MergeUndo:
    if source_id == target_id:
        raise AnnotationError("Choose another tag to merge into.")
    snap = snapshot_in(s, source_id)
    _get(s, target_id)
    has_target = set(s.scalars(
        select(highlight_tags.c.highlight_id).where(highlight_tags.c.tag_id == target_id)))
    added = tuple(h for h in snap.highlight_ids if h not in has_target)
    _link(s, target_id, added)
    s.execute(delete(highlight_tags).where(highlight_tags.c.tag_id == source_id))
    s.delete(_get(s, source_id))
    s.flush()
    return MergeUndo(snap, target_id, added)


def unmerge(db: Database, undo: MergeUndo) -> None:
    with db.session() as s:
        unmerge_in(s, undo)


def unmerge_in(s: Session, undo: MergeUndo) -> None:
    if undo.added:
        s.execute(delete(highlight_tags).where(
            highlight_tags.c.tag_id == undo.target_id, highlight_tags.c.highlight_id.in_(undo.added)))
    restore_in(s, undo.source)


def _link(s: Session, tag_id: int, highlight_ids: tuple[int, ...]) -> None:
    alive = set(s.scalars(select(Highlight.id).where(Highlight.id.in_(highlight_ids)))) if highlight_ids else set()
    rows = [{"highlight_id": h, "tag_id": tag_id} for h in highlight_ids if h in alive]
    if rows:
        s.execute(insert(highlight_tags), rows)


def _get(s: Session, tag_id: int) -> Tag:
    tag = s.get(Tag, tag_id)
    if tag is None:
        raise AnnotationError("That tag no longer exists.")
    return tag
