"""Status-bar progress widgets: a label, a bar and a Cancel button, for background
segmentation and tagging here, and for imports in import_job.py."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget


class ProgressStatus(QWidget):
    """Label, bar and Cancel in the status bar; subclasses word the label and the button
    (after this __init__: tr() needs the QObject made)."""

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
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)

    def show_progress(self, text: str, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.label.setText(text)


class SegmentationStatus(ProgressStatus):
    cancelRequested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.cancel.setText(self.tr("Cancel"))
        self.cancel.setToolTip(self.tr("Stop word segmentation and tagging (finished articles are kept)"))
        self.cancel.clicked.connect(self.cancelRequested)
        self.set_idle("")

    def set_progress(self, done: int, total: int) -> None:
        """Segmentation progress; shown first, as the words matter most."""
        self._words = (done, total)
        self._show()

    def set_tagging_progress(self, done: int, total: int) -> None:
        """Tagging (parts of speech, names) progress: shown once the words are done."""
        self._tags = (done, total)
        self._show()

    def _show(self) -> None:
        self.bar.setVisible(True)
        self.cancel.setVisible(True)
        done, total = self._words
        text = self.tr("Segmenting words: {done}/{total} articles")
        if done >= total and self._tags[0] < self._tags[1]:
            done, total = self._tags
            text = self.tr("Tagging words: {done}/{total} articles")
        self.show_progress(text.format(done=done, total=total), done, total)

    def set_idle(self, message: str) -> None:
        self._words, self._tags = (0, 0), (0, 0)
        self.bar.setVisible(False)
        self.cancel.setVisible(False)
        self.label.setText(message)
