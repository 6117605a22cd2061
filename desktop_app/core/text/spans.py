"""A span of the stored text, in code points: what a highlight, a word or a selection covers.

Offsets everywhere in core are Python code points into `Article.text` (REFI-QDA counts
the same way); Qt's UTF-16 positions are converted at the widget boundary only.
"""

from __future__ import annotations

from typing import NamedTuple


class TextSpan(NamedTuple):
    """[start, end) in code points. A named tuple so that old `(start, end)` callers and
    unpacking keep working, and 100,000 of them stay cheap."""

    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: tuple[int, int]) -> bool:
        return self.start < other[1] and other[0] < self.end

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end

    def slice(self, text: str) -> str:
        return text[self.start:self.end]
