"""What the importer learned about an article that the articles table has no column for:
the encoding it read, a notice when that was a guess, a title it had to guess, a "Theo X"
source credit, the corpus's `# key = value` header, and the file's bytes when the kept
text cannot give them back.

Kept as one JSON value per article in the library's key-value table (`app_state`, key
"import:<article id>"), written in the same transaction as the article, so no schema
change was needed. The value carries the article's content hash: facts about a text that
was since replaced (re-import) or about a deleted article whose id came back are ignored,
never shown against the wrong text. A later schema version can move them to a column.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop_app.core.library.ingest import legacy
from desktop_app.core.library.ingest.legacy import encoding_name
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.dialects import put_states
from desktop_app.core.storage.models import AppState, Article

KEY_PREFIX = "import:"


@dataclass(frozen=True)
class ImportFacts:
    encoding: str | None = None  # codec name (decode.Decoded.codec); None: not a text file
    notice: str | None = None  # why the encoding is uncertain, in words
    title_guessed: bool = False  # the title is the text's first sentence, no headline found
    source_credit: str | None = None  # "Theo Reuters": whom the outlet credits, not the author
    header: Mapping[str, str] = field(default_factory=dict)  # "# key = value" lines, as found
    original_bytes: bytes | None = None  # the file, when the kept text does not re-encode to it

    @property
    def encoding_name(self) -> str | None:
        return encoding_name(self.encoding) if self.encoding else None

    def is_empty(self) -> bool:
        return self == ImportFacts()

    def to_json(self, content_hash: str) -> str:
        data: dict[str, object] = {"hash": content_hash}
        if self.encoding:
            data["encoding"] = self.encoding
        if self.notice:
            data["notice"] = self.notice
        if self.title_guessed:
            data["title_guessed"] = True
        if self.source_credit:
            data["source_credit"] = self.source_credit
        if self.header:
            data["header"] = dict(self.header)
        if self.original_bytes is not None:
            data["original_bytes"] = base64.b64encode(self.original_bytes).decode("ascii")
        return json.dumps(data, ensure_ascii=False)


def reading_facts(original: str, codec: str, notice: str | None, data: bytes) -> ImportFacts:
    """The encoding a text file was read in; its bytes too when a legacy encoding's text
    does not give them back exactly (a byte sequence no converter writes): nothing is lost."""
    kept: bytes | None = None
    if codec in (*legacy.SINGLE_BYTE, legacy.VIQR):
        try:
            exact = legacy.file_bytes(original, codec) == data
        except UnicodeEncodeError:
            exact = False
        kept = None if exact else data
    return ImportFacts(encoding=codec, notice=notice, original_bytes=kept)


def key(article_id: int) -> str:
    return f"{KEY_PREFIX}{article_id}"


def put_facts(s: Session, article_id: int, content_hash: str, facts: ImportFacts) -> None:
    """Store (or clear) the facts of one article inside the caller's transaction."""
    row = s.get(AppState, key(article_id))
    if facts.is_empty():
        if row is not None:
            s.delete(row)
        return
    s.merge(AppState(key=key(article_id), value=facts.to_json(content_hash)))


def put_facts_many(s: Session, items: list[tuple[int, str, ImportFacts]]) -> None:
    """put_facts for a batch of (article id, content hash, facts): two statements, not a
    lookup and a merge per article (those were half of a 10,000-article import)."""
    empty = [key(article_id) for article_id, _digest, facts in items if facts.is_empty()]
    full = [{"key": key(article_id), "value": facts.to_json(digest)}
            for article_id, digest, facts in items if not facts.is_empty()]
    for i in range(0, len(empty), 500):
        s.execute(delete(AppState).where(AppState.key.in_(empty[i:i + 500])))
    put_states(s, full)


def read_facts(db: Database, article_id: int) -> ImportFacts:
    """The article's import facts; empty ones when none were kept or they are stale."""
    with db.session() as s:
        raw = s.scalar(select(AppState.value).where(AppState.key == key(article_id)))
        digest = s.scalar(select(Article.content_hash).where(Article.id == article_id))
    return parse_facts(raw, digest)


def parse_facts(raw: str | None, content_hash: str | None) -> ImportFacts:
    """Facts from their stored JSON; anything malformed or stale gives empty facts."""
    try:
        data = json.loads(raw) if raw else None
    except ValueError:
        return ImportFacts()
    if not isinstance(data, dict) or content_hash is None or data.get("hash") != content_hash:
        return ImportFacts()
    header = data.get("header")
    try:
        original = base64.b64decode(data["original_bytes"], validate=True) \
            if isinstance(data.get("original_bytes"), str) else None
    except (binascii.Error, ValueError):
        original = None
    return ImportFacts(
        encoding=_text(data.get("encoding")),
        notice=_text(data.get("notice")),
        title_guessed=data.get("title_guessed") is True,
        source_credit=_text(data.get("source_credit")),
        header={str(k): str(v) for k, v in header.items()} if isinstance(header, dict) else {},
        original_bytes=original,
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
