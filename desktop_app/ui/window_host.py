"""The one window of the app, and switching it between libraries.

Switching (File -> Open shared library…, Open my local library) builds a NEW window on the
new library and closes the old one, rather than swapping the library inside the window: the
open library is held by some twenty parts (the library pane, the operations and their undo
history, the reading session, the importer, the segmentation worker, the analysis windows,
the coder menu...), and one missed part would keep reading or writing the old library. A
closing window already does what leaving a library needs (notes and memos flushed, settings
saved, the last automatic backup, background work and the worker stopped), and a new window
starts as a fresh start would. The new library is opened BEFORE the old window closes, so a
library that cannot be opened leaves the user where they were.

The single-instance lock (single_instance.py) belongs to the local library: it is held while
the window shows it and let go while it shows a shared one (a `chugiai` started meanwhile
then opens the local library itself, instead of handing files to a window that would import
them into the shared library).

Start-up on a shared library (`--library URL`): a server that cannot be reached, or a
password that is missing or wrong, is said in words with a choice: try again (or type the
password), open the local library instead, or quit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import APP_DISPLAY_NAME
from desktop_app.core.library.opening import OpenedLibrary, import_seeds_once
from desktop_app.core.library.opening import open_library as open_local
from desktop_app.core.storage.database import Database, DatabaseError
from desktop_app.core.storage.shared_access import PASSWORD, ServerAccessError, label_of, open_shared
from desktop_app.ui import wording
from desktop_app.ui.common import plain_text
from desktop_app.ui.window.shared_library import access_words, keep_password, open_words
from desktop_app.ui.window.single_instance import SingleInstance

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow

log = logging.getLogger(__name__)

# The start-up choices when a shared library cannot be opened.
RETRY, LOCAL, QUIT = "retry", "local", "quit"
# (the problem in words, its kind: PASSWORD or another) -> RETRY, LOCAL or QUIT
AskStart = Callable[[str, str], str]


def local_library_busy(directory: Path, instance: SingleInstance) -> str:
    holder = instance.holder()
    who = f" ({holder})" if holder else ""
    return QCoreApplication.translate(
        "WindowHost", "Your local library in {folder} is open in another copy of Chú Giải{who}. "
        "Use that window, or close it first.").format(folder=directory, who=who)


def ask_start(problem: str, kind: str) -> str:
    """The start-up box: Retry (Enter the password… for a password problem) / Open my
    local library / Quit."""
    translate = QCoreApplication.translate
    box = plain_text.plain_message_box(None, QMessageBox.Icon.Warning, APP_DISPLAY_NAME, problem,
                                       QMessageBox.StandardButton.NoButton, selectable=True)
    retry = box.addButton(translate("WindowHost", "Enter the password…") if kind == PASSWORD
                          else translate("WindowHost", "Try again"), QMessageBox.ButtonRole.AcceptRole)
    local = box.addButton(translate("WindowHost", "Open my local library"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(translate("WindowHost", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.exec()
    clicked = box.clickedButton()
    return RETRY if clicked is retry else LOCAL if clicked is local else QUIT


class WindowHost(QObject):
    """Owns the window on screen and the library it shows."""

    def __init__(self, directory: Path, instance: SingleInstance, settings: QSettings | None = None,
                 start_worker: bool = True) -> None:
        super().__init__()
        self.directory = Path(directory)
        self.instance = instance
        self.settings = settings
        self.start_worker = start_worker
        self.window: MainWindow | None = None
        self.switches = 0  # windows replaced (tests wait on it)
        self.dialog: QObject | None = None  # the password dialog at start, while shown

    # --- building a window ------------------------------------------------------------------
    def build(self, db: Database) -> MainWindow:
        """A window on an open library (the sample articles imported on its first start)."""
        from desktop_app.ui.window.main_window import MainWindow

        try:
            import_seeds_once(db)
            return MainWindow(db, self.settings or QSettings(), start_worker=self.start_worker)
        except BaseException:
            db.close()
            raise

    def adopt(self, window: MainWindow) -> None:
        self.window = window
        window.shared.switch_requested.connect(self.switch)

    # --- start-up on a shared library ---------------------------------------------------------
    def open_shared_at_start(self, url: str, ask: AskStart = ask_start) -> OpenedLibrary | None:
        """Open the shared library at `url`, asking what to do while it cannot be. Returns
        the library opened (shared, or local if the user chose so); None: the user quit."""
        for _attempt in range(1000):  # each round is one answer of the user's
            try:
                return OpenedLibrary(open_shared(url))
            except ServerAccessError as e:
                problem, kind = access_words(e), e.kind
            except DatabaseError as e:  # a newer schema, not a library: nothing to retry
                problem, kind = wording.error_text(e), "other"
            choice = ask(problem, kind)
            if choice == QUIT:
                return None
            if choice == LOCAL:
                opened = self.open_local_library()
                if opened is not None:
                    return opened
                continue
            if kind == PASSWORD:
                db = self.ask_password(url, problem)
                if db is not None:
                    return OpenedLibrary(db)
        return None

    def ask_password(self, url: str, problem: str) -> Database | None:
        """The shared-library dialog, filled with `url`, for the password: a wrong one is
        said in place; a password the user asks to keep is kept once it worked. Returns
        the library opened, or None (cancelled)."""
        from desktop_app.core.storage import passwords
        from desktop_app.ui.dialogs.shared_library_dialog import SharedLibraryDialog

        opened: list[Database] = []

        def attempt(address: str, password: str | None) -> str | None:
            try:
                opened.append(open_shared(address, password))
            except (ServerAccessError, DatabaseError) as e:
                return open_words(e)
            return None

        dialog = SharedLibraryDialog(attempt, (), passwords.keyring_name(), str(passwords.pgpass_path()))
        self.dialog = dialog
        dialog.fill(url)
        dialog.show_problem(problem)
        dialog.password.setFocus()
        accepted = dialog.exec() == SharedLibraryDialog.DialogCode.Accepted
        self.dialog = None
        dialog.deleteLater()
        if not (accepted and opened):
            for db in opened:
                db.close()
            return None
        if dialog.remember.isChecked() and dialog.password.text():
            keep_password(dialog.url(), dialog.password.text())
        return opened[0]

    def open_local_library(self) -> OpenedLibrary | None:
        """The local library (taking the single-instance lock first), or None after saying
        why not."""
        if not self.instance.held and not self.instance.acquire():
            plain_text.warn(self.window, APP_DISPLAY_NAME, local_library_busy(self.directory, self.instance),
                            selectable=True)
            return None
        try:
            return open_local(self.directory, check=self.instance.recovered_stale_lock)
        except DatabaseError as e:
            plain_text.warn(self.window, APP_DISPLAY_NAME, wording.error_text(e), selectable=True)
            return None

    # --- switching ------------------------------------------------------------------------
    def switch(self, target: Database | None) -> bool:
        """Show `target` (an open shared library) or, for None, the local library, in a new
        window in place of the current one. False (the current window kept) when the local
        library cannot be opened or the current window refuses to close."""
        old = self.window
        if old is None:
            return False
        if target is None:
            if not old.db.on_server:
                return False
            opened = self.open_local_library()
            if opened is None:
                return False
            target = opened.db
            for notice in opened.notices:
                plain_text.inform(old, APP_DISPLAY_NAME, notice, selectable=True)
        app = QApplication.instance()
        quits = app.quitOnLastWindowClosed() if isinstance(app, QApplication) else False
        if isinstance(app, QApplication):
            app.setQuitOnLastWindowClosed(False)  # between the two windows
        try:
            return self._replace(old, target)
        finally:
            if isinstance(app, QApplication):
                app.setQuitOnLastWindowClosed(quits)

    def _replace(self, old: MainWindow, target: Database) -> bool:
        geometry = old.saveGeometry()
        old.close()
        if old.isVisible():  # it refused to close (a last backup under way)
            target.close()
            return False
        previous = old.db
        previous_url = previous.url if previous.on_server else None  # type: ignore[attr-defined]
        previous.close()
        self.window = None  # the old one is closed, whatever comes next
        if target.on_server and self.instance.held:
            self.instance.release()  # the local library is free for another copy
        try:
            window = self.build(target)
        except Exception as e:  # noqa: BLE001  (a bug too: the user is never left without a window)
            if not isinstance(e, DatabaseError):
                log.exception("the window could not be built on %s", target.location)
            plain_text.warn(None, APP_DISPLAY_NAME, open_words(e), selectable=True)
            window = self._rebuild(previous_url)
            if window is None:  # nothing can be shown: the app ends, as closing it would
                QApplication.quit()
                old.deleteLater()
                return False
        window.restoreGeometry(geometry)
        self.adopt(window)
        window.show()
        old.deleteLater()
        self.switches += 1
        log.info("the window now shows %s", label_of(window.db.location) if window.db.on_server else "the local library")
        return True

    def _rebuild(self, previous_url: object) -> MainWindow | None:
        """After a failed switch: the library shown before, opened again (or None)."""
        try:
            if previous_url is not None:
                return self.build(open_shared(previous_url.render_as_string(hide_password=False)))  # type: ignore[attr-defined]
            opened = self.open_local_library()
            return self.build(opened.db) if opened is not None else None
        except (DatabaseError, ServerAccessError) as e:
            plain_text.critical(None, APP_DISPLAY_NAME, open_words(e), selectable=True)
            return None

    def close(self) -> None:
        """The app ends: close the window (once) and its library."""
        window, self.window = self.window, None
        if window is not None:
            window.close()
            window.db.close()
