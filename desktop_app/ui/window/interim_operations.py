"""STOPGAP until engineer "ops"'s `core/operations/editor.Operations` is merged: the same
method names and return values, built on AnnotationService and the core History, for the
operations the window calls. Not atomic across a batch (the real one is). The merge
replaces the one import in `ui/window/operations.py` and deletes this file."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from desktop_app.core.annotate.highlights import AnnotationService, HighlightInfo, NewHighlight, TagInfo
from desktop_app.core.library.articles import set_hidden_spans, update_metadata
from desktop_app.core.library.memos import get_memo, set_memo
from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.history import History, MergingStep, Step, StepLabel
from desktop_app.core.storage.database import Database
from desktop_app.core.text.spans import TextSpan

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    changes: Changes
    value: T


def _subject(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _touched(infos: Sequence[HighlightInfo], kind: str) -> Changes:
    ids = frozenset(i.id for i in infos)
    articles = frozenset(i.article_id for i in infos)
    fields = {"created": "highlights_created", "updated": "highlights_updated", "deleted": "highlights_deleted"}
    return Changes(articles=articles, **{fields[kind]: ids})


class Operations:
    def __init__(self, db: Database, history: History | None = None) -> None:
        self.db = db
        self.history = history or History()
        self.service = AnnotationService(db)

    def _new_tags(self, names: Sequence[str]) -> Changes:
        """A tag name not yet in the codebook is created with the highlight."""
        known = {t.name for t in self.service.list_tags()}
        return Changes(codebook=any(n not in known for n in names))

    def _push(self, label: StepLabel, undo: Callable[[], Changes], redo: Callable[[], Changes]) -> None:
        self.history.push(Step(label, undo, redo))

    # --- highlights ---------------------------------------------------------------------
    def create_highlight(self, article_id: int, span: TextSpan, tags: Sequence[str] = (),
                         note: str = "") -> Outcome[HighlightInfo]:
        codebook = self._new_tags(tags)
        info = self.service.create_highlight(article_id, span[0], span[1], list(tags), note)
        self._record_created(StepLabel("highlight", 1, _subject(info.quote)), [info])
        return Outcome(_touched([info], "created") | codebook, info)

    def create_highlights(self, items: Sequence[NewHighlight], kind: str = "highlight_many") -> Outcome[list[int]]:
        codebook = self._new_tags([n for i in items for n in i.tag_names])
        ids = self.service.create_highlights(items)
        infos = [self.service.get_highlight(i) for i in ids]
        if infos:
            self._record_created(StepLabel(kind, len(infos)), infos)
        return Outcome(_touched(infos, "created") | codebook, ids)

    def accept_suggestions(self, items: Sequence[NewHighlight], kind: str = "accept") -> Outcome[list[int]]:
        return self.create_highlights(items, kind)

    def _record_created(self, label: StepLabel, infos: Sequence[HighlightInfo]) -> None:
        kept = list(infos)

        def undo() -> Changes:
            for info in kept:
                self.service.delete_highlight(info.id)
            return _touched(kept, "deleted")

        def redo() -> Changes:
            for info in kept:
                self.service.restore_highlight(info)
            return _touched(kept, "created")

        self._push(label, undo, redo)

    def delete_highlights(self, ids: Sequence[int]) -> Changes:
        deleted = [self.service.delete_highlight(i) for i in ids]
        if not deleted:
            return Changes()
        label = (StepLabel("delete", 1, _subject(deleted[0].quote)) if len(deleted) == 1
                 else StepLabel("delete_many", len(deleted)))

        def undo() -> Changes:
            for info in deleted:
                self.service.restore_highlight(info)
            return _touched(deleted, "created")

        def redo() -> Changes:
            for info in deleted:
                self.service.delete_highlight(info.id)
            return _touched(deleted, "deleted")

        self._push(label, undo, redo)
        return _touched(deleted, "deleted")

    def set_tags(self, hid: int, names: Sequence[str]) -> Outcome[HighlightInfo]:
        before = self.service.get_highlight(hid)
        codebook = self._new_tags(names)
        after = self.service.set_tags(hid, list(names))
        if before.tag_names != after.tag_names:
            self._record_retag(StepLabel("retag", 1, _subject(before.quote)), [(before, after)])
        return Outcome(_touched([after], "updated") | codebook, after)

    def retag_many(self, ids: Sequence[int], add: Sequence[str] = (), remove: Sequence[str] = ()) -> Changes:
        codebook = self._new_tags(add)
        pairs = []
        for before in [self.service.get_highlight(i) for i in ids]:
            names = [n for n in before.tag_names if n not in remove]
            names += [n for n in add if n not in names]
            if names != before.tag_names:
                pairs.append((before, self.service.set_tags(before.id, names)))
        if not pairs:
            return Changes()
        self._record_retag(StepLabel("retag_many", len(pairs)), pairs)
        return _touched([a for _b, a in pairs], "updated") | codebook

    def _record_retag(self, label: StepLabel, pairs: list[tuple[HighlightInfo, HighlightInfo]]) -> None:
        def apply(which: int) -> Changes:
            infos = [self.service.set_tags(p[which].id, p[which].tag_names) for p in pairs]
            return _touched(infos, "updated")

        self._push(label, lambda: apply(0), lambda: apply(1))

    def set_note(self, hid: int, note: str) -> Changes:
        before = self.service.get_highlight(hid)
        after = self.service.set_note(hid, note)
        if before.note != note:
            def apply(value: object) -> Changes:
                return _touched([self.service.set_note(hid, str(value))], "updated")

            self.history.push(MergingStep(StepLabel("note"), key=("note", hid), before=before.note,
                                          after=note, apply=apply))
        return _touched([after], "updated")

    def resize(self, hid: int, span: TextSpan) -> Outcome[HighlightInfo]:
        before = self.service.get_highlight(hid)
        after = self.service.reattach(hid, span[0], span[1])

        def apply(value: object) -> Changes:
            start, end = value  # type: ignore[misc]
            return _touched([self.service.reattach(hid, start, end)], "updated")

        self.history.push(MergingStep(StepLabel("resize", 1, _subject(before.quote)), key=("resize", hid),
                                      before=(before.start, before.end), after=(after.start, after.end),
                                      apply=apply, drop_when_back=True))
        return Outcome(_touched([after], "updated"), after)

    def reattach(self, hid: int, span: TextSpan) -> Outcome[HighlightInfo]:
        before = self.service.get_highlight(hid)
        after = self.service.reattach(hid, span[0], span[1])

        def undo() -> Changes:  # back to the orphan it was, quote and context included
            self.service.delete_highlight(hid)
            self.service.restore_highlight(before)
            return _touched([before], "updated")

        def redo() -> Changes:
            return _touched([self.service.reattach(hid, span[0], span[1])], "updated")

        self._push(StepLabel("reattach", 1, _subject(before.quote)), undo, redo)
        return Outcome(_touched([after], "updated"), after)

    # --- the article ----------------------------------------------------------------------
    def set_memo(self, article_id: int, text: str) -> Changes:
        before = get_memo(self.db, article_id)
        set_memo(self.db, article_id, text)
        changes = Changes(memos=frozenset({article_id}), articles=frozenset({article_id}))
        if before != text:
            def apply(value: object) -> Changes:
                set_memo(self.db, article_id, str(value))
                return changes

            self.history.push(MergingStep(StepLabel("memo"), key=("memo", article_id), before=before,
                                          after=text, apply=apply, drop_when_back=True))
        return changes

    def edit_metadata(self, article_id: int, fields: Mapping[str, str],
                      hidden: Sequence[TextSpan] | None = None) -> Changes:
        update_metadata(self.db, article_id, **fields)
        if hidden is not None:
            set_hidden_spans(self.db, article_id, [tuple(s) for s in hidden])  # type: ignore[misc]
        return Changes(article_metadata=frozenset({article_id}))

    # --- the codebook (the tag manager still records its own steps) -----------------------
    def create_tag(self, name: str, color: str | None = None) -> Outcome[TagInfo]:
        return Outcome(Changes(codebook=True), self.service.create_tag(name, color))
