"""A ServerWatch run on a thread of its own, so the window never waits on the server.

Reading the change log costs ~0.1 ms, but reconnecting to a server whose host does not
answer blocks for up to the connect timeout (seconds): on the GUI thread that froze the
window at every try while the server was away. `WatchThread` loops on `ServerWatch.wait`
(woken by a NOTIFY, else after `wait_s`), and keeps what it found, merged, with the
connection's state, for the window's timer to `take()` without blocking. No widget is
touched here: the window reads the result on its own thread.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.server_watch import ServerWatch

WAIT_S = 0.5  # the longest a change waits when its notification was lost
JOIN_S = 5.0  # a closing window waits at most this for a reconnect attempt to end


@dataclass(frozen=True)
class WatchState:
    changes: Changes  # what other clients committed since the last take (origin "remote")
    connected: bool
    reconnected: bool  # the connection came back since the last take
    lost_reason: str


class WatchThread:
    def __init__(self, watch: ServerWatch, wait_s: float = WAIT_S) -> None:
        """`watch` already started (the window took the log as seen when it loaded)."""
        self.watch = watch
        self.wait_s = wait_s
        self._lock = threading.Lock()
        self._changes = Changes(origin="remote")
        self._connected = watch.connected
        self._reconnected = False
        self._reason = watch.lost_reason
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="chugiai-server-watch", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            changes = self.watch.wait(self.wait_s)  # never raises (ServerWatch's rule)
            with self._lock:
                if changes:
                    self._changes = self._changes | changes
                self._connected = self.watch.connected
                self._reason = self.watch.lost_reason
                if self.watch.reconnected:
                    self.watch.reconnected = False
                    self._reconnected = True

    def take(self) -> WatchState:
        """What the thread found since the last take, and the connection as it is."""
        with self._lock:
            state = WatchState(self._changes, self._connected, self._reconnected, self._reason)
            self._changes, self._reconnected = Changes(origin="remote"), False
        return state

    def retry_now(self) -> None:
        """Try to reconnect at once, not after the pause."""
        self.watch.retry_now()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(JOIN_S)
        self.watch.close()
