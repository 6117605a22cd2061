"""What another coder's file holds, read whole into plain values before the library is
touched: their coders, codebook, articles with highlights, whole-article codes, memo and
attribute values. `library_file` reads one from a library, `qdpx_file` from a REFI-QDA
project; `plan` compares it with this library, `apply` stores it.

Times stay in the form the database stores them (the text SQLite holds), so a highlight
comes across exactly as it was, without parsing 100,000 timestamps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core.messages import Message, MessageError


class MergeError(MessageError, ValueError):
    """A file that cannot be merged, explained; nothing in the library changed."""


def refused(path: Path, code: str, **params: object) -> MergeError:
    """"<file>: <why>. Nothing was merged." as a MergeError."""
    return MergeError(Message("merge.failed", {"file": Path(path).name,
                                               "problem": Message(code, params)}))


@dataclass(frozen=True, slots=True)
class IncomingTag:
    name: str  # the tag path, "Cán bộ/Đào tạo"
    color: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class IncomingHighlight:
    start: int  # code points into the file's text of the article
    end: int
    quote: str
    prefix: str
    suffix: str
    note: str
    created: str  # as stored: "2024-05-01 10:00:00.000000"
    modified: str
    orphaned: bool
    coder: str  # the coder's name
    tags: tuple[str, ...]  # tag paths, sorted


@dataclass(frozen=True, slots=True)
class IncomingCode:
    """A whole-article code."""

    tag: str
    coder: str
    created: str


@dataclass(frozen=True, slots=True)
class IncomingAttribute:
    name: str
    kind: str  # text, number, date, choice
    choices: str = "[]"  # JSON, as stored


@dataclass
class IncomingArticle:
    title: str
    text: str
    original_text: str
    content_hash: str
    kicker: str | None = None
    source: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None
    source_path: str | None = None
    hidden_spans: str = "[]"
    memo: str = ""
    memo_coder: str | None = None
    highlights: list[IncomingHighlight] = field(default_factory=list)
    codes: list[IncomingCode] = field(default_factory=list)
    # attribute name -> (canonical text, number)
    values: dict[str, tuple[str, float | None]] = field(default_factory=dict)


@dataclass
class Incoming:
    """Everything a file brings. `notes`: what the reader skipped or decided (for the
    summary)."""

    path: Path
    kind: str  # "library" or "qdpx"
    coders: list[str]
    tags: list[IncomingTag]
    articles: list[IncomingArticle]
    attributes: list[IncomingAttribute] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)

    @property
    def highlight_count(self) -> int:
        return sum(len(a.highlights) for a in self.articles)
