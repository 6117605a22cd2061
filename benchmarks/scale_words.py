"""Segmentations and the word index for a generated scale library (issue 19 item 3).

Segmenting a million articles with underthesea would take days, so the articles of a
scale library (benchmarks/scale.py) get realistic segmentations made another way: the
seed texts are segmented once for real (nlp.segmentation.segment_text), the words of
more than one syllable it found become a vocabulary, and each generated article is cut
into syllables and signs (as underthesea cuts them: "Nội" then ",") whose longest run
found in the vocabulary (same line, single spaces) becomes one word. The rows are stored
as `save_segmentation` stores them (same hash, engine stamp and packed spans; the bench
library has no user dictionary to merge), in bulk: the trigger queues each article, and
the word index is then built by the code's own background build (word_index.build),
whose rate is what we measure.

    .venv/bin/python benchmarks/scale_words.py DB_PATH [--segment-only | --build-only | --measure | --measure-all]

`segment_and_index(db_path, progress)` is what scale.py calls.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from figures import peak_rss_mb

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SEEDS = REPO / "seeds"
CACHE = Path(os.environ.get("CHUGIAI_BENCH_CACHE", Path.home() / ".cache" / "chugiai-bench"))
VOCABULARY = CACHE / "seed_words.json"
MAX_SYLLABLES = 6  # longest word looked up
CHUNK = 2000  # articles segmented and stored per transaction
_TOKEN_RE = re.compile(r"[^\W_]+|\S")  # a syllable or a single sign

Report = Callable[[str, int, int], None]  # (stage, done, total)


def vocabulary() -> set[str]:
    """Casefolded multi-syllable words underthesea finds in the seeds (cached)."""
    if VOCABULARY.exists():
        return set(json.loads(VOCABULARY.read_text(encoding="utf-8")))
    from desktop_app.core.nlp.segmentation import segment_text

    words: set[str] = set()
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for s, e in segment_text(text):
            form = " ".join(text[s:e].split())
            if " " in form and len(form.split()) <= MAX_SYLLABLES:
                words.add(form.casefold())
    VOCABULARY.parent.mkdir(parents=True, exist_ok=True)
    VOCABULARY.write_text(json.dumps(sorted(words), ensure_ascii=False), encoding="utf-8")
    return words


def segment(text: str, words: set[str]) -> list[int]:
    """Flat (start, end, ...) spans: longest vocabulary match over syllables, else one
    syllable or sign a word."""
    tokens = [m.span() for m in _TOKEN_RE.finditer(text)]
    lowered = text.casefold() if len(text.casefold()) == len(text) else None
    out: list[int] = []
    i, n = 0, len(tokens)
    while i < n:
        s, e = tokens[i]
        best = i
        if lowered is not None:
            j = i
            while j + 1 < n and j - i + 1 < MAX_SYLLABLES and tokens[j + 1][0] == tokens[j][1] + 1 \
                    and text[tokens[j][1]] == " ":
                j += 1
                if lowered[s:tokens[j][1]] in words:
                    best = j
        out += (s, tokens[best][1])
        i = best + 1
    return out


def segment_library(db_path: Path, report: Report | None = None) -> dict[str, float]:
    """Store a segmentation for every article without one; resumable."""
    from array import array

    from sqlalchemy import insert

    from desktop_app.core.nlp.stored import pack_spans, text_hash
    from desktop_app.core.nlp.user_dictionary import segmentation_engine
    from desktop_app.core.storage.database import Database, driver_connection
    from desktop_app.core.storage.models import Segmentation

    words = vocabulary()
    db = Database.open(db_path)
    engine = segmentation_engine(db)
    t0, done, after = time.perf_counter(), 0, 0
    with db.engine.connect() as sa_conn:
        total = driver_connection(sa_conn).execute(
            "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM segmentations)").fetchone()[0]
    while True:
        with db.engine.connect() as sa_conn:
            rows = driver_connection(sa_conn).execute(
                "SELECT a.id, a.text FROM articles a LEFT JOIN segmentations s ON s.article_id = a.id"
                " WHERE a.id > ? AND s.article_id IS NULL ORDER BY a.id LIMIT ?", (after, CHUNK)).fetchall()
        if not rows:
            break
        after = rows[-1][0]
        values = [{"article_id": aid, "text_hash": text_hash(text or ""), "engine": engine,
                   "spans": pack_spans(array("I", segment(text or "", words)))} for aid, text in rows]
        with db.session() as session:
            session.execute(insert(Segmentation), values)
        done += len(rows)
        if report:
            report("segment", done, total)
    seconds = time.perf_counter() - t0
    db.close()
    return {"segmented": done, "segment_seconds": seconds}


def build_index(db_path: Path, report: Report | None = None) -> dict[str, float]:
    """The word index by the app's background build; its rate and size."""
    from desktop_app.core.nlp import word_index
    from desktop_app.core.progress import Progress
    from desktop_app.core.storage.database import Database, driver_connection

    db = Database.open(db_path)
    progress = Progress(None if report is None else (lambda d, t, _n: report("index", d, t)))
    t0 = time.perf_counter()
    indexed = word_index.build(db, progress)
    seconds = time.perf_counter() - t0
    with db.engine.connect() as sa_conn:
        conn = driver_connection(sa_conn)
        size = sum(r[0] for r in conn.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'word_%' GROUP BY name"))
    db.close()
    return {"indexed": indexed, "index_seconds": seconds,
            "index_rate": indexed / seconds if seconds else 0.0, "index_bytes": size}


def segment_and_index(db_path: str | Path, progress: Report | None = None) -> dict[str, float]:
    """Segment (synthetically, see the module docstring) and word-index a scale library."""
    figures = segment_library(Path(db_path), progress)
    figures.update(build_index(Path(db_path), progress))
    return figures


QUERIES = (("very common word", "cán bộ"), ("common two-word phrase", "công tác cán bộ"),
           ("rarer word", "chi bộ"))


def _median_ms(run: Callable[[], object], rounds: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(rounds):
        t0 = time.perf_counter()
        out = run()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), out


def measure(db_path: str | Path, rounds: int = 5) -> dict[str, float]:
    """Concordance first page and total per query, whole-corpus frequencies, peak RSS
    (of this process: run it in a fresh one, as __main__ --measure does)."""
    from desktop_app.core.analysis import concordance as cc
    from desktop_app.core.analysis.concordance_pages import first_page, total_lines
    from desktop_app.core.analysis.frequencies import word_frequencies
    from desktop_app.core.storage.database import Database

    db = Database.open(Path(db_path))
    out: dict[str, float] = {}
    for name, query in QUERIES:
        cc.CACHE.clear()
        out[f"{name} first page cold ms"], _ = _median_ms(lambda query=query: first_page(db, query, None), 1)
        out[f"{name} first page ms"], (lines, _more, _c) = _median_ms(lambda query=query: first_page(db, query, None), rounds)
        out[f"{name} total ms"], total = _median_ms(lambda query=query: total_lines(db, query, None), rounds)
        out[f"{name} lines"] = total if total is not None else -1
        if total is None:  # a phrase too long to count at once: what counting it costs
            out[f"{name} total uncapped ms"], total = _median_ms(
                lambda query=query: total_lines(db, query, None, count_at_most=None), max(1, rounds // 2))
            out[f"{name} lines"] = total if total is not None else -1
    out["frequencies ms"], result = _median_ms(lambda: word_frequencies(db), max(1, rounds // 2))
    out["frequency words"] = len(result.words)
    out["rss MB"] = peak_rss_mb()
    out["load average"] = os.getloadavg()[0]
    db.close()
    return out


def measure_all_lines(db_path: str | Path, query: str = "cán bộ") -> dict[str, float]:
    """'Load all lines' (at most MAX_LINES) and the streamed export of every line, with
    this process's peak RSS (run it in a fresh one: --measure-all)."""
    import tempfile

    from desktop_app.core.analysis.concordance_pages import all_lines, export_all_lines
    from desktop_app.core.storage.database import Database

    db = Database.open(Path(db_path))
    out: dict[str, float] = {}
    t0 = time.perf_counter()
    lines, _complete, capped = all_lines(db, query, None, ("left", False))
    out["all lines s"], out["all lines"], out["capped"] = time.perf_counter() - t0, len(lines), capped
    del lines
    out["rss after all lines MB"] = peak_rss_mb()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        out["exported lines"] = export_all_lines(db, query, None, Path(tmp) / "all.csv")
        out["export s"] = time.perf_counter() - t0
    out["rss MB"] = peak_rss_mb()
    out["load average"] = os.getloadavg()[0]
    db.close()
    return out


def _print_progress(stage: str, done: int, total: int, last: list[float] = [0.0]) -> None:  # noqa: B006
    now = time.perf_counter()
    if now - last[0] >= 10 or done == total:
        last[0] = now
        print(f"{time.strftime('%H:%M:%S')} {stage} {done}/{total}", flush=True)


if __name__ == "__main__":
    path = Path(sys.argv[1])
    if "--build-only" in sys.argv:
        result = build_index(path, _print_progress)
    elif "--measure-all" in sys.argv:
        result = measure_all_lines(path)
    elif "--measure" in sys.argv:
        result = measure(path)
    elif "--segment-only" in sys.argv:
        result = segment_library(path, _print_progress)
    else:
        result = segment_and_index(path, _print_progress)
    print(json.dumps(result))
