"""Undo and redo, in core: every operation records its inverse here.

Kept out of Qt (as Anki keeps undo in its collection) so that the CLI and tests can undo,
and so that the window's Undo action is a thin view of this. Steps are pushed after their
change is done; `undo()` and `redo()` return the `Changes` they made, marked with their
origin, for the views to update from. A step that can no longer be applied (its article
was deleted meanwhile) is dropped whole, never half applied, and `StepFailed` says why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from desktop_app.core.annotate.highlights import AnnotationError
from desktop_app.core.operations.changes import Changes
from desktop_app.core.storage.database import DatabaseError
from desktop_app.core.storage.errors import UNREACHABLE

LIMIT = 500  # steps kept; older ones fall off the bottom


@dataclass(frozen=True)
class StepLabel:
    """What a step did, for the UI to word in the user's language ("Undo Highlight “…”").
    `kind` is one of the operation names in `operations`; `count` for batches; `subject`
    a short quote or tag name."""

    kind: str
    count: int = 1
    subject: str = ""


@dataclass
class Step:
    label: StepLabel
    undo: Callable[[], Changes]
    redo: Callable[[], Changes]


@dataclass
class MergingStep(Step):
    """A value of one thing (a note, a memo, a highlight's bounds) changed in a run: steps
    with the same `key` pushed one after another merge into one, from the first `before`
    to the last `after`. With `drop_when_back`, a run that ends where it began leaves none."""

    undo: Callable[[], Changes] = field(init=False)
    redo: Callable[[], Changes] = field(init=False)
    key: tuple[object, ...] = ()
    before: object = None
    after: object = None
    apply: Callable[[object], Changes] = lambda _value: Changes()
    drop_when_back: bool = False

    def __post_init__(self) -> None:
        self.undo = lambda: self.apply(self.before)
        self.redo = lambda: self.apply(self.after)


class StepFailed(Exception):
    """An undo or redo that could not be applied; the step is gone from the history, unless
    `kept` (the server of a shared library was unreachable: it can be tried again)."""

    def __init__(self, label: StepLabel, reason: str, kept: bool = False) -> None:
        super().__init__(reason)
        self.label, self.reason, self.kept = label, reason, kept


class History:
    """A linear undo history: `steps[:position]` can be undone, the rest redone."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self.steps: list[Step] = []
        self.position = 0
        self._merge_open = True
        self.observers: list[Callable[[], None]] = []  # told after every push/undo/redo/clear

    # --- recording ------------------------------------------------------------------------
    def push(self, step: Step) -> None:
        """Record a change that was just made. Anything that could be redone is forgotten."""
        del self.steps[self.position:]
        top = self.steps[-1] if self.steps else None
        if (isinstance(step, MergingStep) and isinstance(top, MergingStep) and self._merge_open
                and top.key == step.key):
            top.after = step.after
            if top.drop_when_back and top.after == top.before:
                self.steps.pop()
        else:
            self.steps.append(step)
            if len(self.steps) > self.limit:
                del self.steps[: len(self.steps) - self.limit]
        self.position = len(self.steps)
        self._merge_open = True
        self._notify()

    def seal(self) -> None:
        """The next step starts a new undo step even if it could merge with the last one
        (the user moved to another article, or undid something)."""
        self._merge_open = False

    def clear(self) -> None:
        self.steps.clear()
        self.position = 0
        self._notify()

    # --- undoing ------------------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return self.position > 0

    @property
    def can_redo(self) -> bool:
        return self.position < len(self.steps)

    @property
    def undo_label(self) -> StepLabel | None:
        return self.steps[self.position - 1].label if self.can_undo else None

    @property
    def redo_label(self) -> StepLabel | None:
        return self.steps[self.position].label if self.can_redo else None

    def undo(self) -> Changes:
        if not self.can_undo:
            return Changes(origin="undo")
        step = self.steps[self.position - 1]
        changes = self._apply(step, step.undo, self.position - 1)
        self.position -= 1
        self._merge_open = False
        self._notify()
        return changes.as_origin("undo")

    def redo(self) -> Changes:
        if not self.can_redo:
            return Changes(origin="redo")
        step = self.steps[self.position]
        changes = self._apply(step, step.redo, self.position)
        self.position += 1
        self._merge_open = False
        self._notify()
        return changes.as_origin("redo")

    def _apply(self, step: Step, action: Callable[[], Changes], index: int) -> Changes:
        try:
            return action()
        except (AnnotationError, DatabaseError) as e:
            if isinstance(e, DatabaseError) and e.kind == UNREACHABLE and e.message.code == "db.server_lost":
                raise StepFailed(step.label, str(e), kept=True) from e  # surely not applied
            del self.steps[index]
            self.position = min(self.position, index)
            self._notify()
            raise StepFailed(step.label, str(e)) from e

    def _notify(self) -> None:
        for observer in list(self.observers):
            observer()
