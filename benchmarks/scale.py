"""Libraries of 10,000, 100,000 (and with --million 1,000,000) small articles (issue 19):
per size, the import rate, the database size per article, start-up to the window shown,
the article list's first page for every sort, what-needs-segmenting at start, and RSS.

    .venv/bin/python benchmarks/scale.py [--quick] [--million] [--sizes 10000,100000] [--rebuild] [--no-index]

The small articles (~1.3 KB: a title, a date and source line, two or three paragraphs
of the seeds with words swapped) are generated once and cached with the library built
from them in ~/.cache/chugiai-bench/scale/N/ ($CHUGIAI_BENCH_CACHE overrides), so a
second run only measures. The import rate of a cached size is the one measured when it
was built (printed as such). A built library gets its search index (not timed in the
import rate; --no-index leaves it out, and the window then indexes in the background at
every start). --quick: 10k and 100k; the 10k import is measured afresh.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from corpus import PLACES, SEEDS, WORDS  # noqa: E402
from figures import at_least, at_most, info, options, report  # noqa: E402

CACHE = Path(os.environ.get("CHUGIAI_BENCH_CACHE", Path.home() / ".cache" / "chugiai-bench")) / "scale"
FILES_PER_FOLDER = 1000
SOURCES = ["TTXVN", "PLVN", "NLĐ", "TTO", "VnExpress", "Dân trí", "Nhân Dân", "QĐND"]

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


def paragraphs() -> list[str]:
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        found += [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 120]
    return found


def article(i: int, rng: random.Random, pool: list[str]) -> str:
    """One small article, different from every other (its number is in the title)."""
    body = []
    for p in rng.sample(pool, rng.randint(2, 3)):
        words = p.split(" ")
        cut = rng.randint(40, 90)
        text = " ".join(words[:cut])
        for _ in range(2):
            text = text.replace(rng.choice(WORDS), rng.choice(WORDS), 1)
        body.append(text)
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2000, 2024)
    title = f"{rng.choice(WORDS).capitalize()} {rng.choice(PLACES)}: {rng.choice(WORDS)} số {i}"
    return (f"{title}\n{day:02d}/{month:02d}/{year} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}\n"
            f"({rng.choice(SOURCES)}) - " + "\n\n".join(body) + "\n")


def make_files(folder: Path, n: int, seed: int = 19) -> None:
    rng = random.Random(seed)
    pool = paragraphs()
    for i in range(n):
        sub = folder / f"{i // FILES_PER_FOLDER:04d}"
        if i % FILES_PER_FOLDER == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:07d}.txt").write_text(article(i, rng, pool), encoding="utf-8")


def cpu_seconds() -> float:
    """User and system CPU of this process and its finished children (the import's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def build(n: int, where: Path) -> dict[str, float]:
    """Files and a library of n articles in `where`; returns the import figures."""
    from desktop_app.core.analysis.search import sync_index
    from desktop_app.core.library.articles import set_state
    from desktop_app.core.library.ingest import import_paths
    from desktop_app.core.storage.database import Database

    files, made = where / "files", where / "files.json"
    for old in where.glob("chugiai.sqlite3*"):
        old.unlink()
    if not made.exists() or json.loads(made.read_text()).get("n") != n:  # the files are kept
        shutil.rmtree(files, ignore_errors=True)
        t0 = time.perf_counter()
        make_files(files, n)
        made.write_text(json.dumps({"n": n}))
        print(f"  {n:,} files made in {time.perf_counter() - t0:.1f} s", flush=True)
    db = Database.open(where / "chugiai.sqlite3")
    set_state(db, "seeds_imported", "1")
    last = [time.perf_counter()]

    def progress(done: int, total: int) -> None:
        if time.perf_counter() - last[0] > 10:
            last[0] = time.perf_counter()
            print(f"    {done:,} of {total:,}", flush=True)

    t0, cpu0 = time.perf_counter(), cpu_seconds()
    result = import_paths(db, [files], progress=progress)
    took, cpu = time.perf_counter() - t0, cpu_seconds() - cpu0
    size = (where / "chugiai.sqlite3").stat().st_size  # before the search index
    figures = {"articles": len(result.imported), "seconds": took, "rate": len(result.imported) / took,
               "failed": len(result.failed), "bytes": size,
               # CPU time of this process and its import workers: what the import costs
               # whatever else the machine runs (the wall-clock rate depends on that).
               "cpu per article ms": cpu / max(1, len(result.imported)) * 1000}
    if "--no-index" not in sys.argv:  # a library in use has its search index: starts measure that
        t0 = time.perf_counter()
        sync_index(db)
        figures["index seconds"] = time.perf_counter() - t0
    db.close()
    (where / "built.json").write_text(json.dumps(figures))
    return figures


def library(n: int, rebuild: bool) -> tuple[Path, dict[str, float], bool]:
    where = CACHE / str(n)
    built = where / "built.json"
    if built.exists() and not rebuild:
        return where, json.loads(built.read_text()), True
    print(f"building {n:,} articles in {where}", flush=True)
    return where, build(n, where), False


def start_up(data: Path, runs: int) -> tuple[float, float]:
    """Median time from launch to the window shown, and the worst RSS, over `runs` starts."""
    shown, rss = [], []
    for _ in range(runs):
        t0 = time.time()
        out = subprocess.run([sys.executable, "-c", CHILD, repr(t0), str(data)], capture_output=True,
                             text=True, cwd=REPO, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                             check=True)
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


def main() -> None:
    opts = options()
    args = sys.argv[1:]
    if "--sizes" in args:
        sizes = [int(s) for s in args[args.index("--sizes") + 1].split(",")]
    else:
        sizes = [10_000, 100_000] + ([1_000_000] if "--million" in args else [])
    figures = []
    for n in sizes:
        fresh = opts.quick and n <= 10_000  # quick mode measures the small import every time
        data, built, cached = library(n, "--rebuild" in args or fresh)
        size = built.get("bytes") or (data / "chugiai.sqlite3").stat().st_size  # without the search index
        pages = list_first_page(data)
        scan = to_segment(data)
        shown, rss = start_up(data, 3 if opts.quick else 5)
        label = f"{n:,}"
        how = " (when built)" if cached else ""
        index = built.get("index seconds")
        if index is not None:
            print(f"{label} articles: search index built in {index:,.1f} s (issue 19 item 4: not this work)")
        print(f"{label} articles: import {built['rate']:,.0f} articles/s{how}, "
              f"{size / built['articles']:,.0f} bytes per article ({size / 1e6:,.0f} MB), "
              f"window shown {shown:,.0f} ms, RSS {rss:,.0f} MB, to segment/tag scan {scan:,.0f} ms")
        print("  list count + first page: " + ", ".join(f"{k} {v:.1f} ms" for k, v in pages.items()))
        figures += [
            at_least(f"import rate, {label}{how}", built["rate"], 2000, "articles/s"),
            info(f"import CPU per article (all processes), {label}", built.get("cpu per article ms", 0), "ms"),
            info(f"database per article (no search index), {label}", size / built["articles"], "bytes"),
            at_most(f"window shown, {label}", shown, 1000, "ms"),
            at_most(f"list first page (worst sort), {label}", max(pages.values()), 50, "ms"),
            info(f"what needs segmenting/tagging, {label}", scan, "ms"),
            at_most(f"RSS at start, {label}", rss, 500, "MB"),
        ]
    figures.append(info("benchmark process max RSS", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "MB"))
    report(figures, opts)


if __name__ == "__main__":
    main()
