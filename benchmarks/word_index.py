"""The word index (issue 19 item 3): concordance first page, total line count and
whole-corpus word frequencies before (texts read) and after the index is built, the
build itself, and peak RSS.

The library is concordance.py's: copies of the 5 seeds, segmented once for real, one
in ten without a segmentation (those are always read, by syllables).

    .venv/bin/python benchmarks/word_index.py [N_ARTICLES] [--quick]

--quick: 10,000 articles; without it 100,000. Targets (issue, at 1M): first page
<= 200 ms, total count <= 1 s, frequencies <= 1 s.
"""

from __future__ import annotations

import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from concordance import build  # noqa: E402
from figures import at_most, info, options, report  # noqa: E402

from desktop_app.core.analysis import concordance as cc  # noqa: E402
from desktop_app.core.analysis.concordance_pages import all_lines, first_page, total_lines  # noqa: E402
from desktop_app.core.analysis.frequencies import word_frequencies  # noqa: E402
from desktop_app.core.analysis.stopwords import load_stopwords  # noqa: E402
from desktop_app.core.nlp import word_index  # noqa: E402
from desktop_app.core.storage.database import Database  # noqa: E402

QUERIES = ("cán bộ", "Đảng", "Ban Tổ chức Trung ương")


def ms(fn, rounds: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(rounds):
        cc.CACHE.clear()
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times), result


def file_size(path: Path) -> int:
    wal = Path(str(path) + "-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def table_sizes(db: Database) -> None:
    """Bytes per table (dbstat), the word index's tables first."""
    try:
        with db.engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").all()
    except Exception as e:  # dbstat is a compile-time option
        print(f"  (no dbstat: {e.__class__.__name__})")
        return
    print("  " + ", ".join(f"{name} {size / 1e6:,.0f} MB" for name, size in rows[:10]))


def measure(db: Database, label: str, stop: set[str], full_lines: bool) -> dict[str, float]:
    print(f"\n{label}")
    out: dict[str, float] = {}
    for q in QUERIES:
        t, (lines, more, _) = ms(lambda q=q: first_page(db, q, None))
        out[f"first {q}"] = t
        print(f"  first page {q!r:<26} {t:8.1f} ms  {len(lines)} lines{' (more)' if more else ''}")
        t, total = ms(lambda q=q: total_lines(db, q, None))
        out[f"total {q}"] = t
        print(f"  total count {q!r:<25} {t:8.1f} ms  {total if total is not None else 'unknown (index not ready)'}")
    if full_lines:
        t, (lines, *_) = ms(lambda: all_lines(db, "cán bộ", None, ("article", False)), 1)
        out["all"] = t
        print(f"  every line 'cán bộ' (texts read) {t:8.1f} ms  {len(lines):,} lines")
    t, result = ms(lambda: word_frequencies(db, stopwords=stop), 1)
    out["freq"] = t
    print(f"  whole-corpus frequencies         {t:8.1f} ms  {len(result.words):,} words, "
          f"{result.total_words:,} tokens, {result.unsegmented_articles:,} unsegmented")
    t, _ = ms(lambda: word_frequencies(db, article_ids=range(1, 1001), stopwords=stop), 1)
    print(f"  frequencies of 1,000 articles    {t:8.1f} ms")
    return out


def main() -> None:
    opts = options()
    n = int(sys.argv[1]) if len(sys.argv) > 1 else (10_000 if opts.quick else 100_000)
    stop = load_stopwords()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"
        db = Database.open(path)
        build(db, n, random.Random(11))
        cc.concordance(db, "x")  # the fold table, once
        before = measure(db, f"before: {word_index.pending(db):,} articles wait for the index", stop, not opts.quick)
        size_before = file_size(path)
        t0 = time.perf_counter()
        indexed = word_index.build(db)
        built = time.perf_counter() - t0
        print(f"\nindex built: {indexed:,} articles in {built:.1f} s ({indexed / built:,.0f} articles/s);"
              f" library file {size_before / 1e6:,.0f} MB before, {file_size(path) / 1e6:,.0f} MB after")
        table_sizes(db)
        after = measure(db, "after (the unsegmented tenth still read: no total for common words)", stop, True)
        with db.engine.begin() as conn:  # leave only what the index holds
            conn.exec_driver_sql("DELETE FROM articles WHERE id NOT IN (SELECT article_id FROM word_index_articles)")
        after = measure(db, "after, every article indexed (the unsegmented tenth deleted)", stop, True)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\npeak RSS of this process: {rss:.0f} MB")
        db.close()
    report([at_most("first page 'cán bộ', indexed", after["first cán bộ"], 200, "ms"),
            at_most("total count 'cán bộ', indexed", after["total cán bộ"], 1000, "ms"),
            at_most("total count 'Ban Tổ chức Trung ương', indexed", after["total Ban Tổ chức Trung ương"], 1000, "ms"),
            at_most(f"whole-corpus frequencies, indexed ({n:,} articles)", after["freq"], 1000, "ms"),
            info("whole-corpus frequencies, before", before["freq"], "ms"),
            info("index build", built * 1000 / max(1, indexed), "ms/article"),
            info("peak RSS", rss, "MB")], opts)


if __name__ == "__main__":
    main()
