"""Stored segmentations on a real SQLite file: round trip and cache invalidation."""

from __future__ import annotations

import hashlib
import re
import struct
from array import array

import pytest
from sqlalchemy import update

from desktop_app.core.nlp import user_dictionary
from desktop_app.core.nlp.segmentation import ENGINE
from desktop_app.core.nlp.stored import (
    articles_to_segment,
    load_segmentation,
    pack_spans,
    save_segmentation,
    text_hash,
    unpack_spans,
)
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article, Segmentation

TEXT = "Ban Tổ chức Trung ương họp tại Hà Nội 😀 hôm nay."
# Whitespace-separated syllables: real spans of TEXT (the emoji counts as one code point).
SPANS = [(m.start(), m.end()) for m in re.finditer(r"\S+", TEXT)]


def add_article(db: Database, text: str) -> int:
    with db.session() as session:
        article = Article(title=text[:20], text=text, original_text=text, content_hash=text_hash(text))
        session.add(article)
        session.flush()
        return article.id


def test_pack_is_little_endian_uint32_pairs() -> None:
    data = pack_spans([(1, 2), (70000, 4_000_000_000)])
    assert data == struct.pack("<4I", 1, 2, 70000, 4_000_000_000)
    assert unpack_spans(data) == [(1, 2), (70000, 4_000_000_000)]
    assert pack_spans(array("I", [1, 2])) == struct.pack("<2I", 1, 2)
    assert unpack_spans(b"") == []
    with pytest.raises(ValueError):
        unpack_spans(b"\x00" * 12)


def test_text_hash_is_sha256_of_utf8() -> None:
    assert text_hash(TEXT) == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    assert len(text_hash("\ud800")) == 64  # a lone surrogate does not raise


def test_round_trip(db: Database) -> None:
    article_id = add_article(db, TEXT)
    assert load_segmentation(db, article_id) is None
    assert save_segmentation(db, article_id, TEXT, SPANS) is True
    assert load_segmentation(db, article_id) == SPANS
    with db.session() as session:
        row = session.get(Segmentation, article_id)
        assert row.engine == ENGINE
        assert row.text_hash == text_hash(TEXT)
        assert row.spans == pack_spans(SPANS)


def test_saving_again_replaces(db: Database) -> None:
    article_id = add_article(db, TEXT)
    save_segmentation(db, article_id, TEXT, SPANS)
    save_segmentation(db, article_id, TEXT, SPANS[:2])
    assert load_segmentation(db, article_id) == SPANS[:2]


def test_flat_array_is_accepted(db: Database) -> None:
    article_id = add_article(db, TEXT)
    flat = array("I", [v for span in SPANS for v in span])
    assert save_segmentation(db, article_id, TEXT, flat)
    assert load_segmentation(db, article_id) == SPANS


def test_text_change_invalidates(db: Database) -> None:
    article_id = add_article(db, TEXT)
    other = add_article(db, "Một bài khác.")
    save_segmentation(db, article_id, TEXT, SPANS)
    save_segmentation(db, other, "Một bài khác.", [(0, 3), (4, 7), (8, 12), (12, 13)])
    assert articles_to_segment(db) == []
    with db.session() as session:
        # As a re-import does: the stored hash follows the text (what the scan compares).
        session.execute(update(Article).where(Article.id == article_id).values(
            text=TEXT + " Thêm.", content_hash=text_hash(TEXT + " Thêm.")))
    assert load_segmentation(db, article_id) is None
    assert articles_to_segment(db) == [article_id]


def test_segmentation_of_an_older_text_is_not_used(db: Database) -> None:
    article_id = add_article(db, TEXT)
    # The worker segmented a version of the text that has since been edited.
    save_segmentation(db, article_id, TEXT[:10], [(0, 3), (4, 6)])
    assert load_segmentation(db, article_id) is None
    assert articles_to_segment(db) == [article_id]


def test_engine_change_invalidates(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    article_id = add_article(db, TEXT)
    save_segmentation(db, article_id, TEXT, SPANS)
    monkeypatch.setattr(user_dictionary, "ENGINE", "underthesea 99.0.0")  # stamps start with it
    assert load_segmentation(db, article_id) is None
    assert articles_to_segment(db) == [article_id]
    save_segmentation(db, article_id, TEXT, SPANS)
    assert load_segmentation(db, article_id) == SPANS


def test_damaged_row_is_ignored(db: Database) -> None:
    article_id = add_article(db, TEXT)
    save_segmentation(db, article_id, TEXT, SPANS)
    with db.session() as session:
        session.get(Segmentation, article_id).spans = b"\x01\x02\x03"
    assert load_segmentation(db, article_id) is None


def test_articles_to_segment_lists_missing_ones_in_order(db: Database) -> None:
    ids = [add_article(db, f"Bài số {i}.") for i in range(4)]
    assert articles_to_segment(db) == ids
    save_segmentation(db, ids[1], "Bài số 1.", [(0, 3), (4, 6), (7, 8), (8, 9)])
    assert articles_to_segment(db) == [ids[0], ids[2], ids[3]]


def test_bad_spans_are_refused(db: Database) -> None:
    article_id = add_article(db, TEXT)
    for bad in ([(0, len(TEXT) + 1)], [(5, 3)], [(4, 8), (2, 3)]):
        with pytest.raises(ValueError):
            save_segmentation(db, article_id, TEXT, bad)
    assert load_segmentation(db, article_id) is None


def test_deleted_article_is_not_saved(db: Database) -> None:
    article_id = add_article(db, TEXT)
    with db.session() as session:
        session.delete(session.get(Article, article_id))
    assert save_segmentation(db, article_id, TEXT, SPANS) is False
    with db.session() as session:
        assert session.get(Segmentation, article_id) is None


def test_deleting_an_article_deletes_its_segmentation(db: Database) -> None:
    article_id = add_article(db, TEXT)
    save_segmentation(db, article_id, TEXT, SPANS)
    with db.session() as session:
        session.delete(session.get(Article, article_id))
    with db.session() as session:
        assert session.get(Segmentation, article_id) is None
