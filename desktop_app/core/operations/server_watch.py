"""Changes other clients commit to a server library, as `Changes(origin="remote")`.

`ServerWatch` has a psycopg connection of its own, LISTENing on change_log.CHANNEL. `poll()`
(called from the window's timer, or by `wait()` which blocks until a notification) reads
the change_log rows after the last one it has, leaves out this client's own operations
(server_writes.ClientLog: the ones it ran and was told were committed) and returns the
union of the others' Changes. Notifications only wake it: the rows are what it reads, so
a notification lost while the connection was down loses nothing: after a reconnect the
same query catches up.

Rows can become visible out of id order (change_log.py): an id missing below the newest
one seen is waited for. Its transaction took its xid before its log id, so before the read
that missed it; right after that read the watch takes a fresh xid N (a tiny transaction of
its own: every xid given out earlier is below N). Once a later read's snapshot has
xmin >= N, every transaction holding an xid below N has ended: a still missing id was
rolled back, and is passed. (The snapshot's own xmax is not enough: it is the last
*completed* xid + 1, and a transaction that got its xid after that but before the read is
running and ignored by xmin; a test with three writers lost rows that way.) Rows already
reported are remembered until `last` passes them, so nothing is reported twice.

Never raises: a lost connection makes `connected` False and `lost_reason` say why; the
next polls try again with a growing pause (RECONNECT_PAUSES_S), and the poll that gets
through catches up and sets `reconnected` (the window then says "Connected again").
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.server_writes import ClientLog, changes_from_json, client_of
from desktop_app.core.storage.change_log import (
    CHANNEL,
    LAST_SQL,
    NEW_XID_SQL,
    ROWS_AFTER_SQL,
    SNAPSHOT_SQL,
    as_row,
)
from desktop_app.core.storage.database import Database

BATCH = 2000  # rows read per query while catching up
START_WINDOW = 1000  # ids below the newest at start that may still be in flight
RECONNECT_PAUSES_S = (0.5, 1.0, 2.0, 4.0, 5.0)
CONNECT_TIMEOUT_S = 3
NO_TABLE = "42P01"  # undefined_table


def libpq_url(db: Database) -> str:
    """The library's URL as libpq takes it (password and query parameters kept)."""
    url = getattr(db, "url")  # noqa: B009  (ServerDatabase only)
    return str(url.set(drivername="postgresql").render_as_string(hide_password=False))


class ServerWatch:
    def __init__(self, db: Database, clock: Callable[[], float] = time.monotonic) -> None:
        self.conninfo = libpq_url(db)
        self.client: ClientLog = client_of(db)
        self.clock = clock
        self._conn: Any = None  # psycopg.Connection (imported only for a server library)
        self.last: int | None = None  # every id up to here is reported or passed
        self._taken: set[int] = set()  # ids above `last` already read
        self._gaps: dict[int, int] = {}  # id missing above `last` -> the xid it waits for (0: not yet noted)
        self.connected = False
        self.lost_reason = ""
        self.reconnected = False  # set by the poll that got through again; the reader clears it
        self._failures = 0
        self._next_try = 0.0
        self.remote_rows = 0  # rows of other clients reported so far (tests, benchmarks)

    # --- the connection -------------------------------------------------------------------
    def _connect(self) -> bool:
        import psycopg

        if self.clock() < self._next_try:
            return False
        try:
            conn = psycopg.connect(self.conninfo, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S,
                                   application_name="chugiai-watch")
            conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as e:
            self._lose(e)
            return False
        was_lost = self._failures > 0 or (self.last is not None and not self.connected)
        self._conn, self.connected, self._failures, self.lost_reason = conn, True, 0, ""
        self.client.offline = False
        self.reconnected = self.reconnected or was_lost
        return True

    def _lose(self, error: BaseException) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:  # noqa: BLE001  (a broken connection may fail to close too)
                pass
        self._conn = None
        self.connected = False
        self.client.offline = True
        self.lost_reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
        pause = RECONNECT_PAUSES_S[min(self._failures, len(RECONNECT_PAUSES_S) - 1)]
        self._failures += 1
        self._next_try = self.clock() + pause

    def retry_now(self) -> None:
        """The next poll tries to reconnect at once (not after the pause)."""
        self._next_try = 0.0

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:  # noqa: BLE001
                pass
        self._conn = None
        self.connected = False

    # --- reading --------------------------------------------------------------------------
    def start(self) -> bool:
        """Connect and take the log as it is now as seen (the window shows the library as
        it is). False when the server cannot be reached (poll() keeps trying)."""
        return self._ensure() and self._read(start=True) is not None

    def _ensure(self) -> bool:
        return self._conn is not None or self._connect()

    def poll(self) -> Changes:
        """What other clients committed since the last poll (empty Changes when nothing)."""
        if not self._ensure():
            return Changes(origin="remote")
        if self._drain() is None:
            return Changes(origin="remote")
        # Read even without a notification: one indexed query (~0.1 ms) tells a dead
        # connection at once, and a row whose notification was lost is never left behind.
        found = self._read(start=self.last is None)
        return found if found is not None else Changes(origin="remote")

    def wait(self, timeout: float) -> Changes:
        """Block until a notification (or `timeout` seconds), then poll()."""
        if self._ensure():
            try:
                for _n in self._conn.notifies(timeout=timeout, stop_after=1):
                    break
            except Exception as e:  # noqa: BLE001  (psycopg.Error: the connection broke)
                self._lose(e)
            else:
                self._drain()  # the others queued meanwhile: one read serves them all
        elif timeout > 0:
            time.sleep(min(timeout, max(0.0, self._next_try - self.clock())))
        return self._read_now()

    def _read_now(self) -> Changes:
        if not self._ensure():
            return Changes(origin="remote")
        found = self._read(start=self.last is None)
        return found if found is not None else Changes(origin="remote")

    def _drain(self) -> bool | None:
        """Whether notifications arrived (None: the connection broke)."""
        try:
            return any(True for _n in self._conn.notifies(timeout=0))
        except Exception as e:  # noqa: BLE001
            self._lose(e)
            return None

    def _read(self, start: bool = False) -> Changes | None:
        conn = self._conn
        try:
            conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            try:
                xmin, _xmax = conn.execute(SNAPSHOT_SQL).fetchone()
                if start:
                    newest = int(conn.execute(LAST_SQL).fetchone()[0])
                    self.last = max(0, newest - START_WINDOW)
                    self._taken.clear()
                    self._gaps.clear()
                rows = []
                after = self.last
                while True:
                    batch = [as_row(r) for r in conn.execute(ROWS_AFTER_SQL, (after, BATCH)).fetchall()]
                    rows.extend(batch)
                    if len(batch) < BATCH:
                        break
                    after = batch[-1].id
            finally:
                conn.execute("COMMIT")
        except Exception as e:  # noqa: BLE001  (psycopg.Error: lost; poll() tries again later)
            if getattr(e, "sqlstate", None) == NO_TABLE:
                # No log yet: a library published, not yet opened by a writing client (which
                # makes the table). Nothing to read; every row it will hold is new.
                self.last = 0 if self.last is None else self.last
                return Changes(origin="remote")
            self._lose(e)
            return None
        changes = Changes(origin="remote")
        for row in rows:
            if row.id in self._taken:
                continue
            self._taken.add(row.id)
            self._gaps.pop(row.id, None)
            if start:
                continue  # already there when the window loaded what it shows
            if self.client.take(row.op_id):
                continue  # our own, acknowledged: the window has it already
            self.remote_rows += 1
            changes = changes | changes_from_json(row.changes)
        if self._advance(int(xmin)):
            try:  # every xid given out before this read is below this one
                self._note_gaps(int(conn.execute(NEW_XID_SQL).fetchone()[0]))
            except Exception as e:  # noqa: BLE001
                self._lose(e)  # the gaps stay unnoted: the next read notes them
        return changes

    def _advance(self, xmin: int) -> bool:
        """Pass the missing ids whose transactions have surely ended, move `last` up to the
        first id still missing, and note the ids newly missing below the newest one read
        (True when there are such: `_note_gaps` then says what they wait for)."""
        assert self.last is not None
        for missing, noted in list(self._gaps.items()):
            if noted and xmin >= noted:  # every xid given out when it was missed has ended
                del self._gaps[missing]
                self._taken.add(missing)
        while self.last + 1 in self._taken:
            self.last += 1
            self._taken.discard(self.last)
        top = max(self._taken, default=self.last)
        new = False
        for missing in range(self.last + 1, top):
            if missing not in self._taken and missing not in self._gaps:
                self._gaps[missing] = 0  # not noted yet
                new = True
        return new or any(noted == 0 for noted in self._gaps.values())

    def _note_gaps(self, xid: int) -> None:
        for missing, noted in self._gaps.items():
            if noted == 0:
                self._gaps[missing] = xid
