"""Time to replace the text of a ~100,000-character article holding 1,000 highlights after
a few edits (a paragraph inserted near the top, sentences reworded, one deleted, words
swapped), re-anchoring every highlight in one transaction; then the slow path, where the
line diff helps no one: every paragraph moved.

The article is generated from the seeds' word pairs (a bigram chain), so that, as in a
real article, short phrases repeat and long passages do not. (Seeds pasted end to end
would repeat whole sentences with their context, and a deleted one would rightly be
found again in the next copy.)

    .venv/bin/python benchmarks/reimport.py [N_CHARS] [N_HIGHLIGHTS] [--quick]

No target was set; the figures inform. It takes about a second, so --quick runs it whole.
"""

from __future__ import annotations

import hashlib
import random
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import info, options, report  # noqa: E402

from desktop_app.core.annotate.highlights import AnnotationService, NewHighlight  # noqa: E402
from desktop_app.core.library.reimport import replace_text  # noqa: E402
from desktop_app.core.storage.database import Database  # noqa: E402
from desktop_app.core.storage.models import Article  # noqa: E402
from desktop_app.core.text.normalize import normalize  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def long_text(n_chars: int, rng: random.Random) -> str:
    words: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        words += re.findall(r"\S+", normalize(path.read_text(encoding="utf-8")))
    follows: dict[str, list[str]] = {}
    for a, b in zip(words, words[1:], strict=False):
        follows.setdefault(a, []).append(b)
    paragraphs, size, word = [], 0, rng.choice(words)
    while size < n_chars:
        sentences = []
        for _ in range(rng.randint(2, 6)):
            sentence = []
            for _ in range(rng.randint(10, 35)):
                sentence.append(word.rstrip(".,;:"))
                word = rng.choice(follows.get(word) or words)
            sentences.append(" ".join(sentence).capitalize() + ".")
        paragraphs.append(" ".join(sentences))
        size += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)[:n_chars]


def spans(text: str, n: int, rng: random.Random) -> list[tuple[int, int]]:
    """Word-aligned spans of 1 to 20 words, as people select them."""
    words = [m.span() for m in re.finditer(r"\S+", text)]
    out = []
    while len(out) < n:
        i = rng.randrange(len(words) - 20)
        out.append((words[i][0], words[i + rng.randint(0, 19)][1]))
    return out


def edited(text: str, rng: random.Random) -> str:
    """A few edits a news site makes to a published article."""
    cut = text.index("\n", 2_000) + 1
    text = text[:cut] + "Cập nhật: bài viết được bổ sung thông tin mới.\n\n" + text[cut:]
    for at in (30_000, 60_000):  # reword a sentence
        start = text.index(". ", at) + 2
        end = text.index(". ", start)
        sentence = text[start:end].split(" ")
        sentence[len(sentence) // 2] = "đồng thời"
        text = text[:start] + " ".join(sentence) + text[end:]
    start = text.index(". ", 80_000) + 2  # delete a sentence
    text = text[:start] + text[text.index(". ", start) + 2 :]
    for _ in range(5):  # swap a word here and there
        at = rng.randrange(len(text) - 100)
        at = text.index(" cán bộ ", at) if " cán bộ " in text[at:] else at
        text = text[:at] + " công chức " + text[at + len(" cán bộ ") :]
    return text


def shuffled(text: str, rng: random.Random) -> str:
    paragraphs = text.split("\n\n")
    rng.shuffle(paragraphs)
    return "\n\n".join(paragraphs)


def run(text: str, new: str, n_highlights: int, rng: random.Random) -> tuple[float, object]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "lib.sqlite3")
        with db.session() as s:
            article = Article(title="Bài dài", text=text, original_text=text,
                              content_hash=hashlib.sha256(text.encode()).hexdigest())
            s.add(article)
            s.flush()
            article_id = article.id
        AnnotationService(db).create_highlights(
            [NewHighlight(article_id, a, b, ["Mã"]) for a, b in spans(text, n_highlights, rng)])
        t0 = time.perf_counter()
        result = replace_text(db, article_id, new, new)
        took = time.perf_counter() - t0
        db.close()
    return took, result


def main() -> None:
    opts = options()
    figures = []
    n_chars = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    n_highlights = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000
    rng = random.Random(7)
    text = long_text(n_chars, rng)
    print(f"{len(text):,} characters, {n_highlights:,} highlights")
    for label, new in (("a few edits", edited(text, rng)),
                       ("every paragraph moved", shuffled(text, rng))):
        took, result = run(text, new, n_highlights, random.Random(11))
        fuzzy = sum(1 for _id, method, _score in result.moved if method == "fuzzy")
        print(f"{label} ({len(new) - len(text):+,} characters): kept {len(result.kept)}, "
              f"moved {len(result.moved)} ({fuzzy} fuzzy), orphaned {len(result.orphaned)}; "
              f"replace_text {took * 1000:.0f} ms")
        figures += [info(f"replace_text, {label}", took * 1000, "ms"),
                    info(f"orphaned, {label}", len(result.orphaned), f"of {n_highlights:,}")]
    report(figures, opts)


if __name__ == "__main__":
    main()
