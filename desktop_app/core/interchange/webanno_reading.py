"""W3C Web Annotation (JSON-LD) import: every shape interchange/webanno.py explains (an
array, one Annotation, an AnnotationPage, an AnnotationCollection with its first page
embedded) read into IncomingHighlight / IncomingMemo, then placed by
importing.place_highlights (anchoring, duplicates, one transaction)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.core.interchange.importing import (
    AnnotationImportError,
    ImportResult,
    IncomingHighlight,
    IncomingMemo,
    parse_timestamp,
    place_highlights,
    read_file_bytes,
)
from desktop_app.core.interchange.webanno import ABSOLUTE_IRI, HASH_IRI
from desktop_app.core.messages import Message
from desktop_app.core.storage.database import Database
from desktop_app.core.text.normalize import normalize


class _Malformed(Exception):
    """A problem found while reading; becomes AnnotationImportError naming the file."""


def _types(obj: dict[str, object]) -> list[object]:
    value = obj.get("type", obj.get("@type"))
    return value if isinstance(value, list) else [value]


def _as_list(value: object) -> list[object]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _annotation_items(data: object) -> list[object]:
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise _Malformed("it holds neither a list of annotations nor an annotation object")
    kinds = _types(data)
    if "Annotation" in kinds:
        return [data]
    if "AnnotationCollection" in kinds:
        first = data.get("first")
        if not isinstance(first, dict):
            raise _Malformed("the annotation collection keeps its pages elsewhere; "
                             "only a collection with its first page inside the file can be read")
        if first.get("next") is not None:
            raise _Malformed("the annotation collection continues in pages outside the file")
        data = first
        kinds = _types(data)
    if "AnnotationPage" in kinds:
        items = data.get("items")
        if not isinstance(items, list):
            raise _Malformed("the annotation page has no list of items")
        return items
    raise _Malformed("it holds neither a list of annotations nor an Annotation, "
                     "AnnotationPage or AnnotationCollection")


def _text_field(obj: dict[str, object], key: str, where: str) -> str:
    value = obj.get(key, "")
    if not isinstance(value, str):
        raise _Malformed(f"{where}: '{key}' is not text")
    return value


def _bodies(item: dict[str, object], where: str) -> tuple[list[str], str]:
    tags: list[str] = []
    notes: list[str] = []
    tagging = "tagging" in _as_list(item.get("motivation"))
    if "bodyValue" in item:
        notes.append(_text_field(item, "bodyValue", where))
    for body in _as_list(item.get("body")):
        if not isinstance(body, dict) or "value" not in body:
            continue  # a linked resource: nothing we can keep
        value = _text_field(body, "value", where)
        purposes = _as_list(body.get("purpose"))
        if "tagging" in purposes or (not purposes and tagging):
            tags.append(value)
        elif value:  # kept as written: a note of odd whitespace is still the user's note
            notes.append(value)
    return tags, "\n\n".join(notes)


def _time(item: dict[str, object], key: str, where: str) -> datetime | None:
    value = item.get(key)
    if value is None:
        return None
    try:
        if not isinstance(value, str):
            raise ValueError
        return parse_timestamp(value)
    except ValueError:
        raise _Malformed(f"{where}: '{key}' is not a date and time ({value!r})") from None


@dataclass(frozen=True)
class _TextSelectors:
    """What one target says about where in a text it points."""

    quote: dict[str, str] | None = None  # exact, prefix, suffix
    position: tuple[int, int] | None = None

    def __bool__(self) -> bool:
        return self.quote is not None or self.position is not None


def _natural(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _selectors(target: dict[str, object], where: str) -> _TextSelectors:
    quote: dict[str, str] | None = None
    position: tuple[int, int] | None = None
    for sel in _as_list(target.get("selector")):
        if not isinstance(sel, dict):
            continue
        kinds = _types(sel)
        if "TextQuoteSelector" in kinds and quote is None:
            quote = {key: _text_field(sel, key, where) for key in ("exact", "prefix", "suffix")}
        elif "TextPositionSelector" in kinds and position is None:
            start, end = _natural(sel.get("start")), _natural(sel.get("end"))
            if start is None or end is None or end < start:
                raise _Malformed(f"{where}: the TextPositionSelector needs whole numbers "
                                 "0 <= start <= end")
            position = (start, end)
    return _TextSelectors(quote, position)


def _resource_iri(value: object) -> str | None:
    if isinstance(value, dict):
        value = value.get("id", value.get("@id"))
    return value if isinstance(value, str) and value else None


def _creator_name(item: dict[str, object]) -> str | None:
    """The name of the annotation's creator: an Agent object's name (or nickname), the first
    of several; an IRI alone names nobody we can show."""
    for agent in _as_list(item.get("creator")):
        if isinstance(agent, dict):
            for key in ("name", "nickname"):
                value = agent.get(key)
                if isinstance(value, str) and value.strip():
                    return value
        elif isinstance(agent, str) and agent.strip() and not ABSOLUTE_IRI.fullmatch(agent):
            return agent
    return None


def _incoming(item: object, index: int) -> IncomingHighlight | IncomingMemo:
    where = f"annotation {index + 1}"
    if not isinstance(item, dict):
        raise _Malformed(f"{where} is not a JSON object")
    if isinstance(item.get("id"), str):
        where += f" ({item['id']})"
    if ("type" in item or "@type" in item) and "Annotation" not in _types(item):
        raise _Malformed(f"{where} is not of type Annotation")
    if "target" not in item:
        raise _Malformed(f"{where} has no target")
    tags, note = _bodies(item, where)
    # Of several targets, the first one that points into a text.
    targets = [t for t in _as_list(item["target"]) if isinstance(t, dict)]
    sel = _TextSelectors()
    target: dict[str, object] = targets[0] if targets else {}
    for t in targets:
        sel = _selectors(t, where)
        if sel:
            target = t
            break
    quote = sel.quote or {}
    source = _resource_iri(target.get("source")) or _resource_iri(item["target"])
    match = HASH_IRI.fullmatch(source or "")
    url = None if match else source
    url = url or _resource_iri(target.get("scope"))
    if not sel and (note.strip() or tags):  # on the whole article: its memo, its codes
        return IncomingMemo(note if note.strip() else "", match.group(1).lower() if match else None, url,
                            tuple(tags), _creator_name(item))
    return IncomingHighlight(
        quote=normalize(quote.get("exact", "")),
        prefix=normalize(quote.get("prefix", "")),
        suffix=normalize(quote.get("suffix", "")),
        start=sel.position[0] if sel.position else None,
        end=sel.position[1] if sel.position else None,
        tags=tuple(tags),
        note=note,
        created=_time(item, "created", where),
        modified=_time(item, "modified", where),
        content_hash=match.group(1).lower() if match else None,
        url=url,
        coder=_creator_name(item),
    )


def read_webanno(path: Path) -> tuple[list[IncomingHighlight], list[IncomingMemo]]:
    """Every annotation of the file (memos apart), or AnnotationImportError for the first
    problem."""
    path = Path(path)
    raw = read_file_bytes(path)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
        items = [_incoming(item, i) for i, item in enumerate(_annotation_items(data))]
        return ([r for r in items if isinstance(r, IncomingHighlight)],
                [r for r in items if isinstance(r, IncomingMemo)])
    except UnicodeDecodeError:
        problem: Message | str = Message("import.not_utf8")
    except json.JSONDecodeError as e:
        problem = Message("import.json_invalid", {"reason": e.msg, "line": e.lineno, "column": e.colno})
    except (_Malformed, RecursionError) as e:
        problem = str(e) or Message("import.too_deep")
    raise AnnotationImportError(Message("import.file_invalid", {"path": path, "problem": problem}))


def import_webanno(db: Database, path: Path) -> ImportResult:
    """Read the whole file first, then place every annotation in one transaction."""
    return place_highlights(db, *read_webanno(path))
