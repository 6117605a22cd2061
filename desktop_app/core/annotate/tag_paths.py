"""Nested tags are named like paths: "Cán bộ/Đào tạo" is a child of "Cán bộ".

One model of the tree everywhere (the tag manager, the filters, the palette, the exports):
a tag's parent is the tag named by its path without the last part, and that parent
exists as a tag of its own. Creating "Cán bộ/Đào tạo" creates "Cán bộ" too (in the same
transaction and undo step); libraries from before this rule got their missing parents in
the schema upgrade to version 6 (storage/migrations.py).

A scope (an export of one tag, a library filter) takes a tag and everything under it.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.storage.models import Tag
from desktop_app.core.text.normalize import fold

TAG_PATH_SEPARATOR = "/"


def tag_path(name: str) -> tuple[str, ...]:
    """The parts of a nested tag name, each trimmed and single-spaced; empty parts
    ("a//b", a trailing "/") are no level of the tree."""
    parts = tuple(p for p in (" ".join(x.split()) for x in name.split(TAG_PATH_SEPARATOR)) if p)
    return parts or (" ".join(name.split()),)


def clean_tag_path(name: str) -> str:
    """A typed tag name as it is stored: "Cán bộ / Đào tạo " -> "Cán bộ/Đào tạo"."""
    return TAG_PATH_SEPARATOR.join(tag_path(name))


def tag_parent(name: str) -> str:
    """What a nested tag sits under: "Cán bộ/Đào tạo" -> "Cán bộ"; "" at the top level."""
    return TAG_PATH_SEPARATOR.join(tag_path(name)[:-1])


def tag_leaf(name: str) -> str:
    """The last part, as the tree shows it: "Cán bộ/Đào tạo" -> "Đào tạo"."""
    return tag_path(name)[-1]


def tag_depth(name: str) -> int:
    """0 at the top level, 1 for a child, and so on."""
    return len(tag_path(name)) - 1


def tag_ancestors(name: str) -> list[str]:
    """The tags a nested tag sits under, outermost first: "a/b/c" -> ["a", "a/b"]."""
    parts = tag_path(name)
    return [TAG_PATH_SEPARATOR.join(parts[:i]) for i in range(1, len(parts))]


def with_ancestors(names: Iterable[str]) -> list[str]:
    """The names and every tag they sit under, each once, a parent before its children
    (the order to create them in)."""
    out: dict[str, None] = {}
    for name in names:
        for ancestor in tag_ancestors(name):
            out.setdefault(ancestor)
        out.setdefault(name)
    return list(out)


def tree_key(name: str) -> tuple[str, ...]:
    """Sort key putting every tag right after its parent, ignoring case and diacritics
    (a plain sort of names would put "Cán bộ x" between "Cán bộ" and "Cán bộ/Đào tạo")."""
    return tuple(fold(part) for part in tag_path(name)) + (name,)


def in_tag_scope(name: str, scope: str | None) -> bool:
    """A scope takes its tag and every tag nested under it; None takes every tag."""
    if scope is None:
        return True
    wanted = tag_path(scope)
    return tag_path(name)[: len(wanted)] == wanted


def scope_tag_ids(s: Session, scope: str) -> list[int]:
    """Ids of the tags in a scope; computed in Python so names need no LIKE escaping."""
    return [tid for tid, name in s.execute(select(Tag.id, Tag.name)) if in_tag_scope(name, scope)]
