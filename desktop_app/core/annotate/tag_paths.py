"""Nested tags are named like paths: "Cán bộ/Đào tạo" is a child of "Cán bộ".

A scope (an export of one tag, a library filter) takes a tag and everything under it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.storage.models import Tag

TAG_PATH_SEPARATOR = "/"


def tag_path(name: str) -> tuple[str, ...]:
    """The parts of a nested tag name, each trimmed and single-spaced."""
    return tuple(" ".join(part.split()) for part in name.split(TAG_PATH_SEPARATOR))


def tag_parent(name: str) -> str:
    """What a nested tag sits under: "Cán bộ/Đào tạo" -> "Cán bộ"; "" at the top level."""
    return TAG_PATH_SEPARATOR.join(tag_path(name)[:-1])


def in_tag_scope(name: str, scope: str | None) -> bool:
    """A scope takes its tag and every tag nested under it; None takes every tag."""
    if scope is None:
        return True
    wanted = tag_path(scope)
    return tag_path(name)[: len(wanted)] == wanted


def scope_tag_ids(s: Session, scope: str) -> list[int]:
    """Ids of the tags in a scope; computed in Python so names need no LIKE escaping."""
    return [tid for tid, name in s.execute(select(Tag.id, Tag.name)) if in_tag_scope(name, scope)]
