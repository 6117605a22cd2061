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
        self._auto_library = False
        self._room_after_show = False
        self._auto_hidden: set[int] = set()  # panes the screen could not hold before the first show
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

    def set_pane_shown(self, index: int, show: bool, remember: bool = True) -> None:
        """Show or hide a side pane (its action follows; toggling the action calls this)."""
        pane = self.splitter.widget(index)
        action = self.act_show_library if index == LIBRARY else self.act_show_panel
        if show != (not pane.isHidden()):
            if show:
                self._show(index)
            else:
                if remember:
                    self._remember_widths()
                pane.hide()
        action.setChecked(show)  # its toggled() comes back here and finds nothing to do

    def _show(self, index: int) -> None:
        """The pane comes back at its last width, taken from the reader, which keeps its
        minimum when it can."""
        pane = self.splitter.widget(index)
        sizes = self.splitter.sizes()
        pane.show()
        width = max(_min_width(pane), min(self._widths[index], sizes[READER] - READER_MIN_WIDTH))
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

    def fit_to_screen(self) -> bool:
        """Move and shrink the window (its frame included) into its screen's available
        area; True when it had to shrink."""
        w = self.w
        if w.isMaximized() or w.isFullScreen() or w.screen() is None:
            return False
        available = w.screen().availableGeometry()
        frame, inner = w.frameGeometry(), w.geometry()
        target = fit_rect(frame, available)
        # The panes' minimum widths must fit too, or Qt keeps the window wider.
        room = target.width() - (frame.width() - inner.width())
        for index in (LIBRARY, PANEL):
            if self.is_shown(index) and self._minimum_width() > room:
                self.set_pane_shown(index, False, remember=False)
                if not w.isVisible():
                    self._auto_hidden.add(index)  # the first show looks again
        if target == frame:
            return False
        shrunk = target.size() != frame.size()
        w.setGeometry(QRect(target.x() + inner.x() - frame.x(), target.y() + inner.y() - frame.y(),
                            target.width() - (frame.width() - inner.width()),
                            target.height() - (frame.height() - inner.height())))
        if shrunk and w.isVisible():
            QTimer.singleShot(0, self.make_room)  # once the panes have their new widths
        elif shrunk:
            self._room_after_show = True
        return shrunk

    def _minimum_width(self) -> int:
        """What the shown panes need side by side (the splitter's minimum)."""
        shown = [self.splitter.widget(i) for i in (LIBRARY, READER, PANEL) if not self.splitter.widget(i).isHidden()]
        return sum(_min_width(p) for p in shown) + self.splitter.handleWidth() * (len(shown) - 1)

    def make_room(self) -> None:
        """After the window shrank, if the reader is cramped (QSplitter takes the room from
        every pane, the reader first): the library narrowed toward its minimum; if that is
        not enough, the library hidden and the panel back at its width if the reader can
        spare it."""
        sizes = self.splitter.sizes()
        if sizes[READER] >= READER_COMFORT_WIDTH:
            return
        shown = {i: self.is_shown(i) for i in (LIBRARY, PANEL)}
        total = sum(size for i, size in enumerate(sizes) if i == READER or shown[i])
        library = sizes[LIBRARY] if shown[LIBRARY] else 0
        panel = sizes[PANEL] if shown[PANEL] else 0
        if shown[LIBRARY] and total - _min_width(self.w.library) - panel >= READER_COMFORT_WIDTH:
            library = total - panel - READER_COMFORT_WIDTH
        else:
            if shown[LIBRARY]:
                self.set_pane_shown(LIBRARY, False, remember=False)  # squeezed: not its width
                library = 0
            if shown[PANEL]:
                panel = max(_min_width(self.w.panel), min(self._widths[PANEL], total - READER_COMFORT_WIDTH))
        self.splitter.setSizes([library, total - library - panel, panel])

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
        if self._auto_library:
            # Not the user's choice yet: the width the window is shown at (whoever set
            # it) decides.
            self._auto_library = False
            self.set_pane_shown(LIBRARY, self.w.width() >= NARROW_WIDTH)
        for index in sorted(self._auto_hidden):  # hidden for the screen, but shown wider
            if self._minimum_width() + _min_width(self.splitter.widget(index)) <= self.w.width():
                self.set_pane_shown(index, True)
        self._auto_hidden.clear()
        QTimer.singleShot(0, self._after_first_show)

    def _after_first_show(self) -> None:
        if self._placed is not None and self.w.geometry() == self._placed:
            # The frame is known once shown: fit again, frame and all. A geometry set by
            # someone else after ours (a test, a --geometry) is theirs.
            self.fit_to_screen()
        if self._room_after_show:
            self._room_after_show = False
            self.make_room()

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
        """Pane widths and visibility, then the geometry, fitted to the screen it is on."""
        s = self.w.settings
        splitter = s.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        for index, key in ((LIBRARY, "window/library_width"), (PANEL, "window/panel_width")):
            self._widths[index] = _int(s.value(key), self._widths[index])
        self.set_pane_shown(PANEL, s.value("window/show_panel", True, type=bool))
        self._auto_library = s.value("window/show_library") is None  # the user never chose
        if not self._auto_library:
            self.set_pane_shown(LIBRARY, s.value("window/show_library", True, type=bool))
        geometry = s.value("window/geometry")
        if not (isinstance(geometry, QByteArray) and self.w.restoreGeometry(geometry)):
            self.place_first_window()  # the first start (or Qt could not use the saved one)
        saved = s.value("window/size")
        if isinstance(saved, QSize) and self.w.width() < saved.width():
            self._room_after_show = True  # a smaller screen than last time (Qt clamps too)
        if self._auto_library:
            self.set_pane_shown(LIBRARY, self.w.width() >= NARROW_WIDTH)
        self.fit_to_screen()
        self._placed = self.w.geometry()

    def save(self) -> None:
        s = self.w.settings
        self._remember_widths()
        s.setValue("window/geometry", self.w.saveGeometry())
        s.setValue("window/size", self.w.normalGeometry().size())
        s.setValue("window/splitter", self.splitter.saveState())
        s.setValue("window/show_library", self.is_shown(LIBRARY))
        s.setValue("window/show_panel", self.is_shown(PANEL))
        s.setValue("window/library_width", self._widths[LIBRARY])
        s.setValue("window/panel_width", self._widths[PANEL])


def _min_width(pane) -> int:  # noqa: ANN001 (QWidget)
    return max(pane.minimumSizeHint().width(), pane.minimumWidth())


def _int(value: object, default: int) -> int:
    try:
        return max(int(value), 1)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return default

