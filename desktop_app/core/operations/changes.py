"""What an operation changed: the one value every view updates itself from.

An operation (or the undo or redo of one) returns a `Changes`; the UI re-emits it on one
signal and each view looks only at the parts it shows. Later, changes made by other coders
on a shared library arrive as `Changes` too (origin "remote").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Literal

Origin = Literal["local", "undo", "redo", "remote"]

_EMPTY: frozenset[int] = frozenset()


def ids(values: Iterable[int] = ()) -> frozenset[int]:
    return frozenset(values)


@dataclass(frozen=True)
class Changes:
    """Ids of what changed, by kind. Sets, not objects: a view reloads what it shows from
    the database, so it never paints a stale copy and a merged Changes stays small."""

    highlights_created: frozenset[int] = _EMPTY
    highlights_updated: frozenset[int] = _EMPTY  # tags, note, bounds, orphaned/re-attached
    highlights_deleted: frozenset[int] = _EMPTY
    # Articles whose annotations (highlights, orphans, memo, suggestions) changed: the
    # reader and the cards of an open article reload when it is among them.
    articles: frozenset[int] = _EMPTY
    articles_added: frozenset[int] = _EMPTY
    articles_removed: frozenset[int] = _EMPTY
    article_metadata: frozenset[int] = _EMPTY  # title, outlet, date, hidden spans, text
    memos: frozenset[int] = _EMPTY  # article ids whose memo changed
    suggestions: frozenset[int] = _EMPTY  # article ids whose entity suggestions changed
    # Attributes and whole-article codes do not change what the reader shows, so touches()
    # leaves them out: a view that shows them (details, matrices) looks at them itself.
    attributes: frozenset[int] = _EMPTY  # article ids whose attribute values changed
    attribute_definitions: bool = False  # attributes defined, renamed, given choices, deleted
    article_codes: frozenset[int] = _EMPTY  # article ids whose whole-article codes changed
    codebook: bool = False  # tags created, renamed, moved, recoloured, merged or deleted
    coders: bool = False  # a coder renamed: views naming coders (cards, status bar) reload names
    # Articles whose words must be segmented and tagged again (the user dictionary changed):
    # the segmentation worker redoes them; the reader updates when their words arrive.
    words: frozenset[int] = _EMPTY
    # The whole library was replaced (restored from a backup) or repaired: every view
    # reloads everything it shows.
    reloaded: bool = False
    origin: Origin = "local"

    def __or__(self, other: Changes) -> Changes:
        merged = {}
        for f in fields(self):
            a, b = getattr(self, f.name), getattr(other, f.name)
            if f.name == "origin":
                merged[f.name] = a
            elif isinstance(a, bool):
                merged[f.name] = a or b
            else:
                merged[f.name] = a | b
        return Changes(**merged)

    def as_origin(self, origin: Origin) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) for f in fields(self)} | {"origin": origin})

    @property
    def highlights(self) -> frozenset[int]:
        return self.highlights_created | self.highlights_updated | self.highlights_deleted

    @property
    def library(self) -> bool:
        """The article list itself changed (rows added or removed)."""
        return bool(self.articles_added or self.articles_removed)

    def touches(self, article_id: int) -> bool:
        """Whether a view of this one article must reload (a codebook change may recolour
        or rename the tags it shows, so it counts)."""
        return self.codebook or self.reloaded or any(
            article_id in s for s in (self.articles, self.articles_added, self.articles_removed,
                                      self.article_metadata, self.memos, self.suggestions))

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name != "origin")


NOTHING = Changes()
# What a restore or a repair publishes: the library is another one now.
EVERYTHING = Changes(codebook=True, reloaded=True)
