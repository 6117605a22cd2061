"""Stored word segmentations: packed spans, reused while text and engine are unchanged.

Segmenting costs ~7 s per MB of text, so a segmentation is kept in the database and
only trusted when the hash of the article's current text and the engine name match
what was stored with it. The engine name includes the version of the user dictionary
the words were merged with (nlp/user_dictionary.py): saving merges the dictionary's
terms into the spans it is given.
"""

from __future__ import annotations

import hashlib
import sys
from array import array
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select

from desktop_app.core.nlp import word_index
from desktop_app.core.nlp.dictionary import merge_terms
from desktop_app.core.nlp.pending import articles_without_valid
from desktop_app.core.nlp.user_dictionary import UserDictionary, load_dictionary, segmentation_engine
from desktop_app.core.storage.bulk_sql import bulk_sql
from desktop_app.core.storage.database import Database, driver_connection
from desktop_app.core.storage.models import Article, Segmentation

# Four-byte unsigned ints: 'I' is four bytes on every platform we ship for.
_TYPECODE = "I" if array("I").itemsize == 4 else "L"
_BIG_ENDIAN = sys.byteorder == "big"

Spans = Sequence[tuple[int, int]]


def _as_array(spans: Iterable[tuple[int, int]] | array) -> array:
    if isinstance(spans, array):
        if spans.typecode == _TYPECODE:
            return spans
        return array(_TYPECODE, spans)
    flat = array(_TYPECODE)
    for start, end in spans:
        flat.append(start)
        flat.append(end)
    return flat


def pack_spans(spans: Iterable[tuple[int, int]] | array) -> bytes:
    """Little-endian uint32 (start, end) pairs; a flat array('I') is taken as it is."""
    flat = _as_array(spans)
    if len(flat) % 2:
        raise ValueError("a flat span array needs an even number of values")
    if _BIG_ENDIAN:
        flat = array(_TYPECODE, flat)
        flat.byteswap()
    return flat.tobytes()


def unpack_spans(data: bytes) -> list[tuple[int, int]]:
    if len(data) % 8:
        raise ValueError(f"packed spans must be a multiple of 8 bytes, got {len(data)}")
    flat = array(_TYPECODE)
    flat.frombytes(data)
    if _BIG_ENDIAN:
        flat.byteswap()
    return list(zip(flat[0::2], flat[1::2], strict=True))


def text_hash(text: str) -> str:
    """sha256 of the UTF-8 text; surrogatepass so that no stored text can make it raise."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def check_spans(spans: array, length: int) -> None:
    """Refuse spans that could not index the text they claim to describe."""
    previous_end = 0
    for i in range(0, len(spans), 2):
        start, end = spans[i], spans[i + 1]
        if not previous_end <= start <= end <= length:
            raise ValueError(f"span ({start}, {end}) out of order or outside 0..{length}")
        previous_end = end


def save_segmentation(
    db: Database, article_id: int, text: str, spans: Spans | array
) -> bool:
    """Store the spans of `text` for the article. False if the article no longer exists.

    `text` is the text that was segmented: if the article changed meanwhile the hash no
    longer matches and `load_segmentation` ignores the row until it is redone. `spans`
    are the engine's words: the user dictionary's terms are merged here, and the row is
    stamped with the dictionary's version (a dictionary changed meanwhile makes it stale).
    """
    values = segmentation_values(load_dictionary(db), text, spans)
    digest, engine, packed = values["text_hash"], values["engine"], values["spans"]
    with db.session() as session:
        if session.get(Article, article_id) is None:
            return False
        row = session.get(Segmentation, article_id)
        if row is None:
            session.add(
                Segmentation(article_id=article_id, text_hash=digest, engine=engine, spans=packed)
            )
        else:
            row.text_hash = digest
            row.engine = engine
            row.spans = packed
        session.flush()  # the trigger queues the article: index it in this transaction
        refresh_word_index(db, session, [article_id], engine)
    return True


def refresh_word_index(db: Database, session: Any, article_ids: list[int], engine: str) -> None:
    """Index the words of freshly stored segmentations in the caller's transaction (FTS5 on
    SQLite; the server's word_sequences through bulk_sql on a server library)."""
    conn = session.connection()
    word_index.refresh(bulk_sql(conn) if db.on_server else driver_connection(conn), article_ids, engine)


def segmentation_values(dictionary: UserDictionary, text: str, spans: Spans | array) -> dict[str, Any]:
    """The stored columns (text_hash, engine, spans) for the engine's `spans` of `text`,
    the dictionary's terms merged in. Pure: the batch writer calls it outside its
    transaction."""
    flat = _as_array(spans)
    if len(flat) % 2:
        raise ValueError("a flat span array needs an even number of values")
    check_spans(flat, len(text))
    if dictionary.compiled:
        pairs = list(zip(flat[0::2], flat[1::2], strict=True))
        flat = _as_array(merge_terms(text, pairs, dictionary.compiled))
    return {"text_hash": text_hash(text), "engine": dictionary.engine, "spans": pack_spans(flat)}


def load_segmentation(db: Database, article_id: int) -> list[tuple[int, int]] | None:
    """The stored spans, or None when missing, stale (text or engine changed) or damaged."""
    with db.session() as session:
        row = session.execute(
            select(Article.text, Segmentation.text_hash, Segmentation.engine, Segmentation.spans)
            .join(Segmentation, Segmentation.article_id == Article.id)
            .where(Article.id == article_id)
        ).one_or_none()
    if row is None:
        return None
    text, digest, engine, packed = row
    if engine != segmentation_engine(db) or digest != text_hash(text):
        return None
    try:
        return unpack_spans(packed)
    except ValueError:
        return None


def articles_to_segment(db: Database) -> list[int]:
    """Ids of articles without a valid stored segmentation, in id order."""
    return articles_without_valid(db, Segmentation, segmentation_engine(db))


def segment_now(db: Database, text: str) -> list[tuple[int, int]]:
    """Segment `text` here and now (no stored segmentation), with the library's dictionary."""
    from desktop_app.core.nlp.segmentation import segment_text

    dictionary = load_dictionary(db)
    return merge_terms(text, segment_text(text), dictionary.compiled)
