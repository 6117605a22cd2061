"""Placing imported highlights: two highlights that differ only in their notes are both
kept (CSV and W3C), and a quote without a position that fits several places equally well
is left unplaced with the reason, never put at a guessed one. Real SQLite files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.interchange.csv_export import COLUMNS
from desktop_app.core.interchange.csv_import import import_csv
from desktop_app.core.interchange.quote_context import distinct_context
from desktop_app.core.interchange.webanno import export_webanno
from desktop_app.core.interchange.webanno_reading import import_webanno
from desktop_app.core.library.anchoring import Ambiguous, Anchor, locate
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Highlight
from tests.core.test_annotations import add_article

TEXT = "Hội nghị bàn về công tác cán bộ trẻ. Đồng chí nhấn mạnh công tác cán bộ là then chốt."
# The same 62-character sentence three times: with Hypothesis' 32 characters of context
# around "gương mẫu", the second and third occurrences look the same.
REPEATED = "Cán bộ phải gương mẫu, nói đi đôi với làm, gần dân và vì dân. "
LONG = "Mở đầu bài viết về công tác tổ chức. " + REPEATED * 3 + "Kết thúc."


def occurrence(n: int) -> int:
    at = -1
    for _ in range(n):
        at = LONG.index("gương mẫu", at + 1)
    return at


@pytest.fixture
def other(tmp_path):
    database = Database.open(tmp_path / "other" / "chugiai.sqlite3")
    yield database
    database.close()


def notes(db: Database) -> list[tuple[int, int, str]]:
    with db.session() as s:
        return sorted((h.start, h.end, h.note) for h in s.scalars(select(Highlight)))


def write_csv(path: Path, article_id: int, rows: list[tuple[int, int, str, str]]) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        for start, end, tags, note in rows:
            writer.writerow([article_id, "Bài thử", "", "", "", start, end, TEXT[start:end],
                             tags, note, "2024-01-02T03:04:05Z", "", ""])  # no coder: the current one


# --- item 16: the note is part of what makes a highlight the same ---------------------------
def test_csv_rows_on_one_span_with_different_notes_are_both_imported(db, tmp_path):
    article = add_article(db, TEXT)
    start = TEXT.index("công tác cán bộ")
    end = start + len("công tác cán bộ")
    path = tmp_path / "two.csv"
    write_csv(path, article, [(start, end, "Cán bộ", "ý kiến A"), (start, end, "Cán bộ", "ý kiến B")])
    result = import_csv(db, path)
    assert (result.imported, result.skipped) == (2, 0)
    assert notes(db) == [(start, end, "ý kiến A"), (start, end, "ý kiến B")]
    again = import_csv(db, path)  # the same rows again: both already there
    assert (again.imported, again.skipped) == (0, 2)


def test_w3c_annotations_on_one_span_with_different_notes_are_both_imported(db, other, tmp_path):
    article = add_article(db, TEXT)
    add_article(other, TEXT)
    start = TEXT.index("công tác cán bộ")
    service = AnnotationService(db)
    service.create_highlight(article, start, start + 15, ["Cán bộ"], "ghi chú một")
    service.create_highlight(article, start, start + 15, ["Cán bộ"], "ghi chú hai")
    path = tmp_path / "a.jsonld"
    export_webanno(db, path)
    result = import_webanno(other, path)
    assert (result.imported, result.skipped) == (2, 0)
    assert [n for *_, n in notes(other)] == ["ghi chú hai", "ghi chú một"]
    assert import_webanno(other, path).skipped == 2


# --- item 17: ambiguous without a position -> unplaced, with the reason ----------------------
def quote_only(path: Path, content_hash: str, quote: str, prefix: str, suffix: str) -> None:
    selector = {"type": "TextQuoteSelector", "exact": quote, "prefix": prefix, "suffix": suffix}
    path.write_text(json.dumps([{
        "@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": "Cán bộ"}],
        "target": {"source": f"urn:sha256:{content_hash}", "selector": [selector]},
    }], ensure_ascii=False), encoding="utf-8")


def test_a_quote_whose_context_repeats_is_unplaced_with_the_reason(db, tmp_path):
    import hashlib

    add_article(db, LONG)
    third = occurrence(3)
    path = tmp_path / "quote-only.jsonld"
    # 32 characters each side, as Hypothesis stores them: the same around the second.
    assert LONG[third - 32:third + 41] == LONG[occurrence(2) - 32:occurrence(2) + 41]
    quote_only(path, hashlib.sha256(LONG.encode()).hexdigest(), "gương mẫu",
               LONG[third - 32:third], LONG[third + 9:third + 41])
    result = import_webanno(db, path)
    assert result.imported == 0
    assert result.orphans == [("gương mẫu", "the passage occurs 2 times in the article, with the "
                                            "same context, and the file gives no position: cannot "
                                            "tell which one is meant")]
    assert notes(db) == []


def test_without_context_or_position_a_repeated_quote_is_ambiguous_and_a_single_one_is_found():
    assert locate(TEXT, "công tác cán bộ") == Ambiguous(2, 1.0, 0.0)
    once = TEXT.index("then chốt")
    assert locate(TEXT, "then chốt") == Anchor(once, once + 9, "exact-quote", 1.0)
    # With the position, nearness is evidence: the nearer one.
    second = TEXT.rindex("công tác cán bộ")
    assert locate(TEXT, "công tác cán bộ", start=second + 3, end=second + 18).start == second


def test_export_writes_context_long_enough_to_tell_repeats_apart(db, other, tmp_path):
    article = add_article(db, LONG)
    add_article(other, LONG)
    second, third = occurrence(2), occurrence(3)
    service = AnnotationService(db)
    service.create_highlight(article, second, second + 9, ["Cán bộ"], "lần hai")
    service.create_highlight(article, third, third + 9, ["Cán bộ"], "lần ba")
    path = tmp_path / "long.jsonld"
    export_webanno(db, path)
    items = json.loads(path.read_text(encoding="utf-8"))
    for item in items:  # drop the positions: another tool may keep only the quote
        item["target"]["selector"] = [s for s in item["target"]["selector"]
                                      if s["type"] == "TextQuoteSelector"]
        quote = item["target"]["selector"][0]
        assert len(quote["prefix"]) > 32 and len(quote["suffix"]) > 32  # 32 were not enough
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    result = import_webanno(other, path)
    assert result.imported == 2 and result.orphans == []
    assert notes(other) == [(second, second + 9, "lần hai"), (third, third + 9, "lần ba")]


def test_distinct_context_stays_short_where_the_quote_is_unique():
    start = TEXT.index("then chốt")
    assert distinct_context(TEXT, start, start + 9) == (TEXT[start - 32:start], TEXT[start + 9:])
