"""Small forms for attributes: define a new one (name, type, choices), and set a value for
many articles at once (the library's "Set attribute for N selected articles…" and the
Attributes window). Each carries out one core operation, one undoable step, and publishes
its Changes; a refusal (a date that is not a date, a name taken) is shown under the form
in core's words and nothing changes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.annotate.records import AnnotationError
from desktop_app.core.library.attributes import KINDS, AttributeInfo, clean_name, key_of
from desktop_app.core.operations.editor import Operations
from desktop_app.core.storage.database import DatabaseError
from desktop_app.ui import wording
from desktop_app.ui.analysis.attribute_models import kind_label
from desktop_app.ui.change_bus import ChangeBus
from desktop_app.ui.theme import style

GUESS = ""  # the type of a new attribute: guessed from the value (number, date or text)


def error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("formError")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(f"color: {style.color('error').name()}")
    return label


class NewAttributeDialog(QDialog):
    """Name, type and (for one of a list) the choices, one per line."""

    def __init__(self, ops: Operations, bus: ChangeBus, parent=None) -> None:
        super().__init__(parent)
        self.ops, self.bus = ops, bus
        self.setWindowTitle(self.tr("New attribute"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Giọng điệu, Số trang, Ngày đăng lại"))
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.choices = QPlainTextEdit()
        self.choices.setPlaceholderText(self.tr("One choice per line, e.g.\nTích cực\nTrung tính\nPhê phán"))
        self.choices.setFixedHeight(110)
        self.error = error_label()
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Type"), self.kind)
        self.choices_label = QLabel(self.tr("Choices"))
        form.addRow(self.choices_label, self.choices)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self._kind_changed()
        self.created: AttributeInfo | None = None

    def _kind_changed(self) -> None:
        choice = self.kind.currentData() == "choice"
        self.choices.setVisible(choice)
        self.choices_label.setVisible(choice)

    def accept(self) -> None:
        kind = self.kind.currentData()
        choices = [c for c in (" ".join(x.split()) for x in self.choices.toPlainText().splitlines()) if c]
        try:
            outcome = self.ops.define_attribute(self.name.text(), kind, choices if kind == "choice" else [])
        except (AnnotationError, DatabaseError) as e:
            self.error.setText(wording.error_text(e))
            return
        self.created = outcome.value
        self.bus.publish(outcome.changes)
        super().accept()


class SetAttributeForm(QWidget):
    """Attribute (one of the user's, or a new name), its type when new, and a value."""

    edited = Signal()

    def __init__(self, attributes: Sequence[AttributeInfo], values: Callable[[str], Sequence[str]],
                 parent=None) -> None:
        super().__init__(parent)
        self._values = values
        self._attributes = [a for a in attributes if not a.builtin]
        self.attribute = QComboBox()
        self.attribute.setEditable(True)
        self.attribute.setAccessibleName(self.tr("Attribute"))
        self.attribute.lineEdit().setPlaceholderText(self.tr("An attribute, or a new name"))
        for info in self._attributes:
            self.attribute.addItem(info.name, info.name)
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Type of the new attribute"))
        self.kind.addItem(self.tr("guessed from the value"), GUESS)
        for kind in KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.value = QComboBox()
        self.value.setEditable(True)
        self.value.setAccessibleName(self.tr("Value"))
        self.value.lineEdit().setPlaceholderText(self.tr("(empty: remove the value)"))
        self.kind_label = QLabel(self.tr("Type"))
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Attribute"), self.attribute)
        form.addRow(self.kind_label, self.kind)
        form.addRow(self.tr("Value"), self.value)
        self.attribute.currentTextChanged.connect(lambda _t: self._attribute_changed())
        self.value.currentTextChanged.connect(lambda _t: self.edited.emit())
        self._attribute_changed()

    def set_attributes(self, attributes: Sequence[AttributeInfo]) -> None:
        """A new list (an attribute defined or renamed meanwhile); what is typed stays."""
        typed = self.attribute.currentText()
        self._attributes = [a for a in attributes if not a.builtin]
        self.attribute.blockSignals(True)
        self.attribute.clear()
        for info in self._attributes:
            self.attribute.addItem(info.name, info.name)
        self.attribute.setEditText(typed)
        self.attribute.blockSignals(False)
        self._attribute_changed()

    def chosen(self) -> AttributeInfo | None:
        """The existing attribute named in the box (case and diacritics ignored), else None."""
        typed = key_of(self.attribute.currentText())
        return next((a for a in self._attributes if key_of(a.name) == typed), None)

    def _attribute_changed(self) -> None:
        info = self.chosen()
        self.kind.setVisible(info is None)
        self.kind_label.setVisible(info is None)
        current = self.value.currentText()
        self.value.blockSignals(True)
        self.value.clear()
        if info is not None:
            self.value.addItems(list(info.choices) if info.kind == "choice" else list(self._values(info.name)))
        self.value.setEditText(current)
        self.value.blockSignals(False)
        self.edited.emit()

    def apply(self, ops: Operations, bus: ChangeBus, article_ids: Sequence[int]) -> AttributeInfo:
        """Set the value for every article of `article_ids`: one step. Raises what core
        raises (AttributesError, DatabaseError); nothing is changed then."""
        info = self.chosen()
        name = clean_name(self.attribute.currentText())
        kind = None if info is not None else (self.kind.currentData() or None)
        value = " ".join(self.value.currentText().split()) or None
        outcome = ops.set_attribute_values(info.id if info is not None and info.id is not None else name,
                                           list(article_ids), value, kind)
        bus.publish(outcome.changes)
        return outcome.value


class SetAttributeDialog(QDialog):
    def __init__(self, ops: Operations, bus: ChangeBus, article_ids: Sequence[int],
                 attributes: Sequence[AttributeInfo], values: Callable[[str], Sequence[str]], parent=None) -> None:
        super().__init__(parent)
        self.ops, self.bus, self.article_ids = ops, bus, list(article_ids)
        self.setWindowTitle(self.tr("Set an attribute for %n article(s)", "", len(self.article_ids)))
        self.setMinimumWidth(440)
        self.form = SetAttributeForm(attributes, values)
        self.error = error_label()
        hint = QLabel(self.tr("Every selected article gets this value, in one step (Ctrl+Z undoes it). "
                              "A new name defines a new attribute."))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.form.edited.connect(self.error.clear)

    def accept(self) -> None:
        try:
            self.form.apply(self.ops, self.bus, self.article_ids)
        except (AnnotationError, DatabaseError) as e:  # AttributesError is an AnnotationError
            self.error.setText(wording.error_text(e))
            return
        super().accept()
