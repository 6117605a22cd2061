"""The signature lines of a news text: the outlet in a dateline ("(NLĐ) -") or a closing
"(TTXVN)", a "Theo Reuters" credit, and the byline, each accepted only when the whole
line has its shape. Sign-off words ("tổng hợp", "Còn tiếp") and table rows are never
a name (metadata.py decides where to look).
"""

from __future__ import annotations

import re

from desktop_app.core.library.ingest.outlets import BARE_LEAD_RE, canonical_outlet
from desktop_app.core.text.normalize import fold

# ---------------------------------------------------------------- source and byline

_PHOTO_WORDS_RE = re.compile(
    r"(?:ảnh|nguồn ảnh|ảnh minh họa|ảnh minh hoạ|photo|video|clip|đồ họa|đồ hoạ|infographic)\b",
    re.IGNORECASE,
)
# "(PLVN) -", "(TTXVN)-", "HÀ NỘI (TTXVN) -", "Hà Nội, 22/11 (TTXVN) -" at a line start.
_LEAD_SOURCE_RE = re.compile(r"(.{0,40}?)\s*\(([^()\n]{2,40})\)\s*[-–—]")
_DATELINE_RE = re.compile(r"[^\d,()]+,\s*(?:ngày\s*)?\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?")
_WHOLE_PAREN_RE = re.compile(r"\(([^()\n]{2,60})\)\.?")
_NAME_WITH_SOURCE_RE = re.compile(r"(.+?)\s*\(([^()\n]{2,60})\)\.?")
_SOURCE_PREFIX_RE = re.compile(r"^(?:theo|nguồn)\s*:?\s*", re.IGNORECASE)
_BYLINE_LABEL_RE = re.compile(
    r"^(?:bài\s*(?:,|và|/)\s*ảnh|tin\s*(?:,|và|/)\s*ảnh|bài|tin|thực hiện|ghi chép|"
    r"nhóm phóng viên|phóng viên|pv)\s*:\s*",
    re.IGNORECASE,
)
_NAME_SEPARATORS_RE = re.compile(r"\s*(?:,|;| - | – | và )\s*")
_NAME_WORD_RE = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_][^\W\d_]*\.?")


# Words that sign off an article but name no one: never an author, source or credit.
_NOT_NAMES_RE = re.compile(
    r"(?:^|\b)(?:tong hop|thuc hien|con tiep|con nua|ket thuc|het|suu tam|bien dich|"
    r"luoc dich|dich|tham khao|nhom pv|phong vien|pv|ctv|bt|st|trich|nguon)(?:\b|$)"
)
_CREDIT_RE = re.compile(r"\(?\s*(?:theo|nguồn)\s*:?\s+(.{2,60}?)\s*\)?\.?", re.IGNORECASE)
_TABLE_CELL_RE = re.compile(r"[\t|]")
_RANKED_ROW_RE = re.compile(r"\d+[.)]?\s.{0,60}")  # "1. Hà Nội FC 30 18"
_NUMBER_RE = re.compile(r"\d+")


def _is_table_row(line: str) -> bool:
    """A row of a results table or a score line, not a sentence or a name."""
    if _TABLE_CELL_RE.search(line):
        return True
    if len(line) > 80 or line.endswith("."):
        return False
    return bool(_RANKED_ROW_RE.fullmatch(line)) or len(_NUMBER_RE.findall(line)) >= 3


def _outlet(inner: str) -> str | None:
    """The outlet named inside parentheses, or None for a photo credit, a date, or a
    sign-off word ("tổng hợp", "Còn tiếp"). Known outlets get the table's name."""
    inner = inner.strip()
    if _PHOTO_WORDS_RE.match(inner):
        return None
    inner = _SOURCE_PREFIX_RE.sub("", inner).strip()
    words = inner.split()
    if not 1 <= len(words) <= 5 or not inner[0].isalpha() or "/" in inner:
        return None
    if any(ch.isdigit() for ch in inner) and canonical_outlet(inner) == inner:
        return None  # "(14/10/1930 - 14/10/2023)": outlets are not numbers (but "24h")
    if _NOT_NAMES_RE.search(fold(inner)):
        return None
    return canonical_outlet(inner)


def _credit(line: str) -> str | None:
    """The outlet of a "Theo Reuters" / "(Theo TTXVN)" / "Nguồn: AFP" line, or None."""
    m = _CREDIT_RE.fullmatch(line)
    if not m or m.group(1).lower().startswith(("ảnh", "http")):
        return None
    name = _outlet(m.group(1).rstrip(")."))
    return name if name and (name[0].isupper() or "." in name) else None


def _lead_source(line: str) -> str | None:
    """The outlet of a dateline such as "(TTXVN)- Thực hiện …", or None."""
    bare = BARE_LEAD_RE.match(line)
    if bare:
        return canonical_outlet(bare.group(1))
    m = _LEAD_SOURCE_RE.match(line)
    if not m:
        return None
    prefix = m.group(1).strip()
    if prefix and not (prefix.isupper() or _DATELINE_RE.fullmatch(prefix)):
        return None  # "Hội nghị (mở rộng) - …" is a sentence, not a dateline
    return _outlet(m.group(2))


def _name(candidate: str, labelled: bool) -> str | None:
    """A person's name (or several) as written, or None if the line is not name-like."""
    candidate = candidate.strip().rstrip(".")
    if not candidate or len(candidate) > 60 or _TABLE_CELL_RE.search(candidate):
        return None
    if _NOT_NAMES_RE.search(fold(candidate)):
        return None
    words_total = 0
    for part in _NAME_SEPARATORS_RE.split(candidate):
        words = part.split()
        if not 1 <= len(words) <= 5:
            return None
        for word in words:
            if not _NAME_WORD_RE.fullmatch(word) or not word[0].isupper():
                return None
        words_total += len(words)
    # One bare capitalised word at the end of a page is too often furniture.
    return candidate if labelled or words_total >= 2 else None


def _byline(line: str) -> str | None:
    stripped = _BYLINE_LABEL_RE.sub("", line)
    return _name(stripped, labelled=stripped != line)
