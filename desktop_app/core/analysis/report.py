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

import html
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desktop_app.core.analysis.coded import article_codes, read_codebook, snapshot, spans_of, tag_links
from desktop_app.core.analysis.cooccurrence import Cooccurrence, CooccurrenceQuery, cooccurrence
from desktop_app.core.analysis.matrices import Matrix, MatrixQuery, build_matrix
from desktop_app.core.annotate.tag_paths import TAG_PATH_SEPARATOR, tag_path
from desktop_app.core.interchange.csv_export import atomic_open
from desktop_app.core.library.memos import memos_by_article
from desktop_app.core.progress import Progress
from desktop_app.core.storage.database import Database
from desktop_app.core.text.normalize import fold

BLUES = ("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")
QUOTE_CHARS = 600  # an example longer than this is cut (the reader has the rest)
_HEX_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
TableSpec = MatrixQuery | CooccurrenceQuery


@dataclass(frozen=True)
class ReportOptions:
    title: str = ""  # "" -> ReportWords.title
    quotes: int = 3  # example quotes per tag
    memos: bool = True
    tables: tuple[TableSpec, ...] = ()


@dataclass(frozen=True)
class ReportWords:
    """The report's own words (placeholders in braces); the window passes translations."""

    title: str = "Coding report"
    made: str = "Made with Chú Giải on {date}: {articles} articles, {passages} coded passages, {tags} tags."
    codebook: str = "Codebook"
    counts: str = "Passages: {passages} · Articles: {articles}"
    whole: str = "Coded as a whole: {count} articles"
    nested: str = "With the tags nested under it: {passages} passages · {articles} articles"
    examples: str = "Examples"
    memos: str = "Article memos"
    no_memos: str = "No article has a memo."
    tables: str = "Tables"
    tag: str = "Tag"
    none: str = "(none)"
    untitled: str = "(untitled)"
    matrix: str = "Tags × {columns}: {count}"
    articles_columns: str = "articles"
    count_words: dict[str, str] = field(default_factory=lambda: {
        "passages": "coded passages", "articles": "articles coded", "coverage": "share of the text coded"})
    cooccurrence: str = "Co-occurrence of tags: {within}"
    within_words: dict[str, str] = field(default_factory=lambda: {
        "overlap": "passages that overlap", "sentence": "passages in the same sentence",
        "paragraph": "passages in the same paragraph", "words": "passages within {n} words"})


@dataclass(frozen=True)
class Example:
    quote: str
    title: str
    published: str | None
    outlet: str | None


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
        quotes = dict(conn.execute(f"SELECT id, quote FROM highlights WHERE id IN ({','.join(map(str, wanted)) or 'NULL'})"))
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
             whole: dict[int, set[int]], spans: dict[int, tuple[int, int, int]], quotes: dict[int, str],
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
        examples = tuple(Example(quotes.get(h, ""), *articles[spans[h][0]]) for h in ordered)
        out.append(TagEntry(path, tag_id, color, description, len(mine),
                            len({spans[h][0] for h in mine} | mine_whole), len(mine_whole),
                            len(scope_h), len(scope_a), examples))
    return tuple(out)


def write_report(db: Database, path: Path, options: ReportOptions, words: ReportWords | None = None,
                 progress: Progress | None = None) -> ReportData:
    """Build the report and write it as HTML, atomically (a failure leaves no file)."""
    data = build_report(db, options, progress)
    text = render_html(data, words or ReportWords())
    with atomic_open(Path(path), ".html", "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return data


# --- HTML ------------------------------------------------------------------------------------
def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _fill(template: str, **values: object) -> str:
    """A template of ours with values put in; the result is escaped by the caller."""
    out = template
    for key, value in values.items():
        out = out.replace("{" + key + "}", str(value))
    return out


CSS = """
body { font-family: "Noto Serif", "Source Serif 4", "Source Serif Pro", Georgia, "DejaVu Serif", serif;
       color: #1f2328; background: #ffffff; max-width: 60em; margin: 2em auto; padding: 0 1.5em; line-height: 1.5; }
h1 { font-size: 1.9em; margin-bottom: 0.2em; }
h2 { font-size: 1.4em; border-bottom: 1px solid #d0d7de; padding-bottom: 0.2em; margin-top: 2em; }
h3 { font-size: 1.1em; margin: 1.2em 0 0.2em; }
.made, .counts, cite { color: #57606a; }
.counts { font-size: 0.92em; margin: 0.1em 0; }
.swatch { font-family: "DejaVu Sans", sans-serif; }
.tag { page-break-inside: avoid; }
.description { margin: 0.2em 0; }
blockquote { margin: 0.4em 0 0.4em 1em; padding-left: 0.8em; border-left: 3px solid #c6dbef; }
blockquote p { margin: 0; }
cite { display: block; font-size: 0.88em; font-style: normal; }
ul.tree { list-style: none; padding-left: 1.2em; }
ul.tree > li { margin: 0.1em 0; }
.memo { page-break-inside: avoid; margin-bottom: 1em; }
.memo p { white-space: pre-wrap; margin: 0.2em 0; }
table.heat { border-collapse: collapse; font-family: "Noto Sans", "DejaVu Sans", sans-serif; font-size: 0.85em;
             margin: 0.6em 0 1.4em; page-break-inside: avoid; }
table.heat th, table.heat td { border: 1px solid #d0d7de; padding: 0.25em 0.5em; }
table.heat th { background: #f6f8fa; text-align: left; font-weight: 600; white-space: nowrap; }
table.heat td { text-align: center; min-width: 2.5em; }
table.heat td.empty { background: #eaeef2; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } }
"""


def render_html(data: ReportData, words: ReportWords | None = None) -> str:
    words = words or ReportWords()
    title = data.title or words.title
    parts = ["<!DOCTYPE html>", '<html lang="vi">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{_e(title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
             f"<h1>{_e(title)}</h1>",
             f'<p class="made">{_e(_fill(words.made, date=data.made, articles=data.articles, passages=data.passages, tags=sum(1 for t in data.tags if t.tag_id is not None)))}</p>']
    parts += _codebook(data, words)
    if data.memos or words.no_memos:
        parts += _memos(data, words)
    if data.tables:
        parts.append(f"<h2>{_e(words.tables)}</h2>")
        for spec, table in data.tables:
            parts += _table(spec, table, words)
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _codebook(data: ReportData, words: ReportWords) -> list[str]:
    out = [f"<h2>{_e(words.codebook)}</h2>", '<ul class="tree">']
    depth = 0
    for n, entry in enumerate(data.tags):  # the tree at a glance: nested lists, a child inside its parent's item
        level = len(entry.path)
        if depth and level > depth:
            out.append('<ul class="tree">')
        elif depth:
            out.append("</li>")
            for _ in range(depth - level):
                out.append("</ul></li>")
        depth = level
        counts = _fill(words.counts, passages=entry.scope_passages, articles=entry.scope_articles)
        out.append(f'<li>{_swatch(entry.color)}<a href="#tag-{n}">{_e(entry.path[-1])}</a> '
                   f'<span class="counts">{_e(counts)}</span>')
    if depth:
        out.append("</li>" + "</ul></li>" * (depth - 1))
    out.append("</ul>")
    for n, entry in enumerate(data.tags):
        out.append(f'<section class="tag" id="tag-{n}">')
        out.append(f"<h3>{_swatch(entry.color)}{_e(entry.name)}</h3>")
        out.append(f'<p class="counts">{_e(_fill(words.counts, passages=entry.passages, articles=entry.articles))}</p>')
        if entry.whole:
            out.append(f'<p class="counts">{_e(_fill(words.whole, count=entry.whole))}</p>')
        if entry.has_children:
            out.append(f'<p class="counts">{_e(_fill(words.nested, passages=entry.scope_passages, articles=entry.scope_articles))}</p>')
        if entry.description.strip():
            out.append(f'<p class="description">{_e(entry.description)}</p>')
        for example in entry.examples:
            quote = " ".join(example.quote.split())
            quote = quote if len(quote) <= QUOTE_CHARS else quote[:QUOTE_CHARS - 1] + "…"
            source = " · ".join(x for x in (example.title or words.untitled, _day(example.published),
                                            example.outlet or "") if x)
            out.append(f"<blockquote><p>“{_e(quote)}”</p><cite>{_e(source)}</cite></blockquote>")
        out.append("</section>")
    return out


def _memos(data: ReportData, words: ReportWords) -> list[str]:
    out = [f"<h2>{_e(words.memos)}</h2>"]
    if not data.memos:
        out.append(f'<p class="made">{_e(words.no_memos)}</p>')
    for memo in data.memos:
        head = " · ".join(x for x in (memo.title or words.untitled, _day(memo.published), memo.outlet or "") if x)
        out.append(f'<div class="memo"><h3>{_e(head)}</h3><p>{_e(memo.text.strip())}</p></div>')
    return out


def _table(spec: TableSpec, table: Matrix | Cooccurrence, words: ReportWords) -> list[str]:
    cells: list[list[float | None]]
    if isinstance(table, Cooccurrence):
        unit, _, n = table.within.partition(":")
        within = _fill(words.within_words.get(unit, unit), n=n)
        caption = _fill(words.cooccurrence, within=within)
        # Columns numbered, rows "1 Cán bộ": tag names across would not fit a printed page.
        rows = tuple(f"{n} {name}" for n, name in enumerate(table.tags, start=1))
        columns, percent = [str(n) for n in range(1, len(table.tags) + 1)], False
        cells = [[None if v is None else float(v) for v in row] for row in table.dense()]
    else:
        assert isinstance(spec, MatrixQuery)
        name = words.articles_columns if table.by_articles else spec.columns.split(":", 1)[1]
        caption = _fill(words.matrix, columns=name, count=words.count_words.get(table.count, table.count))
        rows, percent = table.rows, table.count == "coverage"
        cells = [list(row) for row in table.dense()]
        columns = [(f"{c.key}: {c.label}" if table.by_articles else c.label) if c.key is not None else words.none
                   for c in table.columns]
    largest = max((v for row in cells for v in row if v is not None), default=0) or 1
    out = [f"<h3>{_e(caption)}</h3>", '<table class="heat">',
           "<tr>" + f"<th>{_e(words.tag)}</th>" + "".join(f"<th>{_e(c)}</th>" for c in columns) + "</tr>"]
    for name, values in zip(rows, cells, strict=True):
        tds = []
        for v in values:
            if v is None:
                tds.append('<td class="empty"></td>')
            elif not v:
                tds.append('<td style="color:#8c959f">0</td>')
            else:
                back = _ramp(v / largest)
                text = f"{100 * v:.1f}%" if percent else str(int(v))
                tds.append(f'<td style="background:{back};color:{_ink(back)};font-weight:bold">{text}</td>')
        out.append(f"<tr><th>{_e(name)}</th>{''.join(tds)}</tr>")
    out.append("</table>")
    return out


def _ramp(share: float) -> str:
    """The heat-map colour of a share of the largest value (as the window paints it)."""
    t = (0.12 + 0.88 * max(0.0, min(1.0, share))) * (len(BLUES) - 1)
    i = min(int(t), len(BLUES) - 2)
    a, b = _rgb(BLUES[i]), _rgb(BLUES[i + 1])
    return "#" + "".join(f"{round(x + (y - x) * (t - i)):02x}" for x, y in zip(a, b, strict=True))


def _rgb(hex_color: str) -> tuple[int, int, int]:
    return int(hex_color[1:3], 16), int(hex_color[3:5], 16), int(hex_color[5:7], 16)


def _ink(hex_color: str) -> str:
    """Black or white, whichever contrasts more (WCAG relative luminance)."""
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in _rgb(hex_color))
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    dark = 0.2126 * channel(0x11) + 0.7152 * channel(0x11) + 0.0722 * channel(0x11)
    return "#111111" if (lum + 0.05) / (dark + 0.05) >= 1.05 / (lum + 0.05) else "#ffffff"


def _swatch(color: str) -> str:
    """The tag's colour as a square character: it prints, and Qt's PDF layout shows it too."""
    if not _HEX_COLOR.fullmatch(color or ""):
        return ""
    return f'<span class="swatch" style="color:{color}" aria-hidden="true">■</span> '


def _day(published: str | None) -> str:
    if not published:
        return ""
    day = published[:10].split("-")
    return "/".join(reversed(day)) if len(day) == 3 else published
