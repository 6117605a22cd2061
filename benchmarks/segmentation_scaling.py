"""Segmentation on several cores: throughput with 1, 2, ... worker processes (issue 19).

Direct: word_tokenize on every paragraph in this process (one core, no GUI, no storing).
Pool(N): the scheduler (no Qt) drives SegmenterPool(N), which segments, aligns and
stores every article of a temp library. Per worker = Pool(N) / N / direct: the target is
>= 0.9 on a quiet machine. Worker counts beyond the cores cannot be measured here; the
coordinating process's own CPU time per character bounds how far the pool can scale
(it is the one serial part), and is printed as the "coordinator ceiling".

    .venv/bin/python benchmarks/segmentation_scaling.py [--quick] [--workers=1,2] [--small]

--small: articles of ~700 characters (as in the scale benchmark's generated corpora)
instead of the seeds' ~5,000: the coordinator's per-article cost (storing, the word
index, batches of results) weighs more there.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import at_least, info, options, report  # noqa: E402
from segmentation_throughput import direct, fill_database, library_texts, paragraphs_of  # noqa: E402

from desktop_app.core.storage.database import Database  # noqa: E402


class _Quiet:
    def progress(self, kind, done, total): pass
    def segmented(self, article_id): pass
    def tagged(self, article_id): pass
    def article_failed(self, kind, article_id, error): print(f"  !! article {article_id}: {error}")
    def process_crashed(self, reason, restarted): print(f"  !! {reason}")
    def failed(self, message): print(f"  !! {message}")


def small_texts(target_bytes: int) -> list[str]:
    """Distinct articles of two or three seed paragraph pieces, ~700 characters each."""
    import random

    from segmentation_throughput import SEEDS

    from desktop_app.core.text.normalize import normalize

    rng = random.Random(19)
    pool = [p.strip() for path in sorted(SEEDS.glob("*.txt"))
            for p in normalize(path.read_text(encoding="utf-8")).split("\n") if len(p.strip()) > 120]
    texts: list[str] = []
    size = 0
    while size < target_bytes:
        body = "\n\n".join(" ".join(p.split(" ")[:rng.randint(40, 90)]) for p in rng.sample(pool, rng.randint(2, 3)))
        text = f"Bài số {len(texts)}\n{body}\n"
        texts.append(text)
        size += len(text.encode("utf-8"))
    return texts


def pooled(texts: list[str], workers: int) -> tuple[float, float]:
    """(wall seconds, this process's CPU seconds) to segment and store `texts` with a pool
    of `workers` processes, started and warmed up before the clock starts."""
    from desktop_app.core.nlp.scheduler import Scheduler, SchedulerControl
    from desktop_app.core.nlp.stored import articles_to_segment
    from desktop_app.core.nlp.worker_pool import SegmenterPool

    pool = SegmenterPool(workers)
    pool.start()
    for n in range(workers * 2):  # every member loaded its model
        pool.submit(-1 - n, "Hà Nội")
    for _ in range(workers * 2):
        pool.get_result(120)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "bench.sqlite3")
        fill_database(db, texts)
        cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        t0 = time.perf_counter()
        Scheduler(db, pool, SchedulerControl(), _Quiet()).run()
        wall = time.perf_counter() - t0
        cpu1 = resource.getrusage(resource.RUSAGE_SELF)
        left = articles_to_segment(db)
        db.close()
    pool.stop()
    if left:
        print(f"  !! {len(left)} articles left unsegmented")
    return wall, (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)


def main() -> None:
    opts = options()
    counts = [1, 2]
    for arg in list(sys.argv[1:]):
        if arg.startswith("--workers="):
            counts = [int(x) for x in arg.split("=", 1)[1].split(",")]
    small = "--small" in sys.argv
    size = 250_000 if opts.quick else 1_000_000
    texts = small_texts(size) if small else library_texts(size)
    chars = sum(len(t) for t in texts)
    cores = os.cpu_count() or 1
    print(f"library: {len(texts)} articles, {chars:,} characters; {cores} cores; "
          f"load average {os.getloadavg()[0]:.2f}")
    from desktop_app.core.nlp import segmentation as nlp

    nlp.warm_up()
    paragraphs = paragraphs_of(texts)
    t_direct = direct(paragraphs)
    rate_direct = chars / t_direct
    print(f"direct word_tokenize, one core: {t_direct:6.2f} s  {rate_direct:9,.0f} chars/s")
    figures = [info("direct word_tokenize, one core", rate_direct, "chars/s")]
    for n in counts:
        wall, cpu = pooled(texts, n)
        rate = chars / wall
        per_worker = rate / n / rate_direct
        ceiling = n * wall / cpu if cpu > 0 else float("inf")  # workers before the coordinator is busy all the time
        print(f"pool of {n}: {wall:6.2f} s  {rate:9,.0f} chars/s  = {rate / rate_direct:.2f}x direct, "
              f"{per_worker:.2f}x per worker; coordinator CPU {cpu:.2f} s "
              f"(ceiling ~{ceiling:.0f} workers), {cpu / len(texts) * 1000:.2f} ms per article; "
              f"load average {os.getloadavg()[0]:.2f}")
        if n == 1:
            figures.append(at_least("pool of 1 / direct", per_worker, 0.9, "x"))
        else:
            figures.append(info(f"pool of {n} / direct", rate / rate_direct, "x"))
            figures.append(info(f"pool of {n}, per worker / direct", per_worker, "x"))
        figures.append(info(f"pool of {n}: workers the coordinator could feed", min(ceiling, 999), ""))
        figures.append(info(f"pool of {n}: coordinator CPU per article{' (small)' if small else ''}",
                            cpu / len(texts) * 1000, "ms"))
    report(figures, opts)


if __name__ == "__main__":  # spawned workers re-import this module
    main()
