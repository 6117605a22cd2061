"""Analysis → Attributes…: the attributes articles have (built in: outlet, published, year,
author, domain; and the user's own, typed), defining, renaming, editing choices, deleting;
setting a value for the articles selected in the library; importing values from a CSV.

Every change is one core operation, one undoable step (Ctrl+Z in the main window), and
its Changes go on the window's bus, from which this window reloads its list. A CSV import
runs on a pool thread with a history of its own; its one step joins the window's history
when it arrives. A bad file imports nothing and says which row and column are wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.annotate.records import AnnotationError
from desktop_app.core.library.attribute_csv import AttributeImportPlan
from desktop_app.core.library.attributes import AttributeInfo, distinct_values, list_attributes
from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.editor import Operations
from desktop_app.core.operations.history import History
from desktop_app.core.operations.outcome import Outcome
from desktop_app.core.storage.database import DatabaseError
from desktop_app.ui import wording
from desktop_app.ui.analysis.article_coding import ArticleCoding
from desktop_app.ui.analysis.attribute_forms import NewAttributeDialog, SetAttributeForm, error_label
from desktop_app.ui.analysis.attribute_models import AttributeListModel
from desktop_app.ui.analysis.jobs import settings_of
from desktop_app.ui.background import BackgroundOp
from desktop_app.ui.change_bus import ChangeBus
from desktop_app.ui.common import file_dialogs, plain_text


class AttributesWindow(QWidget):
    imported = Signal(int)  # articles whose values the import changed
    failed = Signal(str)

    def __init__(self, ops: Operations, bus: ChangeBus, selected: Callable[[], list[int]], parent=None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setObjectName("attributesWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle(self.tr("Attributes"))
        self.resize(860, 640)
        self.ops, self.db, self.bus, self._selected = ops, ops.db, bus, selected
        self.coding = ArticleCoding(self, ops, bus)
        self.model = AttributeListModel(self)
        self.table = QTableView()
        self.table.setObjectName("attributeList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        intro = QLabel(self.tr("Attributes describe articles (NVivo's cases, MAXQDA's document variables): "
                               "filter coded passages by them and cross-tabulate tags by them in Analysis → Matrix."))
        intro.setWordWrap(True)
        self.new_button = QPushButton(self.tr("New attribute…"))
        self.rename_button = QPushButton(self.tr("Rename…"))
        self.choices_button = QPushButton(self.tr("Choices…"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.import_button = QPushButton(self.tr("Import from CSV…"))
        self.import_button.setToolTip(self.tr("First column id or title, then one column per attribute; "
                                              "the whole file is checked first, a bad cell imports nothing"))
        row = QHBoxLayout()
        for b in (self.new_button, self.rename_button, self.choices_button, self.delete_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.import_button)

        self.selection_box = QGroupBox()
        self.form = SetAttributeForm(list_attributes(self.db), self._values)
        self.set_button = QPushButton(self.tr("Set"))
        self.code_button = QPushButton(self.tr("Code whole articles…"))
        self.form_error = error_label()
        box_layout = QVBoxLayout(self.selection_box)
        box_layout.addWidget(self.form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.code_button)
        buttons.addStretch(1)
        buttons.addWidget(self.set_button)
        box_layout.addLayout(buttons)
        box_layout.addWidget(self.form_error)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.selection_box)
        layout.addWidget(self.status)

        self.new_button.clicked.connect(self.new_attribute)
        self.rename_button.clicked.connect(self.rename)
        self.choices_button.clicked.connect(self.edit_choices)
        self.delete_button.clicked.connect(self.delete)
        self.import_button.clicked.connect(lambda: self.import_csv())
        self.set_button.clicked.connect(self.set_for_selected)
        self.code_button.clicked.connect(lambda: self.coding.code(self._selected()))
        self.form.edited.connect(self.form_error.clear)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        bus.changed.connect(self._on_changes)
        self.reload()
        self.selection_changed()

    # --- the list ----------------------------------------------------------------------------
    def reload(self) -> None:
        current = self.current()
        attributes = list_attributes(self.db)
        self.model.set_attributes(attributes)
        self.form.set_attributes(attributes)
        if current is not None:
            for r, info in enumerate(attributes):
                if (info.id, info.id is None and info.name) == (current.id, current.id is None and current.name):
                    self.table.selectRow(r)
        self._update_buttons()

    def current(self) -> AttributeInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.attribute(rows[0].row()) if rows else None

    def _on_changes(self, changes: Changes) -> None:
        if changes.attribute_definitions or changes.attributes or changes.article_metadata or changes.library:
            self.reload()

    def _values(self, name: str) -> list[str]:
        try:
            return [str(v) for v in distinct_values(self.db, name)]
        except ValueError:
            return []

    def selection_changed(self) -> None:
        n = len(self._selected())
        self.selection_box.setTitle(self.tr("The %n article(s) selected in the library", "", n))
        self._update_buttons()

    def _update_buttons(self) -> None:
        writable = not self.db.read_only
        info = self.current()
        own = writable and info is not None and not info.builtin
        self.rename_button.setEnabled(own)
        self.delete_button.setEnabled(own)
        self.choices_button.setEnabled(own and info is not None and info.kind == "choice")
        self.new_button.setEnabled(writable)
        self.import_button.setEnabled(writable)
        has_selection = writable and bool(self._selected())
        self.set_button.setEnabled(has_selection)
        self.code_button.setEnabled(has_selection)

    # --- changes -----------------------------------------------------------------------------
    def _apply(self, change: Callable[[], Changes]) -> bool:
        try:
            changes = change()
        except (AnnotationError, DatabaseError) as e:
            self._warn(self.tr("Could not change the attribute"), wording.error_text(e))
            return False
        self.bus.publish(changes)
        return True

    def _warn(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # names and values are the user's
        box.exec()
        box.deleteLater()

    def new_attribute(self) -> AttributeInfo | None:
        dialog = NewAttributeDialog(self.ops, self.bus, self)
        dialog.exec()
        dialog.deleteLater()
        return dialog.created

    def rename(self) -> None:
        info = self.current()
        if info is None or info.id is None:
            return
        name, ok = plain_text.get_text(self, self.tr("Rename the attribute"), self.tr("New name:"), info.name)
        attribute_id = info.id
        if ok:
            self._apply(lambda: self.ops.rename_attribute(attribute_id, name))

    def edit_choices(self) -> None:
        info = self.current()
        if info is None or info.id is None:
            return
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Choices of %1").replace("%1", info.name),
            self.tr("One choice per line (a choice still used by some articles cannot go):"),
            "\n".join(info.choices))
        attribute_id = info.id
        if ok:
            choices = [c for c in (" ".join(x.split()) for x in text.splitlines()) if c]
            self._apply(lambda: self.ops.set_attribute_choices(attribute_id, choices))

    def delete(self) -> None:
        info = self.current()
        if info is None or info.id is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete the attribute"),
                          self.tr("Delete the attribute “%1” and its values for %n article(s)?", "", info.count)
                          .replace("%1", info.name) + "\n\n" + self.tr("Ctrl+Z in the main window brings it back."),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Delete"))
        answer = box.exec()
        box.deleteLater()
        attribute_id = info.id
        if answer == QMessageBox.StandardButton.Yes:
            self._apply(lambda: self.ops.delete_attribute(attribute_id))

    def set_for_selected(self) -> bool:
        ids = self._selected()
        if not ids:
            return False
        try:
            info = self.form.apply(self.ops, self.bus, ids)
        except (AnnotationError, DatabaseError) as e:
            self.form_error.setText(wording.error_text(e))
            return False
        self.status.setText(self.tr("%1 set for %n article(s).", "", len(ids)).replace("%1", info.name))
        return True

    # --- import ------------------------------------------------------------------------------
    def import_csv(self, path: str | Path | None = None) -> None:
        if path is None:
            path = file_dialogs.open_file_name(self, settings_of(self), "attributes", self.tr("Import attributes"),
                                                  self.tr("CSV files (*.csv *.tsv *.txt);;All files (*)"))
            if not path:
                return
        source, db, scratch = Path(path), self.db, History()
        self.status.setText(self.tr("Importing %1…").replace("%1", source.name))
        self.import_button.setEnabled(False)
        (BackgroundOp(self, lambda _progress: Operations(db, scratch).import_attributes(source))
         .on_success(lambda outcome: self._imported(source, outcome, scratch))
         .on_failure(lambda message: self._import_failed(message))
         .on_finished(lambda: shiboken6.isValid(self) and self._update_buttons())
         .run())

    def _imported(self, path: Path, outcome: Outcome[AttributeImportPlan], scratch: History) -> None:
        history = self.ops.history
        for step in scratch.steps:  # the import's one step, undone from the main window
            history.push(step)
        self.bus.publish(outcome.changes)
        if not shiboken6.isValid(self):
            return
        plan, changed = outcome.value, len(outcome.changes.attributes)
        text = (self.tr("%1: %n row(s) read", "", plan.rows).replace("%1", path.name) + "; "
                + self.tr("values changed for %n article(s)", "", changed))
        if plan.new_attributes:
            text += "; " + self.tr("new attributes: %1").replace("%1", ", ".join(plan.new_attributes))
        self.status.setText(text)
        self.imported.emit(changed)

    def _import_failed(self, message: str) -> None:
        if shiboken6.isValid(self):
            self.status.setText(message)
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Nothing was imported"), message,
                              QMessageBox.StandardButton.Ok, self)
            box.setTextFormat(Qt.TextFormat.PlainText)  # the message quotes the file
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            self.failed.emit(message)
