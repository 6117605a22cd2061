"""Article text and metadata from a saved news web page (.html/.htm).

Nothing in the page is run or fetched: scripts are dropped unread; links, frames and
images are never followed. The page is tokenized by a small linear scanner instead of
html.parser: on Python 3.11.7, html.parser took 6 s on 80 KB of "<!--" and 102 s on
120 KB of '<a b="' (it rescans to the end each time), and a 50 MB file must never hang
an import. The body is found as readability does it: the element holding the most
paragraph text wins, unless the page marks its article itself.
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from dataclasses import dataclass, field

from desktop_app.core.library.ingest.decode import ImportFailure, decode_bytes
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
_MAX_DEPTH = 300  # deeper elements are flattened into their ancestor
_MAX_ELEMENTS = 300_000  # a long article page has a few thousand; each costs ~0.5 KB
_MAX_CANDIDATES = 50  # h1, time and byline elements looked at
_MIN_PARAGRAPH = 25  # characters: shorter text is a label or a link, not prose
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_RAW = frozenset(  # their content is text up to the matching end tag, never markup
    "script style textarea title xmp iframe noembed noframes noscript plaintext".split()
)
_INVISIBLE = frozenset(
    "head title script style noscript template svg iframe frame object embed form button "
    "select textarea input video audio canvas map dialog".split()
)
_BOILERPLATE = frozenset("nav header footer aside menu".split())
_BOILERPLATE_ROLES = frozenset(
    "navigation banner contentinfo complementary menu menubar search".split()
)
_BLOCK = frozenset(
    "address article aside blockquote body caption center dd details div dl dt fieldset "
    "figcaption figure footer h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section "
    "summary table tbody tfoot thead td th tr ul".split()
)
_SELF_CLOSING_SIBLINGS = frozenset("li dt dd tr td th option".split())  # <li>a<li>b
_PARA_TAGS = frozenset("p pre blockquote h2 h3 h4 h5 h6".split())
_OWN_TEXT_TAGS = frozenset("div td section article main center font body".split())
# Class/id words of page widgets. Strong ones always mark a widget; weak ones not when
# the same element also says it holds content ("main-content has-sidebar").
_STRONG_WIDGET = re.compile(
    r"share\w*|sharing|social\w*|related\w*|relate|comments?|commentbox|binhluan|breadcrumbs?|"
    r"ads?|adv|advert\w*|quangcao|sponsor\w*|promo\w*|popup|modal|cookies?|subscribe|"
    r"newsletter|tags?|keywords?|tukhoa|print|toolbar|rating|tinlienquan|lienquan|tinkhac|"
    r"othernews?|morenews|mostread|readmore|xemthem|docthem|chiase|fb|zalo|like"
)
_WEAK_WIDGET = re.compile(
    r"menu\w*|nav\w*|sidebar\w*|header|footer|banner\w*|widget\w*|topbar|masthead"
)
_CONTENT_WORD = re.compile(r"article|body|content|main|detail|story|entry|post|noidung|chitiet")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_TAG_NAME = re.compile(r"[A-Za-z][^\s/>]*")
_TAG_END = re.compile(r"[\s/]*")
# An unclosed quote runs to the end of the file (as in browsers), so no match backtracks.
_ATTR = re.compile(
    r"""[\s/]*([^\s/>][^\s/>=]*)(?:\s*=\s*("[^"]*"|'[^']*'|"[^"]*|'[^']*|[^\s>]*))?"""
)
_CHARSET = re.compile(rb"""<meta[^>]{0,500}?charset\s*=\s*["']?\s*([\w.:-]{1,40})""", re.I)
_SINGLE_BYTE = re.compile(r"cp125\d|iso8859-\d+|ascii|koi8-\w|tis-620|cp874")
# Real page encodings only: a label such as "unicode_escape" or "utf-7" is ignored.
_DECLARABLE = re.compile(rf"utf-8|{_SINGLE_BYTE.pattern}|gb2312|gbk|gb18030|big5|shift_jis|euc_\w+")
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


class _Node:
    __slots__ = ("tag", "attrs", "children", "parent", "kind", "tlen", "llen", "ilen", "score")

    def __init__(self, tag: str, attrs: dict[str, str], parent: _Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[_Node | str] = []
        self.kind = _kind(tag, attrs)  # 0 content, 1 page furniture, 2 never shown
        self.tlen = self.llen = self.ilen = 0  # text, link text, own inline text lengths
        self.score = 0.0


def _kind(tag: str, attrs: dict[str, str]) -> int:
    if tag in _INVISIBLE:
        return 2
    if tag in _BOILERPLATE:
        return 1
    if not attrs or tag in ("html", "body", "article", "main"):
        return 0
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return 2
    if _HIDDEN_STYLE.search(attrs.get("style", "")):
        return 2
    if attrs.get("role", "").lower() in _BOILERPLATE_ROLES:
        return 1
    words = re.split(r"[\s_-]+", f"{attrs.get('class', '')} {attrs.get('id', '')}".lower())
    if any(_STRONG_WIDGET.fullmatch(w) for w in words):
        return 1
    weak = any(_WEAK_WIDGET.fullmatch(w) for w in words)
    return 1 if weak and not any(_CONTENT_WORD.search(w) for w in words) else 0


class _Builder:
    """Turns tokens into a tree, forgiving unclosed and stray tags as browsers do."""

    def __init__(self) -> None:
        self.root = _Node("#root", {}, None)
        self.stack = [self.root]
        self.open: dict[str, int] = {}  # open elements by tag: stray end tags cost nothing
        self.count = 0

    def start(self, tag: str, attrs: dict[str, str]) -> _Node:
        top = self.stack[-1]
        if (tag in _BLOCK and top.tag == "p") or (tag in _SELF_CLOSING_SIBLINGS and top.tag == tag):
            self.end(top.tag)
            top = self.stack[-1]
        self.count += 1
        if self.count > _MAX_ELEMENTS:
            raise ImportFailure(
                f"This web page has more than {_MAX_ELEMENTS:,} HTML elements: it is too large "
                "to be a news article, so it was not imported."
            )
        node = _Node(tag, attrs, top)
        top.children.append(node)
        if len(self.stack) >= _MAX_DEPTH:
            if top.tag != "div":  # it takes in everything deeper: let it count as a block
                self.open[top.tag] -= 1
                self.open["div"] = self.open.get("div", 0) + 1
                top.tag = "div"
        elif tag not in _VOID:
            self.stack.append(node)
            self.open[tag] = self.open.get(tag, 0) + 1
        return node

    def end(self, tag: str) -> None:
        if tag == "br":  # browsers read </br> as <br>
            self.start("br", {})
        elif self.open.get(tag):
            while True:
                node = self.stack.pop()
                self.open[node.tag] -= 1
                if node.tag == tag:
                    return

    def text(self, raw: str) -> None:
        # Never `children[-1] += raw`: copying on every "<" of "1 < 2 < 3…" is quadratic.
        self.stack[-1].children.append(html.unescape(raw))


def _parse(source: str) -> _Node:
    """One left-to-right pass; every search moves past what it scanned (no rescans)."""
    out, n = _Builder(), len(source)
    pos = text_from = 0
    while (lt := source.find("<", pos)) >= 0:
        after = source[lt + 1 : lt + 3]
        name = _TAG_NAME.match(after, 1 if after[:1] == "/" else 0)
        if not name and after[:1] not in ("!", "?", "/"):
            pos = lt + 1  # a literal "<", as in "1 < 2": part of the text run
            continue
        if lt > text_from:
            out.text(source[text_from:lt])
        if source.startswith("<!--", lt):
            end = source.find("-->", lt + 4)
            pos = n if end < 0 else end + 3  # an unclosed comment hides the rest, as in browsers
        elif not name:  # <!doctype …>, <?xml …?>, </ …>: skipped up to ">"
            end = source.find(">", lt + 2)
            pos = n if end < 0 else end + 1
        elif after[:1] == "/":
            tag = _TAG_NAME.match(source, lt + 2)
            end = source.find(">", tag.end()) if tag else -1
            if end >= 0 and tag:
                out.end(tag.group().lower())
            pos = n if end < 0 else end + 1
        else:
            pos = _start_tag(source, lt + 1, out)
        text_from = pos
    if text_from < n:
        out.text(source[text_from:])
    return out.root


def _start_tag(source: str, pos: int, out: _Builder) -> int:
    """Read one start tag (and the raw text of script/style/title); return where to go on."""
    name = _TAG_NAME.match(source, pos)
    if name is None:  # cannot happen: the caller saw a letter
        return pos
    attrs: dict[str, str] = {}
    tag, pos = name.group().lower(), name.end()
    while (m := _ATTR.match(source, pos)) and m.end() > pos:
        key, value = m.group(1).lower(), m.group(2) or ""
        if value[:1] in ('"', "'"):
            value = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value[1:]
        attrs.setdefault(key, html.unescape(value))
        pos = m.end()
    pos = _TAG_END.match(source, pos).end()  # type: ignore[union-attr]
    if pos >= len(source):
        return pos  # a tag cut off by the end of the file is dropped
    node = out.start(tag, attrs)
    pos += 1  # the ">"
    if tag in _RAW:
        close = re.compile(rf"</{re.escape(tag)}[\s/>]", re.I).search(source, pos)
        end = close.start() if close else len(source)
        raw = source[pos:end]
        # Straight into the node, even past the depth cap: script text must never show.
        node.children.append(html.unescape(raw) if tag in ("title", "textarea") else raw)
        pos = end
    return pos


def _decode(data: bytes) -> str:
    """BOM, then the page's own <meta charset>, then UTF-8, then decode_bytes' guesses.

    A page that is valid UTF-8 but labelled with a single-byte code page was re-saved
    without fixing the label: legacy Vietnamese bytes almost never form valid UTF-8.
    """
    boms = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    if not data or data.startswith(boms):
        return decode_bytes(data)[0]
    if b"\x00" in data:
        try:
            return decode_bytes(data)[0]  # UTF-16 without a BOM
        except ImportFailure:
            if data.count(0) * 100 > len(data):
                raise
            data = data.replace(b"\x00", b"")  # a few stray NULs: browsers ignore them too
    try:
        utf8: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    declared = _declared_charset(data[:4096])
    relabelled = bool(utf8 is not None and declared and _SINGLE_BYTE.fullmatch(declared))
    if declared and declared != "utf-8" and not relabelled:
        try:
            text = data.decode(declared)
        except UnicodeDecodeError:
            pass
        else:  # cp1258 writes tone marks as combining characters, as decode_bytes says
            return unicodedata.normalize("NFC", text) if declared == "cp1258" else text
    return utf8 if utf8 is not None else decode_bytes(data)[0]


def _declared_charset(head: bytes) -> str | None:
    m = _CHARSET.search(head)
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name if m else None
    except LookupError:
        return None
    return name if name and _DECLARABLE.fullmatch(name) else None  # no rot13, no utf-7


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
