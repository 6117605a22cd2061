"""Status-bar widget for background segmentation: progress and a cancel button."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget


class SegmentationStatus(QWidget):
    cancelRequested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.setSpacing(6)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setFixedWidth(140)
        self.bar.setTextVisible(False)
        self.cancel = QToolButton()
        self.cancel.setText(self.tr("Cancel"))
        self.cancel.setToolTip(self.tr("Stop word segmentation (finished articles are kept)"))
        self.cancel.clicked.connect(self.cancelRequested)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self.set_idle("")

    def set_progress(self, done: int, total: int) -> None:
        self.bar.setVisible(True)
        self.cancel.setVisible(True)
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.label.setText(self.tr("Segmenting words: {done}/{total} articles").format(done=done, total=total))

    def set_idle(self, message: str) -> None:
        self.bar.setVisible(False)
        self.cancel.setVisible(False)
        self.label.setText(message)
