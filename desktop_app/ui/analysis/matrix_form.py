"""What the Matrix window computes: the table (tags × articles, tags × the values of an
attribute, or tag × tag co-occurrence), what a cell counts, which tags are rows, which
articles count. It only builds core's MatrixQuery or CooccurrenceQuery."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.analysis.cooccurrence import CooccurrenceQuery
from desktop_app.core.analysis.matrices import ARTICLES, ATTRIBUTE_PREFIX, MatrixQuery
from desktop_app.core.annotate.records import TagInfo
from desktop_app.core.library.attributes import AttributeInfo
from desktop_app.ui.analysis.attribute_models import attribute_label
from desktop_app.ui.analysis.tag_tree import TagTree
from desktop_app.ui.analysis.where_editor import Values, WhereEditor

ARTICLES_TABLE, ATTRIBUTE_TABLE, COOCCURRENCE_TABLE = "articles", "attribute", "cooccurrence"
TABLES = (
    (ATTRIBUTE_TABLE, QT_TRANSLATE_NOOP("MatrixForm", "Tags × attribute values")),
    (ARTICLES_TABLE, QT_TRANSLATE_NOOP("MatrixForm", "Tags × articles")),
    (COOCCURRENCE_TABLE, QT_TRANSLATE_NOOP("MatrixForm", "Tag × tag (co-occurrence)")),
)
COUNTS = (
    ("passages", QT_TRANSLATE_NOOP("MatrixForm", "Coded passages")),
    ("articles", QT_TRANSLATE_NOOP("MatrixForm", "Articles coded")),
    ("coverage", QT_TRANSLATE_NOOP("MatrixForm", "Share of the text coded")),
)
WITHIN = (
    ("overlap", QT_TRANSLATE_NOOP("MatrixForm", "Passages overlap")),
    ("sentence", QT_TRANSLATE_NOOP("MatrixForm", "In the same sentence")),
    ("paragraph", QT_TRANSLATE_NOOP("MatrixForm", "In the same paragraph")),
    ("words", QT_TRANSLATE_NOOP("MatrixForm", "Within N words")),
)
Spec = MatrixQuery | CooccurrenceQuery


def _combo(items: Sequence[tuple[str, str]], name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for key, label in items:
        combo.addItem(QCoreApplication.translate("MatrixForm", label), key)
    return combo


class MatrixForm(QWidget):
    changed = Signal()

    def __init__(self, attributes: Callable[[], Sequence[AttributeInfo]], values: Values, parent=None) -> None:
        super().__init__(parent)
        self._attributes = attributes
        self.table = _combo(TABLES, self.tr("Table"))
        self.attribute = QComboBox()
        self.attribute.setAccessibleName(self.tr("Attribute of the columns"))
        self.count = _combo(COUNTS, self.tr("What a cell counts"))
        self.count.setToolTip(self.tr("Coded passages (a whole-article code counts as one); articles coded "
                                      "with the tag; or the share of the column's text the tag covers"))
        self.within = _combo(WITHIN, self.tr("When two passages count as together"))
        self.words = QSpinBox()
        self.words.setRange(0, 200)
        self.words.setValue(5)
        self.words.setSuffix(self.tr(" words"))
        self.words.setAccessibleName(self.tr("Words between the passages"))
        self.words.setToolTip(self.tr("At most this many words between the two passages (segmented words)"))
        self.nested = QCheckBox(self.tr("A tag's row counts the tags nested under it"))
        self.rows = TagTree(exclusions=False)
        self.where = WhereEditor(attributes, values)

        shape = QGroupBox(self.tr("Table"))
        self.shape_form = QFormLayout(shape)
        self.shape_form.addRow(self.table)
        self.shape_form.addRow(self.tr("Columns"), self.attribute)
        self.shape_form.addRow(self.tr("Cells"), self.count)
        within_row = QHBoxLayout()
        within_row.addWidget(self.within, 1)
        within_row.addWidget(self.words)
        self.shape_form.addRow(self.tr("Together when"), within_row)
        self._within_row = within_row
        self.shape_form.addRow(self.nested)
        rows_box = QGroupBox(self.tr("Rows: the tags ticked (none: every tag)"))
        rows_layout = QVBoxLayout(rows_box)
        rows_layout.addWidget(self.rows)
        articles_box = QGroupBox(self.tr("Articles"))
        articles_layout = QVBoxLayout(articles_box)
        articles_layout.addWidget(self.where)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(shape)
        layout.addWidget(rows_box, 1)
        layout.addWidget(articles_box)

        self.set_attributes()
        for combo in (self.table, self.attribute, self.count, self.within):
            combo.currentIndexChanged.connect(lambda _i: self._changed())
        self.words.valueChanged.connect(lambda _v: self._changed())
        self.nested.toggled.connect(lambda _on: self._changed())
        self.rows.changed.connect(self._changed)
        self.where.changed.connect(self._changed)
        self._show_fields()

    def set_attributes(self) -> None:
        current = self.attribute.currentData()
        self.attribute.blockSignals(True)
        self.attribute.clear()
        for info in self._attributes():
            if info.name != "published":  # one column per day: the year is what tabulates
                self.attribute.addItem(attribute_label(info), info.name)
        self.attribute.setCurrentIndex(max(0, self.attribute.findData(current)))
        self.attribute.blockSignals(False)

    def set_tags(self, tags: Sequence[TagInfo]) -> None:
        self.rows.set_tags(tags)

    def spec(self) -> Spec:
        rows = tuple(self.rows.included()) or None
        where = self.where.conditions()
        nested = self.nested.isChecked()
        table = self.table.currentData()
        if table == COOCCURRENCE_TABLE:
            within = self.within.currentData()
            if within == "words":
                within = f"words:{self.words.value()}"
            return CooccurrenceQuery(within, rows, nested, where)
        columns = ARTICLES if table == ARTICLES_TABLE else ATTRIBUTE_PREFIX + (self.attribute.currentData() or "outlet")
        return MatrixQuery(columns, self.count.currentData(), rows, nested, where)

    def set_spec(self, spec: Spec) -> None:
        self.blockSignals(True)
        try:
            if isinstance(spec, CooccurrenceQuery):
                self.table.setCurrentIndex(self.table.findData(COOCCURRENCE_TABLE))
                unit, _, n = spec.within.partition(":")
                self.within.setCurrentIndex(self.within.findData(unit))
                if n:
                    self.words.setValue(int(n))
            else:
                by_articles = spec.columns == ARTICLES
                self.table.setCurrentIndex(self.table.findData(ARTICLES_TABLE if by_articles else ATTRIBUTE_TABLE))
                if not by_articles:
                    self.attribute.setCurrentIndex(max(0, self.attribute.findData(
                        spec.columns[len(ATTRIBUTE_PREFIX):])))
                self.count.setCurrentIndex(self.count.findData(spec.count))
            self.nested.setChecked(spec.nested)
            self.rows.set_checked(spec.tags or (), emit=False)
        finally:
            self.blockSignals(False)
        self._changed()

    def _changed(self) -> None:
        self._show_fields()
        self.changed.emit()

    def _show_fields(self) -> None:
        table = self.table.currentData()
        co = table == COOCCURRENCE_TABLE
        for widget, on in ((self.attribute, table == ATTRIBUTE_TABLE), (self.count, not co),
                           (self.within, co), (self.words, co and self.within.currentData() == "words")):
            widget.setVisible(on)
            label = self.shape_form.labelForField(widget)
            if label is not None:
                label.setVisible(on)
        together = self.shape_form.labelForField(self._within_row)
        if together is not None:
            together.setVisible(co)
