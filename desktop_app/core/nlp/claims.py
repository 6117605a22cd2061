"""Claims on the articles a client segments or tags, on a server library (issue 17).

Segmentation results are shared: an article is segmented once for the whole team, by the
first client that claims it. A claim is a row of the server-only table `segment_claims`
(kind, article_id) -> (client_id, expires_at), taken just before the work starts, a few
articles at a time, with one `INSERT ... ON CONFLICT DO UPDATE ... WHERE` that takes an
article nobody holds, renews one this client holds, or takes over one whose claim has
expired (a client that died: its claims are never renewed). Times are the server's
(`now()`), so the clients' clocks do not matter. A client renews its claims while it works
(RENEW_SECONDS, well inside CLAIM_SECONDS) and releases them when its results are stored
or its run ends.

The table is not in Base.metadata (a SQLite library, publish, backup and the table hashes
know nothing of it): storage/segment_claims.py `install_claims_table` makes it with plain DDL, from
`ServerDatabase._prepare_schema` for a writable client. No foreign key: a claim on an
article deleted meanwhile is harmless (the scheduler finds no text and counts it done)
and goes with the others when the run ends, or expires. On SQLite there are no claims: one process.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop_app.core.storage.database import Database

# A claim lives this long without renewal: a client that died holds its articles no longer.
CLAIM_SECONDS = 60.0
# A working client renews its claims this often.
RENEW_SECONDS = 20.0
# Articles claimed at once from the head of the queue (one statement): about what the
# processes take in before the next claim is needed.
CLAIM_BATCH = 8

_TAKE = text(
    "INSERT INTO segment_claims AS c (kind, article_id, client_id, expires_at)"
    " SELECT :kind, ids.id, :me, now() + make_interval(secs => :secs) FROM unnest(CAST(:ids AS integer[])) AS ids(id)"
    " ON CONFLICT (kind, article_id) DO UPDATE"
    " SET client_id = excluded.client_id, expires_at = excluded.expires_at"
    " WHERE c.client_id = excluded.client_id OR c.expires_at <= now()"
    " RETURNING c.article_id")

_HELD_ELSEWHERE = text(
    "SELECT article_id FROM segment_claims WHERE kind = :kind AND article_id = ANY(:ids)"
    " AND client_id <> :me AND expires_at > now()")


def new_client_id() -> str:
    """A name for one client's run: readable (host, process) and unique (a random part)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


class Claims:
    """This client's claims on a server library. Used by one thread (the scheduler's)."""

    def __init__(self, db: Database, client_id: str | None = None, *,
                 seconds: float = CLAIM_SECONDS, renew_every: float = RENEW_SECONDS) -> None:
        self.db = db
        self.client_id = client_id or new_client_id()
        self.seconds = seconds
        self.renew_every = renew_every
        self.held: set[tuple[str, int]] = set()
        self.renewed = time.monotonic()

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """A transaction on the claims whose commit does not wait for the server's disk
        (synchronous_commit off, this transaction only): other clients see it at once; a
        server crash may lose it, which costs at most an article segmented twice (the
        second result is dropped, result_batch.py). Claim + release in batches of 8, test
        server with fsync on, load 7 on 2 cores: 0.26-0.34 ms per article, 1.0-1.3 with the wait."""
        with self.db.session() as s:
            s.execute(text("SET LOCAL synchronous_commit TO OFF"))
            yield s

    def _params(self, kind: str, ids: Iterable[int]) -> dict[str, object]:
        return {"kind": kind, "ids": [int(i) for i in ids], "me": self.client_id, "secs": self.seconds}

    def take(self, kind: str, article_ids: Sequence[int]) -> set[int]:
        """Claim the articles for this client; returns those it now holds (free ones, its
        own renewed, expired ones taken over). The others are held by a live client."""
        if not article_ids:
            return set()
        with self._writing() as s:
            got = {int(r[0]) for r in s.execute(_TAKE, self._params(kind, article_ids))}
        self.held.update((kind, a) for a in got)
        return got

    def holds(self, kind: str, article_id: int) -> bool:
        return (kind, article_id) in self.held

    def held_elsewhere(self, kind: str, article_ids: Sequence[int]) -> set[int]:
        """Which of the articles another client holds by a claim that has not expired."""
        if not article_ids:
            return set()
        with self.db.session() as s:
            return {int(r[0]) for r in s.execute(_HELD_ELSEWHERE, self._params(kind, article_ids))}

    def renew_if_due(self) -> bool:
        """Push back the expiry of every claim this client holds, every `renew_every`
        seconds; True when it did."""
        if not self.held or time.monotonic() - self.renewed < self.renew_every:
            return False
        self.renew()
        return True

    def renew(self) -> None:
        self.renewed = time.monotonic()
        with self._writing() as s:
            s.execute(text("UPDATE segment_claims SET expires_at = now() + make_interval(secs => :secs)"
                           " WHERE client_id = :me"), {"secs": self.seconds, "me": self.client_id})

    def release(self, kind: str, article_ids: Iterable[int]) -> None:
        """Let go of these articles (their results are stored, or the work was dropped)."""
        ids = [int(a) for a in article_ids if (kind, a) in self.held]
        if not ids:
            return
        with self._writing() as s:
            s.execute(text("DELETE FROM segment_claims WHERE client_id = :me AND kind = :kind"
                           " AND article_id = ANY(:ids)"), self._params(kind, ids))
        self.held.difference_update((kind, a) for a in ids)

    def release_all(self) -> None:
        """The run ends: every claim this client holds goes (others may take the articles)."""
        if not self.held:
            return
        with self._writing() as s:
            s.execute(text("DELETE FROM segment_claims WHERE client_id = :me"), {"me": self.client_id})
        self.held.clear()
