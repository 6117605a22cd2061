"""Status-bar progress widgets: a label, a bar and a Cancel button. `ProgressStatus.follow`
shows any BackgroundOp (export, annotation import, file import); SegmentationStatus words
background segmentation and tagging."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QToolButton, QWidget

from desktop_app.ui.background import BackgroundOp
from desktop_app.ui.common.plain_text import plain_label
from desktop_app.ui.i18n import number

# (done, total, note) -> the label's text
Describe = Callable[[int, int, str], str]


class ProgressStatus(QWidget):
    """Label, bar and Cancel in the status bar; subclasses word the label and the button
    (after this __init__: tr() needs the QObject made)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.setSpacing(6)
        self.label = plain_label()  # file names, notes of the job
        self.bar = QProgressBar()
        self.bar.setFixedWidth(140)
        self.bar.setTextVisible(False)
        self.cancel = QToolButton()
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self._op: BackgroundOp | None = None
        self.cancel.clicked.connect(self._cancel_followed)

    def show_progress(self, text: str, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.label.setText(text)

    # --- any background operation -------------------------------------------------------
    def follow(self, op: BackgroundOp, describe: Describe | str = "",
               *, cancel_text: str = "") -> BackgroundOp:
        """Show `op` here until it ends: the label (`describe(done, total, note)`, or a fixed
        text), the bar (busy while the total is unknown), Cancel -> op.cancel(). Call before
        op.run(); a newer op replaces the one shown (the older one keeps running)."""
        def text(done: int, total: int, note: str) -> str:
            return describe(done, total, note) if callable(describe) else (describe or note)

        self._op = op
        self.setVisible(True)
        self.bar.setVisible(True)
        self.cancel.setVisible(True)
        self.cancel.setEnabled(True)
        if cancel_text:
            self.cancel.setText(cancel_text)
        self.bar.setRange(0, 0)  # busy until the first report
        self.label.setText(text(0, 0, ""))

        def progressed(done: int, total: int, note: str) -> None:
            if self._op is op:
                if total:
                    self.show_progress(text(done, total, note), done, total)
                else:
                    self.bar.setRange(0, 0)
                    self.label.setText(text(done, total, note))

        op.on_progress(progressed)
        op.on_finished(lambda: self._unfollow(op))
        return op

    def following(self) -> BackgroundOp | None:
        return self._op

    def _cancel_followed(self) -> None:
        if self._op is not None:
            self._op.cancel()
            self.cancel.setEnabled(False)

    def _unfollow(self, op: BackgroundOp) -> None:
        if self._op is op:
            self._op = None
            self.cancel.setEnabled(True)
            self.setVisible(False)


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
        self.show_progress(text.format(done=number(done), total=number(total)), done, total)

    def set_idle(self, message: str) -> None:
        self._words, self._tags = (0, 0), (0, 0)
        self.bar.setVisible(False)
        self.cancel.setVisible(False)
        self.label.setText(message)
