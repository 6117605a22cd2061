"""Whole-article codes: a tag on an article as a whole (its genre, its stance), kept apart
from highlights, which are passages. Matrices count one as a passage spanning the text.

Reads take the database; writes take the caller's session and return the rows they
added or removed (with their times and coders), which is what an undo puts back. Each
coder has their own codes (schema v8): adding and removing by (article, tag) pairs acts on
the session's current coder; reads see every coder's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select, tuple_
from sqlalchemy.orm import Session

from desktop_app.core.annotate.tag_paths import scope_tag_ids
from desktop_app.core.storage.database import Database, current_coder
from desktop_app.core.storage.models import Article, ArticleCode, Tag, utcnow

_CHUNK = 400  # pairs per IN (...): two parameters each


@dataclass(frozen=True)
class CodeRow:
    article_id: int
    tag_id: int
    created_at: datetime
    coder_id: int

    @property
    def key(self) -> tuple[int, int, int]:
        return self.article_id, self.tag_id, self.coder_id


_COLUMNS = (ArticleCode.article_id, ArticleCode.tag_id, ArticleCode.created_at, ArticleCode.coder_id)
_KEY = tuple_(ArticleCode.article_id, ArticleCode.tag_id, ArticleCode.coder_id)


def articles_with_code(s: Session, scope: str | None) -> set[int]:
    """Articles carrying the whole-article code `scope` or one nested under it (None: any)."""
    stmt = select(ArticleCode.article_id).distinct()
    if scope is not None:
        stmt = stmt.where(ArticleCode.tag_id.in_(scope_tag_ids(s, scope)))
    return set(s.scalars(stmt))


def article_codes(db: Database, article_ids: Iterable[int] | None = None,
                  coders: Iterable[int] | None = None) -> dict[int, list[str]]:
    """Article id -> the names of its whole-article codes, by name (a code two coders gave
    is named once). `coders` keeps those coders' codes only (None: everyone's)."""
    stmt = select(ArticleCode.article_id, Tag.name).distinct().join(Tag, Tag.id == ArticleCode.tag_id)
    if coders is not None:
        stmt = stmt.where(ArticleCode.coder_id.in_(sorted(set(coders))))
    wanted = None if article_ids is None else set(article_ids)
    out: dict[int, list[str]] = {}
    with db.session() as s:
        for article_id, name in s.execute(stmt.order_by(Tag.name)):
            if wanted is None or article_id in wanted:
                out.setdefault(article_id, []).append(name)
    return out


def code_pairs(s: Session) -> list[tuple[int, int]]:
    """Every (article id, tag id) whole-article code."""
    return [(a, t) for a, t in s.execute(select(ArticleCode.article_id, ArticleCode.tag_id))]


def rows_in(s: Session, pairs: Iterable[tuple[int, int]], coder_id: int | None = None) -> list[CodeRow]:
    """Those of `pairs` (article, tag) that `coder_id` (default: the current coder) stored."""
    coder = current_coder(s) if coder_id is None else coder_id
    return rows_keyed(s, [(a, t, coder) for a, t in pairs])


def rows_keyed(s: Session, keys: Iterable[tuple[int, int, int]]) -> list[CodeRow]:
    """Those of the (article, tag, coder) keys that are stored, with their times."""
    wanted = sorted(set(keys))
    found: list[CodeRow] = []
    for i in range(0, len(wanted), _CHUNK):
        found += [CodeRow(*r) for r in s.execute(select(*_COLUMNS).where(_KEY.in_(wanted[i:i + _CHUNK])))]
    return found


def rows_of_tag(s: Session, tag_id: int) -> list[CodeRow]:
    """Every coder's codes of the tag."""
    return [CodeRow(*r) for r in s.execute(select(*_COLUMNS).where(ArticleCode.tag_id == tag_id))]


def add_in(s: Session, article_ids: Sequence[int], tag_ids: Sequence[int],
           coder_id: int | None = None) -> list[CodeRow]:
    """Each article gets each tag as a whole-article code of `coder_id` (default: the current
    coder); returns the rows that are new (an article carrying one already keeps it as it
    was). Articles that are gone are left out: the caller checks first when that must
    refuse the change."""
    coder = current_coder(s) if coder_id is None else coder_id
    alive = set(s.scalars(select(Article.id).where(Article.id.in_(set(article_ids))))) if article_ids else set()
    have = {(r.article_id, r.tag_id) for r in rows_in(s, [(a, t) for a in alive for t in tag_ids], coder)}
    now = utcnow()
    new = [CodeRow(a, t, now, coder) for a in sorted(alive) for t in dict.fromkeys(tag_ids)
           if (a, t) not in have]
    put_back_in(s, new)
    return new


def remove_in(s: Session, pairs: Iterable[tuple[int, int]]) -> list[CodeRow]:
    """Remove the current coder's codes for these (article, tag); returns the rows that were there."""
    return remove_rows(s, rows_in(s, pairs))


def remove_rows(s: Session, rows: Iterable[CodeRow]) -> list[CodeRow]:
    """Remove these codes (by article, tag and coder); returns those that were there."""
    there = rows_keyed(s, [r.key for r in rows])
    keys = [r.key for r in there]
    for i in range(0, len(keys), _CHUNK):
        s.execute(delete(ArticleCode).where(_KEY.in_(keys[i:i + _CHUNK])))
    s.flush()
    return there


def put_back_in(s: Session, rows: Iterable[CodeRow]) -> list[CodeRow]:
    """Store these rows as they were (those whose article and tag still exist)."""
    rows = list(rows)
    if not rows:
        return []
    articles = set(s.scalars(select(Article.id).where(Article.id.in_({r.article_id for r in rows}))))
    tags = set(s.scalars(select(Tag.id).where(Tag.id.in_({r.tag_id for r in rows}))))
    have = {r.key for r in rows_keyed(s, [r.key for r in rows])}
    kept = [r for r in rows if r.article_id in articles and r.tag_id in tags and r.key not in have]
    if kept:
        s.execute(insert(ArticleCode), [{"article_id": r.article_id, "tag_id": r.tag_id,
                                          "created_at": r.created_at, "coder_id": r.coder_id}
                                         for r in kept])
    s.flush()
    return kept


def move_codes_in(s: Session, source_id: int, target_id: int) -> tuple[list[CodeRow], list[CodeRow]]:
    """A merge of two tags: the articles coded with `source` get `target` too (before the
    source tag goes, taking its own codes with it). Returns (the source's codes, the
    target's new ones): what an undo puts back and takes away."""
    source = rows_of_tag(s, source_id)
    added: list[CodeRow] = []
    for coder in sorted({r.coder_id for r in source}):  # each coder's codes stay theirs
        added += add_in(s, [r.article_id for r in source if r.coder_id == coder], [target_id], coder)
    return source, added
