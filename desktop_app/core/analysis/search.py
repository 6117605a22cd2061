"""Corpus search at a matching level (core/text/matching.py): the query parsed into
groups, candidates from the index (search_index.py), ranked, checked and given passages
(search_passages.py).

Ranking puts closer matches first: articles holding the query as typed (case aside), then
in another spelling of the same word, then only folded; in each, the words as one phrase
before the words scattered. Within such a tier bm25 orders, as long as it is cheap: FTS5's
bm25 reads every row of each phrase to weigh it (its idf), 200 ms for a phrase in 740,000
of 1,000,000 articles (measured). So a tier with more than CHEAP_RANK_ROWS matches, or
whose every word is that common, lists title matches first, then the newest: both read
straight off the index and stop at the limit. Counts stop at the cap, never count all.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
from dataclasses import dataclass

from desktop_app.core.analysis.search_index import (  # noqa: F401  (re-exported: callers import them here)
    BATCH,
    INDEX_VERSION,
    MAX_SPELLINGS,
    _index_words,
    _key,
    columns,
    phrase_match,
    rebuild_index,
    sync_index,
)
from desktop_app.core.analysis.search_passages import PASSAGE_CHARS, _passage, find_in_text  # noqa: F401
from desktop_app.core.storage.bulk_sql import bulk_sql
from desktop_app.core.storage.database import Database, DatabaseError, explain
from desktop_app.core.text.matching import MatchLevel, level_for_query, query_text, regex

TITLE_WEIGHT = 10.0  # bm25 weight of the title column; the body weighs 1
MAX_QUERY_WORDS = 32  # a pasted page is not a query
CHEAP_RANK_ROWS = 2000  # bm25 over this many rows takes ~5 ms: worth it below, not above
EXACT_CHECKED = 1000  # candidates whose text an EXACT search checks for the case at most
_WORD_RE = re.compile(r"[^\W_]+")  # what FTS5's unicode61 calls a token, near enough


@dataclass(frozen=True)
class SearchHit:
    article_id: int
    title: str
    score: float  # higher is better
    passage: str  # ~200 characters of the original text around the best match, "…" at cuts
    marks: tuple[tuple[int, int], ...]  # spans inside `passage` of the matched words
    offset: int  # code point in the article text of the first matched word in the passage


# ---------------------------------------------------------------- queries


@dataclass(frozen=True)
class _Group:
    """Words that must be adjacent: a query word, a quoted phrase, or "tổ-chức"."""

    words: tuple[str, ...]  # as typed (NFC)
    prefix: bool  # trailing *: the last word may be the start of a longer one

    def phrases(self, level: MatchLevel) -> list[str]:
        # Words are letters and digits only, so quoting turns any input into a plain string.
        return ['"' + " ".join(ws) + '"' + (" *" if self.prefix else "")
                for ws in _index_words(self.words, level)]

    def fts(self, level: MatchLevel) -> str:
        spellings = self.phrases(level)
        return spellings[0] if len(spellings) == 1 else "(" + " OR ".join(spellings) + ")"

    def regex(self, level: MatchLevel) -> str:
        """One capture group per word (for the marks); the word must end there."""
        parts = [f"({regex(w, level)})" for w in self.words]
        if self.prefix:
            parts[-1] = parts[-1][:-1] + r"[^\W_]*)"
        return r"[\W_]+".join(parts) + r"(?![^\W_])"


def _parse(query: str) -> list[_Group]:
    """Query -> groups, all required. An unbalanced quote is ignored."""
    parts = query_text(query[: MAX_QUERY_WORDS * 40]).split('"')
    if len(parts) % 2 == 0:
        parts[-2:] = [parts[-2] + " " + parts[-1]]
    chunks = [c for i, p in enumerate(parts) for c in ([p] if i % 2 else p.split())]
    groups, count = [], 0
    for chunk in chunks:
        words = tuple(_WORD_RE.findall(chunk))
        count += len(words)
        if words and count <= MAX_QUERY_WORDS:
            groups.append(_Group(words, bool(re.search(r"[^\W_]\*+\W*$", chunk))))
    return groups

# ---------------------------------------------------------------- ranking


def _count(conn: sqlite3.Connection, match: str, cap: int) -> int:
    """Matches of `match`, counted up to `cap` only."""
    return conn.execute("SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ? LIMIT ?)",
                        (match, cap)).fetchone()[0]


def _within(cols: str, expr: str) -> str:
    return "{" + cols + "} : (" + expr + ")"


def _bm25(conn: sqlite3.Connection, match: str, limit: int | None = None) -> list[tuple[int, float]]:
    """(id, score) by bm25, best first; higher is better (bm25 is lower-is-better)."""
    sql = ("SELECT rowid, bm25(search_fts, ?, 1.0, ?, 1.0) AS r FROM search_fts WHERE search_fts MATCH ?"
           " ORDER BY r" + (" LIMIT ?" if limit is not None else ""))
    args = (TITLE_WEIGHT, TITLE_WEIGHT, match) + ((limit,) if limit is not None else ())
    return [(article_id, -rank) for article_id, rank in conn.execute(sql, args)]


def _ranked(conn: sqlite3.Connection, parts: list[str], level: MatchLevel, limit: int,
            empty: frozenset[str] = frozenset()) -> list[tuple[int, float]]:
    """The best `limit` (article id, score) for the FTS5 expressions `parts`, all required,
    at `level`, best first. `empty`: expressions known to match nothing."""
    title_col, body_col = columns(level)
    both = f"{title_col} {body_col}"
    match = _within(both, " AND ".join(parts))
    found = 0 if match in empty else _count(conn, match, CHEAP_RANK_ROWS + 1)
    if not found:
        return []
    if found <= CHEAP_RANK_ROWS:
        if len(parts) == 1:  # its one phrase (or spellings) has these few rows: bm25 is cheap
            return _bm25(conn, match, limit)
        # Scattered words: weigh by the rarer ones only, each read in full (a common word's
        # weight is small anyway), among the articles holding all.
        rare = [p for p in parts if _count(conn, _within(both, p), CHEAP_RANK_ROWS + 1) <= CHEAP_RANK_ROWS]
        if rare:
            holding = {r[0] for r in conn.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH ?", (match,))}
            return [(i, s) for i, s in _bm25(conn, _within(both, " AND ".join(rare))) if i in holding][:limit]
    # Common: bm25 would weigh every matching row. Title matches first, then the newest.
    newest = "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
    ids = [r[0] for r in conn.execute(newest, (_within(title_col, " AND ".join(parts)), limit))]
    titled = set(ids)
    if len(ids) < limit:
        ids += [r[0] for r in conn.execute(newest, (match, limit + len(ids))) if r[0] not in titled]
    return [(article_id, 1e-6 if article_id in titled else 0.0) for article_id in ids[:limit]]


def _whole_phrase(groups: list[_Group], level: MatchLevel) -> str:
    """Every group in a row, in each spelling (at most MAX_SPELLINGS)."""
    combos = itertools.islice(itertools.product(*(g.phrases(level) for g in groups)), MAX_SPELLINGS)
    phrases = [" + ".join(c) for c in combos]
    return phrases[0] if len(phrases) == 1 else " OR ".join(f"({p})" for p in phrases)


def _tiers(groups: list[_Group], level: MatchLevel) -> list[tuple[list[str], MatchLevel, bool]]:
    """(FTS5 expressions all required, level of its columns, whole phrase?) from the closest
    match to the loosest the chosen level allows: as typed, then same word, then folded; in
    each, the query as one phrase before its words scattered. Repeats are left out."""
    out: list[tuple[list[str], MatchLevel, bool]] = []
    for tier in (MatchLevel.EXACT, MatchLevel.WORD, MatchLevel.NONE)[: level.rank + 1]:
        if len(groups) > 1:  # the whole query as one phrase: FTS5 checks positions
            out.append(([_whole_phrase(groups, tier)], tier, True))
        out.append(([g.fts(tier) for g in groups], tier, len(groups) == 1))
    unique: dict[tuple[str, str], tuple[list[str], MatchLevel, bool]] = {}
    for t in out:
        unique.setdefault((" AND ".join(t[0]), columns(t[1])[1]), t)
    return list(unique.values())


def _rank(conn: sqlite3.Connection, groups: list[_Group], level: MatchLevel, limit: int
          ) -> list[tuple[int, float, bool]]:
    """(article id, score, whole phrase?) best first: each tier lifted above the next."""
    ranked: list[tuple[int, float, bool]] = []
    seen: set[int] = set()
    empty: set[str] = set()  # each empty tier is looked up once: it costs a scan
    tiers = _tiers(groups, level)
    for k, (parts, tier, phrased) in enumerate(tiers):
        if len(ranked) >= limit:
            break
        scattered = tiers[k + 1] if k + 1 < len(tiers) else None
        if phrased and len(groups) > 1 and scattered is not None and scattered[1] is tier:
            words = _within(" ".join(columns(tier)), " AND ".join(scattered[0]))
            if not _count(conn, words, 1):
                empty.add(words)
                continue  # no article holds all the words: the phrase is not there either
        more = _ranked(conn, parts, tier, limit + len(seen), frozenset(empty))
        rest = [(i, s, phrased) for i, s in more if i not in seen][: limit - len(ranked)]
        if ranked and rest:  # lift what came before above every hit of this tier
            lift = max(0.0, max(s for _, s, _ in rest) - min(s for _, s, _ in ranked)) + 1
            ranked = [(i, s + lift, p) for i, s, p in ranked]
        ranked += rest
        seen.update(i for i, _, _ in rest)
    return ranked


def search(db: Database, query: str, limit: int = 50, level: MatchLevel | None = None,
           sync_at_most: int | None = None) -> list[SearchHit]:
    """Articles holding every query word at `level` (by default the query's own:
    matching.level_for_query) in title or text, best first.

    Closer matches come first (as typed, then the same word spelled otherwise, then only
    folded); within that, the words as one phrase before the words scattered; then bm25
    with the title weighted TITLE_WEIGHT times. EXACT also tells case apart: the index
    does not, so its candidates are checked on the text until `limit` are found, among the
    best EXACT_CHECKED at most ("tw" typed in lower case in a library full of "TW" read
    every text: 16 s at 100,000 articles). The index is brought up to date first, at most
    `sync_at_most` articles of it when given (the window's background sync does the rest:
    a rebuild of 1,000,000 articles takes ~10 minutes).
    """
    groups = _parse(query)
    if not groups or limit <= 0:
        return []
    level = level_for_query(query, level)
    sync_index(db, at_most=sync_at_most)
    group_res = [re.compile(g.regex(level)) for g in groups]
    phrase_re = re.compile(r"[\W_]+".join(g.regex(level) for g in groups))
    wanted = limit
    while True:
        ranked, articles = _candidates(db, groups, level, wanted)
        hits: list[SearchHit] = []
        for article_id, score, phrased in ranked:
            if len(hits) >= limit:
                break
            if article_id in articles:  # else deleted since the index was read
                title, text = articles[article_id][0] or "", articles[article_id][1] or ""
                if level is MatchLevel.EXACT and not all(rx.search(title) or rx.search(text)
                                                          for rx in group_res):
                    continue  # the same letters in another case
                # Scattered hits skip the phrase scan: the index said it is not there.
                found = _passage(text, title, phrase_re if phrased else None, group_res)
                hits.append(SearchHit(article_id, title, score, *found))
        if len(hits) >= limit or len(ranked) < wanted or wanted >= EXACT_CHECKED:
            return hits
        wanted = min(wanted * 4, EXACT_CHECKED)


def _candidates(db: Database, groups: list[_Group], level: MatchLevel, limit: int
                ) -> tuple[list[tuple[int, float, bool]], dict[int, tuple[str, str]]]:
    """The ranked candidates and their (title, text)."""
    if db.on_server:
        from desktop_app.core.analysis.search_server import server_candidates

        return server_candidates(db, groups, level, limit)
    with db.engine.connect() as sa_conn:
        conn = bulk_sql(sa_conn)  # the pysqlite connection itself
        try:
            if not conn.execute("SELECT 1 FROM sqlite_master WHERE name='search_fts'").fetchone():
                return [], {}  # a read-only library that was never indexed
            ranked = _rank(conn, groups, level, limit)
            ids = [i for i, _, _ in ranked]
            articles = {r[0]: r[1:] for r in conn.execute(
                f"SELECT id, title, text FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids)}
        except sqlite3.Error as e:
            raise DatabaseError(explain(e, db.path)) from e
    return ranked, articles
