"""Import a REFI-QDA project (.qdpx) from NVivo, ATLAS.ti, MAXQDA, QualCoder or Chú Giải,
or a REFI-QDA codebook (.qdc).

All or nothing: the whole archive is read and checked before the database is touched
(refi_reader), and everything is stored in one transaction. A damaged archive, a missing
source text or a selection beyond its text raises `QdpxImportError` and nothing is
imported.

Positions: REFI-QDA 1.5 counts code points, but NVivo counts UTF-16 code units and
ATLAS.ti counts a CRLF line break as one character. refi_positions decides, per source,
from evidence (selection names, fit, word boundaries) how the file counted, and the
summary says what was decided, and where the evidence was weak.

A source's Description and Notes it refers to become the article's memo; a memo already
in the library is kept, with a different imported one added below it. A codebook's codes
become tags (with colour, description and nesting); a tag of the same name is kept as it
is.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from desktop_app.core.annotate.edits import tag_mark, tags_after
from desktop_app.core.annotate.highlights import CONTEXT_CHARS, PALETTE
from desktop_app.core.annotate.tag_paths import with_ancestors
from desktop_app.core.interchange.importing import Added
from desktop_app.core.interchange.refi_cases import store_attributes
from desktop_app.core.interchange.refi_codebook import Code, QdpxImportError, read_codebook
from desktop_app.core.interchange.refi_qda import ARTICLE_VARIABLES
from desktop_app.core.interchange.refi_reader import ProjectReader, Source
from desktop_app.core.library.article_codes import add_in
from desktop_app.core.library.coders import coder_id_in
from desktop_app.core.library.ingest.metadata import parse_metadata
from desktop_app.core.library.memos import add_memo, memo_in
from desktop_app.core.messages import Message
from desktop_app.core.storage.database import Database, current_coder
from desktop_app.core.storage.dialects import advance_sequence
from desktop_app.core.storage.models import Article, Highlight, Tag, highlight_tags

__all__ = ["CodebookImportResult", "QdpxImportError", "QdpxImportResult", "import_qdc", "import_qdpx"]


@dataclass(frozen=True)
class QdpxImportResult:
    articles_imported: int
    articles_present: int
    highlights_imported: int
    codes_imported: int
    problems: list[str] = field(default_factory=list)  # notes in English (the CLI prints them)
    memos_imported: int = 0  # articles whose memo the file set or added to
    added: Added = Added()
    notes: tuple[Message, ...] = ()  # the problems, as data for the interface to word
    # Counting decisions the file did not support clearly (also among `notes`, first)
    uncertain: tuple[Message, ...] = ()
    article_codes_imported: int = 0  # whole-article codes (from a file of ours)
    attribute_values_imported: int = 0  # articles given attribute values (from Cases)

    def summary_message(self, file_name: str) -> Message:
        """What came in, counted (formats.import_annotations' one line, as data)."""
        return Message("qdpx.summary", {
            "file": file_name, "highlights": self.highlights_imported,
            "articles": self.articles_imported, "present": self.articles_present,
            "codes": self.codes_imported, "memos": self.memos_imported,
            "notes": len(self.notes), "examples": self.notes[:3]})

    def summary(self, file_name: str) -> str:
        return self.summary_message(file_name).english()


@dataclass(frozen=True)
class CodebookImportResult:
    """A codebook's import: tags made, and codes whose tag was already there."""

    codes_imported: int
    codes_present: int
    added: Added = Added()

    def summary_message(self, file_name: str) -> Message:
        return Message("qdc.summary", {"file": file_name, "codes": self.codes_imported,
                                       "present": self.codes_present})

    def summary(self, file_name: str) -> str:
        return self.summary_message(file_name).english()


def import_qdpx(db: Database, path: Path) -> QdpxImportResult:
    """Read the whole project, then store it in one transaction."""
    path = Path(path)
    reader = ProjectReader(path)
    codes, sources = reader.read()
    return _store(db, path, codes, sources, reader, foreign=not reader.ours)


def import_qdc(db: Database, path: Path) -> CodebookImportResult:
    """The codebook's codes as tags, in one transaction (one undoable step in the window)."""
    codes = read_codebook(Path(path))
    with db.session() as s:
        mark = tag_mark(s)
        wanted = {c.name for c in codes if c.is_tag}
        present = len(wanted & set(s.scalars(select(Tag.name))))
        # New tags include the parents a nested code needs (a parent is a tag: tag_paths).
        _tags, created = _store_tags(s, codes)
        added = Added(tags_created=tags_after(s, mark))
    return CodebookImportResult(created, present, added)


# --- storing ----------------------------------------------------------------------------
def _store(db: Database, path: Path, codes: list[Code], sources: list[Source],
           reader: ProjectReader, foreign: bool) -> QdpxImportResult:
    """One transaction: if anything fails, the library is as it was."""
    problems = reader.problems
    articles_new = articles_present = memos = 0
    new_articles: list[int] = []
    memos_before: dict[int, str] = {}
    with db.session() as s:
        mark = tag_mark(s)
        tags, codes_new = _store_tags(s, codes)
        unknown = 0
        whole: list[tuple[int, int, int]] = []  # (article id, tag id, coder id) whole-article codes
        attribute_values: dict[int, dict[str, str]] = {}
        # What each article holds, as (start, end, note, sorted tag names, coder): read once
        # per article, and grown with what this import adds (a text may come twice).
        have_by_article: dict[int, set[tuple[int, int, str, tuple[str, ...], int]]] = {}
        rows: list[dict[str, object]] = []  # new highlights, inserted together at the end
        links: list[dict[str, int]] = []
        next_id = (s.scalar(select(func.max(Highlight.id))) or 0) + 1  # as SQLite numbers them
        coders: dict[str | None, int] = {None: current_coder(s)}  # a User by name, made when new
        for src in sources:
            content_hash = hashlib.sha256(src.text.encode("utf-8")).hexdigest()
            article = s.scalar(select(Article).where(Article.content_hash == content_hash))
            if article is None:
                article = _new_article(src, content_hash, path, foreign)
                s.add(article)
                s.flush()
                articles_new += 1
                new_articles.append(article.id)
                have = have_by_article.setdefault(article.id, set())
            else:
                articles_present += 1
                known = have_by_article.get(article.id)
                if known is None:
                    have = have_by_article[article.id] = _highlight_keys(s, article.id)
                else:
                    have = known
            before = memo_in(s, article.id)
            if _merge_memo(s, article, src.memo, problems):
                memos += 1
                memos_before.setdefault(article.id, before)
            whole += [(article.id, tags[g].id, _coder_of(s, coders, who))
                      for g, who in src.whole_codes if g in tags]
            if src.attributes:
                attribute_values.setdefault(article.id, {}).update(src.attributes)
            text = article.text
            for sel in src.selections:
                sel_tags = {tags[g].name: tags[g] for g in sel.code_guids if g in tags}
                unknown += sum(1 for g in sel.code_guids if g not in tags)
                coder = _coder_of(s, coders, sel.coder)
                key = (sel.start, sel.end, sel.note, tuple(sorted(sel_tags)), coder)
                if key in have:
                    continue  # already in the library: importing twice adds nothing
                have.add(key)
                rows.append({
                    "id": next_id, "article_id": article.id, "start": sel.start, "end": sel.end,
                    "quote": text[sel.start:sel.end],
                    "prefix": text[max(0, sel.start - CONTEXT_CHARS):sel.start],
                    "suffix": text[sel.end:sel.end + CONTEXT_CHARS],
                    "note": sel.note, "created_at": sel.created, "modified_at": sel.modified,
                    "coder_id": coder,
                })
                links += [{"highlight_id": next_id, "tag_id": sel_tags[n].id}
                          for n in sorted(sel_tags)]
                next_id += 1
        # Bulk inserts in the same transaction, not one ORM flush per highlight.
        if rows:
            # PostgreSQL: the sequence past the ids just chosen (nothing on SQLite).
            advance_sequence(s, cast(Table, Highlight.__table__), next_id - 1)
            s.execute(insert(Highlight), rows)
        if links:
            s.execute(insert(highlight_tags), links)
        if unknown:
            problems.append(Message("qdpx.unknown_codes", {"count": unknown}))
        codes_added: list = []
        for article_id, coder in dict.fromkeys((a, c) for a, _t, c in whole):
            codes_added += add_in(s, [article_id], [t for a, t, c in whole
                                                    if a == article_id and c == coder], coder)
        applied = store_attributes(s, reader.attributes, attribute_values, problems)
        added = Added(tuple(r["id"] for r in rows),  # type: ignore[misc]
                      frozenset(int(r["article_id"]) for r in rows) | memos_before.keys()  # type: ignore[call-overload]
                      | set(new_articles), tuple(new_articles), tuple(memos_before.items()),
                      tags_after(s, mark), tuple(codes_added), applied)
    return QdpxImportResult(articles_new, articles_present, len(rows), codes_new,
                            [p.english() for p in problems], memos, added, tuple(problems),
                            tuple(reader.uncertain), len(codes_added), len(applied.articles))


def _coder_of(s: Session, coders: dict[str | None, int], name: str | None) -> int:
    """The coder id of a User's name (None: the importing coder), made when new."""
    coder = coders.get(name)
    if coder is None:
        assert name is not None
        coder = coders[name] = coder_id_in(s, name)
    return coder


def _merge_memo(s: Session, article: Article, memo: str, problems: list[Message]) -> bool:
    """Give the article the imported memo (memos.add_memo: its own is never lost)."""
    outcome = add_memo(s, article.id, memo)
    if outcome == "appended":
        problems.append(Message("qdpx.memo_appended", {"title": article.title}))
    return outcome != "unchanged"


def _highlight_keys(s: Session, article_id: int) -> set[tuple[int, int, str, tuple[str, ...], int]]:
    """(start, end, note, sorted tag names, coder) of each highlight the article has."""
    found: dict[int, tuple[tuple[int, int, str], list[str], int]] = {}
    stmt = (
        select(Highlight.id, Highlight.start, Highlight.end, Highlight.note, Tag.name, Highlight.coder_id)
        .outerjoin(highlight_tags, highlight_tags.c.highlight_id == Highlight.id)
        .outerjoin(Tag, Tag.id == highlight_tags.c.tag_id)
        .where(Highlight.article_id == article_id)
    )
    for hid, start, end, note, name, coder in s.execute(stmt):
        entry = found.setdefault(hid, ((start, end, note), [], coder))
        if name is not None:
            entry[1].append(name)
    return {(*span, tuple(sorted(names)), coder) for span, names, coder in found.values()}


def _store_tags(s: Session, codes: list[Code]) -> tuple[dict[str, Tag], int]:
    """A tag per codable code, reusing tags of the same name; return them by code GUID."""
    existing = {t.name: t for t in s.scalars(select(Tag))}
    by_name = {code.name: code for code in codes}
    by_guid: dict[str, Tag] = {}
    created = 0
    for code in codes:
        if not code.is_tag:
            continue
        # A nested tag's parents are tags too (tag_paths), a grouping code's colour and
        # description kept.
        for name in with_ancestors([code.name]):
            if name not in existing:
                known = by_name.get(name)
                color = (known.color if known else None) or PALETTE[len(existing) % len(PALETTE)]
                existing[name] = Tag(name=name, color=color, description=known.description if known else "")
                s.add(existing[name])
                created += 1
        by_guid[code.guid] = existing[code.name]
    s.flush()
    return by_guid, created


def _new_article(src: Source, content_hash: str, path: Path, foreign: bool) -> Article:
    """Our own exports carry metadata as variables; others' texts are read like a file import."""
    fields: dict[str, str | None] = {name: src.variables.get(name) for name in ARTICLE_VARIABLES}
    title = src.name
    if foreign:
        meta = parse_metadata(src.text)
        for name in ARTICLE_VARIABLES:
            fields[name] = fields[name] or getattr(meta, name)
        title = title or meta.title
    return Article(title=title, text=src.text, original_text=src.raw,
                   content_hash=content_hash, source_path=str(path), **fields)
