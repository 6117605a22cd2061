"""Operations on the codebook: create, rename, move, merge, recolour, describe, delete tags.

Every one returns `codebook=True`; those that change which highlights carry a tag (merge,
delete) also name the highlights and their articles, so open cards repaint.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from desktop_app.core.annotate import codebook as tags
from desktop_app.core.annotate import edits
from desktop_app.core.annotate.records import AnnotationError, TagInfo, clean_tag_name, tag_info
from desktop_app.core.annotate.row_versions import written_versions
from desktop_app.core.library import article_codes
from desktop_app.core.messages import Message
from desktop_app.core.operations.base import OperationsBase, articles_of
from desktop_app.core.operations.changes import Changes, ids
from desktop_app.core.operations.history import StepLabel
from desktop_app.core.operations.outcome import Outcome, subject

CODEBOOK = Changes(codebook=True)


def _relinked(s: Session, highlight_ids: tuple[int, ...]) -> Changes:
    """A tag came onto or off these highlights."""
    return Changes(codebook=True, highlights_updated=ids(highlight_ids),
                   articles=articles_of(s, highlight_ids))


def _recoded(rows: list[article_codes.CodeRow]) -> Changes:
    """Whole-article codes came onto or off these articles."""
    return Changes(article_codes=ids(r.article_id for r in rows)) if rows else Changes()


class CodebookOperations(OperationsBase):
    def create_tag(self, name: str, color: str | None = None) -> Outcome[TagInfo]:
        """A new tag; a name already in use gives that tag back, changing nothing."""
        if not clean_tag_name(name):
            raise AnnotationError(Message("tag.needs_name"))

        def work(s: Session) -> tuple[TagInfo, tuple[TagInfo, ...]]:
            mark = edits.tag_mark(s)
            tag = tag_info(edits.ensure_tags(s, [name], color)[0])
            return tag, edits.tags_after(s, mark)

        tag, new = self._in_one_transaction(work, lambda r: CODEBOOK if r[1] else Changes())
        if not new:
            return Outcome(Changes(), tag)

        def undo(s: Session) -> Changes:
            edits.drop_unused_tags(s, new)
            return CODEBOOK

        def redo(s: Session) -> Changes:
            edits.put_back_tags(s, new)
            return CODEBOOK

        self._record(StepLabel("tag_create", 1, subject(tag.name)), undo, redo)
        return Outcome(CODEBOOK, tag)

    # `seen` below: the tag's version the user saw (TagInfo.row_version); another coder's
    # change since refuses the edit (ConflictError). None: the current one, knowingly.
    def rename_tag(self, tag_id: int, new_name: str, seen: int | None = None) -> Changes:
        """Rename a tag and the tags nested under it; a name in use is refused."""
        return self._renaming("tag_rename", tag_id, lambda s: tags.rename_in(s, tag_id, new_name, seen))

    def move_tag(self, tag_id: int, new_parent: str, seen: int | None = None) -> Changes:
        """Put a tag (and what is under it) under `new_parent`, or at the top level ("")."""
        return self._renaming("tag_move", tag_id, lambda s: tags.move_in(s, tag_id, new_parent, seen))

    def _renaming(self, kind: str, tag_id: int,
                  rename: Callable[[Session], tags.Renames]) -> Changes:
        """A rename or move, with the parents it created: its undo takes them away."""
        def work(s: Session) -> tuple[tags.Renames, tuple[TagInfo, ...]]:
            mark = edits.tag_mark(s)
            return rename(s), edits.tags_after(s, mark)

        renames, new = self._in_one_transaction(work, lambda r: CODEBOOK if r[0] or r[1] else Changes())
        if not renames:
            return Changes()
        versions = written_versions(self)
        versions.wrote("tags", tag_id, self._in_one_transaction(lambda s: tags.tag_version(s, tag_id)))
        old_name = next(old for tid, old, _new in renames if tid == tag_id)

        def undo(s: Session) -> Changes:
            tags.checked_tag(s, tag_id, versions.get("tags", tag_id))
            tags.apply_renames(s, tags.reversed_renames(renames))
            edits.drop_unused_tags(s, new)
            versions.wrote("tags", tag_id, tags.tag_version(s, tag_id))
            return CODEBOOK

        def redo(s: Session) -> Changes:
            tags.checked_tag(s, tag_id, versions.get("tags", tag_id))
            edits.put_back_tags(s, new)
            tags.apply_renames(s, renames)
            versions.wrote("tags", tag_id, tags.tag_version(s, tag_id))
            return CODEBOOK

        self._record(StepLabel(kind, 1, subject(old_name)), undo, redo)
        return CODEBOOK

    def merge_tags(self, source_id: int, target_id: int) -> Changes:
        """Every highlight of `source` gets `target` (keeping its other tags); `source` goes,
        and the tags under it go under `target`. So do its whole-article codes: those
        articles get `target`."""
        def work(s: Session) -> tuple[tags.MergeUndo, Changes]:
            if source_id != target_id:
                tags.snapshot_in(s, target_id)  # the target must exist before codes move
                codes["source"], codes["added"] = article_codes.move_codes_in(s, source_id, target_id)
            undo_data = tags.merge_in(s, source_id, target_id)
            return undo_data, _relinked(s, undo_data.source.highlight_ids) | _recoded(codes["source"])

        codes: dict[str, list[article_codes.CodeRow]] = {"source": [], "added": []}
        first, changes = self._in_one_transaction(work, lambda r: r[1])
        box = {"undo": first}

        def undo(s: Session) -> Changes:
            tags.unmerge_in(s, box["undo"])
            article_codes.remove_rows(s, codes["added"])
            article_codes.put_back_in(s, codes["source"])
            return _relinked(s, box["undo"].source.highlight_ids) | _recoded(codes["source"])

        def redo(s: Session) -> Changes:
            box["undo"], changes = work(s)
            return changes

        self._record(StepLabel("tag_merge", 1, subject(first.source.tag.name)), undo, redo)
        return changes

    def recolour_tag(self, tag_id: int, color: str, seen: int | None = None) -> Changes:
        return self._value_edit("tag_recolour", tag_id, color, tags.recolour_in, seen)

    def describe_tag(self, tag_id: int, description: str, seen: int | None = None) -> Changes:
        return self._value_edit("tag_describe", tag_id, description, tags.describe_in, seen)

    def _value_edit(self, kind: str, tag_id: int, value: str,
                    put: Callable[[Session, int, str, int | None], str], seen: int | None) -> Changes:
        versions = written_versions(self)

        def work(s: Session) -> tuple[str, str, int]:
            before = put(s, tag_id, value, seen)
            tag = tags.snapshot_in(s, tag_id).tag
            return before, tag.name, tag.row_version

        before, name, version = self._in_one_transaction(
            work, lambda r: Changes() if r[0] == value else CODEBOOK)
        if before == value:
            return Changes()
        versions.wrote("tags", tag_id, version)

        def apply(value: str) -> Callable[[Session], Changes]:
            def run(s: Session) -> Changes:
                put(s, tag_id, value, versions.get("tags", tag_id))
                versions.wrote("tags", tag_id, tags.tag_version(s, tag_id))
                return CODEBOOK
            return run

        undo, redo = apply(before), apply(value)

        self._record(StepLabel(kind, 1, subject(name)), undo, redo)
        return CODEBOOK

    def delete_tag(self, tag_id: int) -> Changes:
        """Remove a tag, and the tags under it, from the codebook and from their
        highlights (which stay), with their whole-article codes; undo puts back all."""
        def work(s: Session) -> tuple[tuple[tags.TagSnapshot, ...], Changes]:
            codes["rows"] = [row for family_id in tags.family_ids(s, tag_id)
                             for row in article_codes.rows_of_tag(s, family_id)]
            snaps = tags.delete_in(s, tag_id)  # the codes go with the tags (ON DELETE CASCADE)
            return snaps, _relinked(s, _carrying(snaps)) | _recoded(codes["rows"])

        codes: dict[str, list[article_codes.CodeRow]] = {"rows": []}
        first, changes = self._in_one_transaction(work, lambda r: r[1])
        box = {"snaps": first}

        def undo(s: Session) -> Changes:
            tags.restore_in(s, box["snaps"])
            article_codes.put_back_in(s, codes["rows"])
            return _relinked(s, _carrying(box["snaps"])) | _recoded(codes["rows"])

        def redo(s: Session) -> Changes:
            box["snaps"], changes = work(s)
            return changes

        self._record(StepLabel("tag_delete", len(first), subject(first[0].tag.name)), undo, redo)
        return changes


def _carrying(snaps: tuple[tags.TagSnapshot, ...]) -> tuple[int, ...]:
    """The highlights that carried any of these tags."""
    return tuple(sorted({h for snap in snaps for h in snap.highlight_ids}))
