"""Whose work the window shows: every coder's, only the current coder's, or chosen coders'.

A *blind* view shows only the current coder's highlights and whole-article codes, whatever
else is chosen, so that two coders can code the same articles independently; it stays on
until the coder turns it off. The window keeps the view in its settings (as text, see
`to_text`); the reading session filters what it loads by `shown`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MODES = ("all", "mine", "chosen")


@dataclass(frozen=True)
class CoderView:
    mode: str = "all"  # one of MODES
    chosen: frozenset[int] = field(default_factory=frozenset)  # coder ids, for "chosen"
    blind: bool = False

    def shown(self, me: int) -> frozenset[int] | None:
        """The coder ids whose work is shown to coder `me`; None means everyone's. The
        current coder always sees their own work (what they add must not vanish)."""
        if self.blind or self.mode == "mine":
            return frozenset({me})
        if self.mode == "chosen":
            return self.chosen | {me}
        return None

    def hides_others(self) -> bool:
        return self.blind or self.mode != "all"

    def to_text(self) -> str:
        """"all", "mine" or "chosen:1,3", with ";blind" when blind: a settings value."""
        text = self.mode
        if self.mode == "chosen":
            text += ":" + ",".join(str(i) for i in sorted(self.chosen))
        return text + (";blind" if self.blind else "")

    @classmethod
    def from_text(cls, text: object) -> CoderView:
        """What `to_text` wrote; anything else (an old or damaged setting) is the default."""
        if not isinstance(text, str):
            return cls()
        head, _, flag = text.partition(";")
        mode, _, ids = head.partition(":")
        if mode not in MODES:
            return cls(blind=flag == "blind")
        chosen = frozenset(int(i) for i in ids.split(",") if i.strip().isdigit())
        return cls(mode, chosen if mode == "chosen" else frozenset(), flag == "blind")
