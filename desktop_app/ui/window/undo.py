"""Undo and redo of annotation changes (Ctrl+Z, Ctrl+Shift+Z).

Each change is done first, through AnnotationService as always, and then pushed as a
command that knows how to take it back and do it again. Deleted highlights come back
with their id, tags, note and times (restore_highlight), so a redo after an undo acts
on the very same highlight. A step that can no longer be undone (the article was
deleted meanwhile) says so and is dropped from the stack, never half applied.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop_app.core.annotate.highlights import AnnotationError, AnnotationService, HighlightInfo
from desktop_app.core.storage.database import DatabaseError
from desktop_app.core.library.memos import set_memo

NOTE_MERGE_ID = 1  # consecutive saves of one note are one undo step
RESIZE_MERGE_ID = 2  # consecutive word steps of one highlight's edges are one undo step
MEMO_MERGE_ID = 3  # consecutive saves of one article's memo are one undo step


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Step(QUndoCommand):
    """A change already made; redo() is skipped the first time QUndoStack calls it."""

    def __init__(self, history: AnnotationHistory, text: str, undo: Callable[[], None],
                 redo: Callable[[], None], article_ids: set[int]) -> None:
        super().__init__(text)
        self._history = history
        self._undo, self._redo = undo, redo
        self.article_ids = article_ids
        self._done = True

    def redo(self) -> None:
        if self._done:
            return
        self._run(self._redo)
        self._done = True

    def undo(self) -> None:
        self._run(self._undo)
        self._done = False

    def _run(self, action: Callable[[], None]) -> None:
        try:
            action()
        except (AnnotationError, DatabaseError) as e:
            self.setObsolete(True)  # Qt drops it from the stack
            self._history.failed.emit(str(e))
        self._history.changed.emit(self.article_ids)


class _MergingStep(_Step):
    """A value of one thing (a note, a memo, a highlight's bounds) changed in a run: the
    steps of a run on the same thing merge into one, from its first `before` to its last
    `after`. With `drop_when_back`, a run that ends where it began leaves no step."""

    def __init__(self, history: AnnotationHistory, text: str, merge_id: int, subject: int,
                 before: object, after: object, apply: Callable[[object], object],
                 article_ids: set[int], drop_when_back: bool = False) -> None:
        self.merge_id, self.subject, self.drop_when_back = merge_id, subject, drop_when_back
        self.before, self.after = before, after
        super().__init__(history, text, lambda: apply(self.before), lambda: apply(self.after), article_ids)

    def id(self) -> int:  # noqa: A003 (Qt's name)
        return self.merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt's name)
        # Qt asks only steps of the same id(): the same kind of change.
        if not isinstance(other, _MergingStep) or other.subject != self.subject:
            return False
        self.after = other.after
        if self.drop_when_back:
            self.setObsolete(self.after == self.before)
        return True


class AnnotationHistory(QObject):
    """The undo stack of one library, and the steps the window records on it."""

    changed = Signal(set)  # ids of the articles changed on undo/redo; empty: tags, so all
    failed = Signal(str)

    def __init__(self, service: AnnotationService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.stack = QUndoStack(self)

    def _push(self, text: str, undo: Callable[[], None], redo: Callable[[], None],
              article_ids: set[int]) -> None:
        self.stack.push(_Step(self, text, undo, redo, article_ids))

    def record(self, text: str, undo: Callable[[], object], redo: Callable[[], object]) -> None:
        """A change to the codebook (rename, merge, delete a tag...): it may touch any
        article, so undoing it refreshes everything (an empty set of article ids)."""
        self._push(text, lambda: undo(), lambda: redo(), set())

    # --- the changes ---------------------------------------------------------------------
    def created(self, infos: Sequence[HighlightInfo], text: str | None = None) -> None:
        """Highlights just made (one, or many at once: tagging concordance lines)."""
        if not infos:
            return
        kept = list(infos)
        label = text or self.tr("Highlight “%1”").replace("%1", _short(kept[0].quote))

        def undo() -> None:
            for info in kept:
                self.service.delete_highlight(info.id)

        def redo() -> None:
            for info in kept:
                self.service.restore_highlight(info)

        self._push(label, undo, redo, {i.article_id for i in kept})

    def deleted_many(self, infos: Sequence[HighlightInfo]) -> None:
        kept = list(infos)

        def undo() -> None:
            for info in kept:
                self.service.restore_highlight(info)

        def redo() -> None:
            for info in kept:
                self.service.delete_highlight(info.id)

        self._push(self.tr("Delete %1 highlights").replace("%1", str(len(kept))), undo, redo,
                   {i.article_id for i in kept})

    def retagged_many(self, befores: Sequence[HighlightInfo], afters: Sequence[HighlightInfo]) -> None:
        pairs = [(b, a) for b, a in zip(befores, afters) if b.tag_names != a.tag_names]
        if not pairs:
            return

        def undo() -> None:
            for before, _after in pairs:
                self.service.set_tags(before.id, before.tag_names)

        def redo() -> None:
            for _before, after in pairs:
                self.service.set_tags(after.id, after.tag_names)

        self._push(self.tr("Change tags of %1 highlights").replace("%1", str(len(pairs))), undo, redo,
                   {b.article_id for b, _a in pairs})

    def deleted(self, info: HighlightInfo) -> None:
        self._push(self.tr("Delete “%1”").replace("%1", _short(info.quote)),
                   lambda: self.service.restore_highlight(info),
                   lambda: self.service.delete_highlight(info.id), {info.article_id})

    def retagged(self, before: HighlightInfo, after: HighlightInfo) -> None:
        if before.tag_names == after.tag_names:
            return
        self._push(self.tr("Change tags of “%1”").replace("%1", _short(before.quote)),
                   lambda: self.service.set_tags(before.id, before.tag_names),
                   lambda: self.service.set_tags(after.id, after.tag_names), {before.article_id})

    def noted(self, before: HighlightInfo, note: str) -> None:
        if before.note != note:
            self.stack.push(_MergingStep(
                self, self.tr("Edit note"), NOTE_MERGE_ID, before.id, before.note, note,
                lambda text: self.service.set_note(before.id, text), {before.article_id}))

    def memo_edited(self, article_id: int, before: str, after: str) -> None:
        """An article memo saved (after a pause in typing); a run of saves is one step."""
        if before != after:
            db = self.service.db
            self.stack.push(_MergingStep(
                self, self.tr("Edit article memo"), MEMO_MERGE_ID, article_id, before, after,
                lambda text: set_memo(db, article_id, text), {article_id}, drop_when_back=True))

    def resized(self, before: HighlightInfo, after: HighlightInfo) -> None:
        """A highlight's edges moved (re-anchored in place); its tags and note stay."""
        if (before.start, before.end) != (after.start, after.end):
            self.stack.push(_MergingStep(
                self, self.tr("Resize highlight “%1”").replace("%1", _short(before.quote)), RESIZE_MERGE_ID,
                before.id, (before.start, before.end), (after.start, after.end),
                lambda bounds: self.service.reattach(before.id, *bounds), {before.article_id},
                drop_when_back=True))  # grown and shrunk back to where it was: nothing to undo

    def reattached(self, before: HighlightInfo, after: HighlightInfo) -> None:
        def undo() -> None:  # back to the orphan it was, quote and context included
            self.service.delete_highlight(after.id)
            self.service.restore_highlight(before)

        def redo() -> None:
            self.service.reattach(before.id, after.start, after.end)

        self._push(self.tr("Re-attach “%1”").replace("%1", _short(before.quote)), undo, redo,
                   {before.article_id})
