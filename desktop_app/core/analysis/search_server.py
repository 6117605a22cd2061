"""Search on a PostgreSQL server library: search.py's ranking over the tsvector pieces of
search_server_index.py instead of FTS5. The same query groups, the same tiers (as typed,
same word, folded; the whole phrase before the words scattered), the same "more than
CHEAP_RANK_ROWS matches: title matches first, then the newest" shortcut; passages, marks
and the EXACT case check stay in search.py (Python over the text), so both engines give
the same hits.

An FTS5 expression becomes a tsquery: a phrase `'to' <-> 'chuc'`, a prefix `'chuc':*`,
spellings ORed; title-only matches are looked up in search_titles. A phrase lies whole in
one piece (pieces overlap by the longest query), but the groups of a query may be in
different pieces of a long article: the articles holding all groups are the INTERSECT of
each group's articles. Ranking is `ts_rank` with the title weighted TITLE_WEIGHT times, the
best piece of each article: not FTS5's bm25, so within a tier the order may differ (the
tiers, and the order of the newest-first shortcut, are the same).

What costs on the server is reading tsvectors (from the TOAST table: ~10 us each): a word
alone is answered by the GIN index without reading them, a phrase or ts_rank reads every
piece it looks at. So a part's words are counted through the index first, a phrase is
checked (and ranked in the same reading) only on few pieces when it can, and the common
case walks the newest articles down the primary key until `limit` are found.
"""

from __future__ import annotations

import itertools
from typing import Any

from sqlalchemy import exc as sa_exc

from desktop_app.core.analysis.search import CHEAP_RANK_ROWS, TITLE_WEIGHT, _Group
from desktop_app.core.analysis.search_index import _WORD_RE, MAX_SPELLINGS, X_MARK, _index_words
from desktop_app.core.analysis.search_server_index import _lexeme
from desktop_app.core.storage.bulk_sql import bulk_sql, driver_errors
from desktop_app.core.storage.database import Database, DatabaseError
from desktop_app.core.text.matching import MatchLevel, query_text

# An alternative: words in a row, each (lexeme, prefix?). A part: its alternatives ORed.
_Alt = tuple[tuple[str, bool], ...]
_Part = tuple[_Alt, ...]
NORMALIZATION = 1  # ts_rank's: divide by 1 + log(the piece's length)
# Matches up to which ts_rank orders them (reading each piece: ~10 us from the TOAST table);
# above it, title matches first, then the newest. search.CHEAP_RANK_ROWS, as on SQLite, so
# that both engines list the same articles; lower is faster and lists others.
RANK_ROWS = CHEAP_RANK_ROWS


def _weights() -> str:
    body = 1.0 / TITLE_WEIGHT
    return f"'{{{body!r},{body!r},{body!r},1.0}}'::float4[]"  # D, C, B, A: A is the title


def _pairable(part: _Part) -> bool:
    """Phrases the pairs columns answer for: two words or more, a prefix only on the last."""
    return all(len(alt) > 1 and not any(p for _, p in alt[:-1]) for alt in part)


def exact_by_index(part: _Part) -> bool:
    """The GIN index alone answers `part` exactly: one word, or a phrase of two (its pair)."""
    return all(len(alt) == 1 for alt in part) or (_pairable(part) and all(len(alt) == 2 for alt in part))


def _pairs_query(part: _Part) -> str:
    """The part as pairs of adjacent words, all required (a prefix stays on the last pair)."""
    alts = [" & ".join(_lexeme(f"{a} {b}") + (":*" if pb else "") for (a, _), (b, pb) in itertools.pairwise(alt))
            for alt in dict.fromkeys(part)]
    return alts[0] if len(alts) == 1 else "(" + " | ".join(f"({a})" for a in alts) + ")"


def tsquery(part: _Part, title_only: bool = False, loose: bool = False) -> str:
    """The tsquery text of one part (an FTS5 phrase or its spellings); `loose`: its words
    anywhere in a piece (the GIN index answers that alone, without reading the pieces)."""
    weight = "A" if title_only else ""

    def lexeme(word: str, prefix: bool) -> str:
        label = ("*" if prefix else "") + weight
        return _lexeme(word) + (":" + label if label else "")

    alts = [(" & " if loose else " <-> ").join(lexeme(w, p) for w, p in alt) for alt in dict.fromkeys(part)]
    return alts[0] if len(alts) == 1 else "(" + " | ".join(f"({a})" for a in alts) + ")"


def _group_part(group: _Group, level: MatchLevel) -> _Part:
    last = len(group.words) - 1
    return tuple(tuple((w, group.prefix and i == last) for i, w in enumerate(ws))
                 for ws in _index_words(group.words, level))


def _whole_phrase(groups: list[_Group], level: MatchLevel) -> _Part:
    combos = itertools.islice(itertools.product(*(_group_part(g, level) for g in groups)), MAX_SPELLINGS)
    return tuple(tuple(itertools.chain.from_iterable(c)) for c in combos)


def _tiers(groups: list[_Group], level: MatchLevel) -> list[tuple[list[_Part], MatchLevel, bool]]:
    """search._tiers with tsquery parts."""
    out: list[tuple[list[_Part], MatchLevel, bool]] = []
    for tier in (MatchLevel.EXACT, MatchLevel.WORD, MatchLevel.NONE)[: level.rank + 1]:
        if len(groups) > 1:
            out.append(([_whole_phrase(groups, tier)], tier, True))
        out.append(([_group_part(g, tier) for g in groups], tier, len(groups) == 1))
    unique: dict[str, tuple[list[_Part], MatchLevel, bool]] = {}
    for t in out:
        unique.setdefault(" & ".join(tsquery(p) for p in t[0]), t)
    return list(unique.values())


# ---------------------------------------------------------------- SQL


def _col(parts: list[_Part]) -> str:
    """The tsvector column the parts' lexemes are in (all of a tier's are in one)."""
    return "cased" if parts[0][0][0][0].startswith(X_MARK) else "folded"


def _matching(part: _Part, col: str, loose: bool = False) -> tuple[str, list[str]]:
    """(SELECT article_id[, col] of the pieces matching `part`, its parameters): through
    the GIN index alone when it answers (`loose`: the words or pairs, unordered; or
    exact_by_index); else the pieces holding its pairs (the index), each checked for the
    phrase (a fence, OFFSET 0, keeps the planner from checking every piece with the words)."""
    if loose or exact_by_index(part):
        if _pairable(part):
            return f"SELECT article_id, {col} FROM search_chunks WHERE {col}_pairs @@ ?::tsquery", [_pairs_query(part)]
        return f"SELECT article_id, {col} FROM search_chunks WHERE {col} @@ ?::tsquery", [tsquery(part, loose=loose)]
    if _pairable(part):
        return (f"SELECT article_id, {col} FROM (SELECT article_id, {col} FROM search_chunks"
                f" WHERE {col}_pairs @@ ?::tsquery OFFSET 0) AS p WHERE {col} @@ ?::tsquery",
                [_pairs_query(part), tsquery(part)])
    return f"SELECT article_id, {col} FROM search_chunks WHERE {col} @@ ?::tsquery", [tsquery(part)]


def _holding(parts: list[_Part], loose: bool = False) -> tuple[str, list[str]]:
    """SELECT of the article ids holding every part (each maybe in another piece);
    `loose`: every part's words (or pairs of words), not checked as phrases."""
    col = _col(parts)
    selects, args = [], []
    for part in parts:
        sql, more = _matching(part, col, loose)
        selects.append(f"SELECT article_id FROM ({sql}) AS x")
        args += more
    if len(selects) == 1:
        return selects[0].replace("SELECT", "SELECT DISTINCT", 1), args
    return " INTERSECT ".join(selects), args


def _count(conn: Any, parts: list[_Part], cap: int, loose: bool = False) -> int:
    sql, args = _holding(parts, loose)
    return int(conn.execute(f"SELECT count(*) FROM ({sql} LIMIT ?) AS m", [*args, cap]).fetchone()[0])


def _by_rank(conn: Any, parts: list[_Part], weigh: list[_Part], limit: int) -> list[tuple[int, float]]:
    """(id, ts_rank of `weigh` in the article's best piece) of the articles holding `parts`, best first."""
    sql, args = _holding(parts)
    rank_q = " | ".join(f"({tsquery(p)})" for p in weigh)
    rows = conn.execute(
        f"WITH m AS ({sql}) SELECT c.article_id, max(ts_rank({_weights()}, c.{_col(parts)}, ?::tsquery, {NORMALIZATION})) AS r"
        " FROM search_chunks c JOIN m ON m.article_id = c.article_id"
        " GROUP BY c.article_id ORDER BY r DESC, c.article_id LIMIT ?", [*args, rank_q, limit])
    return [(int(i), float(r)) for i, r in rows]


def _scored_pieces(conn: Any, part: _Part, cap: int) -> list[tuple[int, float]] | None:
    """(article id, ts_rank in its best piece) of the articles matching one part, None when
    `cap` pieces or more match: the count and the weights in one reading of the pieces (a
    phrase is checked on each piece's tsvector)."""
    q = tsquery(part)
    col = _col([part])
    sql, args = _matching(part, col)
    rows = list(conn.execute(f"SELECT article_id, ts_rank({_weights()}, {col}, ?::tsquery, {NORMALIZATION})"
                             f" FROM ({sql}) AS m LIMIT ?", [q, *args, cap]))
    if len(rows) >= cap:
        return None
    best: dict[int, float] = {}
    for article_id, r in rows:
        best[article_id] = max(best.get(article_id, 0.0), float(r))
    return list(best.items())


def _ranked(conn: Any, parts: list[_Part], limit: int, empty: frozenset[str]) -> list[tuple[int, float]]:
    """search._ranked on the server."""
    if " & ".join(map(tsquery, parts)) in empty:
        return []
    if len(parts) == 1:
        # Its words without their order first: the GIN index counts that alone. A phrase is
        # checked on each piece holding its words: few, in one reading that also ranks them.
        found = _count(conn, parts, RANK_ROWS + 1, loose=True)
        if not found:
            return []
        if found <= RANK_ROWS and (scored := _scored_pieces(conn, parts[0], RANK_ROWS + 1)) is not None:
            return sorted(scored, key=lambda s: (-s[1], s[0]))[:limit]
        if not exact_by_index(parts[0]):  # a phrase of three words or more: checked
            found = _count(conn, parts, RANK_ROWS + 1)
        if not found:
            return []
        return _by_rank(conn, parts, parts, limit) if found <= RANK_ROWS else _newest(conn, parts, limit)
    found = _count(conn, parts, RANK_ROWS + 1)
    if not found:
        return []
    if found <= RANK_ROWS:
        rare = [p for p in parts if _count(conn, [p], RANK_ROWS + 1) <= RANK_ROWS]
        if rare:
            return _by_rank(conn, parts, rare, limit)
    return _newest(conn, parts, limit)


def _newest(conn: Any, parts: list[_Part], limit: int) -> list[tuple[int, float]]:
    """Common words: title matches first, then the newest articles holding `parts`. Walks
    the articles from the newest (the primary key), checking each, and stops at `limit`:
    the GIN index would hand over every match of a common word to be sorted."""
    col = _col(parts)
    titled_q = " & ".join(f"({tsquery(p)})" for p in parts)
    ids = [r[0] for r in conn.execute(f"SELECT article_id FROM search_titles WHERE {col} @@ ?::tsquery"
                                      " ORDER BY article_id DESC LIMIT ?", [titled_q, limit])]
    titled = set(ids)
    if len(ids) < limit and all(map(exact_by_index, parts)):  # the index has them all, unread
        sql, args = _holding(parts)
        ids += [r[0] for r in conn.execute(f"SELECT article_id FROM ({sql}) AS m ORDER BY article_id DESC LIMIT ?",
                                           [*args, limit + len(ids)]) if r[0] not in titled]
    elif len(ids) < limit:
        holds = " AND ".join([f"EXISTS (SELECT 1 FROM search_chunks c WHERE c.article_id = t.article_id"
                              f" AND c.{col} @@ ?::tsquery)"] * len(parts))
        conn.execute("SET LOCAL enable_bitmapscan = off")
        try:
            ids += [r[0] for r in conn.execute(f"SELECT article_id FROM search_titles t WHERE {holds}"
                                               " ORDER BY article_id DESC LIMIT ?",
                                               [*map(tsquery, parts), limit + len(ids)]) if r[0] not in titled]
        finally:
            conn.execute("SET LOCAL enable_bitmapscan = on")
    return [(article_id, 1e-6 if article_id in titled else 0.0) for article_id in ids[:limit]]


def _rank(conn: Any, groups: list[_Group], level: MatchLevel, limit: int) -> list[tuple[int, float, bool]]:
    """search._rank on the server: each tier lifted above the next."""
    ranked: list[tuple[int, float, bool]] = []
    seen: set[int] = set()
    empty: set[str] = set()
    tiers = _tiers(groups, level)
    for k, (parts, tier, phrased) in enumerate(tiers):
        if len(ranked) >= limit:
            break
        scattered = tiers[k + 1] if k + 1 < len(tiers) else None
        if phrased and len(groups) > 1 and scattered is not None and scattered[1] is tier:
            if not _count(conn, scattered[0], 1):
                empty.add(" & ".join(map(tsquery, scattered[0])))
                continue
        more = _ranked(conn, parts, limit + len(seen), frozenset(empty))
        rest = [(i, s, phrased) for i, s in more if i not in seen][: limit - len(ranked)]
        if ranked and rest:
            lift = max(0.0, max(s for _, s, _ in rest) - min(s for _, s, _ in ranked)) + 1
            ranked = [(i, s + lift, p) for i, s, p in ranked]
        ranked += rest
        seen.update(i for i, _, _ in rest)
    return ranked


def server_candidates(db: Database, groups: list[_Group], level: MatchLevel, limit: int
                      ) -> tuple[list[tuple[int, float, bool]], dict[int, tuple[str, str]]]:
    """search._candidates on a server library: the ranked candidates and their (title, text)."""
    try:
        with db.engine.connect() as sa_conn:
            conn = bulk_sql(sa_conn)
            # The planner reads most pieces in full when a word is common, checking each
            # tsvector; the GIN index answers a word without reading them (measured: a
            # common word 0.8 ms through the index, 15-25 ms by a scan of 2,000 pieces).
            conn.execute("SET LOCAL enable_seqscan = off")
            if db.read_only and conn.execute("SELECT to_regclass('search_chunks')").fetchone()[0] is None:
                return [], {}  # opened read-only and never indexed by a writable client
            ranked = _rank(conn, groups, level, limit)
            ids = [i for i, _, _ in ranked]
            articles = {r[0]: (r[1], r[2]) for r in conn.execute(
                "SELECT id, title, text FROM articles WHERE id = ANY(?)", (ids,))} if ids else {}
    except driver_errors(sa_exc.DBAPIError) as e:
        raise DatabaseError(f"Searching {db.location} failed on the server: {e}") from e
    return ranked, articles


def phrase_tsquery(query: str, level: MatchLevel, column: str = "body") -> str | None:
    """search_index.phrase_match for a server library: a tsquery for the pieces that may
    hold `query`'s syllables as one phrase at `level` ("title": in the title only), None
    if the query has no syllable. Articles it finds still need the regex at `level`."""
    words = tuple(_WORD_RE.findall(query_text(query)))
    if not words:
        return None
    part = tuple(tuple((w, False) for w in ws) for ws in _index_words(words, level))
    return tsquery(part, title_only=column == "title")
