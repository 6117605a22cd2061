"""Corpus search on a PostgreSQL server library vs the same library in a SQLite file: the
whole `search()` call the window makes (sync check, ranking, reading the texts, passages
and marks), p50/p95 per matching level, on benchmarks/search.py's corpus and queries.

    .venv/bin/python benchmarks/search_server.py [N_ARTICLES] [--rounds 3]

Builds N articles (default 10,000) into a SQLite file in a temporary folder, indexes it
(FTS5), publishes it (engine_copy.publish) into a database on a test server it starts
itself (tests/postgres_server.py, durable: fsync on), opens that (the search tables are
made, every article queued) and indexes it (tsvector pieces). Each query runs `rounds`
times on each engine, interleaved; the median of each is kept. Not part of `make bench`
(it needs a server): it does not follow figures.py's --quick convention.

Measured (2 cores shared with other work, load average 3.5-4.6; PostgreSQL 15, fsync on;
search at limit 50, p50/p95 in ms, SQLite -> server): default 8.1/25.1 -> 36.4/106.7, exact
3.2/19.7 -> 17.0/78.1, same word 4.9/16.3 -> 17.0/62.8, no diacritics 5.5/15.1 -> 27.4/63.6.
Same number of hits for all 208 queries; same 50 ids for 183-193, same first hit 190-196
(ts_rank is not bm25). Server index: 10,000 articles in 85 s, 517 MB with its GIN indexes
(the word pairs take 325 of them). --rank-rows 300 (load 5-6): p95 246 / 67 / 44 / 69 ms,
but the same 50 ids for only 148-171 queries.
"""

from __future__ import annotations

import argparse
import random
import signal
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import search as corpus  # noqa: E402  (benchmarks/search.py: the corpus and the queries)
import server_bench  # noqa: E402
from server_bench import load  # noqa: E402
from sqlalchemy import text  # noqa: E402

from desktop_app.core.analysis import search_server  # noqa: E402
from desktop_app.core.analysis.search import search, sync_index  # noqa: E402
from desktop_app.core.storage.database import Database  # noqa: E402
from desktop_app.core.storage.engine_copy import publish  # noqa: E402
from desktop_app.core.storage.location import open_library  # noqa: E402
from desktop_app.core.text.matching import MatchLevel  # noqa: E402

LEVELS = (("default", None), ("exact", MatchLevel.EXACT), ("same word", MatchLevel.WORD),
          ("no diacritics", MatchLevel.NONE))


def percentile(times: list[float], f: float) -> float:
    t = sorted(times)
    return t[min(len(t) - 1, int(f * len(t)))] * 1e3


def timed(db: Database, query: str, level: MatchLevel | None) -> tuple[float, list[int]]:
    t0 = time.perf_counter()
    hits = search(db, query, level=level)
    return time.perf_counter() - t0, [h.article_id for h in hits]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rank-rows", type=int, default=search_server.RANK_ROWS,
                        help="matches up to which the server ranks by ts_rank (default: as SQLite)")
    args = parser.parse_args()
    search_server.RANK_ROWS = args.rank_rows
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop the server on a kill too
    rng = random.Random(11)  # as benchmarks/search.py: the same library and queries
    server, folder = server_bench.start("chugiai-search-bench-")
    try:
        lite = Database.open(folder / "bench.sqlite3")
        names = corpus.build_library(lite, args.n, rng)
        t0 = time.perf_counter()
        sync_index(lite)
        print(f"server ranks up to {search_server.RANK_ROWS} matches by ts_rank")
        print(f"{args.n:,} articles; SQLite FTS5 index built in {time.perf_counter() - t0:.1f} s; load {load()}")
        url = server.create_database("bench_search")
        t0 = time.perf_counter()
        publish(lite, url)
        print(f"published in {time.perf_counter() - t0:.1f} s")
        remote = open_library(url)
        t0 = time.perf_counter()
        indexed = sync_index(remote)
        took = time.perf_counter() - t0
        with remote.engine.connect() as conn:
            pieces, size = conn.execute(text(
                "SELECT count(*), pg_total_relation_size('search_chunks') FROM search_chunks")).one()
        print(f"server index: {indexed:,} articles in {took:.1f} s ({indexed / took:,.0f} articles/s), "
              f"{pieces:,} pieces, {size / 1e6:.1f} MB with its GIN index; load {load()}")
        t0 = time.perf_counter()
        for _ in range(50):
            sync_index(remote)
        print(f"server sync_index, nothing changed: {(time.perf_counter() - t0) / 50 * 1e3:.2f} ms")

        qs = corpus.queries(rng, names)
        search(lite, qs[0])
        search(remote, qs[0])
        for label, level in LEVELS:
            times: dict[str, list[float]] = {"sqlite": [], "server": []}
            same_ids = same_first = same_count = 0
            slow: list[tuple[float, str]] = []
            for q in qs:
                runs: dict[str, list[float]] = {"sqlite": [], "server": []}
                for _ in range(args.rounds):  # interleaved: both engines see the same load
                    t_lite, ids_lite = timed(lite, q, level)
                    t_server, ids_server = timed(remote, q, level)
                    runs["sqlite"].append(t_lite)
                    runs["server"].append(t_server)
                for engine, r in runs.items():
                    times[engine].append(statistics.median(r))
                slow.append((times["server"][-1], q))
                same_count += len(ids_lite) == len(ids_server)
                same_ids += set(ids_lite) == set(ids_server)
                same_first += ids_lite[:1] == ids_server[:1]
            print(f"{label}: {len(qs)} queries, limit 50, median of {args.rounds} runs each; load {load()}")
            for engine, t in times.items():
                print(f"  {engine:7s} p50 {percentile(t, 0.5):6.1f} ms  p95 {percentile(t, 0.95):6.1f} ms  "
                      f"max {max(t) * 1e3:6.1f} ms")
            print(f"  same number of hits {same_count}/{len(qs)}, same set of ids {same_ids}/{len(qs)}, "
                  f"same first hit {same_first}/{len(qs)}")
            print("  slowest on the server: " + "; ".join(f"{q!r} {t * 1e3:.0f} ms" for t, q in sorted(slow)[-4:]))
        remote.close()
        lite.close()
    finally:
        server_bench.stop(server, folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
