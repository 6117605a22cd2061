"""Edit -> Segmentation processes…: the choice is kept and used for the next worker."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.core.nlp.worker_pool import default_workers
from desktop_app.ui.dialogs.segmentation_settings import (
    WORKERS_KEY,
    SegmentationSettingsDialog,
    chosen_workers,
    edit_workers,
)


def settings_in(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)


def test_without_a_choice_one_core_is_left_for_the_window(tmp_path):
    s = settings_in(tmp_path)
    assert chosen_workers(s) == default_workers(os.cpu_count() or 1)
    s.setValue(WORKERS_KEY, 999)
    assert chosen_workers(s) == (os.cpu_count() or 1)  # never more than the cores
    s.setValue(WORKERS_KEY, "nonsense")
    assert chosen_workers(s) == default_workers(os.cpu_count() or 1)


def test_the_dialog_stores_the_number_chosen(qtbot, tmp_path):
    s = settings_in(tmp_path)
    s.setValue(WORKERS_KEY, 2)
    parent = SegmentationSettingsDialog(1)  # any widget to parent the dialog on
    qtbot.addWidget(parent)

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SegmentationSettingsDialog)
        assert dialog.workers.value() == min(2, os.cpu_count() or 1)
        dialog.workers.setValue(1)
        dialog.accept()

    QTimer.singleShot(0, choose)
    changed = edit_workers(s, parent)
    assert changed == ((os.cpu_count() or 1) >= 2)
    assert chosen_workers(s) == 1
