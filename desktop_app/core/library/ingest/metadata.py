"""Title, kicker, date, source, byline and URL of a scraped Vietnamese news text.

The seeds are copied from web pages, so the article's own lines are mixed with page
furniture ("+ aa -", "Chia sẻ bài viết", visitor counters). We only look where
metadata sits — the first lines and the last lines — and accept a line only when its
whole shape matches, so running text (which also holds dates and parentheses) is
never mistaken for metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from desktop_app.core.library.ingest.outlets import outlet_for_url
from desktop_app.core.library.ingest.signature import (
    _NAME_WITH_SOURCE_RE,
    _WHOLE_PAREN_RE,
    _byline,
    _credit,
    _is_table_row,
    _lead_source,
    _outlet,
)
from desktop_app.core.text.normalize import fold


@dataclass(frozen=True)
class ArticleMeta:
    title: str = ""
    kicker: str | None = None
    source: str | None = None  # the outlet: from the header, the web address, the lead, the end
    author: str | None = None
    url: str | None = None
    # ISO 8601 "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" (local time as printed): sorts as text.
    published: str | None = None
    credit: str | None = None  # "Theo Reuters": whom the outlet credits (never the author)
    title_guessed: bool = False  # no headline: the title is the first sentence
    header: tuple[tuple[str, str], ...] = ()  # "# key = value" lines at the top, as found


# How far from each end metadata may sit, in non-blank lines.
_HEAD_LINES = 12
_TAIL_LINES = 25
_MAX_TITLE_CHARS = 250
_MAX_KICKER_CHARS = 100
_MAX_GUESSED_TITLE_CHARS = 120
_LEAD_LINES = 25  # the lead ("(NLĐ) - …") may follow a sapo and photo captions

# ---------------------------------------------------------------- dates

_LABEL = (
    r"(?:cập nhật(?: lúc| ngày)?|ngày cập nhật|ngày đăng|đăng lúc|đăng ngày|ngày|"
    r"thời gian|xuất bản|published|updated|posted)\s*:?\s*"
)
_WEEKDAY = r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|t[2-7]|cn)\s*,?\s*"
_DMY = r"(?P<d{n}>\d{{1,2}})[/.-](?P<m{n}>\d{{1,2}})[/.-](?P<y{n}>\d{{4}})"
_HM = r"(?P<H{n}>\d{{1,2}})[:hg](?P<M{n}>\d{{2}})(?::\d{{2}})?(?:\s*(?P<p{n}>SA|CH|AM|PM))?"
_SEP = r"\s*[-|,–]?\s*"
_TZ = r"(?:\s*\(?(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?\)?)?"
_DATE_LINE_RE = re.compile(
    rf"(?:{_LABEL})?(?:{_WEEKDAY})?"
    rf"(?:{_DMY.format(n=1)}(?:{_SEP}{_HM.format(n=1)})?"
    rf"|{_HM.format(n=2)}{_SEP}(?:{_WEEKDAY})?{_DMY.format(n=2)}"
    r"|(?P<Y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})(?:[T ](?P<H3>\d{2}):(?P<M3>\d{2})(?::\d{2})?)?)"
    rf"{_TZ}",
    re.IGNORECASE,
)
_COMPACT_DATE_RE = re.compile(r"(\d{4})(\d{2})(\d{2})")


def parse_date(value: str) -> str | None:
    """ISO 8601 form of a whole-line Vietnamese date, or None if the line is not one."""
    value = value.strip()
    compact = _COMPACT_DATE_RE.fullmatch(value)
    if compact:
        return _iso(compact.group(1), compact.group(2), compact.group(3), None, None, None)
    m = _DATE_LINE_RE.fullmatch(value)
    if not m:
        return None
    g = m.groupdict()
    for n in "123":
        year = g.get(f"y{n}") or g.get(f"Y{n}")
        if year:
            return _iso(year, g[f"m{n}"], g[f"d{n}"], g.get(f"H{n}"), g.get(f"M{n}"), g.get(f"p{n}"))
    return None


def _iso(
    year: str, month: str, day: str, hour: str | None, minute: str | None, period: str | None
) -> str | None:
    h = int(hour) if hour else 0
    if period:
        # SA (sáng) = AM, CH (chiều) = PM; 12 SA is midnight, 12 CH is noon.
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if period.upper() in ("CH", "PM") else 0)
    try:
        moment = datetime(int(year), int(month), int(day), h, int(minute) if minute else 0)
    except ValueError:
        return None  # 31/02, 25:00 ...
    return moment.strftime("%Y-%m-%dT%H:%M") if hour else moment.strftime("%Y-%m-%d")


# ---------------------------------------------------------------- page furniture

# Folded (no diacritics, lower case) so "Chia sẻ" and "Chia se" both match.
_LEFTOVER_PHRASES = frozenset(
    {
        "doc them", "xem them", "xem tiep", "chia se", "chia se bai viet", "binh luan",
        "viet binh luan", "viet binh luan moi", "gui binh luan", "y kien ban doc",
        "tin cung chuyen muc", "cac tin khac", "tin khac", "tin lien quan", "bai lien quan",
        "tin moi", "tin moi nhat", "tin noi bat", "doc nhieu", "xem nhieu", "tin doc nhieu",
        "tin tuc", "tin tuc hoat dong", "tin hoat dong", "tin tuc su kien", "trang chu",
        "lien ket website", "thong ke truy cap", "in trang", "in bai", "ban in", "in",
        "quay lai", "tro ve", "ve dau trang", "len dau trang", "gui bai", "gui email",
        "facebook", "twitter", "zalo", "email", "print", "share", "top", "like",
    }
)
_FONT_CONTROLS_RE = re.compile(r"(?:[+\-–]?\s*a{1,2}\s*[+\-–]?\s*){1,3}", re.IGNORECASE)
_COUNTER_RE = re.compile(r"[^\d\n]{1,40}:\s*[\d.,]+")  # "Lượt xem: 1.420"
_LABELLED_RE = re.compile(r"(?:từ khóa|từ khoá|tags?|chủ đề)\s*:.*", re.IGNORECASE)
_ALT_TEXT_RE = re.compile(r"[\x20-\x7e]* (?:hinh anh|anh) \d+")  # "... hinh anh 1"
_BULLET_CHARS = "•·▪■►»"
_GLUED_SUFFIX_RE = re.compile(r"\s+(?:In trang|In bài|Bản in)\s*$")
_URL_LINE_RE = re.compile(r"(?:(?:nguồn|link|url|source)\s*:\s*)?(https?://\S+)", re.IGNORECASE)


def _is_leftover(line: str) -> bool:
    """Page furniture: navigation, share buttons, counters, font controls, alt text."""
    if not any(ch.isalpha() for ch in line):
        return True  # "548", "• 003900658", "***"
    if line[0] in _BULLET_CHARS:
        return True
    key = re.sub(r"[\s:>»….!]+$", "", fold(line)).strip()
    return bool(
        key in _LEFTOVER_PHRASES
        or _FONT_CONTROLS_RE.fullmatch(line)
        or _COUNTER_RE.fullmatch(line)
        or _LABELLED_RE.fullmatch(line)
        or _ALT_TEXT_RE.fullmatch(line)
        or _URL_LINE_RE.fullmatch(line)
    )


# ---------------------------------------------------------------- title and kicker

_HEADER_RE = re.compile(r"#\s*([A-Za-z_][A-Za-z0-9_ .-]{0,30}?)\s*=\s*(.*)")  # "# newdoc id = …" too
_MARKDOWN_HEADING_RE = re.compile(r"#{1,6}\s+(\S.*)")
_HEADER_KEYS = {
    "title": "title", "headline": "title", "kicker": "kicker", "sapo_title": "kicker",
    "source": "source", "outlet": "source", "newspaper": "source",
    "author": "author", "byline": "author", "url": "url", "link": "url",
    "date": "published", "published": "published", "datetime": "published",
}


def _clean_title(line: str) -> str:
    return _GLUED_SUFFIX_RE.sub("", line).strip()


def _is_headline(line: str) -> bool:
    """Short enough, at least two words, and not a finished sentence."""
    if len(line) > _MAX_TITLE_CHARS or len(line.split()) < 2:
        return False
    return not line.endswith(".") or line.endswith("...")


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, stripped line) for every non-blank line; offset of the line's start."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            out.append((pos, stripped))
        pos += len(raw) + 1
    return out


def parse_metadata(text: str) -> ArticleMeta:
    """Metadata of one article text (best done on the stored, normalized text)."""
    lines = _lines(text)
    fields: dict[str, str] = {}

    # "# key = value" header lines at the very top (CoNLL-U style corpora).
    header: list[tuple[str, str]] = []
    for _, line in lines:
        found = _HEADER_RE.fullmatch(line)
        if not found:
            break
        header.append((found.group(1).strip(), found.group(2).strip()))
        key = _HEADER_KEYS.get(found.group(1).strip().lower())
        value = found.group(2).strip()
        if key and value and key not in fields:
            if key == "published":
                value = parse_date(value) or ""
            if value:
                fields[key] = value
    stated_source = "source" in fields
    body = [line for _, line in lines[len(header):]]
    head = body[:_HEAD_LINES]

    for line in head:
        published = parse_date(line)
        if published:
            fields.setdefault("published", published)
            break

    if "title" not in fields:
        title, kicker = _find_title(head)
        if title:
            fields["title"] = title
            if kicker:
                fields.setdefault("kicker", kicker)

    for line in body[:_LEAD_LINES]:
        lead = _lead_source(line)
        if lead:
            fields.setdefault("source", lead)
            break

    _scan_tail(body, fields)
    if "url" not in fields:
        for line in head:
            url = _URL_LINE_RE.fullmatch(line)
            if url:
                fields["url"] = url.group(1)
                break
    # The site it was published on is the outlet; an agency its lead names is a credit.
    site = None if stated_source else outlet_for_url(fields.get("url"))
    if site:
        found_source = fields.get("source")
        if found_source and found_source != site:
            fields.setdefault("credit", found_source)
        fields["source"] = site

    guessed = "title" not in fields
    return ArticleMeta(
        title=fields.get("title") or _guess_title(body),
        kicker=fields.get("kicker"),
        source=fields.get("source"),
        author=fields.get("author"),
        url=fields.get("url"),
        published=fields.get("published"),
        credit=fields.get("credit"),
        title_guessed=guessed and bool(body),
        header=tuple(header),
    )


_SENTENCE_RE = re.compile(r".+?[.!?…](?=\s|$)")
_LEAD_PREFIX_RE = re.compile(r".{0,40}?\([^()\n]{2,40}\)\s*[-–—]\s*|(?:TTO|NLĐO|PLO|TNO|VTV|VOV)\s*[-–—]\s*")


def _guess_title(body: list[str]) -> str:
    """The first sentence of the first line of text (no dates, furniture or addresses),
    cut at a word to at most ~120 characters: a name for an article with no headline."""
    for line in body:
        if parse_date(line) or _is_leftover(line) or _URL_LINE_RE.fullmatch(line) \
                or _PHOTO_CREDIT_RE.fullmatch(line):
            continue
        if _lead_source(line):
            line = _LEAD_PREFIX_RE.sub("", line, count=1) or line
        sentence = _SENTENCE_RE.match(line)
        title = (sentence.group() if sentence else line).strip()
        if len(title) > _MAX_GUESSED_TITLE_CHARS:
            cut = title[: _MAX_GUESSED_TITLE_CHARS + 1].rsplit(None, 1)[0]
            title = cut.rstrip(",;:-–— ") + "…"
        return title
    return ""


_PHOTO_CREDIT_RE = re.compile(r"(?:ảnh|nguồn ảnh|photo|video|clip)\s*:.{0,60}", re.IGNORECASE)


def _find_title(head: list[str]) -> tuple[str | None, str | None]:
    """First headline-like line, skipping dates, furniture and photo credits; a "…:" line
    before it is the kicker."""
    kicker: str | None = None
    for line in head:
        heading = _MARKDOWN_HEADING_RE.fullmatch(line)
        if heading:
            return _clean_title(heading.group(1)), kicker
        if parse_date(line) or _is_leftover(line) or _PHOTO_CREDIT_RE.fullmatch(line):
            continue
        if _lead_source(line):
            return None, None  # the body has begun: there is no title line
        if kicker is None and line.endswith(":") and len(line) <= _MAX_KICKER_CHARS:
            kicker = line.rstrip(":").strip()
            continue
        candidate = _clean_title(line)
        if _is_headline(candidate):
            return candidate, kicker
        return None, None
    return None, None


def _scan_tail(body: list[str], fields: dict[str, str]) -> None:
    """Byline, closing "(Outlet)" line and "Theo X" credit: the last lines before the page
    furniture. A name right under a number or a table row is a table's last row, not a
    byline, and ends the search."""
    signature_lines = 0
    first = max(0, len(body) - _TAIL_LINES)
    for index in range(len(body) - 1, first - 1, -1):
        line = body[index]
        url = _URL_LINE_RE.fullmatch(line)
        if url:
            fields.setdefault("url", url.group(1))
            continue
        if _is_leftover(line):
            continue
        credit = _credit(line)
        if credit:
            fields.setdefault("credit", credit)
            continue
        above = body[index - 1] if index > 0 else ""
        if (not any(ch.isalpha() for ch in above) and any(ch.isdigit() for ch in above)) \
                or _is_table_row(above):
            return
        whole = _WHOLE_PAREN_RE.fullmatch(line)
        if whole and _outlet(whole.group(1)):
            fields.setdefault("source", _outlet(whole.group(1)) or "")
        elif _byline(line):
            fields.setdefault("author", _byline(line) or "")
        else:
            named = _NAME_WITH_SOURCE_RE.fullmatch(line)
            name = named and _byline(named.group(1))
            if not (named and name):
                return
            credit = _credit(named.group(2))
            outlet = None if credit else _outlet(named.group(2))
            if not (credit or outlet):
                return
            fields.setdefault("author", name)
            fields.setdefault("credit" if credit else "source", credit or outlet or "")
        signature_lines += 1
        if signature_lines == 2:
            return


def title_span(text: str, meta: ArticleMeta) -> tuple[int, int] | None:
    """(start, end) of the title in `text`, so the reader can style it as a heading.

    `text[start:end] == meta.title`; a glued "In trang" after it stays outside.
    """
    if not meta.title or meta.title_guessed:
        return None  # a guessed title is the body's first sentence, not a heading
    for offset, line in _lines(text)[: _HEAD_LINES + 10]:
        if _HEADER_RE.fullmatch(line):
            continue
        index = line.find(meta.title)
        if index >= 0 and not line[:index].strip("# "):
            raw_start = text.index(line, offset)
            return raw_start + index, raw_start + index + len(meta.title)
    return None
