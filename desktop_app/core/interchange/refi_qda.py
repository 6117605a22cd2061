"""REFI-QDA vocabulary shared by the .qdpx/.qdc exporter and the .qdpx importer.

REFI-QDA (QDA-XML 1.0) is the exchange format of NVivo, ATLAS.ti, MAXQDA and QualCoder.
The exporter is `refi_export` (export_qdpx, export_qdc), the importer `refi_import`
(import_qdpx). Everything both sides must agree on lives here, so a file we write is
read back exactly: names of our source variables, how nested tag names become nested
codes, and how times are written. And what a position in another tool's file means:
`choose_reading` finds how it counted, `normalize_mapped` carries positions in its raw
text over to our normalized text.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from desktop_app import APP_DISPLAY_NAME, __version__
from desktop_app.core.annotate.highlights import clean_tag_name
from desktop_app.core.text.normalize import OffsetMap, normalize

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
# The Project's `origin`: how the importer recognises a file it wrote itself.
ORIGIN = f"{APP_DISPLAY_NAME} {__version__}"
ORIGIN_PREFIX = APP_DISPLAY_NAME
# Nested tags are named like paths: "Cán bộ/Đào tạo" is a child of "Cán bộ".
TAG_PATH_SEPARATOR = "/"
# Article metadata travels as text variables of each TextSource (QualCoder reads them
# as file attributes); the title is the TextSource's name.
ARTICLE_VARIABLES = ("source", "author", "published", "url", "kicker")

_CRLF_RE = re.compile("\r\n")
# Fixed namespace: the same library content always gets the same GUIDs.
_GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://chugiai.invalid/refi-qda")


def stable_guid(*parts: object) -> str:
    """A GUID derived from content (hashes, names, positions), never from the clock.

    Row ids are not used: they differ between two libraries holding the same
    content, and an export -> import -> export round trip must give the same file.
    """
    return str(uuid.uuid5(_GUID_NAMESPACE, "\x1f".join(str(p) for p in parts)))


def tag_code_path(name: str) -> tuple[str, ...]:
    """The code path of a tag: "Cán bộ/Đào tạo" -> ("Cán bộ", "Đào tạo").

    A name nests only if every part is a clean, non-empty tag name, so joining the
    path with "/" gives the name back and no two tags share a path. Other names
    ("a//b", "x / y") stay one top-level code.
    """
    parts = name.split(TAG_PATH_SEPARATOR)
    if len(parts) > 1 and all(p and clean_tag_name(p) == p for p in parts):
        return tuple(parts)
    return (name,)


def code_path_name(path: tuple[str, ...]) -> str:
    """The tag name for a code path (the inverse of `tag_code_path`)."""
    return TAG_PATH_SEPARATOR.join(path)


def format_datetime(value: datetime | None) -> str | None:
    """xsd:dateTime in UTC to the second; the database stores UTC without a zone."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_datetime(value: str | None) -> datetime | None:
    """An xsd:dateTime as an aware UTC datetime to the second; None if absent or odd.

    Other tools write "Z", offsets and up to 7 fractional digits (.NET); a time we
    cannot read is not worth refusing a project for.
    """
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    if "." in text:  # drop fractional seconds: fromisoformat in 3.10 wants 3 or 6 digits
        head, _, rest = text.partition(".")
        digits = len(rest) - len(rest.lstrip("0123456789"))
        text = head + rest[digits:]
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).replace(microsecond=0)


# --- positions ------------------------------------------------------------------------
@dataclass(frozen=True)
class Reading:
    """One way to count positions in a source text; `to_raw` gives code points into it.

    `to_raw` returns None for a position outside the text or inside a character.
    """

    unit: str
    to_raw: Callable[[int], int | None]


def readings(raw: str) -> list[Reading]:
    """The countings seen in the wild, in the text as decoded (BOM dropped, CRLF kept).

    Code points (REFI-QDA 1.5, QualCoder, us); UTF-16 code units (NVivo: an emoji
    counts 2); characters with CRLF as one (ATLAS.ti, as QualCoder's importer notes).
    A counting that cannot differ from code points for this text is left out.
    """
    n = len(raw)
    found = [Reading("code points", lambda p: p if 0 <= p <= n else None)]
    offsets = OffsetMap(raw)
    n16 = offsets.to_utf16(n)
    if n16 != n:

        def from_utf16(u: int) -> int | None:
            if not 0 <= u <= n16:
                return None
            cp = offsets.to_codepoint(u)
            return cp if offsets.to_utf16(cp) == u else None  # not inside a surrogate pair

        found.append(Reading("UTF-16 code units", from_utf16))
    crlf = [m.start() for m in _CRLF_RE.finditer(raw)]
    if crlf:
        # Where each CRLF sits when it counts one: earlier CRLFs each take one unit less.
        newlines = [pos - k for k, pos in enumerate(crlf)]
        n1 = n - len(crlf)

        def from_crlf_as_one(q: int) -> int | None:
            return q + bisect.bisect_right(newlines, q - 1) if 0 <= q <= n1 else None

        found.append(Reading("characters with CRLF as one", from_crlf_as_one))
    return found


def choose_reading(raw: str, spans: list[tuple[int, int]], origin: str = "") -> Reading:
    """The counting under which most selection ends fall between words, not inside one.

    A counting that puts any position outside the text (or inside a character) is out.
    Ties go to the exporting tool's known habit, then to code points (the standard).
    Raises ValueError, in words, if no counting fits every selection.
    """
    candidates = readings(raw)
    habit = {"nvivo": "UTF-16 code units", "atlas": "characters with CRLF as one"}
    preferred = next((unit for key, unit in habit.items() if key in origin.lower()), "")
    best: tuple[int, int, Reading] | None = None
    for reading in candidates:
        score = score_reading(raw, reading, spans)
        if score is None:
            continue
        key = (score, 1 if reading.unit == preferred else 0)
        if best is None or key > best[:2]:
            best = (*key, reading)
    if best is None:
        start, end = next((s, e) for s, e in spans if e > len(raw))
        raise ValueError(
            f"a selection at positions {start}–{end} lies beyond the end of its text "
            f"({len(raw)} characters)."
        )
    return best[2]


def score_reading(raw: str, reading: Reading, spans: list[tuple[int, int]]) -> int | None:
    """Selection starts and ends that fall on a word or line boundary; None if one is invalid."""
    score = 0
    for start, end in spans:
        for pos in (start, end):
            i = reading.to_raw(pos)
            if i is None:
                return None
            score += _at_boundary(raw, i)
    return score


def _at_boundary(raw: str, i: int) -> bool:
    if i <= 0 or i >= len(raw):
        return True
    before, after = raw[i - 1], raw[i]
    if before == "\r" and after == "\n":
        return False
    return not (_is_word(before) and _is_word(after))


def _is_word(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch)[0] == "M"


def normalize_mapped(raw: str) -> tuple[str, list[int], list[int]]:
    """`normalize(raw)` and where each raw position lands in it, for starts and for ends.

    A start inside something normalization merges or drops (a CRLF, a letter and its
    combining mark) moves to where that begins, an end to where it ends: the highlight
    keeps all of what was selected. Two steps: per character (line breaks, controls,
    Ð), then NFC, which only ever joins a character with the ones before it.
    """
    pieces: list[tuple[int, str]] = []  # (raw start, what it becomes); CRLF is one piece
    i, n = 0, len(raw)
    cache: dict[str, str] = {}
    while i < n:
        if raw.startswith("\r\n", i):
            pieces.append((i, "\n"))
            i += 2
            continue
        ch = raw[i]
        out = cache.get(ch)
        if out is None:
            out = cache[ch] = normalize(ch)
        pieces.append((i, out))
        i += 1
    step1 = "".join(out for _, out in pieces)
    starts1, ends1 = _piece_maps(raw, pieces)
    if unicodedata.is_normalized("NFC", step1):
        text, starts, ends = step1, starts1, ends1
    else:
        starts2, ends2 = _piece_maps(step1, _nfc_groups(step1))
        text = unicodedata.normalize("NFC", step1)
        starts = [starts2[p] for p in starts1]
        ends = [ends2[p] for p in ends1]
    if text != normalize(raw):  # a guard: the hash must match a plain file import
        raise ValueError("the text cannot be normalized position by position.")
    return text, starts, ends


def _nfc_groups(text: str) -> list[tuple[int, str]]:
    """Runs of `text` that NFC normalizes on their own, with their NFC form."""
    groups: list[tuple[int, str]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i < len(text):
            ch = text[i]
            if unicodedata.combining(ch):
                continue
            if ch >= "\u0300":  # a starter that may still compose with what precedes
                run = text[start:i]
                if unicodedata.normalize("NFC", run + ch) != unicodedata.normalize(
                    "NFC", run
                ) + unicodedata.normalize("NFC", ch):
                    continue
        groups.append((start, unicodedata.normalize("NFC", text[start:i])))
        start = i
    return groups


def _piece_maps(src: str, pieces: list[tuple[int, str]]) -> tuple[list[int], list[int]]:
    """Start and end position maps from `src` to the concatenated piece outputs."""
    starts = [0] * (len(src) + 1)
    ends = [0] * (len(src) + 1)
    pos = 0
    bounds = [p for p, _ in pieces[1:]] + [len(src)]
    for (begin, out), stop in zip(pieces, bounds, strict=False):
        exact = src[begin:stop] == out
        for p in range(begin, stop):
            inside = p - begin
            starts[p] = pos + inside if exact else pos
            ends[p] = pos + inside if exact or inside == 0 else pos + len(out)
        pos += len(out)
    starts[len(src)] = ends[len(src)] = pos
    return starts, ends
