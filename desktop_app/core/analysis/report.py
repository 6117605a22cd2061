"""A report of the coding as one self-contained HTML file: the codebook as a tree with each
tag's description and counts, example quotes with their article and date, the article
memos, and the tables chosen (matrices, co-occurrence) as heat-maps.

The file has no external resource (inline CSS, no script, no image, no font to fetch),
declares UTF-8, and every string from the library (tag names, descriptions, quotes,
titles, memos) is HTML-escaped: it opens in any browser and prints cleanly; the window
makes a PDF from the same HTML through Qt. The fixed words come in `ReportWords` (English
by default; the window passes its own language's), so core stays without Qt.

Counts: a tag's passages are its anchored highlights (orphans have no place), its
articles those with such a passage or coded with it as a whole; a parent also shows the
totals with the tags nested under it (each passage once), as coded passages and matrices
count them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop_app.core.analysis.coded import (
    article_codes,
    article_texts,
    read_codebook,
    snapshot,
    spans_of,
    tag_links,
)
from desktop_app.core.analysis.cooccurrence import Cooccurrence, CooccurrenceQuery, cooccurrence
from desktop_app.core.analysis.matrices import Matrix, MatrixQuery, build_matrix
from desktop_app.core.analysis.report_html import BLUES, ReportWords, render_html
from desktop_app.core.annotate.tag_paths import TAG_PATH_SEPARATOR, tag_path
from desktop_app.core.interchange.csv_export import atomic_open
from desktop_app.core.library.memos import memos_by_article
from desktop_app.core.progress import Progress
from desktop_app.core.storage.bulk_sql import BulkSql
from desktop_app.core.storage.database import Database
from desktop_app.core.text.normalize import SentenceIndex, fold

CONTEXT_CHARS = 160  # of its sentence on either side
TableSpec = MatrixQuery | CooccurrenceQuery


@dataclass(frozen=True)
class ReportOptions:
    title: str = ""  # "" -> ReportWords.title
    quotes: int = 3  # example quotes per tag
    memos: bool = True
    tables: tuple[TableSpec, ...] = ()


@dataclass(frozen=True)
class Example:
    quote: str
    title: str
    published: str | None
    outlet: str | None
    before: str = ""  # the rest of its sentence, around it
    after: str = ""


@dataclass(frozen=True)
class TagEntry:
    path: tuple[str, ...]  # its place in the tree; a path part that is no tag has no id
    tag_id: int | None
    color: str
    description: str
    passages: int
    articles: int
    whole: int  # articles coded with it as a whole
    scope_passages: int  # with the tags nested under it
    scope_articles: int
    examples: tuple[Example, ...]

    @property
    def name(self) -> str:
        return TAG_PATH_SEPARATOR.join(self.path)

    @property
    def has_children(self) -> bool:
        return (self.scope_passages, self.scope_articles) != (self.passages, self.articles)


@dataclass(frozen=True)
class Memo:
    title: str
    published: str | None
    outlet: str | None
    text: str


@dataclass(frozen=True)
class ReportData:
    title: str
    made: str  # ISO date
    articles: int
    passages: int
    tags: tuple[TagEntry, ...]  # in tree order
    memos: tuple[Memo, ...]
    tables: tuple[tuple[TableSpec, Matrix | Cooccurrence], ...]


def build_report(db: Database, options: ReportOptions, progress: Progress | None = None) -> ReportData:
    """What the report says, read in one snapshot (the tables each in their own)."""
    progress = progress or Progress()
    total = 3 + len(options.tables)
    progress.step(0, total)
    with snapshot(db) as conn:
        book = read_codebook(conn)
        tags = {i: (c or "", d or "") for i, c, d in conn.execute("SELECT id, color, description FROM tags")}
        articles = {a: (t or "", p, o) for a, t, p, o in conn.execute("SELECT id, title, published, source FROM articles")}
        links = tag_links(conn, book.names)
        spans = spans_of(conn, None)
        codes = article_codes(conn)
        progress.step(1, total)
        own: dict[int, set[int]] = {}
        for h, t in links:
            if h in spans:
                own.setdefault(t, set()).add(h)
        wanted = {h for t in own for h in sorted(own[t], key=lambda h: (spans[h][0], spans[h][1], h))[:options.quotes]}
        quotes = _in_context(conn, wanted, spans)
    whole: dict[int, set[int]] = {}
    for a, t in codes:
        whole.setdefault(t, set()).add(a)
    entries = _entries(book.names, tags, own, whole, spans, quotes, articles, options.quotes)
    progress.step(2, total)
    memos: tuple[Memo, ...] = ()
    if options.memos:
        found = memos_by_article(db)
        memos = tuple(Memo(articles[a][0], articles[a][1], articles[a][2], text)
                      for a, text in sorted(found.items(), key=lambda x: (articles[x[0]][1] or "~", x[0]))
                      if text.strip() and a in articles)
    tables = []
    for n, spec in enumerate(options.tables):
        progress.step(3 + n, total)
        tables.append((spec, cooccurrence(db, spec) if isinstance(spec, CooccurrenceQuery) else build_matrix(db, spec)))
    progress.step(total, total)
    return ReportData(options.title, date.today().isoformat(), len(articles), len({h for h, _t in links if h in spans}),
                      entries, memos, tuple(tables))


def _entries(names: dict[int, str], tags: dict[int, tuple[str, str]], own: dict[int, set[int]],
             whole: dict[int, set[int]], spans: dict[int, tuple[int, int, int]], quotes: dict[int, tuple[str, str, str]],
             articles: dict[int, tuple[str, str | None, str | None]], n: int) -> tuple[TagEntry, ...]:
    by_path = {tag_path(name): i for i, name in names.items()}
    paths = {p[:k] for p in by_path for k in range(1, len(p) + 1)}
    out = []
    for path in sorted(paths, key=lambda p: tuple(fold(part) for part in p)):
        tag_id = by_path.get(path)
        scope = [i for p, i in by_path.items() if p[:len(path)] == path]
        scope_h = set().union(*(own.get(i, set()) for i in scope))
        scope_a = {spans[h][0] for h in scope_h} | set().union(*(whole.get(i, set()) for i in scope))
        mine = own.get(tag_id, set()) if tag_id is not None else set()
        mine_whole = whole.get(tag_id, set()) if tag_id is not None else set()
        color, description = tags.get(tag_id, ("", "")) if tag_id is not None else ("", "")
        ordered = sorted(mine, key=lambda h: (spans[h][0], spans[h][1], h))[:n]
        examples = tuple(Example(quotes[h][0], *articles[spans[h][0]], *quotes[h][1:]) for h in ordered if h in quotes)
        out.append(TagEntry(path, tag_id, color, description, len(mine),
                            len({spans[h][0] for h in mine} | mine_whole), len(mine_whole),
                            len(scope_h), len(scope_a), examples))
    return tuple(out)


def _in_context(conn: BulkSql, wanted: set[int], spans: dict[int, tuple[int, int, int]]
                ) -> dict[int, tuple[str, str, str]]:
    """highlight id -> (quote, the words of its sentence before it, those after it), each
    side cut to CONTEXT_CHARS."""
    out: dict[int, tuple[str, str, str]] = {}
    by_article: dict[int, list[int]] = {}
    for h in wanted:
        by_article.setdefault(spans[h][0], []).append(h)
    for article_id, text in article_texts(conn, by_article):
        index = SentenceIndex(text or "")
        for h in by_article[article_id]:
            _a, start, end = spans[h]
            left, right = index.bounds(start, end)
            before, after = text[min(left, start):start], text[end:max(right, end)]
            before = before if len(before) <= CONTEXT_CHARS else "…" + before[-CONTEXT_CHARS:].lstrip()
            after = after if len(after) <= CONTEXT_CHARS else after[:CONTEXT_CHARS].rstrip() + "…"
            out[h] = (text[start:end], before, after)
    return out


def write_report(db: Database, path: Path, options: ReportOptions, words: ReportWords | None = None,
                 progress: Progress | None = None) -> ReportData:
    """Build the report and write it as HTML, atomically (a failure leaves no file)."""
    data = build_report(db, options, progress)
    text = render_html(data, words or ReportWords())
    with atomic_open(Path(path), ".html", "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return data


__all__ = ["BLUES", "ReportData", "ReportOptions", "ReportWords", "build_report", "render_html", "write_report"]
