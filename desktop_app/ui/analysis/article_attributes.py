"""The Attributes tab of the article details: every attribute of the article, the built-in
ones (outlet, published, year, author, domain: from the details) and the user's own, whose
values are edited here; and the article's whole-article codes.

Edits are checked as they are typed and stored when the dialog is saved, after its other
details, through core operations (one undoable step per attribute changed) published on
the window's bus. Cancel leaves everything as it was.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.annotate.records import AnnotationError
from desktop_app.core.library.article_codes import article_codes
from desktop_app.core.library.attributes import article_attributes, list_attributes
from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.editor import Operations
from desktop_app.core.storage.database import DatabaseError
from desktop_app.ui import wording
from desktop_app.ui.analysis.attribute_models import ArticleValuesModel, ValueDelegate
from desktop_app.ui.change_bus import ChangeBus
from desktop_app.ui.theme import style


class AttributesTab(QWidget):
    def __init__(self, ops: Operations, article_id: int, read_only: bool = False, parent=None,
                 coders: Collection[int] | None = None) -> None:
        super().__init__(parent)
        self.ops, self.article_id = ops, article_id
        db = ops.db
        self.model = ArticleValuesModel(self)
        self.model.read_only = read_only
        self.model.set_article(list_attributes(db), article_attributes(db, [article_id]).get(article_id, {}))
        self.table = QTableView()
        self.table.setObjectName("articleAttributes")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(2, ValueDelegate(self.table))
        self.table.setAccessibleName(self.tr("Attributes of this article"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.SelectedClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        hint = QLabel(self.tr("Double-click a value of your own attributes to change it; it is saved with "
                              "the details (Ctrl+Z undoes it). Define attributes in Analysis → Attributes…"))
        hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet(f"color: {style.color('error').name()}")
        codes = article_codes(db, [article_id], coders).get(article_id, [])
        self.codes = QLabel(self.tr("Whole-article codes: %1").replace("%1", ", ".join(codes)) if codes
                            else self.tr("No whole-article code (Analysis → Code whole articles…)"))
        self.codes.setTextFormat(Qt.TextFormat.PlainText)
        self.codes.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.codes)
        self.model.invalid.connect(self.error.setText)
        self.model.edited.connect(lambda: self.error.clear())

    def save(self, bus: ChangeBus) -> bool:
        """Store the edited values (one step per attribute); False, after saying why, if
        core refused one (those before it are kept, each undoable)."""
        merged = Changes()
        ok = True
        for attribute_id, value in self.model.changes().items():
            try:
                merged |= self.ops.set_attribute_values(attribute_id, [self.article_id], value).changes
            except (AnnotationError, DatabaseError) as e:
                box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Could not save the attribute"),
                                  wording.error_text(e), QMessageBox.StandardButton.Ok, self.window())
                box.setTextFormat(Qt.TextFormat.PlainText)
                box.exec()
                ok = False
                break
        bus.publish(merged)
        return ok


def add_attributes_tab(dialog: QDialog, tabs: QTabWidget, ops: Operations, bus: ChangeBus, article_id: int,
                       read_only: bool, coders: Collection[int] | None = None) -> AttributesTab:
    """The tab, second in the details dialog; its values are saved when the dialog is.
    `coders`: whose whole-article codes it names (None: everyone's)."""
    tab = AttributesTab(ops, article_id, read_only, coders=coders)
    tabs.insertTab(1, tab, QCoreApplication.translate("AttributesTab", "Attributes"))
    dialog.accepted.connect(lambda: tab.save(bus))
    return tab
