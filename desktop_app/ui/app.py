"""Starting the window: QApplication, theme, the database, first-run sample articles."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import APP_DISPLAY_NAME, APP_NAME, __version__, paths
from desktop_app.core.db import Database, DatabaseError
from desktop_app.core.ingest import import_paths
from desktop_app.core.library import get_state, set_state
from desktop_app.ui import style
from desktop_app.ui.errors import install_excepthook, setup_logging

log = logging.getLogger(__name__)
SEEDS_STATE_KEY = "seeds_imported"


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    icon = paths.resources_dir() / "icons" / "chugiai.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    app.setFont(style.ui_font())
    app.setStyleSheet(style.stylesheet())
    return app


def import_seeds_once(db: Database, seeds: Path | None = None) -> int:
    """On the first start of a library, import the shipped sample articles (only once:
    a user who deletes them does not get them back)."""
    if get_state(db, SEEDS_STATE_KEY) is not None:
        return 0
    seeds = seeds or paths.seeds_dir()
    files = sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    report = import_paths(db, files) if files else None
    set_state(db, SEEDS_STATE_KEY, "1")
    return len(report.imported) if report else 0


def open_database(directory: Path) -> Database:
    """Open the library; if the file or its folder cannot be written, open it read-only
    (the user can still read and export) rather than not at all."""
    path = paths.database_path(directory)
    writable = os.access(directory, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))
    if path.exists() and not writable:
        return Database.open(path, read_only=True)
    return Database.open(path)


def run_gui(data_dir: str | None = None, self_test: bool = False) -> int:
    if self_test:
        return run_self_test()
    app = make_application()
    install_excepthook(setup_logging())
    directory = paths.data_dir(data_dir)
    try:
        db = open_database(directory)
    except DatabaseError as e:
        QMessageBox.critical(None, APP_DISPLAY_NAME, str(e))
        return 1
    import_seeds_once(db)
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(db, QSettings())
    window.show()
    code = app.exec()
    db.close()
    return code


def run_self_test() -> int:
    """Open the window on a throwaway library, segment a sentence in the worker process,
    and exit 0; anything else exits 1. CI runs this on the packaged bundle."""
    from desktop_app.core.nlp import align_tokens  # noqa: F401 (the bundle must carry it)
    from desktop_app.core.segmenter import SegmenterProcess
    from desktop_app.ui.main_window import MainWindow

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
        finally:
            process.stop()
        window.close()
        db.close()
    if result is None or result.error:
        print(f"self-test: segmentation failed: {result.error if result else 'no result'}",
              file=sys.stderr)
        return 1
    words = [sentence[s:e] for s, e in result.spans]
    print(f"self-test ok: {imported} sample articles, words: {' | '.join(words)}")
    return 0 if "Tổ chức" in words else 1
