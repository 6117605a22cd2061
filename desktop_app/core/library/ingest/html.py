"""Article text and metadata from a saved news web page (.html/.htm).

Nothing in the page is run or fetched: scripts are dropped unread; links, frames and
images are never followed. The page is tokenized by a small linear scanner instead of
html.parser (ingest/html_tree.py says why), and a 50 MB file must never hang an import.
The body is found as readability does it: the element holding the most
paragraph text wins, unless the page marks its article itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop_app.core.library.ingest.decode import ImportFailure
from desktop_app.core.library.ingest.html_tree import _BLOCK, _decode, _Node, _parse
from desktop_app.core.library.ingest.metadata import parse_date


@dataclass(frozen=True)
class Extracted:
    text: str  # title line first, then one paragraph per line; not yet NFC-normalized
    title: str | None
    published: str | None  # "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM", local time as printed
    author: str | None
    source: str | None
    url: str | None
    original: str  # the decoded markup, so the user can see what was imported


NO_TEXT = "This web page contains no article text."
_MAX_CANDIDATES = 50  # h1, time and byline elements looked at
_MIN_PARAGRAPH = 25  # characters: shorter text is a label or a link, not prose
_PARA_TAGS = frozenset("p pre blockquote h2 h3 h4 h5 h6".split())
_OWN_TEXT_TAGS = frozenset("div td section article main center font body".split())
_TITLE_SEPARATOR = re.compile(r"\s+(?:[-|–—:»·]|::)\s+")
_ISO_DATE = re.compile(r"\s*(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2})?)")
_DATE_IN_LINE = re.compile(
    r"(?:thứ\s*\w+|chủ\s*nhật)?,?\s*\d{1,2}/\d{1,2}/\d{4}"
    r"(?:\s*[-|,]?\s*\d{1,2}:\d{2}(?:\s*(?:SA|CH|AM|PM)\b)?)?",
    re.I,
)
_BYLINE_CLASS = re.compile(r"(?<![a-z])(?:author|byline|tacgia|tac-gia)(?![a-z])")
_BYLINE_LABEL = re.compile(
    r"^(?:tác giả|bài|bài\s*(?:,|và)\s*ảnh|tin\s*(?:,|và)\s*ảnh|by)\s*:?\s+", re.I
)


def _walk(root: _Node, skip: int) -> list[_Node]:
    """Elements in document order, leaving out subtrees whose kind is >= `skip`."""
    order: list[_Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.kind < skip or node is root:
            order.append(node)
            stack.extend(c for c in reversed(node.children) if isinstance(c, _Node))
    return order


def _lines(roots: list[_Node], skip: int, links: bool = True) -> list[str]:
    """Visible text, one line per block; `links=False` also drops link-heavy blocks."""
    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        line = " ".join("".join(buf).split())  # also turns &nbsp; into a plain space
        if line:
            lines.append(line)
        buf.clear()

    stack: list[tuple[_Node | str, bool]] = [(r, False) for r in reversed(roots)]
    pre = 0
    while stack:
        item, leaving = stack.pop()
        if isinstance(item, str):
            parts = item.split("\n") if pre else [item]
            for k, part in enumerate(parts):
                if k:
                    flush()
                buf.append(part)
        elif leaving:
            pre -= item.tag == "pre"
            if item.tag in _BLOCK:
                flush()
        elif item.kind >= skip or (not links and item.tag in _BLOCK and item.llen * 2 > item.tlen):
            continue  # hidden, furniture, or (in the body) a list of links
        elif item.tag in ("br", "hr"):
            flush()
        else:
            if item.tag in _BLOCK:
                flush()
            pre += item.tag == "pre"
            stack.append((item, True))
            stack.extend((c, False) for c in reversed(item.children))
    flush()
    return lines


def _measure(order: list[_Node]) -> None:
    """Text lengths bottom-up, then readability-style scores: paragraphs vote for containers."""
    for node in reversed(order):
        for child in node.children:
            if isinstance(child, str):
                size = len(child.strip())
                node.tlen, node.ilen = node.tlen + size, node.ilen + size
            elif child.kind == 0:
                node.tlen += child.tlen
                node.llen += child.tlen if child.tag == "a" else child.llen
                node.ilen += 0 if child.tag in _BLOCK else child.tlen
    for node in order:
        if node.tag in _PARA_TAGS:
            size, target = node.tlen - node.llen, node.parent
        elif node.tag in _OWN_TEXT_TAGS:
            size, target = node.ilen, node
        else:
            continue
        if size >= _MIN_PARAGRAPH and target is not None:
            target.score += size
            if target.parent is not None:
                target.parent.score += size / 2


def _content_roots(order: list[_Node]) -> list[_Node]:
    """The article element, or the best-scored one with its prose siblings (sapo, parts)."""
    def says_article(n: _Node) -> bool:
        return n.attrs.get("itemprop") == "articleBody"

    marked = [
        n for n in order if (n.tag == "article" or says_article(n)) and n.tlen - n.llen >= 140
    ]
    if marked:
        top = max(marked, key=lambda n: (says_article(n), n.tlen - n.llen))
    else:
        scored = [n for n in order if n.score > 0 and n.tlen]
        if not scored:
            raise ImportFailure(NO_TEXT)
        top = max(scored, key=lambda n: n.score * (1 - n.llen / n.tlen))
    if top.parent is None:
        return [top]
    threshold = max(10.0, top.score * 0.2)
    roots = []
    for sib in top.parent.children:
        if not isinstance(sib, _Node) or sib.kind or not sib.tlen:
            continue
        density = sib.llen / sib.tlen
        prose = sib.tag in _PARA_TAGS or sib.ilen >= _MIN_PARAGRAPH
        if sib is top or sib.tlen >= 80 and (
            (sib.score * (1 - density) >= threshold and density < 0.5) or (prose and density < 0.25)
        ):
            roots.append(sib)
    return roots


@dataclass
class _Page:
    meta: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    h1: list[_Node] = field(default_factory=list)
    times: list[_Node] = field(default_factory=list)
    bylines: list[_Node] = field(default_factory=list)


def _collect(root: _Node) -> _Page:
    page = _Page()
    for node in _walk(root, 3):
        a = node.attrs
        for key in ("property", "name", "itemprop"):
            if key in a and "content" in a:
                page.meta.setdefault(a[key].lower(), " ".join(a["content"].split()))
        if node.tag == "link" and "canonical" in a.get("rel", "").lower().split():
            page.meta.setdefault("#canonical", a.get("href", ""))
        if node.tag == "title" and page.title is None:
            page.title = " ".join("".join(c for c in node.children if isinstance(c, str)).split())
        if node.tag == "h1":
            page.h1.append(node)
        if node.tag == "time" or a.get("itemprop") == "datePublished":
            page.times.append(node)
        if a.get("itemprop") == "author" or _BYLINE_CLASS.search(a.get("class", "").lower()):
            page.bylines.append(node)
    for found in (page.h1, page.times, page.bylines):
        del found[_MAX_CANDIDATES:]  # each is checked against its ancestors: keep that bounded
    return page


def _iso(value: str | None) -> str | None:
    """A machine date in our form: seconds and UTC offset go, the clock time as printed stays."""
    m = _ISO_DATE.match(value or "")
    return parse_date(m.group(1) if m else (value or "")[:80]) if value else None


def _date_in_line(line: str) -> str | None:
    if len(line) > 80:
        return None  # running text, not a dateline
    found = _DATE_IN_LINE.search(line)
    return parse_date(line) or (parse_date(found.group()) if found else None)


def _text_of(node: _Node) -> str:
    return " ".join(_lines([node], 2))


def _published(page: _Page, roots: list[_Node], near: list[str]) -> str | None:
    for key in ("article:published_time", "datepublished", "pubdate", "dc.date.issued"):
        if _iso(page.meta.get(key)):
            return _iso(page.meta.get(key))
    scope = {id(r) for r in roots} | {id(r.parent) for r in roots}
    for node in page.times:
        if _inside(node, scope):
            machine = node.attrs.get("datetime") or node.attrs.get("content")
            found = _iso(machine) or _date_in_line(_text_of(node))
            if found:
                return found
    return next((d for d in map(_date_in_line, near) if d), None)


def _near_title(
    roots: list[_Node], everything: list[str], titles: tuple[str | None, ...]
) -> list[str]:
    """Lines where a dateline sits: just under the title, or just above it (nearest first).

    Above only inside the article itself: a site's top bar shows today's date.
    """
    area = _lines(roots, 2)
    for lines, above in ((area, 3), (everything, 0)):
        at = next((i for i, line in enumerate(lines) if line in titles), None)
        if at is not None:
            return lines[at + 1 : at + 7] + lines[max(0, at - above) : at][::-1]
    return []


def _inside(node: _Node, scope: set[int]) -> bool:
    walker: _Node | None = node
    while walker is not None:
        if id(walker) in scope:
            return True
        walker = walker.parent
    return False


def _title_and_site(page: _Page, h1: str | None, lines: list[str]) -> tuple[str | None, ...]:
    """og:title, else the <h1>, else <title>; a " - Outlet" suffix goes (and names the outlet)."""
    site = page.meta.get("og:site_name") or page.meta.get("application-name") or None
    title = page.meta.get("og:title") or h1 or page.title or None
    if not title:
        return None, site
    parts = _TITLE_SEPARATOR.split(title)
    if site and len(parts) > 1 and parts[-1].casefold() == site.casefold():
        return title[: title.casefold().rfind(site.casefold())].rstrip(" -|–—:»·"), site
    for shorter in [h1, page.meta.get("og:title"), *lines[:300]]:
        outlet = _suffix(title, shorter)
        if outlet:
            return shorter, site or outlet
    return title, site or _suffix(page.title or "", title)


def _suffix(longer: str, shorter: str | None) -> str | None:
    """"Outlet" when `longer` is `shorter` + " - Outlet" (a short name), else None."""
    if not shorter or len(shorter) < 10 or not longer.startswith(shorter):
        return None
    rest = longer[len(shorter) :]
    m = _TITLE_SEPARATOR.match(rest)
    return rest[m.end() :] if m and len(rest[m.end() :].split()) <= 8 else None


def _heading(h1s: list[_Node], roots: list[_Node], scope: set[int], shown: set[int]) -> str | None:
    """The article's <h1>: in the body, else beside it, else any outside page furniture.

    A site's logo is often an <h1> in the page header: that one is never taken.
    """
    inner = {id(r) for r in roots}

    def rank(n: _Node) -> int:
        if _inside(n, inner):
            return 0
        return (1 if _inside(n, scope) else 2) if id(n) in shown else 3

    best = min(h1s, key=rank, default=None)  # the first of the best rank
    return (_text_of(best) or None) if best is not None and rank(best) < 3 else None


def _author(page: _Page, scope: set[int]) -> str | None:
    candidates = [page.meta.get(key) for key in ("author", "article:author", "dc.creator")]
    candidates += [
        n.attrs.get("content") or _text_of(n) for n in page.bylines if _inside(n, scope)
    ]
    for value in candidates:
        value = _BYLINE_LABEL.sub("", " ".join((value or "").split()))
        if value and len(value) <= 80 and "://" not in value:
            return value
    return None


def extract_html(data: bytes) -> Extracted:
    """The article of a saved web page. Raises ImportFailure, and nothing else."""
    source = _decode(data)
    root = _parse(source)
    page = _collect(root)
    order = _walk(root, 1)
    _measure(order)
    roots = _content_roots(order)
    body = _lines(roots, 1, links=False)
    if sum(ch.isalpha() for line in body for ch in line) < 20:
        raise ImportFailure(NO_TEXT)
    scope = {id(r) for r in roots} | {id(r.parent) for r in roots}
    h1 = _heading(page.h1, roots, scope, {id(n) for n in order})
    everything = _lines([root], 2)
    title, site = _title_and_site(page, h1, everything)
    near = _near_title(roots, everything, (title, h1)) or body[:4]
    if title and title in body[:8]:
        body.remove(title)  # it goes first, once
    urls = (page.meta.get("#canonical"), page.meta.get("og:url"))
    url = next((u for u in urls if u and re.match(r"https?://", u)), None)
    return Extracted(
        text="\n".join(([title] if title else []) + body),
        title=title,
        published=_published(page, roots, near),
        author=_author(page, scope),
        source=site,
        url=url,
        original=source,
    )
