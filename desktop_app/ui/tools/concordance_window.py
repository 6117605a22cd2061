"""Tools → Concordance: every occurrence of a word or phrase with its context (KWIC).

Matching is core's (core/concordance.py): whole segmented words, diacritics folded
unless "Match diacritics" is ticked. The box follows the query until the user clicks
it, as ripgrep's smart case does: "Đảng" typed with its marks means the Party, not
"đang" or "đáng", so it is ticked; "dang" typed without marks finds every spelling.
Clicking the box overrides that until the query field is emptied.

Every search runs as a BackgroundOp; only the newest request's answer is shown. The
first PAGE lines come at once; "Load all lines" streams the rest with progress and Stop
(core/analysis/concordance_pages.py: paging, streaming and sorting, without Qt), and is
what Export does first when only a page is loaded. The widgets hold no SQL.

This module holds the window's searching, loading and sorting. Its other
parts: ui/concordance_table.py (model and view), ui/concordance_form.py (widgets and
status texts), ui/concordance_actions.py (tag the selected lines, export to CSV).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from desktop_app.core.analysis.concordance import ConcordanceLine
from desktop_app.core.analysis.concordance_pages import (
    MAX_LINES,
    all_lines,
    first_page,
    has_marks,
    query_words,
    sort_concordance,
    total_lines,
)
from desktop_app.core.annotate.highlights import TagInfo
from desktop_app.core.storage.database import Database
from desktop_app.core.text.matching import MatchLevel, level_for_query
from desktop_app.ui.background import BackgroundOp
from desktop_app.ui.tools.concordance_actions import ConcordanceActions, Span
from desktop_app.ui.tools.concordance_form import ConcordanceForm
from desktop_app.ui.tools.concordance_table import (
    COLUMN_KEYS,
    HEADERS,
    LINE_ROLE,
    ConcordanceModel,
    ConcordanceView,
    Index,
)

# The table's names, and core's paging and sorting, are imported from here too.
__all__ = [
    "COLUMN_KEYS",
    "HEADERS",
    "LINE_ROLE",
    "Index",
    "MAX_LINES",
    "PAGE",
    "ConcordanceModel",
    "ConcordanceView",
    "ConcordanceWindow",
    "Span",
    "all_lines",
    "first_page",
    "has_marks",
    "query_words",
    "sort_concordance",
]

PAGE = 500  # lines of the first answer
SYNC_SORT_LINES = 20_000  # fewer lines sort in the GUI thread (~0.1 s); more in the pool


class ConcordanceWindow(ConcordanceForm, ConcordanceActions, QWidget):
    searched = Signal(int)  # lines shown after a search (the first page)
    loaded = Signal(int)  # lines shown after "Load all lines" finished or was stopped
    exported = Signal(str, int)  # path, rows written
    failed = Signal(str)

    def __init__(
        self,
        db: Database,
        open_at: Callable[[int, int, int], None],
        tag_lines: Callable[[list[Span], list[str]], None],
        tags: Callable[[], Sequence[str | TagInfo]],
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setObjectName("concordanceWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # the theme's background
        self.setWindowTitle(self.tr("Concordance"))
        self.resize(1180, 680)
        self.db, self._open_at, self._tag_lines, self._tags = db, open_at, tag_lines, tags
        self._build_form()

        self._generation = 0  # of the lines shown: a new search, a load, a sort
        self._shown: tuple[str, MatchLevel] | None = None  # query and matching level of the lines
        self._complete = True
        self._stopped = False  # the user stopped a load: the lines are a beginning
        self._capped = False  # a load stopped at MAX_LINES: the lines are a beginning
        self._candidates = 0
        self._total: int | None = None
        self._sort: tuple[str, bool] = ("article", False)
        self._load: BackgroundOp | None = None  # "Load all lines", while it runs
        self._then: Callable[[], None] | None = None  # once every line is loaded and sorted

        self.query.returnPressed.connect(self.search)
        self.query.textChanged.connect(self._follow_query)
        self.match_level.chosen.connect(self._level_chosen)
        self.search_button.clicked.connect(self.search)
        self.load_all_button.clicked.connect(self.load_all)
        self.stop_button.clicked.connect(self.stop)
        self.table.lineActivated.connect(self._open_line)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.horizontalHeader().sortIndicatorChanged.connect(
            lambda section, order: self.sort_by(COLUMN_KEYS[section], order == Qt.SortOrder.DescendingOrder))
        self.sort.currentIndexChanged.connect(lambda _i: self.sort_by(self.sort.currentData()))
        self.tag_button.clicked.connect(self.tag_selected)
        self.export_button.clicked.connect(lambda: self.export_csv())
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        self._show_sort()
        self._set_busy(False)
        self.summary.setText(self._hint())
        self._update_buttons()

    # --- public ---------------------------------------------------------------------------
    def show_query(self, query: str, match_diacritics: bool | None = None,
                   level: MatchLevel | None = None) -> None:
        """Show the window and search `query` (from the frequency list, a menu…) at
        `level`; None lets the query decide, as typing does. `match_diacritics` (older):
        True is the same word (any case), False no diacritics."""
        if level is None and match_diacritics is not None:
            level = MatchLevel.WORD if match_diacritics else MatchLevel.NONE
        self.query.setText(query)
        self.match_level.set_level(level_for_query(query, level), auto=level is None)
        self.show()
        self.raise_()
        self.activateWindow()
        self.search()

    def search(self) -> None:
        """The first PAGE lines of the query, on a pool thread; a newer search wins."""
        text = " ".join(self.query.text().split())
        self._new_generation()
        if not text:
            self._shown = None
            self._set_lines([])
            self.summary.setText(self._hint())
            return
        generation, md = self._generation, self.match_level.level()
        self.summary.setText(self.tr("Searching…"))
        page_size = PAGE
        # The total comes from the word index in a few ms (None: not known before every
        # line is loaded).
        (BackgroundOp(self, lambda _progress: (*first_page(self.db, text, md, page_size),
                                               total_lines(self.db, text, md)))
         .on_success(lambda page: self._page_found(generation, (text, md), *page))
         .on_failure(lambda message: self._job_failed(generation, message))
         .on_finished(lambda: self._job_ended(generation))
         .run())

    def load_all(self) -> None:
        """Every line of the query shown, streamed on a pool thread with progress and Stop."""
        if self._shown is None or self._complete or self._load is not None:
            return
        then = self._then
        self._new_generation()
        self._then = then
        generation, (text, md), sort = self._generation, self._shown, self._sort
        self.summary.setText(self.tr("Loading every line…"))
        self.progress.setRange(0, 0)
        self._set_busy(True)
        # Stopped, the job still answers with the lines found so far: keep them.
        limit = MAX_LINES  # read now: tests lower it
        self._load = (BackgroundOp(self, lambda progress: all_lines(self.db, text, md, sort, progress, limit),
                                   discard_when_cancelled=False)
                      .on_progress(lambda done, total, _note: self._on_progress(generation, done, total))
                      .on_success(lambda result: self._all_found(generation, sort, *result))
                      .on_failure(lambda message: self._job_failed(generation, message))
                      .on_finished(lambda: self._job_ended(generation))
                      .run())

    def stop(self) -> None:
        """Stop loading: the lines found so far are kept (and can be loaded again in full)."""
        self._then = None
        if self._load is not None:
            self._load.cancel()

    def sort_by(self, key: str, descending: bool = False) -> None:
        """left / keyword / right (the nearest words first) / article; big lists sort
        in the pool."""
        if key not in COLUMN_KEYS:
            raise ValueError(f"unknown sort {key!r}")
        self._sort = (key, descending)
        self._show_sort()
        lines = self.model.lines()
        if len(lines) <= SYNC_SORT_LINES:
            self._set_lines(sort_concordance(lines, key, descending))
            self._run_then()
            return
        if self._load is not None:
            return  # a load is running: it sorts its answer by self._sort
        generation = self._generation = self._generation + 1
        self.summary.setText(self.tr("Sorting…"))
        (BackgroundOp(self, lambda _progress: sort_concordance(lines, key, descending))
         .on_success(lambda ordered: self._sorted(generation, ordered))
         .on_failure(lambda message: self._job_failed(generation, message))
         .on_finished(lambda: self._job_ended(generation))
         .run())

    def lines(self) -> list[ConcordanceLine]:
        """The lines shown, in their order."""
        return self.model.lines()

    def selected_lines(self) -> list[ConcordanceLine]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.model.line(r) for r in rows]

    def is_complete(self) -> bool:
        return self._complete

    # --- answers from the pool ------------------------------------------------------------
    def _page_found(self, generation: int, shown: tuple[str, MatchLevel], lines: list[ConcordanceLine],
                    more: bool, candidates: int, total: int | None = None) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # a newer search (or a closed window)
        self._shown, self._complete, self._candidates = shown, not more, candidates
        self._total = total
        self._stopped = self._capped = False
        self._set_lines(sort_concordance(lines, *self._sort))
        self.table.layout_columns(self._keyword_width(lines))
        self.table.scrollToTop()
        self._update_summary()
        self.searched.emit(len(lines))

    def _all_found(self, generation: int, sort: tuple[str, bool], lines: list[ConcordanceLine],
                   complete: bool, capped: bool = False) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self._load = None
        self._set_busy(False)
        self._complete, self._stopped, self._capped = complete, not complete and not capped, capped
        if not complete:
            self._then = None  # an export waits for every line: not these
        self._set_lines(lines)
        self.table.layout_columns(self._keyword_width(lines))
        self._update_summary()
        self.loaded.emit(len(lines))
        if sort != self._sort:
            self.sort_by(*self._sort)  # sorted otherwise meanwhile; _sorted runs _then
        else:
            self._run_then()

    def _sorted(self, generation: int, lines: list[ConcordanceLine]) -> None:
        if shiboken6.isValid(self) and generation == self._generation:
            self._set_lines(lines)
            self._update_summary()
            self._run_then()

    def _run_then(self) -> None:
        if self._load is not None or not self._complete:
            return  # still loading: the load's answer runs it
        then, self._then = self._then, None
        if then is not None:
            then()

    def _on_progress(self, generation: int, done: int, total: int) -> None:
        if shiboken6.isValid(self) and generation == self._generation:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(min(done, total))

    def _job_failed(self, generation: int, message: str) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self._load, self._then = None, None
        self._set_busy(False)
        self.summary.setText(self.tr("The concordance failed: %1").replace("%1", message))
        self.failed.emit(message)

    def _job_ended(self, generation: int) -> None:
        """After any outcome: a crash (reported by the error reporter) must not leave the
        window busy."""
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        if self._load is not None and self._load.done:
            self._load = None
            self._set_busy(False)

    # --- helpers --------------------------------------------------------------------------
    def _new_generation(self) -> None:
        self._generation += 1
        self._then = None
        if self._load is not None:  # a load of the previous query: stop it, drop its answer
            self._load.cancel()
            self._load = None
        self._set_busy(False)

    def _set_lines(self, lines: list[ConcordanceLine]) -> None:
        self.model.set_lines(lines)
        self._set_note(lines)
        self._update_buttons()

    def _follow_query(self, text: str) -> None:
        self.match_level.follow(text)

    def _level_chosen(self) -> None:
        if self.query.text().strip():
            self.search()

    def _open_line(self, index: QModelIndex) -> None:
        line = self.model.line(index.row())
        self._open_at(line.article_id, line.start, line.end - line.start)

    def closeEvent(self, event) -> None:
        self.stop()
        super().closeEvent(event)
