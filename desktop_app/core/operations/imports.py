"""Importing annotations as one undoable step: undo takes away exactly what the file
added (its highlights, the memos it set or extended, the tags and the articles it brought)
and redo puts the same back, with the same ids."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from desktop_app.core.annotate import edits
from desktop_app.core.annotate.records import AnnotationError, HighlightInfo
from desktop_app.core.interchange.formats import import_annotations_detailed
from desktop_app.core.interchange.importing import Added
from desktop_app.core.library import article_codes as codes
from desktop_app.core.library import attribute_edits
from desktop_app.core.library.attributes import StoredValue
from desktop_app.core.library.memos import memo_in, put_memo
from desktop_app.core.messages import Message
from desktop_app.core.operations.base import OperationsBase
from desktop_app.core.operations.changes import Changes, ids
from desktop_app.core.operations.history import StepLabel
from desktop_app.core.operations.outcome import Outcome, subject
from desktop_app.core.progress import Progress
from desktop_app.core.storage.models import Article

_ARTICLES = Article.__table__


@dataclass(frozen=True)
class AnnotationImport:
    """What the window shows after an import, and what came in."""

    summary: str  # one line for the user (formats.import_annotations' words)
    added: Added
    result: object  # interchange.importing.ImportResult or refi_import.QdpxImportResult

    @property
    def highlight_count(self) -> int:
        return len(self.added.highlight_ids)


def _changes(added: Added, *, created: bool) -> Changes:
    highlights = ids(added.highlight_ids)
    applied = added.attributes
    return Changes(
        attributes=applied.articles if applied is not None else frozenset(),
        attribute_definitions=bool(applied is not None and applied.created),
        article_codes=ids(r.article_id for r in added.codes_added),
        highlights_created=highlights if created else frozenset(),
        highlights_deleted=frozenset() if created else highlights,
        articles=added.articles,
        articles_added=ids(added.articles_added) if created else frozenset(),
        articles_removed=frozenset() if created else ids(added.articles_added),
        memos=ids(aid for aid, _before in added.memos_before),
        codebook=bool(added.tags_created),
    )


@dataclass
class _Taken:
    """What an undo took away, for the redo to put back as it was."""

    highlights: list[HighlightInfo]
    memos_after: dict[int, str]
    articles: list[dict]
    # Attribute values the import put, per attribute: what a redo puts again
    values_after: list[tuple[int, dict[int, StoredValue | None]]]


class ImportOperations(OperationsBase):
    def import_annotations(self, path: Path,
                           progress: Progress | None = None) -> Outcome[AnnotationImport]:
        """Highlights (and memos, codes, a .qdpx's texts) from our CSV, W3C JSON(-LD) or
        REFI-QDA, in one transaction and one undo step. AnnotationFileError names the file
        and the problem; then nothing was imported. `progress` is told the start and the
        end only (the import is one transaction); a cancel before it starts imports nothing."""
        progress = progress or Progress()
        progress.step(0, 1, str(path))
        summary, result = import_annotations_detailed(self.db, Path(path), progress)
        added: Added = getattr(result, "added", Added())
        progress.report(1, 1, str(path))  # done and committed: no cancel check any more
        outcome = Outcome(_changes(added, created=True), AnnotationImport(summary, added, result))
        self._announce(outcome.changes)  # imported in a transaction of its own: logged afterwards
        if added.is_empty():
            return outcome  # nothing came in: nothing to undo
        box: dict[str, _Taken] = {}

        def undo(s: Session) -> Changes:
            box["taken"] = _take_away(s, added)
            return _changes(added, created=False)

        def redo(s: Session) -> Changes:
            _put_back(s, added, box["taken"])
            return _changes(added, created=True)

        count = len(added.highlight_ids)
        self._record(StepLabel("import_annotations", count, subject(Path(path).name)), undo, redo)
        return outcome


def _take_away(s: Session, added: Added) -> _Taken:
    codes.remove_in(s, [(r.article_id, r.tag_id) for r in added.codes_added])
    values_after = []
    applied = added.attributes
    if applied is not None:
        created = {c.id for c in applied.created}
        for attribute_id, old in applied.before:
            values_after.append((attribute_id, attribute_edits.stored_values_in(s, attribute_id, old)))
            if attribute_id not in created:
                attribute_edits.put_values_in(s, attribute_id, old)
        for info in applied.created:
            assert info.id is not None
            attribute_edits.delete_in(s, info.id)
    highlights = edits.delete_many(s, added.highlight_ids)
    memos_after = {}
    for article_id, before in added.memos_before:
        if s.get(Article, article_id) is None:
            raise AnnotationError(Message("article.missing"))
        memos_after[article_id] = memo_in(s, article_id)
        put_memo(s, article_id, before)
    edits.drop_unused_tags(s, added.tags_created)
    articles = [dict(row) for row in s.execute(
        select(_ARTICLES).where(_ARTICLES.c.id.in_(added.articles_added))).mappings()]
    if len(articles) != len(added.articles_added):
        raise AnnotationError(Message("article.missing"))
    if articles:  # their segmentation, tagging and memo go with them (ON DELETE CASCADE)
        s.execute(delete(Article).where(Article.id.in_(added.articles_added)))
        s.expire_all()
    return _Taken(highlights, memos_after, articles, values_after)


def _put_back(s: Session, added: Added, taken: _Taken) -> None:
    if taken.articles:
        s.execute(insert(Article), taken.articles)
    edits.put_back_tags(s, added.tags_created)
    for article_id, text in taken.memos_after.items():
        if s.get(Article, article_id) is None:
            raise AnnotationError(Message("article.missing"))
        put_memo(s, article_id, text)
    edits.restore_many(s, taken.highlights)
    if added.attributes is not None:
        for info in added.attributes.created:
            attribute_edits.define_in(s, info.name, info.kind, info.choices, info.id)
        for attribute_id, values in taken.values_after:
            attribute_edits.put_values_in(s, attribute_id, values)
    codes.put_back_in(s, added.codes_added)
