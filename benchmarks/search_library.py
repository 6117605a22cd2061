"""Search on a library built elsewhere (100,000 or 1,000,000 articles): query latency per
matching level, and optionally the full index build with progress and a cancel.

    .venv/bin/python benchmarks/search.py --library PATH [--queries FILE] [--sample N]
        [--rounds R] [--rebuild]

The library is written to (the index is synced, --rebuild rebuilds it): give a copy, never
a library others use. Queries: FILE, else PATH.queries.json, else generated from the seeds
(common and rare words, phrases, half typed without diacritics), plus the issue's examples.
Each round runs every query once at every level; a query's figure is its median over the
rounds (the machine is shared). --sample N keeps every k-th query (N in all).
Target (issue 19 item 4): p95 <= 100 ms per level at 1,000,000 articles.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

from figures import Options, at_most, info, peak_rss_mb, report

from desktop_app.core.analysis.search import search
from desktop_app.core.analysis.search_index import BATCH, rebuild_index, sync_index
from desktop_app.core.progress import Cancelled, Progress
from desktop_app.core.storage.database import Database
from desktop_app.core.text.matching import MatchLevel

LEVELS = (("default", None), ("exact", MatchLevel.EXACT), ("same word", MatchLevel.WORD),
          ("no diacritics", MatchLevel.NONE))
# The examples: folded spellings, đ/d, common phrases.
EXAMPLES = ["can bo", "dang", "Đảng", "đảng viên", "dang vien", "xây dựng", "xay dung dang",
            "Nghị quyết", "nghi quyet trung uong", "tổ chức", "to chuc can bo", "công tác cán bộ"]


def _arg(name: str, default: str | None = None) -> str | None:
    if name not in sys.argv:
        return default
    at = sys.argv.index(name)
    return sys.argv[at + 1]


def _load_queries(path: Path, generate) -> list[str]:
    given = _arg("--queries")
    file = Path(given) if given else path.with_name(path.name + ".queries.json")
    qs = json.loads(file.read_text(encoding="utf-8")) if file.exists() else generate()
    qs = list(dict.fromkeys(qs + EXAMPLES))
    sample = int(_arg("--sample", "0") or 0)
    if sample and sample < len(qs):
        step = len(qs) / sample
        qs = [qs[int(i * step)] for i in range(sample)]
    return qs


def _rebuild(db: Database) -> tuple[float, int]:
    """Cancel a rebuild after two batches (what was committed must stay), then let a sync
    finish it with progress: (seconds, articles)."""
    stop = Progress(lambda done, total, _note: stopper.cancel() if done >= 2 * BATCH else None)
    stopper = stop
    t0 = time.perf_counter()
    try:
        rebuild_index(db, stop)
        raise SystemExit("the rebuild was not cancelled")
    except Cancelled:
        pass
    with db.engine.connect() as conn:
        left = conn.exec_driver_sql("SELECT count(*) FROM search_pending").scalar()
        kept = conn.exec_driver_sql("SELECT count(*) FROM search_indexed").scalar()
    print(f"rebuild cancelled after {time.perf_counter() - t0:.1f} s: {kept:,} indexed kept, "
          f"{left:,} waiting")
    last = [0.0]

    def show(done: int, total: int, _note: str) -> None:
        if time.perf_counter() - last[0] > 30 or done >= total:
            last[0] = time.perf_counter()
            print(f"  {done:,} / {total:,} ({time.perf_counter() - t0:.0f} s, "
                  f"{os.getloadavg()[0]:.1f} load, RSS {peak_rss_mb():.0f} MB)", flush=True)

    count = sync_index(db, Progress(show))
    took = time.perf_counter() - t0
    print(f"full build: {count + kept:,} articles in {took:.0f} s ({(count + kept) / took:,.0f} articles/s)")
    return took, count + kept


def run(path: Path, opts: Options, generate) -> None:
    rounds = int(_arg("--rounds", "3") or 3)
    db = Database.open(path)
    figures = []
    if "--rebuild" in sys.argv:
        took, count = _rebuild(db)
        figures.append(info(f"index build ({count:,} articles)", count / took, "articles/s"))
    t0 = time.perf_counter()
    waiting = sync_index(db)
    print(f"sync_index: {waiting:,} articles caught up in {time.perf_counter() - t0:.1f} s")
    idle = []
    for _ in range(20):
        t0 = time.perf_counter()
        sync_index(db)
        idle.append((time.perf_counter() - t0) * 1e3)
    with db.engine.connect() as conn:
        n = conn.exec_driver_sql("SELECT count(*) FROM articles").scalar()
    qs = _load_queries(path, generate)
    print(f"{n:,} articles; {len(qs)} queries, {rounds} rounds; load {os.getloadavg()}; "
          f"sync with nothing changed: median {statistics.median(idle):.2f} ms")
    per_level = timed(db, qs, rounds)
    for label, (ms, words, found) in per_level.items():
        p = lambda f, t=ms: t[min(len(t) - 1, int(f * len(t)))]  # noqa: E731
        empty = sum(1 for c in found.values() if c == 0)
        print(f"{label}: p50 {p(0.5):.1f} ms, p95 {p(0.95):.1f} ms, max {ms[-1]:.1f} ms; {empty} found nothing;"
              f" without the {len(ms) - len(words)} prefix queries p95 {p(0.95, words):.1f} ms")
        figures += [at_most(f"query p95, {label}", p(0.95), 100, "ms"), info(f"query p50, {label}", p(0.5), "ms")]
    print(f"load average {os.getloadavg()}; peak RSS {peak_rss_mb():.0f} MB")
    figures.append(info("peak RSS", peak_rss_mb(), "MB"))
    db.close()
    report(figures, opts)


def timed(db: Database, qs: list[str], rounds: int) -> dict[str, tuple[list[float], list[float], dict[str, int]]]:
    """Per level: every query's median over the rounds (sorted, ms), the same without the
    prefix queries, and the hits per query. Each round runs every query at every level."""
    search(db, qs[0])  # letter classes, page cache
    times: dict[str, dict[str, list[float]]] = {label: {q: [] for q in qs} for label, _ in LEVELS}
    found: dict[str, dict[str, int]] = {label: {} for label, _ in LEVELS}
    for _ in range(rounds):
        for label, level in LEVELS:
            for q in qs:
                t0 = time.perf_counter()
                hits = search(db, q, level=level)
                times[label][q].append((time.perf_counter() - t0) * 1e3)
                found[label][q] = len(hits)
    out = {}
    for label, _ in LEVELS:
        per_query = sorted((statistics.median(ts), q) for q, ts in times[label].items())
        print("  " + label + ", slowest: " + "; ".join(
            f"{q!r} {t:.0f} ms ({found[label][q]})" for t, q in per_query[-5:][::-1]))
        # prefix queries read many terms' lists: reported apart as well
        out[label] = ([t for t, _ in per_query], [t for t, q in per_query if "*" not in q], found[label])
    return out


def p95_per_level(path: Path, rounds: int, sample: int, generate) -> dict[str, float]:
    """For the scale benchmark: p50/p95 per level (ms) on the library at `path` (synced first)."""
    db = Database.open(path)
    sync_index(db)
    qs = list(dict.fromkeys(generate() + EXAMPLES))
    if sample and sample < len(qs):
        qs = [qs[int(i * len(qs) / sample)] for i in range(sample)]
    out: dict[str, float] = {"queries": len(qs)}
    for label, (ms, words, _found) in timed(db, qs, rounds).items():
        out[f"{label} p50"] = ms[min(len(ms) - 1, len(ms) // 2)]
        out[f"{label} p95"] = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
        out[f"{label} p95 without prefix"] = words[min(len(words) - 1, int(0.95 * len(words)))]
    out["rss MB"] = peak_rss_mb()
    db.close()
    return out


def generated(queries, seed: int = 11):
    """The seed-derived queries of benchmarks/search.py (no generated names)."""
    return lambda: queries(random.Random(seed), [])
