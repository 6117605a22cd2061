"""Automatic backups in the window, as Anki makes them: a consistent copy of the library
when the window closes after changes, and every 30 minutes while changes were made.

The copy is core's (storage/backups.auto_backup: the SQLite backup API into a partial
file renamed when whole, then the rotation that keeps the newest 10 plus one a day for a
week); it always runs as a BackgroundOp, never on the GUI thread. "Changes" are what the
window's bus carries (every edit, undo, import); a restore or a repair is not one (the
library then is a backup, or was copied before the repair). The setting that turns them
off lives in QSettings (BACKUPS_KEY), set in File -> Data safety settings.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, QSettings, QTimer

from desktop_app.core.operations.changes import Changes
from desktop_app.core.progress import Progress
from desktop_app.core.storage.backups import CLOSE, PERIODIC, BackupInfo, auto_backup
from desktop_app.core.storage.database import Database, DatabaseError, error_kind, explain_message
from desktop_app.ui.background import BackgroundOp

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow

log = logging.getLogger(__name__)

BACKUPS_KEY = "backups/automatic"  # QSettings: bool, on unless turned off
INTERVAL_MS = 30 * 60 * 1000


def backups_enabled(settings: QSettings) -> bool:
    return settings.value(BACKUPS_KEY, True, type=bool)


def backup_job(db: Database, reason: str):  # noqa: ANN201 (a BackgroundOp function)
    """The copy as a BackgroundOp function; sqlite errors arrive as a DatabaseError in words."""
    def job(_progress: Progress) -> BackupInfo:
        try:
            return auto_backup(db, reason=reason)
        except sqlite3.Error as e:
            raise DatabaseError(explain_message(e, db.path), error_kind(e, db.path)) from e

    return job


class AutoBackups(QObject):
    """Owns the 30-minute timer and knows whether the library changed since the last copy."""

    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        self.dirty = False  # changes since the last copy began
        self.job: BackgroundOp | None = None
        self.last: BackupInfo | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.periodic)
        w.bus.changed.connect(self._on_changes)
        self.settings_changed()

    @property
    def enabled(self) -> bool:
        """Off for a read-only library and for a shared one (no file to copy beside; its
        server keeps it, and File -> Back up… copies it on request)."""
        return backups_enabled(self.w.settings) and not self.w.db.read_only and not self.w.db.on_server

    def settings_changed(self) -> None:
        if self.enabled:
            self.timer.start()
        else:
            self.timer.stop()

    def _on_changes(self, changes: Changes) -> None:
        if changes and not changes.reloaded:
            self.dirty = True

    def library_replaced(self) -> None:
        """After a restore or a repair: the library as it is now needs no copy yet."""
        self.dirty = False

    def periodic(self) -> None:
        if self.dirty and self.enabled and self.job is None:
            self.start(PERIODIC)

    def start(self, reason: str) -> BackgroundOp:
        """Copy now, in the background; a failure shows in the status bar, and the next
        chance tries again."""
        self.dirty = False
        op = BackgroundOp(self.w, backup_job(self.w.db, reason), discard_when_cancelled=False)
        op.on_success(self._done)
        op.on_failure(self._failed)
        op.on_finished(lambda: self._finished(op))
        self.job = op
        return op.run()

    def _done(self, info: BackupInfo) -> None:
        self.last = info
        log.info("automatic backup: %s", info.path)

    def _failed(self, message: str) -> None:
        self.dirty = True
        log.warning("automatic backup failed: %s", message)
        self.w.statusBar().showMessage(self.tr("Automatic backup failed: %1").replace("%1", message), 30_000)

    def _finished(self, op: BackgroundOp) -> None:
        if self.job is op:
            self.job = None

    def on_close(self) -> None:
        """The window closes: a last copy if anything changed, waited for (the event loop
        goes on meanwhile, so the window still paints)."""
        self.timer.stop()
        self._wait()  # a periodic copy under way
        if self.dirty and self.enabled:
            self.w.statusBar().showMessage(self.tr("Backing up the library…"))
            self.start(CLOSE)
            self._wait()

    def _wait(self) -> None:
        op = self.job
        if op is None or op.done:
            return
        loop = QEventLoop()
        op.on_finished(loop.quit)
        if not op.done:  # connected before looking: the delivery cannot slip between
            loop.exec()
