"""Placing imported highlights in the library: what the CSV and Web Annotation imports share.

A reader turns a file into `IncomingHighlight`s (all of it, checked, before anything is
written); `place_highlights` then finds each one's article and span and stores them in ONE
transaction, with any `IncomingMemo` (a note on a whole article) as that article's memo.
The work is done in bulk so 100,000 highlights take seconds: the articles a file names
are looked up once per name and their texts read once, the spans anchored in memory (the
stored position is tried first and usually holds), the highlights already on the touched
articles read once for duplicate detection, and the new highlights, tags and links
written with a few bulk INSERTs (annotations.add_highlights).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.annotate.edits import ensure_tags, tag_mark, tags_after
from desktop_app.core.annotate.highlights import (
    CONTEXT_CHARS,
    AnnotationError,
    NewHighlight,
    TagInfo,
    add_highlights,
    clean_tag_names,
)
from desktop_app.core.interchange.import_targets import Library, Target, chunks
from desktop_app.core.library.anchoring import (
    Ambiguous,
    Anchor,
    anchor_at_position,
    context_agreement,
    locate,
)
from desktop_app.core.library.article_codes import CodeRow, add_in
from desktop_app.core.library.attribute_csv import AppliedImport
from desktop_app.core.library.coders import CoderError, coder_id_in
from desktop_app.core.library.memos import add_memo, memo_in
from desktop_app.core.messages import Message
from desktop_app.core.storage.database import Database, current_coder
from desktop_app.core.storage.models import Article, Highlight, Tag, highlight_tags
from desktop_app.core.text.normalize import normalize

_METHOD_RANK = {"fuzzy": 0, "exact-quote": 1, "exact-position": 2}


class AnnotationImportError(AnnotationError):
    """A file that cannot be imported, explained; nothing from it was imported."""


def read_file_bytes(path: Path) -> bytes:
    """The whole annotation file, or AnnotationImportError saying why it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as e:
        raise AnnotationImportError(Message("import.file_unreadable", {
            "path": path, "reason": e.strerror or str(e)})) from e


@dataclass(frozen=True)
class Added:
    """What an annotation import added to the library, exactly: what its undo takes away."""

    highlight_ids: tuple[int, ...] = ()
    articles: frozenset[int] = frozenset()  # articles given highlights or a memo
    articles_added: tuple[int, ...] = ()  # new articles (a .qdpx brings its texts)
    memos_before: tuple[tuple[int, str], ...] = ()  # (article id, its memo before) per memo changed
    tags_created: tuple[TagInfo, ...] = ()
    codes_added: tuple[CodeRow, ...] = ()  # whole-article codes (a .qdpx of ours)
    attributes: AppliedImport | None = None  # attribute values (a .qdpx's Cases)

    def is_empty(self) -> bool:
        return not (self.highlight_ids or self.memos_before or self.tags_created
                    or self.articles_added or self.codes_added
                    or (self.attributes is not None and (self.attributes.created or self.attributes.articles)))


@dataclass(frozen=True)
class ImportResult:
    imported: int
    placed_fuzzy: int
    orphans: list[tuple[str, str]]  # (quote, or a memo's text; why it could not be placed)
    skipped: int  # identical to a highlight already there
    memos: int = 0  # articles whose memo the file set or added to
    added: Added = Added()
    # `orphans` as data: (quote or memo text, why) for the interface to word
    unplaced: tuple[tuple[str, Message], ...] = ()
    article_codes: int = 0  # whole-article codes added (a W3C annotation on a whole source)

    def summary_message(self, file_name: str) -> Message:
        """What came in, counted (formats.import_annotations' one line, as data)."""
        examples = tuple(Message("import.unplaced_example", {"quote": q[:40], "why": why})
                         for q, why in self.unplaced[:3])
        return Message("import.summary", {
            "file": file_name, "imported": self.imported, "fuzzy": self.placed_fuzzy,
            "skipped": self.skipped, "memos": self.memos, "unplaced": len(self.unplaced),
            "examples": examples})

    def summary(self, file_name: str) -> str:
        return self.summary_message(file_name).english()


class IncomingHighlight(NamedTuple):
    """One highlight read from a file, before it is placed in an article. (A named tuple: a
    file may hold 100,000 of them, and this makes each in a quarter of the time.)"""

    quote: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    tags: tuple[str, ...] = ()
    note: str = ""
    created: datetime | None = None
    modified: datetime | None = None
    content_hash: str | None = None  # names the article exactly
    url: str | None = None
    article_id: int | None = None  # with title: our own CSV
    title: str | None = None
    published: str | None = None
    keep_id: int | None = None  # highlight id to keep when it is free (CSV round trip)
    # A passage holding the quote, as read (our CSV's sentence). Without prefix and suffix,
    # they are taken from around the quote in it, and only when placing needs them.
    context: str = ""
    coder: str | None = None  # who made it, by name (None: the current coder)

    def quote_context(self) -> tuple[str, str]:
        """Prefix and suffix: as given, else from around the quote in `context`."""
        if self.prefix or self.suffix or not self.context:
            return self.prefix, self.suffix
        context = normalize(self.context)
        at = context.find(self.quote)
        if at < 0:
            return "", ""
        end = at + len(self.quote)
        return context[:at][-CONTEXT_CHARS:], context[end:][:CONTEXT_CHARS]


class IncomingMemo(NamedTuple):
    """A note on a whole article (an annotation that points at no passage): its memo."""

    text: str  # "" for none
    content_hash: str | None = None
    url: str | None = None
    tags: tuple[str, ...] = ()  # whole-article codes
    coder: str | None = None  # the codes' coder, by name (None: the importing coder)


def parse_timestamp(value: str) -> datetime:
    """ISO 8601 to an aware UTC datetime; naive values are taken as UTC (how we store them)."""
    text = value.strip()
    if text[-1:] in ("Z", "z"):
        text = text[:-1] + "+00:00"
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


# --- placing ------------------------------------------------------------------------------
def _locate(library: Library, rec: IncomingHighlight) -> tuple[Target, Anchor] | Message:
    """The article and span for `rec`, or why it cannot be placed."""
    articles, named = library.candidates(rec)
    if not rec.quote:
        # A position alone is trusted only in the very text it was made for.
        if named and rec.content_hash and rec.start is not None and rec.end is not None:
            article = articles[0]
            if rec.start < rec.end <= len(article.text):
                return article, Anchor(rec.start, rec.end, "exact-position", 1.0)
        return Message("unplaced.no_quote")
    if not articles:
        return Message("unplaced.no_article")
    if len(articles) == 1:  # nothing to rank: the common case, and the cheap one
        text = articles[0].text
        # The stored position first: it usually holds, and needs no prefix or suffix.
        found = (anchor_at_position(text, rec.quote, rec.start, rec.end)
                 or locate(text, rec.quote, *rec.quote_context(), rec.start, rec.end))
        if isinstance(found, Anchor):
            return articles[0], found
        if isinstance(found, Ambiguous):
            return Message("unplaced.ambiguous_in_article", {"count": found.count})
        if named:
            return Message("unplaced.passage_gone")
        return Message("unplaced.no_article")
    prefix, suffix = rec.quote_context()
    placed: list[tuple[tuple[float, float, int], Target, Anchor | Ambiguous]] = []
    for article in articles:
        found = locate(article.text, rec.quote, prefix, suffix, rec.start, rec.end)
        if isinstance(found, Anchor):
            agreement = context_agreement(article.text, found.start, found.end, prefix, suffix)
            key = (found.score, round(agreement, 6), _METHOD_RANK[found.method])
            placed.append((key, article, found))
        elif isinstance(found, Ambiguous):  # a candidate too, that cannot be placed
            placed.append(((found.score, round(found.agreement, 6), 1), article, found))
    if not placed:
        if named:
            return Message("unplaced.passage_gone")
        return Message("unplaced.no_article")
    placed.sort(key=lambda p: p[0], reverse=True)
    if len(placed) > 1 and placed[0][0] == placed[1][0] and placed[0][1] is not placed[1][1]:
        return Message("unplaced.ambiguous", {"count": len(placed)})
    best = placed[0][2]
    if isinstance(best, Ambiguous):
        return Message("unplaced.ambiguous_in_article", {"count": best.count})
    return placed[0][1], best


Key = tuple[int, int, int, tuple[str, ...], str, int]


def _existing_highlights(s: Session, article_ids: Iterable[int]) -> set[Key]:
    """(article, start, end, sorted tag names, note, coder) of every highlight on these articles."""
    per_highlight: dict[int, tuple[tuple[int, int, int], set[str], str, int]] = {}
    for chunk in chunks(sorted(article_ids)):
        stmt = (
            select(Highlight.id, Highlight.article_id, Highlight.start, Highlight.end,
                   Highlight.note, Tag.name, Highlight.coder_id)
            .outerjoin(highlight_tags, highlight_tags.c.highlight_id == Highlight.id)
            .outerjoin(Tag, Tag.id == highlight_tags.c.tag_id)
            .where(Highlight.article_id.in_(chunk))
        )
        for hid, article_id, start, end, note, name, coder in s.execute(stmt):
            entry = per_highlight.setdefault(hid, ((article_id, start, end), set(), note or "", coder))
            if name is not None:
                entry[1].add(name)
    return {(*span, tuple(sorted(names)), note, coder) for span, names, note, coder in per_highlight.values()}


def _utc(moment: datetime | None) -> datetime | None:
    """SQLite keeps no offset: store UTC so the stored wall time means UTC."""
    if moment is None or moment.tzinfo is timezone.utc:
        return moment
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def place_highlights(
    db: Database, records: Sequence[IncomingHighlight], memos: Sequence[IncomingMemo] = ()
) -> ImportResult:
    """Anchor and create every record, and store every memo, in ONE transaction: all of
    it is kept, or none.

    Records are taken in file order: a record identical (article, span, tags and note) to a
    highlight already there, or to an earlier record, is skipped. Two highlights that differ
    only in their notes, or in their coders, are two highlights: both are kept. A record's
    coder is found by name (and added to the library when new); without one, the current
    coder made it.
    """
    fuzzy = skipped = 0
    orphans: list[tuple[str, Message]] = []
    with db.session() as s:
        mark = tag_mark(s)
        library = Library(s, records)
        # (record index, article id, start, end, fuzzy): tuples of plain values, which the
        # garbage collector stops tracking, where 100,000 objects would slow it down
        located: list[tuple[int, int, int, int, bool]] = []
        for i, rec in enumerate(records):
            where = _locate(library, rec)
            if isinstance(where, Message):
                orphans.append((rec.quote, where))
                continue
            target, span = where
            if not target.text[span.start : span.end].strip():
                orphans.append((rec.quote, Message("unplaced.blank")))
                continue
            located.append((i, target.id, span.start, span.end, span.method == "fuzzy"))

        # (article, start, end, sorted tag names, note) of every highlight there and made here
        seen = _existing_highlights(s, {article_id for _, article_id, *_ in located})
        cleaned: dict[tuple[str, ...], tuple[tuple[str, ...], tuple[str, ...]]] = {}
        coders: dict[str | None, int] = {None: current_coder(s)}
        new: list[NewHighlight] = []
        for i, article_id, start, end, is_fuzzy in located:
            rec = records[i]
            raw_tags = tuple(rec.tags)
            tags_and_key = cleaned.get(raw_tags)  # tag lists repeat: clean each once
            if tags_and_key is None:
                tags = tuple(clean_tag_names(raw_tags))
                tags_and_key = cleaned[raw_tags] = (tags, tuple(sorted(set(tags))))
            tags, tag_key = tags_and_key
            coder = _coder_id(s, coders, rec.coder)
            key = (article_id, start, end, tag_key, rec.note or "", coder)
            if key in seen:
                skipped += 1
                continue
            seen.add(key)
            created = _utc(rec.created)
            if created is None:  # made now, as create_highlight makes it; any id is a new one
                new.append(NewHighlight(article_id, start, end, tags, rec.note,
                                        None, None, None, coder))
            else:
                new.append(NewHighlight(article_id, start, end, tags, rec.note, created,
                                        _utc(rec.modified) or created, rec.keep_id, coder))
            fuzzy += is_fuzzy
        highlight_ids = add_highlights(s, new, {t.id: t.text for t in library.by_id.values()})
        memos_before: dict[int, str] = {}
        codes: list[CodeRow] = []
        memo_count = _place_memos(s, memos, orphans, memos_before, codes, coders)
        added = Added(tuple(highlight_ids), frozenset(h.article_id for h in new) | memos_before.keys(),
                      (), tuple(memos_before.items()), tags_after(s, mark), tuple(codes))
    return ImportResult(len(new), fuzzy, [(q, why.english()) for q, why in orphans], skipped,
                        memo_count, added, tuple(orphans), len(codes))


def _coder_id(s: Session, coders: dict[str | None, int], name: str | None) -> int:
    """The coder id of a name (None: the importing coder, the dict's None), made when new."""
    coder = coders.get(name)
    if coder is None:
        assert name is not None
        try:
            coder = coders[name] = coder_id_in(s, name)
        except CoderError as e:  # a name too long: refused, nothing stored
            raise AnnotationImportError(e.message) from e
    return coder


def _place_memos(s: Session, memos: Sequence[IncomingMemo], orphans: list[tuple[str, Message]],
                 memos_before: dict[int, str], codes: list[CodeRow],
                 coders: dict[str | None, int]) -> int:
    """Each memo and whole-article code on the one article its text hash (else its address)
    names; memos.add_memo keeps a memo the article already has, a code the article has
    stays as it was (`codes` gets the new ones). Returns how many articles' memos changed."""
    changed = 0
    for memo in memos:
        ids: list[int] = []
        if memo.content_hash:
            ids = list(s.scalars(select(Article.id).where(Article.content_hash == memo.content_hash)))
        if not ids and memo.url:
            ids = list(s.scalars(select(Article.id).where(Article.url == memo.url)))
        if len(ids) != 1:
            orphans.append((memo.text or "; ".join(memo.tags),
                            Message("unplaced.memo_ambiguous", {"count": len(ids)})
                            if ids else Message("unplaced.memo_no_article")))
            continue
        if memo.tags:
            codes += add_in(s, ids, [t.id for t in ensure_tags(s, memo.tags)], _coder_id(s, coders, memo.coder))
        if not memo.text:
            continue
        before = memo_in(s, ids[0])
        if add_memo(s, ids[0], memo.text) != "unchanged":
            changed += 1
            memos_before.setdefault(ids[0], before)  # the first: what the library had
    return changed
