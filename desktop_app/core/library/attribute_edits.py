"""Changing attributes, inside the caller's transaction: define, rename, edit the choices,
delete and restore, set values for many articles at once and put values back.

Each write returns what is needed to take it back exactly (operations/attributes.py keeps
it for undo). Values are parsed and checked before anything is written, so a bad value
for one article leaves every article as it was.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from desktop_app.core.library.attributes import (
    FORBIDDEN_CHARS,
    KINDS,
    RESERVED,
    AttributeInfo,
    AttributesError,
    StoredValue,
    attribute_by_id,
    clean_name,
    key_of,
    parse_value,
)
from desktop_app.core.messages import Message
from desktop_app.core.storage.models import Article, Attribute, AttributeValue, utcnow

_CHUNK = 500


@dataclass(frozen=True)
class AttributeSnapshot:
    """An attribute and all its values: enough to put it back as it was."""

    info: AttributeInfo
    created_at: datetime
    values: Mapping[int, StoredValue]


def checked_name(s: Session, name: str, own_id: int | None = None) -> str:
    """The cleaned name, refused when empty, reserved, malformed or taken by another."""
    name = clean_name(name)
    if not name:
        raise AttributesError(Message("attribute.needs_name"))
    if any(c in name for c in FORBIDDEN_CHARS):
        raise AttributesError(Message("attribute.bad_name", {"name": name}))
    if key_of(name) in RESERVED:
        raise AttributesError(Message("attribute.reserved", {"name": name}))
    for other_id, other in s.execute(select(Attribute.id, Attribute.name)):
        if other_id != own_id and key_of(other) == key_of(name):
            raise AttributesError(Message("attribute.name_taken", {"name": other}))
    return name


def checked_choices(choices: Iterable[str]) -> tuple[str, ...]:
    """Cleaned, blank ones dropped, duplicates (case and diacritics ignored) kept once."""
    out: dict[str, str] = {}
    for choice in choices:
        text = " ".join(str(choice).split())
        if text and key_of(text) not in out:
            out[key_of(text)] = text
    if not out:
        raise AttributesError(Message("attribute.needs_choices"))
    return tuple(out.values())


def define_in(s: Session, name: str, kind: str, choices: Sequence[str] = (),
              attribute_id: int | None = None) -> AttributeInfo:
    """A new attribute (with `attribute_id` when a redo puts one back)."""
    if kind not in KINDS:
        raise AttributesError(Message("attribute.bad_kind", {"kind": kind}))
    name = checked_name(s, name)
    kept = checked_choices(choices) if kind == "choice" else ()
    row = Attribute(name=name, kind=kind, choices=json.dumps(list(kept), ensure_ascii=False),
                    created_at=utcnow())
    if attribute_id is not None:
        row.id = attribute_id
    s.add(row)
    s.flush()
    return AttributeInfo(name, kind, row.id, kept)


def rename_in(s: Session, attribute_id: int, name: str) -> tuple[str, str]:
    """(old name, new name)."""
    row = _row(s, attribute_id)
    old, row.name = row.name, checked_name(s, name, attribute_id)
    s.flush()
    return old, row.name


def set_choices_in(s: Session, attribute_id: int, choices: Sequence[str]) -> tuple[str, ...]:
    """The choices of a choice attribute become `choices` (add, reorder, rename the case of
    one); a choice still in use cannot go. Returns the old choices."""
    info = attribute_by_id(s, attribute_id)
    if info.kind != "choice":
        raise AttributesError(Message("attribute.kind_differs", {
            "name": info.name, "kind": info.kind, "wanted": "choice"}))
    kept = checked_choices(choices)
    keys = {key_of(c): c for c in kept}
    used = s.execute(select(AttributeValue.value, func.count()).where(
        AttributeValue.attribute_id == attribute_id).group_by(AttributeValue.value)).all()
    for value, count in used:
        if key_of(value) not in keys:
            raise AttributesError(Message("attribute.choice_in_use", {"value": value, "count": count}))
    for value, _count in used:  # a choice whose spelling changed: its values follow
        if keys[key_of(value)] != value:
            _rewrite(s, attribute_id, value, keys[key_of(value)])
    row = _row(s, attribute_id)
    row.choices = json.dumps(list(kept), ensure_ascii=False)
    s.flush()
    return info.choices


def _rewrite(s: Session, attribute_id: int, old: str, new: str) -> None:
    rows = s.scalars(select(AttributeValue).where(AttributeValue.attribute_id == attribute_id,
                                                  AttributeValue.value == old))
    for row in rows:
        row.value = new


def snapshot_in(s: Session, attribute_id: int) -> AttributeSnapshot:
    row = _row(s, attribute_id)
    info = attribute_by_id(s, attribute_id)
    values = {a: (v, n) for a, v, n in s.execute(
        select(AttributeValue.article_id, AttributeValue.value, AttributeValue.number)
        .where(AttributeValue.attribute_id == attribute_id))}
    return AttributeSnapshot(AttributeInfo(info.name, info.kind, info.id, info.choices, len(values)),
                             row.created_at, values)


def delete_in(s: Session, attribute_id: int) -> AttributeSnapshot:
    """The attribute and every value of it go; the snapshot puts them back."""
    snap = snapshot_in(s, attribute_id)
    s.execute(delete(AttributeValue).where(AttributeValue.attribute_id == attribute_id))
    s.execute(delete(Attribute).where(Attribute.id == attribute_id))
    s.flush()
    return snap


def restore_in(s: Session, snap: AttributeSnapshot) -> frozenset[int]:
    """Undo of delete: the same id, name, type and choices, with its values on the articles
    that still exist. Returns those articles."""
    info = snap.info
    s.add(Attribute(id=info.id, name=checked_name(s, info.name, info.id), kind=info.kind,
                    choices=json.dumps(list(info.choices), ensure_ascii=False),
                    created_at=snap.created_at))
    s.flush()
    assert info.id is not None
    return put_values_in(s, info.id, snap.values)


def stored_values_in(s: Session, attribute_id: int, article_ids: Iterable[int]
                     ) -> dict[int, StoredValue | None]:
    """Each article's stored value of the attribute (None: it has none)."""
    ids = sorted(set(article_ids))
    out: dict[int, StoredValue | None] = dict.fromkeys(ids)
    for i in range(0, len(ids), _CHUNK):
        for article_id, value, number in s.execute(
                select(AttributeValue.article_id, AttributeValue.value, AttributeValue.number)
                .where(AttributeValue.attribute_id == attribute_id,
                       AttributeValue.article_id.in_(ids[i:i + _CHUNK]))):
            out[article_id] = (value, number)
    return out


def existing_articles(s: Session, article_ids: Iterable[int]) -> set[int]:
    ids = sorted(set(article_ids))
    found: set[int] = set()
    for i in range(0, len(ids), _CHUNK):
        found.update(s.scalars(select(Article.id).where(Article.id.in_(ids[i:i + _CHUNK]))))
    return found


def set_values_in(s: Session, attribute_id: int, article_ids: Iterable[int], raw: str | None
                  ) -> dict[int, StoredValue | None]:
    """Every article of `article_ids` gets the value `raw` (None or blank: no value). All
    of them or none: an article that is gone refuses the whole change. Returns the values
    before, of the articles whose value changed."""
    info = attribute_by_id(s, attribute_id)
    ids = sorted(set(article_ids))
    if len(existing_articles(s, ids)) != len(ids):
        raise AttributesError(Message("article.gone"))
    new = None if raw is None or not raw.strip() else parse_value(info, raw)
    before = {a: v for a, v in stored_values_in(s, attribute_id, ids).items() if v != new}
    put_values_in(s, attribute_id, dict.fromkeys(before, new))
    return before


def put_values_in(s: Session, attribute_id: int, values: Mapping[int, StoredValue | None]
                  ) -> frozenset[int]:
    """Put these stored values (None: no value) on the articles that still exist; returns
    those articles."""
    alive = existing_articles(s, values)
    ids = sorted(alive)
    for i in range(0, len(ids), _CHUNK):
        s.execute(delete(AttributeValue).where(AttributeValue.attribute_id == attribute_id,
                                               AttributeValue.article_id.in_(ids[i:i + _CHUNK])))
    rows = [{"attribute_id": attribute_id, "article_id": a, "value": v[0], "number": v[1]}
            for a in ids if (v := values[a]) is not None]
    if rows:
        s.execute(insert(AttributeValue), rows)
    s.flush()
    return frozenset(alive)


def _row(s: Session, attribute_id: int) -> Attribute:
    row = s.get(Attribute, attribute_id)
    if row is None:
        raise AttributesError(Message("attribute.missing"))
    return row
