"""The page as a tree: a small linear tokenizer and tree builder for saved news pages, and
the bytes decoded by the page's declared or sniffed charset (ingest/html.py finds the
article in the tree).

Why not html.parser: on Python 3.11.7 it took 6 s on 80 KB of "<!--" and 102 s on 120 KB
of '<a b="' (it rescans to the end each time); this scanner is linear, so a 50 MB file
never hangs an import. Nothing in the page is run or fetched.
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata

from desktop_app.core.library.ingest.decode import ImportFailure, decode_bytes

_MAX_DEPTH = 300  # deeper elements are flattened into their ancestor
_MAX_ELEMENTS = 300_000  # a long article page has a few thousand; each costs ~0.5 KB
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
