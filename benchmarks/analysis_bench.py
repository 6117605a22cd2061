"""Coded passages, matrices and co-occurrence on a generated library (issue 15).

The library: 10,000 articles (copies of the 5 seeds, each with a header line of its own;
~66 M characters), 100,000 highlights of 20 to 300 characters at random places, 200 tags
nested three deep ("Chủ đề" > 19 groups > 180 codes; a highlight carries one or two of the
groups and codes), whole-article codes on 2,000 articles, a choice attribute on every
article. Nine articles in ten have a stored segmentation: the seeds' syllables paired into
two-syllable "words", exact spans of their text, so that words:N reads segmentations as it
would in a real library and the rest go through the syllable fallback.

    .venv/bin/python benchmarks/analysis_bench.py [N_ARTICLES] [--quick] [--json FILE]

Targets (issue 15): the first page of coded passages for a tag holding all 100,000
highlights (the root "Chủ đề") <= 200 ms; a tags × articles matrix and a co-occurrence table
(by overlap) <= 1 s each; the HTML report is measured too. Each figure is the median of ROUNDS runs on a warm library.
--quick: 2,000 articles, 20,000 highlights, the same 200 tags, 3 rounds.
"""

from __future__ import annotations

import hashlib
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import at_most, info, options, report  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from desktop_app.core.analysis.cooccurrence import CooccurrenceQuery, cooccurrence  # noqa: E402
from desktop_app.core.analysis.matrices import MatrixQuery, build_matrix  # noqa: E402
from desktop_app.core.analysis.passages import PassageQuery, find_passages, passages_page  # noqa: E402
from desktop_app.core.analysis.report import ReportOptions, write_report  # noqa: E402
from desktop_app.core.nlp.segmentation import ENGINE  # noqa: E402
from desktop_app.core.nlp.stored import pack_spans  # noqa: E402
from desktop_app.core.storage.database import Database  # noqa: E402
from desktop_app.core.storage.models import (  # noqa: E402
    Article,
    ArticleCode,
    Attribute,
    AttributeValue,
    Highlight,
    Segmentation,
    Tag,
    highlight_tags,
    utcnow,
)
from desktop_app.core.text.normalize import normalize  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ROUNDS = 5
GROUPS, CODES_PER_GROUP = 19, 180 // 19 + 1  # 1 root + 19 groups + 180 codes = 200 tags
OUTLETS = ("PLVN", "TTXVN", "Nhân Dân", "VnExpress", "Tuổi Trẻ", "Dân trí")
TONES = ("Tích cực", "Trung lập", "Tiêu cực")
_SYLLABLE = re.compile(r"[^\W_]+|\S")


def tag_names() -> list[str]:
    names = ["Chủ đề"] + [f"Chủ đề/Nhóm {g}" for g in range(GROUPS)]
    codes = [f"Chủ đề/Nhóm {g}/Mã {k}" for g in range(GROUPS) for k in range(CODES_PER_GROUP)]
    return names + codes[:200 - len(names)]


def paired_words(text: str, offset: int) -> list[tuple[int, int]]:
    """Syllables joined two by two when one space separates them: spans of the text."""
    syllables = [m.span() for m in _SYLLABLE.finditer(text)]
    out, i = [], 0
    while i < len(syllables):
        s, e = syllables[i]
        if i + 1 < len(syllables) and text[e:syllables[i + 1][0]] == " " and text[s].isalnum():
            e = syllables[i + 1][1]
            i += 1
        out.append((s + offset, e + offset))
        i += 1
    return out


def build(db: Database, n_articles: int, n_highlights: int, rng: random.Random) -> None:
    t0 = time.perf_counter()
    now = utcnow()
    seeds = [normalize(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    seed_words = [paired_words(text, 0) for text in seeds]
    articles, segs, lengths = [], [], []
    for i in range(n_articles):
        head = f"Bản {i}\n"
        text = head + seeds[i % len(seeds)]
        digest = hashlib.sha256(text.encode()).hexdigest()
        lengths.append(len(text))
        articles.append({"id": i + 1, "title": f"Bài {i}", "source": OUTLETS[i % len(OUTLETS)],
                         "published": f"{2015 + i % 9}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                         "url": f"https://www.bao{i % 7}.vn/{i}", "text": text, "original_text": text,
                         "imported_at": now, "content_hash": digest})
        if i % 10:
            words = paired_words(head, 0) + [(s + len(head), e + len(head)) for s, e in seed_words[i % len(seeds)]]
            segs.append({"article_id": i + 1, "text_hash": digest, "engine": ENGINE,
                         "spans": pack_spans(words), "created_at": now})
    names = tag_names()
    tags = [{"id": k + 1, "name": name, "color": "#ffd166", "description": "", "created_at": now}
            for k, name in enumerate(names)]
    highlights, links = [], []
    for h in range(n_highlights):
        a = rng.randrange(n_articles)
        size = rng.randint(20, 300)
        start = rng.randrange(0, lengths[a] - size)
        highlights.append({"id": h + 1, "article_id": a + 1, "start": start, "end": start + size,
                           "quote": articles[a]["text"][start:start + size], "prefix": "", "suffix": "",
                           "note": "", "created_at": now, "modified_at": now})
        for t in rng.sample(range(2, len(names) + 1), rng.choice((1, 1, 1, 2))):
            links.append({"highlight_id": h + 1, "tag_id": t})
    codes = [{"article_id": a + 1, "tag_id": rng.randrange(2, len(names) + 1), "created_at": now}
             for a in rng.sample(range(n_articles), n_articles // 5)]
    values = [{"attribute_id": 1, "article_id": i + 1, "value": TONES[i % 3], "number": None}
              for i in range(n_articles)]
    with db.engine.begin() as conn:
        for i in range(0, n_articles, 1000):
            conn.execute(insert(Article), articles[i:i + 1000])
        for i in range(0, len(segs), 1000):
            conn.execute(insert(Segmentation), segs[i:i + 1000])
        conn.execute(insert(Tag), tags)
        conn.execute(insert(Highlight), highlights)
        conn.execute(insert(highlight_tags), links)
        conn.execute(insert(ArticleCode), codes)
        conn.execute(insert(Attribute), [{"id": 1, "name": "Giọng điệu", "kind": "choice",
                                          "choices": '["Tích cực", "Trung lập", "Tiêu cực"]', "created_at": now}])
        conn.execute(insert(AttributeValue), values)
    print(f"built {n_articles:,} articles ({sum(lengths) / 1e6:.0f} M characters, {len(segs):,} segmented), "
          f"{n_highlights:,} highlights, {len(links):,} tag links, {len(names)} tags, "
          f"{len(codes):,} whole-article codes in {time.perf_counter() - t0:.1f} s")


def timed(label: str, fn: Callable[[], Any], rounds: int, detail: Callable[[Any], str]) -> float:
    times, result = [], None
    for _ in range(rounds):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1e3)
    p50 = statistics.median(times)
    print(f"  {label:<52} p50 {p50:8.1f} ms   max {max(times):8.1f} ms   {detail(result)}")
    return p50


def main() -> None:
    opts = options()
    n = int(sys.argv[1]) if len(sys.argv) > 1 else (2_000 if opts.quick else 10_000)
    rounds = 3 if opts.quick else ROUNDS
    rng = random.Random(15)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "bench.sqlite3")
        build(db, n, n * 10, rng)
        leaf = tag_names()[-1]

        def pages(r: Any) -> str:
            found, page = r
            return f"{len(found):,} passages in {found.articles:,} articles, page of {len(page)}"

        def size(r: Any) -> str:
            return f"{len(r):,} passages"

        def cells(m: Any) -> str:
            return f"{len(m.rows)} × {len(m.columns):,}, {len(m.values):,} cells not 0"

        def table(t: Any) -> str:
            by_syllables = f", {t.syllable_articles:,} articles by syllables" if t.syllable_articles else ""
            return f"{sum(t.values.values()):,} pairs{by_syllables}"

        print("\ncoded passages (first page of 100: find every id, load the page)")
        root = timed("root tag 'Chủ đề' (every highlight)", lambda: passages_page(db, PassageQuery(("Chủ đề",))),
                     rounds, pages)
        one = timed(f"one code {leaf!r}", lambda: passages_page(db, PassageQuery((leaf,))), rounds, pages)
        dated = timed("root tag sorted by date", lambda: passages_page(db, PassageQuery(("Chủ đề",), sort="date")),
                      rounds, pages)
        timed("two groups overlapping", lambda: find_passages(
            db, PassageQuery(("Chủ đề/Nhóm 1", "Chủ đề/Nhóm 2"), "overlap")), rounds, size)
        timed("two groups in a sentence", lambda: find_passages(
            db, PassageQuery(("Chủ đề/Nhóm 1", "Chủ đề/Nhóm 2"), "sentence")), rounds, size)
        timed("root tag, outlet=PLVN, text 'cán bộ'", lambda: find_passages(
            db, PassageQuery(("Chủ đề",), where=("outlet=PLVN",), text="can bo")), rounds, size)

        print("\nmatrices (200 tags)")
        matrix = timed(f"tags × articles ({n:,}), passages", lambda: build_matrix(db, MatrixQuery()), rounds, cells)
        coverage = timed("tags × articles, coverage", lambda: build_matrix(db, MatrixQuery(count="coverage")),
                         rounds, cells)
        timed("tags × outlet, articles, nested", lambda: build_matrix(
            db, MatrixQuery("attribute:outlet", "articles", nested=True)), rounds, cells)
        timed("tags × Giọng điệu (a choice attribute)", lambda: build_matrix(
            db, MatrixQuery("attribute:Giọng điệu")), rounds, cells)

        print("\nco-occurrence (200 × 200)")
        overlap = timed("overlap", lambda: cooccurrence(db, CooccurrenceQuery()), rounds, table)
        sentence = timed("sentence", lambda: cooccurrence(db, CooccurrenceQuery("sentence")), rounds, table)
        paragraph = timed("paragraph", lambda: cooccurrence(db, CooccurrenceQuery("paragraph")), rounds, table)
        words = timed("words:5", lambda: cooccurrence(db, CooccurrenceQuery("words:5")), rounds, table)

        print("\nreport (codebook, 3 quotes per tag, memos, tags × outlet, co-occurrence by overlap)")
        out = Path(tmp) / "report.html"
        options_ = ReportOptions(tables=(MatrixQuery("attribute:outlet"), CooccurrenceQuery()))
        written = timed("write the HTML report", lambda: write_report(db, out, options_), rounds,
                        lambda d: f"{len(d.tags)} tags, {d.passages:,} passages, {out.stat().st_size / 1e6:.1f} MB")
        db.close()
    scale = f"({n:,} articles, {n * 10:,} highlights)"
    report([at_most(f"first page of passages, tag on every highlight {scale}", root, 200, "ms"),
            info("first page of passages, one code", one, "ms"),
            info("first page of passages, every highlight by date", dated, "ms"),
            at_most(f"tags × articles matrix, passages {scale}", matrix, 1000, "ms"),
            info("tags × articles matrix, coverage", coverage, "ms"),
            at_most(f"co-occurrence by overlap {scale}", overlap, 1000, "ms"),
            info("co-occurrence by sentence", sentence, "ms"),
            info("co-occurrence by paragraph", paragraph, "ms"),
            info("co-occurrence within 5 words", words, "ms"),
            info(f"HTML report, two tables {scale}", written, "ms")], opts)


if __name__ == "__main__":
    main()
