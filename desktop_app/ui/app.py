"""Starting the window: QApplication, theme, the database, first-run sample articles.

Opening the library is where faults are met before the user has done anything: another
copy already holds it (single_instance), it is read-only (open it read-only and say so), or
damaged (keep it aside under a new name, start a new library, say where the old one is).
What to do in each case, and whether to import the sample articles, is core's
(core/library/opening.py); this module shows what it decided.
"""

from __future__ import annotations

import gc
import logging
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app import APP_DISPLAY_NAME, APP_NAME, __version__, paths
from desktop_app.core.library.opening import (  # noqa: F401  (the window's names for them)
    SEEDS_STATE_KEY,
    OpenedLibrary,
    import_seeds_once,
    open_database,
    open_library,
)
from desktop_app.core.storage.database import DAMAGED, DatabaseError, move_aside
from desktop_app.ui import i18n, wording
from desktop_app.ui.common import plain_text
from desktop_app.ui.errors import install_excepthook, setup_logging
from desktop_app.ui.main_thread_gc import MainThreadCollector
from desktop_app.ui.theme import appearance, style
from desktop_app.ui.window.single_instance import SingleInstance

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow
    from desktop_app.ui.window_host import WindowHost

log = logging.getLogger(__name__)


def make_application(argv: list[str] | None = None, settings: QSettings | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    if app.findChild(MainThreadCollector) is None:  # cycles freed on this thread only
        MainThreadCollector(app)
    app.setApplicationVersion(__version__)
    # Before any widget exists: texts are translated when widgets are built, so a
    # language chosen in the settings takes effect at the next start.
    settings = settings if settings is not None else QSettings()
    choice = i18n.requested_language(settings)
    i18n.install_translator(app, choice)
    icon = paths.resources_dir() / "icons" / "chugiai.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    app.setFont(style.ui_font())
    # The theme too goes on before any widget exists: no light flash before a dark window.
    # The window's Appearance then keeps it up to date (settings dialog, system switches).
    appearance.apply_theme(app, appearance.resolve_theme(appearance.stored_theme(settings)))
    return app


def another_copy_message(directory: Path, holder: str = "") -> str:
    who = f" ({holder})" if holder else ""
    return (
        f"Another copy of Chú Giải{who} is using the library in {directory}, but it does not "
        "answer. Close that copy (or end it in the task manager if it is stuck), then start "
        "Chú Giải again. Nothing was changed."
    )


def hand_over(instance: SingleInstance, directory: Path, files: list[str]) -> int:
    """This is a second copy: pass the files to the first and exit (0), or say why not (1)."""
    if instance.send(files):
        what = "the files were passed to it" if files else "its window was brought forward"
        print(f"chugiai: Chú Giải is already open on {directory}; {what}.", file=sys.stderr)
        return 0
    message = another_copy_message(directory, instance.holder())
    print(f"chugiai: {message}", file=sys.stderr)
    plain_text.warn(None, APP_DISPLAY_NAME, message, selectable=True)
    return 1


def show_notices(opened: OpenedLibrary, parent: QWidget | None = None) -> None:
    """Tell the user, before the window opens, what opening the library had to do."""
    for notice in opened.notices:
        # Plain text (the notice names files), selectable: the user may need the path.
        if opened.moved_aside is not None:
            plain_text.warn(parent, APP_DISPLAY_NAME, notice, selectable=True)
        else:
            plain_text.inform(parent, APP_DISPLAY_NAME, notice, selectable=True)


def settle_memory() -> None:
    """Collect once, then exempt what start-up built (modules, Qt wrappers, the open
    article) from Python's cycle collector. Each full collection walked all ~100,000 of
    those objects: a 56-96 ms pause at random moments, such as right after a new
    highlight. Objects freed later are still freed by reference counting."""
    gc.collect()
    gc.freeze()


def bring_forward(window: QWidget) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def _receive_files(window: MainWindow, files: list[str]) -> None:
    """Files a second copy was started with (or another program of this user named): raise
    the window and import those that exist, through the import the user sees, with its
    summary; a folder (possibly thousands of files) only once the user agrees."""
    bring_forward(window)
    if not files or window.db.read_only:
        return
    found = [Path(f) for f in files if Path(f).is_file() or Path(f).is_dir()]
    missing = len(files) - len(found)
    if missing:
        log.warning("%d file(s) handed over by another copy do not exist", missing)
    folders = [p for p in found if p.is_dir()]
    if folders and not plain_text.ask(
            window, QCoreApplication.translate("StartUp", "Import a folder"),
            QCoreApplication.translate("StartUp", "Chú Giải was asked to import every article in:")
            + "\n" + "\n".join(str(f) for f in folders) + "\n\n"
            + QCoreApplication.translate("StartUp", "Import them?"), selectable=True):
        found = [p for p in found if not p.is_dir()]
    if found:
        window.import_paths(found, summary=True)


# (library path, the problem in words) -> (what to do, what to tell the user afterwards);
# ui/dialogs/damaged_library.py asks the user.
Recover = Callable[[Path, str], tuple[str, str]]


class StartCancelled(Exception):
    """The user chose to quit rather than open a library that cannot be opened."""


def prepare_window(directory: Path, *, check: bool = False, start_worker: bool = True,
                   settings: QSettings | None = None,
                   recover: Recover | None = None) -> tuple[OpenedLibrary, MainWindow]:
    """Open the library and build the window (not shown yet): returns (OpenedLibrary, window).

    A damaged library (found when opening, or in the window's first reads: a sound header
    with broken pages) is, without `recover`, kept aside and replaced by a new one. With
    `recover` the user chooses first: check and repair it, restore a backup (then it is
    opened again, checked), start a new library (the damaged one kept aside), or quit
    (StartCancelled).
    """
    from desktop_app.ui.dialogs.damaged_library import NEW_LIBRARY, QUIT
    from desktop_app.ui.window.main_window import MainWindow

    settings = settings or QSettings()
    path = paths.database_path(directory)
    failed: DatabaseError | None = None
    notice = ""
    for _attempt in range(100):  # each round is one answer of the user's
        if failed is not None:
            if recover is None:
                check = True  # opening checks, finds it damaged, moves it aside
            else:
                choice, notice = recover(path, wording.error_text(failed))
                if choice == QUIT:
                    raise StartCancelled()
                if choice == NEW_LIBRARY:
                    notice = _start_new_library(path)
                check = True
        try:
            opened = open_library(directory, check=check, replace_damaged=recover is None)
        except DatabaseError as e:
            if e.kind != DAMAGED or recover is None:
                raise
            failed = e
            continue
        if notice:
            opened.notices.append(notice)
        try:
            import_seeds_once(opened.db)
            return opened, MainWindow(opened.db, settings, start_worker=start_worker)
        except DatabaseError as e:
            opened.db.close()
            if e.kind != DAMAGED or (failed is not None and recover is None):
                raise
            failed = e
    raise StartCancelled()


def _start_new_library(path: Path) -> str:
    """Keep the damaged library aside (never deleted): a new one starts at its name."""
    moved = move_aside(path)
    return QCoreApplication.translate(
        "StartUp", "The damaged library was kept, renamed to {name} in the same folder ({folder}), "
        "and a new, empty library was started. Nothing was deleted.").format(name=moved.name, folder=moved.parent)


def prepare_shared_window(host: WindowHost, url: str) -> tuple[OpenedLibrary, MainWindow]:
    """Open the shared library at `url` (asking what to do while it cannot be: try again,
    the local library, quit) and build the window on it."""
    opened = host.open_shared_at_start(url)
    if opened is None:
        raise StartCancelled()
    return opened, host.build(opened.db)


def run_gui(data_dir: str | None = None, self_test: bool = False,
            files: list[str] | None = None, library: str | None = None) -> int:
    """The window. `files`: paths given on the command line, imported once it is open (or
    handed to the copy that already has this library open). `library`: a shared library's
    postgresql:// URL, opened instead of the library file in the data folder."""
    if self_test:
        return run_self_test()
    app = make_application()
    install_excepthook(setup_logging())
    directory = paths.data_dir(data_dir)
    instance = SingleInstance(directory)
    if library is None and not instance.acquire():  # a shared library takes no lock
        return hand_over(instance, directory, list(files or []))
    from desktop_app.ui.dialogs.damaged_library import recover
    from desktop_app.ui.window.termination import Termination
    from desktop_app.ui.window_host import WindowHost

    host = WindowHost(directory, instance)
    termination = Termination()  # SIGTERM: quit as closing the window does
    termination.requested.connect(lambda: (app.closeAllWindows(), app.quit()))
    try:
        try:
            if library is None:
                opened, window = prepare_window(directory, check=instance.recovered_stale_lock, recover=recover)
            else:
                opened, window = prepare_shared_window(host, library)
        except StartCancelled:
            return 1
        except DatabaseError as e:
            plain_text.critical(None, APP_DISPLAY_NAME, wording.error_text(e), selectable=True)
            return 1
        host.adopt(window)
        code = 0
        if not termination.pending:  # not terminated while the library was being opened
            show_notices(opened)
            # Files from a later copy go to the window on the local library (the lock is
            # held only then): never into a shared library behind the user's back.
            instance.files_received.connect(
                lambda received: _receive_files(host.window, received) if host.window is not None else None)
            window.show()
            if files:
                QTimer.singleShot(0, lambda: _receive_files(window, list(files)))
            QTimer.singleShot(500, settle_memory)  # once the window has painted
            code = app.exec()
        host.close()  # once: a closed window ignores it (the last backup, the worker)
        return code
    finally:
        termination.uninstall()
        instance.release()


def run_self_test() -> int:
    """Open the window on a throwaway library, segment a sentence in the worker process,
    and exit 0; anything else exits 1. CI runs this on the packaged bundle."""
    from desktop_app.core.nlp.segmentation import align_tokens  # noqa: F401 (the bundle must carry it)
    try:  # a shared library needs the PostgreSQL driver and its libpq: the bundle must carry them
        import psycopg
        from sqlalchemy.dialects.postgresql import psycopg as _dialect  # noqa: F401

        driver = f"psycopg {psycopg.__version__} ({psycopg.pq.__impl__}, libpq {psycopg.pq.version()})"
    except ImportError as e:
        print(f"self-test: no PostgreSQL driver: {e}", file=sys.stderr)
        return 1
    from desktop_app.core.nlp.worker_process import TAGS, SegmenterProcess
    from desktop_app.ui.window.main_window import MainWindow

    app = make_application([sys.argv[0], "-platform", "offscreen"])
    with tempfile.TemporaryDirectory(prefix="chugiai-selftest-") as tmp:
        db = open_database(Path(tmp))
        imported = import_seeds_once(db)
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(db, settings, start_worker=False)
        window.show()
        QTimer.singleShot(0, app.quit)
        app.exec()
        sentence = "Ban Tổ chức Trung ương tổ chức Hội nghị tại Hà Nội."
        process = SegmenterProcess()
        try:
            process.start()
            process.submit(1, sentence)
            result = process.get_result(timeout=120)
            process.submit(2, sentence, 0, TAGS)  # parts of speech and names: their models ship too
            tagged = process.get_result(timeout=120)
        finally:
            process.stop()
        window.close()
        db.close()
    if result is None or result.error:
        print(f"self-test: segmentation failed: {result.error if result else 'no result'}",
              file=sys.stderr)
        return 1
    if tagged is None or tagged.error:
        print(f"self-test: tagging failed: {tagged.error if tagged else 'no result'}", file=sys.stderr)
        return 1
    words = [sentence[s:e] for s, e in result.spans]
    places = [sentence[s:e] for s, e, label in tagged.entities or () if label == "LOC"]
    print(f"self-test ok: {imported} sample articles, words: {' | '.join(words)}; places: {places}; {driver}")
    return 0 if "Tổ chức" in words and "Hà Nội" in places else 1
