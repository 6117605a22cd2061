"""Attribute filters as rows: attribute, comparison, value. Each row is one term of core's
`where` language (core/library/attribute_filters.py): outlet = PLVN, year ≥ 2023,
code = Thể loại/Tin. Rows on the same attribute with = are alternatives, the rest must all
hold, as core reads them. An empty value means "has none" (= ) or "has one" (≠).

The editor only builds the terms; core reads and checks them when the query runs, and a
term it cannot read comes back as its message.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.library.attribute_filters import CODE_KEY, Condition
from desktop_app.core.library.attributes import AttributeInfo

OPERATORS = (("=", "="), ("≠", "!="), ("≥", ">="), ("≤", "<="), (">", ">"), ("<", "<"))
ORDERED_KINDS = ("number", "date")  # kinds that compare with ≥ ≤ > <

Values = Callable[[str], Sequence[str]]  # attribute name -> values to offer


class _Row(QWidget):
    changed = Signal()
    removed = Signal(object)

    def __init__(self, attributes: Sequence[AttributeInfo], values: Values, stacked: bool = False,
                 parent=None) -> None:
        super().__init__(parent)
        self._values = values
        self.key = QComboBox()
        self.key.setAccessibleName(self.tr("Attribute"))
        for info in attributes:
            label = info.name if info.id is not None else self._builtin_label(info.name)
            self.key.addItem(label, (info.name, info.kind))
        self.key.addItem(self.tr("whole-article code"), (CODE_KEY, "code"))
        self.op = QComboBox()
        self.op.setAccessibleName(self.tr("Comparison"))
        self.value = QComboBox()
        self.value.setEditable(True)
        self.value.setAccessibleName(self.tr("Value"))
        self.value.lineEdit().setPlaceholderText(self.tr("(none)"))
        self.value.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.value.setMinimumContentsLength(8)
        remove = QToolButton()
        remove.setText("×")
        remove.setToolTip(self.tr("Remove this condition"))
        remove.setAccessibleName(self.tr("Remove this condition"))
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(4)
        if stacked:  # a narrow column (the library's): the attribute on a line of its own
            self.value.setMinimumContentsLength(4)
            outer = QVBoxLayout(self)
            outer.setContentsMargins(0, 0, 0, 0)
            outer.setSpacing(2)
            outer.addWidget(self.key)
            outer.addLayout(line)
        else:
            self.setLayout(line)
            line.addWidget(self.key, 2)
        line.addWidget(self.op)
        line.addWidget(self.value, 3)
        line.addWidget(remove)
        self.key.currentIndexChanged.connect(self._key_changed)
        self.op.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.value.currentTextChanged.connect(lambda _t: self.changed.emit())
        remove.clicked.connect(lambda: self.removed.emit(self))
        self._key_changed()

    def _builtin_label(self, name: str) -> str:
        labels = {"outlet": self.tr("outlet"), "published": self.tr("published"), "year": self.tr("year"),
                  "author": self.tr("author"), "domain": self.tr("domain")}
        return labels.get(name, name)

    def _key_changed(self) -> None:
        name, kind = self.key.currentData()
        self.op.blockSignals(True)
        before = self.op.currentData()
        self.op.clear()
        for label, op in OPERATORS:
            if op in ("=", "!=") or kind in ORDERED_KINDS:
                self.op.addItem(label, op)
        self.op.setCurrentIndex(max(0, self.op.findData(before)))
        self.op.blockSignals(False)
        self.value.blockSignals(True)
        self.value.clear()
        self.value.addItems([str(v) for v in self._values(name)])
        self.value.setCurrentIndex(-1)
        self.value.setEditText("")
        self.value.blockSignals(False)
        self.changed.emit()

    def set(self, condition: Condition) -> None:
        for i in range(self.key.count()):
            if self.key.itemData(i)[0].casefold() == condition.key.casefold():
                self.key.setCurrentIndex(i)
                break
        self.op.setCurrentIndex(max(0, self.op.findData(condition.op)))
        self.value.setEditText(condition.value)

    def condition(self) -> str:
        name, _kind = self.key.currentData()
        return str(Condition(name, self.op.currentData() or "=", " ".join(self.value.currentText().split())))


class WhereEditor(QWidget):
    """Condition rows and an "Add a condition" button; `conditions()` are core's terms."""

    changed = Signal()

    def __init__(self, attributes: Callable[[], Sequence[AttributeInfo]], values: Values,
                 parent=None, stacked: bool = False) -> None:
        super().__init__(parent)
        self._attributes, self._values = attributes, values
        self._stacked = stacked  # each row on two lines, for a narrow column
        self._rows: list[_Row] = []
        self.rows_box = QVBoxLayout()
        self.rows_box.setContentsMargins(0, 0, 0, 0)
        self.rows_box.setSpacing(4)
        self.empty = QLabel(self.tr("Every article"))
        self.empty.setObjectName("emptyHint")
        self.add_button = QPushButton(self.tr("Add a condition"))
        self.add_button.setToolTip(self.tr("Keep only articles whose attribute matches, e.g. outlet = PLVN or year ≥ 2023"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.empty)
        layout.addLayout(self.rows_box)
        footer = QHBoxLayout()
        footer.addWidget(self.add_button)
        footer.addStretch(1)
        layout.addLayout(footer)
        self.add_button.clicked.connect(lambda: self.add_row())

    def add_row(self, condition: Condition | None = None) -> _Row:
        row = _Row(self._attributes(), self._values, self._stacked, self)
        if condition is not None:
            row.set(condition)
        row.changed.connect(self.changed)
        row.removed.connect(self._remove)
        self._rows.append(row)
        self.rows_box.addWidget(row)
        self.empty.setVisible(False)
        self.changed.emit()
        return row

    def _remove(self, row: _Row) -> None:
        self._rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self.empty.setVisible(not self._rows)
        self.changed.emit()

    def rows(self) -> list[_Row]:
        return list(self._rows)

    def conditions(self) -> tuple[str, ...]:
        return tuple(row.condition() for row in self._rows)

    def clear(self) -> None:
        for row in list(self._rows):
            self._remove(row)
