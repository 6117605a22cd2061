"""Counting words for frequencies.py, from the word index or from articles read.

Both feed one `Tally`: written form -> occurrences, grouping form -> articles, and where
each written form was first seen (article, then order in it), which names a group when
two of its written forms are equally frequent. The whole corpus comes from the index's
running per-term totals (word_term_totals: no article is read); an article set or a tag's passages from
each indexed article's stored terms (its words in order, without the text); articles the
index does not hold are read and segmented spans sliced as before.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from desktop_app.core.analysis.stopwords import word_form
from desktop_app.core.analysis.word_lookup import Index
from desktop_app.core.nlp.word_index import BREAK, EXACT, GLUED, HIDDEN, flat_spans

Ranges = list[tuple[int, int]]
_PREFIXES = GLUED + BREAK
_NEVER = (1 << 62, 0)


def form_of(token: str, count_numbers: bool) -> str | None:
    """The grouping form, or None for punctuation and (unless wanted) numbers."""
    if not any(c.isalnum() for c in token):
        return None
    if not count_numbers and not any(c.isalpha() for c in token):
        return None  # "2023", "1.420", "03/4", "10:48"
    return word_form(token)


class Tally:
    def __init__(self, count_numbers: bool) -> None:
        self.count_numbers = count_numbers
        self.written: Counter[str] = Counter()  # written form -> occurrences
        self.in_articles: Counter[str | None] = Counter()  # grouping form -> articles
        self.forms: dict[str, str | None] = {}
        self.first: dict[str, tuple[int, int]] = {}
        self.late_first: dict[str, int] = {}  # written form -> term id (looked up on a tie)
        self.articles = self.unsegmented = 0
        self.last_article = 0

    def add(self, article_id: int, counted: Mapping[str, int], segmented: bool = True) -> None:
        """One article's tokens, counted, keys in the order first seen."""
        self.articles += 1
        self.unsegmented += not segmented
        self.written.update(counted)
        if article_id < self.last_article:  # read after later ones (index first): keep the earliest
            first = self.first
            for r, t in enumerate(counted):
                if (seen := first.get(t)) is None or seen > (article_id, r):
                    first[t] = (article_id, r)
        elif new := counted.keys() - self.first.keys():
            self.first.update((t, (article_id, r)) for r, t in enumerate(counted) if t in new)
        self.last_article = max(self.last_article, article_id)
        for token in counted.keys() - self.forms.keys():
            self.forms[token] = form_of(token, self.count_numbers)
        self.in_articles.update({self.forms[t] for t in counted})

    def add_corpus(self, index: Index, articles: int) -> None:
        """Every indexed article at once, from the index's running totals per term."""
        written, in_articles, forms, late = self.written, self.in_articles, self.forms, self.late_first
        for kind, term_id, token, n, docs in index.corpus_counts(self.count_numbers):
            if kind == EXACT:
                written[token] += n
                late.setdefault(token, term_id)
                if token not in forms:
                    forms[token] = form_of(token, self.count_numbers)
            else:
                in_articles[form_of(token, self.count_numbers)] += docs
        self.articles += articles

    def add_indexed(self, index: Index, ids: Sequence[int], ranges: Mapping[int, Ranges] | None,
                    spans: Callable[[Sequence[int]], Mapping[int, bytes]]) -> list[int]:
        """The indexed articles of `ids` from their stored terms (within `ranges` if
        given); returns those it could not count that way (read them instead)."""
        texts: dict[int, str] = {}
        left: list[int] = []
        for i in range(0, len(ids), 256):
            part = ids[i:i + 256]
            blobs = spans(part) if ranges is not None else {}
            found = list(index.columns(part))
            left += sorted(set(part) - {aid for aid, _ in found})
            wanted = {int(t.lstrip(_PREFIXES), 16) for _, cols in found for t in set(cols[EXACT].split())
                      if t != HIDDEN}
            texts.update(index.term_texts(wanted - texts.keys()))
            for aid, cols in found:
                terms = cols[EXACT].split()
                if ranges is not None:
                    flat = flat_spans(blobs.get(aid), 1 << 62)
                    if flat is None or len(flat) != 2 * len(terms):
                        left.append(aid)
                        continue
                    terms = _in_ranges(terms, flat, ranges[aid])
                counted: Counter[str] = Counter()
                for term, n in Counter(terms).items():
                    if term != HIDDEN:
                        counted[texts[int(term.lstrip(_PREFIXES), 16)]] += n
                self.add(aid, counted)
        return sorted(left)

    def best_forms(self, first_seen: Callable[[int], tuple[int, int]] | None
                   ) -> tuple[dict[str, list], int]:
        """grouping form -> [occurrences, best written form, its occurrences]; and the
        tokens counted (punctuation and, unless wanted, numbers left out)."""
        merged: dict[str, list] = {}  # written form, spaces as one -> [n, first, raw forms]
        total = 0
        for token, n in self.written.items():
            if self.forms[token] is None:
                continue
            total += n
            entry = merged.setdefault(" ".join(token.split()), [0, []])
            entry[0] += n
            entry[1].append(token)

        def first(shown: str) -> tuple[int, int]:
            found = [self.first[t] for t in merged[shown][1] if t in self.first]
            if first_seen is not None:
                found += [first_seen(self.late_first[t]) for t in merged[shown][1] if t in self.late_first]
            return min(found, default=_NEVER)

        totals: dict[str, list] = {}
        for shown, (n, raws) in merged.items():
            entry = totals.setdefault(self.forms[raws[0]] or "", [0, shown, 0])  # never None here
            entry[0] += n
            if n > entry[2] or (n == entry[2] and first(shown) < first(entry[1])):
                entry[1:] = [shown, n]
        return totals, total


def _in_ranges(terms: list[str], flat: Sequence[int], ranges: Ranges) -> list[str]:
    """frequencies.words_in_ranges over stored terms: tokens more than half inside."""
    starts, ends = flat[0::2], flat[1::2]
    out: list[str] = []
    for a, b in ranges:
        k = bisect_right(ends, a)
        while k < len(starts) and starts[k] < b:
            s, e = starts[k], ends[k]
            if 2 * (min(e, b) - max(s, a)) > e - s:
                out.append(terms[k])
            k += 1
    return out

