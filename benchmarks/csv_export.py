"""CSV export of 100,000 highlights: our exporter vs a bare csv.writer over rows in memory.

Targets (issue): export <= 2 s and <= 2x the bare writer; import of the same file <= 5 s.

    .venv/bin/python benchmarks/csv_export.py [N_HIGHLIGHTS] [--quick]

--quick: 20,000 highlights, 3 rounds; the time targets are scaled to the count.
"""

from __future__ import annotations

import csv
import hashlib
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import at_most, info, options, report  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from desktop_app.core.interchange.csv_export import export_csv, highlight_rows  # noqa: E402
from desktop_app.core.storage.database import Database  # noqa: E402
from desktop_app.core.storage.models import Article, Highlight, Tag, highlight_tags, utcnow  # noqa: E402

ROUNDS = 5
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def build_library(db: Database, n_highlights: int) -> None:
    """The seeds repeated as 100 articles, highlights spread over them with 1-3 tags each."""
    rng = random.Random(7)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    now = utcnow()
    with db.engine.begin() as conn:
        articles = []
        for i in range(100):
            text = f"Bản {i}\n" + texts[i % len(texts)]
            articles.append({"id": i + 1, "title": f"Bài {i}", "source": "TTXVN", "published": "2023-01-01",
                             "text": text, "original_text": text, "imported_at": now,
                             "content_hash": hashlib.sha256(text.encode()).hexdigest()})
        conn.execute(insert(Article), articles)
        conn.execute(insert(Tag), [{"id": t + 1, "name": f"Mã {t}", "color": "#ffd166", "description": "",
                                    "created_at": now} for t in range(30)])
        rows, links = [], []
        for h in range(n_highlights):
            a = articles[h % 100]
            text = a["text"]
            start = rng.randrange(0, len(text) - 60)
            end = start + rng.randrange(5, 60)
            rows.append({"id": h + 1, "article_id": a["id"], "start": start, "end": end,
                         "quote": text[start:end], "prefix": text[max(0, start - 32):start],
                         "suffix": text[end:end + 32], "note": "ghi chú" if h % 3 == 0 else "",
                         "created_at": now, "modified_at": now})
            for t in rng.sample(range(1, 31), rng.randrange(1, 4)):
                links.append({"highlight_id": h + 1, "tag_id": t})
        conn.execute(insert(Highlight), rows)
        conn.execute(insert(highlight_tags), links)


def main() -> None:
    opts = options()
    n = int(sys.argv[1]) if len(sys.argv) > 1 else (20_000 if opts.quick else 100_000)
    rounds = 3 if opts.quick else ROUNDS
    scale = n / 100_000  # the targets are for 100,000 highlights
    note = "" if n == 100_000 else "(scaled)"
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "bench.sqlite3")
        build_library(db, n)
        # Alternate the two, several rounds: this shared machine's speed drifts within
        # minutes, so single timings compare different machines. The bare writer's rows
        # are built fresh each round and dropped before our export runs: 100,000 live
        # lists make the garbage collector slow down whatever runs beside them.
        ours_times, bare_times = [], []
        for _ in range(rounds):
            t0 = time.perf_counter()
            count = export_csv(db, Path(tmp) / "ours.csv")
            ours_times.append(time.perf_counter() - t0)
            rows = list(highlight_rows(db, excel_safe=True))  # already in memory
            t0 = time.perf_counter()
            with open(Path(tmp) / "bare.csv", "w", encoding="utf-8-sig", newline="") as f:
                writer = csv.writer(f)
                writer.writerows(rows)
            bare_times.append(time.perf_counter() - t0)
            del rows
        size = (Path(tmp) / "ours.csv").stat().st_size
        ours, bare = statistics.median(ours_times), statistics.median(bare_times)
        ratios = sorted(o / b for o, b in zip(ours_times, bare_times, strict=True))
        print(f"{count:,} highlights, {size / 1e6:.1f} MB of CSV; median of {rounds} alternating rounds")
        print(f"export_csv (query + context + write): {ours:6.2f} s   (best {min(ours_times):.2f} s)")
        print(f"bare csv.writer from memory:          {bare:6.2f} s   (best {min(bare_times):.2f} s)")
        print(f"ratio per round: {', '.join(f'{r:.2f}x' for r in ratios)}")
        figures = [at_most("export_csv (median)", ours, 2 * scale, "s", note),
                   at_most("export / bare csv.writer (median)", statistics.median(ratios), 2, "x"),
                   info("bare csv.writer (median)", bare, "s")]
        try:
            from desktop_app.core.interchange.csv_import import import_csv
        except ImportError:
            print("import: not available in this build")
        else:
            fresh = Database.open(Path(tmp) / "fresh.sqlite3")
            with fresh.engine.begin() as conn, db.engine.connect() as src:
                conn.execute(insert(Article), [dict(r._mapping) for r in src.execute(Article.__table__.select())])
            t0 = time.perf_counter()
            import_csv(fresh, Path(tmp) / "ours.csv")
            took = time.perf_counter() - t0
            print(f"import_csv into a library with the same articles: {took:6.2f} s")
            figures.append(at_most("import_csv of that file", took, 5 * scale, "s", note))
            fresh.close()
        db.close()
    report(figures, opts)


if __name__ == "__main__":
    main()
