"""How the views tell coders' work apart: who the current coder is and everyone's names.

The reader outlines another coder's highlight with a dashed box (so it is told apart by
more than colour) and names the coder in the tooltip; a card names its coder whenever the
library has more than one. Plain values, handed to the views by the window's coder
controller when the coder, a name or the library changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from desktop_app.core.annotate.highlights import HighlightInfo


@dataclass(frozen=True)
class CoderLook:
    me: int = 0  # the current coder; 0: not known (every highlight is "mine")
    names: Mapping[int, str] = field(default_factory=dict)

    @property
    def several(self) -> bool:
        return len(self.names) > 1

    def is_other(self, h: HighlightInfo) -> bool:
        """Made by another coder than the current one."""
        return bool(self.me) and h.coder_id not in (0, self.me)

    def name(self, coder_id: int) -> str:
        return self.names.get(coder_id, "")

    def initials(self, coder_id: int) -> str:
        """"Lê Thị Lan" -> "LTL", at most three letters: a card's badge."""
        words = self.name(coder_id).split()
        return "".join(w[0] for w in words[:3]).upper()
