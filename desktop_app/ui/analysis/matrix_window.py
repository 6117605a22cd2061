"""Analysis → Matrix…: tags × articles or tags × the values of an attribute (coded passages,
articles coded, or the share of text coded), and tag × tag co-occurrence (passages that
overlap, share a sentence or a paragraph, or lie within N words), as a heat-map table.

Core computes the table (core/analysis/matrices.py, cooccurrence.py: one pass, ~0.4-1.6 s
on 10,000 articles) on a pool thread with progress and Stop, a moment after the question
changes and again after any change to the coding, attributes or articles (while the
window is shown; when hidden, on showing). A click on a cell opens the coded passages
window narrowed to that cell's passages (`cellChosen`). Export writes the table shown
to CSV or XLSX through core.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.analysis.cooccurrence import (
    Cooccurrence,
    CooccurrenceQuery,
    cooccurrence,
    export_cooccurrence_csv,
)
from desktop_app.core.analysis.matrices import Matrix, build_matrix, column_heading, export_matrix_csv
from desktop_app.core.analysis.passages import PassageQuery
from desktop_app.core.annotate.tag_paths import tag_path
from desktop_app.core.library.articles import list_articles
from desktop_app.core.library.attributes import distinct_values, list_attributes
from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.editor import Operations
from desktop_app.core.progress import Progress
from desktop_app.ui.analysis.heatmap import VALUE_ROLE, Grid, HeatmapModel, HeatmapView, Legend
from desktop_app.ui.analysis.jobs import CSV_SEMICOLON, XLSX, ExportTarget, Runner, run_export
from desktop_app.ui.analysis.matrix_form import MatrixForm, Spec
from desktop_app.ui.change_bus import ChangeBus

QUERY_DELAY_MS = 300
Result = Matrix | Cooccurrence


def compute(db, spec: Spec, progress: Progress) -> tuple[Result, Grid]:
    """The table and its grid (a pool thread: 200 tags × 10,000 articles are 2,000,000 cells)."""
    result = cooccurrence(db, spec, progress) if isinstance(spec, CooccurrenceQuery) else build_matrix(db, spec, progress)
    return result, grid_of(result)


def grid_of(result: Result) -> Grid:
    if isinstance(result, Cooccurrence):
        # Across, a nested tag by its last part ("…/Đào tạo") so that it fits; the tooltip
        # and the rows say it whole.
        short = tuple(("…/" if len(tag_path(t)) > 1 else "") + tag_path(t)[-1] for t in result.tags)
        return Grid(result.tags, short, tuple(tuple(r) for r in result.dense()), column_tips=result.tags)
    labels = tuple(c.label if result.by_articles else (c.label if c.key is not None else "") for c in result.columns)
    tips = tuple(column_heading(c, result) for c in result.columns)
    return Grid(result.rows, labels, tuple(tuple(r) for r in result.dense()), result.count == "coverage", tips)


class MatrixWindow(QWidget):
    computed = Signal(object)  # the Matrix or Cooccurrence shown
    cellChosen = Signal(object, str)  # a PassageQuery narrowed to the cell, and what the cell is
    exported = Signal(str, int)
    failed = Signal(str)

    def __init__(self, ops: Operations, bus: ChangeBus, parent=None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setObjectName("matrixWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle(self.tr("Matrix and co-occurrence"))
        self.resize(1300, 820)
        self.ops, self.db = ops, ops.db
        self.result: Result | None = None
        self.spec: Spec | None = None  # what `result` answers
        self._stale = False  # something changed while the window was hidden
        self.form = MatrixForm(lambda: list_attributes(self.db), self._values)
        self.model = HeatmapModel(self)
        self.table = HeatmapView()
        self.table.setModel(self.model)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar()
        self.progress.setFixedWidth(140)
        self.progress.setTextVisible(False)
        self.stop_button = QToolButton()
        self.stop_button.setText(self.tr("Stop"))
        self.runner = Runner(self, self.progress, self.stop_button)
        self.legend = Legend()
        self.hint = QLabel(self.tr("Click a cell to see its passages."))
        self.hint.setObjectName("emptyHint")
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Write the table to CSV or Excel (with the same colour scale)"))
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.progress)
        top.addWidget(self.stop_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.legend)
        bottom.addWidget(self.hint)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addLayout(top)
        right_layout.addWidget(self.table, 1)
        right_layout.addLayout(bottom)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.form)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 970])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(splitter)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(QUERY_DELAY_MS)
        self._timer.timeout.connect(self.run)
        self.form.changed.connect(self._timer.start)
        self.table.clicked.connect(self.open_cell)
        self.table.activated.connect(self.open_cell)
        self.export_button.clicked.connect(lambda: self.export())
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        bus.changed.connect(self._on_changes)
        self.refresh_tags()
        self.export_button.setEnabled(False)

    # --- computing ---------------------------------------------------------------------------
    def run(self) -> None:
        self._timer.stop()
        self._stale = False
        spec, db = self.form.spec(), self.db
        self.summary.setText(self.tr("Counting…"))
        self.runner.run(lambda progress: compute(db, spec, progress),
                        lambda answer: self._computed(spec, *answer), self._failed,
                        lambda: self.summary.setText(self.tr("Stopped.")))

    def _computed(self, spec: Spec, result: Result, grid: Grid) -> None:
        self.spec, self.result = spec, result
        self.model.set_grid(grid)
        self.table.fit_row_labels(grid.rows)
        self.table.fit_columns(len(grid.columns))
        self.legend.set_range("0", self.model.text(grid.largest) if grid.largest else "0")
        self.export_button.setEnabled(bool(grid.rows))
        self.summary.setText(self._describe(result))
        self.computed.emit(result)

    def _describe(self, result: Result) -> str:
        rows = self.tr("%n tag(s)", "", len(result.tags if isinstance(result, Cooccurrence) else result.rows))
        if isinstance(result, Cooccurrence):
            text = rows + " · " + self.tr("pairs of passages: %1").replace("%1", self.form.within.currentText())
            if result.syllable_articles:
                text += " · " + self.tr("%n article(s) counted by syllables (word segmentation not finished)", "",
                                        result.syllable_articles)
            return text
        columns = (self.tr("%n article(s)", "", len(result.columns)) if result.by_articles
                   else self.tr("%n value(s)", "", len(result.columns)))
        return f"{rows} × {columns} · {self.form.count.currentText()}"

    def _failed(self, message: str) -> None:
        if shiboken6.isValid(self):
            self.summary.setText(self.tr("The table could not be computed: %1").replace("%1", message))
            self.failed.emit(message)

    def _on_changes(self, changes: Changes) -> None:
        if changes.codebook:
            self.refresh_tags()
        if changes.attribute_definitions:
            self.form.set_attributes()
        if not (changes.highlights or changes.codebook or changes.attributes or changes.attribute_definitions
                or changes.article_codes or changes.article_metadata or changes.library):
            return
        if self.result is None and not self.runner.running():
            return
        if self.isVisible():
            self._timer.start()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.result is None or self._stale:
            self._timer.start()

    def refresh_tags(self) -> None:
        self.form.set_tags(self.ops.service.list_tags())

    def _values(self, key: str) -> list[str]:
        if key == "code":
            return [t.name for t in self.ops.service.list_tags()]
        try:
            return [str(v) for v in distinct_values(self.db, key)]
        except ValueError:
            return []

    # --- a cell's passages -------------------------------------------------------------------
    def open_cell(self, index: QModelIndex) -> None:
        """The coded passages window, narrowed to this cell's passages."""
        if not index.isValid() or self.result is None or self.spec is None:
            return
        if not index.data(VALUE_ROLE):
            self.status.setText(self.tr("Nothing in this cell."))
            return
        r, c = index.row(), index.column()
        row = self.model.grid.rows[r]
        column = self.model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        if isinstance(self.result, Cooccurrence):
            pairs = self.result.drill(r, c)
            ids = frozenset(h for pair in pairs for h in pair)
            query = PassageQuery((row, self.result.tags[c]), where=self.spec.where, only=ids)
            text = self.tr("%1 × %2 (%3): %n pair(s) of passages", "", len(pairs)).replace("%1", row).replace(
                "%2", self.result.tags[c]).replace("%3", self.form.within.currentText())
        else:
            highlight_ids, whole = self.result.drill(r, c)
            query = PassageQuery((row,), where=self.spec.where, only=frozenset(highlight_ids))
            text = self.tr("%1 × %2: %n passage(s)", "", len(highlight_ids)).replace("%1", row).replace("%2", column)
            if whole:
                titles = [a.title for i in whole for a in list_articles(self.db, i)]
                text += "; " + self.tr("coded as a whole: %1").replace("%1", "; ".join(titles))
        self.cellChosen.emit(query, text)

    # --- export ------------------------------------------------------------------------------
    def export(self, path: str | Path | None = None, kind: str = XLSX) -> None:
        result = self.result
        if result is None:
            return
        if path is None:
            name = "co-occurrence.xlsx" if isinstance(result, Cooccurrence) else "matrix.xlsx"
            chosen = ExportTarget(self).ask(self, self.tr("Export the table"), name)
            if chosen is None:
                return
            path, kind = chosen
        delimiter = ";" if kind == CSV_SEMICOLON else ","

        def work(target: Path, _progress: Progress) -> int:
            # openpyxl (0.3 s of imports) is loaded when an export needs it, not at start-up
            from desktop_app.core.analysis.xlsx_tables import export_cooccurrence_xlsx, export_matrix_xlsx

            if isinstance(result, Cooccurrence):
                return (export_cooccurrence_xlsx(result, target) if kind == XLSX
                        else export_cooccurrence_csv(result, target, delimiter))
            return export_matrix_xlsx(result, target) if kind == XLSX else export_matrix_csv(result, target, delimiter)

        self.status.setText(self.tr("Exporting to %1…").replace("%1", Path(path).name))
        run_export(self, self.db.path, path, work, self._exported, self._export_failed)

    def _exported(self, path: Path, rows: int) -> None:
        self.status.setText(self.tr("Exported %n row(s) to %1", "", rows).replace("%1", str(path)))
        self.exported.emit(str(path), rows)

    def _export_failed(self, path: Path, message: str) -> None:
        self.status.setText(self.tr("Could not write %1: %2").replace("%1", str(path)).replace("%2", message))
        self.failed.emit(message)

    def closeEvent(self, event) -> None:
        self._timer.stop()
        self.runner.stop()
        super().closeEvent(event)


__all__ = ["MatrixWindow", "grid_of"]
