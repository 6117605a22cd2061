"""What a merge did, as data: counts for the summary, the conflicts and the choices made,
attribute values that differ (listed, never overwritten), and exactly what was added
(`MergeAdded`, which the undo takes away)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.annotate.records import TagInfo
from desktop_app.core.messages import Message


@dataclass(frozen=True)
class AttributeConflict:
    """An attribute whose value here differs from the file's (kept as it is here). With no
    `article`, the attribute itself differs: its type (`mine`, `theirs`)."""

    attribute: str
    article: str
    mine: str
    theirs: str

    def as_json(self) -> dict[str, str]:
        return {"attribute": self.attribute, "article": self.article, "mine": self.mine,
                "theirs": self.theirs}


@dataclass(frozen=True)
class MergeAdded:
    highlight_ids: tuple[int, ...] = ()
    articles_added: tuple[int, ...] = ()
    articles: frozenset[int] = frozenset()  # every article given anything
    code_keys: tuple[tuple[int, int, int], ...] = ()  # (article, tag, coder)
    memos_before: tuple[tuple[int, str, int | None], ...] = ()  # (article, memo, its coder)
    values_added: tuple[tuple[int, int], ...] = ()  # (attribute, article)
    attributes_created: tuple[int, ...] = ()
    coders_created: tuple[int, ...] = ()
    tags_created: tuple[TagInfo, ...] = ()
    # (tag id, colour before, description before, colour after, description after)
    tag_edits: tuple[tuple[int, str, str, str, str], ...] = ()
    renames: tuple[tuple[int, str, str], ...] = ()  # (tag id, old name, new name)

    def __bool__(self) -> bool:
        return any((self.highlight_ids, self.articles_added, self.code_keys, self.memos_before,
                    self.values_added, self.attributes_created, self.coders_created,
                    self.tags_created, self.tag_edits, self.renames))


@dataclass(frozen=True)
class MergeResult:
    file: str
    articles_new: int
    articles_same: int
    articles_changed: int
    highlights_added: int
    highlights_present: int
    highlights_orphaned: int
    codes_added: int
    memos: int
    values_added: int
    coders_added: tuple[str, ...]
    tags_added: int
    conflicts: tuple  # (TagConflict, "mine" or "theirs") per conflict, as decided
    attribute_conflicts: tuple[AttributeConflict, ...]
    notes: tuple[Message, ...]
    added: MergeAdded

    def summary_message(self) -> Message:
        return Message("merge.summary", {
            "file": self.file, "highlights": self.highlights_added,
            "present": self.highlights_present, "orphaned": self.highlights_orphaned,
            "articles": self.articles_new, "same": self.articles_same,
            "changed": self.articles_changed, "codes": self.codes_added, "memos": self.memos,
            "values": self.values_added, "tags": self.tags_added,
            "coders": list(self.coders_added) or "-", "conflicts": len(self.conflicts),
            "attribute_conflicts": len(self.attribute_conflicts)})

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.file, "articles": {"new": self.articles_new, "same": self.articles_same,
                                            "changed": self.articles_changed},
            "highlights": {"added": self.highlights_added, "present": self.highlights_present,
                           "orphaned": self.highlights_orphaned},
            "article_codes": self.codes_added, "memos": self.memos, "attribute_values": self.values_added,
            "tags_added": self.tags_added, "coders_added": list(self.coders_added),
            "conflicts": [{**c.as_json(), "chosen": choice} for c, choice in self.conflicts],
            "attribute_conflicts": [c.as_json() for c in self.attribute_conflicts],
            "notes": [n.english() for n in self.notes],
        }
