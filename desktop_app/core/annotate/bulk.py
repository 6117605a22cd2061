"""Many highlights in one caller's transaction, with a few bulk statements (an import,
tagging concordance lines, accepting suggestions)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from desktop_app.core.annotate.records import (
    CONTEXT_CHARS,
    PALETTE,
    AnnotationError,
    NewHighlight,
    clean_tag_names,
)
from desktop_app.core.annotate.tag_paths import with_ancestors
from desktop_app.core.messages import Message
from desktop_app.core.storage.bulk_sql import is_postgres
from desktop_app.core.storage.database import current_coder
from desktop_app.core.storage.dialects import advance_sequence, next_ids
from desktop_app.core.storage.models import Article, Highlight, Tag, highlight_tags, utcnow

_CHUNK = 500  # bound parameters per IN (...): well below SQLite's oldest limit of 999


def _chunks(values: Sequence, size: int = _CHUNK) -> Iterator[Sequence]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def add_highlights(
    s: Session, items: Sequence[NewHighlight], texts: Mapping[int, str] | None = None
) -> list[int]:
    """Create many highlights in the caller's transaction with a few bulk statements; return
    their ids in the order of `items`.

    Each item ends up as create_highlight (or, with a free keep_id, restore_highlight) would
    leave it, called item after item: create_highlight's checks and messages (nothing is
    written unless every item passes), quote and context from the text, new tags coloured
    in turn from the palette in order of first use, and new ids handed out as SQLite would
    (one above the largest id at the time). `texts` may supply the articles' texts the
    caller already holds; the others are read here, once.
    """
    if not items:
        return []
    texts = dict(texts or {})
    missing = sorted({it.article_id for it in items} - texts.keys())
    for chunk in _chunks(missing):
        stmt = select(Article.id, Article.text).where(Article.id.in_(chunk))
        texts.update(s.execute(stmt).all())
    ids = _new_ids(s, items)
    to_db = _datetime_param(s)
    # Converted once per pair of datetime objects (an import's highlights share a few). By
    # identity, not equality: 10:00+07:00 equals 03:00Z but is stored as another wall time.
    stored: dict[tuple[int, int], tuple[object, object]] = {}
    now = utcnow()
    cleaned: dict[tuple[str, ...], tuple[str, ...]] = {}  # tag lists repeat: clean each once
    rows, tagged = [], []
    coder = current_coder(s)
    for (article_id, start, end, tag_names, note, created, modified, _, who), hid in zip(items, ids, strict=True):
        text = texts.get(article_id)
        if text is None:
            raise AnnotationError(Message("article.missing"))
        # Inline, not check_span/selectors: this loop runs 100,000 times in an import.
        if not (0 <= start < end <= len(text)):
            raise AnnotationError(Message("highlight.outside_text"))
        quote = text[start:end]
        if not quote.strip():
            raise AnnotationError(Message("highlight.blank_selection"))
        key = tuple(tag_names)
        names = cleaned.get(key)
        if names is None:
            names = cleaned[key] = tuple(clean_tag_names(key))
        if names:
            tagged.append((hid, names))
        created = created or now
        times = stored.get((id(created), id(modified)))
        if times is None:
            times = (to_db(created), to_db(modified or created))
            stored[id(created), id(modified)] = times
        rows.append((
            hid, article_id, start, end, quote,
            text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS],
            note, *times, who or coder,
        ))
    # Nothing was written yet. Distinct tag lists in order of first use list the tag names
    # in order of first use, the order create_highlight would have made them in.
    tag_ids = _tag_ids_creating(s, [n for names in cleaned.values() for n in names])
    links = [(hid, tag_ids[n]) for hid, names in tagged for n in names]
    # In id order: kept ids come in the file's order, and SQLite appends far faster than it
    # inserts all over its tables (100,000 rows: seconds).
    rows.sort()
    links.sort()
    _insert_many(s, cast(Table, Highlight.__table__), _HIGHLIGHT_COLUMNS, rows)
    _insert_many(s, highlight_tags, ("highlight_id", "tag_id"), links)
    return ids


_HIGHLIGHT_COLUMNS = ("id", "article_id", "start", "end", "quote", "prefix", "suffix", "note",
                      "created_at", "modified_at", "coder_id")


def _datetime_param(s: Session) -> Callable[[datetime], object]:
    """A datetime as the database driver is given it for Highlight.created_at."""
    dialect = s.get_bind().dialect
    convert = Highlight.__table__.c.created_at.type.dialect_impl(dialect).bind_processor(dialect)
    return convert or (lambda moment: moment)


def _insert_many(s: Session, table: Table, columns: Sequence[str], rows: list[tuple]) -> None:
    """INSERT rows of values in `columns` order, in the session's transaction: SQLAlchemy
    compiles the statement, the driver's executemany runs it (SQLAlchemy's own handling of
    each row's parameters costs more than SQLite's inserting, at 100,000 rows)."""
    if not rows:
        return
    conn = s.connection()
    # Written here rather than compiled: psycopg's placeholders are not positional in
    # SQLAlchemy's compiled form (positiontup is None), `?` and `%s` both are.
    quote = conn.dialect.identifier_preparer.quote
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)})"
           f" VALUES ({', '.join([mark] * len(columns))})")
    conn.exec_driver_sql(sql, rows)


def _tag_ids_creating(s: Session, names: Sequence[str]) -> dict[str, int]:
    """Ids of the tags named, creating the missing ones in order of first use, coloured as
    _get_or_create_tags would colour them one call after another."""
    wanted = with_ancestors(dict.fromkeys(names))  # a nested tag's parents exist too
    ids: dict[str, int] = {}
    for chunk in _chunks(wanted):
        ids.update(s.execute(select(Tag.name, Tag.id).where(Tag.name.in_(chunk))).all())
    new = [n for n in wanted if n not in ids]
    if new:
        n_tags = s.scalar(select(func.count(Tag.id))) or 0
        s.execute(insert(Tag), [
            {"name": name, "color": PALETTE[(n_tags + i) % len(PALETTE)]}
            for i, name in enumerate(new)
        ])
        for chunk in _chunks(new):
            ids.update(s.execute(select(Tag.name, Tag.id).where(Tag.name.in_(chunk))).all())
    return ids


def _new_ids(s: Session, items: Sequence[NewHighlight]) -> list[int]:
    """Each keep_id that no highlight holds (nor an earlier item), else one above the largest
    id so far: the ids SQLite gives when the rows are inserted one by one."""
    wanted = [it.keep_id for it in items if it.keep_id is not None]
    taken: set[int] = set()
    if wanted:  # one query: at most every id there is, and usually a run of them
        taken.update(s.scalars(select(Highlight.id).where(
            Highlight.id.between(min(wanted), max(wanted)))))
    if is_postgres(s):
        return _ids_from_sequence(s, items, taken)
    largest = s.scalar(select(func.max(Highlight.id))) or 0
    ids = []
    for it in items:
        hid = it.keep_id
        if hid is None or hid in taken:
            hid = largest + 1
        taken.add(hid)
        largest = max(largest, hid)
        ids.append(hid)
    return ids


def _ids_from_sequence(s: Session, items: Sequence[NewHighlight], taken: set[int]) -> list[int]:
    """_new_ids on PostgreSQL: free keep_ids kept, the sequence moved past them first, the
    other ids from the sequence (two coders adding at once never get the same ids)."""
    chosen: list[int | None] = []
    for it in items:
        hid = it.keep_id if it.keep_id is not None and it.keep_id not in taken else None
        if hid is not None:
            taken.add(hid)
        chosen.append(hid)
    table = cast(Table, Highlight.__table__)
    kept = [i for i in chosen if i is not None]
    if kept:
        advance_sequence(s, table, max(kept))
    fresh = iter(next_ids(s, table, len(chosen) - len(kept)))
    return [i if i is not None else next(fresh) for i in chosen]
