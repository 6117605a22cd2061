"""How the window sits on its screen and shares its width: library | reader | panel.

- The first window takes 1400x880 where that fits, else the screen's available area
  (less room for the frame), centred. A restored geometry is clamped to the screen it
  lands on, and so is a window moved to a smaller screen: title bar, status bar and
  scroll bars stay on screen.
- The side panes have minimum widths and can be hidden (View → Show library, Show
  annotation panel; F9 and Shift+F9; toolbar buttons). Hidden, a pane leaves the window's
  minimum width too, so a small screen can still hold reader and panel.
- Below NARROW_WIDTH the window starts with the library hidden: coding happens between
  reader and panel, and switching articles is one key away. A window squeezed onto a
  smaller screen first narrows the side panes to their minimums, then hides the library.

Window settings: window/geometry, window/splitter (sizes), window/show_library,
window/show_panel, window/library_width, window/panel_width.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSize, QTimer
from PySide6.QtGui import QAction, QKeySequence, QScreen

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow

DEFAULT_SIZE = QSize(1400, 880)
# Room left for a window manager's frame and title bar before the real frame is known.
FRAME_ALLOWANCE = QSize(16, 48)
NARROW_WIDTH = 1100   # below this the library starts hidden
LIBRARY_MIN_WIDTH = 200
READER_MIN_WIDTH = 420  # ~50 characters a line at the default size: narrower is not reading
READER_COMFORT_WIDTH = 520  # a window squeezed below this hides its library
DEFAULT_WIDTHS = {0: 300, 2: 340}  # library, panel
LIBRARY, READER, PANEL = 0, 1, 2


def fit_rect(rect: QRect, available: QRect) -> QRect:
    """`rect` moved, and shrunk where it must be, to lie inside `available`."""
    width = min(rect.width(), available.width())
    height = min(rect.height(), available.height())
    x = min(max(rect.x(), available.left()), available.left() + available.width() - width)
    y = min(max(rect.y(), available.top()), available.top() + available.height() - height)
    return QRect(x, y, width, height)


def first_size(available: QRect) -> QSize:
    """The first window's size: DEFAULT_SIZE where it fits, else the available area less
    the frame allowance."""
    room = available.size() - FRAME_ALLOWANCE
    return QSize(min(DEFAULT_SIZE.width(), room.width()), min(DEFAULT_SIZE.height(), room.height()))


class PaneLayout(QObject):
    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        self.splitter = w.splitter
        w.library.setMinimumWidth(LIBRARY_MIN_WIDTH)
        w.reader_pane.setMinimumWidth(READER_MIN_WIDTH)
        self._widths = dict(DEFAULT_WIDTHS)  # what a hidden pane comes back with
        self._placed: QRect | None = None  # the geometry chosen before the first show
        self._decide_library_on_show = False
        self._watched_screen: QScreen | None = None

        self.act_show_library = self._toggle(self.tr("Show library"), LIBRARY, "F9")
        self.act_show_library.setToolTip(self.tr("Show or hide the list of articles (F9)"))
        self.act_show_panel = self._toggle(self.tr("Show annotation panel"), PANEL, "Shift+F9")
        self.act_show_panel.setToolTip(self.tr("Show or hide tags, highlights, note and memo (Shift+F9)"))
        self.act_show_library.setIconText(self.tr("Library"))
        self.act_show_panel.setIconText(self.tr("Annotations"))
        # Commands that work in a pane bring it back first.
        a = w.commands
        a.act_search.triggered.connect(lambda: self._reveal(self.act_show_library, w.library.focus_search))
        a.act_memo.triggered.connect(lambda: self._reveal(self.act_show_panel, w.panel.focus_memo))
        self.splitter.splitterMoved.connect(self._remember_widths)
        w.installEventFilter(self)

    def _toggle(self, text: str, index: int, keys: str) -> QAction:
        action = QAction(text, self.w)
        action.setCheckable(True)
        action.setChecked(True)
        action.setShortcut(QKeySequence(keys))
        action.toggled.connect(lambda on: self.set_pane_shown(index, on))
        return action

    def _reveal(self, action: QAction, then) -> None:  # noqa: ANN001 (a callable)
        if not action.isChecked():
            action.setChecked(True)
            then()  # it ran before, on the hidden pane

    # --- showing and hiding the side panes ---------------------------------------------
    def is_shown(self, index: int) -> bool:
        return not self.splitter.widget(index).isHidden()

    def set_pane_shown(self, index: int, show: bool) -> None:
        pane = self.splitter.widget(index)
        if show == (not pane.isHidden()):
            return
        action = self.act_show_library if index == LIBRARY else self.act_show_panel
        action.setChecked(show)
        if not show:
            self._remember_widths()
            pane.hide()
            return
        sizes = self.splitter.sizes()
        pane.show()
        # The pane comes back at its last width, taken from the reader, which keeps its
        # minimum when it can.
        width = max(pane.minimumSizeHint().width(), pane.minimumWidth(),
                    min(self._widths[index], sizes[READER] - READER_MIN_WIDTH))
        sizes[index] = width
        sizes[READER] = max(sizes[READER] - width, 1)
        self.splitter.setSizes(sizes)

    def _remember_widths(self) -> None:
        for index, size in enumerate(self.splitter.sizes()):
            if index != READER and size > 0 and self.is_shown(index):
                self._widths[index] = size

    # --- the screen ----------------------------------------------------------------------
    def place_first_window(self) -> None:
        """No saved geometry: DEFAULT_SIZE where it fits, centred on the screen."""
        available = self.w.screen().availableGeometry()
        rect = QRect(0, 0, 0, 0)
        rect.setSize(first_size(available))
        rect.moveCenter(available.center())
        self.w.setGeometry(rect)
        self._placed = self.w.geometry()

    def fit_to_screen(self) -> bool:
        """Move and shrink the window (its frame included) into its screen's available
        area; True when it had to shrink."""
        w = self.w
        if w.isMaximized() or w.isFullScreen() or w.screen() is None:
            return False
        available = w.screen().availableGeometry()
        frame, inner = w.frameGeometry(), w.geometry()
        target = fit_rect(frame, available)
        if target == frame:
            return False
        shrunk = target.size() != frame.size()
        w.setGeometry(QRect(target.x() + inner.x() - frame.x(), target.y() + inner.y() - frame.y(),
                            target.width() - (frame.width() - inner.width()),
                            target.height() - (frame.height() - inner.height())))
        if shrunk:
            self.make_room()
        return shrunk

    def make_room(self) -> None:
        """After the window shrank: side panes to their minimums, then, if the reader is
        still cramped, the library hidden."""
        sizes = self.splitter.sizes()
        total = sum(sizes)
        for index in (LIBRARY, PANEL):
            if self.is_shown(index) and total - sum(sizes[i] for i in (LIBRARY, PANEL)) < READER_COMFORT_WIDTH:
                pane = self.splitter.widget(index)
                sizes[index] = min(sizes[index], max(pane.minimumSizeHint().width(), pane.minimumWidth()))
        sizes[READER] = total - sizes[LIBRARY] - sizes[PANEL]
        self.splitter.setSizes(sizes)
        if sizes[READER] < READER_COMFORT_WIDTH and self.is_shown(LIBRARY):
            self.set_pane_shown(LIBRARY, False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.w and event.type() == QEvent.Type.Show:
            self._on_first_show()
        return False

    def _on_first_show(self) -> None:
        handle = self.w.windowHandle()
        if handle is None or self._watched_screen is not None:
            return
        handle.screenChanged.connect(self._on_screen_changed)
        self._watch(handle.screen())
        if self._decide_library_on_show:
            # The width the window is shown at (whoever set it) decides.
            self._decide_library_on_show = False
            if self.w.width() < NARROW_WIDTH:
                self.set_pane_shown(LIBRARY, False)
        if self._placed is not None and self.w.geometry() == self._placed:
            # The frame is known once shown: fit again, frame and all. A geometry set by
            # someone else after ours (a test, a --geometry) is theirs.
            QTimer.singleShot(0, self.fit_to_screen)

    def _watch(self, screen: QScreen | None) -> None:
        if self._watched_screen is not None:
            self._watched_screen.availableGeometryChanged.disconnect(self._on_screen_resized)
        self._watched_screen = screen
        if screen is not None:
            screen.availableGeometryChanged.connect(self._on_screen_resized)

    def _on_screen_changed(self, screen: QScreen | None) -> None:
        self._watch(screen)
        QTimer.singleShot(0, self.fit_to_screen)  # once the move that brought it there ends

    def _on_screen_resized(self, _available: QRect) -> None:
        QTimer.singleShot(0, self.fit_to_screen)

    # --- settings ------------------------------------------------------------------------
    def restore(self) -> None:
        s = self.w.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and self.w.restoreGeometry(geometry):
            self._placed = self.w.geometry()
            self.fit_to_screen()
            self._placed = self.w.geometry()
        else:
            self.place_first_window()
        splitter = s.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        for index, key in ((LIBRARY, "window/library_width"), (PANEL, "window/panel_width")):
            self._widths[index] = _int(s.value(key), self._widths[index])
        self.set_pane_shown(PANEL, s.value("window/show_panel", True, type=bool))
        library = s.value("window/show_library")
        if library is None:
            self._decide_library_on_show = True  # first start: by the width it is shown at
        else:
            self.set_pane_shown(LIBRARY, s.value("window/show_library", True, type=bool))

    def save(self) -> None:
        s = self.w.settings
        self._remember_widths()
        s.setValue("window/geometry", self.w.saveGeometry())
        s.setValue("window/splitter", self.splitter.saveState())
        s.setValue("window/show_library", self.is_shown(LIBRARY))
        s.setValue("window/show_panel", self.is_shown(PANEL))
        s.setValue("window/library_width", self._widths[LIBRARY])
        s.setValue("window/panel_width", self._widths[PANEL])


def _int(value: object, default: int) -> int:
    try:
        return max(int(value), 1)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return default

