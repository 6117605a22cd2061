"""Open the main window as the app does, on whatever screens the Qt platform offers, and
print what a user would see as JSON: run in a child process by tests/ui/test_window_layout.py
with `QT_QPA_PLATFORM=offscreen:configfile=...` (the offscreen platform's screens are
set when the application starts, so each screen size needs its own process).

    python tests/ui/screen_probe.py DATA_DIR SETTINGS_INI [--highlights N] [--move-to X,Y]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, QSettings, QtMsgType, qInstallMessageHandler
from PySide6.QtTest import QTest

warnings: list[str] = []
IGNORED = ("This plugin does not support",)  # the offscreen platform's, as in pyproject


def _record(kind: QtMsgType, _context: object, message: str) -> None:
    if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg) \
            and not message.startswith(IGNORED):
        warnings.append(message)


def settle() -> None:
    """Let the deferred fits (zero timers, posted resizes) run."""
    for _ in range(30):
        QCoreApplication.processEvents()


def inside(rect: QRect, area: QRect) -> bool:
    return area.contains(rect)


def report(window) -> dict[str, object]:  # noqa: ANN001 (MainWindow)
    panel, cards = window.panel, window.panel.list
    viewport = cards.viewport().rect()
    fully_shown = sum(1 for row in range(panel.model.rowCount())
                      if viewport.contains(cards.visualRect(panel.model.index(row, 0))))
    available = window.screen().availableGeometry()
    return {
        "screen": list(available.getRect()),
        "frame": list(window.frameGeometry().getRect()),
        "fits": inside(window.frameGeometry(), available),
        "library": window.library.width() if window.library.isVisible() else 0,
        "reader": window.reader.width(),
        "panel": panel.width() if panel.isVisible() else 0,
        "cards_height": viewport.height(),
        "cards_shown": fully_shown,
        "status_bar_on_screen": inside(QRect(window.statusBar().mapToGlobal(window.statusBar().rect().topLeft()),
                                             window.statusBar().size()), available),
        "show_library": window.library.isVisible(),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("settings")
    parser.add_argument("--highlights", type=int, default=0)
    parser.add_argument("--move-to", default="")
    args = parser.parse_args()
    qInstallMessageHandler(_record)

    from desktop_app.core.annotate.records import NewHighlight
    from desktop_app.core.library.articles import list_articles
    from desktop_app.core.library.opening import import_seeds_once
    from desktop_app.core.operations.editor import Operations
    from desktop_app.core.storage.database import Database
    from desktop_app.ui.app import make_application
    from desktop_app.ui.window.main_window import MainWindow

    settings = QSettings(args.settings, QSettings.Format.IniFormat)
    make_application([sys.argv[0]], settings)
    db = Database.open(Path(args.data) / "chugiai.sqlite3")
    import_seeds_once(db)
    if args.highlights:
        first = list_articles(db)[0]
        Operations(db).create_highlights(
            [NewHighlight(first.id, 40 * i, 40 * i + 30, [f"Tag {i % 3}"]) for i in range(args.highlights)])
    window = MainWindow(db, settings, start_worker=False)
    window.show()
    QTest.qWaitForWindowExposed(window)
    settle()
    result: dict[str, object] = {"opened": report(window)}
    if args.move_to:
        x, y = (int(v) for v in args.move_to.split(","))
        window.move(x, y)
        settle()
        result["moved"] = report(window)
    window.close()  # saves the settings, as quitting does
    db.close()
    result["warnings"] = warnings
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
