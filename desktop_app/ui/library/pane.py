"""The left column: corpus search, sort and filters, and the article list (or the hits).

It reads the library through core functions only; the main window hears which article
to open (and, for a search hit, where in it) through signals.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QMenu, QStackedWidget, QVBoxLayout, QWidget

from desktop_app.core.analysis.search import BATCH, SearchHit, search, sync_index
from desktop_app.core.library.article_list import count_listed, summaries
from desktop_app.core.library.articles import ArticleSummary, list_sources
from desktop_app.core.library.attribute_filters import CODE_KEY
from desktop_app.core.library.attributes import AttributesError, distinct_values, list_attributes
from desktop_app.core.nlp import word_index
from desktop_app.core.storage.database import Database
from desktop_app.ui.background import BackgroundOp
from desktop_app.ui.common.match_level import MatchLevelButton
from desktop_app.ui.common.plain_text import plain_label
from desktop_app.ui.i18n import number
from desktop_app.ui.library.article_list import ID_ROLE, ArticleListModel, ArticleListView
from desktop_app.ui.library.filters import LibraryFilters
from desktop_app.ui.library.search_results import HIT_ROLE, SearchResultsModel, SearchResultsView
from desktop_app.ui.wording import message_text

SEARCH_DELAY_MS = 250  # search after a pause in typing, not on every key
# Up to this many articles the source choices are counted at every refresh (~5 ms per
# 10,000); a bigger library counts them when the filters are opened.
EAGER_SOURCES = 100_000


class LibraryPane(QWidget):
    articleChosen = Signal(int)
    hitChosen = Signal(int, int, int)  # article id, offset and length of the first match
    searched = Signal(int)  # number of hits shown
    deleteRequested = Signal(list)  # the ArticleSummary of each selected article

    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("libraryPane")
        self.search_box = QLineEdit()
        self.search_box.setObjectName("librarySearch")
        self.search_box.setPlaceholderText(self.tr("Search all articles (diacritics optional)"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName(self.tr("Search all articles"))
        self.match_level = MatchLevelButton(self.search_box)  # follows the query until the user picks
        self._tag_names: list[str] = []
        self.filters = LibraryFilters(lambda: list_attributes(self.db), self._values)
        self.model = ArticleListModel(self)
        self.list = ArticleListView()
        self.list.setModel(self.model)
        self.hits = SearchResultsModel(self)
        self.hit_list = SearchResultsView()
        self.hit_list.setModel(self.hits)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.hit_list)
        self.count = plain_label(object_name="libraryCount")  # quotes the query, errors

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        search_row = QWidget()
        search_layout = QVBoxLayout(search_row)
        search_layout.setContentsMargins(8, 8, 8, 0)
        search_layout.addWidget(self.search_box)
        layout.addWidget(search_row)
        layout.addWidget(self.filters)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.count)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(self.match_level.follow)
        self.search_box.textChanged.connect(lambda _t: self._search_timer.start())
        self.match_level.chosen.connect(self.run_search)
        self.search_box.returnPressed.connect(self.run_search)
        self.filters.changed.connect(self.refresh)
        self._sources_stale = True
        self.filters.toggle.toggled.connect(lambda shown: self._load_sources() if shown else None)
        self.list.selectionModel().currentChanged.connect(self._on_current_article)
        self.hit_list.selectionModel().currentChanged.connect(self._on_current_hit)
        self.hit_list.clicked.connect(self._on_current_hit)  # clicking the chosen hit again
        self._total = 0
        self._problem = ""  # why the filters list nothing, when core refused a condition
        self._search_generation = 0
        self._quiet = 0  # > 0: the current row changes because the article is open already

        # Delete (the key, or right-click): the window asks, then deletes (one undo step).
        self.act_delete = QAction(self.tr("Delete articles…"), self.list)
        self.act_delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.act_delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.act_delete.triggered.connect(self.request_delete)
        self.list.addAction(self.act_delete)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._list_menu)
        self.menu_actions: list[QAction] = []  # other commands on the selected articles, above Delete

    # --- the article list -----------------------------------------------------------------
    def set_tags(self, tags: list[str]) -> None:
        self._tag_names = list(tags)
        self.filters.set_tags(tags)

    def _values(self, key: str) -> list[str]:
        """What a "Where" condition offers: the tags for a whole-article code, else the
        values articles have."""
        if key == CODE_KEY:
            return self._tag_names
        try:
            return [str(v) for v in distinct_values(self.db, key)]
        except ValueError:  # an attribute deleted meanwhile
            return []

    def refresh(self) -> None:
        """Reload the list and the sources, keeping the current article selected if it
        is still listed. Only the count is read here; rows come as the view shows them."""
        current = self.current_article_id()
        total = count_listed(self.db)
        self._sources_stale = True
        if self.filters.details.isVisible() or total <= EAGER_SOURCES:
            self._load_sources()
        where = self.filters.current()
        self._quiet += 1  # no re-open of the same article
        try:
            try:
                self.model.set_query(self.db, where)
            except AttributesError as e:  # a condition core cannot read: say why, list nothing
                self._problem = message_text(e.message)
            else:
                self._problem = ""
            self._total = total
            if current is not None:
                self.select_article(current, emit=False)
        finally:
            self._quiet -= 1
        self._update_count()

    def _load_sources(self) -> None:
        """The source choices (the count of every source reads an index of the whole
        library: ~0.5 s at 1,000,000 articles)."""
        if self._sources_stale:
            self._sources_stale = False
            self.filters.blockSignals(True)
            self.filters.set_sources(list_sources(self.db))
            self.filters.blockSignals(False)

    def update_article(self, summary: ArticleSummary) -> None:
        self.model.update_article(summary)

    def current_article_id(self) -> int | None:
        index = self.list.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_article(self, article_id: int, emit: bool = True) -> bool:
        """Make the article the current and only selected row, scrolled into view; with
        `emit=False` (it is open already) articleChosen stays silent. The view itself is
        told, so the row it paints selected is this one. An article the filters hide
        leaves no row selected: never the previous article's."""
        row = self.model.row_of(article_id)
        self._quiet += 0 if emit else 1
        try:
            index = self.model.index(row) if row >= 0 else QModelIndex()
            self.list.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            if row >= 0:
                self.list.scrollTo(index)
        finally:
            self._quiet -= 0 if emit else 1
        return row >= 0

    def selected_article_ids(self) -> list[int]:
        """In list order; a range of many rows (Select All) is read in one query."""
        ranges = sorted((r.top(), r.bottom()) for r in self.list.selectionModel().selection())
        return [i for top, bottom in ranges for i in self.model.ids_between(top, bottom)]

    def set_read_only(self, read_only: bool) -> None:
        self.act_delete.setEnabled(not read_only)

    def request_delete(self) -> None:
        """Ask the window to delete the selected articles, in list order."""
        ids = self.selected_article_ids()
        if ids and self.act_delete.isEnabled():
            found = summaries(self.db, ids)
            self.deleteRequested.emit([found[i] for i in ids if i in found])

    def _list_menu(self, pos: QPoint) -> None:
        n = sum(r.height() for r in self.list.selectionModel().selection())
        if not n:
            return
        self.act_delete.setText(self.tr("Delete %n article(s)…", "", n))
        menu = QMenu(self)
        if self.menu_actions:
            menu.addActions(self.menu_actions)
            menu.addSeparator()
        menu.addAction(self.act_delete)
        menu.exec(self.list.viewport().mapToGlobal(pos))

    def _on_current_article(self, current, _previous) -> None:
        if current.isValid() and not self._quiet:
            self.articleChosen.emit(current.data(ID_ROLE))

    def _update_count(self) -> None:
        if self._problem and self.stack.currentWidget() is self.list:
            text = self._problem
        elif self.stack.currentWidget() is self.hit_list:
            n = self.hits.rowCount()
            text = (_plural(n, self.tr("matching article"), self.tr("matching articles")) if n
                    else self.tr("No article matches “%1”.").replace("%1", self.search_box.text().strip()))
        elif self.model.rowCount() == self._total:
            text = _plural(self._total, self.tr("article"), self.tr("articles"))
        else:  # filtered: the total is two or more
            text = self.tr("%1 of %2 articles").replace("%1", number(self.model.rowCount())).replace(
                "%2", number(self._total))
        self.count.setText(text)

    # --- search ----------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def run_search(self) -> None:
        """Search on a pool thread: the index may be catching up after an import, and
        the window must not wait for it. Only the newest query's answer is shown."""
        self._search_timer.stop()
        query = self.search_box.text().strip()
        self._search_generation += 1
        if not query:
            self.stack.setCurrentWidget(self.list)
            self.filters.setEnabled(True)
            self._update_count()
            return
        generation, level = self._search_generation, self.match_level.level()
        self.count.setText(self.tr("Searching…"))
        # A long index queue (an import, a rebuild) is the background sync's: answer from
        # the index as it is rather than wait minutes.
        (BackgroundOp(self, lambda _progress: search(self.db, query, level=level, sync_at_most=5 * BATCH))
         .on_success(lambda hits: self._show_hits(generation, hits))
         .on_failure(lambda message: self._search_failed(generation, message))
         .run())

    def _show_hits(self, generation: int, hits: list[SearchHit]) -> None:
        if generation != self._search_generation:
            return  # the user typed on meanwhile
        self.hits.set_rows(hits)
        self.stack.setCurrentWidget(self.hit_list)
        self.filters.setEnabled(False)  # results rank the whole library
        self._update_count()
        self.searched.emit(len(hits))

    def _search_failed(self, generation: int, message: str) -> None:
        if generation == self._search_generation:
            self.count.setText(self.tr("Search failed: %1").replace("%1", message))

    def index_in_background(self) -> None:
        """Bring the search index up to date (after an import, at start) off the GUI thread."""
        # A failure is not the user's business (the next sync catches up); a crash is a bug.
        # With its progress: closing the window cancels it between batches (a rebuild of
        # 1,000,000 articles takes ~10 minutes; what was done is kept).
        BackgroundOp(self, lambda progress: sync_index(self.db, progress)).on_failure(lambda _message: None).run()
        # The word index of a library from before it (schema v9), or a long queue after a
        # dictionary change: built in batches, cancellable; until then concordance and
        # frequencies read the texts of what it does not hold yet.
        BackgroundOp(self, lambda progress: word_index.build(self.db, progress)).on_failure(
            lambda _message: None).run()

    def _on_current_hit(self, index, _previous=None) -> None:
        if index.isValid():
            hit = index.data(HIT_ROLE)
            length = hit.marks[0][1] - hit.marks[0][0] if hit.marks else 0
            self.hitChosen.emit(hit.article_id, hit.offset, length)


def _plural(n: int, one: str, many: str) -> str:
    # Singular and plural words translated apart (both translated already): Vietnamese
    # uses one form for both.
    return f"{number(n)} {one if n == 1 else many}"
