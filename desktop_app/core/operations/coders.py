"""Renaming a coder as an undoable step (library/coders.py does the work).

A coder's name is on every export and agreement figure of their work, so a slip in a
rename is undone like any other edit. Undo is refused (and the step dropped) when
another coder took the old name meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from desktop_app.core.annotate.records import AnnotationError
from desktop_app.core.library.coders import CoderError, clean_coder_name, rename_in
from desktop_app.core.operations.base import OperationsBase
from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.history import StepLabel
from desktop_app.core.operations.outcome import subject

CODERS = Changes(coders=True)


class CoderOperations(OperationsBase):
    def rename_coder(self, coder_id: int, name: str) -> Changes:
        """Rename a coder (CoderError when another has the name); one undo step."""
        old = self._in_one_transaction(lambda s: rename_in(s, coder_id, name),
                                       lambda old: Changes() if old == clean_coder_name(name) else CODERS)
        new = clean_coder_name(name)
        if old == new:
            return Changes()
        self._record(StepLabel("coder_rename", 1, subject(old)), _rename_to(coder_id, old),
                     _rename_to(coder_id, new))
        return CODERS


def _rename_to(coder_id: int, name: str) -> Callable[[Session], Changes]:
    def run(s: Session) -> Changes:
        try:
            rename_in(s, coder_id, name)
        except CoderError as e:  # the History drops a step that fails this way
            raise AnnotationError(e.message) from e
        return CODERS
    return run
