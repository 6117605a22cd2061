"""The window and shared libraries: File -> Open shared library… / Open my local library,
which library the window shows (title and status bar), and what a shared library cannot do.

Opening happens here (through core's shared_access.open_shared) while the dialog is still
up, so a wrong password or an unreachable server is said under the fields; once open, the
library is handed to the window host (ui/window_host.py) by `switch_requested`, which puts a
new window on it. Recent shared libraries are kept in QSettings WITHOUT passwords; a
password the user asks to remember goes to the system keyring, or without one to libpq's
password file (core/storage/passwords.py).

On a shared library the features that work on the library file are disabled, each saying
why in its tooltip: restore, check and repair, the data-safety settings (automatic backups
beside the file, durability); File -> Back up… still copies the library into a file.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from desktop_app import APP_DISPLAY_NAME
from desktop_app.core.storage import passwords
from desktop_app.core.storage.database import Database, DatabaseError
from desktop_app.core.storage.shared_access import PASSWORD, ServerAccessError, label_of, open_shared
from desktop_app.ui import wording
from desktop_app.ui.common import plain_text
from desktop_app.ui.dialogs.shared_library_dialog import SharedLibraryDialog

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow
    from desktop_app.ui.workers import SegmentationWorker

log = logging.getLogger(__name__)

RECENT_KEY = "shared/recent"  # QSettings: URLs without password, newest first
MAX_RECENT = 8


def recent_libraries(settings: QSettings) -> list[str]:
    value = settings.value(RECENT_KEY, [])
    items = [value] if isinstance(value, str) else list(value or [])
    return [passwords.without_password(str(v)) for v in items if str(v).strip()][:MAX_RECENT]


def remember_recent(settings: QSettings, url: str) -> None:
    url = passwords.without_password(url)
    settings.setValue(RECENT_KEY, [url, *[u for u in recent_libraries(settings) if u != url]][:MAX_RECENT])
    settings.sync()


def access_words(error: ServerAccessError) -> str:
    """What to tell the user when a shared library could not be opened."""
    translate = QCoreApplication.translate
    if error.kind == PASSWORD:
        text = translate("SharedLibrary", "The server of {library} did not accept the password for this user, "
                         "or needs one. Type the password (ask the server's administrator if you do not "
                         "know it).")
    else:
        text = translate("SharedLibrary", "The server of {library} cannot be reached. It may be down, this "
                         "computer may be offline, or the address may be mistyped.")
    said = translate("SharedLibrary", "The connection said: {detail}")
    return text.format(library=label_of(error.address)) + "\n\n" + said.format(detail=error.detail)


def open_words(error: BaseException) -> str:
    """access_words for a ServerAccessError, else the error's own words."""
    return access_words(error) if isinstance(error, ServerAccessError) else wording.error_text(error)


def keep_password(url: str, password: str, parent: MainWindow | None = None) -> str | None:
    """Remember `password` in the keyring, else in the password file. Returns where it went
    in words, or None; a refusal is told (the library is open all the same)."""
    translate = QCoreApplication.translate
    try:
        if passwords.save_in_keyring(url, password):
            return translate("SharedLibrary", "Password kept in the system keyring.")
        path = passwords.write_pgpass(url, password)
        return translate("SharedLibrary", "Password written to {file} (readable by you only).").format(file=path)
    except passwords.PasswordStoreError as e:
        plain_text.warn(parent, translate("SharedLibrary", "Password not remembered"),
                        translate("SharedLibrary", "The library is open, but the password could not be kept: "
                                  "{why}. It will be asked for next time.").format(why=e), selectable=True)
        return None


class SharedLibraryController(QObject):
    """Every method runs in the GUI thread."""

    # an open Database (a shared library) to show instead, or None: the local library
    switch_requested = Signal(object)

    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        self.on_server = bool(getattr(w.db, "on_server", False))
        self.dialog: SharedLibraryDialog | None = None  # the one shown (tests read it)
        self._opened: Database | None = None
        self.segmentation_failed = False  # stopped by a failed run, not by the user
        self.act_open_shared = QAction(self.tr("Open shared library…"), w)
        self.act_open_shared.triggered.connect(lambda _checked=False: self.open_dialog())
        self.act_open_local = QAction(self.tr("Open my local library"), w)
        self.act_open_local.triggered.connect(lambda _checked=False: self.switch_requested.emit(None))
        self.act_open_local.setEnabled(self.on_server)
        self.act_open_local.setToolTip(self.tr("Return to the library kept on this computer"))
        self.menu_recent = QMenu(self.tr("Open recent shared library"), w)
        self.menu_recent.aboutToShow.connect(self._fill_recent)
        self.menu_recent.menuAction().setEnabled(bool(recent_libraries(w.settings)))
        if self.on_server:
            self.label = plain_text.plain_label(self.tr("Shared: {library}").format(library=self.library_label()))
            self.label.setObjectName("sharedLibraryLabel")
            self.label.setToolTip(plain_text.plain_tooltip(w.db.location))
            w.statusBar().addPermanentWidget(self.label)
            w.setWindowTitle(self.title(None))
            self._disable_file_features()

    def key(self, name: str) -> str:
        """The settings key of something kept per library (the last article, reading
        positions: article ids of another library name other articles). The local
        library's keys are as they always were."""
        if not self.on_server:
            return name
        safe = label_of(self.w.db.location).replace("/", "|").replace("\\", "|")
        return f"shared/{safe}/{name}"

    def library_label(self) -> str:
        return label_of(self.w.db.location) if self.on_server else ""

    def title(self, article: str | None) -> str:
        """The window title: the article, which shared library, the app."""
        parts = [article] if article else []
        if self.on_server:
            parts.append(self.tr("Shared: {library}").format(library=self.library_label()))
        return " — ".join([*parts, APP_DISPLAY_NAME])

    def _disable_file_features(self) -> None:
        a = self.w.commands
        server = self.tr("This library is kept by its server: ask the server's administrator for backups "
                         "and repairs. File → Back up… copies it into a file on this computer.")
        for action in (a.act_restore, a.act_check, a.act_safety_settings):
            action.setEnabled(False)
            action.setToolTip(server)
        a.act_backup.setToolTip(self.tr("Copy the shared library into a library file on this computer"))

    # --- segmentation -------------------------------------------------------------------------
    def watch_worker(self, worker: SegmentationWorker) -> None:
        """On a shared library, a segmentation run that fails (the connection lost, the server
        refusing this coder's writes) stops segmentation for this window, said once in the
        status bar, rather than retrying it in a loop; it starts again when the connection
        returns (`connection_back`)."""
        if not self.on_server:
            return
        failed = [False]
        worker.failed.connect(lambda _m: failed.__setitem__(0, True))
        worker.progress.connect(lambda *_a: failed.__setitem__(0, False))
        worker.stopped.connect(lambda: self._segmentation_failed() if failed[0] else None)

    def _segmentation_failed(self) -> None:
        w = self.w
        w.segmentation_paused = True
        self.segmentation_failed = True
        text = self.tr("Segmentation stopped; it resumes when the server returns")
        w.seg_status.set_idle(text)
        w.statusBar().showMessage(text, 30_000)

    def connection_back(self) -> None:
        """The server answers again: the open article's words are read again, and a
        segmentation that stopped on a failure starts again (most failures on a server are
        the connection lost during a run)."""
        self.w.reload_words()  # words stored while the server was out of reach
        if self.segmentation_failed and not self.w.db.read_only:
            self.segmentation_failed = False
            self.w.segmentation_paused = False
            self.w.worker.start()

    # --- opening ------------------------------------------------------------------------------
    def _fill_recent(self) -> None:
        self.menu_recent.clear()
        for url in recent_libraries(self.w.settings):
            action = self.menu_recent.addAction(label_of(url).replace("&", "&&"))  # no accelerator
            action.setToolTip(plain_text.plain_tooltip(url))
            action.triggered.connect(lambda _checked=False, url=url: self.open_recent(url))

    def open_recent(self, url: str) -> bool:
        """Open a shared library opened before, with its kept password (keyring or password
        file); when that does not do, the dialog, filled, says why."""
        self.w.panel.editor.flush_note()
        self.w.panel.flush_memo()
        try:
            db = open_shared(url)
        except (ServerAccessError, DatabaseError) as e:
            return self.open_dialog(url, open_words(e))
        remember_recent(self.w.settings, url)
        self.switch_requested.emit(db)
        return True

    def _attempt(self, url: str, password: str | None) -> str | None:
        try:
            self._opened = open_shared(url, password)
        except (ServerAccessError, DatabaseError) as e:
            return open_words(e)
        except Exception as e:  # noqa: BLE001  (psycopg missing, a URL SQLAlchemy refuses: words)
            log.warning("shared library not opened: %s", e)
            return self.tr("The library could not be opened: {why}").format(why=e)
        return None

    def make_dialog(self, url: str | None = None, problem: str = "") -> SharedLibraryDialog:
        recent = recent_libraries(self.w.settings)
        dialog = SharedLibraryDialog(self._attempt, recent, passwords.keyring_name(),
                                     str(passwords.pgpass_path()), self.w)
        if url:
            dialog.fill(url)
        if problem:
            dialog.show_problem(problem)
        self.dialog = dialog
        return dialog

    def open_dialog(self, url: str | None = None, problem: str = "") -> bool:
        """Ask for a shared library and open it in this window's place. True once asked
        for (the host swaps windows); False when cancelled."""
        self.w.panel.editor.flush_note()
        self.w.panel.flush_memo()
        dialog = self.make_dialog(url, problem)
        accepted = dialog.exec() == SharedLibraryDialog.DialogCode.Accepted
        db, self._opened = self._opened, None
        url, password, remember = dialog.url(), dialog.password.text(), dialog.remember.isChecked()
        dialog.deleteLater()
        self.dialog = None
        if not accepted or db is None:
            if db is not None:
                db.close()
            return False
        remember_recent(self.w.settings, url)
        if remember and password:
            where = keep_password(url, password, self.w)
            if where:
                log.info("%s", where)
        self.switch_requested.emit(db)
        return True
