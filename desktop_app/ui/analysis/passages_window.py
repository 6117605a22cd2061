"""Analysis → Coded passages (Ctrl+Shift+R): every passage coded with the tags ticked,
across the library, combined, filtered by attributes and words, sorted by core.

The question (left, ui/analysis/passages_form.py) runs on a pool thread a moment after
each change (core/analysis/passages.py finds the ids, the first page is loaded with them);
the table (ui/analysis/passages_model.py) loads further pages as it scrolls. Double-click
or Enter opens a passage at its place in the reader; Tags… and Delete… change passages
through core operations (ui/analysis/passage_edits.py, undoable); every change published
on the window's ChangeBus runs the question again, keeping the rows loaded and the current
passage. A matrix cell opens here narrowed to its passages (`show_cell`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.analysis.passages import (
    PAGE,
    SORTS,
    Passage,
    PassageList,
    PassageQuery,
    export_passages_csv,
    find_passages,
    load_passages,
)
from desktop_app.core.library.attributes import distinct_values, list_attributes
from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.editor import Operations
from desktop_app.core.progress import Progress
from desktop_app.ui.analysis.jobs import CSV_SEMICOLON, XLSX, ExportTarget, Runner, run_export
from desktop_app.ui.analysis.passage_edits import PassageEdits
from desktop_app.ui.analysis.passages_form import PassageFilters
from desktop_app.ui.analysis.passages_model import SORT_OF_COLUMN, PassagePreview, PassagesModel, PassagesView
from desktop_app.ui.change_bus import ChangeBus
from desktop_app.ui.i18n import number

QUERY_DELAY_MS = 300  # after the last tick or keystroke

SORT_LABELS = {
    "article": QT_TRANSLATE_NOOP("PassagesWindow", "Article (library order)"),
    "date": QT_TRANSLATE_NOOP("PassagesWindow", "Date"),
    "tag": QT_TRANSLATE_NOOP("PassagesWindow", "Tag"),
    "length": QT_TRANSLATE_NOOP("PassagesWindow", "Length"),
}


def find_and_load(db, query: PassageQuery, rows: int, progress: Progress) -> tuple[PassageList, list[Passage], int]:
    """The answer, and the passages of its first `rows` ids (pool thread)."""
    found = find_passages(db, query, progress)
    ids = found.ids[:rows]
    return found, load_passages(db, ids), len(ids)


class PassagesWindow(QWidget):
    searched = Signal(int)  # passages found, once the first rows show
    exported = Signal(str, int)  # path, rows written
    failed = Signal(str)

    def __init__(self, ops: Operations, bus: ChangeBus, open_at: Callable[[int, int, int], None],
                 parent=None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setObjectName("passagesWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle(self.tr("Coded passages"))
        self.resize(1300, 820)
        self.ops, self.db, self.bus, self._open_at = ops, ops.db, bus, open_at
        self._only: frozenset[int] | None = None  # a matrix cell's passages
        self.filters = PassageFilters(lambda: list_attributes(self.db), self._values)
        self.model = PassagesModel(self.db, self)
        self.table = PassagesView()
        self.table.setModel(self.model)
        self.table.layout_columns()
        self.edits = PassageEdits(self, ops, bus, ops.service.list_tags)
        self._build()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(QUERY_DELAY_MS)
        self._timer.timeout.connect(self.run_query)
        self.filters.changed.connect(self._timer.start)
        self.filters.submitted.connect(self.run_query)
        self.sort.currentIndexChanged.connect(lambda _i: self._sort_changed())
        self.descending.toggled.connect(lambda _on: self._sort_changed())
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._header_sort)
        self.table.passageActivated.connect(lambda index: self.open_passage(index.row()))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_preview())
        self.model.failed.connect(self._failed)
        self.model.pageLoaded.connect(lambda _n: self._update_summary())
        self.open_button.clicked.connect(lambda: self.open_passage(self.table.currentIndex().row()))
        self.tags_button.clicked.connect(lambda: self.edits.edit_tags(self.selected()))
        self.delete_button.clicked.connect(lambda: self.edits.delete(self.selected()))
        self.export_button.clicked.connect(lambda: self.export())
        self.whole_button.clicked.connect(self.show_whole_query)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        delete_key = QShortcut(QKeySequence.StandardKey.Delete, self.table)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(lambda: self.delete_button.isEnabled() and self.edits.delete(self.selected()))
        bus.changed.connect(self._on_changes)
        self.refresh_tags()
        self._show_sort()
        self._selection_changed()
        self._update_summary()

    def _build(self) -> None:
        self.summary = QLabel()
        self.summary.setObjectName("passagesSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # a refusal quotes what the user typed
        self.progress = QProgressBar()
        self.progress.setFixedWidth(140)
        self.progress.setTextVisible(False)
        self.stop_button = QToolButton()
        self.stop_button.setText(self.tr("Stop"))
        self.runner = Runner(self, self.progress, self.stop_button)
        self.sort = QComboBox()
        self.sort.setAccessibleName(self.tr("Sort passages by"))
        for key in SORTS:
            self.sort.addItem(QCoreApplication.translate("PassagesWindow", SORT_LABELS[key]), key)
        self.descending = QCheckBox(self.tr("Descending"))
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.progress)
        top.addWidget(self.stop_button)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("Sort by")))
        top.addWidget(self.sort)
        top.addWidget(self.descending)

        self.banner = QFrame()
        self.banner.setObjectName("notice")
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.banner_text.setTextFormat(Qt.TextFormat.PlainText)
        self.whole_button = QPushButton(self.tr("Show the whole question"))
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.whole_button)
        self.banner.setVisible(False)

        self.preview = PassagePreview()
        self.open_button = QPushButton(self.tr("Open in the reader"))
        self.open_button.setToolTip(self.tr("Open the article at this passage (double-click or Enter)"))
        self.tags_button = QPushButton(self.tr("Tags…"))
        self.tags_button.setToolTip(self.tr("Change the tags of the selected passages (one undoable step)"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.setToolTip(self.tr("Delete the selected passages (Ctrl+Z in the main window undoes it)"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Write every passage found, in this order, to CSV or Excel"))
        self.status = QLabel()
        self.status.setObjectName("passagesStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        for b in (self.open_button, self.tags_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.export_button)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addLayout(top)
        right_layout.addWidget(self.banner)
        right_layout.addWidget(self.table, 1)
        right_layout.addWidget(self.preview)
        right_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.filters)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 970])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(splitter)

    # --- the question ------------------------------------------------------------------------
    def current_query(self) -> PassageQuery | None:
        query = self.filters.query(self.sort.currentData(), self.descending.isChecked())
        if query is None or self._only is None:
            return query
        return dataclasses.replace(query, only=self._only)

    def run_query(self, rows: int = PAGE, keep: tuple[int | None, int] | None = None) -> None:
        """Run the question on a pool thread; its first `rows` passages show (`keep`: the
        current passage and scroll position to come back to)."""
        self._timer.stop()
        query = self.current_query()
        if query is None:
            self.runner.stop()
            self.model.set_result(None, [])
            self._update_summary()
            return
        self.summary.setText(self.tr("Looking…"))
        db = self.db
        self.runner.run(lambda progress: find_and_load(db, query, max(rows, PAGE), progress),
                        lambda result: self._found(result, keep), self._failed,
                        lambda: self._update_summary())

    def show_cell(self, query: PassageQuery, description: str) -> None:
        """Show only the passages of `query.only` (a matrix or co-occurrence cell), with the
        question the cell answers; "Show the whole question" lifts the restriction."""
        self._only = query.only
        self.filters.set_query(query)
        self.sort.setCurrentIndex(max(0, self.sort.findData(query.sort)))
        self.banner_text.setText(description)
        self.banner.setVisible(True)
        self.show()
        self.raise_()
        self.activateWindow()
        self.run_query()

    def show_whole_query(self) -> None:
        self._only = None
        self.banner.setVisible(False)
        self.run_query()

    def _found(self, result: tuple[PassageList, list[Passage], int], keep: tuple[int | None, int] | None) -> None:
        found, loaded, consumed = result
        self.model.set_result(found, loaded, consumed)
        if keep is not None:
            current, scroll = keep
            row = self.model.row_of(current) if current is not None else -1
            if row >= 0:
                self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.verticalScrollBar().setValue(scroll)
        self._update_summary()
        self._selection_changed()
        self.searched.emit(len(found))

    def _failed(self, message: str) -> None:
        if shiboken6.isValid(self):
            self.summary.setText(self.tr("The question could not be answered: %1").replace("%1", message))
            self.failed.emit(message)

    def _on_changes(self, changes: Changes) -> None:
        """Anything a passage, its article or the question may depend on: ask again,
        keeping the rows loaded, the current passage and the scroll position."""
        if not (changes.highlights or changes.codebook or changes.attributes or changes.attribute_definitions
                or changes.article_codes or changes.article_metadata or changes.articles_removed):
            return
        if changes.codebook:
            self.refresh_tags()
        if self.model.found is None and self.filters.query() is None:
            return
        current = self.table.currentIndex()
        highlight = self.model.passage(current.row()).highlight_id if current.isValid() else None
        self.run_query(self.model.rowCount(), (highlight, self.table.verticalScrollBar().value()))

    def refresh_tags(self) -> None:
        tags = self.ops.service.list_tags()
        self.model.colors = {t.name: t.color for t in tags}
        self.filters.set_tags(tags)

    def _values(self, key: str) -> list[str]:
        if key == "code":
            return [t.name for t in self.ops.service.list_tags()]
        try:
            return [str(v) for v in distinct_values(self.db, key)]
        except ValueError:
            return []

    # --- sorting (core's) --------------------------------------------------------------------
    def _sort_changed(self) -> None:
        self._show_sort()
        self.run_query(self.model.rowCount())

    def _show_sort(self) -> None:
        column = next(c for c, key in SORT_OF_COLUMN.items() if key == self.sort.currentData())
        order = Qt.SortOrder.DescendingOrder if self.descending.isChecked() else Qt.SortOrder.AscendingOrder
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(False)

    def _header_sort(self, section: int, order: Qt.SortOrder) -> None:
        key = SORT_OF_COLUMN.get(section)
        if key is None:  # outlet, note: not an order core keeps
            self._show_sort()
            return
        self.sort.blockSignals(True)
        self.descending.blockSignals(True)
        self.sort.setCurrentIndex(self.sort.findData(key))
        self.descending.setChecked(order == Qt.SortOrder.DescendingOrder)
        self.sort.blockSignals(False)
        self.descending.blockSignals(False)
        self._sort_changed()

    # --- the rows ----------------------------------------------------------------------------
    def selected(self) -> list[Passage]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.passage(r) for r in rows]

    def open_passage(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            p = self.model.passage(row)
            self._open_at(p.article_id, p.start, p.end - p.start)

    def _selection_changed(self) -> None:
        n = len(self.table.selectionModel().selectedRows())
        writable = not self.db.read_only
        self.open_button.setEnabled(self.table.currentIndex().isValid())
        self.tags_button.setEnabled(writable and n > 0)
        self.delete_button.setEnabled(writable and n > 0)
        self.export_button.setEnabled(self.model.total() > 0)

    def _show_preview(self) -> None:
        index = self.table.currentIndex()
        self.preview.show_passage(self.model.passage(index.row()) if index.isValid() else None)

    def _update_summary(self) -> None:
        if self.runner.running():
            return
        if self.model.found is None:
            self.summary.setText(self.tr("Tick one or more tags to see their passages."))
        else:
            found = self.model.found
            text = (self.tr("%n passage(s)", "", len(found)) + " " + self.tr("in %n article(s)", "", found.articles)
                    if len(found) else self.tr("No passage answers the question."))
            if self.model.rowCount() < len(found):
                text += " · " + self.tr("%1 shown, more load as you scroll").replace(
                    "%1", number(self.model.rowCount()))
            self.summary.setText(text)
        self._selection_changed()

    # --- export ------------------------------------------------------------------------------
    def export(self, path: str | Path | None = None, kind: str = XLSX) -> None:
        """Every passage found (not only those loaded), in the order shown, to CSV or XLSX."""
        found = self.model.found
        if found is None or not len(found):
            return
        if path is None:
            chosen = ExportTarget(self).ask(self, self.tr("Export the passages"), "passages.xlsx")
            if chosen is None:
                return
            path, kind = chosen
        db, delimiter = self.db, ";" if kind == CSV_SEMICOLON else ","
        self.status.setText(self.tr("Exporting to %1…").replace("%1", Path(path).name))

        def work(target: Path, progress: Progress) -> int:
            if kind == XLSX:  # openpyxl (0.3 s of imports) loads when an export needs it
                from desktop_app.core.analysis.xlsx_tables import export_passages_xlsx

                return export_passages_xlsx(db, found, target, progress)
            return export_passages_csv(db, found, target, delimiter, progress)

        run_export(self, db.path, path, work, self._exported, self._export_failed)

    def _exported(self, path: Path, rows: int) -> None:
        self.status.setText(self.tr("Exported %n passage(s) to %1", "", rows).replace("%1", str(path)))
        self.exported.emit(str(path), rows)

    def _export_failed(self, path: Path, message: str) -> None:
        self.status.setText(self.tr("Could not write %1: %2").replace("%1", str(path)).replace("%2", message))
        self.failed.emit(message)

    def closeEvent(self, event) -> None:
        self._timer.stop()
        self.runner.stop()
        super().closeEvent(event)

