"""Moving one edge of a highlight by one word (grow or shrink from the keyboard).

"Word" means a segmentation token when the article is segmented ("Ban | Tổ chức |
Trung ương": one press adds "Trung ương", not "Trung"); before that, a run of
non-space characters. Punctuation tokens count as words: what a press adds or drops is
exactly one token, so the user can always reach a quote mark or a full stop. The new
span is stored with AnnotationService.reattach (it re-anchors any highlight: quote and
context are taken afresh from the text).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Literal

Edge = Literal["start", "end"]
_WORD = re.compile(r"\S+")
_REACH = 2_000  # characters either side searched for whitespace words


def whitespace_words(text: str, start: int, end: int, reach: int = _REACH) -> list[tuple[int, int]]:
    """Runs of non-space characters around [start, end): the words when there are no
    tokens. Only a window is scanned (an article may be a million characters); the
    window is widened to whitespace so that no word is cut at its edge."""
    lo, hi = max(0, start - reach), min(len(text), end + reach)
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    return [m.span() for m in _WORD.finditer(text, lo, hi)]


def step_edge(words: Sequence[tuple[int, int]], start: int, end: int, edge: Edge,
              grow: bool) -> tuple[int, int] | None:
    """[start, end) with one edge moved by one word, or None when it cannot move (no
    word beyond it, or the highlight would become empty). `words` are sorted,
    non-overlapping (start, end) spans. An edge inside a word first reaches that word's
    boundary: growing completes the word, shrinking drops the part of it."""
    if edge == "end":
        if grow:  # the first word ending after the end
            i = bisect.bisect_right(words, end, key=lambda w: w[1])
            return (start, words[i][1]) if i < len(words) else None
        i = bisect.bisect_left(words, end, key=lambda w: w[1]) - 1  # the last ending before
        return (start, words[i][1]) if i >= 0 and words[i][1] > start else None
    if grow:  # the last word starting before the start
        i = bisect.bisect_left(words, start, key=lambda w: w[0]) - 1
        return (words[i][0], end) if i >= 0 else None
    i = bisect.bisect_right(words, start, key=lambda w: w[0])  # the first starting after
    return (words[i][0], end) if i < len(words) and words[i][0] < end else None
