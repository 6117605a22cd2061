"""Operations on attributes of articles: define, rename, edit choices, delete, set a value
for many articles at once, import a CSV file. One transaction and one undo step each.

The Changes name the articles whose values changed (`attributes`) and say when the set of
attributes itself changed (`attribute_definitions`). Built-in attributes (outlet, date...)
are the article's details: edit_metadata changes those.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from desktop_app.core.library import attribute_csv
from desktop_app.core.library import attribute_edits as edits
from desktop_app.core.library.attributes import (
    AttributeInfo,
    AttributesError,
    StoredValue,
    attribute_by_id,
    find_attribute,
    guess_kind,
)
from desktop_app.core.messages import Message
from desktop_app.core.operations.base import OperationsBase
from desktop_app.core.operations.changes import NOTHING, Changes, ids
from desktop_app.core.operations.history import StepLabel
from desktop_app.core.operations.outcome import Outcome, subject

DEFINITIONS = Changes(attribute_definitions=True)


def _values(articles: Iterable[int], defined: bool = False) -> Changes:
    return Changes(attributes=ids(articles), attribute_definitions=defined)


class AttributeOperations(OperationsBase):
    def define_attribute(self, name: str, kind: str, choices: Sequence[str] = ()) -> Outcome[AttributeInfo]:
        """A new attribute of type text, number, date or choice (with its choices)."""
        info = self._in_one_transaction(lambda s: edits.define_in(s, name, kind, choices),
                                        lambda _info: DEFINITIONS)
        assert info.id is not None
        attribute_id = info.id

        def undo(s: Session) -> Changes:
            return _values(edits.delete_in(s, attribute_id).values, defined=True)

        def redo(s: Session) -> Changes:
            edits.define_in(s, info.name, info.kind, info.choices, attribute_id)
            return DEFINITIONS

        self._record(StepLabel("attribute_define", 1, subject(info.name)), undo, redo)
        return Outcome(DEFINITIONS, info)

    def rename_attribute(self, attribute_id: int, name: str) -> Changes:
        old, new = self._in_one_transaction(lambda s: edits.rename_in(s, attribute_id, name),
                                            lambda r: NOTHING if r[0] == r[1] else DEFINITIONS)
        if old == new:
            return Changes()

        def put(value: str) -> Callable[[Session], Changes]:
            def work(s: Session) -> Changes:
                edits.rename_in(s, attribute_id, value)
                return DEFINITIONS
            return work

        self._record(StepLabel("attribute_rename", 1, subject(old)), put(old), put(new))
        return DEFINITIONS

    def set_attribute_choices(self, attribute_id: int, choices: Sequence[str]) -> Changes:
        """The choices of a choice attribute (a choice still in use cannot go)."""
        def work(s: Session) -> tuple[tuple[str, ...], AttributeInfo, frozenset[int]]:
            before_values = _all_values(s, attribute_id)
            old = edits.set_choices_in(s, attribute_id, choices)
            after = attribute_by_id(s, attribute_id)
            return old, after, frozenset(a for a, v in _all_values(s, attribute_id).items()
                                         if before_values.get(a) != v)

        old, after, respelled = self._in_one_transaction(
            work, lambda r: NOTHING if r[0] == r[1].choices else _values(r[2], defined=True))
        if old == after.choices:
            return Changes()
        changes = _values(respelled, defined=True)

        def put(value: tuple[str, ...]) -> Callable[[Session], Changes]:
            def work(s: Session) -> Changes:
                edits.set_choices_in(s, attribute_id, value)
                return changes
            return work

        self._record(StepLabel("attribute_choices", 1, subject(after.name)), put(old), put(after.choices))
        return changes

    def delete_attribute(self, attribute_id: int) -> Changes:
        """The attribute and its values go; undo brings both back."""
        first = self._in_one_transaction(lambda s: edits.delete_in(s, attribute_id),
                                         lambda snap: _values(snap.values, defined=True))
        box = {"snap": first}

        def undo(s: Session) -> Changes:
            return _values(edits.restore_in(s, box["snap"]), defined=True)

        def redo(s: Session) -> Changes:
            box["snap"] = edits.delete_in(s, attribute_id)
            return _values(box["snap"].values, defined=True)

        self._record(StepLabel("attribute_delete", 1, subject(first.info.name)), undo, redo)
        return _values(first.values, defined=True)

    def set_attribute_values(self, attribute: int | str, article_ids: Sequence[int], value: str | None,
                             kind: str | None = None) -> Outcome[AttributeInfo]:
        """Every article of `article_ids` gets `value` (None or blank: no value), in one step.

        `attribute` is an id or a name; a name not in use defines the attribute in the same
        step, of type `kind` (else guessed from the value: number, date or text). A built-in
        attribute is refused (edit_metadata changes those), as is a `kind` other than the
        attribute's. All the articles or none: one that is gone refuses the change."""
        def work(s: Session) -> tuple[AttributeInfo, bool, dict[int, StoredValue | None]]:
            info, created = _resolve(s, attribute, kind, value)
            assert info.id is not None
            return info, created, edits.set_values_in(s, info.id, article_ids, value)

        info, created, before = self._in_one_transaction(work, lambda r: _values(r[2], defined=r[1]))
        if not before and not created:
            return Outcome(Changes(), info)
        assert info.id is not None
        attribute_id = info.id
        after = self._in_one_transaction(
            lambda s: edits.stored_values_in(s, attribute_id, before), lambda _r: NOTHING)

        def undo(s: Session) -> Changes:
            if created:
                edits.delete_in(s, attribute_id)
            else:
                edits.put_values_in(s, attribute_id, before)
            return _values(before, defined=created)

        def redo(s: Session) -> Changes:
            if created:
                edits.define_in(s, info.name, info.kind, info.choices, attribute_id)
            edits.put_values_in(s, attribute_id, after)
            return _values(after, defined=created)

        self._record(StepLabel("attribute_set", max(1, len(before)), subject(info.name)), undo, redo)
        return Outcome(_values(before, defined=created), info)

    def import_attributes(self, path: Path) -> Outcome[attribute_csv.AttributeImportPlan]:
        """Attribute values from a CSV file (attribute_csv), in one transaction and one step:
        a bad file changes nothing (AttributesError names the row and column)."""
        def work(s: Session) -> tuple[attribute_csv.AttributeImportPlan, attribute_csv.AppliedImport]:
            plan = attribute_csv.plan_import(s, path)
            return plan, attribute_csv.apply_in(s, plan)

        plan, applied = self._in_one_transaction(
            work, lambda r: _values(r[1].articles, defined=bool(r[1].created)))
        if not applied.created and not applied.articles:
            return Outcome(Changes(), plan)
        changes = _values(applied.articles, defined=bool(applied.created))
        after = self._in_one_transaction(lambda s: [
            (attribute_id, edits.stored_values_in(s, attribute_id, old)) for attribute_id, old in applied.before],
            lambda _r: NOTHING)
        created_ids = {c.id for c in applied.created}

        def undo(s: Session) -> Changes:
            for attribute_id, old in applied.before:
                if attribute_id not in created_ids:
                    edits.put_values_in(s, attribute_id, old)
            for info in applied.created:
                assert info.id is not None
                edits.delete_in(s, info.id)
            return changes

        def redo(s: Session) -> Changes:
            for info in applied.created:
                edits.define_in(s, info.name, info.kind, info.choices, info.id)
            for attribute_id, values in after:
                edits.put_values_in(s, attribute_id, values)
            return changes

        self._record(StepLabel("attribute_import", plan.rows, subject(Path(path).name)), undo, redo)
        return Outcome(changes, plan)


def _all_values(s: Session, attribute_id: int) -> Mapping[int, StoredValue]:
    return edits.snapshot_in(s, attribute_id).values


def _resolve(s: Session, attribute: int | str, kind: str | None, value: str | None
             ) -> tuple[AttributeInfo, bool]:
    """(the attribute, whether it was defined now)."""
    if isinstance(attribute, int):
        info = attribute_by_id(s, attribute)
    else:
        try:
            info = find_attribute(s, attribute)
        except AttributesError:
            wanted = kind or guess_kind([value or ""])
            choices = [value] if wanted == "choice" and value else []
            return edits.define_in(s, attribute, wanted, choices), True
    if info.builtin:
        raise AttributesError(Message("attribute.built_in", {"name": info.name}))
    if kind is not None and kind != info.kind:
        raise AttributesError(Message("attribute.kind_differs", {
            "name": info.name, "kind": info.kind, "wanted": kind}))
    return info, False
