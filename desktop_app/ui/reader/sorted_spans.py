"""Lookups in a list of spans sorted by start: what the reader asks of its highlights and
entity suggestions on every paint, hover and click, in O(log n + hits)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Protocol, TypeVar


class _Span(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=_Span)


def touching(spans: Sequence[S], starts: Sequence[int], longest: int, first: int, last: int) -> list[S]:
    """The spans with start <= last and end > first, in their order. `starts` are the
    spans' starts (sorted) and `longest` the longest span: nothing starting before
    first - longest can reach first. With first == last: the spans covering that offset."""
    lo = bisect.bisect_left(starts, first - longest)
    hi = bisect.bisect_right(starts, last)
    return [s for s in spans[lo:hi] if s.end > first]
