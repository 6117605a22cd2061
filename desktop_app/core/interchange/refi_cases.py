"""Attributes in REFI-QDA: `Variables` with their types and one `Case` per article.

Export: every attribute an exported article has a value of becomes a Variable; each
article becomes a Case holding its values (VariableValue) and pointing at its TextSource
(SourceRef). Built-in attributes share the Variable of the source metadata of the same
name (author, published) and are written as the metadata is; they are not imported as
attributes again, since the metadata they come from travels on the TextSource already.

Types: text -> Text; number -> Integer (or Float when a value has a fraction); date ->
Date, each value a DateValue, a DateTimeValue when it has a time, and a TextValue when it
is only a year or a month (xsd:date cannot hold those); choice -> Text, its choices in the
Variable's Description after CHOICES_MARK, so our importer makes a choice attribute again.

Import: Integer and Float become number, Date and DateTime date, Text and Boolean text
(choice with our mark). Values come from Cases (through their SourceRefs) and, for other
tools' files, from TextSource variables that are not our metadata (QualCoder's file
attributes).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.orm import Session

from desktop_app import APP_DISPLAY_NAME
from desktop_app.core.interchange.refi_qda import stable_guid
from desktop_app.core.library.attribute_csv import AppliedImport
from desktop_app.core.library.attribute_edits import define_in, put_values_in, stored_values_in
from desktop_app.core.library.attributes import (
    BUILT_IN,
    AttributeInfo,
    AttributesError,
    StoredValue,
    Value,
    find_attribute,
    parse_value,
)
from desktop_app.core.messages import Message

CHOICES_MARK = f"{APP_DISPLAY_NAME} choices: "
BUILT_IN_TYPES = {"outlet": "Text", "published": "Text", "year": "Integer", "author": "Text",
                  "domain": "Text"}
BUILT_IN_NAMES = frozenset(a.name for a in BUILT_IN)
_KIND_OF_TYPE = {"Text": "text", "Boolean": "text", "Integer": "number", "Float": "number",
                 "Date": "date", "DateTime": "date"}
_DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MOMENT_RE = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?")

Element = Callable[..., ET.Element]  # refi_export's _el: (parent, tag, text=None, **attrs)


@dataclass(frozen=True)
class CaseVariable:
    """An attribute as a Variable: its name, GUID, REFI type and each article's value."""

    name: str
    guid: str
    type: str
    values: Mapping[int, Value]
    choices: tuple[str, ...] = ()

    @property
    def builtin(self) -> bool:
        return self.guid == variable_guid(self.name)


def variable_guid(name: str) -> str:
    """The GUID of a built-in's (and a metadata field's) Variable: one per name."""
    return stable_guid("variable", name)


def case_variables(attributes: Iterable[tuple[AttributeInfo, Mapping[int, Value]]],
                   article_ids: set[int]) -> list[CaseVariable]:
    """The Variables the exported articles need: built-ins first, then the user's."""
    out = []
    for info, all_values in attributes:
        values = {a: v for a, v in all_values.items() if a in article_ids}
        if not values:
            continue
        if info.builtin:
            out.append(CaseVariable(info.name, variable_guid(info.name), BUILT_IN_TYPES[info.name], values))
            continue
        kind = {"text": "Text", "choice": "Text", "date": "Date"}.get(info.kind)
        if kind is None:  # number
            kind = "Integer" if all(isinstance(v, int) for v in values.values()) else "Float"
        out.append(CaseVariable(info.name, stable_guid("attribute", info.name), kind, values,
                                info.choices if info.kind == "choice" else ()))
    return out


def write_variables(el: Element, project: ET.Element, source_vars: Iterable[str],
                    case_vars: list[CaseVariable]) -> None:
    """The Variables element: the source metadata's (Text), then those the cases need."""
    written: set[str] = set()
    variables: ET.Element | None = None
    rows: list[tuple[str, str, str, tuple[str, ...]]] = [(n, variable_guid(n), "Text", ()) for n in source_vars]
    rows += [(v.name, v.guid, v.type, v.choices) for v in case_vars]
    for name, guid, kind, choices in rows:
        if guid in written:
            continue
        written.add(guid)
        if variables is None:
            variables = el(project, "Variables")
        var = el(variables, "Variable", guid=guid, name=name, typeOfVariable=kind)
        if choices:
            el(var, "Description", text=CHOICES_MARK + json.dumps(list(choices), ensure_ascii=False))


def write_cases(el: Element, project: ET.Element, articles: list[tuple[int, str, str, str]],
                case_vars: list[CaseVariable]) -> None:
    """One Case per article (id, content hash, title, source GUID), in the sources' order."""
    if not articles:
        return
    cases = el(project, "Cases")
    for article_id, content_hash, title, source_guid in articles:
        case = el(cases, "Case", guid=stable_guid("case", content_hash), name=title)
        for var in case_vars:
            value = var.values.get(article_id)
            if value is not None:
                value_element(el, case, var, value)
        el(case, "SourceRef", targetGUID=source_guid)


def value_element(el: Element, parent: ET.Element, var: CaseVariable, value: Value) -> None:
    vv = el(parent, "VariableValue")
    el(vv, "VariableRef", targetGUID=var.guid)
    text = str(value)
    if var.type == "Integer" and isinstance(value, int):
        el(vv, "IntegerValue", text=text)
    elif var.type in ("Integer", "Float") and isinstance(value, (int, float)):
        el(vv, "FloatValue", text=format(Decimal(repr(float(value))).normalize(), "f"))
    elif var.type == "Date" and _DAY_RE.fullmatch(text):
        el(vv, "DateValue", text=text)
    elif var.type == "Date" and (m := _MOMENT_RE.fullmatch(text)):
        el(vv, "DateTimeValue", text=f"{m.group(1)}T{m.group(2)}{m.group(3) or ':00'}")
    else:
        el(vv, "TextValue", text=text)


# --- reading ----------------------------------------------------------------------------
@dataclass(frozen=True)
class VariableDef:
    name: str
    kind: str  # one of attributes.KINDS
    choices: tuple[str, ...] = ()
    builtin: bool = False  # one of our built-ins (or our metadata): not a user attribute


@dataclass
class CaseValues:
    """Attribute values by source GUID, read from Cases; `order` keeps the file's order of
    the attributes."""

    by_source: dict[str, dict[str, str]] = field(default_factory=dict)
    order: dict[str, VariableDef] = field(default_factory=dict)


def read_variable(var: ET.Element, q: Callable[[str], str], ours: bool) -> VariableDef:
    name = " ".join((var.get("name") or "").split())
    kind = _KIND_OF_TYPE.get(var.get("typeOfVariable") or "", "text")
    choices: tuple[str, ...] = ()
    description = var.findtext(q("Description")) or ""
    if kind == "text" and description.startswith(CHOICES_MARK):
        try:
            found = json.loads(description[len(CHOICES_MARK):])
        except ValueError:
            found = None
        if isinstance(found, list) and found:
            kind, choices = "choice", tuple(str(c) for c in found)
    builtin = ours and (var.get("guid") or "") == variable_guid(name)
    return VariableDef(name, kind, choices, builtin)


def value_text(vv: ET.Element, ref: ET.Element | None) -> str | None:
    """The value of a VariableValue as text (a DateTimeValue's zone and seconds dropped)."""
    child = next((c for c in vv if c is not ref), None)
    if child is None or child.text is None or not child.text.strip():
        return None
    text = child.text.strip()
    if child.tag.endswith("}DateTimeValue") and (m := _MOMENT_RE.match(text)):
        return f"{m.group(1)}T{m.group(2)}"
    return text


def read_cases(root: ET.Element, q: Callable[[str], str],
               variables: Mapping[str, VariableDef]) -> CaseValues:
    """Each Case's values, given to every source it refers to."""
    found = CaseValues()
    for case in root.iter(q("Case")):
        values = {}
        for vv in case.findall(q("VariableValue")):
            ref = vv.find(q("VariableRef"))
            var = variables.get(ref.get("targetGUID") or "") if ref is not None else None
            text = value_text(vv, ref)
            if var is None or var.builtin or not var.name or text is None:
                continue
            values[var.name] = text
            found.order.setdefault(var.name, var)
        for ref in case.findall(q("SourceRef")):
            if values:
                found.by_source.setdefault(ref.get("targetGUID") or "", {}).update(values)
    return found


# --- storing ----------------------------------------------------------------------------
def store_attributes(s: Session, defs: Mapping[str, VariableDef],
                     values: Mapping[int, Mapping[str, str]], problems: list[Message]) -> AppliedImport:
    """Put the imported values on their articles (article id -> name -> value), defining the
    attributes the library lacks; in the caller's transaction. An attribute whose name is
    built in here, or a value its type cannot take, is left out with a note: it is not worth
    refusing a project for."""
    created: list[AttributeInfo] = []
    before: list[tuple[int, Mapping[int, StoredValue | None]]] = []
    changed: set[int] = set()
    for name, var in defs.items():
        raw = {a: v[name] for a, v in values.items() if name in v}
        if not raw:
            continue
        try:
            try:
                info = find_attribute(s, name)
            except AttributesError:
                info = define_in(s, name, var.kind, var.choices)
                created.append(info)
            if info.builtin:
                raise AttributesError(Message("attribute.reserved", {"name": name}))
        except AttributesError as e:
            problems.append(Message("qdpx.attribute_skipped", {"name": name, "problem": e.message}))
            continue
        assert info.id is not None
        parsed: dict[int, StoredValue | None] = {}
        refused: list[Message] = []
        for article_id, text in raw.items():
            try:
                parsed[article_id] = parse_value(info, text)
            except AttributesError as e:
                refused.append(e.message)
        if refused:
            problems.append(Message("qdpx.attribute_values_skipped", {
                "name": info.name, "count": len(refused), "problem": refused[0]}))
        old = stored_values_in(s, info.id, parsed)
        different = {a: v for a, v in parsed.items() if old[a] != v}
        if different:
            put_values_in(s, info.id, different)
            before.append((info.id, {a: old[a] for a in different}))
            changed.update(different)
    return AppliedImport(tuple(created), tuple(before), frozenset(changed))
