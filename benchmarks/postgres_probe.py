"""Figures for the PostgreSQL plan (docs/postgresql.md, issue 17), on a real server started
here the way the tests start theirs (tests/postgres_server.py).

    .venv/bin/python benchmarks/postgres_probe.py [--articles N] [--bindir DIR ...] [--only PART,...]

Parts:
- start: initdb + start + CREATE DATABASE, and stop, for each server source (--bindir: a
  folder holding initdb/pg_ctl/postgres; default: Debian's package), median of 3.
- search: the 10,000 articles and ~200 queries of benchmarks/search.py, folded (the NONE
  level). Candidate step only (ids and a score for the best 50, plus the count), as
  search._ranked does on FTS5: SQLite FTS5 vs PostgreSQL tsvector (GIN) vs pg_trgm (GIN,
  regular expressions with word boundaries).
- notify: LISTEN/NOTIFY latency between two connections (commit to delivery), and the cost
  of polling a change-log table instead.
- writers: 5 processes each committing 1,000 highlights (one per transaction, with a tag
  link and a NOTIFY) on the server; throughput, p95 commit latency, and how long a
  listening client waits to see each one. The same on one SQLite file for comparison.
The server runs with its default durability (fsync, synchronous_commit on), unlike the
tests' server; SQLite with the app's own settings (WAL, synchronous=NORMAL).

Not in `make bench` (no figures.py): it needs a PostgreSQL server, and takes ~1-2 minutes.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import psycopg  # noqa: E402
from search import build_library, queries  # noqa: E402
from sqlalchemy import text  # noqa: E402

from desktop_app.core.analysis.search import CHEAP_RANK_ROWS, _key, _parse, _ranked, sync_index  # noqa: E402
from desktop_app.core.storage.database import Database, driver_connection  # noqa: E402
from desktop_app.core.storage.server import ServerDatabase  # noqa: E402
from desktop_app.core.text.matching import MatchLevel  # noqa: E402
from tests.postgres_server import PostgresServer, find_bindir, start_server  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms"


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


def plain(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


# ---------------------------------------------------------------- start

def part_start(bindirs: list[Path]) -> None:
    import os

    for bindir in bindirs:
        os.environ["CHUGIAI_PG_BINDIR"] = str(bindir)
        starts, stops = [], []
        version = ""
        for _ in range(3):
            t0 = time.perf_counter()
            server = start_server()
            starts.append(time.perf_counter() - t0)
            if not version:
                version = server._run("postgres", "--version").stdout.strip()
            t0 = time.perf_counter()
            server.stop()
            stops.append(time.perf_counter() - t0)
            import shutil
            shutil.rmtree(server.folder, ignore_errors=True)
        print(f"start {bindir} ({version}): initdb+start+createdb median {ms(statistics.median(starts))}"
              f" (min {ms(min(starts))}, max {ms(max(starts))}); stop median {ms(statistics.median(stops))}")
    os.environ.pop("CHUGIAI_PG_BINDIR", None)


# ---------------------------------------------------------------- search

def pg_tsquery(groups: list) -> str:
    """The folded groups as a tsquery: words of a group adjacent (<->), groups ANDed."""
    parts = []
    for g in groups:
        words = [_key(w).lower() for w in g.words]
        last = words[-1] + (":*" if g.prefix else "")
        parts.append("(" + " <-> ".join([*words[:-1], last]) + ")")
    return " & ".join(parts)


def pg_regexes(groups: list) -> list[str]:
    """Each folded group as a PostgreSQL regular expression with word boundaries."""
    out = []
    for g in groups:
        words = [_key(w).lower() for w in g.words]
        out.append(r"\m" + r"[^[:alnum:]]+".join(words) + ("" if g.prefix else r"\M"))
    return out


def part_search(server: PostgresServer, n: int) -> None:
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        lite = Database.open(Path(tmp) / "bench.sqlite3")
        names = build_library(lite, n, rng)
        sync_index(lite)
        qs = queries(rng, names)
        with lite.engine.connect() as conn:
            rows = conn.execute(text("SELECT id, title, text FROM articles")).all()
        url = server.create_database("search_probe")
        with psycopg.connect(plain(url), autocommit=True) as pg:
            pg.execute("CREATE EXTENSION pg_trgm")
            pg.execute("CREATE TABLE docs (id int PRIMARY KEY, title_key text, body_key text, tsv tsvector)")
            t0 = time.perf_counter()
            with pg.cursor() as cur, cur.copy("COPY docs (id, title_key, body_key) FROM STDIN") as copy:
                for i, title, body in rows:
                    copy.write_row((i, _key(title).lower(), _key(body).lower()))
            load = time.perf_counter() - t0
            t0 = time.perf_counter()
            pg.execute("UPDATE docs SET tsv = setweight(to_tsvector('simple', title_key), 'A')"
                       " || to_tsvector('simple', body_key)")
            pg.execute("CREATE INDEX docs_tsv ON docs USING gin (tsv)")
            ts_build = time.perf_counter() - t0
            t0 = time.perf_counter()
            pg.execute("CREATE INDEX docs_trgm ON docs USING gin ((title_key || ' ' || body_key) gin_trgm_ops)")
            trgm_build = time.perf_counter() - t0
            pg.execute("VACUUM ANALYZE docs")
            size = dict(pg.execute("SELECT relname, pg_relation_size(oid) FROM pg_class WHERE relname IN"
                                   " ('docs_tsv', 'docs_trgm', 'docs')").fetchall())
            toast = pg.execute("SELECT pg_total_relation_size('docs') - pg_indexes_size('docs')").fetchone()[0]
            print(f"search: {n:,} articles; folded text loaded (COPY) in {load:.1f} s; tsvector column + GIN"
                  f" {ts_build:.1f} s, {size['docs_tsv'] / 1e6:.1f} MB index; pg_trgm GIN {trgm_build:.1f} s,"
                  f" {size['docs_trgm'] / 1e6:.1f} MB; table with tsvector {toast / 1e6:.1f} MB")
            ts_sql = ("SELECT id, ts_rank(tsv, q) AS r FROM docs, to_tsquery('simple', %s) q WHERE tsv @@ q"
                      " ORDER BY r DESC LIMIT 50")
            ts_newest = "SELECT id FROM docs WHERE tsv @@ to_tsquery('simple', %s) ORDER BY id DESC LIMIT 50"
            ts_count = "SELECT count(*) FROM docs WHERE tsv @@ to_tsquery('simple', %s)"
            times: dict[str, list[float]] = {"sqlite fts5": [], "pg tsvector": [], "pg trgm": []}
            found: dict[str, list[int]] = {k: [] for k in times}
            with lite.engine.connect() as sa_conn:
                conn = driver_connection(sa_conn)
                for q in qs:
                    groups = _parse(q)
                    if not groups:
                        continue
                    match = " AND ".join(g.fts(MatchLevel.NONE) for g in groups)
                    t0 = time.perf_counter()
                    count = conn.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH ?",
                                         ("{title body} : (" + match + ")",)).fetchone()[0]
                    _ranked(conn, [g.fts(MatchLevel.NONE) for g in groups], MatchLevel.NONE, 50)
                    times["sqlite fts5"].append(time.perf_counter() - t0)
                    found["sqlite fts5"].append(count)

                    tsq = pg_tsquery(groups)
                    t0 = time.perf_counter()
                    count = pg.execute(ts_count, (tsq,)).fetchone()[0]
                    # As _ranked once did: ranking over half of the corpus says little; newest instead.
                    cheap = count <= CHEAP_RANK_ROWS or 2 * count <= n
                    pg.execute(ts_sql if cheap else ts_newest, (tsq,)).fetchall()
                    times["pg tsvector"].append(time.perf_counter() - t0)
                    found["pg tsvector"].append(count)

                    res = pg_regexes(groups)
                    where = " AND ".join(["(title_key || ' ' || body_key) ~ %s"] * len(res))
                    t0 = time.perf_counter()
                    count = pg.execute(f"SELECT count(*) FROM docs WHERE {where}", res).fetchone()[0]
                    pg.execute(f"SELECT id FROM docs WHERE {where} ORDER BY id DESC LIMIT 50", res).fetchall()
                    times["pg trgm"].append(time.perf_counter() - t0)
                    found["pg trgm"].append(count)
            for name, values in times.items():
                print(f"search {name}: {len(values)} queries, p50 {ms(statistics.median(values))},"
                      f" p95 {ms(p95(values))}, max {ms(max(values))}")
            same_ts = sum(a == b for a, b in zip(found["sqlite fts5"], found["pg tsvector"], strict=True))
            same_tg = sum(a == b for a, b in zip(found["sqlite fts5"], found["pg trgm"], strict=True))
            print(f"search: same article count as FTS5: tsvector {same_ts}/{len(qs)}, trgm {same_tg}/{len(qs)}"
                  " (differences: tokenizers differ on digits/letters glued, FTS5 prefix is per token)")
        lite.close()


# ---------------------------------------------------------------- notify

def part_notify(server: PostgresServer, rounds: int = 300) -> None:
    url = plain(server.url())
    listener = psycopg.connect(url, autocommit=True)
    writer = psycopg.connect(url, autocommit=False)
    listener.execute("LISTEN chugiai")
    writer.execute("CREATE TABLE IF NOT EXISTS change_log (id bigserial PRIMARY KEY, what text, at timestamptz"
                   " DEFAULT now())")
    writer.commit()
    waits = []
    gen = listener.notifies(timeout=5)
    for i in range(rounds):
        writer.execute("INSERT INTO change_log (what) VALUES (%s)", (f"h{i}",))
        writer.execute("SELECT pg_notify('chugiai', %s)", (str(i),))
        t0 = time.perf_counter()
        writer.commit()
        note = next(gen)
        waits.append(time.perf_counter() - t0)
        assert note.payload == str(i), note
    gen.close()
    print(f"notify: commit+delivery to another connection over {rounds} rounds: p50 {ms(statistics.median(waits))},"
          f" p95 {ms(p95(waits))}, max {ms(max(waits))} (the commit itself included)")
    polls = []
    last = 0
    for _ in range(200):
        t0 = time.perf_counter()
        rows = listener.execute("SELECT id, what FROM change_log WHERE id > %s ORDER BY id", (last,)).fetchall()
        polls.append(time.perf_counter() - t0)
        last = rows[-1][0] if rows else last
    print(f"notify: polling the change log instead, one query with nothing new: p50 {ms(statistics.median(polls))}"
          f" (latency = the polling interval)")
    listener.close()
    writer.close()


# ---------------------------------------------------------------- writers

HIGHLIGHT_SQL = ("INSERT INTO highlights (article_id, start, \"end\", quote, prefix, suffix, note, created_at,"
                 " modified_at, coder_id) VALUES ({p}, {p}, {p}, {p}, '', '', '', {now}, {now}, {p}) RETURNING id")


def _pg_writer(url: str, coder: int, count: int, go, out) -> None:
    lat = []
    with psycopg.connect(url) as conn:
        go.wait()
        began = time.time()
        for i in range(count):
            t0 = time.perf_counter()
            hid = conn.execute(HIGHLIGHT_SQL.format(p="%s", now="now()"),
                               (1 + i % 50, i, i + 5, "quote", coder)).fetchone()[0]
            conn.execute("INSERT INTO highlight_tags VALUES (%s, %s)", (hid, coder))
            conn.execute("SELECT pg_notify('chugiai', %s)", (f"{time.time()!r} {hid}",))
            conn.commit()
            lat.append(time.perf_counter() - t0)
    out.put((began, time.time(), lat))


def _lite_writer(path: str, coder: int, count: int, go, out) -> None:
    lat = []
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA busy_timeout=5000")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    go.wait()
    began = time.time()
    for i in range(count):
        t0 = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        hid = conn.execute(HIGHLIGHT_SQL.format(p="?", now="CURRENT_TIMESTAMP"),
                           (1 + i % 50, i, i + 5, "quote", coder)).fetchone()[0]
        conn.execute("INSERT INTO highlight_tags VALUES (?, ?)", (hid, coder))
        conn.execute("COMMIT")
        lat.append(time.perf_counter() - t0)
    conn.close()
    out.put((began, time.time(), lat))


def _seed(session_db: Database, coders: int) -> None:
    with session_db.engine.begin() as conn:
        for c in range(2, coders + 1):
            conn.execute(text("INSERT INTO coders (id, name, created_at) VALUES (:i, :n, CURRENT_TIMESTAMP)"),
                         {"i": c, "n": f"coder {c}"})
        for t in range(1, coders + 1):
            conn.execute(text("INSERT INTO tags (id, name, color, description, created_at)"
                              " VALUES (:i, :n, '#aabbcc', '', CURRENT_TIMESTAMP)"), {"i": t, "n": f"tag {t}"})
        for a in range(1, 51):
            conn.execute(text("INSERT INTO articles (id, title, text, original_text, content_hash, imported_at,"
                              " hidden_spans) VALUES (:i, 't', 'x', 'x', :h, CURRENT_TIMESTAMP, '[]')"),
                         {"i": a, "h": f"{a:064d}"})


def _run_writers(target, arg: str, coders: int, count: int) -> tuple[float, list[float]]:
    ctx = multiprocessing.get_context("spawn")
    out, go = ctx.Queue(), ctx.Barrier(coders + 1)
    procs = [ctx.Process(target=target, args=(arg, c, count, go, out)) for c in range(1, coders + 1)]
    for p in procs:
        p.start()
    go.wait(timeout=120)  # every process imported and connected: then all start at once
    results = [out.get(timeout=600) for _ in procs]
    for p in procs:
        p.join()
    took = max(r[1] for r in results) - min(r[0] for r in results)
    return took, [x for r in results for x in r[2]]


def part_writers(server: PostgresServer, coders: int = 5, count: int = 1000) -> None:
    url = server.create_database("writers_probe")
    db = ServerDatabase.open_url(url)
    _seed(db, coders)
    from desktop_app.core.storage.server import resync_sequences
    with db.engine.begin() as conn:
        resync_sequences(conn)
    db.close()
    seen: list[float] = []
    stop = threading.Event()

    def listen() -> None:
        with psycopg.connect(plain(url), autocommit=True) as conn:
            conn.execute("LISTEN chugiai")
            while not stop.is_set():
                for note in conn.notifies(timeout=0.5, stop_after=100):
                    seen.append(time.time() - float(note.payload.split()[0]))

    watcher = threading.Thread(target=listen)
    watcher.start()
    time.sleep(0.3)  # the listener is in place before the writers start (a benchmark, not a test)
    took, lats = _run_writers(_pg_writer, plain(url), coders, count)
    deadline = time.time() + 10
    while len(seen) < coders * count and time.time() < deadline:
        time.sleep(0.05)
    stop.set()
    watcher.join()
    with psycopg.connect(plain(url)) as conn:
        rows = conn.execute("SELECT count(*), count(DISTINCT id) FROM highlights").fetchone()
    print(f"writers pg: {coders} processes x {count} highlights: {len(lats) / took:,.0f} commits/s,"
          f" p50 {ms(statistics.median(lats))}, p95 {ms(p95(lats))}; rows {rows[0]:,} ({rows[1]:,} distinct);"
          f" another client saw {len(seen):,} notifications, delay p50 {ms(statistics.median(seen))},"
          f" p95 {ms(p95(seen))}, max {ms(max(seen))}")
    with tempfile.TemporaryDirectory() as tmp:
        lite = Database.open(Path(tmp) / "w.sqlite3")
        _seed(lite, coders)
        lite.close()
        took, lats = _run_writers(_lite_writer, str(Path(tmp) / "w.sqlite3"), coders, count)
        print(f"writers sqlite (same file, WAL, synchronous=NORMAL): {len(lats) / took:,.0f} commits/s,"
              f" p50 {ms(statistics.median(lats))}, p95 {ms(p95(lats))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--bindir", type=Path, action="append", default=[])
    parser.add_argument("--only", default="start,search,notify,writers")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    if "start" in parts:
        part_start(args.bindir or [p for p in [find_bindir()] if p])
    server = start_server(durable=True)  # fsync and synchronous_commit on, as a real server
    try:
        print(f"server: {server._run('postgres', '--version').stdout.strip()} in {server.folder}")
        if "search" in parts:
            part_search(server, args.articles)
        if "notify" in parts:
            part_notify(server)
        if "writers" in parts:
            part_writers(server)
    finally:
        server.stop()
        import shutil
        shutil.rmtree(server.folder, ignore_errors=True)


if __name__ == "__main__":
    main()
