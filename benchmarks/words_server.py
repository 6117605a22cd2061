"""Concordance and frequencies on a server library against the same library in SQLite
(issue 17 point 2): a scale library (benchmarks/scale_library.py, with segmentations and
its word index) is copied, published into a PostgreSQL server started here the way the
tests start theirs (tests/postgres_server.py, durable settings), its word index built
there by word_index.build, then the same reads are timed on both, interleaved, and their
answers compared.

    .venv/bin/python benchmarks/words_server.py --library PATH/chugiai.sqlite3 [--rounds 5]

Not in `make bench` (no figures.py): it needs PostgreSQL's binaries.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import server_bench  # noqa: E402
from server_bench import load  # noqa: E402

from desktop_app.core.analysis import concordance as cc  # noqa: E402
from desktop_app.core.analysis.concordance_pages import all_lines, first_page, total_lines  # noqa: E402
from desktop_app.core.analysis.frequencies import word_frequencies  # noqa: E402
from desktop_app.core.nlp import word_index  # noqa: E402
from desktop_app.core.storage.database import Database  # noqa: E402
from desktop_app.core.storage.engine_copy import publish  # noqa: E402
from desktop_app.core.storage.location import open_library  # noqa: E402

QUERIES = (("very common word", "cán bộ"), ("common two-word phrase", "công tác cán bộ"),
           ("rarer word", "chi bộ"), ("unmarked word (NONE level)", "can bo"))


def timed(run: Callable[[], object]) -> tuple[float, object]:
    t = time.perf_counter()
    out = run()
    return (time.perf_counter() - t) * 1000, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, required=True, help="a library file (only read)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    server, folder = server_bench.start("chugiai-words-bench-")
    try:
        local = server_bench.copy_library(args.library, folder)
        lite = Database.open(local)
        word_index.build(lite)
        url = server.create_database("words_bench")
        t = time.perf_counter()
        publish(lite, url)
        print(f"publish: {time.perf_counter() - t:.1f} s; load {load()}", flush=True)
        remote = open_library(url)
        waiting = word_index.pending(remote)
        t = time.perf_counter()
        indexed = word_index.build(remote)
        took = time.perf_counter() - t
        print(f"server word index build: {indexed} of {waiting} articles in {took:.1f} s "
              f"({indexed / took:.0f} articles/s); load {load()}", flush=True)
        with remote.engine.connect() as conn:
            size = conn.exec_driver_sql(
                "SELECT pg_total_relation_size('word_sequences'), pg_total_relation_size('word_index_articles'),"
                " pg_total_relation_size('word_terms'), pg_total_relation_size('word_term_totals')").one()
        names = ("word_sequences (with GIN)", "word_index_articles", "word_terms", "word_term_totals")
        print("server sizes: " + ", ".join(f"{n} {b / 1e6:.1f} MB" for n, b in zip(names, size, strict=True)),
              flush=True)
        engines = (("SQLite", lite), ("server", remote))
        times: dict[tuple[str, str], list[float]] = {}
        answers: dict[tuple[str, str], object] = {}

        def note(engine: str, what: str, ms: float, out: object) -> None:
            times.setdefault((engine, what), []).append(ms)
            if (engine, what) in answers:
                assert answers[engine, what] == out, (engine, what)
            answers[engine, what] = out

        for n in range(args.rounds):
            for name, db in engines if n % 2 == 0 else engines[::-1]:
                for label, query in QUERIES:
                    cc.CACHE.clear()
                    ms, page = timed(lambda db=db, query=query: first_page(db, query, None))
                    note(name, f"{label} first page (cold) ms", ms, page)
                    ms, page = timed(lambda db=db, query=query: first_page(db, query, None))
                    note(name, f"{label} first page ms", ms, page)
                    ms, total = timed(lambda db=db, query=query: total_lines(db, query, None, count_at_most=None))
                    note(name, f"{label} total ms", ms, total)
                ms, result = timed(lambda db=db: word_frequencies(db))
                note(name, "whole-corpus frequencies ms", ms, result)
                if n < 2:
                    cc.CACHE.clear()
                    ms, lines = timed(lambda db=db: all_lines(db, "cán bộ", None, ("article", False))[0])
                    note(name, "load all lines of 'cán bộ' ms", ms, lines)
            print(f"round {n + 1} done; load {load()}", flush=True)
        whats = list(dict.fromkeys(w for _, w in times))
        for what in whats:
            lite_ms, remote_ms = statistics.median(times["SQLite", what]), statistics.median(times["server", what])
            same = answers["SQLite", what] == answers["server", what]
            print(f"{what}: SQLite {lite_ms:.1f}, server {remote_ms:.1f} (x{remote_ms / lite_ms:.1f})"
                  f"{'' if same else '  ANSWERS DIFFER'}")
        for label, query in QUERIES:
            print(f"{label} {query!r}: {answers['SQLite', f'{label} total ms']} lines")
        remote.close()
        lite.close()
        print(f"load average at the end: {load()}")
    finally:
        server_bench.stop(server, folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
