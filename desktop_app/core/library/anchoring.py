"""Re-anchoring a highlight in a text that may have changed since it was made.

A highlight carries a TextQuoteSelector (quote, prefix, suffix) and a TextPositionSelector
(start, end), as Hypothesis stores them. The order of trust follows DESIGN.md: the old
position if it still holds the quote, then an exact occurrence of the quote (the one whose
context agrees best, then the nearest), then an approximate match good enough to pass the
threshold, else nothing: an orphan is reported, never silently placed somewhere wrong.
Without a position, nearness cannot break a tie: several places that fit equally well
are `Ambiguous` (`locate`), never a guess. (So an export without positions must store
context long enough to tell repeated passages apart: webanno.distinct_context.)

The approximate search is Myers' bit-parallel edit distance (the algorithm Hypothesis'
approx-string-match uses) on bounded windows: one around the old position and a few found
by exact seeds of the quote, so a 100k-character text costs milliseconds, not seconds.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

Method = Literal["exact-position", "exact-quote", "fuzzy"]

MAX_CONTEXT = 64  # characters of prefix/suffix compared; Hypothesis stores 32
EXACT_CONTEXT = 1024  # characters of prefix/suffix an exact match of the context may use
MAX_OCCURRENCES = 20_000  # exact occurrences considered for a very short quote
CONTEXT_RANKED = 64  # occurrences whose context is compared with difflib
MAX_FUZZY_QUOTE = 4_000  # longer quotes are only placed exactly (cost grows with length)
NEAR_SLACK = 2_000  # characters searched either side of the old position
MAX_PIECES = 64  # exact seeds taken from the quote for the search across the text
MAX_SEED_HITS = 500  # a seed found more often than this says nothing about where to look
MAX_WINDOWS = 10  # seeded windows checked with the edit-distance scan


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a quote was placed; `score` is how closely the placed text matches the quote
    (1.0 for the exact methods, 1 - edits / length for fuzzy)."""

    start: int
    end: int
    method: Method
    score: float


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """`count` places fit the quote equally well (`score`, `agreement` of their context)."""

    count: int
    score: float = 1.0
    agreement: float = 0.0


def anchor(
    text: str,
    quote: str,
    prefix: str = "",
    suffix: str = "",
    start: int | None = None,
    end: int | None = None,
    threshold: float = 0.85,
) -> Anchor | None:
    """Find `quote` in `text`, or None when it cannot be placed with confidence (or only
    ambiguously: `locate` tells that apart)."""
    found = locate(text, quote, prefix, suffix, start, end, threshold)
    return found if isinstance(found, Anchor) else None


def locate(
    text: str,
    quote: str,
    prefix: str = "",
    suffix: str = "",
    start: int | None = None,
    end: int | None = None,
    threshold: float = 0.85,
) -> Anchor | Ambiguous | None:
    """`anchor`, saying when the quote fits several places and nothing tells which."""
    if not isinstance(text, str) or not isinstance(quote, str) or not quote or not text:
        return None
    long_prefix = prefix[-EXACT_CONTEXT:] if isinstance(prefix, str) else ""
    long_suffix = suffix[:EXACT_CONTEXT] if isinstance(suffix, str) else ""
    prefix, suffix = long_prefix[-MAX_CONTEXT:], long_suffix[:MAX_CONTEXT]
    threshold = _clean_threshold(threshold)
    m = len(quote)
    hint = _position_hint(start, end, m, len(text))

    held = anchor_at_position(text, quote, start, end)
    if held is not None:
        return held

    found = exact_occurrences(text, quote)
    # The whole stored context first (an export may store more than we compare by
    # similarity, to tell repeated passages apart), then its nearest MAX_CONTEXT.
    perfect = _perfect_context(text, found, m, long_prefix, long_suffix)
    if not perfect and (long_prefix, long_suffix) != (prefix, suffix):
        perfect = _perfect_context(text, found, m, prefix, suffix)
    if perfect:
        # What the ranking below would pick (context 1.0, all adjacent characters agree),
        # without difflib: most moved quotes kept their context, and ranking 64 short,
        # frequent quotes with difflib cost ~1 ms each.
        if hint is None:
            return Ambiguous(len(perfect), 1.0, 1.0) if len(perfect) > 1 else Anchor(
                perfect[0], perfect[0] + m, "exact-quote", 1.0)
        best = min(perfect, key=lambda s: (abs(s - hint), s))
        return Anchor(best, best + m, "exact-quote", 1.0)
    if len(found) > CONTEXT_RANKED:
        # Too many to compare context with difflib: keep those whose neighbours agree
        # character for character (cheap), then the nearest.
        found.sort(key=lambda s: (
            -_adjacent_agreement(text, s, s + m, prefix, suffix),
            abs(s - hint) if hint is not None else s,
        ))
        found = found[:CONTEXT_RANKED]
    if found:
        keys = {s: _rank_key(text, s, s + m, prefix, suffix, hint) for s in found}
        best = max(found, key=keys.__getitem__)
        tied = sum(1 for s in found if keys[s][:2] == keys[best][:2]) if hint is None else 1
        return Ambiguous(tied, 1.0, keys[best][0]) if tied > 1 else Anchor(best, best + m, "exact-quote", 1.0)

    return _fuzzy(text, quote, prefix, suffix, hint, threshold)


def anchor_at_position(
    text: str, quote: str, start: int | None = None, end: int | None = None
) -> Anchor | None:
    """The first step of `anchor`, on its own: the old position (from `start`, or from `end`
    back) if the quote is still there. It needs no context, so a caller placing many
    highlights can try it before working out prefix and suffix."""
    if not isinstance(text, str) or not isinstance(quote, str) or not quote:
        return None
    m = len(quote)
    old_start, old_end = _int_or_none(start), _int_or_none(end)
    for pos in (old_start, None if old_end is None else old_end - m):
        if pos is not None and 0 <= pos <= len(text) - m and text.startswith(quote, pos):
            return Anchor(pos, pos + m, "exact-position", 1.0)
    return None


MIN_CONTEXT = 0.6  # context agreement that vouches for a placement (see `confident`)
INTACT_SIDE = 8  # characters of unchanged prefix or suffix that vouch for a placement
DISTINCT_QUOTE = 40  # a quote this long, found once, is its own evidence


def confident(text: str, placed: Anchor, quote: str, prefix: str = "", suffix: str = "") -> bool:
    """Whether a placement is trustworthy enough to move a highlight without asking.

    `anchor` finds the best place for a quote, but a short quote ("Đảng") whose sentence
    was deleted still has a best place: another occurrence, in another passage. Measured
    on the seeds, the stored context of one occurrence agrees >= 0.6 with only 3% of the
    others (>= 0.5: 9%). So a placement needs one of: a whole side of its context intact,
    context agreement >= MIN_CONTEXT, or a long quote that occurs (at most) once.
    """
    prefix = prefix[-MAX_CONTEXT:] if isinstance(prefix, str) else ""
    suffix = suffix[:MAX_CONTEXT] if isinstance(suffix, str) else ""
    if not prefix and not suffix:
        return True  # nothing else was stored to go on (the quote was the whole text)
    if _side_intact(text, placed.start, placed.end, prefix, suffix):
        return True
    if context_agreement(text, placed.start, placed.end, prefix, suffix) >= MIN_CONTEXT:
        return True
    return len(quote) >= DISTINCT_QUOTE and text.count(quote, 0, len(text)) <= 1


def _side_intact(text: str, start: int, end: int, prefix: str, suffix: str) -> bool:
    """The stored prefix ends right at `start` (or the suffix starts at `end`) unchanged,
    and is long enough to mean something, or reaches the edge of the text as it did."""
    if start >= len(prefix) and text.startswith(prefix, start - len(prefix)):
        if len(prefix) >= INTACT_SIDE or start == len(prefix):
            return True
    if text.startswith(suffix, end):
        if len(suffix) >= INTACT_SIDE or end + len(suffix) == len(text):
            return True
    return False


def context_agreement(text: str, start: int, end: int, prefix: str, suffix: str) -> float:
    """How well the text around [start, end) matches the stored prefix and suffix (0..1)."""
    prefix, suffix = prefix[-MAX_CONTEXT:], suffix[:MAX_CONTEXT]
    parts = []
    if prefix:
        before = text[max(0, start - len(prefix)) : start]
        parts.append(SequenceMatcher(None, prefix, before, autojunk=False).ratio())
    if suffix:
        after = text[end : end + len(suffix)]
        parts.append(SequenceMatcher(None, suffix, after, autojunk=False).ratio())
    return sum(parts) / len(parts) if parts else 0.0


# --- input hygiene ------------------------------------------------------------------------
def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _position_hint(start: object, end: object, m: int, n: int) -> int | None:
    """The old start, clamped into the text; derived from `end` when only that is usable."""
    s, e = _int_or_none(start), _int_or_none(end)
    if s is None and e is not None:
        s = e - m
    if s is None:
        return None
    return min(max(s, 0), n)


def _clean_threshold(threshold: object) -> float:
    if not isinstance(threshold, (int, float)) or isinstance(threshold, bool):
        return 0.85
    if math.isnan(threshold):
        return 0.85
    return min(max(float(threshold), 0.01), 1.0)


# --- exact occurrences --------------------------------------------------------------------
def exact_occurrences(text: str, quote: str) -> list[int]:
    found: list[int] = []
    i = text.find(quote)
    while i != -1 and len(found) < MAX_OCCURRENCES:
        found.append(i)
        i = text.find(quote, i + 1)
    return found


def _perfect_context(text: str, found: list[int], m: int, prefix: str, suffix: str) -> list[int]:
    """The occurrences whose whole stored prefix and suffix are right next to them."""
    if not prefix and not suffix:
        return []  # no context: nearness decides, below
    p = len(prefix)
    return [s for s in found
            if s >= p and text.startswith(prefix, s - p) and text.startswith(suffix, s + m)]


def _adjacent_agreement(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """Characters of prefix/suffix that match right next to the span, without edits."""
    n = 0
    for a, b in zip(reversed(prefix), reversed(text[max(0, start - len(prefix)) : start]), strict=False):
        if a != b:
            break
        n += 1
    for a, b in zip(suffix, text[end : end + len(suffix)], strict=False):
        if a != b:
            break
        n += 1
    return n


def _rank_key(
    text: str, start: int, end: int, prefix: str, suffix: str, hint: int | None
) -> tuple[float, int, int, int]:
    """Better context first, then nearer the old position, then earlier in the text."""
    distance = abs(start - hint) if hint is not None else 0
    return (
        round(context_agreement(text, start, end, prefix, suffix), 6),
        _adjacent_agreement(text, start, end, prefix, suffix),
        -distance,
        -start,
    )


# --- approximate search (Myers 1999, bit-parallel over Python ints) -------------------------
def _pattern_masks(pattern: str) -> dict[str, int]:
    masks: dict[str, int] = {}
    for i, ch in enumerate(pattern):
        masks[ch] = masks.get(ch, 0) | (1 << i)
    return masks


def _distances(masks: dict[str, int], m: int, text: str, anchored: bool) -> list[int]:
    """Edit distance of the pattern to the best match ending at each position of `text`.

    anchored=False lets the match start anywhere (search); anchored=True fixes it at
    text[0], which gives the distance to each prefix of `text` (used to find a start).
    """
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    carry = 1 if anchored else 0
    pv, mv, score = mask, 0, m
    out = [0] * len(text)
    get = masks.get
    for j, ch in enumerate(text):
        eq = get(ch, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | carry) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        out[j] = score
    return out


def _matches_in_window(
    text: str, quote: str, masks: dict[str, int], rmasks: dict[str, int],
    lo: int, hi: int, max_err: int,
) -> list[tuple[int, int, int]]:
    """(edits, start, end) of the best matches of `quote` inside text[lo:hi]."""
    m = len(quote)
    lo, hi = max(0, lo), min(len(text), hi)
    if hi - lo < max(1, m - max_err):
        return []
    scores = _distances(masks, m, text[lo:hi], anchored=False)
    best = min(scores)
    if best > max_err:
        return []
    ends = [lo + j + 1 for j, d in enumerate(scores) if d == best][:8]
    found = []
    for e in ends:
        seg_lo = max(lo, e - m - max_err)
        back = _distances(rmasks, m, text[seg_lo:e][::-1], anchored=True)
        # Among equally good starts, the one whose length is closest to the quote's.
        t = min(range(len(back)), key=lambda k: (back[k], abs(k + 1 - m)))
        found.append((back[t], e - (t + 1), e))
    return found


def _seed_windows(text: str, quote: str, max_err: int) -> list[tuple[int, int]]:
    """Windows where exact pieces of the quote line up (pigeonhole: with k edits, one of
    k+1 pieces survives intact), most votes first."""
    m = len(quote)
    pieces = max_err + 1
    size = max(1, m // pieces)
    offsets = list(range(0, m - size + 1, size))
    if len(offsets) > MAX_PIECES:
        step = len(offsets) / MAX_PIECES
        offsets = [offsets[int(i * step)] for i in range(MAX_PIECES)]
    bucket = max(16, max_err + 1)
    votes: Counter[int] = Counter()
    for off in offsets:
        piece = quote[off : off + size]
        hits: list[int] = []
        i = text.find(piece)
        while i != -1 and len(hits) <= MAX_SEED_HITS:
            hits.append(i)
            i = text.find(piece, i + 1)
        if len(hits) > MAX_SEED_HITS:
            continue
        for b in {(h - off) // bucket for h in hits}:
            votes[b] += 1
    windows = []
    for b, _ in votes.most_common(MAX_WINDOWS):
        windows.append((b * bucket - bucket - max_err, (b + 1) * bucket + bucket + m + max_err))
    return windows


def _fuzzy(
    text: str, quote: str, prefix: str, suffix: str, hint: int | None, threshold: float
) -> Anchor | Ambiguous | None:
    m = len(quote)
    if m > MAX_FUZZY_QUOTE:
        return None
    # score = 1 - edits / max(m, match length) >= threshold allows this many edits.
    max_err = min(m - 1, int((1 - threshold) * m / threshold + 1e-9))
    if max_err < 1:
        return None
    masks = _pattern_masks(quote)
    rmasks = _pattern_masks(quote[::-1])

    near: list[tuple[int, int, int]] = []
    if hint is not None:
        near = _matches_in_window(
            text, quote, masks, rmasks, hint - NEAR_SLACK, hint + m + NEAR_SLACK, max_err
        )
    best = _best_fuzzy(text, near, m, prefix, suffix, hint, threshold)
    if best is None:
        seeded: list[tuple[int, int, int]] = []
        for lo, hi in _seed_windows(text, quote, max_err):
            seeded += _matches_in_window(text, quote, masks, rmasks, lo, hi, max_err)
        best = _best_fuzzy(text, seeded, m, prefix, suffix, hint, threshold)
    return best


def _best_fuzzy(
    text: str, candidates: list[tuple[int, int, int]], m: int, prefix: str, suffix: str,
    hint: int | None, threshold: float,
) -> Anchor | Ambiguous | None:
    """Fewest edits first, then context, then nearness; None if none passes the threshold.
    Without a position, places that tie on edits and context are Ambiguous."""
    ranked: list[tuple[tuple[float, ...], Anchor]] = []
    for edits, s, e in set(candidates):
        if e <= s:
            continue
        score = 1 - edits / max(m, e - s)
        if score < threshold:
            continue
        ranked.append(((score, *_rank_key(text, s, e, prefix, suffix, hint)),
                       Anchor(s, e, "fuzzy", round(score, 6))))
    if not ranked:
        return None
    key, best = max(ranked, key=lambda r: r[0])
    if hint is None:
        # Overlapping matches of one place (a character more or less) are one place.
        places = {r[1].start for r in ranked if r[0][:3] == key[:3]
                  and not (r[1].start < best.end and best.start < r[1].end)}
        if places:
            return Ambiguous(len(places) + 1, best.score, key[1])
    return best
