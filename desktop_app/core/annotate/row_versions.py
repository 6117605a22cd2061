"""Optimistic concurrency (schema v14, issue 17 point 4): an edit names the row version it
was made on, and is refused when another coder changed the row since.

The interface passes `seen`, the version of what it showed (HighlightInfo.row_version,
TagInfo.row_version, the memo's version); `check` compares it with the stored one before
anything is changed, and the ORM's UPDATE then says `WHERE id = :id AND row_version =
:loaded` and bumps it (models.py `version_id_col`), which covers a writer that committed
between our read and our write on a server. Either way the edit is refused with a
`ConflictError` carrying the other version's values, never written over it silently.

`seen=None` (the CLI, scripts, imports): the edit is made on the current version, last
writer wins, knowingly. An undo or redo is an edit like any other: it names the version
this process's own last write of the row produced (`WrittenVersions`), so undoing after
another coder changed the row is refused too (the step is dropped, in words).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from types import MappingProxyType

from sqlalchemy.orm.exc import StaleDataError

from desktop_app.core.annotate.records import AnnotationError
from desktop_app.core.messages import Message


class ConflictError(AnnotationError):
    """Another coder changed the row since the version the edit was made on. `theirs`: the
    row's current values (by field name), `version`: its current version (save again with
    it as `seen` to put yours over theirs, knowingly), `who`: the coder who wrote it last
    when the library knows (memos), else ""."""

    def __init__(self, message: Message, theirs: Mapping[str, object], version: int,
                 who: str = "") -> None:
        super().__init__(message)
        self.theirs = MappingProxyType(dict(theirs))
        self.version = version
        self.who = who


def conflict(code: str, theirs: Mapping[str, object], version: int, who: str = "") -> ConflictError:
    return ConflictError(Message(code, {"who": who}), theirs, version, who)


def check(stored: int, seen: int | None, refuse: Callable[[], ConflictError]) -> None:
    """Refuse the edit (`refuse()` makes the error) when `seen` is not the stored version."""
    if seen is not None and seen != stored:
        raise refuse()


@contextmanager
def versioned_flush(refuse: Callable[[], ConflictError]) -> Iterator[None]:
    """A flush whose versioned UPDATE found no row at the version read: another writer
    committed in between (a server; SQLite has one writer at a time)."""
    try:
        yield
    except StaleDataError as e:
        raise refuse() from e


class WrittenVersions:
    """The version of each row this process's last write produced, by (table, id): what an
    undo or redo of its edits names as `seen`. None for a row it never wrote (then the
    undo takes the current version)."""

    def __init__(self) -> None:
        self._versions: dict[tuple[str, int], int] = {}

    def get(self, table: str, row_id: int) -> int | None:
        return self._versions.get((table, row_id))

    def wrote(self, table: str, row_id: int, version: int) -> None:
        self._versions[(table, row_id)] = version


def written_versions(owner: object) -> WrittenVersions:
    """The WrittenVersions of an Operations object (made on first use)."""
    found = owner.__dict__.get("_written_versions")
    if found is None:
        found = owner.__dict__["_written_versions"] = WrittenVersions()
    return found

