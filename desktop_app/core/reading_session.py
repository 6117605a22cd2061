"""What the window is reading: the open article, its highlights, orphans and memo.

Qt-free, so that it can be tested (and later driven by a remote change) without a window.
The reader, the cards, the orphans and the memo box observe it; the window hands it every
`Changes` published on its bus, and it works out what that means for the open article:
a few highlights put in place one by one (a new highlight on an article with 5,000 must
not reload 5,000), or, for a batch, an undo of many or a codebook change, all of them anew.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop_app.core.annotate.highlights import AnnotationError, AnnotationService, HighlightInfo
from desktop_app.core.library.articles import ArticleDoc, get_article
from desktop_app.core.library.memos import memo_with_version
from desktop_app.core.operations.changes import Changes
from desktop_app.core.storage.database import DatabaseError

# Up to this many changed highlights are put in place one by one; more are reloaded at once.
INCREMENTAL_AT_MOST = 20


@dataclass(frozen=True)
class SessionUpdate:
    """What changed in the session, for its observers."""

    opened: bool = False  # another article (or none), or the open one anew: show it all
    reloaded: bool = False  # every highlight anew (`highlights` holds them)
    upserted: tuple[HighlightInfo, ...] = ()  # new or changed, in place
    removed: tuple[int, ...] = ()  # deleted or orphaned
    orphans: bool = False
    memo: bool = False
    metadata: bool = False  # the article's title, hidden spans or text changed

    @property
    def highlights_changed(self) -> bool:
        return self.opened or self.reloaded or bool(self.upserted or self.removed)


Observer = Callable[[SessionUpdate], None]


class ReadingSession:
    def __init__(self, service: AnnotationService) -> None:
        self.service = service
        self.db = service.db
        self.article: ArticleDoc | None = None
        self.highlights: dict[int, HighlightInfo] = {}
        self.orphans: list[HighlightInfo] = []
        self.memo = ""
        self.memo_version = -1  # the memo's version as read (schema v14): what its save names
        self.observers: list[Observer] = []
        self.coders: frozenset[int] | None = None  # whose highlights are shown (None: all)

    @property
    def article_id(self) -> int | None:
        return self.article.id if self.article is not None else None

    def sorted_highlights(self) -> list[HighlightInfo]:
        return sorted(self.highlights.values(), key=lambda h: (h.start, -h.end, h.id))

    # --- opening ------------------------------------------------------------------------
    def open(self, article_id: int) -> ArticleDoc | None:
        """Load an article and all it carries; None (and nothing changed) if it is gone."""
        doc = get_article(self.db, article_id)
        if doc is None:
            return None
        self.article = doc
        self._load_all()
        self.memo, self.memo_version = memo_with_version(self.db, article_id)
        self._notify(SessionUpdate(opened=True, orphans=True, memo=True, metadata=True))
        return doc

    def close(self) -> None:
        """No article (the library was replaced)."""
        self.article, self.highlights, self.orphans, self.memo = None, {}, [], ""
        self._notify(SessionUpdate(opened=True, orphans=True, memo=True))

    def show_coders(self, coders: frozenset[int] | None) -> None:
        """Show only these coders' highlights and orphans (None: everyone's); the open
        article's are loaded anew when that changes what is shown."""
        if coders == self.coders:
            return
        self.coders = coders
        if self.article is not None:
            self._load_all()
            self._notify(SessionUpdate(reloaded=True, orphans=True))

    def _load_all(self) -> None:
        assert self.article is not None
        self.highlights = {h.id: h for h in self.service.highlights_for_article(self.article.id, self.coders)}
        self.orphans = self.service.orphans_for_article(self.article.id, self.coders)

    # --- changes ------------------------------------------------------------------------
    def apply(self, changes: Changes) -> SessionUpdate | None:
        """Bring the session up to date with `changes`; None when the open article is not
        touched. Observers are told what changed."""
        article = self.article
        if article is None:
            return None
        if not (changes.touches(article.id) or changes.highlights & self.highlights.keys()):
            return None
        if article.id in changes.articles_removed:
            self.close()
            return SessionUpdate(opened=True)
        if article.id in changes.article_metadata or changes.reloaded:
            doc = get_article(self.db, article.id)
            if doc is None:
                self.close()
                return SessionUpdate(opened=True)
            self.article = doc
            self._load_all()
            update = SessionUpdate(opened=True, orphans=True, metadata=True,
                                   memo=self._reload_memo(changes))
        elif changes.codebook or len(changes.highlights) > INCREMENTAL_AT_MOST:
            self._load_all()
            update = SessionUpdate(reloaded=True, orphans=True, memo=self._reload_memo(changes))
        else:
            update = self._apply_few(changes)
        self._notify(update)
        return update

    def _apply_few(self, changes: Changes) -> SessionUpdate:
        assert self.article is not None
        upserted: list[HighlightInfo] = []
        removed: list[int] = []
        orphans_changed = False
        orphan_ids = {o.id for o in self.orphans}
        for highlight_id in sorted(changes.highlights):
            try:
                info: HighlightInfo | None = self.service.get_highlight(highlight_id)
            except (AnnotationError, DatabaseError):
                info = None  # deleted
            mine = (info is not None and info.article_id == self.article.id
                    and (self.coders is None or info.coder_id in self.coders))
            if highlight_id in orphan_ids or (mine and info is not None and info.orphaned):
                orphans_changed = True
            if not mine or info is None or info.orphaned:
                if self.highlights.pop(highlight_id, None) is not None:
                    removed.append(highlight_id)
                continue
            self.highlights[highlight_id] = info
            upserted.append(info)
        if orphans_changed:
            self.orphans = self.service.orphans_for_article(self.article.id)
        return SessionUpdate(upserted=tuple(upserted), removed=tuple(removed), orphans=orphans_changed,
                             memo=self._reload_memo(changes))

    def _reload_memo(self, changes: Changes) -> bool:
        assert self.article is not None
        if self.article.id not in changes.memos and not changes.reloaded:
            return False
        self.memo, self.memo_version = memo_with_version(self.db, self.article.id)
        return True

    def _notify(self, update: SessionUpdate) -> None:
        for observer in list(self.observers):
            observer(update)
