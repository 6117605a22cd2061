"""An operation's transaction on a server library: logged, retried, never applied twice.

`run_logged(db, work, changes_of)` is what `OperationsBase._in_one_transaction` does on a
server (on SQLite it never gets here). In the operation's own transaction it writes one
change_log row (storage/change_log.py) holding a client-made `op_id` and the `Changes` the
operation returns, as JSON; the row's NOTIFY wakes the other clients' watches at commit.

Faults:
- The server aborted the transaction for a concurrent one (serialization failure,
  deadlock): it runs again, at most RETRY_ATTEMPTS times, with a growing, jittered pause.
- The connection is lost before COMMIT: nothing was applied; one more try after a pause
  (the pool reconnects), then DatabaseError(UNREACHABLE) "this change was not saved".
- The connection is lost DURING the commit (the acknowledgement may be lost): whether it
  was applied is unknown. The next try first looks the op_id up: found, it was applied (the
  result of the run that committed is returned, nothing is applied again); not found, it
  runs again. The op_id is UNIQUE in the log, so even a commit still in flight on the
  server cannot make a second run commit too. Still unreachable: DatabaseError(UNREACHABLE)
  saying it may have been saved; the watch shows it if it was (it is not taken as ours).
"""

from __future__ import annotations

import random
import threading
import time
import uuid
import weakref
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from desktop_app.core.library.coders import CoderInfo, clean_coder_name, find_coder, use_coder
from desktop_app.core.library.ingest import ImportReport, import_paths
from desktop_app.core.messages import Message
from desktop_app.core.operations.changes import NOTHING, Changes
from desktop_app.core.storage.change_log import applied_attempt, log_in, wrote_anything
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.errors import CONFLICT_RETRY, UNREACHABLE, DatabaseError, server_error_kind

R = TypeVar("R")

RETRY_ATTEMPTS = 6  # serialization failures and deadlocks
UNREACHABLE_PAUSES_S = (0.3, 1.0)  # a lost connection: two more tries, then the user is told
_FIRST_PAUSE_S = 0.02

# What an operation that says nothing more precise changed: every view reloads what it shows.
BROAD = Changes(codebook=True, reloaded=True)


# --- Changes as JSON (the change_log's payload) -----------------------------------------
def changes_to_json(changes: Changes) -> dict[str, Any]:
    """Only what is set: id sets as sorted lists, flags as true."""
    out: dict[str, Any] = {}
    for f in fields(changes):
        value = getattr(changes, f.name)
        if f.name == "origin" or not value:
            continue
        out[f.name] = True if isinstance(value, bool) else sorted(value)
    return out


_FIELDS = {f.name: f for f in fields(Changes) if f.name != "origin"}


def changes_from_json(data: dict[str, Any]) -> Changes:
    """A logged payload back as Changes(origin="remote"); unknown keys (a newer client's) are
    taken as a reason to reload everything rather than dropped."""
    values: dict[str, Any] = {}
    unknown = False
    for name, value in data.items():
        if name not in _FIELDS:
            unknown = True
        elif isinstance(value, bool):
            values[name] = value
        else:
            values[name] = frozenset(int(v) for v in value)
    found = Changes(**values, origin="remote")
    return found | BROAD.as_origin("remote") if unknown else found


# --- this client's operations -----------------------------------------------------------
class ClientLog:
    """One client of a server library (one Database object): its id in the log, and the
    operations of its own that its watch must not report back (in flight or acknowledged,
    until the watch has passed their rows)."""

    def __init__(self) -> None:
        self.client_id = uuid.uuid4().hex
        # Set by this client's watch while it cannot reach the server: an edit then gets one
        # try and no pauses (the user is told at once, not after seconds of retrying).
        self.offline = False
        self._ours: set[uuid.UUID] = set()
        self._lock = threading.Lock()

    def claim(self, op_id: uuid.UUID) -> None:
        with self._lock:
            self._ours.add(op_id)

    def release(self, op_id: uuid.UUID) -> None:
        """Not ours to hide after all (its outcome is unknown): if it committed, it shows."""
        with self._lock:
            self._ours.discard(op_id)

    def take(self, op_id: uuid.UUID) -> bool:
        """Whether a logged operation is one of ours (then forgotten: it is passed)."""
        with self._lock:
            if op_id in self._ours:
                self._ours.discard(op_id)
                return True
            return False


_clients: weakref.WeakKeyDictionary[Database, ClientLog] = weakref.WeakKeyDictionary()
_clients_lock = threading.Lock()


def client_of(db: Database) -> ClientLog:
    with _clients_lock:
        client = _clients.get(db)
        if client is None:
            client = _clients[db] = ClientLog()
        return client


# --- the logged transaction ---------------------------------------------------------------
def _lost(db: Database, error: BaseException, unsure: bool) -> DatabaseError:
    orig = getattr(error.__cause__, "orig", None) or error.__cause__ or error
    reason = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    code = "db.server_lost_unsure" if unsure else "db.server_lost"
    return DatabaseError(Message(code, {"path": db.location, "reason": reason}), UNREACHABLE)


def _committed_attempt(db: Database, op_id: uuid.UUID) -> int | None:
    """The attempt of `op_id` that was committed (None: none), on a fresh connection;
    raises DatabaseError when the server cannot be asked."""
    try:
        with db.session() as s:
            return applied_attempt(s, op_id)
    except sa_exc.SQLAlchemyError as e:  # not wrapped by session(): the pool's own errors
        raise DatabaseError(str(e), UNREACHABLE) from e


def run_logged(db: Database, work: Callable[[Session], R],
               changes_of: Callable[[R], Changes] | None = None,
               sleep: Callable[[float], None] = time.sleep) -> R:
    """Run `work` in one transaction with its change_log row; see the module's note."""
    client = client_of(db)
    op_id = uuid.uuid4()
    client.claim(op_id)
    results: dict[int, R] = {}  # per attempt whose commit may have happened
    unsure = False
    conflicts = lost = 0
    attempt = 0
    while True:
        committing = False
        try:
            with db.session() as s:
                if unsure:
                    done = applied_attempt(s, op_id)
                    if done is not None:
                        return results[done]
                result = work(s)
                if changes_of is not None:
                    changes = changes_of(result)
                elif isinstance(result, Changes):
                    changes = result
                else:  # not said: a read logs nothing, an unknown write a reload of all
                    changes = BROAD if wrote_anything(s) else NOTHING
                if changes:  # nothing changed: nothing to log (running it again is harmless)
                    log_in(s, op_id, client.client_id, db.coder_id, changes_to_json(changes), attempt)
                results[attempt] = result
                committing = True  # session() commits on leaving the block
            return result
        except (DatabaseError, sa_exc.SQLAlchemyError) as e:
            kind = server_error_kind(e)
            unsure = unsure or (committing and kind == UNREACHABLE)
            if unsure and kind != UNREACHABLE:
                # e.g. the op_id's unique key: a run before this one did commit.
                try:
                    done = _committed_attempt(db, op_id)
                except DatabaseError:
                    done = None
                if done is not None:
                    return results[done]
            if kind == CONFLICT_RETRY and conflicts < RETRY_ATTEMPTS - 1:
                sleep(_FIRST_PAUSE_S * 2 ** conflicts * (0.5 + random.random()))
                conflicts += 1
            elif kind == UNREACHABLE and lost < len(UNREACHABLE_PAUSES_S) and not client.offline:
                sleep(UNREACHABLE_PAUSES_S[lost])
                lost += 1
            else:
                if unsure:
                    client.release(op_id)
                else:
                    client.take(op_id)
                if kind == UNREACHABLE:
                    raise _lost(db, e, unsure) from e
                raise
            attempt += 1
        except BaseException:
            client.take(op_id)
            raise


def announce(db: Database, changes: Changes) -> None:
    """Log `changes` made by writes that ran in transactions of their own (an import in
    batches, the user dictionary), in a transaction of its own, so that other clients see
    them. Nothing on SQLite or for an empty Changes. Not atomic with the writes: a crash
    between them leaves the others to see the change on their next full reload."""
    if db.on_server and changes:
        run_logged(db, lambda _s: changes)


def import_changes(report: ImportReport) -> Changes:
    """What an import of files changed: the articles added, and those whose text was replaced."""
    updated = frozenset(aid for _p, aid, _r in report.updated)
    return Changes(articles_added=frozenset(aid for _p, aid in report.imported),
                   article_metadata=updated, articles=updated)


def import_files(db: Database, paths: list[Path], **options: Any) -> ImportReport:
    """ingest.import_paths (its own transactions, a batch of files each), then, on a server
    library, what it changed logged for the other clients."""
    report = import_paths(db, paths, **options)
    announce(db, import_changes(report))
    return report


def use_coder_logged(db: Database, name: str) -> CoderInfo:
    """coders.use_coder; on a server library a coder it adds is logged (coders=True), so
    the other clients name their highlights."""
    new = False
    if db.on_server and not db.read_only:
        cleaned = clean_coder_name(name)
        with db.session() as s:
            new = find_coder(s, cleaned) is None
    info = use_coder(db, name)
    if new:
        announce(db, Changes(coders=True))
    return info
