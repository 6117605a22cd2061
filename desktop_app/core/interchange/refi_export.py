"""Export the library as a REFI-QDA project (.qdpx) or codebook (.qdc).

Both files validate against the REFI schemas (Project-mrt2019.xsd, Codebook.xsd) and
are reproducible: GUIDs come from content, zip entries carry a fixed time, and rows
are written in an order that survives an import into another library, so exporting
the same content twice, or after a round trip, gives the same bytes.

Positions are code points into `Article.text`, which is written out unchanged as the
source's UTF-8 text (REFI-QDA 1.5 counts code points); `positions="utf16"` counts UTF-16
code units instead, as NVivo does (an emoji counts two), for a file meant for NVivo. Each
selection's name is its text, which also tells our importer which counting a file uses.
Orphans (see csv_export) have no valid position, so they get no PlainTextSelection. An
article's memo is its TextSource's Description (what QualCoder reads as the file memo).

`tag` keeps the highlights carrying a tag in its scope (the tag or one nested under it);
the project's codebook still holds every tag, a .qdc the tags in the scope. QualCoder
needs every code name to be unique among the leaves: `duplicate_leaf_names` finds those
that are not, for the caller to warn about.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desktop_app import APP_DISPLAY_NAME
from desktop_app.core.annotate.tag_paths import in_tag_scope
from desktop_app.core.interchange.csv_export import atomic_open
from desktop_app.core.interchange.refi_cases import CaseVariable, case_variables, write_cases, write_variables
from desktop_app.core.interchange.refi_qda import (
    ARTICLE_VARIABLES,
    CODEBOOK_NS,
    ORIGIN,
    PROJECT_NS,
    code_path_name,
    format_datetime,
    stable_guid,
    tag_code_path,
    whole_article_guid,
)
from desktop_app.core.library.attributes import BUILT_IN, user_attributes, values_of
from desktop_app.core.library.coders import coder_names
from desktop_app.core.library.memos import memo_texts
from desktop_app.core.messages import Message, MessageError
from desktop_app.core.progress import Progress
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article, ArticleCode, Highlight, Tag
from desktop_app.core.text.normalize import OffsetMap, fold

# Zip entries get this time, not the clock, so the archive bytes are reproducible.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_RGB_RE = re.compile(r"#[0-9A-Fa-f]{6}|#[0-9A-Fa-f]{3}")
# Characters XML 1.0 cannot hold at all; ElementTree would write them and break the file.
_NOT_XML_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
USER_GUID = stable_guid("user")
NAME_CHARS = 60


class RefiExportError(MessageError):
    """An export that cannot be written, explained for the user."""


@dataclass
class _Code:
    """One node of the code tree; `tag` is None for a parent only implied by a path."""

    name: str
    guid: str
    tag: Tag | None = None
    children: dict[str, _Code] = field(default_factory=dict)


POSITIONS = ("codepoints", "utf16")


def export_qdpx(db: Database, path: Path, article_ids: Iterable[int] | None = None,
                progress: Progress | None = None, tag: str | None = None,
                positions: str = "codepoints", coders: Iterable[int] | None = None) -> int:
    """Write a .qdpx (project.qde + Sources/<guid>.txt); return the number of highlights.

    The codebook holds every tag, so the file can be re-imported as the whole scheme.
    Every coder is a User; a selection and its codings name their coder as creatingUser.
    `coders` keeps those coders' highlights.
    """
    if positions not in POSITIONS:
        raise ValueError(f"positions must be one of {POSITIONS}, not {positions!r}")
    if progress is not None:
        progress.step(0, 2)
    with db.session() as s:
        stmt = (
            select(Article)
            .options(selectinload(Article.highlights).selectinload(Highlight.tags))
            .order_by(Article.published.is_(None), Article.published, Article.id)
        )
        if article_ids is not None:
            stmt = stmt.where(Article.id.in_(list(article_ids)))
        articles = list(s.scalars(stmt))
        memos = memo_texts(s, [a.id for a in articles])
        attributes = [(info, values_of(s, info)) for info in [*BUILT_IN, *user_attributes(s)]]
        all_tags = list(s.scalars(select(Tag)))
        tag_names = {t.id: t.name for t in all_tags}
        names = coder_names(s)
        shown = None if coders is None else frozenset(coders)
        users = {i: (coder_guid(n), n) for i, n in names.items() if shown is None or i in shown}
        whole: dict[int, list[tuple[int, int]]] = {}
        for article_id, tag_id, coder_id in s.execute(
                select(ArticleCode.article_id, ArticleCode.tag_id, ArticleCode.coder_id)):
            if in_tag_scope(tag_names[tag_id], tag) and (shown is None or coder_id in shown):
                whole.setdefault(article_id, []).append((tag_id, coder_id))
        extra = _Extra(case_variables(attributes, {a.id for a in articles}), whole)
        project, entries, count = _project(all_tags, articles, memos,
                                           _Options(tag, positions == "utf16", shown, users), extra)
    if progress is not None:
        progress.step(1, 2)
    entries.insert(0, ("project.qde", _xml_bytes(project)))
    _write_atomic(path, ".qdpx", lambda f: _write_zip(f, entries))
    return count


def export_qdc(db: Database, path: Path, tag: str | None = None) -> int:
    """Write the tags (those in `tag`'s scope) as a REFI-QDA codebook (.qdc); return the
    number of codes written."""
    with db.session() as s:
        roots, _guids = _code_tree([t for t in s.scalars(select(Tag)) if in_tag_scope(t.name, tag)])
        if not roots:
            raise RefiExportError(Message("export.no_tags"))
        book = _el(None, "CodeBook", xmlns=CODEBOOK_NS, origin=ORIGIN)
        codes = _el(book, "Codes")
        for code in _sorted(roots):
            codes.append(_code_element(code))
    data = _xml_bytes(book)
    _write_atomic(path, ".qdc", lambda f: f.write(data))
    return sum(1 for _ in codes.iter("Code"))


@dataclass(frozen=True)
class _Options:
    tag: str | None = None  # only highlights with a tag in this scope
    utf16: bool = False  # positions in UTF-16 code units (NVivo), not code points
    coders: frozenset[int] | None = None  # only these coders' highlights
    users: dict[int, tuple[str, str]] = field(default_factory=dict)  # coder id -> (User guid, name)


def coder_guid(name: str) -> str:
    """A coder's User GUID, from the name: the same coder has it in every library."""
    return stable_guid("coder", name)


@dataclass(frozen=True)
class _Extra:
    """What the project carries besides highlights: attributes as Variables and Cases,
    whole-article codes (article id -> (tag id, coder id))."""

    case_vars: list[CaseVariable] = field(default_factory=list)
    whole: dict[int, list[tuple[int, int]]] = field(default_factory=dict)


def duplicate_leaf_names(names: Iterable[str]) -> list[str]:
    """Names shared by two or more leaf codes (codes without children) of the code tree
    these tag names make: QualCoder keeps one code per name, and would merge them."""
    roots, _guids = _code_tree([Tag(id=i, name=n) for i, n in enumerate(names)])
    leaves: Counter[str] = Counter()
    stack = list(roots)
    while stack:
        code = stack.pop()
        if code.children:
            stack.extend(code.children.values())
        else:
            leaves[code.name] += 1
    return sorted((n for n, k in leaves.items() if k > 1), key=lambda n: (fold(n), n))


def _project(
    tags: list[Tag], articles: list[Article], memos: dict[int, str], options: _Options,
    extra: _Extra | None = None,
) -> tuple[ET.Element, list[tuple[str, bytes]], int]:
    """The Project element, the Sources/ entries, and the number of selections."""
    roots, code_guids = _code_tree(tags)
    project = _el(None, "Project", xmlns=PROJECT_NS, name=APP_DISPLAY_NAME, origin=ORIGIN,
                  creatingUserGUID=USER_GUID)
    users = _el(project, "Users")
    _el(users, "User", guid=USER_GUID, name=APP_DISPLAY_NAME)
    for _coder, (guid, name) in sorted(options.users.items()):  # each coder, after the app
        _el(users, "User", guid=guid, name=name)
    if roots:
        codes = _el(_el(project, "CodeBook"), "Codes")
        for code in _sorted(roots):
            codes.append(_code_element(code))
    extra = extra or _Extra()
    used_vars = [v for v in ARTICLE_VARIABLES if any(getattr(a, v) for a in articles)]
    write_variables(_el, project, used_vars, extra.case_vars)
    source_guids = {a.id: stable_guid("source", a.content_hash) for a in articles}
    write_cases(_el, project, [(a.id, a.content_hash, a.title or "", source_guids[a.id]) for a in articles],
                extra.case_vars)
    entries: list[tuple[str, bytes]] = []
    count = 0
    if articles:
        sources = _el(project, "Sources")
        for article in articles:
            guid = source_guids[article.id]
            whole = [(t, c) for t, c in extra.whole.get(article.id, ()) if t in code_guids]
            count += _text_source(sources, article, guid, code_guids, used_vars,
                                  memos.get(article.id, ""), options, whole)
            entries.append((f"Sources/{guid}.txt", article.text.encode("utf-8")))
    return project, entries, count


# --- codes ------------------------------------------------------------------------------
def _code_tree(tags: list[Tag]) -> tuple[list[_Code], dict[int, str]]:
    """Top-level codes, and each tag's code GUID. "A/B" becomes B under A."""
    roots: dict[str, _Code] = {}
    guids: dict[int, str] = {}
    for tag in tags:
        path = tag_code_path(tag.name)
        level, node = roots, None
        for depth, part in enumerate(path, start=1):
            node = level.get(part)
            if node is None:
                node = level[part] = _Code(part, stable_guid("code", code_path_name(path[:depth])))
            level = node.children
        assert node is not None
        node.tag = tag
        guids[tag.id] = node.guid
    return list(roots.values()), guids


def _sorted(codes: Iterable[_Code]) -> list[_Code]:
    return sorted(codes, key=lambda c: (fold(c.name), c.name))


def _code_element(code: _Code) -> ET.Element:
    """A Code; a parent that is no tag itself is not codable (QualCoder: a category)."""
    tag = code.tag
    color = tag.color.lower() if tag is not None and _RGB_RE.fullmatch(tag.color or "") else None
    el = _el(None, "Code", guid=code.guid, name=code.name,
             isCodable="true" if tag is not None else "false", color=color)
    if tag is not None and tag.description:
        _el(el, "Description", text=tag.description)
    for child in _sorted(code.children.values()):
        el.append(_code_element(child))
    return el


# --- sources ----------------------------------------------------------------------------
def _text_source(
    sources: ET.Element,
    article: Article,
    guid: str,
    code_guids: dict[int, str],
    used_vars: list[str],
    memo: str,
    options: _Options,
    whole: list[tuple[int, int]] | None = None,
) -> int:
    """A TextSource with one PlainTextSelection per highlight; return the highlight count.

    The whole-article codes are one more selection, over the whole text (0 to its length),
    whose GUID (whole_article_guid) tells our importer what it is; another tool sees a
    passage that is the whole source, coded with them. Each Coding names its coder."""
    src = _el(sources, "TextSource", guid=guid, name=article.title or "",
              plainTextPath=f"internal://{guid}.txt", creatingUser=USER_GUID)
    if memo:
        _el(src, "Description", text=memo)  # the schema wants it first
    ordinal: Counter[tuple[int, int]] = Counter()
    highlights = sorted((h for h in article.highlights if not h.orphaned and (
        options.tag is None or any(in_tag_scope(t.name, options.tag) for t in h.tags))
        and (options.coders is None or h.coder_id in options.coders)),
        key=lambda h: (h.start, h.end, h.id))
    unit = OffsetMap(article.text).to_utf16 if options.utf16 else _same
    for h in highlights:
        # Two highlights on one span differ by their order, which an import keeps.
        n = ordinal[(h.start, h.end)]
        ordinal[(h.start, h.end)] += 1
        sel_guid = stable_guid("selection", article.content_hash, h.start, h.end, n)
        created = format_datetime(h.created_at)
        user = options.users.get(h.coder_id, (USER_GUID, ""))[0]
        sel = _el(src, "PlainTextSelection", guid=sel_guid, name=selection_name(h.quote),
                  startPosition=str(unit(h.start)), endPosition=str(unit(h.end)), creatingUser=user,
                  creationDateTime=created,
                  modifyingUser=user, modifiedDateTime=format_datetime(h.modified_at))
        if h.note:
            # QualCoder reads a selection's Description as the coding memo; a NoteRef
            # would need a separate Note that it only resolves on whole sources.
            _el(sel, "Description", text=h.note)
        for tag in sorted(h.tags, key=lambda t: t.name):
            code_guid = code_guids[tag.id]
            coding = _el(sel, "Coding", guid=stable_guid("coding", sel_guid, code_guid),
                         creatingUser=user, creationDateTime=created)
            _el(coding, "CodeRef", targetGUID=code_guid)
    if whole:
        codings = sorted((code_guids[t], options.users.get(c, (USER_GUID, ""))[0]) for t, c in whole)
        _whole_article_selection(src, guid, article, codings, unit)
    for name in used_vars:
        value = getattr(article, name)
        if value:
            vv = _el(src, "VariableValue")
            _el(vv, "VariableRef", targetGUID=stable_guid("variable", name))
            _el(vv, "TextValue", text=value)
    return len(highlights)


def _whole_article_selection(src: ET.Element, source_guid: str, article: Article,
                             codings: list[tuple[str, str]], unit: Callable[[int], int]) -> None:
    """`codings`: (code GUID, its coder's User GUID); two coders' same code are two Codings."""
    sel_guid = whole_article_guid(source_guid)
    sel = _el(src, "PlainTextSelection", guid=sel_guid, name=selection_name(article.text),
              startPosition="0", endPosition=str(unit(len(article.text))), creatingUser=USER_GUID)
    for code_guid, user in codings:
        coding = _el(sel, "Coding", guid=stable_guid("coding", sel_guid, code_guid, user), creatingUser=user)
        _el(coding, "CodeRef", targetGUID=code_guid)


def _same(position: int) -> int:
    return position


def selection_name(quote: str) -> str:
    """A selection's name: its text, shortened with "…" past NAME_CHARS (as QualCoder and
    others write it). It also tells an importer how the positions count (refi_positions)."""
    quote = " ".join(quote.split())
    return quote if len(quote) <= NAME_CHARS else quote[: NAME_CHARS - 1].rstrip() + "…"


# --- writing ----------------------------------------------------------------------------
def _el(
    parent: ET.Element | None, tag: str, text: str | None = None, **attrs: str | None
) -> ET.Element:
    """An element; attributes that are None are left out, text is made XML-safe.

    Names stay unqualified and the root carries `xmlns`: ElementTree's
    default_namespace option refuses unqualified attribute names.
    """
    clean = {k: _NOT_XML_RE.sub("", v) for k, v in attrs.items() if v is not None}
    el = ET.Element(tag, clean) if parent is None else ET.SubElement(parent, tag, clean)
    if text is not None:
        el.text = _NOT_XML_RE.sub("", text)
    return el


def _xml_bytes(root: ET.Element) -> bytes:
    """The document; a CR in text (a note's CRLF) as "&#13;": a raw one would come back as
    LF, since XML parsers normalize line ends. ElementTree escapes it in attributes only,
    and indent() adds none, so every raw CR left is text content."""
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True).replace(b"\r", b"&#13;")


def _write_zip(f: BinaryIO, entries: list[tuple[str, bytes]]) -> None:
    with zipfile.ZipFile(f, "w") as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # the same bytes whichever system writes them
            info.external_attr = 0o644 << 16
            z.writestr(info, data)


def _write_atomic(path: Path, suffix: str, write: Callable[[BinaryIO], object]) -> None:
    """Write through a temp file renamed over `path`: no half file, old file kept on error."""
    with atomic_open(Path(path), suffix, "wb") as f:
        write(f)  # type: ignore[arg-type]  # atomic_open("wb") gives a binary file
