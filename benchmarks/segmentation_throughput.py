"""Segmentation throughput: underthesea called directly vs our whole path.

Direct: word_tokenize on every paragraph, in this process. Ours: SegmentationWorker
(QThread) -> SegmenterProcess (tokenize + align in the child) -> pack -> save to a temp
SQLite database. Target: ours >= 0.9x direct. Prints figures, asserts nothing.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/segmentation_throughput.py [--quick]

--quick: half the library (500 KB) in 4 slices, so each slice is as large as in the full
run (1 MB in 8) and the per-slice overhead weighs the same.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from figures import at_least, info, options, report  # noqa: E402

from desktop_app.core.nlp.stored import text_hash  # noqa: E402
from desktop_app.core.storage.database import Database  # noqa: E402
from desktop_app.core.storage.models import Article  # noqa: E402
from desktop_app.core.text.normalize import normalize  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def library_texts(target_bytes: int = 1_000_000) -> list[str]:
    """Seed articles repeated until their UTF-8 size reaches `target_bytes`; each distinct."""
    seeds = [normalize(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    texts: list[str] = []
    size = 0
    while size < target_bytes:
        text = f"Bản sao {len(texts)}\n" + seeds[len(texts) % len(seeds)]
        texts.append(text)
        size += len(text.encode("utf-8"))
    return texts


def fill_database(db: Database, texts: list[str]) -> list[int]:
    with db.session() as session:
        articles = [
            Article(title=t.split("\n", 1)[0], text=t, original_text=t, content_hash=text_hash(t))
            for t in texts
        ]
        session.add_all(articles)
        session.flush()
        return [a.id for a in articles]


def paragraphs_of(texts: list[str]) -> list[str]:
    from desktop_app.core.text.normalize import paragraph_spans

    return [t[s:e] for t in texts for s, e in paragraph_spans(t)]


def direct(paragraphs: list[str]) -> float:
    """Seconds for word_tokenize on every paragraph, in this process."""
    from underthesea import word_tokenize

    t0 = time.perf_counter()
    for p in paragraphs:
        word_tokenize(p)
    return time.perf_counter() - t0


def direct_with_alignment(paragraphs: list[str]) -> float:
    from underthesea import word_tokenize

    from desktop_app.core.nlp.segmentation import align_tokens

    t0 = time.perf_counter()
    for p in paragraphs:
        align_tokens(p, word_tokenize(p))
    return time.perf_counter() - t0


def ours(texts: list[str], process: object) -> float:
    """Seconds for SegmentationWorker to segment and save `texts` into a fresh database."""
    from PySide6.QtCore import QEventLoop

    from desktop_app.core.nlp.stored import articles_to_segment
    from desktop_app.ui.workers import SegmentationWorker

    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "bench.sqlite3")
        fill_database(db, texts)
        worker = SegmentationWorker(db, process)  # type: ignore[arg-type]
        failures: list[str] = []
        worker.failed.connect(failures.append)
        loop = QEventLoop()
        worker.finished.connect(loop.quit)
        t0 = time.perf_counter()
        worker.start()
        loop.exec()
        elapsed = time.perf_counter() - t0
        worker.shutdown()
        left = articles_to_segment(db)
        db.close()
    if failures or left:
        print(f"  !! failures: {failures}, {len(left)} articles left unsegmented")
    return elapsed


def main() -> None:
    from PySide6.QtCore import QCoreApplication

    from desktop_app.core.nlp import segmentation as nlp
    from desktop_app.core.nlp.worker_process import SegmenterProcess

    opts = options()
    app = QCoreApplication.instance() or QCoreApplication([])  # noqa: F841
    texts = library_texts(500_000 if opts.quick else 1_000_000)
    chars = sum(len(t) for t in texts)
    size = sum(len(t.encode("utf-8")) for t in texts)
    print(f"library: {len(texts)} articles, {chars:,} characters, {size:,} bytes UTF-8")

    t0 = time.perf_counter()
    process = SegmenterProcess()
    process.start()
    process.submit(0, "x")
    process.get_result(120)
    startup = time.perf_counter() - t0
    nlp.warm_up()

    # This VM's speed drifts by up to 2x over tens of seconds, so the two paths run
    # alternately on slices of the library (ABBA order) and are compared slice by slice.
    n_slices = 4 if opts.quick else 8
    slices = [texts[i::n_slices] for i in range(n_slices)]
    t_direct: list[float] = []
    t_ours: list[float] = []
    for i, part in enumerate(slices):
        paragraphs = paragraphs_of(part)
        if i % 2 == 0:
            t_direct.append(direct(paragraphs))
            t_ours.append(ours(part, process))
        else:
            t_ours.append(ours(part, process))
            t_direct.append(direct(paragraphs))
    ratios = sorted(d / o for d, o in zip(t_direct, t_ours, strict=True))
    sample = paragraphs_of(slices[0])
    pairs = [(direct(sample), direct_with_alignment(sample)) for _ in range(4)]
    align_extra = statistics.median(a / p for p, a in pairs) - 1
    process.stop()

    direct_rate = chars / sum(t_direct)
    ours_rate = chars / sum(t_ours)
    print(f"direct word_tokenize per paragraph: {sum(t_direct):6.2f} s  {direct_rate:9,.0f} chars/s")
    print(f"ours (worker+process+align+save):  {sum(t_ours):6.2f} s  {ours_rate:9,.0f} chars/s")
    print(f"ratio ours/direct: {ours_rate / direct_rate:.2f}x overall; per slice "
          f"median {statistics.median(ratios):.2f}x, min {ratios[0]:.2f}x, max {ratios[-1]:.2f}x")
    print(f"alignment in-process adds {100 * align_extra:+.1f} % to word_tokenize (one slice, median of 4 pairs)")
    print(f"process start + model load (once per app run): {startup:.2f} s; "
          f"with it the ratio would be {chars / (sum(t_ours) + startup) / direct_rate:.2f}x")
    report([at_least("ours / direct word_tokenize, overall", ours_rate / direct_rate, 0.9, "x"),
            info("ours / direct, per slice median", statistics.median(ratios), "x"),
            info("ours", ours_rate, "chars/s"),
            info("process start + model load", startup, "s")], opts)


if __name__ == "__main__":  # the spawned worker process re-imports this module
    main()
