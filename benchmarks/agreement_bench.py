"""Inter-coder agreement over a synthetic library: 1,000 articles × 3 coders × 50 tags.

The library is made here, in memory (no database: what is timed is the agreement library,
core/analysis/agreement, from the texts, word spans and highlights a caller has read):
each article is ~700 words of common Vietnamese words, places and generated syllables,
with its word spans as a segmentation gives them ("cán bộ" one word). Coder A makes ~20
highlights an article, 3-60 words long, with one or two of 50 tags (a few tags common, most
rare); coders B and C redo A's work with the disagreements real coders have: a highlight
skipped, its edges a few characters off, another tag, a highlight of their own.

Timed, end to end: building every article's word units and the agreement table (per tag
and overall: percent, Cohen's κ where it applies, Fleiss' κ, α, αu). Target (issue 16):
word unit ≤ 2 s. The character and sentence units are timed too (no target).

    .venv/bin/python benchmarks/agreement_bench.py [N_ARTICLES] [--quick]

--quick: the same 1,000 articles, one round instead of three.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import PLACES, WORDS  # noqa: E402
from figures import at_most, info, options, report  # noqa: E402

from desktop_app.core.analysis.agreement import ArticleCoding, agreement  # noqa: E402

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
    medians = {}
    for unit in ("word", "sentence", "character"):
        times, result = timed(articles, unit, rounds)
        medians[unit] = statistics.median(times)
        o = result.overall
        print(f"  {unit:<10} p50 {medians[unit]:6.2f} s  max {max(times):6.2f} s   {o.units:,} units; overall "
              f"{show('%', o.percent.value)} {show('Fleiss κ', o.fleiss_kappa.value)} "
              f"{show('α', o.alpha.value)} {show('αu', o.alpha_u.value)}")
    common = result.tags[0]
    print(f"\n  the commonest tag ({common.tag!r}) by characters: {show('α', common.alpha.value)}, "
          f"{show('αu', common.alpha_u.value)}")
    report([at_most(f"word unit, {n:,} articles × 3 coders × 50 tags", medians["word"], 2.0, "s"),
            info("sentence unit, the same library", medians["sentence"], "s"),
            info("character unit, the same library", medians["character"], "s")], opts)


if __name__ == "__main__":
    main()
