"""UI fixtures: a main window on a real data folder with the sample articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop_app.core.storage.database import Database
from desktop_app.ui.app import import_seeds_once, make_application


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def open_window(qtbot, data_dir: Path):
    """Factory: open (or reopen) a window on data_dir, as a user starting the app would."""
    make_application()
    opened = []

    def _open(start_worker: bool = False):
        db = Database.open(data_dir / "chugiai.sqlite3")
        import_seeds_once(db)
        return show_window(qtbot, db, data_dir / "settings.ini", opened, start_worker)

    yield _open
    close_windows(opened)


def show_window(qtbot, db, settings_file: Path, opened: list, start_worker: bool = False):
    """A MainWindow on `db`, shown at the tests' size; (window, db) added to `opened`."""
    from desktop_app.ui.window.main_window import MainWindow

    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    window = MainWindow(db, settings, start_worker=start_worker)
    qtbot.addWidget(window)
    window.resize(1300, 850)
    window.show()
    qtbot.waitExposed(window)
    opened.append((window, db))
    return window


def close_windows(opened: list) -> None:
    """Close the windows `show_window` opened (those still open) and their libraries."""
    for window, db in opened:
        if window.isVisible():
            window.close()
        db.close()


@pytest.fixture
def reader(qtbot):
    """A bare reader on screen, 800x600, with no article yet."""
    from desktop_app.ui.reader.view import ReaderView

    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture(autouse=True)
def english_plurals(qapp):
    """The English interface as the app installs it: with its plural forms ("1 passage",
    "2 passages"), so tests read what a user reads."""
    from desktop_app.ui import i18n

    i18n.install_translator(qapp, "en")
    yield


@pytest.fixture(autouse=True)
def no_background_op_outlives_its_test(qtbot):
    """A test's jobs end with it: cancelled, joined, and their outcome delivered here (a
    late delivery would reach the next test's event loop, and widgets already gone)."""
    yield
    from desktop_app.ui import background

    background.shutdown(30_000)
    qtbot.waitUntil(lambda: not background.running(), timeout=30_000)
