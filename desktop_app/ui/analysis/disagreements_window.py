"""The disagreements on one tag (from the agreement table), read side by side and resolved.

Each row is a passage where the coders split (core/analysis/disagreements.py). Choosing a row
opens the article at the passage in the reader (which shows every coder's highlights) and
puts each coder's version side by side below the list. The keyboard walks the list (N or
Alt+Down next, P or Alt+Up previous) and decides: 1-9 accepts that coder's version, A all
of them, 0 neither, into the consensus coder named above (an ordinary coder, made when new).
Each decision is one operation (Operations.adjudicate), undoable with Edit → Undo; the next
disagreement comes up after it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.analysis.disagreements import Disagreement, find_disagreements
from desktop_app.core.analysis.intercoder import AgreementQuery
from desktop_app.core.library.articles import article_text
from desktop_app.core.library.coders import list_coders
from desktop_app.core.messages import MessageError
from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.editor import Operations
from desktop_app.core.storage.database import DatabaseError
from desktop_app.ui import wording
from desktop_app.ui.analysis.jobs import Runner
from desktop_app.ui.change_bus import ChangeBus
from desktop_app.ui.common.rows_table import RowsTable

OpenAt = Callable[[int, int, int], None]
Index = QModelIndex | QPersistentModelIndex
QUOTE_CHARS = 90


class DisagreementsModel(QAbstractTableModel):
    """Columns: article, passage, who gave the tag, who did not, the decision made here."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Disagreement] = []
        self.decided: dict[tuple[int, int, int], str] = {}
        self._headers = [self.tr("Article"), self.tr("Passage"), self.tr("Gave the tag"), self.tr("Did not"),
                         self.tr("Consensus")]

    def set_rows(self, rows: list[Disagreement]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Disagreement]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        d = self._rows[index.row()]
        quote = " ".join(d.quote.split())
        if role == Qt.ItemDataRole.DisplayRole and len(quote) > QUOTE_CHARS:
            quote = quote[:QUOTE_CHARS - 1] + "…"
        return [d.title, quote, ", ".join(d.with_tag), ", ".join(d.without_tag),
                self.decided.get(key(d), "")][index.column()]

    def mark(self, row: int, text: str) -> None:
        self.decided[key(self._rows[row])] = text
        cell = self.index(row, len(self._headers) - 1)
        self.dataChanged.emit(cell, cell)


def key(d: Disagreement) -> tuple[int, int, int]:
    return d.article_id, d.start, d.end


class _Table(RowsTable):
    opened = Signal(int)

    def row_activated(self, index: QModelIndex) -> None:
        self.opened.emit(index.row())


class DisagreementsWindow(QWidget):
    loaded = Signal(int)  # how many disagreements are listed
    decided = Signal(object)  # the Changes of a decision
    failed = Signal(str)

    def __init__(self, ops: Operations, bus: ChangeBus, open_at: OpenAt, parent=None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setObjectName("disagreementsWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.resize(1000, 680)
        self.ops, self.db, self.bus, self.open_at = ops, ops.db, bus, open_at
        self.query: AgreementQuery | None = None
        self.tag = ""
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.consensus = QComboBox()
        self.consensus.setEditable(True)
        self.consensus.setMinimumWidth(200)
        self.consensus.setToolTip(self.tr("The coder the decisions go to: an ordinary coder, made when new"))
        self.progress = QProgressBar()
        self.progress.setFixedWidth(120)
        self.progress.setTextVisible(False)
        self.stop_button = QToolButton()
        self.stop_button.setText(self.tr("Stop"))
        self.runner = Runner(self, self.progress, self.stop_button)
        self.model = DisagreementsModel(self)
        self.table = _Table("disagreementsTable", 8)
        self.table.setModel(self.model)
        self.table.setSelectionMode(RowsTable.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSortIndicatorShown(False)
        for column, width in enumerate((220, 380, 130, 130)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.versions = QWidget()
        self.versions_layout = QGridLayout(self.versions)
        self.versions_layout.setContentsMargins(0, 0, 0, 0)
        self.buttons = QHBoxLayout()
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(QLabel(self.tr("Consensus coder:")))
        top.addWidget(self.consensus)
        top.addWidget(self.progress)
        top.addWidget(self.stop_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.versions, 1)
        lower_layout.addLayout(self.buttons)
        lower_layout.addWidget(self.status)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setSizes([380, 300])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._boxes: list[QPlainTextEdit] = []
        self._accept_buttons: list[QPushButton] = []
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show_row(current.row()))
        self.table.opened.connect(self._show_row)
        for keys, step in (("N", 1), ("Alt+Down", 1), ("P", -1), ("Alt+Up", -1)):
            QShortcut(QKeySequence(keys), self, lambda step=step: self.move(step))
        for k in range(1, 10):
            QShortcut(QKeySequence(str(k)), self, lambda k=k: self._accept_nth(k - 1))
        QShortcut(QKeySequence("A"), self, lambda: self.decide(self._coders()))
        QShortcut(QKeySequence("0"), self, lambda: self.decide([]))
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        bus.changed.connect(self._on_changes)

    # --- loading -----------------------------------------------------------------------------
    def show_tag(self, query: AgreementQuery, tag: str) -> None:
        """List the disagreements on `tag` among the coders of `query`, at its unit."""
        self.query, self.tag = query, tag
        self.setWindowTitle(self.tr("Disagreements on “%1”").replace("%1", tag))
        self._fill_consensus(query)
        self._make_version_boxes()
        self.reload()

    def reload(self, keep: int = 0) -> None:
        query, tag, db = self.query, self.tag, self.db
        if query is None:
            return
        self.heading.setText(self.tr("“%1”, by %2 · loading…").replace("%1", tag).replace(
            "%2", ", ".join(query.coders)))
        self.runner.run(lambda progress: find_disagreements(db, query, tag, progress),
                        lambda found: self._loaded(found, keep), self._failed)

    def _loaded(self, found: list[Disagreement], keep: int) -> None:
        self.model.set_rows(found)
        query = self.query
        assert query is not None
        self.heading.setText(self.tr("“%1”, by %2: %n disagreement(s)", "", len(found)).replace(
            "%1", self.tag).replace("%2", ", ".join(query.coders)))
        if found:
            self.table.selectRow(min(keep, len(found) - 1))
        else:
            self._show_row(-1)
        self.loaded.emit(len(found))

    def _failed(self, message: str) -> None:
        self.heading.setText(self.tr("The disagreements could not be listed: %1").replace("%1", message))
        self.failed.emit(message)

    def _fill_consensus(self, query: AgreementQuery) -> None:
        current = self.consensus.currentText().strip()
        others = [c.name for c in list_coders(self.db) if c.name not in query.coders]
        self.consensus.clear()
        self.consensus.addItems(others)
        default = self.tr("Consensus")
        self.consensus.setEditText(current if current and current not in query.coders else
                                   (others[0] if others else default))

    def _coders(self) -> list[str]:
        return list(self.query.coders) if self.query is not None else []

    def _make_version_boxes(self) -> None:
        for widget in [*self._boxes, *self._accept_buttons]:
            widget.deleteLater()
        while self.buttons.count():
            item = self.buttons.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self._boxes, self._accept_buttons = [], []
        for k, coder in enumerate(self._coders()):
            title = QLabel(coder)
            title.setTextFormat(Qt.TextFormat.PlainText)
            box = QPlainTextEdit()
            box.setReadOnly(True)
            box.setAccessibleName(self.tr("%1's version").replace("%1", coder))
            self.versions_layout.addWidget(title, 0, k)
            self.versions_layout.addWidget(box, 1, k)
            self._boxes.append(box)
            button = QPushButton(self.tr("Accept %1 (%2)").replace("%1", coder).replace("%2", str(k + 1)))
            button.clicked.connect(lambda _checked=False, coder=coder: self.decide([coder]))
            self._accept_buttons.append(button)
            self.buttons.addWidget(button)
        both = QPushButton(self.tr("Accept all (A)") if len(self._coders()) > 2 else self.tr("Accept both (A)"))
        both.clicked.connect(lambda: self.decide(self._coders()))
        neither = QPushButton(self.tr("Neither (0)"))
        neither.clicked.connect(lambda: self.decide([]))
        previous = QPushButton(self.tr("Previous (P)"))
        previous.clicked.connect(lambda: self.move(-1))
        following = QPushButton(self.tr("Next (N)"))
        following.clicked.connect(lambda: self.move(1))
        for button in (both, neither):
            self._accept_buttons.append(button)
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        self.buttons.addWidget(previous)
        self.buttons.addWidget(following)

    # --- walking -----------------------------------------------------------------------------
    def current(self) -> Disagreement | None:
        row = self.table.currentIndex().row()
        rows = self.model.rows()
        return rows[row] if 0 <= row < len(rows) else None

    def move(self, step: int) -> None:
        n = self.model.rowCount()
        if not n:
            return
        row = max(0, min(n - 1, self.table.currentIndex().row() + step))
        self.table.selectRow(row)

    def _show_row(self, row: int) -> None:
        rows = self.model.rows()
        item = rows[row] if 0 <= row < len(rows) else None
        for button in self._accept_buttons:
            button.setEnabled(item is not None and not self.db.read_only)
        for box, coder in zip(self._boxes, self._coders(), strict=False):
            box.setPlainText("" if item is None else self._version_text(item, coder))
        if item is not None:
            self.open_at(item.article_id, item.start, item.end - item.start)

    def _version_text(self, item: Disagreement, coder: str) -> str:
        version = item.version(coder)
        parts = []
        if version.whole:
            parts.append(self.tr("The whole article is coded “%1”.").replace("%1", item.tag))
        text = (article_text(self.db, item.article_id) or "") if version.spans else ""
        parts += [f"«{text[s:e]}»" for s, e in version.spans]
        return "\n\n".join(parts) or self.tr("No “%1” here.").replace("%1", item.tag)

    # --- deciding ----------------------------------------------------------------------------
    def _accept_nth(self, k: int) -> None:
        coders = self._coders()
        if 0 <= k < len(coders):
            self.decide([coders[k]])

    def decide(self, accepted: list[str]) -> bool:
        """The consensus coder's version of the current disagreement: `accepted` coders'."""
        item, row = self.current(), self.table.currentIndex().row()
        if item is None or self.db.read_only:
            return False
        try:
            changes = self.ops.adjudicate(item, accepted, self.consensus.currentText())
        except (MessageError, DatabaseError) as e:
            self.status.setText(wording.error_text(e))
            self.failed.emit(str(e))
            return False
        name = self.consensus.currentText().strip()
        text = ", ".join(accepted) if accepted else self.tr("neither")
        self.model.mark(row, text)
        self.status.setText(self.tr("%1 takes %2's version.").replace("%1", name).replace("%2", text) if accepted
                            else self.tr("%1 has no “%2” here.").replace("%1", name).replace("%2", item.tag))
        self.bus.publish(changes)
        self.decided.emit(changes)
        self.move(1)
        return True

    def _on_changes(self, changes: Changes) -> None:
        if changes.reloaded and self.isVisible():
            self.reload(self.table.currentIndex().row())

    def closeEvent(self, event) -> None:
        self.runner.stop()
        super().closeEvent(event)
