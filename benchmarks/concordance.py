"""Concordance (and word frequencies) over 10,000 segmented articles.

Segmenting 10,000 articles for real would take ~10 minutes, so the 5 seeds are segmented
for real once (nlp.segment_text) and every copy is built FROM those tokens: a header line
("title / Bản i: ông NAME cho biết") tokenized by hand (the name as one word), then the
seed text with 8 of its words replaced (by common words such as "cán bộ" or by generated
syllables), the spans shifted to match. Every copy's spans are therefore exact spans of
its own text, as real segmentations are. One article in ten keeps no segmentation and
goes through the syllable fallback.

    .venv/bin/python benchmarks/concordance.py [N_ARTICLES] [--quick]

Target (issue): a common word <= 200 ms over 10,000 articles (~66 M characters): the
first page (limit=500, cold) of the slowest common word is held to it.
--quick: 2,000 articles, 3 rounds.
"""

from __future__ import annotations

import hashlib
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import WORDS  # noqa: E402
from figures import at_most, info, options, report  # noqa: E402
from search import SURNAMES, syllable  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from desktop_app.core.analysis import concordance as cc  # noqa: E402
from desktop_app.core.analysis.frequencies import word_frequencies  # noqa: E402
from desktop_app.core.analysis.search import sync_index  # noqa: E402
from desktop_app.core.analysis.stopwords import load_stopwords  # noqa: E402
from desktop_app.core.library.ingest.metadata import parse_metadata  # noqa: E402
from desktop_app.core.nlp.segmentation import ENGINE, segment_text, warm_up  # noqa: E402
from desktop_app.core.nlp.stored import pack_spans  # noqa: E402
from desktop_app.core.storage.database import Database  # noqa: E402
from desktop_app.core.storage.models import Article, Segmentation, utcnow  # noqa: E402
from desktop_app.core.text.normalize import normalize  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ROUNDS = 5
REPLACED = 8
UNSEGMENTED_EVERY = 10
Seed = tuple[str, str, list[tuple[int, int]]]  # title, text, word spans


def segmented_seeds() -> list[Seed]:
    out = []
    t0 = time.perf_counter()
    warm_up()
    for path in sorted(SEEDS.glob("*.txt")):
        text = normalize(path.read_text(encoding="utf-8"))
        out.append((parse_metadata(text).title, text, segment_text(text)))
    print(f"segmented the {len(out)} seeds for real in {time.perf_counter() - t0:.1f} s "
          "(model load included)")
    return out


def header(title: str, i: int, name: str) -> tuple[str, list[tuple[int, int]]]:
    """The copy's first lines and their words (title syllables; the name as one word)."""
    first = f"{title}\n"
    second = f"Bản {i}: ông {name} cho biết\n"
    spans = cc.ArticleWords.from_spans(0, "", first, None)
    words = [(s, e) for s, e in zip(spans.starts, spans.ends, strict=True)]
    base = len(first)
    at = second.index(name)
    for token_start, token in ((0, "Bản"), (4, str(i)), (4 + len(str(i)), ":"),
                               (second.index("ông"), "ông"), (at, name),
                               (at + len(name) + 1, "cho"), (at + len(name) + 5, "biết")):
        assert second.startswith(token, token_start), (second, token, token_start)
        words.append((base + token_start, base + token_start + len(token)))
    return first + second, words


def copy_of(seed: Seed, i: int, rng: random.Random) -> Seed:
    title, text, spans = seed
    name = f"{rng.choice(SURNAMES)} {syllable(rng).capitalize()} {syllable(rng).capitalize()}"
    head, out_spans = header(title, i, name)
    pieces, delta, src, prev = [head], len(head), 0, 0
    for k in sorted(rng.sample(range(len(spans)), REPLACED)):
        s, e = spans[k]
        word = rng.choice(WORDS) if rng.random() < 0.5 else syllable(rng)
        out_spans.extend((a + delta, b + delta) for a, b in spans[prev:k])
        out_spans.append((s + delta, s + delta + len(word)))
        pieces += [text[src:s], word]
        delta += len(word) - (e - s)
        src, prev = e, k + 1
    out_spans.extend((a + delta, b + delta) for a, b in spans[prev:])
    pieces.append(text[src:])
    return f"{title} ({name})", "".join(pieces), out_spans


def build(db: Database, n: int, rng: random.Random) -> tuple[int, list[str]]:
    seeds = segmented_seeds()
    t0 = time.perf_counter()
    now = utcnow()
    articles, segs, names, chars = [], [], [], 0
    for i in range(n):
        title, text, spans = copy_of(seeds[i % len(seeds)], i, rng)
        digest = hashlib.sha256(text.encode()).hexdigest()
        names.append(title[title.rindex("(") + 1:-1])
        chars += len(text)
        articles.append({"id": i + 1, "title": title, "published": "2023-01-01", "text": text,
                         "original_text": text, "imported_at": now, "content_hash": digest})
        if i % UNSEGMENTED_EVERY:
            segs.append({"article_id": i + 1, "text_hash": digest, "engine": ENGINE,
                         "spans": pack_spans(spans), "created_at": now})
    with db.engine.begin() as conn:
        for start in range(0, n, 1000):
            conn.execute(insert(Article), articles[start:start + 1000])
            conn.execute(insert(Segmentation), [s for s in segs if start < s["article_id"] <= start + 1000])
    print(f"built {n:,} articles ({chars / 1e6:.1f} M characters, {len(segs):,} segmented) "
          f"in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    sync_index(db)
    print(f"search index built in {time.perf_counter() - t0:.1f} s")
    return chars, names


def timed(fn, rounds: int, cold: bool) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(rounds):
        if cold:
            cc.CACHE.clear()
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return times, result


def show(label: str, times: list[float], detail: str) -> None:
    print(f"  {label:<44} p50 {statistics.median(times):8.1f} ms   max {max(times):8.1f} ms   {detail}")


def main() -> None:
    opts = options()
    n = int(sys.argv[1]) if len(sys.argv) > 1 else (2_000 if opts.quick else 10_000)
    rounds = 3 if opts.quick else ROUNDS
    first_page: dict[str, float] = {}
    all_lines: dict[str, float] = {}
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "bench.sqlite3")
        _, names = build(db, n, rng)
        cc.concordance(db, "x")  # builds the fold table once (~40 ms)
        queries = {"cán bộ": "common word", "Đảng": "common word (also đang, đáng...)",
                   "tổ chức": "common word", "Ban Tổ chức Trung ương": "phrase",
                   syllable(random.Random(5)): "rare generated syllable",
                   names[min(1234, n - 1)]: "rare name (one word)"}
        print("\nfirst page, limit=500 (cold: cache cleared before each run; warm: run again)")
        for query, kind in queries.items():
            for cold in (True, False):
                times, lines = timed(lambda q=query: cc.concordance(db, q, limit=500), rounds, cold)
                if cold:
                    first_page[query] = statistics.median(times)
                show(f"{query!r} {'cold' if cold else 'warm'}", times,
                     f"{len(lines):,} lines ({kind})" if cold else "")
        print(f"\nall lines, limit=None (cold; the {cc.CACHE_CHARS / 1e6:.0f} M-character cache "
              "cannot hold the corpus, so warm runs are no faster)")
        for query, kind in queries.items():
            times, lines = timed(lambda q=query: cc.concordance(db, q), 3, True)
            show(repr(query), times, f"{len(lines):,} lines ({kind})")
            all_lines[query] = statistics.median(times)
        times, lines = timed(lambda: cc.concordance(db, "Đảng", match_diacritics=True), 3, True)
        show("'Đảng' match_diacritics, all lines, cold", times, f"{len(lines):,} lines")
        times, _ = timed(lambda: cc.sort_lines(lines, "left"), 3, False)
        show(f"sort_lines(left) of those {len(lines):,}", times, "")
        cc.CACHE.budget = 10**9
        cc.concordance(db, "cán bộ")
        times, lines = timed(lambda: cc.concordance(db, "cán bộ"), 3, False)
        show("'cán bộ' all lines, everything cached", times, f"cache {cc.CACHE.size / 1e6:.0f} M chars")
        cc.CACHE.budget = cc.CACHE_CHARS
        cc.CACHE.clear()
        stop = load_stopwords()
        print("\nword frequencies")
        times, result = timed(lambda: word_frequencies(db, stopwords=stop), 1, True)
        whole_corpus = times[0]
        show(f"whole corpus ({n:,} articles)", times,
             f"{len(result.words):,} words, {result.total_words:,} tokens, "
             f"{result.unsegmented_articles:,} unsegmented")
        hundred = range(1, 101)
        times, result = timed(lambda: word_frequencies(db, article_ids=hundred, stopwords=stop), 3, True)
        show("100 articles", times, f"top: {', '.join(w.word for w in result.words[:5])}")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\npeak RSS of this process: {rss:.0f} MB")
        db.close()
    common = [q for q, kind in queries.items() if kind.startswith("common word")]
    slowest = max(common, key=first_page.__getitem__)
    report([at_most(f"common word, first page cold p50 ({slowest!r})", first_page[slowest], 200, "ms"),
            info("'cán bộ', all lines cold p50", all_lines["cán bộ"], "ms"),
            info(f"word frequencies, whole corpus ({n:,} articles)", whole_corpus, "ms")], opts)


if __name__ == "__main__":
    main()
