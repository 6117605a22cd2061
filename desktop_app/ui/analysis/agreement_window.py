"""Analysis → Agreement…: inter-coder agreement per tag and overall (percent, Cohen's κ,
Fleiss' κ, Krippendorff's α and αu) for the coders, unit and tags chosen, over the articles
all chosen coders coded.

Core computes the table (core/analysis/intercoder.py: the same function as `chugiai
agreement`, so the figures are the CLI's) on a pool thread with progress and Stop, a moment
after the question changes and again after a change to the coding while shown. A tag row's
disagreements open from the row (double-click, Enter, or the button): `disagreementsWanted`.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.analysis.intercoder import (
    AgreementQuery,
    LibraryAgreement,
    export_agreement_csv,
    library_agreement,
)
from desktop_app.core.library.coders import list_coders
from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.editor import Operations
from desktop_app.ui.analysis.agreement_model import AgreementModel
from desktop_app.ui.analysis.jobs import Runner, run_export, settings_of
from desktop_app.ui.analysis.tag_tree import TagTree
from desktop_app.ui.change_bus import ChangeBus
from desktop_app.ui.common import file_dialogs
from desktop_app.ui.common.rows_table import RowsTable

QUERY_DELAY_MS = 300


class _Table(RowsTable):
    opened = Signal(int)  # a row

    def row_activated(self, index: QModelIndex) -> None:
        self.opened.emit(index.row())


class AgreementWindow(QWidget):
    computed = Signal(object)  # the LibraryAgreement shown
    disagreementsWanted = Signal(object, str)  # the AgreementQuery shown, a tag
    exported = Signal(str, int)
    failed = Signal(str)

    def __init__(self, ops: Operations, bus: ChangeBus, parent=None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setObjectName("agreementWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle(self.tr("Inter-coder agreement"))
        self.resize(1100, 700)
        self.ops, self.db = ops, ops.db
        self.found: LibraryAgreement | None = None
        self.query: AgreementQuery | None = None  # what `found` answers
        self._stale = False
        self.coder_model = QStandardItemModel(self)
        self.coder_list = QListView()
        self.coder_list.setModel(self.coder_model)
        self.coder_list.setAccessibleName(self.tr("Coders"))
        self.coder_list.setMaximumHeight(self.fontMetrics().height() * 7)
        self.unit = QComboBox()
        for kind, label in (("word", self.tr("Word (segmented)")), ("sentence", self.tr("Sentence")),
                            ("article", self.tr("Article")), ("character", self.tr("Character"))):
            self.unit.addItem(label, kind)
        self.unit.setToolTip(self.tr("A highlight covers a unit if it covers any part of it. Word: our "
                                     "segmented Vietnamese words (“cán bộ” is one)."))
        self.tags = TagTree(exclusions=False)
        form = QWidget()
        form_layout = QFormLayout(form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addRow(self.tr("Coders:"), self.coder_list)
        form_layout.addRow(self.tr("Unit:"), self.unit)
        tags_label = QLabel(self.tr("Tags (none ticked: every tag used):"))
        form_layout.addRow(tags_label)
        form_layout.addRow(self.tags)

        self.model = AgreementModel(self)
        self.table = _Table("agreementTable", 8)
        self.table.setModel(self.model)
        self.table.setSelectionMode(RowsTable.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # the figures' width is known
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setDefaultSectionSize(self.fontMetrics().horizontalAdvance("0.000000") + 24)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setFixedWidth(140)
        self.progress.setTextVisible(False)
        self.stop_button = QToolButton()
        self.stop_button.setText(self.tr("Stop"))
        self.runner = Runner(self, self.progress, self.stop_button)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.disagreements_button = QPushButton(self.tr("Disagreements…"))
        self.disagreements_button.setToolTip(self.tr("The passages where the coders split on the selected tag, "
                                                     "to read side by side and adjudicate"))
        self.export_button = QPushButton(self.tr("Export CSV…"))
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.progress)
        top.addWidget(self.stop_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.disagreements_button)
        bottom.addWidget(self.export_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addLayout(top)
        right_layout.addWidget(self.table, 1)
        right_layout.addLayout(bottom)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(form)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 800])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(splitter)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(QUERY_DELAY_MS)
        self._timer.timeout.connect(self.run)
        self.coder_model.itemChanged.connect(lambda _item: self._timer.start())
        self.unit.currentIndexChanged.connect(lambda _i: self._timer.start())
        self.tags.changed.connect(self._timer.start)
        self.table.opened.connect(self.open_disagreements)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.disagreements_button.clicked.connect(lambda: self.open_disagreements(self.table.currentIndex().row()))
        self.export_button.clicked.connect(lambda: self.export())
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        bus.changed.connect(self._on_changes)
        self.refresh_choices()
        self.export_button.setEnabled(False)
        self._selection_changed()

    # --- the question ------------------------------------------------------------------------
    def refresh_choices(self) -> None:
        self.refresh_coders()
        self.tags.set_tags(self.ops.service.list_tags())

    def refresh_coders(self) -> None:
        """Coders: those who made highlights ticked when first listed, the others as they were."""
        was = {self.coder_model.item(r).text(): self.coder_model.item(r).checkState()
               for r in range(self.coder_model.rowCount())}
        self.coder_model.blockSignals(True)
        self.coder_model.clear()
        for coder in list_coders(self.db):
            item = QStandardItem(coder.name)
            item.setEditable(False)
            item.setCheckable(True)
            ticked = Qt.CheckState.Checked if coder.highlights else Qt.CheckState.Unchecked
            item.setCheckState(was.get(coder.name, ticked))
            item.setToolTip(self.tr("%n highlight(s)", "", coder.highlights))
            self.coder_model.appendRow(item)
        self.coder_model.blockSignals(False)
        self.coder_list.reset()

    def set_coders(self, names: list[str]) -> None:
        for r in range(self.coder_model.rowCount()):
            item = self.coder_model.item(r)
            item.setCheckState(Qt.CheckState.Checked if item.text() in names else Qt.CheckState.Unchecked)

    def set_unit(self, kind: str) -> None:
        self.unit.setCurrentIndex(self.unit.findData(kind))

    def spec(self) -> AgreementQuery:
        coders = tuple(self.coder_model.item(r).text() for r in range(self.coder_model.rowCount())
                       if self.coder_model.item(r).checkState() == Qt.CheckState.Checked)
        known = {t.name for t in self.ops.service.list_tags()}
        tags = tuple(t for t in self.tags.included() if t in known)
        return AgreementQuery(coders, self.unit.currentData(), tags)

    # --- computing ---------------------------------------------------------------------------
    def run(self) -> None:
        self._timer.stop()
        self._stale = False
        query, db = self.spec(), self.db
        if len(query.coders) < 2:
            self.runner.stop()
            self._show(None, None)
            self.summary.setText(self.tr("Tick at least two coders."))
            return
        self.summary.setText(self.tr("Computing…"))
        self.runner.run(lambda progress: library_agreement(db, query, progress),
                        lambda found: self._show(query, found), self._failed,
                        lambda: self.summary.setText(self.tr("Stopped.")))

    def _show(self, query: AgreementQuery | None, found: LibraryAgreement | None) -> None:
        self.query, self.found = query, found
        self.model.set_result(found.result if found is not None else None)
        self.export_button.setEnabled(found is not None)
        self._selection_changed()
        if found is None:
            return
        result = found.result
        text = self.tr("%n article(s) coded by all of: %1", "", len(found.article_ids)).replace(
            "%1", ", ".join(result.coders))
        text += " · " + self.unit.currentText()
        if found.unsegmented:
            text += " · " + self.tr("%n article(s) counted by syllables (word segmentation not finished)", "",
                                    len(found.unsegmented))
        self.summary.setText(text)
        self.computed.emit(found)

    def _failed(self, message: str) -> None:
        if shiboken6.isValid(self):
            self._show(None, None)
            self.summary.setText(self.tr("The agreement could not be computed: %1").replace("%1", message))
            self.failed.emit(message)

    def _on_changes(self, changes: Changes) -> None:
        if changes.codebook or changes.reloaded:
            self.refresh_choices()
        elif changes.highlights or changes.article_codes:
            self.refresh_coders()  # a coder's first highlight, a new consensus coder
        if not (changes.highlights or changes.codebook or changes.article_codes or changes.library
                or changes.article_metadata or changes.reloaded):
            return
        if self.isVisible():
            self._timer.start()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.found is None or self._stale:
            self.refresh_choices()
            self._timer.start()

    # --- a tag's disagreements ---------------------------------------------------------------
    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.disagreements_button.setEnabled(bool(rows) and self.model.tag_at(rows[0].row()) is not None)

    def open_disagreements(self, row: int) -> None:
        tag = self.model.tag_at(row)
        if tag is None or self.query is None:
            return
        self.disagreementsWanted.emit(self.query, tag)

    # --- export ------------------------------------------------------------------------------
    def export(self, path: str | Path | None = None) -> None:
        found = self.found
        if found is None:
            return
        if path is None:
            chosen, _filter = file_dialogs.save_file_name(
                self, settings_of(self), "analysis", self.tr("Export the agreement table"), "agreement.csv",
                self.tr("CSV, comma-separated (*.csv)"))
            if not chosen:
                return
            path = chosen if chosen.lower().endswith(".csv") else chosen + ".csv"
        self.status.setText(self.tr("Exporting to %1…").replace("%1", Path(path).name))
        run_export(self, self.db.path, path, lambda target, _progress: export_agreement_csv(found.result, target),
                   self._exported, self._export_failed)

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


__all__ = ["AgreementWindow"]
