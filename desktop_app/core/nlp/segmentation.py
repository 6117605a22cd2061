"""Vietnamese word segmentation with exact code-point offsets into the stored text.

underthesea's `word_tokenize` returns strings, not offsets, and rewrites what it reads
(NFD -> NFC, Ð -> Đ, old tone placement hoà -> hòa, typo fixes such as nghành -> ngành,
collapsed whitespace). `align_tokens` maps its tokens back onto the source with a
normalizing key, so every word is a real span of `Article.text`.

underthesea is imported lazily: importing it costs ~0.35 s and it is only ever needed
inside the segmentation worker process (DESIGN.md, "underthesea 9.5.0").
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata
from itertools import islice

from desktop_app.core.text.graphemes import boundaries, snap_spans
from desktop_app.core.text.normalize import paragraph_spans


def _engine_name() -> str:
    try:
        return f"underthesea {metadata.version('underthesea')}"
    except metadata.PackageNotFoundError:  # a frozen build without dist-info
        return "underthesea unknown"


# Stored next to every segmentation: a different engine means the cache is stale.
ENGINE: str = _engine_name()
# Stored next to every tagging (nlp/pos_ner.py); the suffix changes when our use of the
# engine changes (alignment, entity merging, the labels kept), so old rows are redone.
TAGGING_ENGINE = f"{ENGINE}; ner-crf 1"

# Longest piece of text given to one word_tokenize call. A 1 MB line in one call needs
# ~1.5 GB and blocks cancellation for seconds; 4,000 characters take ~25 ms.
MAX_UNIT = 4000

_SPACE_RE = re.compile(r"\s*")


def _space_end(text: str, pos: int, end: int | None = None) -> int:
    """Where the run of white space at `pos` ends (the pattern matches even an empty run)."""
    m = _SPACE_RE.match(text, pos) if end is None else _SPACE_RE.match(text, pos, end)
    assert m is not None
    return m.end()
_SENTENCE_END_RE = re.compile(r"[.!?…;]+[\"”’)\]]*\s+")
_FOLD_LETTERS = str.maketrans("đĐðÐ", "dDdD")
# Marks, format characters (zero-width space, joiners, BOM) and controls carry no letter
# of their own: the key skips them on both sides of the alignment.
_KEYLESS_CATEGORIES = frozenset({"Mn", "Me", "Cf", "Cc"})
_MARK_CATEGORIES = frozenset({"Mn", "Me"})


@lru_cache(maxsize=8192)
def _char_key(ch: str) -> str:
    """Base letters of one character, case-folded: what survives any underthesea rewrite."""
    if ch.isspace() or unicodedata.category(ch) in _KEYLESS_CATEGORIES:
        return ""
    base = unicodedata.normalize("NFD", ch.translate(_FOLD_LETTERS))
    folded = unicodedata.normalize("NFD", "".join(c for c in base if not _is_mark(c)).casefold())
    return "".join(c for c in folded if not _is_mark(c) and not c.isspace())


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in _MARK_CATEGORIES


def match_key(text: str) -> str:
    """The comparison key used by the aligner: no marks, no spaces, no zero-width, folded."""
    return "".join(_char_key(ch) for ch in text)


class _SourceKeys:
    """The key of a source string, with the source index of every key character."""

    def __init__(self, source: str) -> None:
        chars: list[str] = []
        index: list[int] = []
        for i, ch in enumerate(source):
            for k in _char_key(ch):
                chars.append(k)
                index.append(i)
        self.key = "".join(chars)
        self.index = index


def _extend_over_marks(source: str, end: int) -> int:
    """A span never ends between a letter and its combining marks (NFD text)."""
    while end < len(source) and _is_mark(source[end]):
        end += 1
    return end


def _anchor(keys: list[str], after: int, length: int = 8) -> str:
    """Keys of the tokens after `after`, joined up to `length` characters: a resync point."""
    parts: list[str] = []
    total = 0
    for k in islice(keys, after + 1, None):
        parts.append(k)
        total += len(k)
        if total >= length:
            break
    return "".join(parts)


def align_tokens(source: str, tokens: Sequence[str]) -> list[tuple[int, int]]:
    """One (start, end) span of `source` per token, in order, never overlapping.

    Fast path: the token is literally the next non-space text (NFC stored text, almost
    always). Otherwise tokens are matched on `match_key`; a token whose letters were
    changed (typo fixes) ends where the following tokens resynchronise. A token that
    cannot be placed at all gets an empty span at the current position. Never raises.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    src: _SourceKeys | None = None
    token_keys: list[str] | None = None
    for ti, token in enumerate(tokens):
        if not isinstance(token, str):
            token = str(token)
        start = _space_end(source, pos)
        if token and not token[0].isspace() and not token[-1].isspace() and source.startswith(token, start):
            pos = start + len(token)
            spans.append((start, pos))
            continue
        # Slow path: compare keys.
        if src is None:
            src = _SourceKeys(source)
            token_keys = [match_key(str(t)) for t in tokens]
        assert token_keys is not None
        span = _align_slow(source, src, token_keys, ti, token, pos, start)
        spans.append(span)
        pos = max(pos, span[1])
    return spans


def _align_slow(
    source: str, src: _SourceKeys, token_keys: list[str], ti: int, token: str, pos: int, start: int
) -> tuple[int, int]:
    key = token_keys[ti]
    if not key:
        # Marks, zero-width characters or controls on their own: match them literally.
        stripped = token.strip()
        if stripped and source.startswith(stripped, start):
            return start, start + len(stripped)
        return pos, pos
    skey, index = src.key, src.index
    q = bisect.bisect_left(index, pos)
    remaining = len(skey) - q
    if remaining <= 0:
        return pos, pos
    if skey.startswith(key, q):
        return index[q], _extend_over_marks(source, index[q + len(key) - 1] + 1)
    anchor = _anchor(token_keys, ti)
    if anchor:
        # The letters changed (nghành -> ngành): the token ends where the next ones begin.
        r = skey.find(anchor, q + 1, q + 2 * len(key) + 16 + len(anchor))
        if r > q:
            return index[q], _extend_over_marks(source, index[r - 1] + 1)
    else:
        # Last token: it takes the rest of the line unless that is much longer.
        if remaining <= 2 * len(key) + 8:
            return index[q], _extend_over_marks(source, index[-1] + 1)
    r = skey.find(key, q, q + len(key) + 16)
    if r >= 0:
        return index[r], _extend_over_marks(source, index[r + len(key) - 1] + 1)
    m = min(len(key), remaining)
    return index[q], _extend_over_marks(source, index[q + m - 1] + 1)


def _visible(text: str) -> bool:
    return any(unicodedata.category(ch) not in ("Cf", "Cc") and not ch.isspace() for ch in text)


def _word_tokenize(text: str) -> list[str]:
    from underthesea import word_tokenize  # lazy: see module docstring

    return word_tokenize(text)


def segment_paragraph(text: str) -> list[tuple[int, int]]:
    """Word spans of one line (call it per paragraph: underthesea joins across newlines).

    Grapheme-safe: no span cuts a letter from its marks, an emoji ZWJ sequence or a flag,
    and every character that is not white space is in exactly one span (a soft hyphen or
    joiner underthesea drops joins the word it touches; graphemes.snap_spans)."""
    if "\n" in text:
        return segment_text(text)
    if not text.strip():
        return []
    return snap_spans(text, align_tokens(text, _word_tokenize(text)))


def _split_point(text: str, start: int, limit: int) -> int:
    """Where to cut a long line: the last sentence end, else the last space, before limit."""
    window_start = start + (limit - start) // 2
    cut = -1
    for m in _SENTENCE_END_RE.finditer(text, window_start, limit):
        cut = m.end()
    if cut < 0:
        space = max(text.rfind(" ", window_start, limit), text.rfind("\t", window_start, limit))
        if space > start:
            cut = space + 1
    if cut <= start:  # no space at all: cut at the last grapheme boundary before limit
        bounds = boundaries(text[start:limit + 1])
        cut = start + bounds[bisect.bisect_right(bounds, limit - start) - 1]
        if cut <= start:
            cut = limit
    return cut


def segmentation_units(text: str, max_unit: int = MAX_UNIT) -> list[tuple[int, int]]:
    """Lines, with very long lines cut at sentence ends: each is one word_tokenize call."""
    units: list[tuple[int, int]] = []
    for start, end in paragraph_spans(text):
        while end - start > max_unit:
            cut = _split_point(text, start, start + max_unit)
            units.append((start, cut))
            start = _space_end(text, cut, end)
        if start < end and text[start:end].strip():
            units.append((start, end))
    return units


def job_chunks(text: str, limit: int = MAX_UNIT) -> list[tuple[int, int]]:
    """Consecutive units grouped up to `limit` characters: one worker job each.

    Pieces of one long line are never grouped together, so `segment_text` of a chunk
    gives exactly the spans `segment_text` of the whole text gives there: chunks only
    save per-job overhead on short lines.
    """
    chunks: list[tuple[int, int]] = []
    for start, end in segmentation_units(text):
        if chunks and end - chunks[-1][0] <= limit and "\n" in text[chunks[-1][1]:start]:
            chunks[-1] = (chunks[-1][0], end)
        else:
            chunks.append((start, end))
    return chunks


def segment_text(text: str) -> list[tuple[int, int]]:
    """Word spans of a whole text, one line (or long-line piece) at a time."""
    spans: list[tuple[int, int]] = []
    for start, end in segmentation_units(text):
        spans.extend((start + s, start + e) for s, e in segment_paragraph(text[start:end]))
    return spans


def warm_up() -> None:
    """Load the model once: concurrent first calls race ('NoneType' has no 'process')."""
    _word_tokenize("x")
