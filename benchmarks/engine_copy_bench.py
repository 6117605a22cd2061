"""publish and a server library's backup (core/storage/engine_copy.py) on a real server: time,
rows/s and MB/s of the library file, median over rounds, with the load average.

    PYTHONPATH=. python benchmarks/engine_copy_bench.py --library ~/.cache/chugiai-bench/scale/10000/chugiai.sqlite3

The library is first copied (sqlite3 backup API, read-only source) into a temporary folder:
the file named is never written. Each round publishes into a new database and backs that up
into a new file. The server keeps its own durability settings (fsync on), as a team's would.
Not in `make bench`: it needs PostgreSQL's binaries (tests/postgres_server.py).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import server_bench  # noqa: E402
from server_bench import load  # noqa: E402

from desktop_app.core.storage.database import Database  # noqa: E402
from desktop_app.core.storage.engine_copy import backup_to_file, publish  # noqa: E402
from desktop_app.core.storage.location import open_library  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, required=True, help="a library file (only read)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    server, folder = server_bench.start("chugiai-copy-bench-")
    try:
        local = server_bench.copy_library(args.library, folder)
        size_mb = local.stat().st_size / 1e6
        db = Database.open(local)  # upgrades the copy if it is older
        print(f"library: {args.library} ({size_mb:.0f} MB copied to {local}); load {load()}")
        publishes, backups = [], []
        rows = 0
        for n in range(args.rounds):
            url = server.create_database(f"bench_{n}")
            before = load()
            t = time.perf_counter()
            published = publish(db, url)
            publishes.append(time.perf_counter() - t)
            rows = published.rows
            if n == 0:
                print("tables: " + ", ".join(f"{t.table} {t.target.rows}" for t in published.tables
                                             if t.target.rows))
            server_db = open_library(url)
            target = folder / f"back_{n}.sqlite3"
            t = time.perf_counter()
            backup_to_file(server_db, target)
            backups.append(time.perf_counter() - t)
            server_db.close()
            print(f"round {n + 1}: publish {publishes[-1]:.1f} s, backup {backups[-1]:.1f} s, "
                  f"{rows} rows; load before {before}, after {load()}")
            target.unlink()
        db.close()
        for name, times in (("publish", publishes), ("backup", backups)):
            med = statistics.median(times)
            print(f"{name}: median {med:.1f} s (min {min(times):.1f}, max {max(times):.1f}) over "
                  f"{len(times)} rounds: {rows / med:,.0f} rows/s, {size_mb / med:.1f} MB/s of the file")
        print(f"load average at the end: {load()}")
    finally:
        server_bench.stop(server, folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
