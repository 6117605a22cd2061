"""touching() against a plain scan, on random spans."""

from __future__ import annotations

import random
from typing import NamedTuple

from desktop_app.ui.reader.sorted_spans import touching


class Span(NamedTuple):
    start: int
    end: int


def test_touching_finds_exactly_what_a_scan_finds() -> None:
    rng = random.Random(11)
    for _ in range(200):
        spans = sorted((Span(s, s + rng.randrange(1, 30)) for s in (rng.randrange(0, 300) for _ in range(40))),
                       key=lambda sp: (sp.start, -sp.end))
        starts = [sp.start for sp in spans]
        longest = max(sp.end - sp.start for sp in spans)
        first = rng.randrange(-10, 330)
        last = first + rng.choice([0, 0, rng.randrange(0, 60)])
        expected = [sp for sp in spans if sp.start <= last and sp.end > first]
        assert touching(spans, starts, longest, first, last) == expected
