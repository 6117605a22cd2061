"""Operations on highlights: create, delete, retag, note, resize, re-attach.

Each runs in one transaction and records its inverse. An undo puts back the exact state
before: a deleted highlight returns with its id, tags, note and times, a retag restores
the tags and the modification time, and a tag the step created goes again (the redo
brings it back with the same id and colour).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from desktop_app.core.annotate import edits
from desktop_app.core.annotate.bulk import add_highlights
from desktop_app.core.annotate.records import HighlightInfo, NewHighlight, TagInfo, clean_tag_names
from desktop_app.core.annotate.row_versions import written_versions
from desktop_app.core.operations.base import OperationsBase
from desktop_app.core.operations.changes import NOTHING, Changes, ids
from desktop_app.core.operations.history import MergingStep, StepLabel
from desktop_app.core.operations.outcome import Outcome, subject
from desktop_app.core.text.spans import TextSpan


def _created(kept: Sequence[HighlightInfo], new_tags: Sequence[TagInfo]) -> Changes:
    return Changes(highlights_created=ids(h.id for h in kept),
                   articles=ids(h.article_id for h in kept), codebook=bool(new_tags))


def _deleted(kept: Sequence[HighlightInfo], new_tags: Sequence[TagInfo] = ()) -> Changes:
    return Changes(highlights_deleted=ids(h.id for h in kept),
                   articles=ids(h.article_id for h in kept), codebook=bool(new_tags))


def _updated(kept: Sequence[HighlightInfo], new_tags: Sequence[TagInfo] = ()) -> Changes:
    return Changes(highlights_updated=ids(h.id for h in kept),
                   articles=ids(h.article_id for h in kept), codebook=bool(new_tags))


def _retagged(result: tuple[Sequence[tuple[HighlightInfo, HighlightInfo]], Sequence[TagInfo]]) -> Changes:
    pairs, new_tags = result
    changed = [a for b, a in pairs if a != b]
    return _updated(changed, new_tags) if changed or new_tags else NOTHING


def _edited(pair: tuple[HighlightInfo, HighlightInfo]) -> Changes:
    return NOTHING if pair[0] == pair[1] else _updated([pair[1]])


def _set_time(s: Session, highlight_id: int, moment: datetime) -> int:
    """Put back a modification time; returns the highlight's version after."""
    h = edits.load(s, highlight_id)
    h.modified_at = moment
    edits.flush_versioned(s, highlight_id)
    return h.row_version


def _version(s: Session, highlight_id: int) -> int:
    return edits.load(s, highlight_id).row_version


def _batch_label(single: str, many: str, kept: Sequence[HighlightInfo]) -> StepLabel:
    if len(kept) == 1:
        return StepLabel(single, 1, subject(kept[0].quote))
    return StepLabel(many, len(kept), subject(kept[0].quote) if kept else "")


class HighlightOperations(OperationsBase):
    # --- creating -----------------------------------------------------------------------
    def create_highlight(self, article_id: int, span: TextSpan, tags: Sequence[str] = (),
                         note: str = "") -> Outcome[HighlightInfo]:
        def work(s: Session) -> tuple[HighlightInfo, tuple[TagInfo, ...]]:
            mark = edits.tag_mark(s)
            info = edits.create(s, article_id, span[0], span[1], tags, note)
            return info, edits.tags_after(s, mark)

        info, new_tags = self._in_one_transaction(work, lambda r: _created([r[0]], r[1]))
        self._record_created(StepLabel("highlight", 1, subject(info.quote)), [info], new_tags)
        return Outcome(_created([info], new_tags), info)

    def create_highlights(self, items: Sequence[NewHighlight],
                          kind: str = "highlight_many") -> Outcome[list[int]]:
        """Many highlights (concordance lines) in one transaction and one undo step."""
        made, new_tags = self._create_many(items, kind)
        return Outcome(_created(made, new_tags), [h.id for h in made])

    def _create_many(self, items: Sequence[NewHighlight], kind: str,
                     suggestions: bool = False) -> tuple[list[HighlightInfo], tuple[TagInfo, ...]]:
        """`suggestions`: they were suggestions, which their undo shows again."""
        if not items:
            return [], ()

        def work(s: Session) -> tuple[list[HighlightInfo], tuple[TagInfo, ...]]:
            mark = edits.tag_mark(s)
            made = edits.infos(s, add_highlights(s, items))
            return made, edits.tags_after(s, mark)

        made, new_tags = self._in_one_transaction(
            work, lambda r: _created(*r) | (Changes(suggestions=ids(h.article_id for h in r[0]))
                                            if suggestions else NOTHING))
        label = StepLabel(kind, len(made), subject(made[0].quote))
        extra = Changes(suggestions=ids(h.article_id for h in made)) if suggestions else Changes()
        self._record_created(label, made, new_tags, extra)
        return made, new_tags

    def _record_created(self, label: StepLabel, made: Sequence[HighlightInfo],
                        new_tags: Sequence[TagInfo], extra: Changes = NOTHING) -> None:
        highlight_ids = [h.id for h in made]
        box = {"kept": list(made)}  # as they were when last undone: what a redo brings back

        def undo(s: Session) -> Changes:
            box["kept"] = edits.delete_many(s, highlight_ids)
            edits.drop_unused_tags(s, new_tags)
            return _deleted(box["kept"], new_tags) | extra

        def redo(s: Session) -> Changes:
            edits.put_back_tags(s, new_tags)
            edits.restore_many(s, box["kept"])
            return _created(box["kept"], new_tags) | extra

        self._record(label, undo, redo)

    # --- deleting -----------------------------------------------------------------------
    def delete_highlights(self, highlight_ids: Sequence[int]) -> Changes:
        """One or many highlights, in one transaction: if any is gone already, none is
        deleted (AnnotationError) and nothing is recorded."""
        wanted = list(dict.fromkeys(highlight_ids))
        if not wanted:
            return Changes()
        kept = self._in_one_transaction(lambda s: edits.delete_many(s, wanted), _deleted)

        def undo(s: Session) -> Changes:
            edits.restore_many(s, kept)
            return _created(kept, ())

        def redo(s: Session) -> Changes:
            return _deleted(edits.delete_many(s, wanted))

        self._record(_batch_label("delete", "delete_many", kept), undo, redo)
        return _deleted(kept)

    # --- tags -----------------------------------------------------------------------------
    def set_tags(self, highlight_id: int, tag_names: Sequence[str],
                 seen: int | None = None) -> Outcome[HighlightInfo]:
        """The highlight's tags become `tag_names` (new names become new tags). The same
        tags as before: nothing is written or recorded. `seen`: the version the user saw
        (ConflictError when another coder changed it since; None: the current one)."""
        def work(s: Session) -> tuple[list[tuple[HighlightInfo, HighlightInfo]], tuple[TagInfo, ...]]:
            before = edits.infos(s, [highlight_id])[0]
            if set(clean_tag_names(tag_names)) == set(before.tag_names):
                return [(before, before)], ()
            mark = edits.tag_mark(s)
            after = edits.set_tags(s, highlight_id, tag_names, seen)
            return [(before, after)], edits.tags_after(s, mark)

        pairs, new_tags = self._in_one_transaction(work, _retagged)
        before, after = pairs[0]
        if before == after:
            return Outcome(Changes(), after)
        written_versions(self).wrote("highlights", after.id, after.row_version)
        self._record_retag(StepLabel("retag", 1, subject(before.quote)), pairs, new_tags)
        return Outcome(_updated([after], new_tags), after)

    def retag_many(self, highlight_ids: Sequence[int], add: Sequence[str] = (),
                   remove: Sequence[str] = ()) -> Changes:
        """Add tags to, and remove tags from, several highlights in ONE transaction: if
        one of them is gone, nothing is changed (AnnotationError) and nothing recorded."""
        wanted_ids = list(dict.fromkeys(highlight_ids))
        adding, removing = clean_tag_names(add), set(clean_tag_names(remove))

        def work(s: Session) -> tuple[list[tuple[HighlightInfo, HighlightInfo]], tuple[TagInfo, ...]]:
            mark = edits.tag_mark(s)
            pairs = []
            for before in edits.infos(s, wanted_ids):
                names = [*before.tag_names, *(n for n in adding if n not in before.tag_names)]
                names = [n for n in names if n not in removing]
                if names != before.tag_names:
                    pairs.append((before, edits.set_tags(s, before.id, names)))
            return pairs, edits.tags_after(s, mark)

        pairs, new_tags = self._in_one_transaction(work, _retagged)
        if not pairs:
            return Changes()
        for _before, after in pairs:
            written_versions(self).wrote("highlights", after.id, after.row_version)
        befores = [b for b, _a in pairs]
        self._record_retag(_batch_label("retag", "retag_many", befores), pairs, new_tags)
        return _updated([a for _b, a in pairs], new_tags)

    def _record_retag(self, label: StepLabel, pairs: Sequence[tuple[HighlightInfo, HighlightInfo]],
                      new_tags: Sequence[TagInfo]) -> None:
        versions = written_versions(self)

        def put(s: Session, infos: list[HighlightInfo]) -> None:
            # Each on the version this process last wrote: another coder's change since
            # refuses the whole undo (ConflictError), nothing half done. (Recorded before
            # the commit: a commit that fails leaves a version never written, and the next
            # undo is refused, the safe side.)
            for info in infos:
                edits.set_tags(s, info.id, info.tag_names, versions.get("highlights", info.id))
                versions.wrote("highlights", info.id, _set_time(s, info.id, info.modified_at))

        def undo(s: Session) -> Changes:
            put(s, [b for b, _a in pairs])
            edits.drop_unused_tags(s, new_tags)
            return _updated([b for b, _a in pairs], new_tags)

        def redo(s: Session) -> Changes:
            edits.put_back_tags(s, new_tags)
            put(s, [a for _b, a in pairs])
            return _updated([a for _b, a in pairs], new_tags)

        self._record(label, undo, redo)

    # --- values edited in runs: note, bounds ------------------------------------------------
    def set_note(self, highlight_id: int, note: str, seen: int | None = None) -> Changes:
        """Consecutive notes of one highlight merge into one undo step. `seen`: the version
        the user saw (ConflictError when another coder changed it since; None: the current
        one, last writer wins)."""
        versions = written_versions(self)

        def work(s: Session) -> tuple[HighlightInfo, HighlightInfo]:
            before = edits.infos(s, [highlight_id])[0]
            return before, edits.set_note(s, highlight_id, note, seen)

        before, after = self._in_one_transaction(work, _edited)
        if before.note == after.note:
            return Changes()
        versions.wrote("highlights", highlight_id, after.row_version)
        changes = _updated([after])

        def apply(value: object) -> Changes:
            def work(s: Session) -> int:
                edits.set_note(s, highlight_id, str(value), versions.get("highlights", highlight_id))
                if value == before.note:  # back to where the run began: its time too
                    return _set_time(s, highlight_id, before.modified_at)
                return _version(s, highlight_id)
            versions.wrote("highlights", highlight_id, self._in_one_transaction(work, lambda _v: changes))
            return changes

        self.history.push(MergingStep(StepLabel("note", 1, subject(before.quote)),
                                      key=("note", highlight_id), before=before.note,
                                      after=after.note, apply=apply))
        return changes

    def resize(self, highlight_id: int, span: TextSpan, seen: int | None = None) -> Outcome[HighlightInfo]:
        """New bounds (quote and context afresh); a run of resizes of one highlight is one
        step, and a run back where it began leaves none. `seen` as in set_note."""
        versions = written_versions(self)

        def work(s: Session) -> tuple[HighlightInfo, HighlightInfo]:
            before = edits.infos(s, [highlight_id])[0]
            if (before.start, before.end) == (span[0], span[1]) and not before.orphaned:
                return before, before
            return before, edits.reattach(s, highlight_id, span[0], span[1], seen)

        before, after = self._in_one_transaction(work, _edited)
        if before == after:
            return Outcome(Changes(), after)
        versions.wrote("highlights", highlight_id, after.row_version)
        origin = TextSpan(before.start, before.end)
        changes = _updated([after])

        def apply(value: object) -> Changes:
            bounds = TextSpan(*value)  # type: ignore[misc]

            def work(s: Session) -> int:
                edits.reattach(s, highlight_id, bounds.start, bounds.end,
                               versions.get("highlights", highlight_id))
                if bounds == origin:
                    return _set_time(s, highlight_id, before.modified_at)
                return _version(s, highlight_id)
            versions.wrote("highlights", highlight_id, self._in_one_transaction(work, lambda _v: changes))
            return changes

        self.history.push(MergingStep(StepLabel("resize", 1, subject(before.quote)),
                                      key=("resize", highlight_id), before=origin,
                                      after=TextSpan(after.start, after.end), apply=apply,
                                      drop_when_back=True))
        return Outcome(changes, after)

    def reattach(self, highlight_id: int, span: TextSpan, seen: int | None = None) -> Outcome[HighlightInfo]:
        """Place an orphan on the span the user chose; undo makes it the orphan it was."""
        versions = written_versions(self)

        def work(s: Session) -> tuple[HighlightInfo, HighlightInfo]:
            before = edits.infos(s, [highlight_id])[0]
            return before, edits.reattach(s, highlight_id, span[0], span[1], seen)

        before, after = self._in_one_transaction(work, lambda r: _updated([r[1]]))
        versions.wrote("highlights", highlight_id, after.row_version)

        def undo(s: Session) -> Changes:
            back = edits.put_back(s, before, versions.get("highlights", highlight_id))
            versions.wrote("highlights", highlight_id, back.row_version)
            return _updated([back])

        def redo(s: Session) -> Changes:
            edits.reattach(s, highlight_id, after.start, after.end, versions.get("highlights", highlight_id))
            versions.wrote("highlights", highlight_id, _set_time(s, highlight_id, after.modified_at))
            return _updated([after])

        self._record(StepLabel("reattach", 1, subject(before.quote)), undo, redo)
        return Outcome(_updated([after]), after)
