"""What a hit shows: the passage around its best match with the words marked, and Find in
one article (Ctrl+F). Regular expressions over the original text (matching.regex):
nothing is folded at query time."""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop_app.core.text.matching import MatchLevel, level_for_query, query_text, regex

PASSAGE_CHARS = 200
_COMBINING = "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]*"


def find_in_text(text: str, query: str, level: MatchLevel | None = None) -> list[tuple[int, int]]:
    """Every match of the query in `text` at `level` (by default the query's own,
    matching.level_for_query), as code-point spans (Ctrl+F).

    Substring semantics, like a browser's find: no overlaps; a run of spaces in the query
    matches any run of whitespace. Decomposed (NFD) letters match with their marks.
    """
    parts = query_text(query).split()
    if not parts or len(" ".join(parts)) > len(text):
        return []
    level = level_for_query(query, level)
    marks = _COMBINING if level is MatchLevel.NONE else ""
    pattern = r"\s+".join(regex(part, level, marks) for part in parts)
    return [m.span() for m in re.finditer(pattern, text)]


def _matches(rx: re.Pattern[str], text: str, start: int = 0) -> Iterator[re.Match[str]]:
    """Matches that start a word. Checked here: a look-behind in the pattern would stop
    `re` from skipping ahead to the first letter (measured ~4x slower)."""
    while (m := rx.search(text, start)) is not None:
        if m.start() and text[m.start() - 1].isalnum():
            start = m.start() + 1  # inside a word
            continue
        yield m
        start = max(m.end(), m.start() + 1)


def _densest(text: str, res: list[re.Pattern[str]], start: int) -> tuple[int, int] | None:
    """The shortest span holding a match of every group found after `start`."""
    occ = sorted((m.start(), m.end(), g) for g, rx in enumerate(res)
                 for _, m in zip(range(200), _matches(rx, text, start), strict=False))  # bounded work
    counts: dict[int, int] = {}
    need, best, left = len({g for _, _, g in occ}), None, 0
    for _, end, g in occ:
        counts[g] = counts.get(g, 0) + 1
        while len(counts) == need:
            if best is None or end - occ[left][0] < best[1] - best[0]:
                best = (occ[left][0], end)
            counts[occ[left][2]] -= 1
            if not counts[occ[left][2]]:
                del counts[occ[left][2]]
            left += 1
    return best


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """About PASSAGE_CHARS around [start, end), a third before it, cut at whitespace."""
    n = len(text)
    ps = max(0, start - max(0, PASSAGE_CHARS - (end - start)) // 3)
    pe = min(n, max(end, ps + PASSAGE_CHARS))
    ps = max(0, min(ps, pe - PASSAGE_CHARS, start))  # near the end the room goes before
    while 0 < ps < start and not text[ps - 1].isspace():
        ps += 1
    while ps < start and text[ps].isspace():
        ps += 1
    while end < pe < n and not text[pe].isspace():
        pe -= 1
    while pe > end and text[pe - 1].isspace():
        pe -= 1
    return ps, pe


def _passage(text: str, title: str, phrase_re: re.Pattern[str] | None,
             group_res: list[re.Pattern[str]]) -> tuple[str, tuple[tuple[int, int], ...], int]:
    """(passage, marks, offset): the first phrase match, else the densest window."""
    first = text.split("\n", 1)[0]  # usually repeats the title, which the hit shows already
    starts = [len(first) + 1, 0] if title.strip() and first.strip() == title.strip() else [0]
    best: tuple[int, int] | None = None
    res = [phrase_re] if phrase_re else group_res
    for start in starts if phrase_re else ():
        if phrase_re is not None and (m := next(_matches(phrase_re, text, start), None)) is not None:
            best = m.span()
            break
    if best is None:
        res = group_res
        best = next(filter(None, (_densest(text, res, s) for s in starts)), (0, 0))  # (0, 0): title only
    if best[1] - best[0] > PASSAGE_CHARS:
        # Words far apart (the densest span can be a whole article): the passage is about
        # PASSAGE_CHARS from the first of them, and marks what falls inside it.
        best = (best[0], best[0] + 1)
    ps, pe = _window(text, *best)
    words: set[tuple[int, int]] = set()
    for rx in res:
        for m in _matches(rx, text, ps):
            if m.end() > pe:
                break
            words.update(m.span(i) for i in range(1, rx.groups + 1) if m.start(i) >= 0)
    spans: list[tuple[int, int]] = []
    for s, e in sorted(words):
        if not spans or s >= spans[-1][1]:  # overlapping groups ("to to*") mark once
            spans.append((s, e))
    lead = "…" if ps > 0 else ""
    passage = lead + text[ps:pe] + ("…" if pe < len(text) else "")
    marks = tuple((s - ps + len(lead), e - ps + len(lead)) for s, e in spans)
    return passage, marks, spans[0][0] if spans else best[0]
