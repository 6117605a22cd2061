"""Inter-coder agreement over a synthetic library: 1,000 articles × 3 coders × 50 tags.

The library is made here twice: in memory (the agreement maths alone, core/analysis/agreement,
from texts, word spans and highlights already read) and as a real library file (the whole
path: core/analysis/intercoder.py reads the coders, highlights, texts and stored
segmentations in one snapshot, then the maths). Each article is ~700 words of common Vietnamese words, places and generated syllables,
with its word spans as a segmentation gives them ("cán bộ" one word). Coder A makes ~20
highlights an article, 3-60 words long, with one or two of 50 tags (a few tags common, most
rare); coders B and C redo A's work with the disagreements real coders have: a highlight
skipped, its edges a few characters off, another tag, a highlight of their own.

Timed: building every article's word units and the agreement table (per tag and overall:
percent, Cohen's κ where it applies, Fleiss' κ, α, αu), and the same from the library file.
Target (issue 16): word unit ≤ 2 s, from the library. The character and sentence units
are timed too (no target).

    .venv/bin/python benchmarks/agreement_bench.py [N_ARTICLES] [--quick]

--quick: the same 1,000 articles, one round instead of three.
"""

from __future__ import annotations

import gc
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import PLACES, WORDS  # noqa: E402
from figures import at_most, info, options, report  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from desktop_app.core.analysis.agreement import ArticleCoding, agreement  # noqa: E402
from desktop_app.core.analysis.intercoder import AgreementQuery, library_agreement  # noqa: E402
from desktop_app.core.nlp.segmentation import ENGINE  # noqa: E402
from desktop_app.core.nlp.stored import pack_spans, text_hash  # noqa: E402
from desktop_app.core.storage import models  # noqa: E402
from desktop_app.core.storage.database import Database  # noqa: E402

CODERS = ["A", "B", "C"]
TAGS = [f"chủ đề {k:02d}" for k in range(1, 51)]
TAG_WEIGHTS = [1 / k for k in range(1, 51)]  # Zipf: a few tags common, most rare
WORDS_PER_ARTICLE = 700
HIGHLIGHTS_PER_ARTICLE = 20
Article = tuple[str, list[tuple[int, int]], dict[str, list[tuple[int, int, frozenset[str]]]]]


def syllable(rng: random.Random) -> str:
    return rng.choice("bcdghklmnpqrstvx") + rng.choice(["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư",
                                                        "ươ", "iê", "uô"]) + rng.choice(["", "n", "ng", "c", "t", "m"])


def text_of(rng: random.Random) -> tuple[str, list[tuple[int, int]]]:
    pieces, spans, pos = [], [], 0
    for k in range(WORDS_PER_ARTICLE):
        r = rng.random()
        word = rng.choice(WORDS) if r < 0.3 else rng.choice(PLACES) if r < 0.35 else \
            "." if r < 0.42 else syllable(rng)
        if k and word != ".":
            pieces.append("\n" if rng.random() < 0.01 else " ")
            pos += 1
        pieces.append(word)
        spans.append((pos, pos + len(word)))
        pos += len(word)
    return "".join(pieces), spans


def tags_of(rng: random.Random) -> frozenset[str]:
    return frozenset(rng.choices(TAGS, TAG_WEIGHTS, k=rng.choice((1, 1, 2))))


def redo(rng: random.Random, highlights, words: list[tuple[int, int]], length: int):
    """Another coder's version of the same article."""
    out = []
    for s, e, tags in highlights:
        if rng.random() < 0.15:
            continue  # skipped
        s = min(max(0, s + rng.choice((0, 0, 0, -3, 2, -8))), length - 1)
        e = max(s + 1, min(length, e + rng.choice((0, 0, 0, 4, -2, 9))))
        if rng.random() < 0.1:
            tags = tags_of(rng)
        out.append((s, e, tags))
    for _ in range(rng.randint(0, 3)):  # their own
        out.append(highlight(rng, words))
    return out


def highlight(rng: random.Random, words: list[tuple[int, int]]) -> tuple[int, int, frozenset[str]]:
    first = rng.randrange(len(words))
    last = min(len(words) - 1, first + rng.randint(2, 59))
    return words[first][0], words[last][1], tags_of(rng)


def library(n: int, rng: random.Random) -> list[Article]:
    out = []
    for _ in range(n):
        text, words = text_of(rng)
        a = [highlight(rng, words) for _ in range(HIGHLIGHTS_PER_ARTICLE)]
        out.append((text, words, {"A": a, "B": redo(rng, a, words, len(text)),
                                  "C": redo(rng, a, words, len(text))}))
    return out


def run(articles: list[Article], unit: str):
    return agreement((ArticleCoding.of(unit, text, coders, words) for text, words, coders in articles),
                     CODERS, unit, tags=TAGS)


def timed(articles: list[Article], unit: str, rounds: int):
    times, result = [], None
    for _ in range(rounds):
        t0 = time.perf_counter()
        result = run(articles, unit)
        times.append(time.perf_counter() - t0)
    return times, result


def write_library(path: Path, articles: list[Article]) -> Database:
    """The same articles, segmentations, coders and highlights as a library file."""
    db = Database.open(path)
    now = models.utcnow()
    tag_id = {t: k + 1 for k, t in enumerate(TAGS)}
    rows, segs, highlights, links = [], [], [], []
    for i, (text, words, coders) in enumerate(articles, 1):
        digest = text_hash(text)
        rows.append({"id": i, "title": f"Bài {i}", "text": text, "original_text": text, "imported_at": now,
                     "content_hash": digest})
        segs.append({"article_id": i, "text_hash": digest, "engine": ENGINE, "spans": pack_spans(words),
                     "created_at": now})
        for k, name in enumerate(CODERS):
            for s, e, tags in coders[name]:
                h = len(highlights) + 1
                highlights.append({"id": h, "article_id": i, "start": s, "end": e, "quote": text[s:e],
                                   "prefix": "", "suffix": "", "note": "", "created_at": now,
                                   "modified_at": now, "coder_id": k + 2})
                links += [{"highlight_id": h, "tag_id": tag_id[t]} for t in tags]
    with db.engine.begin() as conn:
        conn.execute(insert(models.Coder), [{"id": k + 2, "name": n, "created_at": now} for k, n in enumerate(CODERS)])
        conn.execute(insert(models.Tag), [{"id": k, "name": t, "color": "#ffd166", "description": "", "created_at": now}
                                   for t, k in tag_id.items()])
        for i in range(0, len(rows), 500):
            conn.execute(insert(models.Article), rows[i:i + 500])
            conn.execute(insert(models.Segmentation), segs[i:i + 500])
        conn.execute(insert(models.Highlight), highlights)
        conn.execute(insert(models.highlight_tags), links)
    return db


def from_library(db: Database, unit: str, rounds: int):
    times, found = [], None
    for _ in range(rounds):
        t0 = time.perf_counter()
        found = library_agreement(db, AgreementQuery(tuple(CODERS), unit))
        times.append(time.perf_counter() - t0)
    return times, found


def show(label: str, value) -> str:
    return f"{label} {value:.3f}" if value is not None else f"{label} -"


def main() -> None:
    opts = options()
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000
    rounds = 1 if opts.quick else 3
    t0 = time.perf_counter()
    articles = library(n, random.Random(16))
    chars = sum(len(t) for t, _, _ in articles)
    highlights = sum(len(h) for _, _, c in articles for h in c.values())
    print(f"built {n:,} articles ({chars / 1e6:.1f} M characters, {n * WORDS_PER_ARTICLE:,} words, "
          f"{highlights:,} highlights by {len(CODERS)} coders, {len(TAGS)} tags) "
          f"in {time.perf_counter() - t0:.1f} s\n")
    medians, expected = {}, {}
    for unit in ("word", "sentence", "character"):
        times, result = timed(articles, unit, rounds)
        medians[unit] = statistics.median(times)
        expected[unit] = result.overall
        o = result.overall
        print(f"  {unit:<10} p50 {medians[unit]:6.2f} s  max {max(times):6.2f} s   {o.units:,} units; overall "
              f"{show('%', o.percent.value)} {show('Fleiss κ', o.fleiss_kappa.value)} "
              f"{show('α', o.alpha.value)} {show('αu', o.alpha_u.value)}")
    common = result.tags[0]
    print(f"\n  the commonest tag ({common.tag!r}) by characters: {show('α', common.alpha.value)}, "
          f"{show('αu', common.alpha_u.value)}")
    with tempfile.TemporaryDirectory() as folder:
        t0 = time.perf_counter()
        db = write_library(Path(folder) / "chugiai.sqlite3", articles)
        # The window holds no copy of the library in memory: drop ours, or every garbage
        # collection during the timing walks its millions of objects (~0.6 s a run here).
        del articles, result
        gc.collect()
        print(f"\nwrote the library file in {time.perf_counter() - t0:.1f} s; from the library "
              "(read in one snapshot, then the maths):")
        try:
            from_file = {}
            for unit in ("word", "sentence"):
                times, found = from_library(db, unit, rounds)
                from_file[unit] = statistics.median(times)
                o = found.result.overall
                print(f"  {unit:<10} p50 {from_file[unit]:6.2f} s  max {max(times):6.2f} s   "
                      f"{len(found.article_ids):,} articles, {len(found.result.tags)} tags; overall "
                      f"{show('α', o.alpha.value)} {show('αu', o.alpha_u.value)}")
                if found.result.overall != expected[unit]:
                    raise SystemExit("the library's figures differ from the in-memory ones")
        finally:
            db.close()
    report([at_most(f"word unit from the library, {n:,} articles × 3 coders × 50 tags", from_file["word"], 2.0, "s"),
            info("word unit, the maths alone (in memory)", medians["word"], "s"),
            info("sentence unit from the library", from_file["sentence"], "s"),
            info("sentence unit, the maths alone", medians["sentence"], "s"),
            info("character unit, the maths alone", medians["character"], "s")], opts)


if __name__ == "__main__":
    main()
