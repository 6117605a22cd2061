"""Corpus search and in-article find at a matching level (core/text/matching.py).

The index is derived data kept here, so it never needs a schema migration:
- `search_fts`: contentless FTS5 (rowid = article id) over the title and text twice:
  folded (`title`, `body`: the NONE key) and only case-folded (`xtitle`, `xbody`), where
  EXACT is one phrase and WORD the phrase in each of its spellings (hòa OR hoà). A
  normal FTS5 table keeps a folded copy of every text: 110 MB instead of 38 MB for
  10,000 articles (measured).
- `search_indexed`: what was indexed. `search_pending`: articles changed since, written by
  triggers on `articles` with the old title and text (a contentless row is deleted by
  repeating what was inserted). A sync after no change is two tiny queries (~0.1 ms), not
  a comparison of 10,000 rows (15-30 ms measured); that comparison runs only when the
  triggers were missing (first use, a migration rebuilt `articles`).
Passages and marks come from regular expressions over the original text (matching.regex):
nothing is folded at query time. Ranking puts closer matches first: articles holding the
query as typed (case aside), then in another spelling of the same word, then only folded.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from desktop_app.core.library.articles import parse_spans
from desktop_app.core.storage.database import Database, DatabaseError, driver_connection, explain
from desktop_app.core.text.matching import MatchLevel, casefolded, key, level_for_query, query_text, regex, word_forms

INDEX_VERSION = "3"  # change it when folding or layout change: the index is rebuilt
TITLE_WEIGHT = 10.0  # bm25 weight of the title column; the body weighs 1
PASSAGE_CHARS = 200
MAX_QUERY_WORDS = 32  # a pasted page is not a query
CHEAP_RANK_ROWS = 2000  # bm25 over this many matches takes ~5 ms: always worth it
BATCH = 200  # articles per write transaction, so other writers wait ~0.2 s at most

_TRIGGERS = ("search_articles_ai", "search_articles_au", "search_articles_ad")
_TABLES = ("search_fts", "search_indexed", "search_pending", "search_state")
_SCHEMA = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(title, body, xtitle, xbody, content='',"
    " tokenize='unicode61 remove_diacritics 0')",
    "CREATE TABLE IF NOT EXISTS search_indexed (article_id INTEGER PRIMARY KEY,"
    " content_hash TEXT NOT NULL, title TEXT NOT NULL, text_digest BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS search_pending (article_id INTEGER PRIMARY KEY,"
    " old_title TEXT, old_text TEXT, old_hidden TEXT)",
    "CREATE TABLE IF NOT EXISTS search_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # OR IGNORE keeps the first old version: the one that is in the index.
    "CREATE TRIGGER IF NOT EXISTS search_articles_ai AFTER INSERT ON articles BEGIN"
    " INSERT OR IGNORE INTO search_pending(article_id) VALUES (NEW.id); END",
    "CREATE TRIGGER IF NOT EXISTS search_articles_au AFTER UPDATE OF id, title, text, hidden_spans"
    " ON articles BEGIN INSERT OR IGNORE INTO search_pending"
    " VALUES (OLD.id, OLD.title, OLD.text, OLD.hidden_spans);"
    " INSERT OR IGNORE INTO search_pending(article_id) VALUES (NEW.id); END",
    "CREATE TRIGGER IF NOT EXISTS search_articles_ad AFTER DELETE ON articles BEGIN"
    " INSERT OR IGNORE INTO search_pending VALUES (OLD.id, OLD.title, OLD.text, OLD.hidden_spans);"
    " END",
)



@dataclass(frozen=True)
class SearchHit:
    article_id: int
    title: str
    score: float  # higher is better
    passage: str  # ~200 characters of the original text around the best match, "…" at cuts
    marks: tuple[tuple[int, int], ...]  # spans inside `passage` of the matched words
    offset: int  # code point in the article text of the first matched word in the passage


# ---------------------------------------------------------------- keys

_COMBINING = "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]*"
MAX_SPELLINGS = 64  # phrases a WORD query expands to in the index (hòa bình OR hoà bình…)


def _key(text: str) -> str:
    """The folded (NONE) key: same length, so key offsets are text offsets."""
    return key(text, MatchLevel.NONE)


def find_in_text(text: str, query: str, level: MatchLevel | None = None) -> list[tuple[int, int]]:
    """Every match of the query in `text` at `level` (by default the query's own,
    matching.level_for_query), as code-point spans (Ctrl+F).

    Substring semantics, like a browser's find: no overlaps; a run of spaces in the query
    matches any run of whitespace. Decomposed (NFD) letters match with their marks.
    """
    parts = query_text(query).split()
    if not parts or len(" ".join(parts)) > len(text):
        return []
    level = level_for_query(query, level)
    marks = _COMBINING if level is MatchLevel.NONE else ""
    pattern = r"\s+".join(regex(part, level, marks) for part in parts)
    return [m.span() for m in re.finditer(pattern, text)]


def _index_words(words: tuple[str, ...], level: MatchLevel) -> list[tuple[str, ...]]:
    """The spellings of `words` as the index columns of `level` hold them (folded for
    NONE, case-folded for EXACT, each same-word spelling for WORD), at most MAX_SPELLINGS."""
    if level is MatchLevel.NONE:
        return [tuple(_key(w) for w in words)]
    if level is MatchLevel.EXACT:
        return [tuple(casefolded(w) for w in words)]
    return list(itertools.islice(itertools.product(*map(word_forms, words)), MAX_SPELLINGS))


def columns(level: MatchLevel) -> tuple[str, str]:
    """(title, body) columns of search_fts that answer for `level`."""
    return ("title", "body") if level is MatchLevel.NONE else ("xtitle", "xbody")


def phrase_match(query: str, level: MatchLevel, column: str = "body") -> str | None:
    """An FTS5 expression for the articles that may hold `query`'s syllables as one phrase
    at `level` in `column` ("body" or "title"; the x column for EXACT and WORD), None if
    the query has no syllable. Articles it finds still need the regex at `level`."""
    words = tuple(_WORD_RE.findall(query_text(query)))
    if not words:
        return None
    col = dict(zip(("title", "body"), columns(level), strict=True))[column]
    phrases = ('"' + " ".join(ws) + '"' for ws in _index_words(words, level))
    return f"{col} : (" + " OR ".join(dict.fromkeys(phrases)) + ")"


# ---------------------------------------------------------------- queries

_WORD_RE = re.compile(r"[^\W_]+")  # what FTS5's unicode61 calls a token, near enough


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


# ---------------------------------------------------------------- index upkeep


def _searchable(text: str, hidden: str | None) -> str:
    """The text as the index holds it: hidden web leftovers (a corpus header, share
    buttons) blanked out, as the reader hides them."""
    spans = parse_spans(hidden, len(text))
    if not spans:
        return text
    parts, pos = [], 0
    for start, end in spans:
        start = max(start, pos)
        parts += [text[pos:start], " " * max(0, end - start)]
        pos = max(pos, end)
    parts.append(text[pos:])
    return "".join(parts)


def _row(title: str, text: str) -> tuple[str, str, str, str]:
    """What the index columns hold for one article."""
    return _key(title), _key(text), casefolded(title), casefolded(text)


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class _Rebuild(Exception):
    """An indexed version can no longer be removed exactly."""


def _state(conn: sqlite3.Connection) -> tuple[bool, bool]:
    """(index and triggers in place at this version, changes waiting): two tiny queries."""
    names = _TABLES + _TRIGGERS
    found = conn.execute(f"SELECT count(*) FROM sqlite_master WHERE name IN ({','.join('?' * len(names))})",
                         names).fetchone()[0]
    if found != len(names):
        return False, True
    version, waiting = conn.execute("SELECT (SELECT value FROM search_state WHERE key='version'),"
                                    " EXISTS (SELECT 1 FROM search_pending)").fetchone()
    return version == INDEX_VERSION, bool(waiting)


def _install(conn: sqlite3.Connection) -> None:
    """Create what is missing, then compare with `articles` once: the triggers missed it."""
    existing = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'search%'")}
    if "search_state" in existing and conn.execute(
            "SELECT value FROM search_state WHERE key='version'").fetchone() != (INDEX_VERSION,):
        # Another folding or layout. Triggers first: without search_pending they would
        # make every write to `articles` fail.
        for name in _TRIGGERS + _TABLES:
            conn.execute(f"DROP {'TRIGGER' if name in _TRIGGERS else 'TABLE'} IF EXISTS {name}")
        existing = set()
    for sql in _SCHEMA:
        conn.execute(sql)
    if not {"search_fts", "search_indexed"} <= existing:
        _restart(conn)  # one of the pair was lost: neither can be trusted
    conn.execute("INSERT OR REPLACE INTO search_state VALUES ('version', ?)", (INDEX_VERSION,))
    conn.execute("INSERT OR IGNORE INTO search_pending(article_id) SELECT a.id FROM articles a"
                 " LEFT JOIN search_indexed s ON s.article_id = a.id WHERE s.article_id IS NULL"
                 " OR s.content_hash IS NOT a.content_hash OR s.title IS NOT a.title")
    conn.execute("INSERT OR IGNORE INTO search_pending(article_id) SELECT article_id FROM"
                 " search_indexed WHERE article_id NOT IN (SELECT id FROM articles)")


def _restart(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
    conn.execute("DELETE FROM search_indexed")
    conn.execute("DELETE FROM search_pending")
    conn.execute("INSERT INTO search_pending(article_id) SELECT id FROM articles")


def _apply(conn: sqlite3.Connection, ids: list[int]) -> int:
    """Bring the index up to date for `ids`; how many articles were (re)indexed or removed."""
    marks = ",".join("?" * len(ids))

    def rows(sql: str) -> dict[int, tuple]:
        return {r[0]: r[1:] for r in conn.execute(sql.format(marks), ids)}

    pending = rows("SELECT article_id, old_title, old_text, old_hidden FROM search_pending"
                   " WHERE article_id IN ({})")
    indexed = rows("SELECT article_id, title, text_digest FROM search_indexed WHERE article_id IN ({})")
    current = rows("SELECT id, title, text, content_hash, hidden_spans FROM articles WHERE id IN ({})")
    deletes, inserts, records, same = [], [], [], []
    for article_id in ids:
        old, now = indexed.get(article_id), current.get(article_id)
        if now is not None:
            title, content_hash = now[0] or "", now[2] or ""
            text = _searchable(now[1] or "", now[3])
            new = (title, _digest(text))
        if old is not None:
            if now is not None and new == old:
                same.append((content_hash, article_id))  # only the hash column moved
                continue
            old_title, old_text, old_hidden = pending.get(article_id, (None, None, None))
            old_text = None if old_text is None else _searchable(old_text, old_hidden)
            # Deleting other tokens than were inserted would corrupt a contentless index.
            if old_text is None or (old_title or "", _digest(old_text)) != old:
                raise _Rebuild
            deletes.append((article_id, *_row(old_title or "", old_text)))
        if now is not None:
            inserts.append((article_id, *_row(title, text)))
            records.append((article_id, content_hash, *new))
    conn.executemany("INSERT INTO search_fts(search_fts, rowid, title, body, xtitle, xbody)"
                     " VALUES ('delete', ?, ?, ?, ?, ?)", deletes)
    conn.executemany("DELETE FROM search_indexed WHERE article_id = ?", [d[:1] for d in deletes])
    conn.executemany("INSERT INTO search_fts(rowid, title, body, xtitle, xbody) VALUES (?, ?, ?, ?, ?)",
                     inserts)
    conn.executemany("INSERT INTO search_indexed VALUES (?, ?, ?, ?)", records)
    conn.executemany("UPDATE search_indexed SET content_hash = ? WHERE article_id = ?", same)
    conn.execute(f"DELETE FROM search_pending WHERE article_id IN ({marks})", ids)
    return len({d[0] for d in deletes} | {r[0] for r in inserts})


def sync_index(db: Database) -> int:
    """Bring the index up to date with `articles`; how many articles were (re)indexed or
    removed. ~0.1 ms when nothing changed. A read-only library keeps the index it has."""
    if db.read_only:
        return 0
    changed, first = 0, True
    with db.engine.connect() as sa_conn:
        conn = driver_connection(sa_conn)
        try:
            if _state(conn) == (True, False):
                return 0
            while True:
                conn.execute("BEGIN IMMEDIATE")  # look again under the write lock
                try:
                    if first and not _state(conn)[0]:
                        _install(conn)
                    first = False
                    ids = [r[0] for r in conn.execute(
                        "SELECT article_id FROM search_pending ORDER BY article_id LIMIT ?", (BATCH,))]
                    try:
                        changed += _apply(conn, ids) if ids else 0
                    except _Rebuild:
                        _restart(conn)
                    conn.commit()
                except BaseException:
                    conn.rollback()
                    raise
                if not ids:
                    return changed
        except sqlite3.Error as e:
            raise DatabaseError(explain(e, db.path)) from e


# ---------------------------------------------------------------- searching


def _ranked(conn: sqlite3.Connection, match: str, level: MatchLevel, limit: int,
            total: int) -> list[tuple[int, float]]:
    """The best `limit` (article id, score) for one FTS5 query at `level`, best first."""
    title_col, body_col = columns(level)
    match = "{" + f"{title_col} {body_col}" + "} : (" + match + ")"
    found = conn.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH ?", (match,)).fetchone()[0]
    if found <= CHEAP_RANK_ROWS or 2 * found <= total:
        return [(article_id, -rank) for article_id, rank in conn.execute(  # bm25: lower is better
            "SELECT rowid, bm25(search_fts, ?, 1.0, ?, 1.0) AS r FROM search_fts WHERE search_fts MATCH ?"
            " ORDER BY r LIMIT ?", (TITLE_WEIGHT, TITLE_WEIGHT, match, limit))]
    # Every phrase of the query is in over half of the articles: bm25 clamps their idf to
    # 1e-6, so its order carries next to no signal, while scoring 10,000 rows costs 30-80 ms.
    # Title matches first, then the newest: both read straight off the index.
    newest = "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
    ids = [r[0] for r in conn.execute(newest, ("{" + title_col + "} : (" + match + ")", limit))]
    titled = set(ids)
    if len(ids) < limit:
        ids += [r[0] for r in conn.execute(newest, (match, limit + len(ids))) if r[0] not in titled]
    return [(article_id, 1e-6 if article_id in titled else 0.0) for article_id in ids[:limit]]


def _whole_phrase(groups: list[_Group], level: MatchLevel) -> str:
    """Every group in a row, in each spelling (at most MAX_SPELLINGS)."""
    combos = itertools.islice(itertools.product(*(g.phrases(level) for g in groups)), MAX_SPELLINGS)
    phrases = [" + ".join(c) for c in combos]
    return phrases[0] if len(phrases) == 1 else " OR ".join(f"({p})" for p in phrases)


def _tiers(groups: list[_Group], level: MatchLevel) -> list[tuple[str, MatchLevel, bool]]:
    """(FTS5 expression, level of its columns, whole phrase?) from the closest match to the
    loosest the chosen level allows: as typed, then same word, then folded; in each, the
    query as one phrase before its words scattered. Repeats are left out."""
    out: list[tuple[str, MatchLevel, bool]] = []
    for tier in (MatchLevel.EXACT, MatchLevel.WORD, MatchLevel.NONE)[: level.rank + 1]:
        if len(groups) > 1:  # the whole query as one phrase: FTS5 checks positions
            out.append((_whole_phrase(groups, tier), tier, True))
        out.append((" AND ".join(g.fts(tier) for g in groups), tier, len(groups) == 1))
    unique: dict[tuple[str, str], tuple[str, MatchLevel, bool]] = {}
    for t in out:
        unique.setdefault((t[0], columns(t[1])[1]), t)
    return list(unique.values())


def _rank(conn: sqlite3.Connection, groups: list[_Group], level: MatchLevel, limit: int,
          total: int) -> list[tuple[int, float, bool]]:
    """(article id, score, whole phrase?) best first: each tier lifted above the next."""
    ranked: list[tuple[int, float, bool]] = []
    seen: set[int] = set()
    for match, tier, phrased in _tiers(groups, level):
        if len(ranked) >= limit:
            break
        more = _ranked(conn, match, tier, limit + len(seen), total)
        rest = [(i, s, phrased) for i, s in more if i not in seen][: limit - len(ranked)]
        if ranked and rest:  # lift what came before above every hit of this tier
            lift = max(0.0, max(s for _, s, _ in rest) - min(s for _, s, _ in ranked)) + 1
            ranked = [(i, s + lift, p) for i, s, p in ranked]
        ranked += rest
        seen.update(i for i, _, _ in rest)
    return ranked


def search(db: Database, query: str, limit: int = 50, level: MatchLevel | None = None) -> list[SearchHit]:
    """Articles holding every query word at `level` (by default the query's own:
    matching.level_for_query) in title or text, best first.

    Closer matches come first (as typed, then the same word spelled otherwise, then only
    folded); within that, the words as one phrase before the words scattered; then bm25
    with the title weighted TITLE_WEIGHT times. EXACT also tells case apart: the index
    does not, so its candidates are checked on the text until `limit` are found.
    """
    groups = _parse(query)
    if not groups or limit <= 0:
        return []
    level = level_for_query(query, level)
    sync_index(db)
    group_res = [re.compile(g.regex(level)) for g in groups]
    phrase_re = re.compile(r"[\W_]+".join(g.regex(level) for g in groups))
    wanted = limit
    while True:
        ranked, articles = _candidates(db, groups, level, wanted)
        hits = []
        for article_id, score, phrased in ranked:
            if article_id in articles:  # else deleted since the index was read
                title, text = articles[article_id][0] or "", articles[article_id][1] or ""
                if level is MatchLevel.EXACT and not all(rx.search(title) or rx.search(text)
                                                          for rx in group_res):
                    continue  # the same letters in another case
                # Scattered hits skip the phrase scan: the index said it is not there.
                found = _passage(text, title, phrase_re if phrased else None, group_res)
                hits.append(SearchHit(article_id, title, score, *found))
        if len(hits) >= limit or len(ranked) < wanted:
            return hits[:limit]
        wanted *= 4


def _candidates(db: Database, groups: list[_Group], level: MatchLevel, limit: int
                ) -> tuple[list[tuple[int, float, bool]], dict[int, tuple[str, str]]]:
    """The ranked candidates and their (title, text)."""
    with db.engine.connect() as sa_conn:
        conn = driver_connection(sa_conn)
        try:
            if not conn.execute("SELECT 1 FROM sqlite_master WHERE name='search_fts'").fetchone():
                return [], {}  # a read-only library that was never indexed
            total = conn.execute("SELECT count(*) FROM search_indexed").fetchone()[0]
            ranked = _rank(conn, groups, level, limit, total)
            ids = [i for i, _, _ in ranked]
            articles = {r[0]: r[1:] for r in conn.execute(
                f"SELECT id, title, text FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids)}
        except sqlite3.Error as e:
            raise DatabaseError(explain(e, db.path)) from e
    return ranked, articles


def _matches(rx: re.Pattern[str], text: str, start: int = 0) -> Iterator[re.Match[str]]:
    """Matches that start a word. Checked here: a look-behind in the pattern would stop
    `re` from skipping ahead to the first letter (measured ~4x slower)."""
    while (m := rx.search(text, start)) is not None:
        if m.start() and text[m.start() - 1].isalnum():
            start = m.start() + 1  # inside a word
            continue
        yield m
        start = max(m.end(), m.start() + 1)


def _densest(text: str, res: list[re.Pattern[str]], start: int) -> tuple[int, int] | None:
    """The shortest span holding a match of every group found after `start`."""
    occ = sorted((m.start(), m.end(), g) for g, rx in enumerate(res)
                 for _, m in zip(range(200), _matches(rx, text, start), strict=False))  # bounded work
    counts: dict[int, int] = {}
    need, best, left = len({g for _, _, g in occ}), None, 0
    for _, end, g in occ:
        counts[g] = counts.get(g, 0) + 1
        while len(counts) == need:
            if best is None or end - occ[left][0] < best[1] - best[0]:
                best = (occ[left][0], end)
            counts[occ[left][2]] -= 1
            if not counts[occ[left][2]]:
                del counts[occ[left][2]]
            left += 1
    return best


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """About PASSAGE_CHARS around [start, end), a third before it, cut at whitespace."""
    n = len(text)
    ps = max(0, start - max(0, PASSAGE_CHARS - (end - start)) // 3)
    pe = min(n, max(end, ps + PASSAGE_CHARS))
    ps = max(0, min(ps, pe - PASSAGE_CHARS, start))  # near the end the room goes before
    while 0 < ps < start and not text[ps - 1].isspace():
        ps += 1
    while ps < start and text[ps].isspace():
        ps += 1
    while end < pe < n and not text[pe].isspace():
        pe -= 1
    while pe > end and text[pe - 1].isspace():
        pe -= 1
    return ps, pe


def _passage(text: str, title: str, phrase_re: re.Pattern[str] | None,
             group_res: list[re.Pattern[str]]) -> tuple[str, tuple[tuple[int, int], ...], int]:
    """(passage, marks, offset): the first phrase match, else the densest window."""
    first = text.split("\n", 1)[0]  # usually repeats the title, which the hit shows already
    starts = [len(first) + 1, 0] if title.strip() and first.strip() == title.strip() else [0]
    best: tuple[int, int] | None = None
    res = [phrase_re] if phrase_re else group_res
    for start in starts if phrase_re else ():
        if phrase_re is not None and (m := next(_matches(phrase_re, text, start), None)) is not None:
            best = m.span()
            break
    if best is None:
        res = group_res
        best = next(filter(None, (_densest(text, res, s) for s in starts)), (0, 0))  # (0, 0): title only
    if best[1] - best[0] > PASSAGE_CHARS:
        # Words far apart (the densest span can be a whole article): the passage is about
        # PASSAGE_CHARS from the first of them, and marks what falls inside it.
        best = (best[0], best[0] + 1)
    ps, pe = _window(text, *best)
    words: set[tuple[int, int]] = set()
    for rx in res:
        for m in _matches(rx, text, ps):
            if m.end() > pe:
                break
            words.update(m.span(i) for i in range(1, rx.groups + 1) if m.start(i) >= 0)
    spans: list[tuple[int, int]] = []
    for s, e in sorted(words):
        if not spans or s >= spans[-1][1]:  # overlapping groups ("to to*") mark once
            spans.append((s, e))
    lead = "…" if ps > 0 else ""
    passage = lead + text[ps:pe] + ("…" if pe < len(text) else "")
    marks = tuple((s - ps + len(lead), e - ps + len(lead)) for s, e in spans)
    return passage, marks, spans[0][0] if spans else best[0]
