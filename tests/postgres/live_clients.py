"""Clients of one server library run as separate processes, by the live-update tests and by
benchmarks/server_coders.py:

    python -m tests.postgres.live_clients writer URL CODER ARTICLE_ID COUNT
    python -m tests.postgres.live_clients reader URL EXPECTED TIMEOUT_S

A writer creates COUNT highlights through the core operation (Operations.create_highlight,
one transaction each, logged in change_log) as coder CODER and prints one line per
acknowledged highlight: `ack <id> <wall time> <latency s>` (with $CHUGIAI_START_AT, an
epoch time, it starts writing then: the benchmark starts its writers together). A reader watches the library
(ServerWatch.wait, LISTEN) and prints `ready` once watching, then `seen <id> <wall time>`
for each created highlight reported to it, until it has seen EXPECTED of them or TIMEOUT_S
passed; then `done <rows of other clients>`.
"""

from __future__ import annotations

import os
import sys
import time

from desktop_app.core.library.coders import use_coder
from desktop_app.core.operations.editor import Operations
from desktop_app.core.operations.server_watch import ServerWatch
from desktop_app.core.storage.location import open_library
from desktop_app.core.text.spans import TextSpan


def writer(url: str, coder: str, article_id: int, count: int) -> None:
    db = open_library(url)
    use_coder(db, coder)
    ops = Operations(db)
    out = sys.stdout
    start_at = float(os.environ.get("CHUGIAI_START_AT", "0"))  # all writers at once (benchmark)
    if start_at:
        time.sleep(max(0.0, start_at - time.time()))
    for i in range(count):
        start = (i * 7) % 200
        t0 = time.perf_counter()
        made = ops.create_highlight(article_id, TextSpan(start, start + 5), [f"{coder}-{i % 5}"])
        latency = time.perf_counter() - t0
        out.write(f"ack {made.value.id} {time.time():.6f} {latency:.6f}\n")
    out.flush()
    db.close()


def reader(url: str, expected: int, timeout: float) -> None:
    db = open_library(url, read_only=True)
    watch = ServerWatch(db)
    if not watch.start():
        raise SystemExit(f"cannot watch: {watch.lost_reason}")
    print("ready", flush=True)
    seen = 0
    end = time.monotonic() + timeout
    while seen < expected and time.monotonic() < end:
        changes = watch.wait(min(1.0, max(0.0, end - time.monotonic())))
        now = time.time()
        lines = [f"seen {h} {now:.6f}" for h in sorted(changes.highlights_created)]
        seen += len(lines)
        if lines:
            print("\n".join(lines), flush=True)
    print(f"done {watch.remote_rows}", flush=True)
    watch.close()
    db.close()


if __name__ == "__main__":
    role, url, *rest = sys.argv[1:]
    if role == "writer":
        writer(url, rest[0], int(rest[1]), int(rest[2]))
    else:
        reader(url, int(rest[0]), float(rest[1]))
