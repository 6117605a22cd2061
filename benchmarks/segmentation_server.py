"""Segmentation on a server library (issue 17, nlp/claims.py): time to segment the seeds'
paragraphs with one client and with two clients sharing the work through claims (each its
own worker process), on SQLite for reference; the cost of storing results per article
(ResultBatch, batches of BATCH_ARTICLES) and of claiming, on the server and on SQLite; the
pending query (what needs segmenting) on both at --articles articles.

    PYTHONPATH=. nice -n 19 python benchmarks/segmentation_server.py [--rounds 3] [--articles 10000]

Not in `make bench`: it needs PostgreSQL's binaries (tests/postgres_server.py). The server
keeps its own durability settings (fsync on), as a team's would.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import threading
import time
from array import array
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import server_bench  # noqa: E402
from server_bench import load  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from desktop_app.core.nlp.claims import CLAIM_BATCH, Claims  # noqa: E402
from desktop_app.core.nlp.result_batch import BATCH_ARTICLES, ResultBatch  # noqa: E402
from desktop_app.core.nlp.scheduler import Scheduler, SchedulerControl  # noqa: E402
from desktop_app.core.nlp.stored import articles_to_segment  # noqa: E402
from desktop_app.core.nlp.user_dictionary import segmentation_engine  # noqa: E402
from desktop_app.core.nlp.worker_process import WORDS, SegmenterProcess  # noqa: E402
from desktop_app.core.storage.database import Database  # noqa: E402
from desktop_app.core.storage.location import open_library  # noqa: E402
from desktop_app.core.storage.models import Article, Segmentation  # noqa: E402

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


class Quiet:
    def __init__(self) -> None:
        self.times: dict[int, float] = {}

    def progress(self, kind, done, total): pass
    def segmented(self, article_id): self.times[article_id] = time.perf_counter()
    def tagged(self, article_id): pass
    def article_failed(self, kind, article_id, error): pass
    def process_crashed(self, reason, restarted): pass
    def failed(self, message): print("FAILED:", message)


def paragraphs() -> list[str]:
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        found += [p.strip() for p in path.read_text(encoding="utf-8").splitlines() if len(p.strip()) > 60]
    return found


def add_articles(db: Database, texts: list[str]) -> list[int]:
    rows = [{"title": f"Bài {n}", "text": t, "original_text": t,
             "content_hash": hashlib.sha256(t.encode()).hexdigest()} for n, t in enumerate(texts)]
    with db.session() as s:
        for i in range(0, len(rows), 1000):
            s.execute(insert(Article), rows[i:i + 1000])
    return articles_to_segment(db)


def segment(dbs: list[Database], procs: list[SegmenterProcess]) -> tuple[float, float]:
    """Run one scheduler per client at once: (seconds until every article was stored, by
    its client's own announcement; seconds until the last run ended: a run waits for the
    articles others hold, looking every ELSEWHERE_POLL_SECONDS)."""
    runs = [Scheduler(d, p, SchedulerControl(), Quiet()) for d, p in zip(dbs, procs, strict=True)]
    t = time.perf_counter()
    threads = [threading.Thread(target=r.run) for r in runs]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    ended = time.perf_counter() - t
    stored = max((at for r in runs for a, at in r.events.times.items() if ("words", a) not in r.done_elsewhere), default=t)
    return stored - t, ended


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--copies", type=int, default=4, help="the seeds' paragraphs this many times")
    args = parser.parse_args()
    server, folder = server_bench.start("chugiai-seg-bench-")
    procs = [SegmenterProcess(), SegmenterProcess()]
    for p in procs:
        p.start()
    texts = [f"{p} ({n})" for n in range(args.copies) for p in paragraphs()]
    print(f"{len(texts)} articles ({sum(map(len, texts))} characters) from the seeds; load {load()}")
    try:
        # Warm both processes (the model loads on the first job).
        warm = open_library(folder / "warm.sqlite3")
        add_articles(warm, texts[:2])
        segment([warm], procs[:1])
        add_articles(warm, texts[2:4])
        segment([warm], procs[1:])
        timings: dict[str, list[tuple[float, float]]] = {
            "sqlite, 1 client": [], "server, 1 client": [], "server, 2 clients": []}
        for n in range(args.rounds):
            lite = open_library(folder / f"lite{n}.sqlite3")
            add_articles(lite, texts)
            timings["sqlite, 1 client"].append(segment([lite], procs[:1]))
            assert articles_to_segment(lite) == []
            lite.close()
            url = server.create_database(f"one_{n}")
            one = open_library(url)
            add_articles(one, texts)
            timings["server, 1 client"].append(segment([one], procs[:1]))
            assert articles_to_segment(one) == []
            one.close()
            url = server.create_database(f"two_{n}")
            a, b = open_library(url), open_library(url)
            add_articles(a, texts)
            timings["server, 2 clients"].append(segment([a, b], procs))
            assert articles_to_segment(a) == []
            a.close()
            b.close()
        for name, values in timings.items():
            stored, ended = [v[0] for v in values], [v[1] for v in values]
            print(f"segment the seeds, {name}: all stored after median {statistics.median(stored):.2f} s "
                  f"({', '.join(f'{v:.2f}' for v in stored)}), runs ended {statistics.median(ended):.2f} s; "
                  f"load {load()}")

        # Storing results: per article, batches of BATCH_ARTICLES, ~700-character texts.
        body = "".join(texts)[:700]
        flat = array("I", [x for i in range(0, 695, 5) for x in (i, i + 4)])
        n_store = 2000
        for name, make in (("sqlite", lambda: open_library(folder / "store.sqlite3")),
                           ("server", lambda: open_library(server.create_database("store")))):
            db = make()
            ids = add_articles(db, [f"{body} {i}" for i in range(n_store)])
            costs = []
            for _attempt in range(2):  # the second writes over the first (update path)
                t = time.perf_counter()
                for i in range(0, len(ids), BATCH_ARTICLES):
                    batch = ResultBatch(db)
                    for article_id in ids[i:i + BATCH_ARTICLES]:
                        batch.add_words(article_id, f"{body} {article_id - ids[0]}", flat)
                    batch.write()
                costs.append((time.perf_counter() - t) / len(ids) * 1000)
            print(f"storing, {name}: {costs[0]:.3f} ms/article new, {costs[1]:.3f} ms/article again "
                  f"(server: equal results dropped); load {load()}")
            if db.on_server:
                claims = Claims(db)
                t = time.perf_counter()
                for i in range(0, len(ids), CLAIM_BATCH):
                    part = ids[i:i + CLAIM_BATCH]
                    claims.take(WORDS, part)
                    claims.release(WORDS, part)
                print(f"claim + release, batches of {CLAIM_BATCH}: "
                      f"{(time.perf_counter() - t) / len(ids) * 1000:.3f} ms/article; load {load()}")
            db.close()

        # What needs segmenting: the full query on the server, nlp_pending on SQLite.
        many = [f"Bài số {i}: {body[:200]}" for i in range(args.articles)]
        for name, make in (("sqlite", lambda: open_library(folder / "pending.sqlite3")),
                           ("server", lambda: open_library(server.create_database("pending")))):
            db = make()
            ids = add_articles(db, many)
            for state in ("none segmented", "all segmented"):
                if state == "all segmented":
                    engine = segmentation_engine(db)
                    with db.session() as s:
                        rows = [{"article_id": a, "text_hash": h, "engine": engine, "spans": b""}
                                for a, h in s.execute(select(Article.id, Article.content_hash))]
                        for i in range(0, len(rows), 1000):
                            s.execute(insert(Segmentation), rows[i:i + 1000])
                spent = []
                for _ in range(5):
                    t = time.perf_counter()
                    left = articles_to_segment(db)
                    spent.append((time.perf_counter() - t) * 1000)
                assert len(left) == (len(ids) if state == "none segmented" else 0)
                print(f"what needs segmenting, {name}, {args.articles} articles ({state}): "
                      f"median {statistics.median(spent):.1f} ms; load {load()}")
            db.close()
    finally:
        for p in procs:
            p.stop()
        server_bench.stop(server, folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
