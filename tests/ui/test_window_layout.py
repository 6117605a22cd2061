"""The window on small and large screens (issue 14, "First hour with the app").

Screens of a given size need their own process (the offscreen platform reads its
screens when the application starts): those tests run tests/ui/screen_probe.py in a
child process and read what it reports. The rest runs here, on the test process's
800x800 offscreen screen.

Figures promised (1024x700 screen, eight highlights): the window fits the available
area with its status bar; the library starts hidden; the reader is at least 600 px
wide, the panel at least 300; the cards get at least 240 px, three whole one-line cards
(180 px and two cards when the pane sizes were saved on a bigger screen: the memo keeps
the height it had).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence

from desktop_app.core.annotate.highlights import TagInfo
from desktop_app.core.library.opening import import_seeds_once
from desktop_app.core.storage.database import Database
from desktop_app.ui.window.pane_layout import READER_COMFORT_WIDTH, READER_MIN_WIDTH, fit_rect

REPO = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("screen_probe.py")
SMALL = {"name": "small", "width": 1024, "height": 700}
BIG = {"name": "big", "width": 1920, "height": 1080}


def screens(tmp_path: Path, *specs: dict, name: str = "screens") -> Path:
    """An offscreen platform configuration: the screens side by side, left to right."""
    x, out = 0, []
    for spec in specs:
        out.append({**spec, "x": x, "y": 0, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1})
        x += spec["width"]
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps({"screens": out}), encoding="utf-8")
    return path


def probe(tmp_path: Path, config: Path, *args: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               HOME=str(tmp_path / "home"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_CACHE_HOME=str(tmp_path / "cache"))
    result = subprocess.run([sys.executable, str(PROBE), str(tmp_path / "data"), str(tmp_path / "settings.ini"),
                             *args], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["warnings"] == []
    return report


def usable_on_small_screen(seen: dict, cards_height: int = 180, cards: int = 2) -> None:
    assert seen["fits"] and seen["status_bar_on_screen"], seen
    assert seen["screen"][2:] == [1024, 700]
    assert seen["reader"] >= 600 and seen["panel"] >= 300, seen
    assert seen["cards_height"] >= cards_height and seen["cards_shown"] >= cards, seen


def test_first_window_on_a_1024x700_screen_fits_and_leaves_room_to_work(tmp_path) -> None:
    seen = probe(tmp_path, screens(tmp_path, SMALL), "--highlights", "8")["opened"]
    usable_on_small_screen(seen, cards_height=240, cards=3)  # the memo starts shut
    assert seen["library"] == 0 and not seen["show_library"], "below 1100 px the library starts hidden"


def test_a_big_window_saved_on_a_big_screen_is_clamped_on_a_small_one(tmp_path) -> None:
    big = probe(tmp_path, screens(tmp_path, BIG, name="big"), "--highlights", "8")["opened"]
    assert big["frame"][2] >= 1400 and big["library"] >= 200, "1400x880 on a big screen, library shown"
    usable_on_small_screen(probe(tmp_path, screens(tmp_path, SMALL, name="small"))["opened"])


def test_a_window_moved_to_a_smaller_screen_stays_usable(tmp_path) -> None:
    seen = probe(tmp_path, screens(tmp_path, BIG, SMALL), "--highlights", "8", "--move-to", "2000,40")
    assert seen["opened"]["screen"][2:] == [1920, 1080] and seen["opened"]["library"] > 0
    usable_on_small_screen(seen["moved"])
    assert seen["moved"]["reader"] >= READER_COMFORT_WIDTH


# --- in this process -----------------------------------------------------------------------
@pytest.fixture
def build_window(qtbot, data_dir: Path, open_window):
    """Open a window as the app does: no size imposed after it is built (open_window
    makes every window 1300x850, bigger than this process's screen)."""
    from desktop_app.ui.window.main_window import MainWindow

    open_window  # noqa: B018 (the application, translations and teardown order)
    opened = []

    def _build():
        db = Database.open(data_dir / "chugiai.sqlite3")
        import_seeds_once(db)
        window = MainWindow(db, QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat),
                            start_worker=False)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        opened.append((window, db))
        return window

    yield _build
    for window, db in opened:
        if window.isVisible():
            window.close()
        db.close()


def settled(qtbot, window) -> None:
    """The deferred fit has run: the frame is inside the screen's available area."""
    qtbot.waitUntil(lambda: window.screen().availableGeometry().contains(window.frameGeometry()))


def test_an_oversized_saved_geometry_is_clamped_to_the_screen(qtbot, open_window, build_window) -> None:
    window = open_window()
    window.resize(1400, 880)  # bigger than this process's 800x800 screen
    window.close()
    again = build_window()
    print("DBG", again.geometry(), again.frameGeometry(), again.screen().availableGeometry(), again.minimumSizeHint(), again.library.isVisible())
    settled(qtbot, again)
    assert again.reader.width() >= READER_MIN_WIDTH


def test_the_first_window_fits_a_small_screen(qtbot, build_window) -> None:
    window = build_window()
    settled(qtbot, window)
    assert not window.library.isVisible() and window.panel.isVisible()
    assert window.reader.width() >= READER_MIN_WIDTH


def test_fit_rect_moves_before_it_shrinks() -> None:
    from PySide6.QtCore import QRect

    screen = QRect(0, 0, 1024, 700)
    assert fit_rect(QRect(600, 400, 800, 500), screen) == QRect(224, 200, 800, 500)
    assert fit_rect(QRect(-50, 30, 1400, 880), screen) == QRect(0, 0, 1024, 700)
    assert fit_rect(QRect(1924, 10, 800, 500), QRect(1920, 0, 1024, 700)) == QRect(1924, 10, 800, 500)


def test_library_and_panel_hide_and_come_back_and_are_remembered(qtbot, open_window) -> None:
    window = open_window()
    panes = window.panes
    wide = window.reader.width()
    panes.act_show_library.trigger()
    assert not window.library.isVisible() and not panes.act_show_library.isChecked()
    panes.act_show_panel.trigger()
    assert not window.panel.isVisible()
    qtbot.waitUntil(lambda: window.reader.width() > wide + 500)  # the reader takes the room
    panes.act_show_panel.trigger()
    assert window.panel.isVisible()
    qtbot.waitUntil(lambda: window.panel.width() >= 300)
    window.close()
    again = open_window()
    assert not again.library.isVisible() and again.panel.isVisible()
    # Searching all articles brings the library back, with its search field.
    again.commands.act_search.trigger()
    assert again.library.isVisible() and again.panes.act_show_library.isChecked()
    qtbot.waitUntil(lambda: again.library.width() >= 200)


def test_writing_a_memo_brings_the_panel_back(open_window) -> None:
    window = open_window()
    window.panes.act_show_panel.trigger()
    window.commands.act_memo.trigger()
    assert window.panel.isVisible() and window.panel.memo.isVisible()


def test_no_two_window_commands_share_a_key(open_window) -> None:
    window = open_window()
    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for keys in action.shortcuts():
            text = keys.toString(QKeySequence.SequenceFormat.PortableText)
            assert text not in seen, f"{text}: {seen.get(text)!r} and {action.text()!r}"
            seen[text] = action.text()
    assert {"F9", "Shift+F9"} <= set(seen)


def test_the_tag_palette_is_as_tall_as_its_chips_and_the_cards_get_the_rest(qtbot, open_window) -> None:
    window = open_window()
    panel, palette = window.panel, window.panel.palette
    box = panel.splitter.widget(0)
    few = [TagInfo(id=i, name=name, color="#ffd166", description="", count=1)
           for i, name in enumerate(["Cán bộ", "Đổi mới", "Nhân sự"])]
    panel.set_tags(few)
    qtbot.waitUntil(lambda: panel.splitter.sizes()[0] == box.maximumHeight())
    one_row = palette.row_height() + 2 * palette.frameWidth()
    assert palette.height() == one_row  # three short tags: one row, no empty box under it
    qtbot.waitUntil(lambda: palette.verticalScrollBar().maximum() == 0)
    cards = panel.splitter.sizes()[1]

    many = [TagInfo(id=i, name=f"Chủ đề số {i}", color="#a0c4ff", description="", count=i) for i in range(40)]
    panel.set_tags(many)
    qtbot.waitUntil(lambda: palette.height() > one_row)
    assert palette.height() <= 4 * palette.row_height() + 2 * palette.frameWidth()  # then it scrolls
    qtbot.waitUntil(lambda: palette.verticalScrollBar().maximum() > 0)
    assert panel.splitter.sizes()[1] >= cards - 3 * palette.row_height()
    panel.set_tags(few)
    qtbot.waitUntil(lambda: palette.height() == one_row)
    assert panel.splitter.sizes()[1] == cards  # the room comes back to the cards
