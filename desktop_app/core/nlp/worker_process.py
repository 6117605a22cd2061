"""One worker process that runs underthesea, fed small jobs.

underthesea holds the GIL for a whole call: in a thread, one long call froze the GUI
for seconds; in a separate process the GUI's 5 ms timer stayed within ~1.6 ms
(DESIGN.md). Jobs are paragraph-sized so cancelling never waits long, and a job that
raises only returns an error. Qt-free: the UI's worker thread drives this class.

Two kinds of job: WORDS (segmentation: flat spans) and TAGS (parts of speech and named
entities, `tagging.tag_paragraph`: flat spans, plus one POS tag per span and the
entities). The tagging models load on the first TAGS job, so segmentation starts as
early as before.
"""

from __future__ import annotations

import multiprocessing as mp
import signal
import threading
import time
import traceback
from array import array
from multiprocessing.connection import Connection, wait
from typing import Any, NamedTuple

_READY = "ready"
_FATAL = "fatal"
_CTX = mp.get_context("spawn")
WORDS = "words"
TAGS = "tags"  # fork would copy Qt and SQLite state into the child


class SegmenterDied(RuntimeError):
    """The worker process is gone; `restart()` starts a new one."""


class SegmentResult(NamedTuple):
    """Spans of one job, as a flat uint32 array (start, end, start, end, ...).

    For a TAGS job `flat` holds the POS spans, `tags` one POS tag per span and
    `entities` [(start, end, label)]; offsets include the job's offset."""

    job_id: int
    flat: array
    error: str | None = None
    tags: list[str] | None = None
    entities: list[tuple[int, int, str]] | None = None

    @property
    def spans(self) -> list[tuple[int, int]]:
        return list(zip(self.flat[0::2], self.flat[1::2], strict=True))


def _exit_with_parent() -> None:
    """Leave when the app dies, even by SIGKILL: nobody would ever send a stop job."""
    parent = mp.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        import os

        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _yield_cpu_to_the_window() -> None:
    """Background work must not starve the window: on a 2-core machine, loading the model
    with default settings delayed the GUI thread's 5 ms timer by up to ~20-60 ms."""
    import os

    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    try:
        os.nice(10)
    except (AttributeError, OSError):
        pass  # not on this platform, or not allowed: run at normal priority


def _serve(jobs: Any, results: Connection) -> None:
    """Child process main loop: import and warm up underthesea, then serve jobs."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the app, which stops us
    _exit_with_parent()
    _yield_cpu_to_the_window()
    try:
        from desktop_app.core.nlp import segmentation as nlp

        nlp.warm_up()
    except BaseException:  # noqa: BLE001 - reported to the parent, then we stop
        results.send((_FATAL, traceback.format_exc()))
        return
    results.send((_READY, None))
    while True:
        job = jobs.get()
        if job is None:
            return
        job_id, text, offset, kind = job
        try:
            flat = array("I")
            if kind == TAGS:
                from desktop_app.core.nlp import pos_ner as tagging

                pos, found = tagging.tag_paragraph(text)
                tags = []
                for start, end, tag in pos:
                    flat.append(start + offset)
                    flat.append(end + offset)
                    tags.append(tag)
                entities = [(s + offset, e + offset, label) for s, e, label in found]
                results.send((job_id, flat, None, tags, entities))
                continue
            for start, end in nlp.segment_text(text):
                flat.append(start + offset)
                flat.append(end + offset)
        except Exception as e:  # one bad job must not take the process down
            results.send((job_id, None, f"{type(e).__name__}: {e}", None, None))
        else:
            results.send((job_id, flat, None, None, None))


def _describe_exit(exitcode: int | None) -> str:
    if exitcode is None:
        return "stopped responding"
    if exitcode < 0:
        try:
            return f"was killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"was killed by signal {-exitcode}"
    return f"exited with code {exitcode}"


class SegmenterProcess:
    """Owns the worker process. Not thread-safe: one thread drives it."""

    def __init__(self) -> None:
        self._proc: Any = None
        self._jobs: Any = None
        self._results: Connection | None = None
        self.ready = False
        self.pending = 0  # jobs submitted whose result has not been read

    def start(self) -> None:
        """Start the process; returns at once (model loading, ~0.5 s, happens in the child)."""
        if self.is_alive():
            return
        self._discard()
        self._jobs = _CTX.Queue()
        receiver, sender = _CTX.Pipe(duplex=False)
        self._proc = _CTX.Process(
            target=_serve, args=(self._jobs, sender), name="chugiai-segmenter", daemon=True
        )
        self._proc.start()
        sender.close()  # only the child writes: its death becomes EOF for us
        self._results = receiver
        self.ready = False
        self.pending = 0

    @property
    def pid(self) -> int | None:
        return None if self._proc is None else self._proc.pid

    def is_alive(self) -> bool:
        return self._proc is not None and self._proc.is_alive()

    def waitables(self) -> list[Any]:
        """What `multiprocessing.connection.wait` can watch for this process's news (its
        results and its death); empty when it is not running."""
        if self._proc is None or self._results is None:
            return []
        return [self._results, self._proc.sentinel]

    def submit(self, job_id: int, text: str, offset: int = 0, kind: str = WORDS) -> None:
        """Queue one job; never blocks. `offset` is added to every span it returns."""
        if self._proc is None or self._jobs is None:
            raise SegmenterDied("The segmentation process is not running.")
        if kind not in (WORDS, TAGS):
            raise ValueError(f"unknown job kind {kind!r}")
        self._jobs.put((job_id, text, offset, kind))
        self.pending += 1

    def get_result(self, timeout: float | None = 0.0) -> SegmentResult | None:
        """The next finished job, or None after `timeout` seconds.

        Raises SegmenterDied if the process is gone (crash, kill, failed model load);
        results it sent before dying are still returned first.
        """
        if self._proc is None or self._results is None:
            raise SegmenterDied("The segmentation process is not running.")
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready = wait([self._results, self._proc.sentinel], left)
            if not ready:
                return None
            if self._results.poll(0):
                try:
                    message = self._results.recv()
                except (EOFError, OSError):
                    self._raise_died()
                tag = message[0]
                if tag == _READY:
                    self.ready = True
                    continue
                if tag == _FATAL:
                    self._proc.join(1.0)
                    raise SegmenterDied(
                        "The segmentation engine could not be loaded:\n" + str(message[1])
                    )
                job_id, flat, error, tags, entities = message
                self.pending = max(0, self.pending - 1)
                return SegmentResult(job_id, flat if flat is not None else array("I"), error,
                                     tags, entities)
            self._raise_died()

    def _raise_died(self) -> None:
        self._proc.join(1.0)
        raise SegmenterDied(
            f"The word segmentation process {_describe_exit(self._proc.exitcode)}."
        )

    def restart(self) -> None:
        """Start a fresh process after a crash; jobs in flight are lost (resubmit them)."""
        self.stop()
        self.start()

    def stop(self, timeout: float = 1.0) -> None:
        """Stop the process: politely when idle, by terminate() when busy or stuck."""
        proc = self._proc
        if proc is not None and proc.is_alive():
            if self.pending == 0 and self._jobs is not None:
                try:
                    self._jobs.put(None)
                except (ValueError, OSError):
                    pass
                proc.join(timeout)
            if proc.is_alive():
                proc.terminate()
                proc.join(timeout)
            if proc.is_alive():
                proc.kill()
                proc.join(timeout)
        self._discard()

    def _discard(self) -> None:
        """Close our ends; a dead child's queue must not keep a feeder thread waiting."""
        if self._jobs is not None:
            self._jobs.close()
            self._jobs.cancel_join_thread()
            self._jobs = None
        if self._results is not None:
            self._results.close()
            self._results = None
        if self._proc is not None:
            try:
                self._proc.close()
            except ValueError:
                pass  # still running (could not be stopped); the OS reaps it later
            self._proc = None
        self.ready = False
        self.pending = 0
