"""segment-all: word segmentation (and tagging) of the whole library, on several cores.

The window does the same in the background; this is for a large corpus imported with
`chugiai import`, e.g. on a server with many cores, before anyone opens it.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time


def register(sub) -> None:
    from desktop_app.core.nlp.worker_pool import default_workers

    p = sub.add_parser(
        "segment-all", help="segment (and tag) every article that needs it, on several cores",
        description="Segment every article without a stored segmentation, with N worker processes "
                    "side by side, and store the words. Ctrl-C stops soon; what was stored stays "
                    "and the next run goes on from there.")
    p.add_argument("--workers", type=int, default=default_workers(), metavar="N",
                   help=f"worker processes (default: cores - 1, here {default_workers()})")
    p.add_argument("--tags", action="store_true",
                   help="also parts of speech and named-entity suggestions (about 3x the time)")
    p.set_defaults(handler=_cmd_segment_all, writes=True)


class _Printer:
    """The scheduler's news, on stderr: a progress line at most a few times a second."""

    def __init__(self) -> None:
        self.shown = 0.0
        self.failures = 0
        self.done = {"words": 0, "tags": 0}

    def progress(self, kind: str, done: int, total: int) -> None:
        self.done[kind] = done
        now = time.monotonic()
        if now - self.shown > 0.5 or done == total:
            self.shown = now
            print(f"\r{'words' if kind == 'words' else 'tags '}: {done} of {total} articles",
                  end="", file=sys.stderr, flush=True)

    def segmented(self, article_id: int) -> None:
        pass

    def tagged(self, article_id: int) -> None:
        pass

    def article_failed(self, kind: str, article_id: int, error: str) -> None:
        self.failures += 1
        print(f"\nchugiai: article {article_id} could not be processed ({error})", file=sys.stderr)

    def process_crashed(self, reason: str, restarted: bool) -> None:
        print(f"\nchugiai: {reason}" + (" Started again." if restarted else ""), file=sys.stderr)

    def failed(self, message: str) -> None:
        print(f"\nchugiai: {message}", file=sys.stderr)


def _cmd_segment_all(args: argparse.Namespace) -> int:
    from desktop_app.cli.common import open_db
    from desktop_app.core.nlp.scheduler import Scheduler, SchedulerControl, Stop
    from desktop_app.core.nlp.worker_pool import SegmenterPool

    if args.workers < 1:
        print("chugiai: --workers must be at least 1", file=sys.stderr)
        return 2
    db = open_db(args)
    control = SchedulerControl(tagging=args.tags)
    printer = _Printer()
    pool = SegmenterPool(args.workers)
    previous = signal.signal(signal.SIGINT, lambda *_: control.cancel())
    started = time.perf_counter()
    try:
        Scheduler(db, pool, control, printer).run()
        completed = True
    except Stop:
        completed = False
    finally:
        signal.signal(signal.SIGINT, previous)
        pool.stop()
        db.close()
    seconds = time.perf_counter() - started
    print(f"\n{'done' if completed else 'stopped'}: {printer.done['words']} articles segmented"
          + (f", {printer.done['tags']} tagged" if args.tags else "")
          + f" in {seconds:.1f} s with {args.workers} worker process{'es' if args.workers != 1 else ''}",
          file=sys.stderr)
    if not completed:
        return 130 if control.cancelled else 1
    return 1 if printer.failures else 0
