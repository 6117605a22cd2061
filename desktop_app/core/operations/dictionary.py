"""The user dictionary as an undoable step (nlp/user_dictionary.py does the work).

Finding the articles a change affects scans the library, so it is planned first
(`plan_dictionary`, on a background thread, read-only) and then stored here in one
short transaction. Undo and redo store the other list and make the same articles stale
again (the articles holding a term of the difference are the same both ways): no scan.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop_app.core.annotate.records import AnnotationError
from desktop_app.core.nlp.user_dictionary import DictionaryChanged, DictionaryUpdate, apply_dictionary
from desktop_app.core.operations.base import OperationsBase
from desktop_app.core.operations.changes import Changes, ids
from desktop_app.core.operations.history import Step, StepLabel
from desktop_app.core.operations.outcome import Outcome, subject


class DictionaryOperations(OperationsBase):
    def set_dictionary(self, update: DictionaryUpdate) -> Outcome[DictionaryUpdate]:
        """Store a planned dictionary change (nlp.user_dictionary.plan_dictionary); one
        undo step. DictionaryChanged when the library's dictionary moved on meanwhile."""
        changes = self._apply(update, undo=False)
        if update:
            shown = [*update.added, *update.removed]
            label = StepLabel("dictionary", len(shown), subject(shown[0]) if shown else "")
            self.history.push(Step(label, self._step(update, undo=True), self._step(update, undo=False)))
        return Outcome(changes, update)

    def _apply(self, update: DictionaryUpdate, undo: bool) -> Changes:
        apply_dictionary(self.db, update, undo=undo)
        changes = Changes(words=ids(update.affected))
        self._announce(changes)  # applied in a transaction of its own: logged afterwards
        return changes

    def _step(self, update: DictionaryUpdate, undo: bool) -> Callable[[], Changes]:
        def run() -> Changes:
            try:
                return self._apply(update, undo)
            except DictionaryChanged as e:  # the History drops a step that fails this way
                raise AnnotationError(str(e)) from e
        return run
