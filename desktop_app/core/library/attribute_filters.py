"""Attributes as filters: a small `where` language shared by coded passages, matrices and
the command line.

    outlet=PLVN          text and choices: = and !=, ignoring case and diacritics
    year>=2020           numbers: = != >= <= > <
    published<=2023-06   dates: compared as ISO prefixes, so published=2023 is the year,
                         published<=2023-06 takes all of June and published>2023 starts in 2024
    author=              an empty value: articles without one (author!= : with one)
    code=Thể loại/Tin    articles carrying this whole-article code (or one nested under it);
                         code= : articles without any

Conditions on different keys must all hold; several `=` on the same key are alternatives
(outlet=PLVN outlet=TTXVN: either). An article without a value matches only `!=` and the
empty `=`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.library.article_codes import articles_with_code
from desktop_app.core.library.attributes import (
    AttributeInfo,
    AttributesError,
    Value,
    find_attribute,
    key_of,
    parse_day,
    parse_number,
    values_of,
)
from desktop_app.core.messages import Message
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article

CODE_KEY = "code"
_CONDITION_RE = re.compile(r"\s*([^=<>!]*?)\s*(!=|>=|<=|=|>|<)\s*(.*?)\s*", re.DOTALL)


@dataclass(frozen=True)
class Condition:
    key: str
    op: str  # = != >= <= > <
    value: str

    def __str__(self) -> str:
        return f"{self.key}{self.op}{self.value}"


def parse_condition(text: str) -> Condition:
    m = _CONDITION_RE.fullmatch(text)
    if not m or not m.group(1):
        raise AttributesError(Message("filter.bad", {"text": text}))
    return Condition(m.group(1), m.group(2), " ".join(m.group(3).split()))


def parse_where(texts: Sequence[str | Condition]) -> tuple[Condition, ...]:
    return tuple(t if isinstance(t, Condition) else parse_condition(t) for t in texts)


def filtered_articles(db: Database, where: Sequence[str | Condition]) -> frozenset[int] | None:
    """The articles matching every condition; None when there are no conditions (every
    article). AttributesError for a condition that cannot be read."""
    conditions = parse_where(where)
    if not conditions:
        return None
    with db.session() as s:
        return matching_articles(s, conditions)


def matching_articles(s: Session, conditions: Sequence[Condition]) -> frozenset[int]:
    every = frozenset(s.scalars(select(Article.id)))
    by_key: dict[str, list[Condition]] = {}
    infos: dict[str, AttributeInfo | None] = {}
    for c in conditions:
        key = key_of(c.key)
        if key not in infos:
            infos[key] = None if key == CODE_KEY else find_attribute(s, c.key)
        by_key.setdefault(key, []).append(c)
    result = set(every)
    for key, group in by_key.items():
        info = infos[key]
        test = _code_test(s, every) if info is None else _value_test(info, values_of(s, info), every)
        alternatives = [c for c in group if c.op == "="]
        if alternatives:
            result &= set().union(*(test(c) for c in alternatives))
        for c in group:
            if c.op != "=":
                result &= test(c)
    return frozenset(result)


Test = Callable[[Condition], set[int]]


def _code_test(s: Session, every: frozenset[int]) -> Test:
    def test(c: Condition) -> set[int]:
        if c.op not in ("=", "!="):
            raise AttributesError(Message("filter.text_compare", {"name": c.key}))
        if c.value:
            having = articles_with_code(s, c.value)
        else:  # code= : articles without any whole-article code
            having = set(every) - articles_with_code(s, None)
        return having if c.op == "=" else set(every) - having
    return test


def _value_test(info: AttributeInfo, values: dict[int, Value], every: frozenset[int]) -> Test:
    def test(c: Condition) -> set[int]:
        if not c.value:
            if c.op not in ("=", "!="):
                raise AttributesError(Message("filter.bad", {"text": str(c)}))
            with_value = set(values)
            return set(every) - with_value if c.op == "=" else with_value
        if c.op == "!=":
            return set(every) - test(Condition(c.key, "=", c.value))
        if info.kind == "number":
            return _numbers(values, c)
        if info.kind == "date":
            return _dates(values, c)
        if c.op != "=":
            raise AttributesError(Message("filter.text_compare", {"name": info.name}))
        wanted = key_of(c.value)
        return {a for a, v in values.items() if key_of(str(v)) == wanted}
    return test


_COMPARE: dict[str, Callable[[object, object], bool]] = {
    "=": lambda a, b: a == b, ">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b,  # type: ignore[operator]
    ">": lambda a, b: a > b, "<": lambda a, b: a < b,  # type: ignore[operator]
}


def _numbers(values: dict[int, Value], c: Condition) -> set[int]:
    n = parse_number(c.value)
    if n is None:
        raise AttributesError(Message("attribute.bad_number", {"value": c.value}))
    compare = _COMPARE[c.op]
    return {a for a, v in values.items() if isinstance(v, (int, float)) and compare(v, n)}


def _dates(values: dict[int, Value], c: Condition) -> set[int]:
    """ISO dates as prefixes: the value cut to the query's length is compared, except for
    >= and <, where the whole value is (2023-04-04T10:00 >= 2023-04-04, < 2023-04-05)."""
    q = parse_day(c.value)
    if q is None:
        raise AttributesError(Message("attribute.bad_date", {"value": c.value}))
    compare = _COMPARE[c.op]
    cut = c.op in ("=", "<=", ">")
    return {a for a, v in values.items() if compare(str(v)[:len(q)] if cut else str(v), q)}
