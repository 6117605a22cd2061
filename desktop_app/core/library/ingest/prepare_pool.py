"""Reading and preparing import files on other processes, in order, while this one stores.

Preparing a small article (decode, normalize, metadata, boilerplate) costs ~250 us of
Python and storing it ~100 us, so one process imports ~3,000 small articles a second and
leaves the second core idle. A large import hands chunks of files to spawned worker
processes (never forked: the app has threads) and takes the results back in file order,
a few chunks ahead; a small one is prepared here (a spawned process costs ~0.3 s).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

log = logging.getLogger(__name__)

PARALLEL_MIN = 2000  # files: below this the workers' start costs more than they save
CHUNK = 64  # files per task: a result is ~200 KB to pickle
AHEAD = 4  # tasks queued per worker, so none waits between chunks

# What preparing one file gave: ("row", row, facts), ("failed", reason, None) for a file
# the user can act on, ("error", words, None) for a bug; ("skip", None, None) for a file
# passed over (unchanged since it was imported).
Prepared = tuple[str, object, object]
SKIP: Prepared = ("skip", None, None)


def default_workers() -> int:
    """One per core (this process mostly waits: storing is ~1/3 of the work), none on
    one core."""
    cores = os.cpu_count() or 1
    return min(cores, 8) if cores > 1 else 0


def _prepare_chunk(prepare: Callable[[Path], Prepared], paths: list[Path]) -> list[Prepared]:
    return [prepare(p) for p in paths]


def prepared_in_order(paths: Sequence[Path], prepare: Callable[[Path], Prepared],
                      skip: Callable[[Path], bool], workers: int | None = None
                      ) -> Generator[Prepared, None, None]:
    """One Prepared per path, in order. `prepare` must be a module-level function (it is
    sent to the workers); `skip` runs here. Closing the iterator early (a cancel) stops
    the workers after the chunks they are on."""
    workers = default_workers() if workers is None else workers
    if workers < 1 or len(paths) < PARALLEL_MIN:
        for path in paths:
            yield SKIP if skip(path) else prepare(path)
        return
    chunks = (list(paths[i:i + CHUNK]) for i in range(0, len(paths), CHUNK))
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    pending: deque[tuple[list[Path], list[bool], Future[list[Prepared]]]] = deque()

    def submit() -> bool:
        chunk = next(chunks, None)
        if chunk is None:
            return False
        skipped = [skip(p) for p in chunk]
        sent = [p for p, s in zip(chunk, skipped, strict=True) if not s]
        pending.append((chunk, skipped, pool.submit(_prepare_chunk, prepare, sent)))
        return True

    try:
        for _ in range(workers * AHEAD):
            if not submit():
                break
        while pending:
            chunk, skipped, future = pending.popleft()
            try:
                results = iter(future.result())
            except BrokenProcessPool:  # a worker died (out of memory?): the rest is done here
                log.warning("An import worker process stopped; preparing the rest in this process")
                results = iter([prepare(p) for p, s in zip(chunk, skipped, strict=True) if not s])
                yield from (SKIP if s else next(results) for s in skipped)
                for chunk, skipped, _future in pending:
                    yield from (SKIP if s else prepare(p) for p, s in zip(chunk, skipped, strict=True))
                pending.clear()
                for chunk in chunks:
                    yield from (SKIP if skip(p) else prepare(p) for p in chunk)
                return
            submit()
            yield from (SKIP if s else next(results) for s in skipped)
    finally:
        for _chunk, _skipped, future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
