"""A small legend for the reader's word view: what the word colours and the dashed
underlines mean. Colours and dash patterns are the theme's (style.py), as the reader's
are, so they never drift; they follow a change of theme (PaletteChange)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desktop_app.ui.theme import style


class _DashSample(QWidget):
    """A short line drawn as the reader underlines one kind of entity."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._label = label
        self.setFixedSize(QSize(22, 12))

    def paintEvent(self, event: QPaintEvent) -> None:
        color, dashes = style.entity_styles()[self._label]  # read when painting: the theme may change
        painter = QPainter(self)
        pen = QPen(QColor(color))
        pen.setWidthF(1.6)
        pen.setDashPattern(list(dashes))
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        y = self.height() - 3
        painter.drawLine(1, y, self.width() - 1, y)
        painter.end()


class PosLegend(QWidget):
    """One row: coloured word classes, then the three kinds of entity suggestion.
    Show either part with `set_sections`; the widget hides itself when both are off."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("posLegend")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(10)
        pos_names = {
            "noun": self.tr("noun"),
            "verb": self.tr("verb"),
            "adjective": self.tr("adjective"),
            "proper": self.tr("proper noun"),
            "number": self.tr("number"),
        }
        self.pos_labels: dict[str, QLabel] = {}
        for cls in style.pos_colors():
            label = QLabel(pos_names[cls])
            layout.addWidget(label)
            self.pos_labels[cls] = label
        self._colour_labels()
        entity_names = {
            "PER": self.tr("person"),
            "LOC": self.tr("place"),
            "ORG": self.tr("organisation"),
        }
        self.entity_widgets: dict[str, tuple[_DashSample, QLabel]] = {}
        for name, text in entity_names.items():
            sample = _DashSample(name)
            label = QLabel(text)
            label.setToolTip(self.tr("Suggested name ({0}): right-click it in the text to "
                                     "accept or reject it").format(name))
            layout.addWidget(sample)
            layout.addWidget(label)
            self.entity_widgets[name] = (sample, label)
        self.setToolTip(self.tr("Word colours: parts of speech found by underthesea"))
        self.set_sections(False, False)

    def _colour_labels(self) -> None:
        for cls, color in style.pos_colors().items():
            self.pos_labels[cls].setStyleSheet(f"color: {color};")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # a new theme
            self._colour_labels()

    def set_sections(self, pos: bool, entities: bool) -> None:
        for label in self.pos_labels.values():
            label.setVisible(pos)
        for sample, label in self.entity_widgets.values():
            sample.setVisible(entities)
            label.setVisible(entities)
        if self.parentWidget() is not None:  # never pop up as a window of its own
            self.setVisible(pos or entities)
