"""Merging a coder's library (issue 16): a library of 100,000 highlights merged into one
holding the same articles and another coder's 100,000 highlights.

Both libraries: 10,000 articles (copies of the 5 seeds, each with a header line of its own;
~66 M characters) and 200 nested tags; theirs has coder "Bình"'s highlights of 20 to 300
characters at random places, ours coder "An"'s. The figures: reading the file (copy, the
plan and its conflicts), storing it (one transaction), the whole merge, and merging the
same file again (adds nothing), each the median of ROUNDS merges into a fresh copy.

    .venv/bin/python benchmarks/merge_bench.py [N_HIGHLIGHTS] [--quick] [--json FILE]

Target (issue 16): the whole merge of a 100,000-highlight library <= 10 s.
--quick: 2,000 articles and 20,000 highlights, 1 round.
"""

from __future__ import annotations

import hashlib
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import at_most, info, options, report  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from desktop_app.core.interchange.merging import read_merge_file  # noqa: E402
from desktop_app.core.operations.editor import Operations  # noqa: E402
from desktop_app.core.storage.database import Database  # noqa: E402
from desktop_app.core.storage.models import Article, Coder, Highlight, Tag, highlight_tags, utcnow  # noqa: E402
from desktop_app.core.text.normalize import normalize  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def tag_names() -> list[str]:
    groups = [f"Chủ đề/Nhóm {g}" for g in range(19)]
    codes = [f"{g}/Mã {k}" for g in groups for k in range(10)]
    return (["Chủ đề"] + groups + codes)[:200]


def build(path: Path, coder: str, n_articles: int, n_highlights: int, rng: random.Random) -> None:
    db = Database.open(path)
    now = utcnow()
    seeds = [normalize(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    articles = []
    for i in range(n_articles):
        text = f"Bản {i}\n" + seeds[i % len(seeds)]
        articles.append({"id": i + 1, "title": f"Bài {i}", "source": "PLVN", "text": text,
                         "original_text": text, "imported_at": now,
                         "content_hash": hashlib.sha256(text.encode()).hexdigest()})
    names = tag_names()
    highlights, links = [], []
    for h in range(n_highlights):
        a = articles[rng.randrange(n_articles)]
        size = rng.randint(20, 300)
        start = rng.randrange(0, len(a["text"]) - size)
        text = a["text"]
        highlights.append({"id": h + 1, "article_id": a["id"], "start": start, "end": start + size,
                           "quote": text[start:start + size], "prefix": text[max(0, start - 32):start],
                           "suffix": text[start + size:start + size + 32], "note": "",
                           "created_at": now, "modified_at": now, "coder_id": 2})
        for t in rng.sample(range(2, len(names) + 1), rng.choice((1, 1, 2))):
            links.append({"highlight_id": h + 1, "tag_id": t})
    with db.engine.begin() as conn:
        conn.execute(insert(Coder), [{"id": 2, "name": coder, "created_at": now}])
        for i in range(0, n_articles, 1000):
            conn.execute(insert(Article), articles[i:i + 1000])
        conn.execute(insert(Tag), [{"id": k + 1, "name": n, "color": "#ffd166", "description": "",
                                    "created_at": now} for k, n in enumerate(names)])
        conn.execute(insert(Highlight), highlights)
        conn.execute(insert(highlight_tags), links)
    db.close()


def merge_once(ours: Path, theirs: Path, folder: Path) -> dict[str, float]:
    target = folder / "merged.sqlite3"
    shutil.copy(ours, target)
    db = Database.open(target)
    try:
        ops = Operations(db)
        t0 = time.perf_counter()
        plan = read_merge_file(db, theirs)
        t1 = time.perf_counter()
        result = ops.merge_library(plan).value
        t2 = time.perf_counter()
        again = ops.merge_library(read_merge_file(db, theirs)).value
        t3 = time.perf_counter()
        ops.history.undo()
        t4 = time.perf_counter()
    finally:
        db.close()
        target.unlink()
    assert again.highlights_added == 0 and again.highlights_present == result.highlights_added
    return {"read": t1 - t0, "store": t2 - t1, "total": t2 - t0, "again": t3 - t2, "undo": t4 - t3,
            "added": result.highlights_added}


def main() -> None:
    opts = options()
    n_highlights = int(sys.argv[1]) if len(sys.argv) > 1 else (20_000 if opts.quick else 100_000)
    n_articles = 2_000 if opts.quick else 10_000
    rounds = 1 if opts.quick else 3
    folder = Path(tempfile.mkdtemp(prefix="merge-bench-"))
    try:
        t0 = time.perf_counter()
        ours, theirs = folder / "an.sqlite3", folder / "binh.sqlite3"
        build(ours, "An", n_articles, n_highlights, random.Random(1))
        build(theirs, "Bình", n_articles, n_highlights, random.Random(2))
        print(f"built two libraries of {n_articles:,} articles and {n_highlights:,} highlights each "
              f"in {time.perf_counter() - t0:.1f} s")
        runs = [merge_once(ours, theirs, folder) for _ in range(rounds)]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    p50 = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    for key, label in (("read", "read the file (copy, plan, conflicts)"), ("store", "store (one transaction)"),
                       ("total", "whole merge"), ("again", "the same file again (adds nothing)"),
                       ("undo", "undo the merge")):
        print(f"  {label:<40} p50 {p50[key]:6.2f} s   max {max(r[key] for r in runs):6.2f} s")
    print(f"  {int(p50['added']):,} highlights added")
    report([at_most(f"merge of a {n_highlights:,}-highlight library", p50["total"], 10.0, "s"),
            info("reading the file", p50["read"], "s"), info("storing", p50["store"], "s"),
            info("merging it again (adds nothing)", p50["again"], "s"),
            info("undo of the merge", p50["undo"], "s")], opts)


if __name__ == "__main__":
    main()
