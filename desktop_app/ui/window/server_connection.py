"""The window's link to a server library: other coders' changes, and the connection's state.

`ServerConnection.poll()` (ViewUpdates' timer, every SERVER_POLL_MS) asks the core watch
(core/operations/server_watch.py) for what other clients committed and returns it as
`Changes(origin="remote")` for the bus. It also follows the connection: when the server is
lost a notice stays in the status bar, in words, until it returns (the watch retries with
a growing pause); edits made meanwhile are refused by core in words (DatabaseError of kind
UNREACHABLE, shown where the edit was made) and are not acknowledged. When the server is
back, the watch catches up from the change log and the status bar says "Connected again".
The watch runs on a thread of its own (core/operations/server_watch_thread.py): a server
that does not answer never blocks the window; `poll()` only takes what that thread found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel

from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.server_watch import ServerWatch
from desktop_app.core.operations.server_watch_thread import WatchThread
from desktop_app.ui.common import plain_text

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow

SERVER_POLL_MS = 500  # one indexed query per poll; another coder's change shows within ~0.5 s
AGAIN_MS = 8000  # how long "Connected again" stays


class ServerConnection(QObject):
    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        self.watch = ServerWatch(w.db)
        self.notice = QLabel()
        self.notice.setTextFormat(Qt.TextFormat.PlainText)  # a server's words: plain text
        self.notice.setVisible(False)
        w.statusBar().addPermanentWidget(self.notice)
        self.lost = False
        # Started here, once: the log as it is now is what the window has just loaded.
        if not self.watch.start():
            self._show_lost(self.watch.lost_reason)
        self.thread = WatchThread(self.watch)

    def poll(self) -> Changes:
        state = self.thread.take()
        if not state.connected:
            if not self.lost:
                self._show_lost(state.lost_reason)
        elif self.lost or state.reconnected:
            self._show_back()
        return state.changes

    def _show_lost(self, reason: str) -> None:
        self.lost = True
        # Short: the status bar also holds the library's name, segmentation and the coder.
        self.notice.setText(self.tr("Server connection lost — retrying… (read-only)"))
        self.notice.setToolTip(plain_text.plain_tooltip(self.tr(
            "What you see is read-only until the server returns: an edit made meanwhile is refused "
            "and says so, nothing is lost.") + "\n" + reason))  # the server's words: plain text
        self.notice.setVisible(True)

    def _show_back(self) -> None:
        self.lost = False
        self.notice.setVisible(False)
        self.notice.setToolTip("")
        self.w.statusBar().showMessage(self.tr("Connected again"), AGAIN_MS)
        self.w.shared.connection_back()

    def close(self) -> None:
        self.thread.close()
