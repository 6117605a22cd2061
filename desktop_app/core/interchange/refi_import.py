"""Import a REFI-QDA project (.qdpx) from NVivo, ATLAS.ti, MAXQDA, QualCoder or Chú Giải.

All or nothing: the whole archive is read and checked before the database is touched,
and everything is stored in one transaction. A damaged archive, a missing source text
or a selection beyond its text raises `QdpxImportError` and nothing is imported.

Positions: REFI-QDA 1.5 counts code points, but NVivo counts UTF-16 code units and
ATLAS.ti counts a CRLF line break as one character. `refi_qda.choose_reading` picks, per
source, the counting under which the selections fall on word and line boundaries, and
maps them onto our normalized text, so each highlight covers the text that was coded.

A source's Description and Notes it refers to become the article's memo; a memo already
in the library is kept, with a different imported one added below it.
"""

from __future__ import annotations

import hashlib
import lzma
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from desktop_app.core.annotate.edits import tag_mark, tags_after
from desktop_app.core.annotate.highlights import CONTEXT_CHARS, PALETTE, clean_tag_name
from desktop_app.core.annotate.tag_paths import with_ancestors
from desktop_app.core.interchange.importing import Added
from desktop_app.core.interchange.refi_qda import (
    ARTICLE_VARIABLES,
    ORIGIN_PREFIX,
    choose_reading,
    code_path_name,
    normalize_mapped,
    parse_datetime,
)
from desktop_app.core.library.ingest.archive import ArchiveBudget, ArchiveLimitError, ArchiveLimits, parse_xml
from desktop_app.core.library.ingest.decode import ImportFailure, decode_bytes
from desktop_app.core.library.ingest.importer import MAX_FILE_BYTES
from desktop_app.core.library.ingest.metadata import parse_metadata
from desktop_app.core.library.memos import add_memo, memo_in
from desktop_app.core.messages import Message, MessageError
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article, Highlight, Tag, highlight_tags, utcnow

_MAX_XML_BYTES = 500 * 1024 * 1024
# The whole archive: a project of a few thousand articles is well under 1 GB of text.
LIMITS = ArchiveLimits(max_members=20_000, max_total_bytes=1024 * 1024 * 1024)
_NS_PREFIX = "{urn:QDA-XML:project:"
_RGB_RE = re.compile("#[0-9a-f]{6}")
_SHORT_RGB_RE = re.compile("#[0-9a-f]{3}")


class QdpxImportError(MessageError):
    """A project that cannot be imported; `message` names the file and the problem."""


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

    def summary_message(self, file_name: str) -> Message:
        """What came in, counted (formats.import_annotations' one line, as data)."""
        return Message("qdpx.summary", {
            "file": file_name, "highlights": self.highlights_imported,
            "articles": self.articles_imported, "present": self.articles_present,
            "codes": self.codes_imported, "memos": self.memos_imported,
            "notes": len(self.notes), "examples": self.notes[:3]})

    def summary(self, file_name: str) -> str:
        return self.summary_message(file_name).english()


@dataclass
class _Code:
    guid: str
    name: str  # the tag name: the code's path joined with "/"
    color: str | None
    description: str
    is_tag: bool


@dataclass
class _Selection:
    start: int  # code points into the normalized text
    end: int
    note: str
    code_guids: list[str]
    created: datetime
    modified: datetime


@dataclass
class _Source:
    name: str
    raw: str
    text: str
    variables: dict[str, str]
    selections: list[_Selection]
    memo: str = ""


def import_qdpx(db: Database, path: Path) -> QdpxImportResult:
    """Read the whole project, then store it in one transaction."""
    path = Path(path)
    problems: list[Message] = []
    reader = _Reader(path, problems)
    codes, sources = reader.read()
    return _store(db, path, codes, sources, problems, foreign=not reader.ours)


# --- reading ----------------------------------------------------------------------------
class _Reader:
    """Parses project.qde and the source texts of one archive; never touches the database."""

    def __init__(self, path: Path, problems: list[Message]) -> None:
        self.path = path
        self.problems = problems
        self.ours = False
        self.ns = ""
        self.archive: zipfile.ZipFile | None = None
        self.budget: ArchiveBudget | None = None
        self.names: dict[str, zipfile.ZipInfo] = {}

    def fail(self, code: str, **params: object) -> QdpxImportError:
        problem = Message(code, params)
        return QdpxImportError(Message("qdpx.failed", {"file": self.path.name, "problem": problem}))

    def read(self) -> tuple[list[_Code], list[_Source]]:
        try:
            return self._read()
        except ArchiveLimitError as e:
            raise self.fail("qdpx.limit", reason=str(e)) from None
        except RecursionError:  # a belt: parse_xml already bounds the nesting
            raise self.fail("qdpx.too_deep") from None

    def _read(self) -> tuple[list[_Code], list[_Source]]:
        try:
            archive = zipfile.ZipFile(self.path)
        except FileNotFoundError:
            raise self.fail("qdpx.not_found") from None
        except NotImplementedError as e:  # a newer zip version, an unknown method
            raise self.fail("qdpx.zip_feature", reason=str(e)) from None
        except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError,
                RuntimeError):
            raise self.fail("qdpx.not_zip") from None
        except OSError as e:
            raise self.fail("qdpx.unreadable", reason=e.strerror or str(e)) from None
        with archive:
            self.names = {info.filename.lower(): info for info in archive.infolist()}
            self.archive = archive
            self.budget = ArchiveBudget(archive, LIMITS)
            root = self._project_root()
            self.ours = (root.get("origin") or "").startswith(ORIGIN_PREFIX)
            variables = {
                v.get("guid") or "": v.get("name") or "" for v in root.iter(self.q("Variable"))
            }
            codes = self._codes(root)
            notes = self._notes(root)
            sources = self._sources(root, variables, notes, origin=root.get("origin") or "")
        referenced = {g for s in sources for sel in s.selections for g in sel.code_guids}
        for code in codes:
            code.is_tag = code.is_tag or code.guid in referenced
        return codes, sources

    def q(self, tag: str) -> str:
        return f"{{{self.ns}}}{tag}"

    def _member(self, name: str, limit: int) -> bytes | None:
        """Bytes of an archive member (names compared without case); None if absent."""
        info = self.names.get(name.lower())
        if info is None:
            return None
        if info.file_size > limit:
            raise self.fail("qdpx.member_too_large", member=info.filename, mb=info.file_size // 2**20)
        try:
            assert self.budget is not None
            return self.budget.read(info, limit)  # in chunks, within the archive's budget
        except ArchiveLimitError:
            raise
        except NotImplementedError as e:  # an unknown compression method or zip version
            raise self.fail("qdpx.member_unsupported", member=info.filename, reason=str(e)) from None
        except RuntimeError as e:  # zipfile: "password required"
            raise self.fail("qdpx.member_encrypted", member=info.filename, reason=str(e)) from None
        except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, ValueError) as e:
            raise self.fail("qdpx.member_damaged", member=info.filename, reason=str(e)) from None

    def _project_root(self) -> ET.Element:
        qde = [n for n in self.names if "/" not in n and n.endswith(".qde")]
        name = "project.qde" if "project.qde" in qde else (qde[0] if len(qde) == 1 else None)
        if name is None:
            raise self.fail("qdpx.no_project")
        data = self._member(name, _MAX_XML_BYTES)
        assert data is not None
        try:
            root = parse_xml(data, LIMITS.max_xml_depth)
        except ET.ParseError as e:
            raise self.fail("qdpx.bad_xml", reason=str(e)) from None
        except (ValueError, LookupError) as e:  # an encoding expat does not know
            if isinstance(e, ArchiveLimitError):
                raise
            raise self.fail("qdpx.xml_unreadable", reason=str(e)) from None
        if not (root.tag.startswith(_NS_PREFIX) and root.tag.endswith("}Project")):
            raise self.fail("qdpx.not_project")
        self.ns = root.tag[1:].partition("}")[0]
        return root

    def _codes(self, root: ET.Element) -> list[_Code]:
        found: list[_Code] = []

        def walk(el: ET.Element, parents: tuple[str, ...]) -> None:
            name = clean_tag_name(el.get("name") or "") or f"Code {el.get('guid', '')[:8]}"
            path = (*parents, name)
            children = el.findall(self.q("Code"))
            found.append(_Code(
                guid=el.get("guid") or "",
                name=code_path_name(path),
                color=_color(el.get("color")),
                description=el.findtext(self.q("Description")) or "",
                # A parent that cannot be coded only groups its children (our own
                # export writes tags' missing parents this way): no tag of its own.
                is_tag=el.get("isCodable", "true").strip() != "false" or not children,
            ))
            for child in children:
                walk(child, path)

        for codes in root.iter(self.q("Codes")):
            for el in codes.findall(self.q("Code")):
                walk(el, ())
        return found

    def _notes(self, root: ET.Element) -> dict[str, str]:
        """Text of each project Note, for NoteRefs on selections."""
        notes = {}
        for note in root.iter(self.q("Note")):
            text = note.findtext(self.q("PlainTextContent"))
            if text is None and note.get("plainTextPath", "").startswith("internal://"):
                data = self._member("sources/" + note.get("plainTextPath", "")[11:], MAX_FILE_BYTES)
                text = self._decode(data, Message("qdpx.note", {"name": note.get("name", "")})) if data else None
            notes[note.get("guid") or ""] = (text or "").strip()
        return notes

    def _sources(self, root: ET.Element, variables: dict[str, str], notes: dict[str, str],
                 origin: str) -> list[_Source]:
        sources = []
        skipped: dict[str, int] = {}
        for group in root.findall(self.q("Sources")):
            for el in group:
                kind = el.tag.rpartition("}")[2]
                if kind != "TextSource":
                    skipped[kind] = skipped.get(kind, 0) + 1
                    continue
                source = self._text_source(el, variables, notes, origin)
                if source is not None:
                    sources.append(source)
        for kind, n in sorted(skipped.items()):
            self.problems.append(Message("qdpx.sources_skipped", {"count": n, "kind": kind}))
        return sources

    def _text_source(self, el: ET.Element, variables: dict[str, str],
                     notes: dict[str, str], origin: str) -> _Source | None:
        name = el.get("name") or ""
        label = Message("qdpx.source", {"name": name or el.get("guid")})
        raw = self._source_text(el, label)
        if raw is None:
            return None
        try:
            text, start_map, end_map = normalize_mapped(raw)
        except ValueError as e:
            raise self.fail("qdpx.text_problem", label=label, reason=str(e)) from None
        spans = []
        elements = el.findall(self.q("PlainTextSelection"))
        for sel in elements:
            try:
                start, end = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
            except ValueError:
                raise self.fail("qdpx.no_position", label=label) from None
            if start < 0 or end < start:
                raise self.fail("qdpx.bad_positions", label=label, start=start, end=end)
            spans.append((start, end))
        try:
            reading = choose_reading(raw, spans, origin)
        except ValueError as e:
            raise self.fail("qdpx.reading_problem", label=label, reason=str(e)) from None
        if reading.unit != "code points" and spans:
            self.problems.append(Message("qdpx.positions_converted",
                                         {"label": label, "unit": reading.unit}))
        selections = []
        for sel, (start, end) in zip(elements, spans, strict=False):
            rs, re_ = reading.to_raw(start), reading.to_raw(end)
            assert rs is not None and re_ is not None  # choose_reading checked every position
            if end_map[re_] <= start_map[rs]:
                self.problems.append(Message("qdpx.empty_selection",
                                             {"start": start, "end": end, "label": label}))
                continue
            selections.append(self._selection(sel, start_map[rs], end_map[re_], notes))
        if not text.strip():
            self.problems.append(Message("qdpx.empty_source", {"label": label}))
            return None
        return _Source(name, raw, text, self._variable_values(el, variables), selections,
                       self._memo(el, notes))

    def _memo(self, el: ET.Element, notes: dict[str, str]) -> str:
        """The source's Description and the Notes it refers to (NoteRef), as one memo."""
        parts = [el.findtext(self.q("Description")) or ""]
        parts += [notes.get(r.get("targetGUID") or "", "") for r in el.findall(self.q("NoteRef"))]
        return "\n\n".join(p for p in parts if p.strip())

    def _selection(
        self, sel: ET.Element, start: int, end: int, notes: dict[str, str]
    ) -> _Selection:
        """Note (Description and NoteRefs), codes and times of one PlainTextSelection."""
        parts = [sel.findtext(self.q("Description")) or ""]
        parts += [notes.get(r.get("targetGUID") or "", "") for r in sel.findall(self.q("NoteRef"))]
        modified = parse_datetime(sel.get("modifiedDateTime"))
        created = parse_datetime(sel.get("creationDateTime")) or modified or utcnow()
        return _Selection(
            start=start,
            end=end,
            note="\n\n".join(p for p in parts if p.strip()),
            code_guids=[r.get("targetGUID") or "" for r in sel.iter(self.q("CodeRef"))],
            created=created,
            modified=modified or created,
        )

    def _variable_values(self, el: ET.Element, variables: dict[str, str]) -> dict[str, str]:
        """Values of the variables that are article metadata (source, author, ...)."""
        values = {}
        for vv in el.findall(self.q("VariableValue")):
            ref = vv.find(self.q("VariableRef"))
            name = variables.get(ref.get("targetGUID") or "") if ref is not None else None
            value = next((c.text for c in vv if c is not ref), None)
            if name in ARTICLE_VARIABLES and value and value.strip():
                values[name] = value.strip()
        return values

    def _source_text(self, el: ET.Element, label: Message) -> str | None:
        content = el.find(self.q("PlainTextContent"))
        if content is not None:
            return content.text or ""
        where = el.get("plainTextPath") or ""
        if not where.startswith("internal://"):
            self.problems.append(Message("qdpx.source_outside", {
                "label": label, "where": where or Message("qdpx.no_path")}))
            return None
        member = "Sources/" + where[len("internal://"):]
        data = self._member(member, MAX_FILE_BYTES)
        if data is None:
            raise self.fail("qdpx.text_missing", label=label, member=member)
        return self._decode(data, label)

    def _decode(self, data: bytes, label: Message) -> str:
        """UTF-8 as REFI-QDA says, or what a byte-order mark announces (NVivo writes one)."""
        if not data:
            return ""
        try:
            return decode_bytes(data)[0]  # the BOM is dropped: positions count after it
        except ImportFailure as e:
            raise self.fail("qdpx.text_unreadable", label=label, reason=e.reason) from None


def _color(value: str | None) -> str | None:
    """'#abc' / '#AABBCC' -> '#aabbcc'; None for anything else."""
    value = (value or "").strip().lower()
    if _SHORT_RGB_RE.fullmatch(value):
        value = "#" + "".join(c * 2 for c in value[1:])
    return value if _RGB_RE.fullmatch(value) else None


# --- storing ----------------------------------------------------------------------------
def _store(db: Database, path: Path, codes: list[_Code], sources: list[_Source],
           problems: list[Message], foreign: bool) -> QdpxImportResult:
    """One transaction: if anything fails, the library is as it was."""
    articles_new = articles_present = memos = 0
    new_articles: list[int] = []
    memos_before: dict[int, str] = {}
    with db.session() as s:
        mark = tag_mark(s)
        tags, codes_new = _store_tags(s, codes)
        unknown = 0
        # What each article holds, as (start, end, note, sorted tag names): read once per
        # article, and grown with what this import adds (a text may come twice).
        have_by_article: dict[int, set[tuple[int, int, str, tuple[str, ...]]]] = {}
        rows: list[dict[str, object]] = []  # new highlights, inserted together at the end
        links: list[dict[str, int]] = []
        next_id = (s.scalar(select(func.max(Highlight.id))) or 0) + 1  # as SQLite numbers them
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
            text = article.text
            for sel in src.selections:
                sel_tags = {tags[g].name: tags[g] for g in sel.code_guids if g in tags}
                unknown += sum(1 for g in sel.code_guids if g not in tags)
                key = (sel.start, sel.end, sel.note, tuple(sorted(sel_tags)))
                if key in have:
                    continue  # already in the library: importing twice adds nothing
                have.add(key)
                rows.append({
                    "id": next_id, "article_id": article.id, "start": sel.start, "end": sel.end,
                    "quote": text[sel.start:sel.end],
                    "prefix": text[max(0, sel.start - CONTEXT_CHARS):sel.start],
                    "suffix": text[sel.end:sel.end + CONTEXT_CHARS],
                    "note": sel.note, "created_at": sel.created, "modified_at": sel.modified,
                })
                links += [{"highlight_id": next_id, "tag_id": sel_tags[n].id}
                          for n in sorted(sel_tags)]
                next_id += 1
        # Bulk inserts in the same transaction, not one ORM flush per highlight.
        if rows:
            s.execute(insert(Highlight), rows)
        if links:
            s.execute(insert(highlight_tags), links)
        if unknown:
            problems.append(Message("qdpx.unknown_codes", {"count": unknown}))
        added = Added(tuple(r["id"] for r in rows),  # type: ignore[misc]
                      frozenset(int(r["article_id"]) for r in rows) | memos_before.keys()  # type: ignore[call-overload]
                      | set(new_articles), tuple(new_articles), tuple(memos_before.items()),
                      tags_after(s, mark))
    return QdpxImportResult(articles_new, articles_present, len(rows), codes_new,
                            [p.english() for p in problems], memos, added, tuple(problems))


def _merge_memo(s: Session, article: Article, memo: str, problems: list[Message]) -> bool:
    """Give the article the imported memo (memos.add_memo: its own is never lost)."""
    outcome = add_memo(s, article.id, memo)
    if outcome == "appended":
        problems.append(Message("qdpx.memo_appended", {"title": article.title}))
    return outcome != "unchanged"


def _highlight_keys(s: Session, article_id: int) -> set[tuple[int, int, str, tuple[str, ...]]]:
    """(start, end, note, sorted tag names) of each highlight the article has."""
    found: dict[int, tuple[tuple[int, int, str], list[str]]] = {}
    stmt = (
        select(Highlight.id, Highlight.start, Highlight.end, Highlight.note, Tag.name)
        .outerjoin(highlight_tags, highlight_tags.c.highlight_id == Highlight.id)
        .outerjoin(Tag, Tag.id == highlight_tags.c.tag_id)
        .where(Highlight.article_id == article_id)
    )
    for hid, start, end, note, name in s.execute(stmt):
        entry = found.setdefault(hid, ((start, end, note), []))
        if name is not None:
            entry[1].append(name)
    return {(*span, tuple(sorted(names))) for span, names in found.values()}


def _store_tags(s: Session, codes: list[_Code]) -> tuple[dict[str, Tag], int]:
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


def _new_article(src: _Source, content_hash: str, path: Path, foreign: bool) -> Article:
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
