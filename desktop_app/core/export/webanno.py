"""W3C Web Annotation (JSON-LD) export and import, and the import machinery CSV shares.

The file is a JSON array of Annotations, each carrying its own "@context". That is what
Recogito's "Web Annotation" download writes and what Annotorious and
@recogito/text-annotator load; every item is a complete annotation on its own (it passes
the W3C MUST tests as is and can be POSTed to a Web Annotation Protocol server). An
AnnotationCollection would wrap the same items in a paging construct whose embedded items
drop their "@context", which fewer tools read. Import accepts all shapes: an array, one
Annotation, an AnnotationPage, or an AnnotationCollection with its first page embedded.

Ids are derived, not stored (urn:uuid:uuid5 of article hash, span and creation time), so
the same highlights give a byte-identical file in any library holding the same articles.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from desktop_app.core.anchoring import Anchor, anchor, context_agreement
from desktop_app.core.annotations import (
    AnnotationError,
    AnnotationService,
    HighlightInfo,
    TagInfo,
    clean_tag_name,
)
from desktop_app.core.db import Database
from desktop_app.core.models import Article, Highlight
from desktop_app.core.text import fold, normalize

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
GENERATOR = {"type": "Software", "name": "Chú Giải"}
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:chugiai:highlight")
_HASH_IRI = re.compile(r"urn:sha256:([0-9a-fA-F]{64})")
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+")
_METHOD_RANK = {"fuzzy": 0, "exact-quote": 1, "exact-position": 2}


class AnnotationImportError(AnnotationError):
    """A file that cannot be imported, explained; nothing from it was imported."""


@dataclass(frozen=True)
class ImportResult:
    imported: int
    placed_fuzzy: int
    orphans: list[tuple[str, str]]  # (quote, why it could not be placed)
    skipped: int  # identical to a highlight already there


@dataclass(frozen=True)
class IncomingHighlight:
    """One highlight read from a file, before it is placed in an article."""

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


# --- export -------------------------------------------------------------------------------
def source_iri(content_hash: str) -> str:
    """The article as a resource: its text's hash, the same in every library."""
    return f"urn:sha256:{content_hash}"


def iso_utc(moment: datetime) -> str:
    """xsd:dateTime in UTC; naive values come from SQLite and are UTC already."""
    moment = moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment
    moment = moment.astimezone(timezone.utc)
    spec = "seconds" if moment.microsecond == 0 else "microseconds"
    return moment.isoformat(timespec=spec).replace("+00:00", "Z")


def parse_timestamp(value: str) -> datetime:
    """ISO 8601 to an aware UTC datetime; naive values are taken as UTC (how we store them)."""
    text = value.strip()
    if text[-1:] in ("Z", "z"):
        text = text[:-1] + "+00:00"
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def _annotation(h: Highlight, article: Article, seen: dict[str, int]) -> dict[str, object]:
    created, modified = iso_utc(h.created_at), iso_utc(h.modified_at or h.created_at)
    name = f"{article.content_hash}:{h.start}:{h.end}:{created}"
    n = seen.get(name, 0)
    seen[name] = n + 1
    if n:
        name += f":{n}"
    tags = sorted((t.name for t in h.tags), key=lambda t: (fold(t), t))
    body: list[dict[str, str]] = [
        {"type": "TextualBody", "purpose": "tagging", "value": t} for t in tags
    ]
    if h.note:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": h.note,
                     "format": "text/plain"})
    quote: dict[str, object] = {"type": "TextQuoteSelector", "exact": h.quote}
    if h.prefix:
        quote["prefix"] = h.prefix
    if h.suffix:
        quote["suffix"] = h.suffix
    target: dict[str, object] = {"source": source_iri(article.content_hash)}
    if article.url and _ABSOLUTE_IRI.fullmatch(article.url):
        target["scope"] = article.url  # the web page the text was taken from
    target["selector"] = [quote, {"type": "TextPositionSelector", "start": h.start, "end": h.end}]
    result: dict[str, object] = {
        "@context": ANNO_CONTEXT,
        "id": f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, name)}",
        "type": "Annotation",
        "motivation": "commenting" if h.note else ("tagging" if tags else "highlighting"),
        "created": created,
        "modified": modified,
        "generator": GENERATOR,
    }
    if body:
        result["body"] = body
    result["target"] = target
    return result


def web_annotations(
    db: Database, article_ids: Iterable[int] | None = None
) -> list[dict[str, object]]:
    """Annotations in an order that does not depend on this library's ids."""
    stmt = (
        select(Highlight, Article)
        .join(Article)
        .options(selectinload(Highlight.tags))
        .order_by(Article.published.is_(None), Article.published, Article.content_hash,
                  Highlight.start, Highlight.end, Highlight.created_at, Highlight.id)
    )
    if article_ids is not None:
        stmt = stmt.where(Highlight.article_id.in_(list(article_ids)))
    seen: dict[str, int] = {}
    with db.session() as s:
        return [_annotation(h, a, seen) for h, a in s.execute(stmt)]


def write_atomically(path: Path, data: bytes) -> None:
    """Temp file in the same folder, then rename: a failed export leaves the old file."""
    fd, tmp_name = tempfile.mkstemp(prefix=".chugiai-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def export_webanno(db: Database, path: Path, article_ids: Iterable[int] | None = None) -> int:
    """Write the JSON-LD file and return the number of annotations."""
    items = web_annotations(db, article_ids)
    text = json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    write_atomically(Path(path), text.encode("utf-8"))
    return len(items)


# --- reading ------------------------------------------------------------------------------
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
        elif value.strip():
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


def _incoming(item: object, index: int) -> IncomingHighlight:
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
    match = _HASH_IRI.fullmatch(source or "")
    url = None if match else source
    url = url or _resource_iri(target.get("scope"))
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
    )


def read_webanno(path: Path) -> list[IncomingHighlight]:
    """Every annotation of the file, or AnnotationImportError for the first problem."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise AnnotationImportError(f"Cannot read {path}: {e.strerror or e}.") from e
    try:
        data = json.loads(raw.decode("utf-8-sig"))
        return [_incoming(item, i) for i, item in enumerate(_annotation_items(data))]
    except UnicodeDecodeError:
        problem = "it is not UTF-8 text"
    except json.JSONDecodeError as e:
        problem = f"it is not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})"
    except (_Malformed, RecursionError) as e:
        problem = str(e) or "it is nested too deeply"
    raise AnnotationImportError(f"Cannot import {path}: {problem}. Nothing was imported.")


def import_webanno(db: Database, path: Path) -> ImportResult:
    """Read the whole file first, then place every annotation in one transaction."""
    return place_highlights(db, read_webanno(path))


# --- placing, shared with the CSV import --------------------------------------------------
class _JoinedDatabase(Database):
    """Hands AnnotationService the import's one session, so the highlights it creates are
    committed, or rolled back, together."""

    def __init__(self, db: Database, session: Session) -> None:
        super().__init__(db.engine, db.path, db.read_only)
        self._joined = session

    @contextmanager
    def session(self) -> Iterator[Session]:
        yield self._joined


def _clean_tags(names: Iterable[str]) -> list[str]:
    result: list[str] = []
    for raw in names:
        name = clean_tag_name(raw)
        if name and name not in result:
            result.append(name)
    return result


def _candidates(s: Session, rec: IncomingHighlight) -> tuple[list[Article], bool]:
    """Articles the highlight may belong to, and whether the file named the article."""
    if rec.content_hash:
        article = s.scalar(select(Article).where(Article.content_hash == rec.content_hash))
        if article is not None:
            return [article], True
    if rec.article_id is not None and rec.title is not None:
        article = s.get(Article, rec.article_id)
        if article is not None and article.title == rec.title:
            return [article], True
    if rec.url:
        found = list(s.scalars(select(Article).where(Article.url == rec.url)))
        if found:
            return found, len(found) == 1
    if rec.title:
        stmt = select(Article).where(Article.title == rec.title)
        if rec.published:
            stmt = stmt.where(Article.published == rec.published)
        found = list(s.scalars(stmt))
        if found:
            return found, len(found) == 1
    if not rec.quote:
        return [], False
    found = list(s.scalars(select(Article).where(func.instr(Article.text, rec.quote) > 0)))
    return (found or _similar_articles(s, rec.quote)), False


def _similar_articles(s: Session, quote: str, limit: int = 3) -> list[Article]:
    """Articles sharing most words of the quote: where a changed quote may still be found."""
    words = sorted({w for w in quote.split() if len(w) > 1}, key=len, reverse=True)[:30]
    if not words:
        return []
    scored = []
    for article_id, text in s.execute(select(Article.id, Article.text)):
        hits = sum(w in text for w in words)
        if hits * 2 >= len(words):
            scored.append((hits, article_id))
    scored.sort(reverse=True)
    return [s.get(Article, article_id) for _, article_id in scored[:limit]]


def _locate(s: Session, rec: IncomingHighlight) -> tuple[Article, Anchor] | str:
    """The article and span for `rec`, or why it cannot be placed."""
    articles, named = _candidates(s, rec)
    if not rec.quote:
        # A position alone is trusted only in the very text it was made for.
        if named and rec.content_hash and rec.start is not None and rec.end is not None:
            article = articles[0]
            if rec.start < rec.end <= len(article.text):
                return article, Anchor(rec.start, rec.end, "exact-position", 1.0)
        return "the annotation has no quoted text to look for"
    if not articles:
        return "no article in the library contains this passage"
    placed = []
    for article in articles:
        found = anchor(article.text, rec.quote, rec.prefix, rec.suffix, rec.start, rec.end)
        if found is not None:
            agreement = context_agreement(article.text, found.start, found.end,
                                          rec.prefix, rec.suffix)
            key = (found.score, round(agreement, 6), _METHOD_RANK[found.method])
            placed.append((key, article, found))
    if not placed:
        if named:
            return "the passage is no longer in the article"
        return "no article in the library contains this passage"
    placed.sort(key=lambda p: p[0], reverse=True)
    if len(placed) > 1 and placed[0][0] == placed[1][0] and placed[0][1] is not placed[1][1]:
        return f"the passage is in {len(placed)} articles; cannot tell which one is meant"
    return placed[0][1], placed[0][2]


def _is_duplicate(s: Session, article_id: int, span: Anchor, tags: list[str]) -> bool:
    same_span = s.scalars(
        select(Highlight)
        .where(Highlight.article_id == article_id, Highlight.start == span.start,
               Highlight.end == span.end)
        .options(selectinload(Highlight.tags))
    )
    return any({t.name for t in h.tags} == set(tags) for h in same_span)


def _utc(moment: datetime | None) -> datetime | None:
    """SQLite keeps no offset: store UTC so the stored wall time means UTC."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def _create(s: Session, service: AnnotationService, article: Article, span: Anchor,
            rec: IncomingHighlight, tags: list[str]) -> None:
    created = _utc(rec.created)
    modified = _utc(rec.modified) or created
    if rec.keep_id is not None and created and s.get(Highlight, rec.keep_id) is None:
        service.restore_highlight(HighlightInfo(
            id=rec.keep_id, article_id=article.id, start=span.start, end=span.end, quote="",
            note=rec.note, tags=tuple(TagInfo(0, name, "") for name in tags),
            created_at=created, modified_at=modified or created,
        ))
        return
    info = service.create_highlight(article.id, span.start, span.end, tags, rec.note)
    if created is not None:
        h = s.get(Highlight, info.id)
        h.created_at, h.modified_at = created, modified or created


def place_highlights(db: Database, records: Sequence[IncomingHighlight]) -> ImportResult:
    """Anchor and create every record in ONE transaction: all of it is kept, or none."""
    imported = fuzzy = skipped = 0
    orphans: list[tuple[str, str]] = []
    with db.session() as s:
        service = AnnotationService(_JoinedDatabase(db, s))
        for rec in records:
            where = _locate(s, rec)
            if isinstance(where, str):
                orphans.append((rec.quote, where))
                continue
            article, span = where
            if not article.text[span.start : span.end].strip():
                orphans.append((rec.quote, "the passage holds only spaces"))
                continue
            tags = _clean_tags(rec.tags)
            if _is_duplicate(s, article.id, span, tags):
                skipped += 1
                continue
            _create(s, service, article, span, rec, tags)
            imported += 1
            fuzzy += span.method == "fuzzy"
    return ImportResult(imported, fuzzy, orphans, skipped)
