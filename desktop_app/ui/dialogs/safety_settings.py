"""File -> Data safety settings: automatic backups on or off, and whether every commit is
synced to the disk (synchronous=FULL). The dialog only shows and collects the choices; the
window keeps them (QSettings) and applies them (ui/window/safety.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.storage.backups import KEEP_DAYS, KEEP_LAST, BackupInfo
from desktop_app.ui.common.formatting import file_size
from desktop_app.ui.common.plain_text import plain_label


class SafetySettingsDialog(QDialog):
    def __init__(self, backups_on: bool, sync_full: bool, folder: Path, backups: list[BackupInfo],
                 library_size: int, read_only: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Data safety"))
        self.setMinimumWidth(520)

        self.backups = QCheckBox(self.tr("Back up the library automatically"))
        self.backups.setChecked(backups_on)
        about = plain_label(
            self.tr("A copy when the window closes after changes, and every 30 minutes while you "
                    "work. The newest %1 are kept, and the last one of each day for %2 days; each "
                    "is about the size of the library (%3 now). File → Restore from backup… "
                    "brings one back.").replace("%1", str(KEEP_LAST)).replace("%2", str(KEEP_DAYS))
            .replace("%3", file_size(library_size)), wrap=True)
        total = sum(b.size for b in backups)
        if not backups:
            held = self.tr("No copy yet.")
        elif len(backups) == 1:
            held = self.tr("1 copy kept now, %1.").replace("%1", file_size(total))
        else:
            held = self.tr("%1 copies kept now, %2 in all.").replace("%1", str(len(backups))).replace(
                "%2", file_size(total))
        folder_label = plain_label(self.tr("Kept in:"))
        self.folder = plain_label(str(folder), selectable=True, wrap=True, object_name="backupFolder")
        box = QGroupBox(self.tr("Automatic backups"))
        backups_layout = QVBoxLayout(box)
        backups_layout.addWidget(self.backups)
        backups_layout.addWidget(about)
        backups_layout.addWidget(folder_label)
        backups_layout.addWidget(self.folder)
        backups_layout.addWidget(plain_label(held))

        self.sync_full = QCheckBox(self.tr("Write every change to the disk at once (synchronous=FULL)"))
        self.sync_full.setChecked(sync_full)
        sync_about = plain_label(
            self.tr("Without it, a power cut may lose the last few changes, but never damages the "
                    "library. With it, nothing saved is lost even then; saving is about a third "
                    "slower (more on a network folder)."), wrap=True)
        power = QGroupBox(self.tr("Power failure"))
        power_layout = QVBoxLayout(power)
        power_layout.addWidget(self.sync_full)
        power_layout.addWidget(sync_about)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(power)
        if read_only:
            self.backups.setEnabled(False)
            self.sync_full.setEnabled(False)
            layout.addWidget(plain_label(self.tr("The library is read-only: nothing changes, so "
                                                 "nothing needs backing up."), wrap=True))
        layout.addStretch(1)
        layout.addWidget(buttons)

    def choices(self) -> tuple[bool, bool]:
        """(automatic backups, synchronous=FULL) as ticked."""
        return self.backups.isChecked(), self.sync_full.isChecked()
