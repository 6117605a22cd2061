"""What needs segmenting and tagging (issue 19 item 2): the scheduler's question at every
start, before (schema v11: the full query over every article) and after (v12: a read of
`nlp_pending`), on a copy of a scale library, with the upgrade's time.

    PYTHONPATH=. .venv/bin/python benchmarks/nlp_pending.py \
        [--library ~/.cache/chugiai-bench/scale/100000/chugiai.sqlite3] [--work /tmp/nlp-pending]

The library is copied first (the backup API, read-only on the source); the source is
never written. Figures are medians of --rounds runs, in ms, with the load average.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from desktop_app.core.nlp.pending import full_scan
from desktop_app.core.nlp.pos_ner import articles_to_tag
from desktop_app.core.nlp.stored import articles_to_segment
from desktop_app.core.nlp.user_dictionary import KEY, _from_raw, segmentation_engine, tagging_engine
from desktop_app.core.storage.database import Database, driver_connection
from desktop_app.core.storage.pending_migration import v12_nlp_pending

# The v11 query, as nlp/stored.py ran it at every start.
V11 = ("SELECT a.id FROM articles AS a LEFT JOIN {t} AS t ON t.article_id = a.id"
       " WHERE t.article_id IS NULL OR t.engine IS NOT ? OR t.text_hash IS NOT a.content_hash")


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def copy(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def median_ms(fn: Callable[[], object], rounds: int) -> tuple[float, float]:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), max(times)


def before(path: Path, rounds: int) -> None:
    conn = sqlite3.connect(path)
    try:
        raw = conn.execute("SELECT value FROM app_state WHERE key = ?", (KEY,)).fetchone()
        dictionary = _from_raw(raw[0] if raw else None)  # what a plain connection can read
        seg, tag = dictionary.engine, dictionary.tagging_engine

        def both() -> tuple[int, int]:
            s = sorted(r[0] for r in conn.execute(V11.format(t="segmentations"), (seg,)))
            t = sorted(r[0] for r in conn.execute(V11.format(t="taggings"), (tag,)))
            return len(s), len(t)

        counts = both()
        med, worst = median_ms(both, rounds)
        print(f"v11 full query, segment+tag ({counts[0]} + {counts[1]} to do): median {med:.0f} ms,"
              f" max {worst:.0f} ms  [{load()}]")
    finally:
        conn.close()


def step_alone(path: Path) -> None:
    """The v12 step on its own (no backup copy), rolled back."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        t0 = time.perf_counter()
        v12_nlp_pending(conn)
        took = time.perf_counter() - t0
        n = conn.execute("SELECT kind, count(*) FROM nlp_pending GROUP BY kind").fetchall()
        conn.execute("ROLLBACK")
    finally:
        conn.close()
    print(f"v12 step alone (create, triggers, fill by the full query): {took * 1000:.0f} ms, rows {n}  [{load()}]")


def after(db: Database, rounds: int, label: str) -> None:
    def both() -> tuple[int, int]:
        return len(articles_to_segment(db)), len(articles_to_tag(db))

    counts = both()
    med, worst = median_ms(both, rounds)
    with db.session() as s:
        conn = driver_connection(s.connection())
        seg = segmentation_engine(db)
        scan, _ = median_ms(lambda: full_scan(conn, "segmentations", seg), max(1, rounds // 2))
    print(f"v12 {label}, segment+tag ({counts[0]} + {counts[1]} to do): median {med:.1f} ms,"
          f" max {worst:.1f} ms (the full query for segments alone now: {scan:.0f} ms)  [{load()}]")


def write_cost(path: Path) -> None:
    """What the triggers add to writes: the same statements with them dormant (no engine
    recorded) and working, each in a transaction rolled back."""
    statements = {
        "import 10,000 articles": "INSERT INTO articles (title, text, original_text, content_hash, imported_at,"
                                  " hidden_spans) SELECT title, text, original_text, content_hash || 'x',"
                                  " imported_at, hidden_spans FROM articles LIMIT 10000",
        "10,000 segmentations rewritten": "UPDATE segmentations SET spans = spans || x'00'"
                                          " WHERE article_id IN (SELECT article_id FROM segmentations LIMIT 10000)",
    }
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for label, sql in statements.items():
            took = {}
            for mode in ("dormant", "working"):
                conn.execute("BEGIN IMMEDIATE")
                if mode == "dormant":
                    conn.execute("DELETE FROM app_state WHERE key LIKE 'nlp:pending:%'")
                t0 = time.perf_counter()
                conn.execute(sql)
                took[mode] = (time.perf_counter() - t0) * 1000
                conn.execute("ROLLBACK")
            print(f"{label}: triggers dormant {took['dormant']:.0f} ms, working {took['working']:.0f} ms"
                  f"  [{load()}]")
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--library", type=Path,
                        default=Path.home() / ".cache/chugiai-bench/scale/100000/chugiai.sqlite3")
    parser.add_argument("--work", type=Path, default=Path("/tmp/nlp-pending-bench"))
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    lib = args.work / "chugiai.sqlite3"
    t0 = time.perf_counter()
    copy(args.library, lib)
    print(f"copied {args.library} in {time.perf_counter() - t0:.1f} s  [{load()}]")
    before(lib, args.rounds)
    step_alone(lib)

    t0 = time.perf_counter()
    db = Database.open(lib)  # the upgrade: a backup copy, then the steps
    opened = time.perf_counter() - t0
    assert db.upgraded is not None
    backup = db.upgraded[1]
    print(f"Database.open with the upgrade to v12 (backup copy included): {opened:.1f} s  [{load()}]")
    backup.unlink(missing_ok=True)
    try:
        t0 = time.perf_counter()
        s, t = articles_to_segment(db), articles_to_tag(db)
        print(f"first start after the upgrade ({len(s)} + {len(t)} to do; a kind with no rows yet is"
              f" refilled once): {(time.perf_counter() - t0) * 1000:.0f} ms  [{load()}]")
        after(db, args.rounds, "as upgraded")
        write_cost(lib)
        with db.session() as session:  # every article tagged (empty tags): nothing left to do
            conn = driver_connection(session.connection())
            t0 = time.perf_counter()
            conn.execute("INSERT INTO taggings (article_id, text_hash, engine, pos_spans, pos_tags, pos_names,"
                         " entities, created_at) SELECT id, content_hash, ?, x'', x'', '', '[]', '2026-01-01'"
                         " FROM articles", (tagging_engine(db),))
            print(f"(tagged every article in one INSERT, the triggers taking each off: "
                  f"{time.perf_counter() - t0:.1f} s)")
        after(db, args.rounds, "nothing pending")
        with db.session() as session:  # 1,000 of each kind to do: their rows gone
            conn = driver_connection(session.connection())
            for table in ("segmentations", "taggings"):
                conn.execute(f"DELETE FROM {table} WHERE article_id IN"
                             " (SELECT id FROM articles ORDER BY random() LIMIT 1000)")
        after(db, args.rounds, "1,000 pending")
    finally:
        db.close()
    shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    main()
