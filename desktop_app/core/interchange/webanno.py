"""W3C Web Annotation (JSON-LD) export and import.

The file is a JSON array of Annotations, each carrying its own "@context". That is what
Recogito's "Web Annotation" download writes and what Annotorious and
@recogito/text-annotator load; every item is a complete annotation on its own (it passes
the W3C MUST tests as is and can be POSTed to a Web Annotation Protocol server). An
AnnotationCollection would wrap the same items in a paging construct whose embedded items
drop their "@context", which fewer tools read. Import accepts all shapes: an array, one
Annotation, an AnnotationPage, or an AnnotationCollection with its first page embedded.

Placing what is read in the library (anchoring, duplicates, the one transaction) is
importing.place_highlights, shared with the CSV import.

Each TextQuoteSelector carries 32 characters of prefix and suffix, more where the quote
with those occurs more than once in the article (quote_context.distinct_context): an import that has to
do without the position (another tool, a changed text) still finds the passage meant, and
where it could not tell, it leaves the highlight unplaced rather than guess.

Ids are derived, not stored (urn:uuid:uuid5 of article hash, span and creation time), so
the same highlights give a byte-identical file in any library holding the same articles.

Orphans (see csv_export) are left out: a TextQuoteSelector alone could carry one, but an
import elsewhere would then place it by that quote alone, where this library could not.

An article's memo is a "commenting" annotation on the whole article: its target names the
source and no selector (the model's way to annotate a whole resource). Reading such an
annotation back, with a comment and no tag, gives the article its memo.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.core.annotate.tag_paths import in_tag_scope
from desktop_app.core.interchange.csv_export import atomic_open
from desktop_app.core.interchange.quote_context import distinct_context
from desktop_app.core.library.anchoring import exact_occurrences
from desktop_app.core.library.coders import coder_names
from desktop_app.core.progress import Progress
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article, ArticleCode, ArticleMemo, Highlight, Tag
from desktop_app.core.text.normalize import fold

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
GENERATOR = {"type": "Software", "name": "Chú Giải"}
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:chugiai:highlight")
HASH_IRI = re.compile(r"urn:sha256:([0-9a-fA-F]{64})")  # what source_iri writes, read back on import
ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+")


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


def creator(name: str | None) -> dict[str, str] | None:
    """The W3C model's creator of an annotation: an Agent, here a Person, by name."""
    return {"type": "Person", "name": name} if name else None


def _annotation(h: Highlight, article: Article, seen: dict[str, int],
                occurrences: dict[str, list[int]], coder: str | None = None) -> dict[str, object]:
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
    text = article.text
    exact = text[h.start : h.end]
    if exact not in occurrences:  # per article: the quotes of its highlights
        occurrences[exact] = exact_occurrences(text, exact)
    prefix, suffix = distinct_context(text, h.start, h.end, occurrences=occurrences[exact])
    quote: dict[str, object] = {"type": "TextQuoteSelector", "exact": exact}
    if prefix:
        quote["prefix"] = prefix
    if suffix:
        quote["suffix"] = suffix
    target = _target(article)
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
    if coder:
        result["creator"] = creator(coder)
    if body:
        result["body"] = body
    result["target"] = target
    return result


def _target(article: Article) -> dict[str, object]:
    target: dict[str, object] = {"source": source_iri(article.content_hash)}
    if article.url and ABSOLUTE_IRI.fullmatch(article.url):
        target["scope"] = article.url  # the web page the text was taken from
    return target


def _memo_annotation(article: Article, memo: str, coder: str | None = None) -> dict[str, object]:
    """The article's memo: a comment on the whole article, its creator the coder who last
    wrote it. No times: like the id, the file then depends only on content, and a round
    trip gives the same bytes."""
    result: dict[str, object] = {
        "@context": ANNO_CONTEXT,
        "id": f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, article.content_hash + ':memo')}",
        "type": "Annotation",
        "motivation": "commenting",
        "generator": GENERATOR,
    }
    if coder:
        result["creator"] = creator(coder)
    result["body"] = [{"type": "TextualBody", "purpose": "commenting", "value": memo, "format": "text/plain"}]
    result["target"] = _target(article)
    return result


def _code_annotations(s: Session, article_ids: list[int] | None, tag: str | None, names: dict[int, str],
                      coders: list[int] | None = None) -> list[dict[str, object]]:
    """Each article's whole-article codes: one tagging annotation on the whole source (no
    selector) per coder, its creator, which our import reads back as whole-article codes
    of that coder. No times, as memos."""
    stmt = (
        select(Article, Tag.name, ArticleCode.coder_id)
        .join(ArticleCode, ArticleCode.article_id == Article.id)
        .join(Tag, Tag.id == ArticleCode.tag_id)
        .order_by(Article.published.is_(None), Article.published, Article.content_hash)
    )
    if article_ids is not None:
        stmt = stmt.where(Article.id.in_(article_ids))
    if coders is not None:
        stmt = stmt.where(ArticleCode.coder_id.in_(coders))
    by_article: dict[tuple[int, str], tuple[Article, list[str]]] = {}
    for article, name, coder_id in s.execute(stmt):
        if in_tag_scope(name, tag):
            by_article.setdefault((article.id, names.get(coder_id, "")), (article, []))[1].append(name)
    out = []
    rank = {a: i for i, a in enumerate(dict.fromkeys(a for a, _c in by_article))}  # the articles' order
    for (_id, coder), (article, tags) in sorted(by_article.items(), key=lambda kv: (rank[kv[0][0]], kv[0][1])):
        result: dict[str, object] = {
            "@context": ANNO_CONTEXT,
            "id": f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, article.content_hash + ':codes:' + coder)}",
            "type": "Annotation",
            "motivation": "classifying",
            "generator": GENERATOR,
        }
        if coder:
            result["creator"] = creator(coder)
        result["body"] = [{"type": "TextualBody", "purpose": "tagging", "value": n}
                          for n in sorted(tags, key=lambda n: (fold(n), n))]
        result["target"] = _target(article)
        out.append(result)
    return out


def _memo_annotations(s: Session, article_ids: list[int] | None, names: dict[int, str],
                      coders: Iterable[int] | None = None) -> list[dict[str, object]]:
    stmt = (
        select(Article, ArticleMemo.text, ArticleMemo.coder_id)
        .join(ArticleMemo, ArticleMemo.article_id == Article.id)
        .order_by(Article.published.is_(None), Article.published, Article.content_hash)
    )
    if article_ids is not None:
        stmt = stmt.where(Article.id.in_(article_ids))
    if coders is not None:
        stmt = stmt.where(ArticleMemo.coder_id.in_(list(coders)))
    return [_memo_annotation(a, memo, names.get(coder)) for a, memo, coder in s.execute(stmt)]


def web_annotations(
    db: Database, article_ids: Iterable[int] | None = None, tag: str | None = None,
    coders: Iterable[int] | None = None,
) -> list[dict[str, object]]:
    """Annotations in an order that does not depend on this library's ids: highlights,
    then whole-article codes, then the articles' memos. With `tag`, only the highlights and
    codes carrying a tag in its scope (the tag or one nested under it), and no memos: they
    belong to no tag. With `coders`, only those coders' highlights and codes, and the memos
    they last wrote."""
    stmt = (
        select(Highlight, Article)
        .join(Article)
        .options(selectinload(Highlight.tags))
        .where(Highlight.orphaned == False)  # noqa: E712  (see the module note)
        .order_by(Article.published.is_(None), Article.published, Article.content_hash,
                  Highlight.start, Highlight.end, Highlight.created_at, Highlight.id)
    )
    if article_ids is not None:
        article_ids = list(article_ids)
        stmt = stmt.where(Highlight.article_id.in_(article_ids))
    if coders is not None:
        coders = list(coders)  # read three times: highlights, codes, memos
        stmt = stmt.where(Highlight.coder_id.in_(coders))
    seen: dict[str, int] = {}
    highlights = []
    current: int | None = None  # the article being written, and where its quotes occur
    occurrences: dict[str, list[int]] = {}
    with db.session() as s:
        names = coder_names(s)
        for h, a in s.execute(stmt):
            if tag is not None and not any(in_tag_scope(t.name, tag) for t in h.tags):
                continue
            if a.id != current:
                current, occurrences = a.id, {}
            highlights.append(_annotation(h, a, seen, occurrences, names.get(h.coder_id)))
        highlights += _code_annotations(s, article_ids, tag, names, coders)
        if tag is not None:
            return highlights
        return highlights + _memo_annotations(s, article_ids, names, coders)


def export_webanno(db: Database, path: Path, article_ids: Iterable[int] | None = None,
                   progress: Progress | None = None, tag: str | None = None,
                   coders: Iterable[int] | None = None) -> int:
    """Write the JSON-LD file and return the number of annotations."""
    if progress is not None:
        progress.step(0, 2)
    items = web_annotations(db, article_ids, tag, coders)
    if progress is not None:
        progress.step(1, 2)
    text = json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    with atomic_open(Path(path), Path(path).suffix, "wb") as f:
        f.write(text.encode("utf-8"))
    return len(items)
