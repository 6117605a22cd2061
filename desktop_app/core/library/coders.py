"""Coders: who made each highlight, whole-article code and memo (schema v8).

The codebook (tags) is shared; the work on the articles is each coder's. A library has at
least one coder (id 1, named after the system user when it was made or upgraded). The
current coder is a property of the open `Database` (`db.coder_id`), set by `use_coder`
from the window's choice or the CLI's `--coder NAME`; every session carries it in
`session.info["coder_id"]`, where the writers take it from (`current_coder`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core.messages import Message, MessageError
from desktop_app.core.storage.database import (  # noqa: F401  (current_coder: for callers)
    READ_ONLY,
    Database,
    DatabaseError,
    current_coder,
)
from desktop_app.core.storage.models import Coder, Highlight

MAX_NAME = 80


class CoderError(MessageError):
    """A coder name that cannot be used, explained for the user."""


@dataclass(frozen=True)
class CoderInfo:
    id: int
    name: str
    highlights: int = 0


def clean_coder_name(name: str) -> str:
    """Trimmed and single-spaced; refused (CoderError) when empty or too long."""
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise CoderError(Message("coder.empty_name"))
    if len(cleaned) > MAX_NAME:
        raise CoderError(Message("coder.name_too_long", {"limit": MAX_NAME}))
    return cleaned


def list_coders(db: Database) -> list[CoderInfo]:
    """Every coder, by id, with how many highlights each made."""
    counts = (select(Highlight.coder_id, func.count(Highlight.id).label("n"))
              .group_by(Highlight.coder_id).subquery())
    stmt = (select(Coder.id, Coder.name, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.coder_id == Coder.id).order_by(Coder.id))
    with db.session() as s:
        return [CoderInfo(i, n, c) for i, n, c in s.execute(stmt)]


def coder_names(s: Session) -> dict[int, str]:
    return dict(s.execute(select(Coder.id, Coder.name)).all())


def find_coder(s: Session, name: str) -> int | None:
    return s.scalar(select(Coder.id).where(Coder.name == clean_coder_name(name)))


def coder_id_in(s: Session, name: str) -> int:
    """The id of the coder named, made when there is none (inside the caller's transaction)."""
    found = find_coder(s, name)
    if found is not None:
        return int(found)
    coder = Coder(name=clean_coder_name(name))
    s.add(coder)
    s.flush()
    return coder.id


def use_coder(db: Database, name: str) -> CoderInfo:
    """Make the coder named the current one, adding them to the library when new (a read-only
    library only accepts a coder it has). Returns who it is now."""
    cleaned = clean_coder_name(name)
    with db.session() as s:  # a coder already there is only read: no write transaction
        found = find_coder(s, cleaned) if db.read_only else coder_id_in(s, cleaned)
    if found is None:
        raise DatabaseError(Message("db.read_only", {"path": db.path}), READ_ONLY)
    db.coder_id = int(found)
    return CoderInfo(int(found), cleaned)


def rename_coder(db: Database, coder_id: int, name: str) -> None:
    """Rename a coder; refused when another coder has the name already (not undoable:
    the window renames through operations.coders)."""
    with db.session() as s:
        rename_in(s, coder_id, name)


def rename_in(s: Session, coder_id: int, name: str) -> str:
    """Rename a coder in the caller's transaction; returns the name it had."""
    cleaned = clean_coder_name(name)
    other = s.scalar(select(Coder.id).where(Coder.name == cleaned))
    if other is not None and other != coder_id:
        raise CoderError(Message("coder.name_taken", {"name": cleaned}))
    coder = s.get(Coder, coder_id)
    if coder is None:
        raise CoderError(Message("coder.missing"))
    old = coder.name
    coder.name = cleaned
    return old


def current_name(db: Database) -> str:
    with db.session() as s:
        return s.scalar(select(Coder.name).where(Coder.id == db.coder_id)) or ""
