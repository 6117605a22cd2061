"""Tools → Concordance: every occurrence of a word or phrase with its context (KWIC).

Matching is core's (core/concordance.py): whole segmented words, diacritics folded
unless "Match diacritics" is ticked. The box follows the query until the user clicks
it, as ripgrep's smart case does: "Đảng" typed with its marks means the Party, not
"đang" or "đáng", so it is ticked; "dang" typed without marks finds every spelling.
Clicking the box overrides that until the query field is emptied.

Every search runs on a pool thread; only the newest request's answer is shown. The
first PAGE lines come at once (~20 ms on 10,000 articles); "Load all lines" streams the
rest (a common word: ~190,000 lines, ~4 s) with progress and Stop, and is what Export
does first when only a page is loaded. The widgets hold no SQL: they call core.
"""

from __future__ import annotations

import bisect
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.annotations import TagInfo
from desktop_app.core.concordance import (
    WORD_RE,
    ConcordanceLine,
    candidate_ids,
    concordance,
    export_concordance_csv,
    iter_concordance,
    sort_lines,
)
from desktop_app.core.db import Database
from desktop_app.core.stopwords import word_form
from desktop_app.core.text import fold, fold_aligned, normalize
from desktop_app.ui import style
from desktop_app.ui.tag_dialog import TagDialog
from desktop_app.ui.tasks import run_in_background

PAGE = 500  # lines of the first answer
SYNC_SORT_LINES = 20_000  # fewer lines sort in the GUI thread (~0.1 s); more in the pool
PROGRESS_EVERY_S = 0.1
LINE_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMN_KEYS = ("left", "keyword", "right", "article")  # sort key of each column
Index = QModelIndex | QPersistentModelIndex
Span = tuple[int, int, int]  # article id, start, end (code points)

HEADERS = (
    QT_TRANSLATE_NOOP("ConcordanceModel", "Left context"),
    QT_TRANSLATE_NOOP("ConcordanceModel", "Keyword"),
    QT_TRANSLATE_NOOP("ConcordanceModel", "Right context"),
    QT_TRANSLATE_NOOP("ConcordanceModel", "Article"),
)


# ------------------------------------------------------------------ plain work (pool threads)


def query_words(query: str) -> list[str]:
    """The folded syllables core's FTS step narrows a query by (concordance._compile)."""
    return WORD_RE.findall(fold_aligned(" ".join(normalize(query).split())))


def has_marks(text: str) -> bool:
    """True when the text carries a diacritic or đ: folding would change more than case."""
    return fold(text) != unicodedata.normalize("NFC", text).casefold()


def sort_concordance(lines: Sequence[ConcordanceLine], key: str, descending: bool = False
                     ) -> list[ConcordanceLine]:
    """core's sort_lines, plus "keyword" (written forms grouped: Đảng, đảng, then đang)."""
    if key == "keyword":
        ordered = sort_lines(lines, "article")
        ordered.sort(key=lambda l: (fold(l.keyword), word_form(l.keyword), l.keyword))
    else:
        ordered = sort_lines(lines, key)
    if descending:
        ordered.reverse()
    return ordered


def first_page(db: Database, query: str, match_diacritics: bool) -> tuple[list[ConcordanceLine], bool, int]:
    """(the first PAGE lines, whether there are more, articles that may hold more)."""
    lines = concordance(db, query, limit=PAGE + 1, match_diacritics=match_diacritics)
    if len(lines) <= PAGE:
        return lines, False, len({l.article_id for l in lines})
    return lines[:PAGE], True, len(candidate_ids(db, query_words(query)))


def all_lines(db: Database, query: str, match_diacritics: bool, sort: tuple[str, bool],
              stop: threading.Event, report: Callable[[int, int], None]
              ) -> tuple[list[ConcordanceLine], bool]:
    """Every line, sorted; stops between two lines when `stop` is set: (lines, complete)."""
    ids = candidate_ids(db, query_words(query))  # progress: how far through these we are
    lines: list[ConcordanceLine] = []
    last = time.monotonic()
    complete = True
    for line in iter_concordance(db, query, match_diacritics=match_diacritics):
        lines.append(line)
        if stop.is_set():
            complete = False
            break
        if (now := time.monotonic()) - last >= PROGRESS_EVERY_S:
            report(bisect.bisect_left(ids, line.article_id), len(ids))
            last = now
    report(len(ids), len(ids))
    return sort_concordance(lines, *sort), complete


# ------------------------------------------------------------------ model and view


class ConcordanceModel(QAbstractTableModel):
    """ConcordanceLine rows: Left context | Keyword | Right context | Article."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._lines: list[ConcordanceLine] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._bold_italic = QFont(self._bold)
        self._bold_italic.setItalic(True)

    def set_lines(self, lines: list[ConcordanceLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def lines(self) -> list[ConcordanceLine]:
        return list(self._lines)

    def line(self, row: int) -> ConcordanceLine:
        return self._lines[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate("ConcordanceModel", HEADERS[section])
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int((Qt.AlignmentFlag.AlignRight if section == 0 else Qt.AlignmentFlag.AlignLeft)
                           | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line, column = self._lines[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (line.left, line.keyword, line.right, line.title or self.tr("(untitled)"))[column]
        if role == LINE_ROLE:
            return line
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = Qt.AlignmentFlag.AlignRight if column == 0 else Qt.AlignmentFlag.AlignLeft
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == 1:
            return self._bold if line.segmented else self._bold_italic
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 1:
                return style.color("keyword")  # the theme in use
            if column == 3:
                return style.MUTED
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 3:
                return self.tr("Article %1: %2").replace("%1", str(line.article_id)).replace("%2", line.title)
            tip = f"{line.left} [{line.keyword}] {line.right}"
            if not line.segmented:
                tip += "\n" + self.tr("Matched by syllables: this article's word segmentation is not finished.")
            return tip
        return None


class _ElideLeftDelegate(QStyledItemDelegate):
    """The left context keeps its end, next to the keyword: "…công tác cán bộ"."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if index.column() == 0:
            option.textElideMode = Qt.TextElideMode.ElideLeft


class ConcordanceView(QTableView):
    lineActivated = Signal(QModelIndex)  # double-click or Enter

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("concordanceTable")
        self.setItemDelegate(_ElideLeftDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # 200,000 rows: never measure them
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.doubleClicked.connect(self.lineActivated)

    def layout_columns(self, keyword_width: int) -> None:
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, keyword_width)
        header.resizeSection(3, 230)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.lineActivated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class _Progress(QObject):
    """Emitted from a pool thread, delivered (queued) in the GUI thread."""

    changed = Signal(int, int, int)  # generation, articles done, articles in all


def _number(n: int) -> str:
    return QLocale().toString(n)


# ------------------------------------------------------------------ the window


class ConcordanceWindow(QWidget):
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

        self.query = QLineEdit()
        self.query.setObjectName("concordanceQuery")
        self.query.setPlaceholderText(self.tr("A word or phrase: cán bộ, or can bo without diacritics"))
        self.query.setClearButtonEnabled(True)
        self.query.setAccessibleName(self.tr("Concordance query"))
        self.match_diacritics = QCheckBox(self.tr("Match diacritics"))
        self.match_diacritics.setToolTip(self.tr(
            "Ticked by itself when the query has diacritics: “Đảng” finds only Đảng, “dang” finds "
            "đang, Đảng, đáng…\nClick it to choose yourself."))
        self.search_button = QPushButton(self.tr("Search"))
        self.summary = QLabel()
        self.summary.setObjectName("concordanceSummary")
        self.load_all_button = QPushButton(self.tr("Load all lines"))
        self.progress = QProgressBar()
        self.progress.setFixedWidth(160)
        self.progress.setTextVisible(False)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.note = QLabel()
        self.note.setObjectName("concordanceNote")
        self.note.setWordWrap(True)
        self.model = ConcordanceModel(self)
        self.table = ConcordanceView()
        self.table.setModel(self.model)
        self.table.layout_columns(self._keyword_width([]))
        self.sort = QComboBox()
        for label, key in ((self.tr("Word before"), "left"), (self.tr("Keyword"), "keyword"),
                           (self.tr("Word after"), "right"), (self.tr("Article order"), "article")):
            self.sort.addItem(label, key)
        self.status = QLabel()
        self.status.setObjectName("concordanceStatus")
        self.tag_button = QPushButton(self.tr("Tag selected lines…"))
        self.tag_button.setToolTip(self.tr("Highlight the keyword of every selected line with tags"))
        self.export_button = QPushButton(self.tr("Export CSV…"))

        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.match_diacritics)
        top.addWidget(self.search_button)
        info = QHBoxLayout()
        info.addWidget(self.summary, 1)
        info.addWidget(self.load_all_button)
        info.addWidget(self.progress)
        info.addWidget(self.stop_button)
        bottom = QHBoxLayout()
        sort_label = QLabel(self.tr("Sort by"))
        sort_label.setBuddy(self.sort)
        bottom.addWidget(sort_label)
        bottom.addWidget(self.sort)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.tag_button)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(info)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._progress = _Progress(self)
        self._progress.changed.connect(self._on_progress)
        self._generation = 0  # of the lines shown: a new search, a load, a sort
        self._shown: tuple[str, bool] | None = None  # query and match_diacritics of the lines
        self._complete = True
        self._stopped = False  # the user stopped a load: the lines are a beginning
        self._candidates = 0
        self._sort: tuple[str, bool] = ("article", False)
        self._stop: threading.Event | None = None
        self._then: Callable[[], None] | None = None  # once every line is loaded and sorted
        self._diacritics_auto = True

        self.query.returnPressed.connect(self.search)
        self.query.textChanged.connect(self._follow_query)
        self.match_diacritics.clicked.connect(self._diacritics_clicked)
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
    def show_query(self, query: str, match_diacritics: bool | None = None) -> None:
        """Show the window and search `query` (from the frequency list, a menu…);
        match_diacritics None lets the query decide, as typing does."""
        self.query.setText(query)
        self._diacritics_auto = match_diacritics is None
        self.match_diacritics.setChecked(has_marks(query) if match_diacritics is None else match_diacritics)
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
        generation, md = self._generation, self.match_diacritics.isChecked()
        self.summary.setText(self.tr("Searching…"))
        run_in_background(lambda: first_page(self.db, text, md),
                          lambda page: self._page_found(generation, (text, md), *page),
                          lambda message: self._job_failed(generation, message))

    def load_all(self) -> None:
        """Every line of the query shown, streamed on a pool thread with progress and Stop."""
        if self._shown is None or self._complete or self._stop is not None:
            return
        then = self._then
        self._new_generation()
        self._then = then
        generation, (text, md), sort = self._generation, self._shown, self._sort
        stop = self._stop = threading.Event()
        progress = self._progress

        def report(done: int, total: int) -> None:
            progress.changed.emit(generation, done, total)

        self.summary.setText(self.tr("Loading every line…"))
        self.progress.setRange(0, 0)
        self._set_busy(True)
        run_in_background(lambda: all_lines(self.db, text, md, sort, stop, report),
                          lambda result: self._all_found(generation, sort, *result),
                          lambda message: self._job_failed(generation, message))

    def stop(self) -> None:
        """Stop loading: the lines found so far are kept (and can be loaded again in full)."""
        self._then = None
        if self._stop is not None:
            self._stop.set()

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
        if self._stop is not None:
            return  # a load is running: it sorts its answer by self._sort
        generation = self._generation = self._generation + 1
        self.summary.setText(self.tr("Sorting…"))
        run_in_background(lambda: sort_concordance(lines, key, descending),
                          lambda ordered: self._sorted(generation, ordered),
                          lambda message: self._job_failed(generation, message))

    def lines(self) -> list[ConcordanceLine]:
        """The lines shown, in their order."""
        return self.model.lines()

    def selected_lines(self) -> list[ConcordanceLine]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.model.line(r) for r in rows]

    def is_complete(self) -> bool:
        return self._complete

    def tag_selected(self) -> None:
        """Ask for tags, then hand the keyword spans of the selected lines to tag_lines
        (the main window makes it one undoable step)."""
        lines = self.selected_lines()
        if not lines or self.db.read_only:
            return
        if len(lines) == 1:
            line = lines[0]
            quote = f"…{line.left[-50:]}{line.keyword}{line.right[:50]}…"
        else:
            quote = lines[0].keyword
        dialog = TagDialog(self._tag_infos(), [], quote, self)
        dialog.setWindowTitle(self.tr("Tags for the selected line") if len(lines) == 1 else
                              self.tr("Tags for %1 selected lines").replace("%1", _number(len(lines))))
        accepted = dialog.exec() == TagDialog.DialogCode.Accepted
        tags = dialog.selected_tags()
        dialog.deleteLater()
        if not accepted or not tags:
            return
        self._tag_lines([(l.article_id, l.start, l.end) for l in lines], tags)
        self.status.setText(self.tr("Tagged %1 lines with %2").replace("%1", _number(len(lines)))
                            .replace("%2", ", ".join(tags)))

    def export_csv(self, path: Path | str | None = None, delimiter: str = ",") -> None:
        """Write every line of the query (loading them first if only a page is shown) in
        the order shown; without a path, ask for one and for the separator."""
        if self._shown is None or not self.model.rowCount():
            return
        if path is None:
            path, delimiter = self._ask_export_path()
            if not path:
                return
        path = Path(path)
        if not self._complete:
            self._then = lambda: self.export_csv(path, delimiter)
            self.load_all()
            return
        lines = self.model.lines()
        self.status.setText(self.tr("Exporting to %1…").replace("%1", str(path)))
        run_in_background(lambda: export_concordance_csv(lines, path, delimiter),
                          lambda n: self._exported(path, n),
                          lambda message: self._export_failed(path, message))

    # --- answers from the pool ------------------------------------------------------------
    def _page_found(self, generation: int, shown: tuple[str, bool], lines: list[ConcordanceLine],
                    more: bool, candidates: int) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # a newer search (or a closed window)
        self._shown, self._complete, self._candidates = shown, not more, candidates
        self._stopped = False
        self._set_lines(sort_concordance(lines, *self._sort))
        self.table.layout_columns(self._keyword_width(lines))
        self.table.scrollToTop()
        self._update_summary()
        self.searched.emit(len(lines))

    def _all_found(self, generation: int, sort: tuple[str, bool], lines: list[ConcordanceLine],
                   complete: bool) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self._stop = None
        self._set_busy(False)
        self._complete, self._stopped = complete, not complete
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
        if self._stop is not None or not self._complete:
            return  # still loading: the load's answer runs it
        then, self._then = self._then, None
        if then is not None:
            then()

    def _on_progress(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(min(done, total))

    def _job_failed(self, generation: int, message: str) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self._stop, self._then = None, None
        self._set_busy(False)
        self.summary.setText(self.tr("The concordance failed: %1").replace("%1", message))
        self.failed.emit(message)

    def _exported(self, path: Path, rows: int) -> None:
        if shiboken6.isValid(self):
            self.status.setText(self.tr("Exported %1 lines to %2").replace("%1", _number(rows))
                                .replace("%2", str(path)))
            self.exported.emit(str(path), rows)

    def _export_failed(self, path: Path, message: str) -> None:
        if shiboken6.isValid(self):
            self.status.setText(self.tr("Could not write %1: %2").replace("%1", str(path)).replace("%2", message))
            self.failed.emit(message)

    # --- helpers --------------------------------------------------------------------------
    def _new_generation(self) -> None:
        self._generation += 1
        self._then = None
        if self._stop is not None:  # a load of the previous query: stop it, drop its answer
            self._stop.set()
            self._stop = None
        self._set_busy(False)

    def _set_lines(self, lines: list[ConcordanceLine]) -> None:
        self.model.set_lines(lines)
        self._set_note(lines)
        self._update_buttons()

    def _hint(self) -> str:
        return self.tr("Type a word or phrase and press Enter. Diacritics are optional.")

    def _update_summary(self) -> None:
        n = self.model.rowCount()
        query = self._shown[0] if self._shown else ""
        if n == 0:
            text = self.tr("No line matches “%1”.").replace("%1", query)
            if self._shown and self._shown[1]:
                text += " " + self.tr("Untick Match diacritics to find every spelling.")
        elif self._stopped:
            text = self.tr("%1 lines found before you stopped; Load all lines to see the rest.").replace(
                "%1", _number(n))
        elif not self._complete:
            text = (self.tr("Showing the first %1 lines; more in up to %2 articles.")
                    .replace("%1", _number(n)).replace("%2", _number(self._candidates)))
        else:
            articles = len({l.article_id for l in self.model.lines()})
            text = " · ".join((
                self.tr("1 line") if n == 1 else self.tr("%1 lines").replace("%1", _number(n)),
                self.tr("1 article") if articles == 1 else self.tr("%1 articles").replace("%1", _number(articles)),
            ))
        self.summary.setText(text)
        self.load_all_button.setVisible(not self._complete and self._stop is None)

    def _set_note(self, lines: list[ConcordanceLine]) -> None:
        bare = sum(1 for l in lines if not l.segmented)
        if bare == 1:
            self.note.setText(self.tr("1 line matched by syllables: segmentation of its article is not finished."))
        elif bare:
            self.note.setText(self.tr("%1 lines matched by syllables: segmentation of those articles is not "
                                      "finished.").replace("%1", _number(bare)))
        self.note.setVisible(bare > 0)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.stop_button.setVisible(busy)
        self.load_all_button.setVisible(not busy and not self._complete and self._shown is not None)

    def _update_buttons(self, *_args) -> None:
        selected = self.table.selectionModel().hasSelection()
        self.tag_button.setEnabled(selected and not self.db.read_only)
        self.export_button.setEnabled(self.model.rowCount() > 0)

    def _show_sort(self) -> None:
        key, descending = self._sort
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(COLUMN_KEYS.index(key), Qt.SortOrder.DescendingOrder if descending
                                else Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)
        self.sort.blockSignals(True)
        self.sort.setCurrentIndex(self.sort.findData(key))
        self.sort.blockSignals(False)

    def _keyword_width(self, lines: list[ConcordanceLine]) -> int:
        metrics = self.table.fontMetrics()
        bold = QFont(self.table.font())
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        header = metrics.horizontalAdvance(QCoreApplication.translate("ConcordanceModel", HEADERS[1])) + 30
        widest = max((bold_metrics.horizontalAdvance(k) for k in {l.keyword for l in lines}), default=0)
        return min(max(header, widest + 24), 320)

    def _follow_query(self, text: str) -> None:
        if not text.strip():
            self._diacritics_auto = True
        if self._diacritics_auto:
            self.match_diacritics.setChecked(has_marks(text))

    def _diacritics_clicked(self) -> None:
        self._diacritics_auto = False
        if self.query.text().strip():
            self.search()

    def _open_line(self, index: QModelIndex) -> None:
        line = self.model.line(index.row())
        self._open_at(line.article_id, line.start, line.end - line.start)

    def _tag_infos(self) -> list[TagInfo]:
        """TagDialog wants TagInfo; `tags` may give names only (then without colours)."""
        return [t if isinstance(t, TagInfo) else TagInfo(id=-1 - i, name=str(t), color="")
                for i, t in enumerate(self._tags())]

    def _ask_export_path(self) -> tuple[str, str]:
        comma = self.tr("CSV, comma-separated (*.csv)")
        semicolon = self.tr("CSV for Excel with decimal commas, semicolon-separated (*.csv)")
        name = re.sub(r"[^\w-]+", "-", self._shown[0] if self._shown else "").strip("-") or "concordance"
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Export the concordance"),
                                                   f"concordance-{name}.csv", f"{comma};;{semicolon}")
        return path, ";" if chosen == semicolon else ","

    def closeEvent(self, event) -> None:
        self.stop()
        super().closeEvent(event)
