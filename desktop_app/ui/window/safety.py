"""The window's data-safety commands: File -> Check library…, Restore from backup…, Data
safety settings…, the automatic backups (auto_backups.py) and synchronous=FULL.

A restore or a repair replaces what the views show: the window's history is cleared (its
steps were about the library that is gone) and EVERYTHING is published on the bus, from
which every view reloads (view_updates.py); nothing here refreshes a view by hand. The
restore itself runs as a BackgroundOp behind a modal progress dialog, with the word
segmentation stopped (no connection may write while the pages are replaced).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from desktop_app.core.library.articles import get_state
from desktop_app.core.operations.changes import EVERYTHING
from desktop_app.core.storage.backups import BackupInfo, backups_dir, list_backups
from desktop_app.core.storage.check import CheckReport
from desktop_app.core.storage.database import Database, DatabaseError, before_restore_path
from desktop_app.core.storage.durability import SYNCHRONOUS_KEY
from desktop_app.ui.background import BackgroundOp
from desktop_app.ui.common import plain_text
from desktop_app.ui.dialogs.check_dialog import CheckLibraryDialog
from desktop_app.ui.dialogs.restore_dialog import RestoreDialog, when
from desktop_app.ui.dialogs.safety_settings import SafetySettingsDialog
from desktop_app.ui.i18n import number
from desktop_app.ui.window.auto_backups import BACKUPS_KEY, AutoBackups, backups_enabled

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow

log = logging.getLogger(__name__)

SYNC_FULL_KEY = "library/synchronous_full"  # QSettings: bool; absent = the library's own choice


def apply_synchronous(settings: QSettings, db: Database) -> None:
    """Give the library the synchronous level chosen in the window (stored in QSettings),
    when it differs from the one the library keeps. Nothing when none was chosen."""
    if settings.value(SYNC_FULL_KEY) is None or db.read_only or db.on_server:
        return  # a shared library's durability is its server's setting
    want = "FULL" if settings.value(SYNC_FULL_KEY, False, type=bool) else "NORMAL"
    try:
        if (get_state(db, SYNCHRONOUS_KEY) or "NORMAL").upper() != want:
            db.set_synchronous(want)
    except DatabaseError as e:  # busy, or the disk: the next start tries again
        log.warning("synchronous=%s not applied: %s", want, e)


def synchronous_full(settings: QSettings, db: Database) -> bool:
    if settings.value(SYNC_FULL_KEY) is not None:
        return settings.value(SYNC_FULL_KEY, False, type=bool)
    try:
        return (get_state(db, SYNCHRONOUS_KEY) or "").upper() == "FULL"
    except DatabaseError:
        return False


class SafetyController(QObject):
    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        apply_synchronous(w.settings, w.db)
        self.auto = AutoBackups(w)
        self.dialog: QObject | None = None  # the last dialog or message shown (tests read it)
        self.restore_op: BackgroundOp | None = None

    # --- check and repair --------------------------------------------------------------------
    def check_dialog(self) -> CheckLibraryDialog | None:
        w = self.w
        if w.db.on_server:  # the action is disabled there; a shortcut must not reach a file
            return None
        dialog = CheckLibraryDialog(w.db.path, w.db.read_only, repaired=self._repaired, parent=w,
                                    before_repair=self._flush)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        dialog.start()
        return dialog

    def _flush(self) -> None:
        self.w.panel.editor.flush_note()
        self.w.panel.flush_memo()

    def _repaired(self, report: CheckReport) -> None:
        if not report.repaired:
            return
        self.w.history.clear()  # a step may name a row the repair removed
        self.auto.library_replaced()
        self.w.bus.publish(EVERYTHING)

    # --- restore ----------------------------------------------------------------------------
    def restore_dialog(self) -> None:
        if self.w.db.on_server:
            return
        folder = backups_dir(self.w.db.path)
        dialog = RestoreDialog(folder, list_backups(folder), self.w, self.w.settings)
        self.dialog = dialog
        accepted = dialog.exec() == RestoreDialog.DialogCode.Accepted
        choice = dialog.choice() if accepted else None
        articles = dialog.articles_in(choice[1]) if choice is not None and choice[1] is not None else None
        dialog.deleteLater()
        safety = self.confirm_restore(choice[0], choice[1], articles) if choice is not None else None
        if choice is not None and safety is not None:
            self.restore_from(choice[0], safety)

    def confirm_restore(self, path: Path, info: BackupInfo | None = None,
                        articles: int | None = None) -> Path | None:
        """Ask, naming the backup and the full path of the safety copy (selectable text).
        Returns that path when the user said yes."""
        safety = before_restore_path(self.w.db.path)
        if info is None:
            question = self.tr("Replace everything in the library with this file?")
        elif articles is None:
            question = self.tr("Replace everything in the library with the backup of %1?").replace("%1", when(info))
        else:
            question = self.tr("Replace everything in the library with the backup of %1 (%2 articles)?").replace(
                "%1", when(info)).replace("%2", number(articles))
        text = (question + "\n\n" + self.tr("Backup:") + "\n" + str(path) + "\n\n"
                + self.tr("The library as it is now is kept first, as a safety copy:") + "\n"
                + str(safety) + "\n\n"
                + self.tr("To go back, restore that copy the same way (Other file…)."))
        box = plain_text.plain_message_box(
            self.w, QMessageBox.Icon.Question, self.tr("Restore from backup"), text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel, selectable=True)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Restore"))
        self.dialog = box
        return safety if box.exec() == QMessageBox.StandardButton.Yes else None

    def restore_from(self, path: Path, safety: Path | None = None) -> BackgroundOp:
        """Restore in the background behind a modal progress dialog; the views reload from
        the bus once it is done. Returns the op (started)."""
        w = self.w
        self._flush()
        safety = safety or before_restore_path(w.db.path)
        w.worker.shutdown()  # no connection may write while pages are replaced
        progress = QProgressDialog(self.tr("Restoring the library…"), "", 0, 0, w)
        progress.setWindowTitle(self.tr("Restore from backup"))
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.show()
        db = w.db
        op = BackgroundOp(w, lambda _progress: db.restore_from(Path(path), safety),
                          title=self.tr("Restore failed"), discard_when_cancelled=False)
        op.on_success(self._restored)
        op.on_failure(lambda message: self._restore_failed(message))
        op.on_finished(lambda: (progress.close(), progress.deleteLater()))
        self.restore_op = op
        return op.run()

    def _restart_worker(self) -> None:
        w = self.w
        w.worker = w.make_worker()
        if not w.segmentation_paused:
            w.worker.start()

    def _restored(self, safety: Path) -> None:
        w = self.w
        w.history.clear()  # its steps were about the library that is gone
        apply_synchronous(w.settings, w.db)  # the restored library keeps its own
        self.auto.library_replaced()
        w.bus.publish(EVERYTHING)
        self._restart_worker()
        text = (self.tr("The library was restored.") + "\n\n"
                + self.tr("The library as it was before is kept at:") + "\n" + str(safety))
        box = plain_text.plain_message_box(w, QMessageBox.Icon.Information, self.tr("Library restored"),
                                           text, selectable=True)
        self.dialog = box
        box.open()

    def _restore_failed(self, message: str) -> None:
        self._restart_worker()
        box = plain_text.plain_message_box(self.w, QMessageBox.Icon.Warning, self.tr("Restore failed"),
                                           message, selectable=True)
        self.dialog = box
        box.open()

    # --- settings -----------------------------------------------------------------------------
    def settings_dialog(self) -> None:
        w = self.w
        if w.db.on_server:
            return
        folder = backups_dir(w.db.path)
        size = 0
        for part in (w.db.path, Path(f"{w.db.path}-wal")):  # recent changes may be in the log
            try:
                size += part.stat().st_size
            except OSError:
                pass
        dialog = SafetySettingsDialog(backups_enabled(w.settings), synchronous_full(w.settings, w.db),
                                      folder, list_backups(folder), size, w.db.read_only, w)
        self.dialog = dialog
        if dialog.exec() == SafetySettingsDialog.DialogCode.Accepted:
            self.apply_choices(*dialog.choices())
        dialog.deleteLater()

    def apply_choices(self, backups_on: bool, sync_full: bool) -> None:
        w = self.w
        w.settings.setValue(BACKUPS_KEY, backups_on)
        w.settings.setValue(SYNC_FULL_KEY, sync_full)
        w.settings.sync()
        self.auto.settings_changed()
        apply_synchronous(w.settings, w.db)
