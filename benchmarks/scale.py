"""Libraries of 10,000, 100,000 (and with --million 1,000,000) small articles (issue 19):
per size, the import rate, the database size, start-up to the window shown, the article
list's first page for every sort, what-needs-segmenting at start, search p50/p95 per
matching level, concordance first page and total, whole-corpus frequencies, and RSS; once
per run, segmentation throughput with 1 and 2 worker processes.

    .venv/bin/python benchmarks/scale.py [--quick] [--million] [--sizes 10000,100000] [--rebuild]

The libraries are generated and cached by benchmarks/scale_library.py (files, import,
search index, synthetic segmentation and the word index), so a second run only measures;
the import rate of a cached size is the one measured when it was built (printed as such).
Search, concordance and frequencies are measured in fresh processes (their RSS is theirs).
--quick: 10k and 100k, fewer rounds and queries; the 10k import is measured afresh.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from figures import at_least, at_most, info, options, report  # noqa: E402
from scale_library import indexes, library  # noqa: E402

# Search per level and the word index's reads, each in a fresh interpreter: argv = library, rounds, sample.
SEARCH_CHILD = r"""
import json, sys
from pathlib import Path
import search, search_library
print(json.dumps(search_library.p95_per_level(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]),
                                              search_library.generated(search.queries))))
"""
WORDS_CHILD = r"""
import json, sys
import scale_words
print(json.dumps(scale_words.measure(sys.argv[1], rounds=int(sys.argv[2]))))
"""

CHILD = r"""
import json, sys, time
t0 = float(sys.argv[1])
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from desktop_app.ui.app import make_application, open_database
from desktop_app.ui.window.main_window import MainWindow
data = Path(sys.argv[2])
marks = {}
app = make_application([sys.argv[0], "-platform", "offscreen"])
db = open_database(data)
settings = QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat)
window = MainWindow(db, settings, start_worker=False)
window.show()
QTimer.singleShot(0, lambda: (marks.setdefault("window shown", time.time() - t0), app.quit()))
app.exec()
# VmHWM, not ru_maxrss: that one keeps the benchmark's own peak across fork and exec.
marks["rss"] = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM")) / 1024
window.close()
db.close()
print(json.dumps(marks))
"""


def start_up(data: Path, runs: int) -> tuple[float, float]:
    """Median time from launch to the window shown, and the worst RSS, over `runs` starts."""
    shown, rss = [], []
    # As a user's installation starts: from compiled bytecode (this machine may set
    # PYTHONDONTWRITEBYTECODE, which makes every start compile ~240 modules, 0.3 s);
    # the first, unmeasured start writes it.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    for run in range(runs + 1):
        t0 = time.time()
        out = subprocess.run([sys.executable, "-c", CHILD, repr(t0), str(data)], capture_output=True,
                             text=True, cwd=REPO, env=env, check=True)
        if run == 0:
            continue
        marks = json.loads(out.stdout.strip().splitlines()[-1])
        shown.append(marks["window shown"] * 1000)
        rss.append(marks["rss"])
    return statistics.median(shown), max(rss)


def list_first_page(data: Path) -> dict[str, float]:
    """Count plus the first page of 200, per sort (median of 5, ms), as the list reads them."""
    from desktop_app.core.library.articles import SORTS, LibraryFilter, list_articles
    from desktop_app.core.storage.database import Database

    try:
        from desktop_app.core.library.article_list import count_listed, list_page
    except ImportError:  # before issue 19: the list read every article (for "before" figures)
        def count_listed(db, where):  # type: ignore[misc]
            return 0

        def list_page(db, where, offset, limit):  # type: ignore[misc]
            return list_articles(db, where=where)

    db = Database.open(data / "chugiai.sqlite3")
    out = {}
    for sort in SORTS:
        where = LibraryFilter(sort=sort)
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            count_listed(db, where)
            list_page(db, where, 0, 200)
            times.append((time.perf_counter() - t0) * 1000)
        out[sort] = statistics.median(times)
    db.close()
    return out


def to_segment(data: Path) -> float:
    """What needs segmenting and tagging, as the worker asks at every start (ms)."""
    from desktop_app.core.nlp.pos_ner import articles_to_tag
    from desktop_app.core.nlp.stored import articles_to_segment
    from desktop_app.core.storage.database import Database

    db = Database.open(data / "chugiai.sqlite3")
    t0 = time.perf_counter()
    articles_to_segment(db)
    articles_to_tag(db)
    took = (time.perf_counter() - t0) * 1000
    db.close()
    return took


def child(code: str, *args: object) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "benchmarks")])}
    out = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True,
                         cwd=REPO, env=env)
    if out.returncode:
        raise SystemExit(f"a measuring process failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def segmentation(data: Path, articles: int) -> dict[str, float]:
    """Segmenting `articles` of this library's articles with underthesea in this process
    (one core), then with pools of 1 and 2 workers storing into a temp library: chars/s."""
    from segmentation_scaling import pooled
    from segmentation_throughput import direct, paragraphs_of

    from desktop_app.core.nlp import segmentation as nlp
    from desktop_app.core.storage.database import Database

    db = Database.open(data / "chugiai.sqlite3", read_only=True)
    with db.engine.connect() as conn:
        n = conn.exec_driver_sql("SELECT max(id) FROM articles").scalar() or 0
        step = max(1, n // articles)
        texts = [t for (t,) in conn.exec_driver_sql(
            f"SELECT text FROM articles WHERE id % {step} = 0 ORDER BY id LIMIT {articles}")]
    db.close()
    chars = sum(len(t) for t in texts)
    nlp.warm_up()
    out = {"articles": len(texts), "direct": chars / direct(paragraphs_of(texts))}
    for workers in (1, 2):
        wall, _cpu = pooled(texts, workers)
        out[f"pool {workers}"] = chars / wall
    return out


def main() -> None:
    opts = options()
    args = sys.argv[1:]
    if "--sizes" in args:
        sizes = [int(s) for s in args[args.index("--sizes") + 1].split(",")]
    else:
        sizes = [10_000, 100_000] + ([1_000_000] if "--million" in args else [])
    rounds, sample = (1, 40) if opts.quick else (3, 0)
    figures = []
    for n in sizes:
        fresh = opts.quick and n <= 10_000  # quick mode measures the small import every time
        data, built, cached = library(n, "--rebuild" in args or fresh)
        made = indexes(data)
        size = (data / "chugiai.sqlite3").stat().st_size
        pages = list_first_page(data)
        scan = to_segment(data)
        shown, rss = start_up(data, 3 if opts.quick else 5)
        found = child(SEARCH_CHILD, data / "chugiai.sqlite3", rounds, sample)
        words = child(WORDS_CHILD, data / "chugiai.sqlite3", 3 if opts.quick else 5)
        label = f"{n:,}"
        how = " (when built)" if cached else ""
        print(f"{label} articles: import {built['rate']:,.0f} articles/s{how}, "
              f"{built['bytes'] / built['articles']:,.0f} bytes per article before the indexes, "
              f"{size / built['articles']:,.0f} with them ({size / 1e6:,.0f} MB); "
              f"window shown {shown:,.0f} ms, RSS {rss:,.0f} MB, to segment/tag scan {scan:,.0f} ms; "
              f"load average {os.getloadavg()[0]:.1f}")
        print(f"  indexes built from nothing: search {made['search index seconds']:,.0f} s, "
              f"synthetic segmentation {made['segment_seconds']:,.0f} s, "
              f"word index {made['index_seconds']:,.0f} s ({made['index_rate']:,.0f} articles/s)")
        print("  list count + first page: " + ", ".join(f"{k} {v:.1f} ms" for k, v in pages.items()))
        print(f"  search ({found['queries']:.0f} queries, {rounds} rounds): " + ", ".join(
            f"{lvl} p50 {found[lvl + ' p50']:.0f} / p95 {found[lvl + ' p95']:.0f} ms"
            for lvl in ("default", "exact", "same word", "no diacritics")) + f"; RSS {found['rss MB']:.0f} MB")
        print("  words: " + ", ".join(f"{k} {v:,.0f}" for k, v in words.items()))
        figures += [
            at_least(f"import rate, {label}{how}", built["rate"], 2000, "articles/s"),
            info(f"import CPU per article (all processes), {label}", built.get("cpu per article ms", 0), "ms"),
            info(f"database per article with its indexes, {label}", size / built["articles"], "bytes"),
            at_most(f"window shown, {label}", shown, 1000, "ms"),
            at_most(f"list first page (worst sort), {label}", max(pages.values()), 50, "ms"),
            info(f"what needs segmenting/tagging, {label}", scan, "ms"),
            at_most(f"RSS at start, {label}", rss, 500, "MB"),
        ]
        for lvl in ("default", "exact", "same word", "no diacritics"):
            figures.append(at_most(f"search p95, {lvl}, {label}", found[lvl + " p95"], 100, "ms"))
        for name in ("very common word", "common two-word phrase", "rarer word"):
            figures.append(at_most(f"concordance first page, {name}, {label}", words[f"{name} first page ms"], 200, "ms"))
            total = words[f"{name} total ms"]
            if words[f"{name} lines"] >= 0 and f"{name} total uncapped ms" not in words:
                figures.append(at_most(f"concordance total, {name}, {label}", total, 1000, "ms"))
            else:  # the window shows "more than ..." at once; counting it costs this
                figures.append(at_most(f"concordance total counted in full, {name}, {label}",
                                       words[f"{name} total uncapped ms"], 1000, "ms"))
        figures += [at_most(f"whole-corpus frequencies, {label}", words["frequencies ms"], 1000, "ms"),
                    at_most(f"RSS of search / of concordance+frequencies, {label}",
                            max(found["rss MB"], words["rss MB"]), 500, "MB")]
    seg = segmentation(data, 400 if opts.quick else 1500)
    print(f"segmentation of {seg['articles']:.0f} of these articles: direct underthesea {seg['direct']:,.0f} chars/s; "
          f"pool of 1 {seg['pool 1']:,.0f} ({seg['pool 1'] / seg['direct']:.2f}x), "
          f"pool of 2 {seg['pool 2']:,.0f} ({seg['pool 2'] / seg['direct']:.2f}x); load {os.getloadavg()[0]:.1f}")
    figures += [at_least("segmentation, pool of 1 / direct", seg["pool 1"] / seg["direct"], 0.9, "x"),
                info("segmentation, pool of 2 / direct", seg["pool 2"] / seg["direct"], "x")]
    figures.append(info("benchmark process max RSS", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "MB"))
    report(figures, opts)


if __name__ == "__main__":
    main()
