"""The one place that creates, changes and deletes highlights, tags and notes.

Every call commits at once (no Save button) and returns plain frozen dataclasses, so
views refresh from what changed and never hold ORM objects or run SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session, selectinload

from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article, Highlight, Tag, highlight_tags, utcnow
from desktop_app.core.text.normalize import fold

CONTEXT_CHARS = 32  # Hypothesis stores 32 characters of prefix and suffix

# Distinct, readable highlight colours (ColorBrewer Set3-like, light enough for text on top).
PALETTE = (
    "#ffd166", "#8ecae6", "#b5e48c", "#ffadad", "#cdb4db", "#ffc6a5",
    "#a0e7e5", "#e9c46a", "#f4a3c0", "#c3d350", "#9bb1ff", "#f7b267",
)


class AnnotationError(ValueError):
    """A request that cannot be carried out, explained for the user."""


@dataclass(frozen=True)
class TagInfo:
    id: int
    name: str
    color: str
    description: str = ""
    count: int = 0


@dataclass(frozen=True)
class HighlightInfo:
    id: int
    article_id: int
    start: int
    end: int
    quote: str
    note: str
    tags: tuple[TagInfo, ...]
    created_at: datetime
    modified_at: datetime
    # An orphan lost its place when a re-import changed the text: start/end are the old,
    # meaningless position; quote, prefix and suffix are what it was made on.
    orphaned: bool = False
    prefix: str = ""
    suffix: str = ""

    @property
    def tag_names(self) -> list[str]:
        return [t.name for t in self.tags]


def _tag_info(tag: Tag, count: int = 0) -> TagInfo:
    return TagInfo(tag.id, tag.name, tag.color, tag.description or "", count)


def _highlight_info(h: Highlight) -> HighlightInfo:
    return HighlightInfo(
        id=h.id,
        article_id=h.article_id,
        start=h.start,
        end=h.end,
        quote=h.quote,
        note=h.note or "",
        tags=tuple(_tag_info(t) for t in sorted(h.tags, key=lambda t: fold(t.name))),
        created_at=h.created_at,
        modified_at=h.modified_at,
        orphaned=bool(h.orphaned),
        prefix=h.prefix or "",
        suffix=h.suffix or "",
    )


def selectors(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(quote, prefix, suffix) of text[start:end], as a highlight stores them."""
    return (text[start:end], text[max(0, start - CONTEXT_CHARS) : start],
            text[end : end + CONTEXT_CHARS])


def _span_selectors(s: Session, article_id: int, start: int, end: int) -> tuple[str, str, str]:
    """check_span and selectors on the stored text, reading only the span and its context:
    SQLite's substr() counts code points, as Python does, so a 1 MB article
    is not copied into Python for every new highlight (~15 ms of a 50 ms budget)."""
    lo = max(0, start - CONTEXT_CHARS)
    window = s.scalar(
        select(func.substr(Article.text, lo + 1, end + CONTEXT_CHARS - lo)).where(Article.id == article_id)
    )
    if window is None:
        raise AnnotationError("The article no longer exists.")
    if not (0 <= start < end <= lo + len(window)):  # substr stops at the end of the text
        raise AnnotationError("The selection is outside the article text.")
    quote = window[start - lo : end - lo]
    if not quote.strip():
        raise AnnotationError("The selection holds only spaces; select some words.")
    return quote, window[: start - lo], window[end - lo :]


def check_span(text: str, start: int, end: int) -> None:
    """Refuse a span a highlight cannot be made on, in words for the user."""
    if not (0 <= start < end <= len(text)):
        raise AnnotationError("The selection is outside the article text.")
    if not text[start:end].strip():
        raise AnnotationError("The selection holds only spaces; select some words.")


def clean_tag_name(name: str) -> str:
    """Tag names are trimmed, single-spaced, and may not be empty."""
    return " ".join(name.split())


class NewHighlight(NamedTuple):
    """One highlight for `add_highlights`: what create_highlight takes, plus its times and
    the id to keep, as restore_highlight puts a highlight back. (A named tuple: an import
    makes 100,000 of them, and tuples are made four times faster than dataclasses.)"""

    article_id: int
    start: int
    end: int
    tag_names: Sequence[str] = ()
    note: str = ""
    created_at: datetime | None = None  # None: now
    modified_at: datetime | None = None  # None: created_at
    keep_id: int | None = None  # kept when no highlight has it; else a new id


_CHUNK = 500  # bound parameters per IN (...): well below SQLite's oldest limit of 999


def _chunks(values: Sequence, size: int = _CHUNK) -> Iterator[Sequence]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def clean_tag_names(names: Iterable[str]) -> list[str]:
    """Cleaned, non-empty tag names without repeats, in the order given."""
    wanted: list[str] = []
    for raw in names:
        name = clean_tag_name(raw)
        if name and name not in wanted:
            wanted.append(name)
    return wanted


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
    for (article_id, start, end, tag_names, note, created, modified, _), hid in zip(items, ids):
        text = texts.get(article_id)
        if text is None:
            raise AnnotationError("The article no longer exists.")
        # Inline, not check_span/selectors: this loop runs 100,000 times in an import.
        if not (0 <= start < end <= len(text)):
            raise AnnotationError("The selection is outside the article text.")
        quote = text[start:end]
        if not quote.strip():
            raise AnnotationError("The selection holds only spaces; select some words.")
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
            note, *times,
        ))
    # Nothing was written yet. Distinct tag lists in order of first use list the tag names
    # in order of first use, the order create_highlight would have made them in.
    tag_ids = _tag_ids_creating(s, [n for names in cleaned.values() for n in names])
    links = [(hid, tag_ids[n]) for hid, names in tagged for n in names]
    # In id order: kept ids come in the file's order, and SQLite appends far faster than it
    # inserts all over its tables (100,000 rows: seconds).
    rows.sort()
    links.sort()
    _insert_many(s, Highlight.__table__, _HIGHLIGHT_COLUMNS, rows)
    _insert_many(s, highlight_tags, ("highlight_id", "tag_id"), links)
    return ids


_HIGHLIGHT_COLUMNS = ("id", "article_id", "start", "end", "quote", "prefix", "suffix", "note",
                      "created_at", "modified_at")


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
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=list(columns))
    if list(compiled.positiontup or ()) != list(columns):
        raise AssertionError(f"{table.name}: parameters in order {compiled.positiontup}")
    conn.exec_driver_sql(str(compiled), rows)


def _tag_ids_creating(s: Session, names: Sequence[str]) -> dict[str, int]:
    """Ids of the tags named, creating the missing ones in order of first use, coloured as
    _get_or_create_tags would colour them one call after another."""
    wanted = list(dict.fromkeys(names))
    ids: dict[str, int] = {}
    for chunk in _chunks(wanted):
        ids.update(s.execute(select(Tag.name, Tag.id).where(Tag.name.in_(chunk))).all())
    new = [n for n in wanted if n not in ids]
    if new:
        n_tags = s.scalar(select(func.count(Tag.id))) or 0
        s.execute(insert(Tag.__table__), [
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


class AnnotationService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- tags -------------------------------------------------------------------------
    def list_tags(self) -> list[TagInfo]:
        """All tags with the number of highlights carrying each, in folded-name order."""
        with self.db.session() as s:
            rows = s.execute(
                select(Tag, func.count(highlight_tags.c.highlight_id))
                .outerjoin(highlight_tags, highlight_tags.c.tag_id == Tag.id)
                .group_by(Tag.id)
            ).all()
            tags = [_tag_info(tag, count) for tag, count in rows]
        return sorted(tags, key=lambda t: fold(t.name))

    def create_tag(self, name: str, color: str | None = None) -> TagInfo:
        with self.db.session() as s:
            return _tag_info(self._get_or_create_tags(s, [name], color)[0])

    def set_tag_color(self, tag_id: int, color: str) -> TagInfo:
        with self.db.session() as s:
            tag = s.get(Tag, tag_id)
            if tag is None:
                raise AnnotationError("That tag no longer exists.")
            tag.color = color
            return _tag_info(tag)

    def _get_or_create_tags(
        self, s: Session, names: Iterable[str], color: str | None = None
    ) -> list[Tag]:
        wanted = clean_tag_names(names)
        if not wanted:
            return []
        existing = {t.name: t for t in s.scalars(select(Tag).where(Tag.name.in_(wanted)))}
        # A tag typed with other case or diacritics than an existing one is a new tag on
        # purpose ("Đảng" and "đảng" may differ); completion steers users to the existing one.
        n_tags = s.scalar(select(func.count(Tag.id))) or 0
        result = []
        for name in wanted:
            tag = existing.get(name)
            if tag is None:
                tag = Tag(name=name, color=color or PALETTE[n_tags % len(PALETTE)])
                n_tags += 1
                s.add(tag)
            result.append(tag)
        s.flush()
        return result

    # --- highlights ---------------------------------------------------------------------
    def highlights_for_article(self, article_id: int) -> list[HighlightInfo]:
        """The anchored highlights, by position: what the reader paints."""
        return self._for_article(article_id, orphaned=False)

    def orphans_for_article(self, article_id: int) -> list[HighlightInfo]:
        """Highlights a re-import could not place, by where they used to be: the user sees
        their quote, tags and note and re-attaches each with `reattach`."""
        return self._for_article(article_id, orphaned=True)

    def _for_article(self, article_id: int, orphaned: bool) -> list[HighlightInfo]:
        """Column queries, not ORM objects: 5,000 highlights of one long article loaded
        through the ORM took 360 ms of opening it; this way a fraction of that."""
        with self.db.session() as session:
            s = session.connection()  # Core rows: the ORM result layer is most of the cost
            tags: dict[int, TagInfo] = {}
            tags_of: dict[int, list[TagInfo]] = {}
            for hid, tid, name, color, description in s.execute(
                select(highlight_tags.c.highlight_id, Tag.id, Tag.name, Tag.color, Tag.description)
                .join(Tag, Tag.id == highlight_tags.c.tag_id)
                .join(Highlight, Highlight.id == highlight_tags.c.highlight_id)
                .where(Highlight.article_id == article_id)
            ):
                tag = tags.get(tid)
                if tag is None:
                    tag = tags[tid] = TagInfo(tid, name, color, description or "")
                tags_of.setdefault(hid, []).append(tag)
            order = {tid: (fold(t.name), t.name) for tid, t in tags.items()}
            rows = s.execute(
                select(Highlight.id, Highlight.start, Highlight.end, Highlight.quote, Highlight.note,
                       Highlight.created_at, Highlight.modified_at, Highlight.prefix, Highlight.suffix)
                .where(Highlight.article_id == article_id, Highlight.orphaned == orphaned)
                .order_by(Highlight.start, Highlight.end, Highlight.id)
            ).all()
            return [
                HighlightInfo(
                    id=hid, article_id=article_id, start=start, end=end, quote=quote, note=note or "",
                    tags=tuple(sorted(tags_of.get(hid, ()), key=lambda t: order[t.id])),
                    created_at=created, modified_at=modified, orphaned=orphaned,
                    prefix=prefix or "", suffix=suffix or "",
                )
                for hid, start, end, quote, note, created, modified, prefix, suffix in rows
            ]

    def reattach(self, highlight_id: int, start: int, end: int) -> HighlightInfo:
        """Place a highlight (an orphan, usually) on the span the user selected: quote and
        context are taken afresh from the text; tags, note and creation time stay."""
        with self.db.session() as s:
            h = self._load(s, highlight_id)
            quote, prefix, suffix = _span_selectors(s, h.article_id, start, end)
            h.start, h.end = start, end
            h.quote, h.prefix, h.suffix = quote, prefix, suffix
            h.orphaned = False
            h.modified_at = utcnow()
            s.flush()
            return _highlight_info(h)

    def get_highlight(self, highlight_id: int) -> HighlightInfo:
        with self.db.session() as s:
            return _highlight_info(self._load(s, highlight_id))

    def create_highlight(
        self, article_id: int, start: int, end: int, tag_names: Sequence[str] = (), note: str = ""
    ) -> HighlightInfo:
        with self.db.session() as s:
            quote, prefix, suffix = _span_selectors(s, article_id, start, end)
            now = utcnow()
            h = Highlight(
                article_id=article_id,
                start=start,
                end=end,
                quote=quote,
                prefix=prefix,
                suffix=suffix,
                note=note,
                created_at=now,
                modified_at=now,
                orphaned=False,
            )
            h.tags = self._get_or_create_tags(s, tag_names)
            s.add(h)
            s.flush()
            return _highlight_info(h)

    def create_highlights(self, items: Sequence[NewHighlight]) -> list[int]:
        """Many highlights in one transaction (an import): all are created, or none."""
        with self.db.session() as s:
            return add_highlights(s, items)

    def set_tags(self, highlight_id: int, tag_names: Sequence[str]) -> HighlightInfo:
        with self.db.session() as s:
            h = self._load(s, highlight_id)
            h.tags = self._get_or_create_tags(s, tag_names)
            h.modified_at = utcnow()
            s.flush()
            return _highlight_info(h)

    def set_note(self, highlight_id: int, note: str) -> HighlightInfo:
        with self.db.session() as s:
            h = self._load(s, highlight_id)
            if h.note != note:
                h.note = note
                h.modified_at = utcnow()
            return _highlight_info(h)

    def delete_highlight(self, highlight_id: int) -> HighlightInfo:
        """Delete and return what was deleted (so an undo can put it back)."""
        with self.db.session() as s:
            h = self._load(s, highlight_id)
            info = _highlight_info(h)
            s.delete(h)
            return info

    def restore_highlight(self, info: HighlightInfo) -> HighlightInfo:
        """Put back a deleted highlight with its id, tags, note and times; an orphan comes
        back an orphan, with the quote and context it was made on (its position is stale,
        so nothing is read from the text for it)."""
        with self.db.session() as s:
            h = Highlight(
                id=info.id,
                article_id=info.article_id,
                start=info.start,
                end=info.end,
                note=info.note,
                created_at=info.created_at,
                modified_at=info.modified_at,
                orphaned=info.orphaned,
            )
            article = s.get(Article, info.article_id)
            if article is None:
                raise AnnotationError("The article no longer exists.")
            if info.orphaned:
                h.quote, h.prefix, h.suffix = info.quote, info.prefix, info.suffix
            else:
                h.quote, h.prefix, h.suffix = selectors(article.text, info.start, info.end)
            h.tags = self._get_or_create_tags(s, info.tag_names)
            s.add(h)
            s.flush()
            return _highlight_info(h)

    @staticmethod
    def _load(s: Session, highlight_id: int) -> Highlight:
        h = s.get(Highlight, highlight_id, options=[selectinload(Highlight.tags)])
        if h is None:
            raise AnnotationError("That highlight no longer exists.")
        return h


def match_tags(tags: Sequence[TagInfo], typed: str) -> list[TagInfo]:
    """Tags whose name contains what was typed, ignoring case and diacritics.

    Prefix matches come first: "to chuc" finds "Tổ chức" before "Ban Tổ chức".
    """
    key = fold(clean_tag_name(typed))
    if not key:
        return list(tags)
    scored = []
    for tag in tags:
        name = fold(tag.name)
        pos = name.find(key)
        if pos >= 0:
            scored.append((pos != 0, pos, name, tag))
    return [t for *_, t in sorted(scored, key=lambda x: x[:3])]
