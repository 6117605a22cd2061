"""What the concordance window asks of core: the first page, every line (streamed, with
progress and cancel), the sort orders as shown. Plain Python; the window only shows it.

The first PAGE lines come at once (~20 ms on 10,000 articles); `all_lines` streams the
rest (a common word: ~190,000 lines, ~4 s), reporting how far through the candidate
articles it is and stopping between two lines when cancelled (the lines so far are kept).
A list holds at most MAX_LINES (~600 bytes a line): a word of a million-article corpus
makes millions of lines, so `all_lines` stops there, and `export_all_lines` writes every
line to a file as it makes them, in article order, never holding them all.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from desktop_app.core.analysis.concordance import (
    WORD_RE,
    ConcordanceLine,
    candidate_ids,
    concordance,
    export_concordance_csv,
    iter_concordance,
    sort_lines,
)
from desktop_app.core.analysis.search import phrase_match
from desktop_app.core.analysis.stopwords import word_form
from desktop_app.core.analysis.word_lookup import open_index, plan
from desktop_app.core.progress import Progress
from desktop_app.core.storage.database import Database
from desktop_app.core.text.matching import MatchLevel, has_diacritics, level_for_query
from desktop_app.core.text.normalize import fold, fold_aligned, normalize

PAGE = 500  # lines of the first answer
MAX_LINES = 200_000  # lines one list holds (~120 MB)
READ_AT_MOST = 200  # articles outside the word index read to count their lines
COUNT_AT_MOST = 300_000  # index positions a phrase's total steps through (~1 s) before it is left unknown
PROGRESS_EVERY_S = 0.1  # reports per second are enough for a bar; each one is a signal
SORT_KEYS = ("left", "keyword", "right", "article")


def query_words(query: str) -> list[str]:
    """The folded syllables core's FTS step narrows a query by (concordance._compile)."""
    return WORD_RE.findall(fold_aligned(" ".join(normalize(query).split())))


def has_marks(text: str) -> bool:
    """True when the text carries a diacritic or đ: folding would change more than case."""
    return has_diacritics(text)


def _candidates(db: Database, query: str, level: MatchLevel | None) -> list[int]:
    """The articles the index says may hold the query at its level."""
    return candidate_ids(db, query_words(query), match=phrase_match(query, level_for_query(query, level)))


def sort_concordance(lines: Sequence[ConcordanceLine], key: str, descending: bool = False
                     ) -> list[ConcordanceLine]:
    """sort_lines, plus "keyword" (written forms grouped: Đảng, đảng, then đang)."""
    if key not in SORT_KEYS:
        raise ValueError(f"unknown sort {key!r}")
    if key == "keyword":
        ordered = sort_lines(lines, "article")
        ordered.sort(key=lambda l: (fold(l.keyword), word_form(l.keyword), l.keyword))
    else:
        ordered = sort_lines(lines, key)
    if descending:
        ordered.reverse()
    return ordered


def first_page(db: Database, query: str, level: MatchLevel | None, page: int | None = None
               ) -> tuple[list[ConcordanceLine], bool, int]:
    """(the first `page` lines (PAGE), whether there are more, articles that may hold more).
    `level` None: the query's own (matching.level_for_query)."""
    page = PAGE if page is None else page
    lines = concordance(db, query, limit=page + 1, level=level)
    if len(lines) <= page:
        return lines, False, len({l.article_id for l in lines})
    return lines[:page], True, _candidate_count(db, query, level)


def _candidate_count(db: Database, query: str, level: MatchLevel | None) -> int:
    """len(_candidates), counted by the word index when it holds every article."""
    with open_index(db) as index:
        found = None if index is None else plan(index.conn, query, level_for_query(query, level))
        if index is not None and found is not None and not index.unindexed_ids():
            return index.matching_count(found)
    return len(_candidates(db, query, level))


def total_lines(db: Database, query: str, level: MatchLevel | None, read_at_most: int = READ_AT_MOST,
                count_at_most: int | None = COUNT_AT_MOST) -> int | None:
    """How many lines the query makes, from the word index, without making them (a word:
    a read of its running total; a phrase of several words: its positions compared, if
    at most `count_at_most` of them, None: no limit); the articles it does not hold yet
    are read if at most `read_at_most`. Else None (unknown until every line is loaded)."""
    chosen = level_for_query(query, level)
    with open_index(db) as index:
        found = None if index is None else plan(index.conn, query, chosen)
        if index is None or found is None:
            return None
        if count_at_most is not None and index.phrase_instances(found) > count_at_most:
            return None
        total = index.count(found)
        rest = index.unindexed_ids()
    if rest:
        rest = candidate_ids(db, (), rest, phrase_match(query, chosen))
        if len(rest) > read_at_most:
            return None
        total += sum(1 for _ in iter_concordance(db, query, article_ids=rest, level=chosen))
    return total


def all_lines(db: Database, query: str, level: MatchLevel | None, sort: tuple[str, bool],
              progress: Progress | None = None, limit: int = MAX_LINES
              ) -> tuple[list[ConcordanceLine], bool, bool]:
    """Every line, sorted, up to `limit`: (lines, complete, capped). Cancelling `progress`
    stops between two lines and returns the lines found so far (complete False);
    reports are (articles done, all). `capped`: the limit stopped it (complete False):
    the lines are the first `limit` in article order."""
    progress = progress or Progress()
    ids = _candidates(db, query, level)
    lines: list[ConcordanceLine] = []
    last = time.monotonic()
    complete, capped = True, False
    for line in iter_concordance(db, query, level=level):
        if len(lines) >= limit:
            complete, capped = False, True
            break
        lines.append(line)
        if progress.cancelled:
            complete = False
            break
        if (now := time.monotonic()) - last >= PROGRESS_EVERY_S:
            progress.report(bisect.bisect_left(ids, line.article_id), len(ids))
            last = now
    progress.report(len(ids), len(ids))
    return sort_concordance(lines, *sort), complete, capped


def export_all_lines(db: Database, query: str, level: MatchLevel | None, path: Path, delimiter: str = ",",
                     progress: Progress | None = None) -> int:
    """Every line of the query to a CSV (export_concordance_csv's columns), in article
    order, streamed: memory stays that of one batch of articles however many lines.
    Cancelling stops between two lines and writes nothing (the file is written whole or
    not at all). Returns the rows written."""
    progress = progress or Progress()
    ids = _candidates(db, query, level)
    last = [time.monotonic()]

    def lines() -> Iterator[ConcordanceLine]:
        for line in iter_concordance(db, query, level=level):
            progress.check()
            if (now := time.monotonic()) - last[0] >= PROGRESS_EVERY_S:
                progress.report(bisect.bisect_left(ids, line.article_id), len(ids))
                last[0] = now
            yield line

    return export_concordance_csv(lines(), Path(path), delimiter)
