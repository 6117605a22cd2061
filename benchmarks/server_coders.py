"""Five coders writing to one server library at once, and a sixth client watching (issue 17).

    PYTHONPATH=. .venv/bin/python benchmarks/server_coders.py [--coders 5] [--each 1000] [--same-article]

A PostgreSQL server is started here (tests/postgres_server.py) with its default durability
(fsync and synchronous_commit on). Each coder is a process of its own creating EACH
highlights through the core operation (Operations.create_highlight: one transaction each,
with its change_log row and NOTIFY; tests/postgres/live_clients.py), all starting at the
same moment, each on an article of its own (--same-article: all on one). A reader process
watches the library (ServerWatch.wait, LISTEN) and notes when each highlight reaches it.

Prints: throughput (commits/s over the whole run), write latency (p50/p95/max of one
create_highlight as its caller waits for it), how long after a writer's acknowledgement the
watching client has the change (p50/p95/max; wall clocks of one machine), and the checks:
every acknowledged highlight stored once and seen once by the watcher (none lost, none
duplicated). Not in `make bench` (no figures.py): it needs PostgreSQL's binaries.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select, text  # noqa: E402

from desktop_app.core.storage.location import open_library  # noqa: E402
from desktop_app.core.storage.models import Article, Highlight  # noqa: E402
from tests.postgres_server import start_server  # noqa: E402

BODY = "Hà Nội mùa thu, cây cơm nguội vàng, cây bàng lá đỏ, nằm kề bên nhau, phố xưa nhà cổ. " * 4


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms"


def client(*args: str, env: dict[str, str] | None = None, out: IO[str] | int = subprocess.PIPE
           ) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "tests.postgres.live_clients", *args], cwd=ROOT,
                            env=dict(os.environ, PYTHONPATH=str(ROOT), **(env or {})),
                            stdout=out, stderr=subprocess.PIPE, text=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--coders", type=int, default=5)
    parser.add_argument("--each", type=int, default=1000)
    parser.add_argument("--same-article", action="store_true")
    args = parser.parse_args()
    server = start_server(durable=True)
    try:
        url = server.url()
        db = open_library(url)
        with db.session() as s:
            articles = []
            for _ in range(1 if args.same_article else args.coders):
                a = Article(title="Bài", text=BODY, original_text=BODY, content_hash=uuid.uuid4().hex.ljust(64, "0"))
                s.add(a)
                s.flush()
                articles.append(int(a.id))
        total = args.coders * args.each
        # The reader writes to a file: a pipe nobody drains until the writers end would
        # fill up and stop it (its delays would be the pipe's, not the server's).
        seen_file = tempfile.NamedTemporaryFile("w+", encoding="utf-8", suffix=".seen")
        reader = client("reader", url, str(total), "600", out=seen_file)
        while "ready" not in Path(seen_file.name).read_text(encoding="utf-8"):
            if reader.poll() is not None:
                raise SystemExit(reader.stderr.read() if reader.stderr else "reader failed")
            time.sleep(0.05)
        start_at = time.time() + 3.0  # time for the writers to start and open the library
        writers = [client("writer", url, f"coder{i + 1}", str(articles[i % len(articles)]), str(args.each),
                          env={"CHUGIAI_START_AT": f"{start_at:.6f}"}) for i in range(args.coders)]
        acked: dict[int, float] = {}
        latencies: list[float] = []
        for w in writers:
            out, err = w.communicate()
            if w.returncode != 0:
                raise SystemExit(f"a writer failed: {err[-2000:]}")
            for line in out.splitlines():
                if line.startswith("ack "):
                    _tag, hid, at, latency = line.split()
                    if int(hid) in acked:
                        raise SystemExit(f"highlight {hid} acknowledged twice")
                    acked[int(hid)] = float(at)
                    latencies.append(float(latency))
        reader.communicate(timeout=600)
        out = Path(seen_file.name).read_text(encoding="utf-8")
        seen_file.close()
        seen: dict[int, float] = {}
        seen_count: Counter[int] = Counter()
        for line in out.splitlines():
            if line.startswith("seen "):
                _tag, hid, at = line.split()
                seen_count[int(hid)] += 1
                seen.setdefault(int(hid), float(at))
        with db.session() as s:
            stored = list(s.scalars(select(Highlight.id)))
            logged = int(s.execute(text("SELECT count(*) FROM change_log")).scalar_one())
            retried = int(s.execute(text("SELECT count(*) FROM change_log WHERE attempt > 0")).scalar_one())
            coders = int(s.scalar(select(func.count(func.distinct(Highlight.coder_id)))) or 0)
        db.close()

        span = max(acked.values()) - start_at
        delays = [max(0.0, seen[h] - acked[h]) for h in acked if h in seen]
        version = server._run("postgres", "--version").stdout.strip()
        print(f"{version}, fsync on; {args.coders} coders x {args.each} highlights through "
              f"Operations.create_highlight, {'one article' if args.same_article else 'an article each'}; "
              f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
        print(f"throughput: {len(acked) / span:.0f} commits/s ({len(acked)} in {span:.1f} s)")
        print(f"write latency: p50 {ms(statistics.median(latencies))}, p95 {ms(pct(latencies, 0.95))}, "
              f"max {ms(max(latencies))}")
        if delays:
            print(f"seen by the watching client after the writer's acknowledgement: p50 {ms(statistics.median(delays))}, "
                  f"p95 {ms(pct(delays, 0.95))}, max {ms(max(delays))}")
        lost = set(acked) - set(seen)
        twice = [h for h, n in seen_count.items() if n > 1]
        print(f"checks: acknowledged {len(acked)}, stored {len(stored)} ({len(set(stored))} distinct, "
              f"{coders} coders), log rows {logged} ({retried} committed on a retry), seen by the watcher "
              f"{len(seen)}, not seen {len(lost)}, seen twice {len(twice)}")
        ok = (len(acked) == total and sorted(stored) == sorted(acked) and logged == total
              and not lost and not twice)
        print("none lost, none duplicated" if ok else "FAILED: see the checks above")
        if not ok:
            raise SystemExit(1)
    finally:
        server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)


if __name__ == "__main__":
    main()
