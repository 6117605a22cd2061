"""Edit -> Segmentation processes…: how many worker processes segment and tag articles side
by side. The window keeps the choice (QSettings, WORKERS_KEY) and uses it from the next start:
a run in progress keeps its processes."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QVBoxLayout, QWidget

from desktop_app.core.nlp.worker_pool import default_workers
from desktop_app.ui.common.plain_text import plain_label

WORKERS_KEY = "segmentation/workers"


def chosen_workers(settings: QSettings) -> int:
    """The number of worker processes to start: the user's choice, else cores - 1."""
    cores = os.cpu_count() or 1
    try:
        chosen = int(settings.value(WORKERS_KEY, 0) or 0)
    except (TypeError, ValueError):
        chosen = 0
    return min(max(chosen, 1), cores) if chosen else default_workers(cores)


class SegmentationSettingsDialog(QDialog):
    def __init__(self, workers: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Segmentation processes"))
        self.setMinimumWidth(460)
        cores = os.cpu_count() or 1
        self.workers = QSpinBox()
        self.workers.setRange(1, cores)
        self.workers.setValue(min(max(workers, 1), cores))
        about = plain_label(
            self.tr("Word segmentation and tagging run in the background, in processes of their "
                    "own, each on one processor core. This computer has %1 cores; the default, "
                    "%2, leaves one for the window. More processes segment a large corpus "
                    "sooner; the article you open always goes first. The change takes effect the "
                    "next time Chú Giải starts.").replace("%1", str(cores))
            .replace("%2", str(default_workers(cores))), wrap=True)
        form = QFormLayout()
        form.addRow(self.tr("Worker processes:"), self.workers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(buttons)


def edit_workers(settings: QSettings, parent: QWidget) -> bool:
    """Show the dialog; store the choice. True when it changed."""
    before = chosen_workers(settings)
    dialog = SegmentationSettingsDialog(before, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.workers.value() == before:
        return False
    settings.setValue(WORKERS_KEY, dialog.workers.value())
    return True
