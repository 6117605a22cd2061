"""Tools → Word frequencies: the most frequent segmented words of the library, the open
article, or the text highlighted with one tag (and the tags nested under it).

Counting is core's (core/frequencies.py) and runs on a pool thread: the whole library of
10,000 articles takes ~6 s. word_frequencies cannot be interrupted, so one count runs at
a time: a change of options meanwhile waits for it and only the newest is counted
next; Stop drops the running count's answer. Double-clicking a word emits
wordActivated, for the concordance window to show its lines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
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
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.analysis.frequencies import FrequencyResult, export_frequencies_csv
from desktop_app.core.annotate.highlights import TagInfo
from desktop_app.core.storage.database import Database
from desktop_app.core.text.normalize import fold
from desktop_app.ui.background import BackgroundOp
from desktop_app.ui.common.plain_text import plain_label, plain_tooltip
from desktop_app.ui.i18n import number
from desktop_app.ui.tools.frequency_model import (  # noqa: F401  (WORD_ROLE, FrequencyModel: for callers)
    FOLD_ROLE,
    SORT_ROLE,
    WORD_ROLE,
    FrequencyModel,
    Request,
)
from desktop_app.ui.tools.stopwords_dialog import StopwordsDialog, user_stopwords


class FrequencyWindow(QWidget):
    computed = Signal(object)  # the FrequencyResult shown
    exported = Signal(str, int)  # path, rows written
    failed = Signal(str)
    wordActivated = Signal(str)  # double-click or Enter on a word: show it in context

    def __init__(
        self,
        db: Database,
        current_article: Callable[[], int | None],
        tags: Callable[[], Sequence[str | TagInfo]],
        stopwords_path: Path,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setObjectName("frequencyWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # the theme's background
        self.setWindowTitle(self.tr("Word frequencies"))
        self.resize(640, 720)
        self.db, self._current_article, self._tags = db, current_article, tags
        self.stopwords_path = Path(stopwords_path)
        self._stopwords = frozenset(user_stopwords(self.stopwords_path))

        self.scope = QComboBox()
        self.scope.addItem(self.tr("Whole library"), "library")
        self.scope.addItem(self.tr("Open article"), "article")
        self.scope.addItem(self.tr("One tag:"), "tag")
        self.tag = QComboBox()
        self.tag.setMinimumContentsLength(16)
        self.tag.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.leave_out_stopwords = QCheckBox(self.tr("Leave out stop words"))
        self.leave_out_stopwords.setChecked(True)
        self.edit_stopwords_button = QPushButton(self.tr("Edit stop words…"))
        self.compounds_only = QCheckBox(self.tr("Compound words only"))
        self.compounds_only.setToolTip(self.tr("Only words of two syllables or more (cán bộ, tổ chức)"))
        self.filter = QLineEdit()
        self.filter.setObjectName("frequencyFilter")
        self.filter.setPlaceholderText(self.tr("Find a word in the list"))
        self.filter.setClearButtonEnabled(True)
        # Plain text: they quote tag names, file paths and error messages.
        self.summary = plain_label(object_name="frequencySummary")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setFixedWidth(120)
        self.progress.setTextVisible(False)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.note = plain_label(wrap=True, object_name="frequencyNote")
        self.model = FrequencyModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterRole(FOLD_ROLE)
        self.proxy.setFilterKeyColumn(1)
        self.table = QTableView()
        self.table.setObjectName("frequencyTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setToolTip(self.tr("Double-click a word to see it in context"))
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 76), (2, 90), (3, 90), (4, 140)):
            header.resizeSection(column, width)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.status = plain_label(object_name="frequencyStatus")

        scope_row = QHBoxLayout()
        scope_label = QLabel(self.tr("Count words in"))
        scope_label.setBuddy(self.scope)
        scope_row.addWidget(scope_label)
        scope_row.addWidget(self.scope)
        scope_row.addWidget(self.tag, 1)
        options = QHBoxLayout()
        options.addWidget(self.leave_out_stopwords)
        options.addWidget(self.edit_stopwords_button)
        options.addSpacing(12)
        options.addWidget(self.compounds_only)
        options.addStretch(1)
        info = QHBoxLayout()
        info.addWidget(self.summary, 1)
        info.addWidget(self.progress)
        info.addWidget(self.stop_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.filter, 1)
        bottom.addWidget(self.status)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(6)
        layout.addLayout(scope_row)
        layout.addLayout(options)
        layout.addLayout(info)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._generation = 0
        self._running = False
        self._counts_started = 0  # tells a count that crashed from a newer one
        self._pending: Request | None = None  # asked for while a count runs
        self._shown: Request | None = None
        self._result: FrequencyResult | None = None
        self._started = False
        self.set_tags()
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.tag.currentIndexChanged.connect(lambda _i: self.refresh())
        self.leave_out_stopwords.toggled.connect(lambda _c: self.refresh())
        self.compounds_only.toggled.connect(lambda _c: self.refresh())
        self.edit_stopwords_button.clicked.connect(self.edit_stopwords)
        self.stop_button.clicked.connect(self.stop)
        self.filter.textChanged.connect(lambda text: self.proxy.setFilterFixedString(fold(text.strip())))
        self.table.doubleClicked.connect(self._activate)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self._activate_current,
                  Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Enter), self.table, self._activate_current,
                  Qt.ShortcutContext.WidgetShortcut)
        self.export_button.clicked.connect(lambda: self.export_csv())
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        self._scope_changed()
        self._set_busy(False)

    # --- public ---------------------------------------------------------------------------
    def set_tags(self, names: Sequence[str | TagInfo] | None = None) -> None:
        """Refill the tag list (from `tags` if None), keeping the chosen tag."""
        chosen = self.tag.currentData()
        names = [t.name if isinstance(t, TagInfo) else str(t) for t in (self._tags() if names is None else names)]
        self.tag.blockSignals(True)
        self.tag.clear()
        for name in names:
            self.tag.addItem(name, name)
        if not names:
            self.tag.addItem(self.tr("(no tags yet)"), None)
        self.tag.setCurrentIndex(max(0, self.tag.findData(chosen)) if chosen is not None else 0)
        self.tag.blockSignals(False)

    def set_scope(self, scope: str, tag: str | None = None) -> None:
        """Count "library", "article" or "tag" (that tag, e.g. from a tag's context menu)."""
        self.set_tags()
        if tag is not None:
            self.tag.blockSignals(True)
            self.tag.setCurrentIndex(max(0, self.tag.findData(tag)))
            self.tag.blockSignals(False)
        index = self.scope.findData(scope)
        if index < 0:
            raise ValueError(f"unknown scope {scope!r}")
        if index == self.scope.currentIndex():
            self.refresh()
        else:
            self._started = True
            self.scope.setCurrentIndex(index)  # counts through _scope_changed

    def refresh(self) -> None:
        """Count again with the options shown (a newer request replaces a waiting one)."""
        self._started = True
        request = self.request()
        if request is None:
            self._generation += 1
            self._pending = None
            self._show(None, None)
            return
        if self._running:
            self._pending = request
            self._generation += 1  # the running count's answer is out of date
            self.summary.setText(self.tr("Counting words…"))
            self._set_busy(True)
            return
        self._start(request)

    def request(self) -> Request | None:
        """The options as plain values; None when the scope has nothing to count."""
        scope = self.scope.currentData()
        article_id = self._current_article() if scope == "article" else None
        tag = self.tag.currentData() if scope == "tag" else None
        if (scope == "article" and article_id is None) or (scope == "tag" and tag is None):
            return None
        stop = self._stopwords if self.leave_out_stopwords.isChecked() else None
        return Request(scope, article_id, tag, stop, 2 if self.compounds_only.isChecked() else 1)

    def result(self) -> FrequencyResult | None:
        return self._result

    def stop(self) -> None:
        """Drop the running count's answer (core cannot interrupt it) and any waiting one."""
        self._generation += 1
        self._pending = None
        self._set_busy(False)
        self.summary.setText(self.tr("Stopped."))

    def edit_stopwords(self) -> None:
        dialog = StopwordsDialog(self.stopwords_path, self)
        saved = dialog.exec() == StopwordsDialog.DialogCode.Accepted
        dialog.deleteLater()
        if saved:
            self.reload_stopwords()

    def reload_stopwords(self) -> None:
        self._stopwords = frozenset(user_stopwords(self.stopwords_path))
        if self.leave_out_stopwords.isChecked():
            self.refresh()

    def export_csv(self, path: Path | str | None = None, delimiter: str = ",") -> None:
        """Every word of the count shown (not only those the find field lets through)."""
        result = self._result
        if result is None or not result.words:
            return
        if path is None:
            comma = self.tr("CSV, comma-separated (*.csv)")
            semicolon = self.tr("CSV for Excel with decimal commas, semicolon-separated (*.csv)")
            chosen_path, chosen = QFileDialog.getSaveFileName(
                self, self.tr("Export word frequencies"), "word-frequencies.csv", f"{comma};;{semicolon}")
            if not chosen_path:
                return
            path, delimiter = chosen_path, ";" if chosen == semicolon else ","
        path = Path(path)
        self.status.setText(self.tr("Exporting…"))
        (BackgroundOp(self, lambda _progress: export_frequencies_csv(result, path, delimiter))
         .on_success(lambda n: self._exported(path, n))
         .on_failure(lambda message: self._export_failed(path, message))
         .run())

    # --- counting -------------------------------------------------------------------------
    def _start(self, request: Request) -> None:
        self._generation += 1
        generation = self._generation
        self._running = True
        self._counts_started = started = self._counts_started + 1
        self.summary.setText(self.tr("Counting words…"))
        self._set_busy(True)
        (BackgroundOp(self, lambda _progress: request.run(self.db))
         .on_success(lambda result: self._done(generation, request, result))
         .on_failure(lambda message: self._done(generation, request, None, message))
         .on_finished(lambda: self._ended(started, generation, request))
         .run())

    def _ended(self, started: int, generation: int, request: Request) -> None:
        """After any outcome. Still running, and no newer count started: the count crashed
        (the error reporter has told the user); the window must not stay counting."""
        if shiboken6.isValid(self) and self._running and self._counts_started == started:
            self._done(generation, request, None, self.tr("an unexpected error (see the log)"))

    def _done(self, generation: int, request: Request, result: FrequencyResult | None,
              error: str | None = None) -> None:
        if not shiboken6.isValid(self):
            return
        self._running = False
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._start(pending)
            return
        if generation != self._generation:
            return  # stopped
        self._set_busy(False)
        if error is not None:
            self.summary.setText(self.tr("Counting failed: %1").replace("%1", error))
            self.failed.emit(error)
            return
        self._show(request, result)

    def _show(self, request: Request | None, result: FrequencyResult | None) -> None:
        self._shown, self._result = request, result
        self.model.set_result(result)
        self.export_button.setEnabled(bool(result and result.words))
        self._set_busy(False)
        if result is None:
            scope = self.scope.currentData()
            self.summary.setText(self.tr("No article is open.") if scope == "article"
                                 else self.tr("No tag yet: highlight some text with a tag first."))
            self.note.hide()
            self.computed.emit(None)
            return
        parts = [
            self.tr("1 word") if result.total_words == 1 else
            self.tr("%1 words").replace("%1", number(result.total_words)),
            self.tr("1 article") if result.articles == 1 else
            self.tr("%1 articles").replace("%1", number(result.articles)),
            self.tr("%Ln different word(s) listed", "", len(result.words)),
        ]
        self.summary.setText(" · ".join(parts))
        bare = result.unsegmented_articles
        if bare == 1:
            self.note.setText(self.tr("1 article counted by syllables: its word segmentation is not finished."))
        elif bare:
            self.note.setText(self.tr("%1 articles counted by syllables: their word segmentation is not "
                                      "finished.").replace("%1", number(bare)))
        self.note.setVisible(bare > 0)
        self.computed.emit(result)

    def _exported(self, path: Path, rows: int) -> None:
        if shiboken6.isValid(self):
            self.status.setText(self.tr("Exported %Ln word(s)", "", rows))
            self.status.setToolTip(plain_tooltip(path))
            self.exported.emit(str(path), rows)

    def _export_failed(self, path: Path, message: str) -> None:
        if shiboken6.isValid(self):
            self.status.setText(self.tr("Could not write %1: %2").replace("%1", str(path)).replace("%2", message))
            self.failed.emit(message)

    # --- helpers --------------------------------------------------------------------------
    def _scope_changed(self, *_args) -> None:
        self.tag.setEnabled(self.scope.currentData() == "tag")
        if self._started:
            self.refresh()

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.stop_button.setVisible(busy)

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.wordActivated.emit(self.proxy.index(index.row(), 1).data(WORD_ROLE).word)

    def _activate_current(self) -> None:
        self._activate(self.table.currentIndex())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._started:
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        """Coming back to the window: the open article or the tags may have changed."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and self._started:
            self.set_tags()
            if self.scope.currentData() == "article" and self._shown is not None \
                    and self._shown.article_id != self._current_article():
                self.refresh()
