"""The generated libraries of the scale benchmark (benchmarks/scale.py): files of small
articles made from the seeds with variation, imported once and cached with their search
and word indexes in ~/.cache/chugiai-bench/scale/N/ ($CHUGIAI_BENCH_CACHE overrides).

built.json holds the import's figures (measured when the library was built); indexes.json
the time each index took to build from nothing (the search index by sync_index, the word
index by benchmarks/scale_words.py: synthetic segmentation, then the app's own build).
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from corpus import PLACES, SEEDS, WORDS  # noqa: E402

CACHE = Path(os.environ.get("CHUGIAI_BENCH_CACHE", Path.home() / ".cache" / "chugiai-bench")) / "scale"
FILES_PER_FOLDER = 1000
SOURCES = ["TTXVN", "PLVN", "NLĐ", "TTO", "VnExpress", "Dân trí", "Nhân Dân", "QĐND"]


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
    from desktop_app.core.library.articles import set_state
    from desktop_app.core.library.ingest import import_paths
    from desktop_app.core.storage.database import Database

    files, made = where / "files", where / "files.json"
    for old in [*where.glob("chugiai.sqlite3*"), where / "indexes.json"]:
        old.unlink(missing_ok=True)
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


def log(stage: str, done: int, total: int, last: list[float] = [0.0]) -> None:  # noqa: B006
    if time.perf_counter() - last[0] >= 15 or done >= total:
        last[0] = time.perf_counter()
        print(f"    {time.strftime('%H:%M:%S')} {stage}: {done:,} of {total:,}", flush=True)


def indexes(where: Path) -> dict[str, float]:
    """The search index and the word index of the library in `where`, built once (timed)."""
    done = where / "indexes.json"
    if done.exists():
        return json.loads(done.read_text())
    from scale_words import segment_and_index

    from desktop_app.core.analysis.search_index import sync_index
    from desktop_app.core.progress import Progress
    from desktop_app.core.storage.database import Database

    db = Database.open(where / "chugiai.sqlite3")
    print(f"  search index of {where}", flush=True)
    t0 = time.perf_counter()
    indexed = sync_index(db, Progress(lambda d, t, _n: log("search index", d, t)))
    figures = {"search index seconds": time.perf_counter() - t0, "search indexed": indexed}
    db.close()
    print(f"  segmenting (synthetically) and word-indexing {where}", flush=True)
    figures.update(segment_and_index(where / "chugiai.sqlite3", log))
    figures["load average"] = os.getloadavg()[0]
    done.write_text(json.dumps(figures))
    return figures
