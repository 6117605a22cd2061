"""Keyword in context (concordance) over segmented Vietnamese words.

A query matches a run of whole words: the match starts where a word starts and ends
where a word ends, so "cán bộ" finds the word "cán bộ" (or the two words "cán", "bộ")
but not "cán" + the first half of "bộ phận". Words are the cached underthesea spans
(segments.py); an article without a valid segmentation falls back to syllables and its
lines say `segmented=False`. Nothing here ever segments: that is the worker's job.

Speed: the FTS5 index of search.py (folded text) narrows a query to the articles holding
its syllables as a phrase; only those are read, and searched as they are with a regex in
which each letter is the class of every letter folding to it (no article is folded). A
per-article LRU (text, word starts and ends) keyed by (library, id, title, content hash,
segmentation stamp) spares repeated queries the read. A word found in every article is
still a scan of the corpus: the window asks for a `limit` (the first page), a background
job for the whole list (`iter_concordance` streams it).
"""

from __future__ import annotations

import bisect
import functools
import re
import sqlite3
import sys
import threading
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from desktop_app.core.analysis.search import INDEX_VERSION, phrase_match, sync_index
from desktop_app.core.analysis.server_word_lookup import every_article
from desktop_app.core.analysis.word_lookup import Plan, open_index, plan
from desktop_app.core.interchange.csv_export import write_csv
from desktop_app.core.library.articles import parse_spans
from desktop_app.core.nlp.user_dictionary import segmentation_engine
from desktop_app.core.storage.bulk_sql import bulk_sql, driver_errors, ids_in
from desktop_app.core.storage.database import Database, DatabaseError, explain
from desktop_app.core.text.matching import MatchLevel, level_for_query, query_text, regex
from desktop_app.core.text.normalize import fold

CONTEXT_CHARS = 60
CACHE_CHARS = 6_000_000  # article text kept prepared, ~3.5 bytes a character (~20 MB)
BATCH = 64  # articles read per query
SORT_KEYS = ("left", "right", "article")
CSV_COLUMNS = ("article_id", "title", "start", "end", "left", "keyword", "right")
WORD_RE = re.compile(r"[^\W_]+")  # a syllable, as FTS5 unicode61 cuts them near enough
_SYLLABLE_RE = re.compile(r"[^\W_]+|\S")  # fallback tokens: syllables and single signs
_TYPECODE = "I" if array("I").itemsize == 4 else "L"
_WORD_WALK = 8  # tokens looked at when skipping punctuation for left/right word


@dataclass(frozen=True, slots=True)
class ConcordanceLine:
    article_id: int
    title: str
    start: int  # code points of the keyword in the article text
    end: int
    left: str  # context, cut at a word start, newlines as spaces
    keyword: str  # text[start:end] as written
    right: str
    left_word: str  # nearest word before (punctuation skipped, same line), "" if none
    right_word: str
    segmented: bool = True  # False: boundaries are syllables (no valid segmentation yet)


# ------------------------------------------------------------------ the pattern


_GAP = r"[^\S\n]+"  # spaces between syllables; a phrase never runs across a line


def _pattern(text: str, level: MatchLevel) -> re.Pattern[str]:
    """Single-spaced NFC query -> regex matching it at `level` (matching.regex: the text is
    searched as it is, never keyed, ~8 ns a character against ~50 to fold it first)."""
    return re.compile(_GAP.join(regex(part, level) for part in text.split(" ")))


def _level(query: str, level: MatchLevel | None, match_diacritics: bool) -> MatchLevel:
    """`match_diacritics` is the older name of EXACT."""
    return level_for_query(query, MatchLevel.EXACT if match_diacritics and level is None else level)


# ------------------------------------------------------------------ articles and words


class ArticleWords:
    """An article's text with its word spans (segmented, else syllables)."""

    __slots__ = ("article_id", "title", "text", "starts", "ends", "segmented")

    def __init__(self, article_id: int, title: str, text: str, flat: array | None) -> None:
        self.article_id, self.title, self.text = article_id, title, text
        self.segmented = flat is not None
        if flat is None:
            flat = array(_TYPECODE, (i for m in _SYLLABLE_RE.finditer(text) for i in m.span()))
        self.starts, self.ends = flat[0::2], flat[1::2]

    @classmethod
    def from_spans(cls, article_id: int, title: str, text: str,
                   spans: Iterable[tuple[int, int]] | None) -> ArticleWords:
        flat = None if spans is None else array(_TYPECODE, (i for span in spans for i in span))
        return cls(article_id, title, text, flat)

    def leave_out(self, hidden: Sequence[tuple[int, int]]) -> None:
        """Drop the words inside hidden web leftovers (a corpus header, share buttons):
        the reader hides them, so concordance and frequencies do not count them either.
        `hidden` is sorted (parse_spans); one pass over both lists."""
        if not hidden:
            return
        starts, ends = array(_TYPECODE), array(_TYPECODE)
        h = 0
        for s, e in zip(self.starts, self.ends, strict=True):
            while h < len(hidden) and hidden[h][1] <= s:
                h += 1
            if h < len(hidden) and hidden[h][0] < e:
                continue  # overlaps a hidden span
            starts.append(s)
            ends.append(e)
        self.starts, self.ends = starts, ends

    def words(self) -> list[str]:
        """The text of every token, in order."""
        return list(map(self.text.__getitem__, map(slice, self.starts, self.ends)))

    def neighbour(self, k: int, step: int, edge: int) -> str:
        """The first token holding a letter or digit from token k on, not across a line."""
        text, starts, ends = self.text, self.starts, self.ends
        for i in range(k, k + step * _WORD_WALK, step):
            if not 0 <= i < len(starts):
                break
            s, e = starts[i], ends[i]
            if (text.find("\n", e, edge) if step < 0 else text.find("\n", edge, s)) >= 0:
                break
            # Most words start or end with a letter: the regex only for the rest.
            if s < e and (text[s].isalnum() or text[e - 1].isalnum() or WORD_RE.search(text, s, e)):
                return text[s:e]
        return ""


def _flat(blob: bytes | None, length: int) -> array | None:
    """Stored spans as a flat array, or None if damaged (the caller falls back)."""
    if blob is None or len(blob) % 8:
        return None
    flat = array(_TYPECODE)
    flat.frombytes(blob)
    if sys.byteorder == "big":
        flat.byteswap()
    return flat if not flat or flat[-1] <= length else None


class _Cache:
    """LRU of prepared articles by (library, id), each with the stamp it was read under;
    bounded by characters of text. Thread-safe: a worker and the window may both ask."""

    def __init__(self, budget: int) -> None:
        self.budget, self.size = budget, 0
        self._items: OrderedDict[tuple[str, int], tuple[tuple, ArticleWords]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, int]) -> tuple[tuple, ArticleWords] | None:
        with self._lock:
            if (item := self._items.get(key)) is not None:
                self._items.move_to_end(key)
            return item

    def put(self, key: tuple[str, int], stamp: tuple, doc: ArticleWords) -> None:
        with self._lock:
            if (old := self._items.pop(key, None)) is not None:
                self.size -= len(old[1].text)
            if len(doc.text) <= self.budget:
                self._items[key] = (stamp, doc)
                self.size += len(doc.text)
            while self.size > self.budget:
                self.size -= len(self._items.popitem(last=False)[1][1].text)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.size = 0


CACHE = _Cache(CACHE_CHARS)

# The stamp columns and the text in one statement, so a stamp describes the text read
# with it. content_hash sits after the texts in the row: reading it alone costs ~16 µs an
# article, so it is only read for articles the cache holds.
_STAMP = "a.title, a.content_hash, s.text_hash, s.engine, length(s.spans), a.hidden_spans"
_ROWS = ("SELECT a.id, " + _STAMP + "{} FROM articles a"
         " LEFT JOIN segmentations s ON s.article_id = a.id WHERE {}")


@contextmanager
def raw_connection(db: Database) -> Iterator[sqlite3.Connection]:
    with db.engine.connect() as sa_conn:
        try:
            yield bulk_sql(sa_conn)
        except driver_errors() as e:
            raise DatabaseError(explain(e, db.path)) from e


def _marks(ids: Sequence[object]) -> str:
    return ",".join("?" * len(ids))


def iter_articles(db: Database, ids: Iterable[int], *, cache: bool = True) -> Iterator[ArticleWords]:
    """The articles of `ids` in that order, BATCH at a time; deleted ones are skipped.

    A segmentation counts when its engine is ours and its hash is the article's content
    hash (the sha256 of the text, as segments.text_hash; the importer keeps it). The
    engine includes the user dictionary's version, so the cache is per engine too."""
    engine_now = segmentation_engine(db)
    scope = f"{db.path}\n{engine_now}"
    pending = iter(ids)  # may be lazy (articles_to_read): taken BATCH at a time
    while chunk := list(islice(pending, BATCH)):
        held = {aid: item for aid in chunk if (item := CACHE.get((scope, aid))) is not None}
        found: dict[int, ArticleWords] = {}
        with raw_connection(db) as conn:
            if held:
                where, params = ids_in(conn, "a.id", list(held))
                for aid, *stamp in conn.execute(_ROWS.format("", where), params):
                    if tuple(stamp) == held[aid][0]:
                        found[aid] = held[aid][1]
            missing = [aid for aid in chunk if aid not in found]
            where, params = ids_in(conn, "a.id", missing)
            rows = conn.execute(_ROWS.format(", a.text, s.spans", where), params).fetchall() if missing else []
        for aid, title, content_hash, seg_hash, engine, length, hidden, text, blob in rows:
            valid = engine == engine_now and seg_hash is not None and seg_hash == content_hash
            text = text or ""
            flat = _flat(blob, len(text)) if valid else None
            doc = found[aid] = ArticleWords(aid, title or "", text, flat)
            doc.leave_out(parse_spans(hidden, len(text)))
            if cache:
                CACHE.put((scope, aid), (title, content_hash, seg_hash, engine, length, hidden), doc)
        yield from (found[aid] for aid in chunk if aid in found)


# ------------------------------------------------------------------ queries


@dataclass(frozen=True)
class _Query:
    pattern: re.Pattern[str]
    match: str | None  # the FTS phrase narrowing the articles (None: every article)


def _compile(query: str, level: MatchLevel) -> _Query | None:
    text = query_text(query)
    if not text:
        return None
    return _Query(_pattern(text, level), phrase_match(text, level))


def _index_ready(conn: sqlite3.Connection) -> bool:
    """The search index exists at this version with its triggers (else it may miss rows)."""
    names = ("search_fts", "search_pending", "search_state", "search_articles_ai",
             "search_articles_au", "search_articles_ad")
    found = conn.execute(f"SELECT count(*) FROM sqlite_master WHERE name IN ({_marks(names)})",
                         names).fetchone()[0]
    return found == len(names) and conn.execute(
        "SELECT value FROM search_state WHERE key = 'version'").fetchone() == (INDEX_VERSION,)


def candidate_ids(db: Database, words: Sequence[str],
                  article_ids: Iterable[int] | None = None, match: str | None = None) -> list[int]:
    """Ids, ascending, of the articles that may hold the folded syllables as a phrase,
    or that FTS5 `match` finds (search.phrase_match) if given."""
    wanted = None if article_ids is None else {int(i) for i in article_ids}
    if db.on_server:  # no search index there yet (search.py is SQLite's): every article may
        return every_article(db, wanted)
    try:
        sync_index(db)  # ~0.1 ms when nothing changed
    except DatabaseError:
        pass  # busy: the pending list below still covers what changed
    with raw_connection(db) as conn:
        if (words or match) and _index_ready(conn):
            # words are letters and digits only
            phrase = match or 'body : "' + " ".join(words) + '"'
            sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH ?"
            ids = {r[0] for r in conn.execute(sql, (phrase,))}
            ids.update(r[0] for r in conn.execute("SELECT article_id FROM search_pending"))
        else:  # punctuation only, or no usable index (a read-only library never indexed)
            ids = {r[0] for r in conn.execute("SELECT id FROM articles")}
    return sorted(ids if wanted is None else ids & wanted)


def _lines(doc: ArticleWords, q: _Query, context_chars: int) -> Iterator[ConcordanceLine]:
    """The hot loop (~190,000 lines for a common word): bisect and slices inlined."""
    text, starts, ends, n = doc.text, doc.starts, doc.ends, len(doc.starts)
    aid, title, segmented, neighbour = doc.article_id, doc.title, doc.segmented, doc.neighbour
    pos, search, left_of, right_of = 0, q.pattern.search, bisect.bisect_left, bisect.bisect_right
    while (m := search(text, pos)) is not None:
        s, e = m.span()
        i, j = left_of(starts, s), left_of(ends, e)  # the words starting at s, ending at e?
        if i == n or starts[i] != s or j == n or ends[j] != e or starts[j] >= e:
            pos = s + 1  # a match overlapping this one may still start on a word
            continue
        pos = e
        k = left_of(starts, s - context_chars)  # the first word inside the window
        left = text[starts[k]:s].replace("\n", " ").lstrip() if k < i else ""
        k = right_of(ends, e + context_chars) - 1
        right = text[e:ends[k]].replace("\n", " ").rstrip() if k > j else ""
        yield ConcordanceLine(aid, title, s, e, left, text[s:e], right,
                              neighbour(i - 1, -1, s), neighbour(j + 1, 1, e), segmented)


def lines_in(doc: ArticleWords, query: str, *, context_chars: int = CONTEXT_CHARS,
             match_diacritics: bool = False, level: MatchLevel | None = None) -> list[ConcordanceLine]:
    """The lines of one prepared article (no database): what `concordance` does per article."""
    q = _compile(query, _level(query, level, match_diacritics))
    return [] if q is None else list(_lines(doc, q, max(0, context_chars)))


def iter_concordance(db: Database, query: str, *, article_ids: Iterable[int] | None = None,
                     context_chars: int = CONTEXT_CHARS, match_diacritics: bool = False,
                     level: MatchLevel | None = None) -> Iterator[ConcordanceLine]:
    """Lines by article id then position, read BATCH articles at a time: a background job
    can stream them and stop (cancel) between any two."""
    chosen = _level(query, level, match_diacritics)
    q = _compile(query, chosen)
    if q is None:
        return
    for doc in iter_articles(db, articles_to_read(db, query, chosen, q.match, article_ids)):
        yield from _lines(doc, q, max(0, context_chars))


def articles_to_read(db: Database, query: str, level: MatchLevel, match: str | None,
                     article_ids: Iterable[int] | None = None) -> Iterable[int]:
    """Ascending ids of the articles whose lines to make: those the word index says hold
    the query, and those it does not hold (yet) that the search index cannot rule out.
    Without a usable word index (a queue too long to apply now): the search index's.
    When the index holds every article and no scope is given, the ids come lazily, a
    growing page at a time: a first page of a word in every article reads a few."""
    scope = None if article_ids is None else {int(i) for i in article_ids}
    with open_index(db) as index:
        found = None if index is None else plan(index.conn, query, level)
        if index is None or found is None:
            return candidate_ids(db, (), scope, match)
        rest = index.unindexed_ids(scope)
        if scope is None and not rest:
            return _pages(db, found, match)
        ids = [i for i in index.matching_ids(found) if scope is None or i in scope]
    return sorted(ids + candidate_ids(db, (), rest, match)) if rest else ids


def _pages(db: Database, found: Plan, match: str | None) -> Iterator[int]:
    """The index's matching ids in pages of BATCH, 4 BATCH... (a connection per page, so
    a stream stopped early holds none)."""
    after, size = 0, BATCH
    while True:
        with open_index(db) as index:
            if index is None:  # changes queued meanwhile: read on from the search index
                yield from (i for i in candidate_ids(db, (), None, match) if i > after)
                return
            page = index.matching_ids(found, after, size)
        yield from page
        if len(page) < size:
            return
        after, size = page[-1], min(size * 4, 16 * 1024)


def concordance(db: Database, query: str, *, article_ids: Iterable[int] | None = None,
                context_chars: int = CONTEXT_CHARS, limit: int | None = None,
                match_diacritics: bool = False, level: MatchLevel | None = None) -> list[ConcordanceLine]:
    """Every occurrence of `query` as whole words at `level` (by default the query's own:
    matching.level_for_query; `match_diacritics` is the older name of EXACT); the first
    `limit` lines in article order if given."""
    lines = iter_concordance(db, query, article_ids=article_ids, context_chars=context_chars,
                             match_diacritics=match_diacritics, level=level)
    return list(lines if limit is None else islice(lines, max(0, limit)))


# ------------------------------------------------------------------ sorting and export


def _words(text: str, step: int = 1) -> str:
    return " ".join(WORD_RE.findall(fold(text))[::step])


def sort_lines(lines: Iterable[ConcordanceLine], key: str = "left") -> list[ConcordanceLine]:
    """By the word before (then the words before it, nearest first), the word after (then
    the following ones), or article order. Folded, then as written, then article order.

    One string per line as the key: comparing tuples of word lists took twice as long
    (195,000 lines: 2.8 s -> 1.2 s), and the neighbour words are folded once each."""
    if key not in SORT_KEYS:
        raise ValueError(f"unknown sort {key!r}; choose from {SORT_KEYS}")
    ordered = sorted(lines, key=lambda l: (l.article_id, l.start))  # the stable tie-break
    folded = functools.lru_cache(maxsize=None)(fold)  # a few thousand distinct neighbours
    if key == "left":
        ordered.sort(key=lambda l: f"{folded(l.left_word)}\0{_words(l.left, -1)}\0{l.left_word}")
    elif key == "right":
        ordered.sort(key=lambda l: f"{folded(l.right_word)}\0{_words(l.right)}\0{l.right_word}")
    return ordered


def export_concordance_csv(lines: Iterable[ConcordanceLine], path: Path, delimiter: str = ",") -> int:
    """CSV_COLUMNS, Excel-safe (BOM, formulas neutralized), written atomically; row count."""
    rows = ([l.article_id, l.title, l.start, l.end, l.left, l.keyword, l.right] for l in lines)
    return write_csv(Path(path), CSV_COLUMNS, rows, delimiter)
