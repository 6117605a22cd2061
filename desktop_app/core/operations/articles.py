"""Operations on an article as a whole: its memo, its details, its entity suggestions,
and bringing new articles into the library."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core.annotate import edits
from desktop_app.core.annotate.records import AnnotationError, HighlightInfo, NewHighlight
from desktop_app.core.annotate.row_versions import written_versions
from desktop_app.core.library.articles import (
    MetadataError,
    TakenArticles,
    highlight_ids_of,
    put_back_articles_in,
    put_stored_metadata,
    set_hidden_spans_in,
    stored_metadata,
    take_articles_in,
    update_metadata_in,
)
from desktop_app.core.library.ingest.importer import ImportReport, import_paths
from desktop_app.core.library.memos import memo_in, saved_memo_in
from desktop_app.core.messages import Message
from desktop_app.core.nlp import pos_ner
from desktop_app.core.operations.base import OperationsBase
from desktop_app.core.operations.changes import NOTHING, Changes, ids
from desktop_app.core.operations.highlights import HighlightOperations
from desktop_app.core.operations.history import MergingStep, StepLabel
from desktop_app.core.operations.outcome import Outcome, subject
from desktop_app.core.progress import Cancelled, Progress
from desktop_app.core.storage.database import READ_ONLY, DatabaseError
from desktop_app.core.storage.models import Article
from desktop_app.core.text.spans import TextSpan

GONE = Message("article.gone")


@dataclass(frozen=True)
class DeletedArticle:
    """What went, for the CLI's report and the status bar."""

    id: int
    title: str
    highlights: int


@dataclass
class _Taken:
    highlights: list[HighlightInfo]
    rows: TakenArticles


class ArticleOperations(HighlightOperations, OperationsBase):
    # --- the memo -----------------------------------------------------------------------
    def set_memo(self, article_id: int, text: str, seen: int | None = None) -> Changes:
        """Store the memo ("" or blank removes it). A run of saves of one article's memo is
        one undo step; a run that ends where it began leaves none. MemoError when the
        article is gone, DatabaseError when the library cannot be written. `seen`: the
        memo's version the user saw (memos.memo_version), ConflictError when another coder
        changed it since; None: the current one. An undo names this process's last write."""
        if self.db.read_only:  # plainly, before sqlite says "attempt to write a readonly database"
            raise DatabaseError(Message("db.read_only", {"path": self.db.path}), READ_ONLY)
        versions = written_versions(self)

        def work(s: Session) -> tuple[str, bool]:
            before = memo_in(s, article_id)
            changed, version = saved_memo_in(s, article_id, text, seen)
            versions.wrote("article_memos", article_id, version)
            return before, changed

        before, changed = self._in_one_transaction(
            work, lambda r: Changes(memos=ids([article_id]), articles=ids([article_id])) if r[1] else NOTHING)
        if not changed:
            return Changes()
        changes = Changes(memos=ids([article_id]), articles=ids([article_id]))

        def apply(value: object) -> Changes:
            def run(s: Session) -> None:
                _changed, version = saved_memo_in(s, article_id, str(value),
                                                  versions.get("article_memos", article_id))
                versions.wrote("article_memos", article_id, version)
            self._in_one_transaction(run, lambda _r: changes)
            return changes

        after = self._in_one_transaction(lambda s: memo_in(s, article_id), _read)
        # No subject: the memo changes as the run goes on, and a merged step keeps its label.
        self.history.push(MergingStep(StepLabel("memo"),
                                      key=("memo", article_id), before=before, after=after,
                                      apply=apply, drop_when_back=True))
        return changes

    # --- the details --------------------------------------------------------------------
    def edit_metadata(self, article_id: int, fields: Mapping[str, str],
                      hidden: Sequence[TextSpan] | None = None) -> Changes:
        """Title, outlet, date...(articles.EDITABLE_FIELDS) as typed, and, if given, the
        spans the reader hides; one step. MetadataError says what cannot be stored."""
        def work(s: Session) -> tuple[dict, dict]:
            before = stored_metadata(s, article_id)
            if before is None:
                raise MetadataError(GONE)
            update_metadata_in(s, article_id, fields)
            if hidden is not None:
                set_hidden_spans_in(s, article_id, [(a, b) for a, b in hidden])
            after = stored_metadata(s, article_id)
            assert after is not None
            return before, after

        before, after = self._in_one_transaction(
            work, lambda r: NOTHING if r[0] == r[1] else Changes(article_metadata=ids([article_id])))
        if before == after:
            return Changes()
        changes = Changes(article_metadata=ids([article_id]))

        def put(stored: dict) -> Callable[[Session], Changes]:
            def work(s: Session) -> Changes:
                if not put_stored_metadata(s, article_id, stored):
                    raise AnnotationError(GONE)
                return changes
            return work

        self._record(StepLabel("metadata", 1, subject(str(after.get("title") or ""))),
                     put(before), put(after))
        return changes

    # --- entity suggestions ----------------------------------------------------------------
    def accept_suggestions(self, items: Sequence[NewHighlight],
                           kind: str = "accept") -> Outcome[list[int]]:
        """Suggestions become highlights, in one transaction and one step."""
        made, new_tags = self._create_many(items, kind, suggestions=True)
        changes = Changes(highlights_created=ids(h.id for h in made),
                          articles=ids(h.article_id for h in made),
                          suggestions=ids(h.article_id for h in made), codebook=bool(new_tags))
        return Outcome(changes, [h.id for h in made])

    def reject_suggestion(self, article_id: int, span: TextSpan, label: str) -> Changes:
        """Hide the suggestion for good; undo shows it again. An article that is gone
        changes nothing (and records nothing), as does a suggestion rejected already."""
        start, end = span[0], span[1]
        before = self._in_one_transaction(
            lambda s: pos_ner.reject_in(s, article_id, start, end, label),
            lambda r: NOTHING if r is False else Changes(suggestions=ids([article_id]), articles=ids([article_id])))
        if before is False:
            return Changes()
        changes = Changes(suggestions=ids([article_id]), articles=ids([article_id]))
        if before is not None:
            return changes

        def undo(s: Session) -> Changes:
            if stored_metadata(s, article_id) is None:
                raise AnnotationError(GONE)
            pos_ner.unreject_in(s, article_id, start, end, label)
            return changes

        def redo(s: Session) -> Changes:
            if pos_ner.reject_in(s, article_id, start, end, label) is False:
                raise AnnotationError(GONE)
            return changes

        quote = self._in_one_transaction(lambda s: _quote(s, article_id, start, end), _read)
        self._record(StepLabel("reject", 1, subject(quote)), undo, redo)
        return changes

    # --- deleting articles -----------------------------------------------------------------
    def delete_articles(self, article_ids: Sequence[int]) -> Outcome[list[DeletedArticle]]:
        """Articles out of the library, with their highlights, memos and rejected
        suggestions, in one transaction and one undo step (the undo brings every one back
        with its ids). If any is gone already, none is deleted (AnnotationError)."""
        wanted = list(dict.fromkeys(article_ids))
        if not wanted:
            return Outcome(Changes(), [])
        if self.db.read_only:
            raise DatabaseError(Message("db.read_only", {"path": self.db.path}), READ_ONLY)

        def take(s: Session) -> tuple[list[HighlightInfo], TakenArticles]:
            highlights = edits.delete_many(s, highlight_ids_of(s, wanted))
            return highlights, take_articles_in(s, wanted)

        def work(s: Session) -> tuple[list[DeletedArticle], list[HighlightInfo], TakenArticles]:
            titles = dict(s.execute(select(Article.id, Article.title).where(Article.id.in_(wanted))).all())
            if len(titles) != len(wanted):
                raise AnnotationError(GONE)
            highlights, taken = take(s)
            per_article = Counter(h.article_id for h in highlights)
            return [DeletedArticle(a, titles[a] or "", per_article[a]) for a in wanted], highlights, taken

        deleted, highlights, taken = self._in_one_transaction(work, lambda r: Changes(
            articles_removed=ids(wanted), highlights_deleted=ids(h.id for h in r[1]), articles=ids(wanted),
            memos=ids(wanted), suggestions=ids(wanted)))
        box = _Taken(highlights, taken)  # as they were when last deleted: what an undo puts back

        def changes(gone: bool) -> Changes:
            articles, made = ids(wanted), ids(h.id for h in box.highlights)
            return Changes(articles_removed=articles if gone else frozenset(),
                           articles_added=frozenset() if gone else articles,
                           highlights_deleted=made if gone else frozenset(),
                           highlights_created=frozenset() if gone else made,
                           articles=articles, memos=articles, suggestions=articles)

        def undo(s: Session) -> Changes:
            put_back_articles_in(s, box.rows)
            edits.restore_many(s, box.highlights)
            return changes(gone=False)

        def redo(s: Session) -> Changes:
            if len(s.scalars(select(Article.id).where(Article.id.in_(wanted))).all()) != len(wanted):
                raise AnnotationError(GONE)
            box.highlights, box.rows = take(s)
            return changes(gone=True)

        self._record(StepLabel("delete_articles", len(deleted), subject(deleted[0].title)), undo, redo)
        return Outcome(changes(gone=True), deleted)

    # --- new articles ---------------------------------------------------------------------
    def import_articles(self, paths: Sequence[Path],
                        progress: Progress | None = None) -> Outcome[ImportReport]:
        """Import files and folders (ingest.import_paths: a batch of files per transaction).
        Not undoable: nothing is recorded in the history (deleting articles is another,
        deliberate act). A cancel keeps what was stored before it (report.cancelled)."""
        progress = progress or Progress()

        def report(done: int, total: int) -> None:
            try:
                progress.step(done, total)
            except Cancelled:
                pass  # should_cancel stops the import between files, keeping what it stored

        result = import_paths(self.db, paths, progress=report,
                              should_cancel=lambda: progress.cancelled)
        updated = ids(article_id for _path, article_id, _r in result.updated)
        changes = Changes(articles_added=ids(article_id for _path, article_id in result.imported),
                          articles=updated, article_metadata=updated)
        self._announce(changes)  # imported in batches of their own: logged afterwards
        return Outcome(changes, result)


def _read(_result: object) -> Changes:
    """A transaction that only reads: nothing to log."""
    return NOTHING


def _quote(s: Session, article_id: int, start: int, end: int) -> str:
    return s.scalar(select(func.substr(Article.text, start + 1, end - start))
                    .where(Article.id == article_id)) or ""
