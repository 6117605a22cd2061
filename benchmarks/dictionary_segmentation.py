"""Segmentation throughput with a 1,000-term user dictionary vs without, on the seeds.

The dictionary is a pass after underthesea (core/nlp/dictionary.py, merged when the
segmentation is saved: stored.save_segmentation), so the text is segmented once
(`segment_text`, what the worker process does) and then saved twice into a temp
library: with no dictionary and with 1,000 terms. Throughput = characters / (segmenting
+ saving). The terms are real: the most frequent runs of 2-4 words of the seeds (so many
of them do merge, the costly case), plus made-up names that never occur. Target: with
the dictionary >= 0.9x without. Prints figures, asserts nothing.

    .venv/bin/python benchmarks/dictionary_segmentation.py [--quick]

--quick: 250 KB of text instead of 1 MB; the same 1,000 terms.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import at_least, info, options, report  # noqa: E402
from segmentation_throughput import fill_database, library_texts  # noqa: E402

from desktop_app.core.nlp.segmentation import segment_text, warm_up  # noqa: E402
from desktop_app.core.nlp.stored import load_segmentation, save_segmentation  # noqa: E402
from desktop_app.core.nlp.user_dictionary import set_dictionary  # noqa: E402
from desktop_app.core.storage.database import Database  # noqa: E402

N_TERMS = 1_000


def dictionary_terms(texts: list[str], spans: list[list[tuple[int, int]]]) -> list[str]:
    """The most frequent runs of 2-4 words (words themselves, not syllables), then
    invented names up to N_TERMS."""
    runs: Counter[str] = Counter()
    for text, words in zip(texts[:40], spans[:40], strict=False):
        forms = [text[s:e] for s, e in words]
        for n in (2, 3, 4):
            for i in range(len(forms) - n + 1):
                piece = forms[i:i + n]
                if all(any(c.isalpha() for c in w) for w in piece):
                    runs[" ".join(piece)] += 1
    terms = [t for t, _ in runs.most_common(N_TERMS // 2)]
    n = 0
    while len(terms) < N_TERMS:
        terms.append(f"Nguyễn Văn Giả{n} Định")
        n += 1
    return terms


def save_all(db: Database, ids: list[int], texts: list[str], spans: list[list[tuple[int, int]]]) -> float:
    t0 = time.perf_counter()
    for aid, text, words in zip(ids, texts, spans, strict=True):
        save_segmentation(db, aid, text, words)
    return time.perf_counter() - t0


def main() -> None:
    opts = options()
    texts = library_texts(250_000 if opts.quick else 1_000_000)
    chars = sum(len(t) for t in texts)
    warm_up()
    t0 = time.perf_counter()
    spans = [segment_text(t) for t in texts]
    segmenting = time.perf_counter() - t0
    terms = dictionary_terms(texts, spans)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "bench.sqlite3")
        try:
            ids = fill_database(db, texts)
            without = min(save_all(db, ids, texts, spans) for _ in range(3))
            update = set_dictionary(db, terms)
            with_terms = min(save_all(db, ids, texts, spans) for _ in range(3))
            merged = sum(len(spans[i]) - len(load_segmentation(db, aid) or spans[i]) for i, aid in enumerate(ids))
        finally:
            db.close()
    base = chars / (segmenting + without)
    dictionary = chars / (segmenting + with_terms)
    ratio = dictionary / base
    print(f"{len(texts)} articles, {chars:,} characters; segmenting {segmenting:.2f} s; saving "
          f"{without:.3f} s without, {with_terms:.3f} s with {len(terms)} terms "
          f"({len(update.affected)} articles contain one; {merged:,} words merged away)")
    report([
        at_least("with 1,000 terms vs without (throughput)", round(ratio, 3), 0.9, "x"),
        info("throughput without dictionary", round(base / 1000, 1), "k chars/s"),
        info("throughput with 1,000 terms", round(dictionary / 1000, 1), "k chars/s"),
        info("merging cost per MB of text", round((with_terms - without) / chars * 1e6 * 1000, 1), "ms"),
    ], opts)


if __name__ == "__main__":
    main()
