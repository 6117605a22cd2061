"""Word frequencies over segmented Vietnamese words: the corpus, some articles, or the
text highlighted with a tag (and the tags nested under it).

Words are the cached underthesea spans; an article without a valid segmentation is
counted by syllables and reported in `unsegmented_articles`. Words are grouped by
`stopwords.word_form` (case-folded NFC): diacritics are kept, because Vietnamese words
differ by them alone ("ba", "bà", "bá"). Counting stays in C where it can: the token
strings of an article are sliced and counted with map/Counter, and only each new
written form is looked at in Python.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from desktop_app.core.analysis.concordance import ArticleWords, iter_articles, raw_connection
from desktop_app.core.analysis.frequency_tally import Tally
from desktop_app.core.analysis.stopwords import word_form
from desktop_app.core.analysis.word_lookup import open_index
from desktop_app.core.annotate.tag_paths import scope_tag_ids
from desktop_app.core.interchange.csv_export import write_csv
from desktop_app.core.storage.bulk_sql import ids_in
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Highlight, highlight_tags
from desktop_app.core.text.normalize import fold

CSV_COLUMNS = ("rank", "word", "count", "articles", "per_10000_words")


@dataclass(frozen=True, slots=True)
class WordCount:
    word: str  # the most frequent written form ("Đảng" rather than "đảng")
    folded: str  # the grouping form: case-folded NFC, diacritics kept (stopwords.word_form)
    count: int
    articles: int  # articles in scope holding the word


@dataclass(frozen=True)
class FrequencyResult:
    words: list[WordCount]
    articles: int  # articles in scope (for a tag: with highlighted text)
    unsegmented_articles: int  # of those, counted by syllables (no valid segmentation)
    total_words: int  # word tokens in scope before stop words and length filters


Ranges = list[tuple[int, int]]


def _merged(spans: Iterable[tuple[int, int]]) -> Ranges:
    """Overlapping or touching highlights as one range: shared text counts once."""
    out: Ranges = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _tag_ranges(db: Database, tag: str, article_ids: set[int] | None) -> dict[int, Ranges]:
    """Highlighted ranges per article for the tags in scope; orphans have no position."""
    with db.session() as s:
        tag_ids = scope_tag_ids(s, tag)
        rows = s.execute(
            select(Highlight.article_id, Highlight.start, Highlight.end)
            .join(highlight_tags, highlight_tags.c.highlight_id == Highlight.id)
            .where(highlight_tags.c.tag_id.in_(tag_ids), Highlight.orphaned == False)  # noqa: E712
            .distinct()
        ).all() if tag_ids else []
    spans: dict[int, list[tuple[int, int]]] = {}
    for article_id, start, end in rows:
        if article_ids is None or article_id in article_ids:
            spans.setdefault(article_id, []).append((start, end))
    return {aid: _merged(found) for aid, found in spans.items()}


def words_in_ranges(doc: ArticleWords, ranges: Ranges) -> list[str]:
    """Tokens more than half inside the ranges: a highlight that clips a letter off a
    word still counts the word, one that grazes the next word does not count it."""
    text, starts, ends = doc.text, doc.starts, doc.ends
    out: list[str] = []
    for a, b in ranges:
        k = bisect_right(ends, a)  # first token ending after a
        while k < len(starts) and starts[k] < b:
            s, e = starts[k], ends[k]
            if 2 * (min(e, b) - max(s, a)) > e - s:
                out.append(text[s:e])
            k += 1
    return out


def _keep(form: str, stop: set[str], min_length: int, min_syllables: int) -> bool:
    return form not in stop and len(form) >= min_length and len(form.split()) >= min_syllables


def _spans(db: Database, ids: Sequence[int]) -> dict[int, bytes]:
    with raw_connection(db) as conn:
        where, params = ids_in(conn, "article_id", ids)
        return dict(conn.execute(f"SELECT article_id, spans FROM segmentations WHERE {where}", params))


def _article_ids(db: Database, article_ids: Iterable[int] | None) -> list[int]:
    if article_ids is not None:
        return sorted({int(i) for i in article_ids})
    with raw_connection(db) as conn:
        return [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]


def word_frequencies(
    db: Database,
    *,
    article_ids: Iterable[int] | None = None,
    tag: str | None = None,
    stopwords: set[str] | None = None,
    min_length: int = 1,
    min_syllables: int = 1,
    count_numbers: bool = False,
    limit: int | None = None,
    use_index: bool = True,
) -> FrequencyResult:
    """Most frequent first (ties: in more articles, then alphabetical, folded).

    `tag` narrows to the text of highlights carrying it or a tag nested under it (within
    `article_ids` if given too); text two highlights share counts once. `min_length`
    counts characters of the word (a compound's spaces included); `min_syllables=2`
    keeps compound words only. Counted from the word index where it holds the articles
    (the whole corpus of 10,000 articles: well under a second); the others are read.
    `use_index=False` reads every article (how it was done before: for comparisons)."""
    wanted = None if article_ids is None else {int(i) for i in article_ids}
    ranges = None if tag is None else _tag_ranges(db, tag, wanted)
    tally = Tally(count_numbers)
    with open_index(db) if use_index else nullcontext() as index:
        if index is not None and ranges is None and wanted is None:
            # The whole corpus: the running totals, and the articles the index lacks.
            tally.add_corpus(index, index.indexed_articles())
            rest = index.unindexed_ids()
        else:
            rest = sorted(ranges) if ranges is not None else _article_ids(db, wanted)
            if index is not None:
                outside = set(index.unindexed_ids())
                held = [i for i in rest if i not in outside]
                rest = sorted([i for i in rest if i in outside]
                              + tally.add_indexed(index, held, ranges, lambda part: _spans(db, part)))
        # The cache is for concordance queries: a corpus-wide count would only flush it.
        for doc in iter_articles(db, rest, cache=False):
            tokens = doc.words() if ranges is None else words_in_ranges(doc, ranges[doc.article_id])
            tally.add(doc.article_id, Counter(tokens), doc.segmented)
        totals, total_words = tally.best_forms(None if index is None else index.first_seen)
    stop = {word_form(w) for w in stopwords or ()}
    counts = [WordCount(best, form, n, tally.in_articles[form])
              for form, (n, best, _) in totals.items() if _keep(form, stop, min_length, min_syllables)]
    counts.sort(key=lambda w: (-w.count, -w.articles, fold(w.folded), w.folded))
    return FrequencyResult(counts if limit is None else counts[:max(0, limit)],
                           tally.articles, tally.unsegmented, total_words)


def export_frequencies_csv(result: FrequencyResult, path: Path, delimiter: str = ",") -> int:
    """CSV_COLUMNS, Excel-safe, written atomically; per_10000_words is relative to all
    word tokens in scope (stop words included). Returns the row count."""
    per = 10_000 / result.total_words if result.total_words else 0.0
    rows = ([rank, w.word, w.count, w.articles, round(w.count * per, 2)]
            for rank, w in enumerate(result.words, 1))
    return write_csv(Path(path), CSV_COLUMNS, rows, delimiter)
