"""Starting the window: QApplication, theme, the database, first-run sample articles.

Opening the library is where faults are met before the user has done anything: another
copy already holds it (single_instance), it is read-only (open it read-only and say so), or
damaged (keep it aside under a new name, start a new library, say where the old one is).
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app import APP_DISPLAY_NAME, APP_NAME, __version__, paths
from desktop_app.core.storage.database import (
    BUSY,
    CANT_OPEN,
    DAMAGED,
    READ_ONLY,
    Database,
    DatabaseError,
    check_integrity,
    move_aside,
    needs_check_marker,
)
from desktop_app.core.library.ingest import import_paths
from desktop_app.core.library.articles import get_state, set_state
from desktop_app.ui import i18n
from desktop_app.ui.theme import appearance
from desktop_app.ui.theme import style
from desktop_app.ui.errors import install_excepthook, setup_logging
from desktop_app.ui.window.single_instance import SingleInstance

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow

log = logging.getLogger(__name__)
SEEDS_STATE_KEY = "seeds_imported"


def make_application(argv: list[str] | None = None, settings: QSettings | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
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


def import_seeds_once(db: Database, seeds: Path | None = None) -> int:
    """On the first start of a library, import the shipped sample articles (only once:
    a user who deletes them does not get them back)."""
    if db.read_only or get_state(db, SEEDS_STATE_KEY) is not None:
        return 0
    seeds = seeds or paths.seeds_dir()
    files = sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    report = import_paths(db, files) if files else None
    set_state(db, SEEDS_STATE_KEY, "1")
    return len(report.imported) if report else 0


@dataclass
class OpenedLibrary:
    """The open library and what the user must be told before the window shows."""

    db: Database
    notices: list[str] = field(default_factory=list)
    moved_aside: Path | None = None  # where a damaged library was kept


def _writable(directory: Path, path: Path) -> bool:
    return os.access(directory, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def _open_read_only(path: Path) -> OpenedLibrary:
    db = Database.open(path, read_only=True)
    return OpenedLibrary(db, [db.read_only_message])


def _replace_damaged(path: Path, reason: DatabaseError) -> OpenedLibrary:
    """Keep the damaged file under a new name (never delete it) and start a new library."""
    moved = move_aside(path)
    log.warning("moved a damaged library aside: %s -> %s (%s)", path, moved, reason)
    db = Database.open(path)
    why = str(reason).replace(" It was left untouched.", "")
    notice = (
        f"Chú Giải could not use its library. {why}\n\n"
        f"The file was kept, renamed to {moved.name} in the same folder ({moved.parent}), "
        "and a new, empty library was started. Nothing was deleted. If you made a backup, "
        "you can restore it from the File menu."
    )
    return OpenedLibrary(db, [notice], moved)


def open_library(directory: Path, *, check: bool = False) -> OpenedLibrary:
    """Open the library in `directory` as the window needs it, whatever state it is in.

    Read-only file or folder: opened read-only (the user can still read and export).
    Damaged or not ours: moved aside and replaced by a new library. A full integrity check
    runs only when something went wrong: `check` (the last run crashed), damage seen during
    the last run, or an error while opening. Other problems raise DatabaseError.
    """
    path = paths.database_path(directory)
    check = check or needs_check_marker(path).exists()
    if path.exists() and not _writable(directory, path):
        return _open_read_only(path)
    try:
        return OpenedLibrary(Database.open(path, check=check))
    except DatabaseError as e:
        if e.kind == DAMAGED:
            return _replace_damaged(path, e)
        if e.kind in (READ_ONLY, CANT_OPEN) and path.exists():
            return _open_read_only(path)  # e.g. a read-only disk that os.access did not spot
        if path.exists() and e.kind != BUSY and check_integrity(path):
            return _replace_damaged(path, e)  # an odd error from a file that is damaged
        raise


def open_database(directory: Path) -> Database:
    """Open the library; a read-only one opens read-only, a damaged one is replaced (see
    open_library, which also returns what to tell the user)."""
    return open_library(directory).db


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
    QMessageBox.warning(None, APP_DISPLAY_NAME, message)
    return 1


def show_notices(opened: OpenedLibrary, parent: QWidget | None = None) -> None:
    """Tell the user, before the window opens, what opening the library had to do."""
    for notice in opened.notices:
        if opened.moved_aside is not None:
            QMessageBox.warning(parent, APP_DISPLAY_NAME, notice)
        else:
            QMessageBox.information(parent, APP_DISPLAY_NAME, notice)


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
    """Files a second copy was started with: raise the window and import them."""
    bring_forward(window)
    if files and not window.db.read_only:
        window.import_paths([Path(f) for f in files])


def prepare_window(directory: Path, *, check: bool = False, start_worker: bool = True,
                   settings: QSettings | None = None) -> tuple[OpenedLibrary, MainWindow]:
    """Open the library and build the window (not shown yet): returns (OpenedLibrary, window).

    Damage that opening cannot see (a sound header, broken pages) shows in the window's
    first reads; then the library is checked, kept aside and replaced, and the window is
    built on the new one.
    """
    from desktop_app.ui.window.main_window import MainWindow

    opened = open_library(directory, check=check)
    try:
        import_seeds_once(opened.db)
        return opened, MainWindow(opened.db, settings or QSettings(), start_worker=start_worker)
    except DatabaseError as e:
        opened.db.close()
        if e.kind != DAMAGED:
            raise
    opened = open_library(directory, check=True)
    import_seeds_once(opened.db)
    return opened, MainWindow(opened.db, settings or QSettings(), start_worker=start_worker)


def run_gui(data_dir: str | None = None, self_test: bool = False,
            files: list[str] | None = None) -> int:
    """The window. `files`: paths given on the command line, imported once it is open (or
    handed to the copy that already has this library open)."""
    if self_test:
        return run_self_test()
    app = make_application()
    install_excepthook(setup_logging())
    directory = paths.data_dir(data_dir)
    instance = SingleInstance(directory)
    if not instance.acquire():
        return hand_over(instance, directory, list(files or []))
    try:
        opened, window = prepare_window(directory, check=instance.recovered_stale_lock)
    except DatabaseError as e:
        QMessageBox.critical(None, APP_DISPLAY_NAME, str(e))
        instance.release()
        return 1
    show_notices(opened)
    instance.files_received.connect(lambda received: _receive_files(window, received))
    window.show()
    if files:
        QTimer.singleShot(0, lambda: _receive_files(window, list(files)))
    QTimer.singleShot(500, settle_memory)  # once the window has painted
    code = app.exec()
    window.db.close()
    instance.release()
    return code


def run_self_test() -> int:
    """Open the window on a throwaway library, segment a sentence in the worker process,
    and exit 0; anything else exits 1. CI runs this on the packaged bundle."""
    from desktop_app.core.nlp.segmentation import align_tokens  # noqa: F401 (the bundle must carry it)
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
    print(f"self-test ok: {imported} sample articles, words: {' | '.join(words)}; places: {places}")
    return 0 if "Tổ chức" in words and "Hà Nội" in places else 1
