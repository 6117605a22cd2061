"""Whole-article codes as an operation: tag articles as a whole (genre, stance), apart from
their highlights; one transaction and one undo step for many articles at once."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.annotate import edits
from desktop_app.core.annotate.records import AnnotationError, TagInfo, clean_tag_names
from desktop_app.core.library import article_codes as codes
from desktop_app.core.messages import Message
from desktop_app.core.operations.base import OperationsBase
from desktop_app.core.operations.changes import Changes, ids
from desktop_app.core.operations.history import StepLabel
from desktop_app.core.operations.outcome import subject
from desktop_app.core.storage.models import Article, Tag


def _coded(rows: Sequence[codes.CodeRow], new_tags: Sequence[TagInfo] = ()) -> Changes:
    return Changes(article_codes=ids(r.article_id for r in rows), codebook=bool(new_tags))


class ArticleCodeOperations(OperationsBase):
    def code_articles(self, article_ids: Sequence[int], add: Sequence[str] = (),
                      remove: Sequence[str] = ()) -> Changes:
        """Give these articles the tags `add` as whole-article codes (a new name is a new
        tag) and take `remove` off them. All the articles or none: one that is gone refuses
        the change (AnnotationError), and nothing is recorded."""
        wanted = list(dict.fromkeys(article_ids))
        adding = clean_tag_names(add)
        removing = [n for n in clean_tag_names(remove) if n not in adding]

        def work(s: Session) -> tuple[list[codes.CodeRow], list[codes.CodeRow], tuple[TagInfo, ...]]:
            found = set(s.scalars(select(Article.id).where(Article.id.in_(wanted)))) if wanted else set()
            if len(found) != len(wanted):
                raise AnnotationError(Message("article.gone"))
            mark = edits.tag_mark(s)
            tag_ids = [t.id for t in edits.ensure_tags(s, adding)]
            gone_ids = list(s.scalars(select(Tag.id).where(Tag.name.in_(removing)))) if removing else []
            removed = codes.remove_in(s, [(a, t) for a in wanted for t in gone_ids])
            added = codes.add_in(s, wanted, tag_ids)
            return added, removed, edits.tags_after(s, mark)

        added, removed, new_tags = self._in_one_transaction(
            work, lambda r: _coded([*r[0], *r[1]], r[2]) if r[0] or r[1] else Changes())
        if not added and not removed:
            return Changes()
        changed = [*added, *removed]

        def undo(s: Session) -> Changes:
            codes.remove_rows(s, added)
            codes.put_back_in(s, removed)
            edits.drop_unused_tags(s, new_tags)
            return _coded(changed, new_tags)

        def redo(s: Session) -> Changes:
            edits.put_back_tags(s, new_tags)
            codes.remove_rows(s, removed)
            codes.put_back_in(s, added)
            return _coded(changed, new_tags)

        name = (adding or removing or [""])[0]
        self._record(StepLabel("article_code", len({r.article_id for r in changed}), subject(name)), undo, redo)
        return _coded(changed, new_tags)
