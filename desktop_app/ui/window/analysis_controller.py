"""The Analysis menu and what it opens: coded passages, attributes, matrices and
co-occurrence, the report; and the library's commands on selected articles (set an
attribute, code whole articles). The windows live in ui/analysis/; this only makes them,
places their actions and hands them the window's operations, bus and reader.

Kept apart from main_window.py and menus.py so that both stay as they were but for a line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from desktop_app.ui.analysis.passages_window import PassagesWindow

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow


class AnalysisController(QObject):
    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        self.passages: PassagesWindow | None = None
        self.act_passages = self._action(self.tr("Coded passages…"), self.show_passages, "Ctrl+Shift+R")
        self.act_passages.setToolTip(self.tr("Every passage coded with chosen tags, across the library"))

    def _action(self, text: str, slot, keys: str | None = None) -> QAction:
        action = QAction(text, self.w)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        self.w.addAction(action)  # the shortcut works wherever the focus is in the window
        return action

    def build_menus(self, bar: QMenuBar, menu_file: QMenu) -> None:
        """The Analysis menu (placed where this is called) and File → Report…."""
        menu = bar.addMenu(self.tr("&Analysis"))
        menu.addAction(self.act_passages)

    # --- windows -------------------------------------------------------------------------
    def passages_window(self) -> PassagesWindow:
        if self.passages is None:
            w = self.w
            self.passages = PassagesWindow(w.ops, w.bus, self.open_at, w)
        return self.passages

    def show_passages(self) -> PassagesWindow:
        window = self.passages_window()
        _bring_up(window)
        return window

    def open_at(self, article_id: int, offset: int, length: int) -> None:
        """A passage opened from an analysis window: the main window comes up at it."""
        self.w.open_at(article_id, offset, length)
        _bring_up(self.w)

    def close(self) -> None:
        for window in (self.passages,):
            if window is not None:
                window.close()


def _bring_up(window: QWidget) -> None:
    window.show()
    window.raise_()
    window.activateWindow()
