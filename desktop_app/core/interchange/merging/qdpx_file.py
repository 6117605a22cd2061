"""Reading a REFI-QDA project (.qdpx) for a merge: the import's reader (refi_reader) does
the texts, positions and codes; this adds who made each coding, from the project's
`Users` and each selection's `creatingUser` (NVivo, ATLAS.ti, MAXQDA and QualCoder write
them). A selection naming no known user belongs to the project's only user, else to a
coder named after the file. Chú Giải's exports before coders named one user after the app:
that is no person, so its work goes to the file's coder too.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from pathlib import Path

from sqlalchemy.dialects import sqlite

from desktop_app import APP_DISPLAY_NAME
from desktop_app.core.annotate.records import CONTEXT_CHARS
from desktop_app.core.interchange.merging.incoming import (
    Incoming,
    IncomingArticle,
    IncomingHighlight,
    IncomingTag,
    MergeError,
)
from desktop_app.core.interchange.merging.library_file import fallback_coder
from desktop_app.core.interchange.refi_codebook import QdpxImportError
from desktop_app.core.interchange.refi_qda import ARTICLE_VARIABLES
from desktop_app.core.interchange.refi_reader import ProjectReader, Selection, Source
from desktop_app.core.library.ingest.metadata import parse_metadata
from desktop_app.core.messages import Message
from desktop_app.core.progress import Progress
from desktop_app.core.storage.models import Highlight

_DIALECT = sqlite.dialect()
_STORED = Highlight.__table__.c.created_at.type.dialect_impl(_DIALECT).bind_processor(_DIALECT)


class UserReader(ProjectReader):
    """ProjectReader, also keeping the project's users and each selection's creator."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.users: dict[str, str] = {}  # guid -> name
        self.creators: dict[int, str] = {}  # id(Selection) -> the creatingUser guid

    def _project_root(self) -> ET.Element:
        root = super()._project_root()
        for user in root.iter(self.q("User")):
            guid = user.get("guid") or ""
            self.users[guid] = " ".join((user.get("name") or "").split()) or f"user {guid[:8]}"
        return root

    def _selection(self, sel: ET.Element, start: int, end: int, notes: dict[str, str]) -> list[Selection]:
        made = super()._selection(sel, start, end, notes)
        for one in made:
            self.creators[id(one)] = sel.get("creatingUser") or ""
        return made


def read_qdpx(path: Path, progress: Progress) -> Incoming:
    path = Path(path)
    reader = UserReader(path)
    progress.step(0, 2, path.name)
    try:
        codes, sources = reader.read()
    except QdpxImportError as e:  # its words say "Nothing was imported": true of the merge too
        raise MergeError(e.message) from None
    progress.step(1, 2, path.name)
    people = {g: n for g, n in reader.users.items() if n != APP_DISPLAY_NAME}
    default = next(iter(people.values())) if len(set(people.values())) == 1 else fallback_coder(path)
    by_guid = {c.guid: c.name for c in codes if c.is_tag}
    unknown = 0
    articles = []
    used: dict[str, None] = {}
    for src in sources:
        article = _article(src, path, not reader.ours)
        article.memo, article.memo_coder = src.memo, default if src.memo.strip() else None
        for sel in src.selections:
            # The reader names who applied the codes (NVivo's selection may name someone else).
            coder = sel.coder if sel.coder and sel.coder != APP_DISPLAY_NAME else \
                people.get(reader.creators.get(id(sel), ""), default)
            used.setdefault(coder)
            unknown += sum(1 for g in sel.code_guids if g not in by_guid)
            text = src.text
            article.highlights.append(IncomingHighlight(
                sel.start, sel.end, text[sel.start:sel.end],
                text[max(0, sel.start - CONTEXT_CHARS):sel.start], text[sel.end:sel.end + CONTEXT_CHARS],
                sel.note, _stored(sel.created), _stored(sel.modified), False, coder,
                tuple(sorted({by_guid[g] for g in sel.code_guids if g in by_guid}))))
        articles.append(article)
    if any(a.memo_coder for a in articles):
        used.setdefault(default)
    notes = list(reader.problems)
    if unknown:
        notes.append(Message("qdpx.unknown_codes", {"count": unknown}))
    tags = [IncomingTag(c.name, c.color or "", c.description) for c in codes if c.is_tag]
    progress.step(2, 2, path.name)
    return Incoming(path, "qdpx", list(used), tags, articles, notes=notes)


def _stored(moment: object) -> str:
    return str(_STORED(moment)) if _STORED is not None else str(moment)


def _article(src: Source, path: Path, foreign: bool) -> IncomingArticle:
    """As the .qdpx import makes it: our exports carry metadata as variables; another
    tool's text is read like a file import."""
    fields: dict[str, str | None] = {name: src.variables.get(name) for name in ARTICLE_VARIABLES}
    title = src.name
    if foreign:
        meta = parse_metadata(src.text)
        for name in ARTICLE_VARIABLES:
            fields[name] = fields[name] or getattr(meta, name)
        title = title or meta.title
    digest = hashlib.sha256(src.text.encode("utf-8")).hexdigest()
    return IncomingArticle(title=title, text=src.text, original_text=src.raw, content_hash=digest,
                           source_path=str(path), kicker=fields["kicker"], source=fields["source"],
                           author=fields["author"], url=fields["url"], published=fields["published"])
