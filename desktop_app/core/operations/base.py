"""What every group of operations shares: the database, the history, one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.history import History, Step, StepLabel
from desktop_app.core.operations.server_writes import announce, run_logged
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Highlight

R = TypeVar("R")
_CHUNK = 500  # bound parameters per IN (...): below SQLite's oldest limit of 999


class OperationsBase:
    db: Database
    history: History
    service: AnnotationService

    def _in_one_transaction(self, work: Callable[[Session], R],
                            changes: Callable[[R], Changes] | None = None) -> R:
        """Run `work` in one session: all of it is committed, or (on any error) none.

        On a server library the same transaction logs what it changed for the other
        clients (server_writes.run_logged: `changes` maps the result to its Changes; without
        it a result that is a Changes is logged as it is; anything else as a broad change
        when the transaction wrote, nothing when it only read),
        and it is retried when the server aborts it for a concurrent one. On SQLite nothing
        more is done: `changes` is not even called."""
        if self.db.on_server:
            return run_logged(self.db, work, changes)
        with self.db.session() as s:
            return work(s)

    def _announce(self, changes: Changes) -> None:
        """For writes that ran in transactions of their own (imports, the dictionary): on a
        server library, log what they changed afterwards so other clients see it."""
        announce(self.db, changes)

    def _record(self, label: StepLabel, undo: Callable[[Session], Changes],
                redo: Callable[[Session], Changes]) -> None:
        """Push a step whose undo and redo each run in one transaction of their own."""
        self.history.push(Step(label, lambda: self._in_one_transaction(undo),
                               lambda: self._in_one_transaction(redo)))


def articles_of(s: Session, highlight_ids: Iterable[int]) -> frozenset[int]:
    """The articles these highlights are on (those that still exist)."""
    ids = sorted(set(highlight_ids))
    found: set[int] = set()
    for i in range(0, len(ids), _CHUNK):
        found.update(s.scalars(select(Highlight.article_id).where(Highlight.id.in_(ids[i:i + _CHUNK]))))
    return frozenset(found)
