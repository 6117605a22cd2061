"""Web leftovers ("boilerplate") in an imported article: share buttons, counters, alt text.

The reader hides these lines; the stored text keeps them, so highlight offsets never
move and the user can show any hidden line again. We match whole short lines against
closed lists of widget labels (on the folded text, so "Chia se" matches "Chia sẻ"),
never words inside a sentence: "Ông chia sẻ rằng …" is body text. Only a few rules
look at context: the headlines listed under a "Tin liên quan" heading near the end,
the lines of a visitor-counter block, and an alt text that copies another line.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import NamedTuple

from desktop_app.core.library.ingest.metadata import _HEADER_RE, _byline, parse_date
from desktop_app.core.text.normalize import fold

Span = tuple[int, int, str]

SHARE = "share/print widget"
FONT = "font size widget"
READ_MORE = "read-more link"
RELATED = "related articles"
COMMENTS = "comment widget"
NAVIGATION = "navigation"
VIEWS = "view counter"
VISITORS = "visitor counter"
ALT_TEXT = "image alt text"
TAGS = "tags"
HEADER = "corpus header"  # "# doc_id = …" lines at the top: metadata, not article text

# Keys are folded lines: lower case, no diacritics, no leading bullets or trailing ":>».".
_PHRASES: dict[str, str] = {
    **dict.fromkeys(("doc them", "xem them", "xem tiep", "doc tiep", "xem chi tiet"), READ_MORE),
    **dict.fromkeys(
        (
            "tin cung chuyen muc", "cac tin khac", "tin khac", "tin lien quan", "bai lien quan",
            "bai viet lien quan", "cac bai viet khac", "tin bai khac", "tin moi", "tin moi nhat",
            "tin noi bat", "doc nhieu", "xem nhieu", "tin doc nhieu", "tin xem nhieu",
            "tin da dua", "cac tin da dua", "co the ban quan tam", "ban co the quan tam",
        ),
        RELATED,
    ),
    **dict.fromkeys(
        (
            "binh luan", "viet binh luan", "viet binh luan moi", "gui binh luan", "y kien ban doc",
            "y kien cua ban", "gui y kien", "comments",
        ),
        COMMENTS,
    ),
    **dict.fromkeys(
        (
            "trang chu", "quay lai", "tro ve", "ve dau trang", "len dau trang", "lien ket website",
            "tin tuc", "tin tuc hoat dong", "tin hoat dong", "tin tuc su kien",
        ),
        NAVIGATION,
    ),
    "co chu": FONT,
}
_SHARE_TOKEN = (
    r"(?:chia se(?: bai viet)?|in trang|in bai(?: viet)?|ban in|in|gui bai(?: viet)?|"
    r"gui email|gui cho ban be|luu(?: bai viet)?|email|e-mail|facebook|twitter|zalo|linkedin|"
    r"print|share|tweet|like|thich|copy link|sao chep lien ket)(?:\s*\(?\d+\)?)?"
)
# "Chia sẻ bài viết", "Facebook Twitter Zalo In trang", "Chia sẻ: Facebook | Email"
_SHARE_RE = re.compile(rf"{_SHARE_TOKEN}(?:[\s|,/•·:-]+{_SHARE_TOKEN})*")
# "In trang" glued after a title by the scraper; capitalised, at the very end of the line.
_GLUED_RE = re.compile(r"\s+(?:In trang|In bài|Bản in)\s*$")
_FONT_RE = re.compile(r"[+\-–\sa]{1,16}")  # "+ aa -", "A A A", "a- a+"
_COMMENT_COUNT_RE = re.compile(r"\d+ binh luan|binh luan \(?\d+\)?")
_VIEWS_RE = re.compile(
    r"(?:(?:so )?luot (?:xem|doc)|da xem|views?)\s*:?\s*[\d.,]+|[\d.,]+ (?:luot xem|views?)"
)
_TAGS_RE = re.compile(r"(?:tu khoa|tags?|keywords?)\s*:.*")
# Counter labels: "strong" ones say what they count; "weak" ones only inside a block.
_STRONG = (
    r"(?:(?:tong |so )?luot truy cap|(?:tong |so nguoi )?truy cap|dang truy cap|dang online|"
    r"online|truc tuyen)"
)
_WEAK = (
    r"(?:hom nay|hom qua|trong tuan|tuan nay|tuan truoc|trong thang|thang nay|thang truoc|"
    r"trong nam|nam nay|tat ca|tong cong|tong so|khach|thanh vien|may chu tim kiem)"
)
_COUNTER_HEADING_RE = re.compile(rf"thong ke(?: truy cap| website)?|bo dem truy cap|{_STRONG}")
_STRONG_COUNT_RE = re.compile(rf"{_STRONG}\s*:?\s*[\d.,]+")
_WEAK_OR_NUMBER_RE = re.compile(rf"{_WEAK}(?:\s*:?\s*[\d.,]+)?|[\d.,]+")
_NUMBER_RE = re.compile(r"[\d.,]+")
_SPACES = " \t\xa0\u2002\u2003\u2009\u200a\u202f\u3000"
_LEAD_CHARS = _SPACES + "•·▪■►»*-–"  # bullets before a widget label
_TRAIL_CHARS = _SPACES + ":>».…!|"  # "Xem thêm >>", "Chia sẻ:"
# VietnamPlus-style alt text: the headline without diacritics plus "hinh anh 1".
_ALT_SUFFIX_RE = re.compile(r"\s*\b(?:hinh anh|anh|image|photo)\s*\d+$")
_HINH_ANH_RE = re.compile(r".+\bhinh anh \d+")
_NON_WORD_RE = re.compile(r"[\W_]+")
_SENTENCE_BREAK_RE = re.compile(r"[.!?]\s+\S")

_ALT_WINDOW = 3  # fuzzy alt-text matches are looked for this many lines either side
_ALT_MIN_WORDS = 3
_HEADLINE_MAX_WORDS = 30
_SHORT_LINE_CHARS = 120  # longer lines are never widget labels
_KEYED_CHARS = 300  # longer lines are body: only their start is folded (fold is slow)


class _Line(NamedTuple):
    start: int
    end: int
    text: str  # stripped
    key: str  # folded, without bullets and trailing punctuation; of the start if long
    plain: bool  # no diacritics (folding changed nothing)


def _lines(text: str) -> list[_Line]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            head = stripped if len(stripped) <= _KEYED_CHARS else stripped[:60]
            folded = fold(head)
            key = folded.lstrip(_LEAD_CHARS).rstrip(_TRAIL_CHARS)
            out.append(_Line(pos, pos + len(raw), stripped, key, folded == head.casefold()))
        pos += len(raw) + 1
    return out


def _line_reason(line: _Line) -> str | None:
    """Reason a whole line, judged alone, is a widget; None for anything else."""
    key = line.key
    if len(line.text) > _SHORT_LINE_CHARS:
        return TAGS if _TAGS_RE.fullmatch(key) and len(line.text.split()) <= 60 else None
    if key in _PHRASES:
        return _PHRASES[key]
    if _SHARE_RE.fullmatch(key):
        return SHARE
    if _FONT_RE.fullmatch(key) and "a" in key and ("+" in key or "-" in key or key.count("a") >= 2):
        return FONT
    if _COMMENT_COUNT_RE.fullmatch(key):
        return COMMENTS
    if _VIEWS_RE.fullmatch(key):
        return VIEWS
    if _STRONG_COUNT_RE.fullmatch(key) or _COUNTER_HEADING_RE.fullmatch(key):
        return VISITORS
    if _TAGS_RE.fullmatch(key):
        return TAGS
    return None


def _is_body_like(line: _Line) -> bool:
    """A paragraph, not a headline: long, several sentences, or ends with a full stop."""
    text = line.text
    if len(text.split()) > _HEADLINE_MAX_WORDS or _SENTENCE_BREAK_RE.search(text):
        return True
    return text.endswith(".") and not text.endswith("..")


def _is_metadata_like(line: _Line) -> bool:
    text = line.text
    return bool(parse_date(text) or _byline(text) or (text.startswith("(") and text.endswith(")")))


def _classify(lines: list[_Line], text_length: int) -> list[str | None]:
    reasons: list[str | None] = []
    in_related = in_counter = False
    for line in lines:
        reason = _line_reason(line)
        if reason is None and in_counter and _WEAK_OR_NUMBER_RE.fullmatch(line.key):
            reason = VISITORS  # "Hôm nay: 12", "• 003900658" under "Thống kê truy cập"
        in_counter = reason in (VISITORS, VIEWS)
        if reason == RELATED:
            # The headlines under it are leftovers only in the end region of the page.
            in_related = 2 * line.start >= text_length
        elif reason is None and in_related:
            if _is_body_like(line) or _is_metadata_like(line):
                in_related = False
            else:
                reason = RELATED
        reasons.append(reason)
    return reasons


def _words_key(folded: str) -> str:
    return " ".join(_NON_WORD_RE.sub(" ", folded).split())


def _alt_texts(lines: list[_Line], reasons: list[str | None]) -> None:
    """Mark diacritic-free lines that copy a line written with diacritics (never the original)."""
    # Alt texts copy titles and captions, which are short: long lines are left out.
    short = [len(line.text) <= _KEYED_CHARS for line in lines]
    candidates = [i for i, line in enumerate(lines) if short[i] and line.plain and not reasons[i]]
    if not candidates:
        return
    marked = [ok and not line.plain for ok, line in zip(short, lines, strict=True)]  # has diacritics
    keys = [_words_key(line.key) if ok else "" for ok, line in zip(short, lines, strict=True)]
    originals = {key for key, has in zip(keys, marked, strict=True) if has}
    for i in candidates:
        bare = _ALT_SUFFIX_RE.sub("", keys[i])
        if len(bare.split()) < _ALT_MIN_WORDS:
            continue
        if bare in originals or _HINH_ANH_RE.fullmatch(keys[i]):
            reasons[i] = ALT_TEXT  # "... hinh anh 1" is VietnamPlus alt text even unmatched
        else:
            for j in range(max(0, i - _ALT_WINDOW), min(len(lines), i + _ALT_WINDOW + 1)):
                if marked[j] and _near(bare, keys[j]):
                    reasons[i] = ALT_TEXT
                    break


def _near(a: str, b: str) -> bool:
    total = len(a) + len(b)
    if total and 2.0 * min(len(a), len(b)) / total < 0.9:
        return False  # real_quick_ratio's answer, before building the matcher's index of b
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= 0.9 and matcher.quick_ratio() >= 0.9 and matcher.ratio() >= 0.9


def _stray_numbers(lines: list[_Line], reasons: list[str | None]) -> None:
    """A bare number ("548") next to widgets is a counter; inside the body it is data."""
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        for i in order:
            if reasons[i] is None and _NUMBER_RE.fullmatch(lines[i].key):
                neighbours = [reasons[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
                if any(r is not None for r in neighbours):
                    reasons[i] = VIEWS


def find_boilerplate(text: str) -> list[Span]:
    """(start, end, reason) of each line, or part of a line, that is web leftover, in text order.

    Offsets are code points into `text` (the stored, NFC text with "\\n" line breaks). A
    span is a whole line without its "\\n", except "In trang" glued after a title: then
    only the glued words (with the space before them), so the title stays visible.
    """
    lines = _lines(text)
    reasons = _classify(lines, len(text))
    _alt_texts(lines, reasons)
    _stray_numbers(lines, reasons)
    for i, line in enumerate(lines):  # the header block: the first lines, one after another
        if not _HEADER_RE.fullmatch(line.text):
            break
        reasons[i] = HEADER
    spans: list[Span] = []
    for line, reason in zip(lines, reasons, strict=True):
        if reason is not None:
            spans.append((line.start, line.end, reason))
            continue
        glued = _GLUED_RE.search(text, line.start, line.end)
        if glued and glued.start() > line.start and text[line.start : glued.start()].strip():
            spans.append((glued.start(), line.end, SHARE))
    return spans
