"""Several segmentation worker processes behind the one interface the scheduler drives.

underthesea is single-threaded and holds its process's GIL, so using every core takes a
process per core. Each member has its own job queue: the pool knows which jobs each
member holds, so when one dies only its jobs are lost (and only its articles are counted
as crashed on); the others go on. A job goes to the live member with the fewest jobs
waiting, which keeps paragraph-sized jobs spread evenly and lets the open article's first
paragraphs start behind at most a few others.
"""

from __future__ import annotations

import os
import time
from multiprocessing.connection import wait

from desktop_app.core.nlp.worker_process import WORDS, SegmenterDied, SegmenterProcess, SegmentResult


class MemberDied(SegmenterDied):
    """One member of the pool is gone: `lost` are the ids of the jobs it held, `was_ready`
    whether it had loaded the model (a member that never does cannot be helped by restarts)."""

    def __init__(self, message: str, lost: list[int], was_ready: bool) -> None:
        super().__init__(message)
        self.lost = lost
        self.was_ready = was_ready


def default_workers(cores: int | None = None) -> int:
    """Cores minus one for the window, at least one."""
    n = cores if cores is not None else (os.cpu_count() or 1)
    return max(1, n - 1)


class SegmenterPool:
    """N SegmenterProcess members; not thread-safe: one thread drives it, as it drives one
    process. `SegmenterPool(1)` behaves as a single SegmenterProcess."""

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("a pool needs at least one process")
        self.members = [SegmenterProcess() for _ in range(size)]
        self._owner: dict[int, int] = {}  # job id -> member index

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def ready(self) -> bool:
        return any(m.ready for m in self.members)

    @property
    def pending(self) -> int:
        return sum(m.pending for m in self.members)

    @property
    def pid(self) -> int | None:
        return self.members[0].pid

    @property
    def pids(self) -> list[int | None]:
        return [m.pid for m in self.members]

    def start(self) -> None:
        """Start every member that is not running; returns at once."""
        for member in self.members:
            member.start()

    def is_alive(self) -> bool:
        return all(m.is_alive() for m in self.members)

    def submit(self, job_id: int, text: str, offset: int = 0, kind: str = WORDS) -> None:
        live = [i for i, m in enumerate(self.members) if m.is_alive()]
        if not live:
            raise SegmenterDied("The segmentation processes are not running.")
        index = min(live, key=lambda i: self.members[i].pending)
        self.members[index].submit(job_id, text, offset, kind)
        self._owner[job_id] = index

    def get_result(self, timeout: float | None = 0.0) -> SegmentResult | None:
        """The next finished job of any member, or None after `timeout` seconds; MemberDied
        (with the jobs it held) when a member is gone."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            for index, member in enumerate(self.members):  # what is already there first
                result = self._take(index, member)
                if result is not None:
                    return result
            waitables = [w for m in self.members for w in m.waitables()]
            if not waitables:
                raise SegmenterDied("The segmentation processes are not running.")
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                return None
            if not wait(waitables, left):
                return None
            # Something arrived (a result, a "ready" note, a death): look again.

    def _take(self, index: int, member: SegmenterProcess) -> SegmentResult | None:
        if not member.waitables():
            return None  # stopped after dying; restart() brings it back
        try:
            result = member.get_result(0.0)
        except SegmenterDied as e:
            lost = sorted(j for j, owner in self._owner.items() if owner == index)
            for job_id in lost:
                del self._owner[job_id]
            was_ready = member.ready
            member.stop()
            raise MemberDied(str(e), lost, was_ready) from e
        if result is not None:
            self._owner.pop(result.job_id, None)
        return result

    def restart(self) -> None:
        """Start the members that are gone; the others keep their jobs."""
        for member in self.members:
            if not member.is_alive():
                member.restart()

    def stop(self, timeout: float = 1.0) -> None:
        for member in self.members:
            member.stop(timeout)
        self._owner.clear()
