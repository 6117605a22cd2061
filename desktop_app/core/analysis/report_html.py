"""The report as one self-contained HTML page (core/analysis/report.py builds what it says).

No external resource (inline CSS, no script, no image, no font to fetch), UTF-8, and every
string from the library HTML-escaped. Colours come only from our own ramp and from tag
colours that are plain #rrggbb. The fixed words are `ReportWords`: English by default, the
window passes its own language's.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop_app.core.analysis.cooccurrence import Cooccurrence
from desktop_app.core.analysis.matrices import Matrix, MatrixQuery

if TYPE_CHECKING:
    from desktop_app.core.analysis.report import ReportData, TableSpec

BLUES = ("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")
QUOTE_CHARS = 600  # an example longer than this is cut (the reader has the rest)
_HEX_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


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
            before, after = (" ".join(x.split()) for x in (example.before, example.after))
            before += " " if before and example.before[-1:].isspace() else ""
            after = (" " if after and example.after[:1].isspace() else "") + after
            source = " · ".join(x for x in (example.title or words.untitled, _day(example.published),
                                            example.outlet or "") if x)
            out.append(f"<blockquote><p>{_e(before)}<strong>{_e(quote)}</strong>{_e(after)}</p>"
                       f"<cite>{_e(source)}</cite></blockquote>")
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
