"""Schema v11: running per-term totals of the word index (nlp/word_index.py).

Kept apart from migrations.py (which would pass ~400 lines); frozen like every step there.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections import Counter


def v11_word_totals(conn: sqlite3.Connection) -> None:
    # Occurrences and articles per word_terms id, kept in step by word_index.refresh in
    # the transaction that adds or removes an article's index rows: a word's line count
    # and whole-corpus frequencies are then a read of this table, not a pass over the
    # index (fts5vocab read every term's doclist: seconds at a million articles).
    conn.execute(
        """CREATE TABLE word_term_totals (
	term_id INTEGER NOT NULL,
	occurrences INTEGER NOT NULL,
	articles INTEGER NOT NULL,
	CONSTRAINT pk_word_term_totals PRIMARY KEY (term_id)
)"""
    )
    # Row 0 is the index itself: words (not hidden) and articles indexed, so "does the
    # index hold every article" is two counts. Filled from what the index holds (each article's stored terms: ~20,000 a second).
    occurrences: Counter[str] = Counter()
    articles: Counter[str] = Counter()
    for (blob,) in conn.execute("SELECT terms FROM word_index_articles"):
        columns = zlib.decompress(blob).decode("ascii").split("\n")
        exact = columns[0].split()
        counted: Counter[str] = Counter({"0": len(exact) - exact.count("z")})
        for term, n in Counter(" ".join(columns).split()).items():
            if term != "z":  # a hidden word
                counted[term.lstrip("gn")] += n
        occurrences.update(counted)
        articles.update(counted.keys())
    conn.executemany("INSERT INTO word_term_totals VALUES (?, ?, ?)",
                     ((int(t, 16), n, articles[t]) for t, n in occurrences.items()))
