"""Adjudication: a disagreement resolved into a *consensus* coder, an ordinary coder the user
names (made when new). One decision is one transaction and one undo step.

Deciding replaces what the consensus coder has with the tag around the disagreement (its
highlights with the tag that touch the passage or any coder's version of it, and, when a
coder's version is the whole article, its whole-article code) by the versions accepted:
one coder's, several (their highlights joined where they overlap), or none. Deciding again
on the same disagreement replaces the first decision; the coders compared keep their work.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.analysis.agreement.unitizing import merge_overlapping
from desktop_app.core.analysis.disagreements import Disagreement
from desktop_app.core.annotate import edits
from desktop_app.core.annotate.bulk import add_highlights
from desktop_app.core.annotate.records import AnnotationError, HighlightInfo, NewHighlight, TagInfo
from desktop_app.core.library import article_codes as codes
from desktop_app.core.library.coders import clean_coder_name, coder_id_in
from desktop_app.core.messages import Message
from desktop_app.core.operations.base import OperationsBase
from desktop_app.core.operations.changes import Changes, ids
from desktop_app.core.operations.history import StepLabel
from desktop_app.core.operations.outcome import subject
from desktop_app.core.storage.models import Article, Highlight, Tag, highlight_tags


class _Decision:
    """What one decision changed, so that undo and redo can replay it exactly."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        """Nothing changed yet (also when a run is retried on a server library)."""
        self.deleted: list[HighlightInfo] = []  # the consensus's highlights it took away
        self.retagged: list[tuple[HighlightInfo, list[str]]] = []  # (before, tags after)
        self.created: list[HighlightInfo] = []
        self.codes_removed: list[codes.CodeRow] = []
        self.codes_added: list[codes.CodeRow] = []
        self.new_tags: tuple[TagInfo, ...] = ()

    def changes(self, article_id: int) -> Changes:
        return Changes(highlights_created=ids(h.id for h in self.created),
                       highlights_deleted=ids(h.id for h in self.deleted),
                       highlights_updated=ids(h.id for h, _after in self.retagged),
                       articles=ids([article_id]),
                       article_codes=ids([article_id]) if self.codes_removed or self.codes_added else ids(),
                       codebook=bool(self.new_tags))


class AdjudicationOperations(OperationsBase):
    def adjudicate(self, item: Disagreement, accepted: Sequence[str], consensus: str) -> Changes:
        """Make the consensus coder's version of `item` the versions of the coders in
        `accepted` (none: the tag is not there). AnnotationError when the article is gone or
        the consensus coder is one of the coders compared (CoderError for a bad name)."""
        name = clean_coder_name(consensus)
        if name in item.coders:
            raise AnnotationError(Message("adjudication.consensus_compared", {"name": name}))
        spans = merge_overlapping([sp for c in accepted for sp in item.version(c).spans])
        whole = any(item.version(c).whole for c in accepted)
        region = item.region
        done = _Decision()

        def work(s: Session) -> None:
            done.clear()  # a retried run (server library) starts afresh
            if s.get(Article, item.article_id) is None:
                raise AnnotationError(Message("article.gone"))
            mark = edits.tag_mark(s)
            coder = coder_id_in(s, name)
            tag = edits.ensure_tags(s, [item.tag])[0]
            _clear(s, done, item.article_id, tag, coder, region, any(v.whole for v in item.versions))
            made = add_highlights(s, [NewHighlight(item.article_id, a, b, [item.tag], coder_id=coder)
                                      for a, b in spans])
            done.created = edits.infos(s, made)
            if whole:
                done.codes_added = codes.add_in(s, [item.article_id], [tag.id], coder)
            done.new_tags = edits.tags_after(s, mark)

        self._in_one_transaction(work, lambda _r: done.changes(item.article_id))

        def undo(s: Session) -> Changes:
            done.created = edits.delete_many(s, [h.id for h in done.created])
            codes.remove_rows(s, done.codes_added)
            for before, _after in done.retagged:
                edits.set_tags(s, before.id, before.tag_names)
            edits.restore_many(s, done.deleted)
            codes.put_back_in(s, done.codes_removed)
            edits.drop_unused_tags(s, done.new_tags)
            return done.changes(item.article_id)

        def redo(s: Session) -> Changes:
            edits.put_back_tags(s, done.new_tags)
            codes.remove_rows(s, done.codes_removed)
            edits.delete_many(s, [h.id for h in done.deleted])
            for before, after in done.retagged:
                edits.set_tags(s, before.id, after)
            edits.restore_many(s, done.created)
            codes.put_back_in(s, done.codes_added)
            return done.changes(item.article_id)

        self._record(StepLabel("adjudicate", 1, subject(item.tag)), undo, redo)
        return done.changes(item.article_id)


def _clear(s: Session, done: _Decision, article_id: int, tag: Tag, coder: int, region: tuple[int, int],
           whole: bool) -> None:
    """Take the tag off the consensus's highlights in `region` (a highlight with no other
    tag goes) and, when a version was the whole article, its whole-article code."""
    found = list(s.scalars(
        select(Highlight.id).join(highlight_tags, highlight_tags.c.highlight_id == Highlight.id)
        .where(Highlight.article_id == article_id, Highlight.coder_id == coder, Highlight.orphaned == False,  # noqa: E712
               Highlight.start < region[1], Highlight.end > region[0], highlight_tags.c.tag_id == tag.id)))
    alone = []
    for info in edits.infos(s, found):
        rest = [n for n in info.tag_names if n != tag.name]
        if rest:
            done.retagged.append((info, rest))
            edits.set_tags(s, info.id, rest)
        else:
            alone.append(info.id)
    done.deleted = edits.delete_many(s, alone)
    if whole:
        done.codes_removed = codes.remove_rows(s, codes.rows_in(s, [(article_id, tag.id)], coder))
