"""Segmentations and taggings written in batches: one transaction for many articles.

A transaction per article cost the scheduler's thread a session, a dictionary read, a
commit and a word-index refresh each (its term lookups were redone for every article);
a batch shares them. The scheduler decides when a batch is written (`due`: BATCH_ARTICLES
results, BATCH_CHARS characters or BATCH_SECONDS since the first, whichever comes first;
at once for the article the user opened, for a long article (LONG_ARTICLE characters),
and on cancel). Long articles are written one by one, as soon as they are done: their
words appear without delay, and the per-transaction cost is small beside their
segmenting (~70 ms per 10,000 characters); the time bound keeps every article's words
less than BATCH_SECONDS from the screen. Small articles share a batch up to BATCH_CHARS:
at 10,000 characters a batch of ~700-character articles closed every 14 articles and
the pool of one worker idled while the coordinator wrote them (100,000: +27% throughput). Rows are stamped with the hash of the text that was
segmented, as before: a text changed meanwhile makes its row stale, never wrong.
"""

from __future__ import annotations

import time
from array import array
from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, or_, select, update
from sqlalchemy.dialects import postgresql

from desktop_app.core.nlp.pos_ner import tagging_values
from desktop_app.core.nlp.stored import refresh_word_index, segmentation_values
from desktop_app.core.nlp.user_dictionary import UserDictionary, load_dictionary
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article, Segmentation, Tagging

BATCH_ARTICLES = 100
BATCH_CHARS = 100_000
LONG_ARTICLE = 10_000  # characters: written as soon as it is done
BATCH_SECONDS = 0.5


class ResultBatch:
    """Finished articles waiting to be written, as rows; used by one thread. The user
    dictionary is read once per batch (it is merged into each result as it arrives, so
    a result that cannot be stored raises ValueError there, for that article alone)."""

    def __init__(self, db: Database, articles: int = BATCH_ARTICLES, seconds: float = BATCH_SECONDS,
                 chars: int = BATCH_CHARS) -> None:
        self.db = db
        self.articles = articles
        self.seconds = seconds
        self.chars = chars
        self.held = 0  # characters of the texts waiting
        self.long = False  # a long article waits: write now
        self.words: list[dict[str, Any]] = []
        self.tags: list[dict[str, Any]] = []
        self.since: float | None = None  # when the oldest waiting result arrived
        self.dictionary: UserDictionary | None = None
        # Server library: results dropped because another client had stored the same
        # (same text, same engine) first; listed among the stored ids all the same.
        self.dropped: list[int] = []

    def __len__(self) -> int:
        return len(self.words) + len(self.tags)

    def add_words(self, article_id: int, text: str, flat: array) -> None:
        values = segmentation_values(self._dictionary(), text, flat)
        self._arrived(text)
        self.words.append({"article_id": article_id, **values})

    def add_tags(self, article_id: int, text: str, pos: tuple[array, list[str]],
                 entities: list[tuple[int, int, str]]) -> None:
        values = tagging_values(self._dictionary(), text, pos, entities)
        self._arrived(text)
        self.tags.append({"article_id": article_id, **values})

    def _dictionary(self) -> UserDictionary:
        if self.dictionary is None:
            self.dictionary = load_dictionary(self.db)
        return self.dictionary

    def _arrived(self, text: str) -> None:
        self.held += len(text)
        self.long = self.long or len(text) >= LONG_ARTICLE
        if self.since is None:
            self.since = time.monotonic()

    def holds(self, article_id: int) -> bool:
        return any(r["article_id"] == article_id for r in (*self.words, *self.tags))

    def due(self) -> bool:
        return self.long or len(self) >= self.articles or self.held >= self.chars or (
            self.since is not None and time.monotonic() - self.since >= self.seconds)

    def write(self) -> tuple[list[int], list[int]]:
        """Write everything waiting in one transaction: (ids whose words were stored, ids
        whose tags were stored), in arrival order; articles deleted meanwhile are left out.
        The batch is emptied first, so a failure (DatabaseError) is not retried."""
        words, tags, dictionary = self.words, self.tags, self.dictionary
        self.words, self.tags, self.since, self.dictionary, self.held = [], [], None, None, 0
        self.long = False
        if dictionary is None or not (words or tags):
            return [], []
        return write_rows(self.db, words, tags, dictionary.engine, self.dropped)


SEG_COLUMNS = ("text_hash", "engine", "spans")
TAG_COLUMNS = ("text_hash", "engine", "pos_spans", "pos_tags", "pos_names", "entities")


def write_rows(db: Database, seg_rows: list[dict[str, Any]], tag_rows: list[dict[str, Any]],
               engine: str, dropped: list[int] | None = None) -> tuple[list[int], list[int]]:
    """Store segmentation and tagging rows of many articles in one transaction, the word
    index of the segmented ones refreshed in it (one term cache for all). Rows of
    articles deleted meanwhile are left out. On a server library a row equal in text and
    engine to the one stored (another client was first) is not written again: its id goes
    to `dropped` and is still returned (the article's result is there)."""
    ids = sorted({r["article_id"] for r in seg_rows} | {r["article_id"] for r in tag_rows})
    with db.session() as session:
        present: set[int] = set()
        for i in range(0, len(ids), 500):
            query = select(Article.id).where(Article.id.in_(ids[i:i + 500]))
            if db.on_server:  # no other client deletes them before this commits
                query = query.with_for_update(key_share=True)
            present.update(session.scalars(query))
        seg_rows = [r for r in seg_rows if r["article_id"] in present]
        tag_rows = [r for r in tag_rows if r["article_id"] in present]
        put = _put_on_server if db.on_server else _put
        if seg_rows:
            written = put(session, Segmentation, seg_rows, SEG_COLUMNS)
            refresh_word_index(db, session, written, engine)
            _note_dropped(dropped, seg_rows, written)
        if tag_rows:
            _note_dropped(dropped, tag_rows, put(session, Tagging, tag_rows, TAG_COLUMNS))
    return [r["article_id"] for r in seg_rows], [r["article_id"] for r in tag_rows]


def _note_dropped(dropped: list[int] | None, rows: list[dict[str, Any]], written: list[int]) -> None:
    if dropped is not None and len(written) < len(rows):  # only on a server
        kept = set(written)
        dropped.extend(r["article_id"] for r in rows if r["article_id"] not in kept)


def _put_on_server(session: Any, model: Any, rows: list[dict[str, Any]], columns: Sequence[str]) -> list[int]:
    """One upsert per 500 rows: insert the new, update a row made from another text or by
    another engine, and leave alone one equal in both (stored by another client meanwhile:
    not written twice). Returns the ids written. created_at keeps the first time. Rows go
    in id order: two clients writing some of the same articles lock them in one order (no
    deadlock between them)."""
    rows = sorted(rows, key=lambda r: r["article_id"])
    written: list[int] = []
    for i in range(0, len(rows), 500):
        stmt = postgresql.insert(model).values(rows[i:i + 500])
        upsert = stmt.on_conflict_do_update(
            index_elements=["article_id"], set_={c: stmt.excluded[c] for c in columns},
            where=or_(model.engine != stmt.excluded.engine, model.text_hash != stmt.excluded.text_hash),
        ).returning(model.article_id)
        written.extend(session.scalars(upsert))
    return written


def _put(session: Any, model: Any, rows: list[dict[str, Any]], columns: Sequence[str]) -> list[int]:
    """Insert the new rows, update the others. Not an UPSERT: inside its triggers SQLite
    uses the outer statement's conflict handling, and the word-index queue's INSERT OR
    IGNORE then failed on an article already queued."""
    ids = [r["article_id"] for r in rows]
    have: set[int] = set()
    for i in range(0, len(ids), 500):
        have.update(session.scalars(select(model.article_id).where(model.article_id.in_(ids[i:i + 500]))))
    new = [r for r in rows if r["article_id"] not in have]
    if new:
        session.execute(insert(model), new)
    for r in rows:
        if r["article_id"] in have:  # created_at keeps the first time, as before
            session.execute(update(model).where(model.article_id == r["article_id"])
                            .values({c: r[c] for c in columns}))
    return ids
