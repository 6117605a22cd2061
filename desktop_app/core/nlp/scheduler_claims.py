"""What a scheduler run (nlp/scheduler.py) does on a server library, where several clients
segment the same articles: an article is claimed before its work starts (nlp/claims.py,
a few at a time), so the team segments it once. Those another client holds wait in
`elsewhere`; every ELSEWHERE_POLL_SECONDS the run looks at them: one that client stored
counts as done here too (and is announced: the window shows its words), one whose claim
is gone (released, or expired: a client that died) is queued again, in front, and taken
over. The run ends only when none is left elsewhere. Claims are renewed while the run
works and released once their results are stored, and all of them when it ends.

On SQLite none of this runs (`claims` is None: one process).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from desktop_app.core.nlp.claims import CLAIM_BATCH, Claims
from desktop_app.core.nlp.pending import stale_among
from desktop_app.core.nlp.pos_ner import is_tagged
from desktop_app.core.nlp.scheduler_control import SchedulerControl, SchedulerEvents
from desktop_app.core.nlp.user_dictionary import segmentation_engine, tagging_engine
from desktop_app.core.nlp.worker_process import TAGS, WORDS
from desktop_app.core.storage.database import Database, DatabaseError
from desktop_app.core.storage.models import Segmentation, Tagging

# How often a run looks at the articles other clients hold.
ELSEWHERE_POLL_SECONDS = 1.0


class SharedWork:
    """The claims part of a Scheduler (a base class of it; uses the run's queues)."""

    db: Database
    control: SchedulerControl
    events: SchedulerEvents
    queue: dict[str, list[int]]
    saved: set[int]
    urgent: int | None

    def count_done(self, kind: str) -> None:
        raise NotImplementedError

    def bring_forward(self, kind: str, article_id: int, needed: Callable[[], bool]) -> bool:
        raise NotImplementedError

    def init_shared(self, db: Database) -> None:
        self.claims = Claims(db) if db.on_server and not db.read_only else None
        self.elsewhere: dict[str, set[int]] = {WORDS: set(), TAGS: set()}
        self.done_elsewhere: set[tuple[str, int]] = set()  # (kind, article id) stored by another client
        self.elsewhere_checked = time.monotonic()
        self.elsewhere_poll = ELSEWHERE_POLL_SECONDS

    def claimed(self, kind: str, article_id: int) -> bool:
        """Whether this run may work on the article: always on SQLite; on a server when it
        holds the claim or takes it now (else the article waits in `elsewhere`)."""
        if self.claims is None or self.claims.holds(kind, article_id):
            return True
        got, done = self.take(kind, [article_id])
        if got:
            return True
        if done:
            self.stored_elsewhere(kind, article_id)
        else:
            self.elsewhere[kind].add(article_id)
        return False

    def take(self, kind: str, article_ids: list[int]) -> tuple[set[int], set[int]]:
        """Claim the articles; (claimed and still to do, already stored by another client).
        Whether they are still to do is asked after the claim, in a statement of its own:
        a client releases its claims only after its results are committed, so an article
        claimed here that another client finished shows as finished (and is let go)."""
        assert self.claims is not None
        got = self.claims.take(kind, article_ids)
        if not got:
            return set(), set()
        table, engine = (Segmentation, segmentation_engine) if kind == WORDS else (Tagging, tagging_engine)
        needed = set(stale_among(self.db, table, engine(self.db), sorted(got)))
        done = got - needed
        self.claims.release(kind, done)
        return needed, done

    def next_queued(self, kind: str) -> int | None:
        """Take the next queued article of this kind. On a server library it is claimed
        first, with the next few (CLAIM_BATCH, one statement); those another client holds
        leave the queue for `elsewhere`, those another client has stored meanwhile count as done. None: the head was held elsewhere."""
        queue = self.queue[kind]
        if self.claims is not None and not self.claims.holds(kind, queue[0]):
            head = queue[:CLAIM_BATCH]
            got, done = self.take(kind, head)
            for article_id in head:
                if article_id in got:
                    continue
                queue.remove(article_id)
                if article_id in done:
                    self.stored_elsewhere(kind, article_id)
                else:
                    self.elsewhere[kind].add(article_id)
            if not queue or queue[0] not in got:
                return None
        return queue.pop(0)

    def keep_claims(self) -> None:
        """Renew this client's claims when due; look at the articles others hold."""
        assert self.claims is not None
        self.claims.renew_if_due()
        if (self.elsewhere[WORDS] or self.elsewhere[TAGS]) and \
                time.monotonic() - self.elsewhere_checked >= self.elsewhere_poll:
            self.watch_elsewhere()

    def waiting_elsewhere(self) -> bool:
        """Nothing left to do here but articles other clients hold: wait a moment (the loop
        then looks at them again). False when there are none (the run may end)."""
        if not (self.elsewhere[WORDS] or self.elsewhere[TAGS]):
            return False
        left = self.elsewhere_poll - (time.monotonic() - self.elsewhere_checked)
        if left > 0:
            self.control.wait_for_cancel(min(left, self.elsewhere_poll))
        return True

    def watch_elsewhere(self) -> None:
        """Articles another client stored count as done here (and are announced: the
        window shows their words); those whose claim is gone (released, or expired: a
        client that died) are queued again, in front, to be claimed by this one."""
        assert self.claims is not None
        self.elsewhere_checked = time.monotonic()
        for kind, table, engine in ((WORDS, Segmentation, segmentation_engine),
                                    (TAGS, Tagging, tagging_engine)):
            waiting = sorted(self.elsewhere[kind])
            if not waiting:
                continue
            stale = set(stale_among(self.db, table, engine(self.db), waiting))
            held = self.claims.held_elsewhere(kind, sorted(stale))
            freed = [a for a in waiting if a in stale and a not in held]
            for article_id in waiting:
                if article_id not in stale:
                    self.elsewhere[kind].discard(article_id)
                    self.stored_elsewhere(kind, article_id)
            self.elsewhere[kind].difference_update(freed)
            self.queue[kind][:0] = freed

    def stored_elsewhere(self, kind: str, article_id: int) -> None:
        self.done_elsewhere.add((kind, article_id))
        if kind == WORDS:
            self.saved.add(article_id)
            self.events.segmented(article_id)
        else:
            self.events.tagged(article_id)
        self.count_done(kind)
        if kind == WORDS and article_id == self.urgent:  # the open article: its tags next
            self.bring_forward(TAGS, article_id, lambda: not is_tagged(self.db, article_id))

    def let_go(self) -> None:
        """The run ends: release this client's claims (if the server cannot be reached
        they expire by themselves)."""
        if self.claims is None:
            return
        try:
            self.claims.release_all()
        except DatabaseError:
            pass
