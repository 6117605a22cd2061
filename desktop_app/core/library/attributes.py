"""Attributes of articles (NVivo's case attributes, MAXQDA's document variables): what
each article is, as values a researcher can filter and cross-tabulate by.

Built-in attributes are read from the metadata we already store and have no row of their
own: `outlet` (the source, alias `source`), `published` (a date, alias `date`), `year`,
`author` and `domain` (of the URL, without "www."). The user's own attributes are typed,
so that numbers and dates compare as such: text, number, date (ISO: 2023, 2023-04 or
2023-04-04, optionally with a time) and choice (one of a list). An article without a value
simply has no row. Writes are in attribute_edits.py, filters in attribute_filters.py.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core.annotate.records import AnnotationError
from desktop_app.core.library.ingest.metadata import parse_date
from desktop_app.core.messages import Message
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article, Attribute, AttributeValue
from desktop_app.core.text.normalize import fold

KINDS = ("text", "number", "date", "choice")
Value = str | int | float  # a value as read: text, a number, an ISO date
StoredValue = tuple[str, float | None]  # (canonical text, the number for numeric ones)
_CHUNK = 500  # bound parameters per IN (...)


class AttributesError(AnnotationError):
    """An attribute request that cannot be carried out; `message` says why. An
    AnnotationError, so the interface and the undo history treat it as they treat those."""


@dataclass(frozen=True)
class AttributeInfo:
    name: str
    kind: str  # one of KINDS
    id: int | None = None  # None: built in, read from the article's details
    choices: tuple[str, ...] = ()  # the values a "choice" attribute may take, in order
    count: int = 0  # articles with a value

    @property
    def builtin(self) -> bool:
        return self.id is None

    def as_json(self) -> dict[str, object]:
        return {"name": self.name, "type": self.kind, "builtin": self.builtin,
                "choices": list(self.choices), "articles": self.count}


BUILT_IN = (
    AttributeInfo("outlet", "text"),
    AttributeInfo("published", "date"),
    AttributeInfo("year", "number"),
    AttributeInfo("author", "text"),
    AttributeInfo("domain", "text"),
)
ALIASES = {"source": "outlet", "date": "published"}
# Keys a user attribute may not take: the built-ins, their aliases, what a CSV file is
# keyed by, and `code` (whole-article codes in filters).
RESERVED = frozenset(fold(n) for n in [*(a.name for a in BUILT_IN), *ALIASES, "id", "article_id",
                                       "title", "code"])
FORBIDDEN_CHARS = "=<>!:"  # the filter language and a CSV header's ":type" need them


def clean_name(name: str) -> str:
    return " ".join(name.split())


def key_of(name: str) -> str:
    """What names are compared by: case, diacritics and spacing do not count."""
    return fold(clean_name(name))


# --- values ---------------------------------------------------------------------------------
_NUMBER_RE = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")
_PARTIAL_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2}))?")


def parse_number(raw: str) -> int | float | None:
    """12, -3, 2.5 or 2,5 (a decimal comma); None for anything else (1.000,5 is refused:
    it could mean a thousand or one)."""
    text = raw.strip().replace("\u00a0", "").replace(" ", "")
    if not _NUMBER_RE.fullmatch(text) or ("," in text and "." in text) or text.count(",") > 1:
        return None
    value = float(text.replace(",", "."))
    if not math.isfinite(value):
        return None
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def parse_day(raw: str) -> str | None:
    """An ISO date (or its year, or year and month), from ISO or a Vietnamese date shape."""
    text = raw.strip()
    m = _PARTIAL_DATE_RE.fullmatch(text)
    if m:
        if m.group(2) is not None and not 1 <= int(m.group(2)) <= 12:
            return None
        return text
    return parse_date(text)


def parse_value(info: AttributeInfo, raw: str) -> StoredValue:
    """The canonical stored form of `raw` for this attribute; AttributesError says why not."""
    text = " ".join(raw.split())
    if info.kind == "number":
        number = parse_number(text)
        if number is None:
            raise AttributesError(Message("attribute.bad_number", {"value": text}))
        return str(number), float(number)
    if info.kind == "date":
        day = parse_day(text)
        if day is None:
            raise AttributesError(Message("attribute.bad_date", {"value": text}))
        return day, None
    if info.kind == "choice":
        found = next((c for c in info.choices if c == text), None)
        found = found or next((c for c in info.choices if key_of(c) == key_of(text)), None)
        if found is None:
            raise AttributesError(Message("attribute.not_a_choice", {
                "value": text, "name": info.name, "choices": list(info.choices)}))
        return found, None
    return text, None


def guess_kind(values: Iterable[str]) -> str:
    """number when every value is one, else date when every value is one, else text."""
    seen = [v for v in values if v.strip()]
    if seen and all(parse_number(v) is not None for v in seen):
        return "number"
    if seen and all(parse_day(v) is not None for v in seen):
        return "date"
    return "text"


def typed(kind: str, text: str) -> Value:
    """A stored value as the kind reads it: numbers as numbers, the rest as text."""
    if kind == "number":
        number = parse_number(text)
        return number if number is not None else text
    return text


def domain_of(url: str | None) -> str | None:
    """"https://www.plo.vn/a/b" -> "plo.vn"; None when there is no host."""
    if not url or not url.strip():
        return None
    url = url.strip()
    try:
        host = urlsplit(url if "://" in url else "http://" + url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.") or None


# --- reading --------------------------------------------------------------------------------
def user_attributes(s: Session) -> list[AttributeInfo]:
    """The user's attributes with their counts, by name (case and diacritics ignored)."""
    counts = dict(s.execute(select(AttributeValue.attribute_id, func.count())
                            .group_by(AttributeValue.attribute_id)).all())
    found = [AttributeInfo(a.name, a.kind, a.id, choices_of(a.choices), counts.get(a.id, 0))
             for a in s.scalars(select(Attribute))]
    return sorted(found, key=lambda a: (key_of(a.name), a.name))


def list_attributes(db: Database) -> list[AttributeInfo]:
    """Every attribute: the built-in ones first, then the user's."""
    with db.session() as s:
        builtin = [AttributeInfo(a.name, a.kind, None, (), len(values_of(s, a))) for a in BUILT_IN]
        return builtin + user_attributes(s)


def find_attribute(s: Session, key: str) -> AttributeInfo:
    """The attribute named `key` (or a built-in's alias), compared as key_of does."""
    wanted = key_of(ALIASES.get(key_of(key), key))
    for a in BUILT_IN:
        if a.name == wanted:
            return a
    for a in user_attributes(s):
        if key_of(a.name) == wanted:
            return a
    raise AttributesError(Message("attribute.unknown", {"name": clean_name(key)}))


def attribute_by_id(s: Session, attribute_id: int) -> AttributeInfo:
    row = s.get(Attribute, attribute_id)
    if row is None:
        raise AttributesError(Message("attribute.missing"))
    return AttributeInfo(row.name, row.kind, row.id, choices_of(row.choices))


def choices_of(raw: str | None) -> tuple[str, ...]:
    try:
        data = json.loads(raw or "[]")
    except ValueError:
        return ()
    return tuple(str(c) for c in data) if isinstance(data, list) else ()


_BUILT_IN_COLUMNS = {"outlet": Article.source, "published": Article.published,
                     "year": Article.published, "author": Article.author, "domain": Article.url}


def values_of(s: Session, info: AttributeInfo) -> dict[int, Value]:
    """Article id -> value, for every article that has one."""
    if info.builtin:
        column = _BUILT_IN_COLUMNS[info.name]
        out: dict[int, Value] = {}
        for article_id, raw in s.execute(select(Article.id, column).where(column.is_not(None))):
            value = _built_in_value(info.name, raw or "")
            if value is not None:
                out[article_id] = value
        return out
    rows = s.execute(select(AttributeValue.article_id, AttributeValue.value)
                     .where(AttributeValue.attribute_id == info.id))
    return {article_id: typed(info.kind, text) for article_id, text in rows}


def _built_in_value(name: str, raw: str) -> Value | None:
    if name == "year":
        return int(raw[:4]) if raw[:4].isdigit() else None
    if name == "domain":
        return domain_of(raw)
    text = " ".join(raw.split())
    return text or None


def article_attributes(db: Database, article_ids: Iterable[int] | None = None
                       ) -> dict[int, dict[str, Value]]:
    """Article id -> {attribute name: value} (built-ins first); articles without any value
    have an empty mapping when asked for, and are left out otherwise."""
    wanted = None if article_ids is None else set(article_ids)
    out: dict[int, dict[str, Value]] = {i: {} for i in wanted} if wanted is not None else {}
    with db.session() as s:
        for info in [*BUILT_IN, *user_attributes(s)]:
            for article_id, value in values_of(s, info).items():
                if wanted is None or article_id in wanted:
                    out.setdefault(article_id, {})[info.name] = value
    return out


def distinct_values(db: Database, key: str, limit: int = 500) -> list[Value]:
    """The values articles have for the attribute `key`, sorted (numbers as numbers, text
    ignoring case and diacritics), at most `limit`: what a filter offers to pick from."""
    with db.session() as s:
        info = find_attribute(s, key)
        found = set(values_of(s, info).values())
    ordered = sorted(found, key=lambda v: (0, v, "") if isinstance(v, (int, float)) else (1, 0, fold(str(v))))
    return ordered[:limit]
