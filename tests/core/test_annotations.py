"""AnnotationService on a real SQLite file: every change is committed at once."""

from __future__ import annotations

import hashlib

import pytest

from desktop_app.core.annotate.highlights import AnnotationError, AnnotationService, TagInfo, match_tags
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article

TEXT = "😀 Ban Tổ chức Trung ương tổ chức Hội nghị.\nCán bộ phải trung thực."


def add_article(db: Database, text: str = TEXT, title: str = "Bài thử") -> int:
    with db.session() as s:
        a = Article(title=title, text=text, original_text=text,
                    content_hash=hashlib.sha256(text.encode()).hexdigest())
        s.add(a)
        s.flush()
        return a.id


def test_create_highlight_stores_code_point_offsets_quote_and_context(db):
    service = AnnotationService(db)
    article = add_article(db)
    start = TEXT.index("Tổ chức")
    info = service.create_highlight(article, start, start + len("Tổ chức Trung ương"), ["Tổ chức", "Cơ quan"])
    assert info.quote == "Tổ chức Trung ương"
    assert info.tag_names == ["Cơ quan", "Tổ chức"]
    assert [h.quote for h in service.highlights_for_article(article)] == ["Tổ chức Trung ương"]
    # Reopening the file shows the same: nothing waits for a save.
    again = Database.open(db.path)
    try:
        stored = AnnotationService(again).highlights_for_article(article)
        assert [(h.start, h.end, h.quote) for h in stored] == [(start, start + 18, "Tổ chức Trung ương")]
    finally:
        again.close()


def test_tags_are_created_once_with_colours_and_counted(db):
    service = AnnotationService(db)
    article = add_article(db)
    service.create_highlight(article, 0, 5, ["Cán bộ"])
    service.create_highlight(article, 6, 10, ["  Cán   bộ ", "Đảng"])
    tags = {t.name: t for t in service.list_tags()}
    assert set(tags) == {"Cán bộ", "Đảng"}
    assert tags["Cán bộ"].count == 2 and tags["Đảng"].count == 1
    assert tags["Cán bộ"].color.startswith("#") and tags["Cán bộ"].color != tags["Đảng"].color


def test_change_tags_note_and_delete_then_restore(db):
    service = AnnotationService(db)
    article = add_article(db)
    h = service.create_highlight(article, 2, 5, ["A"])
    h = service.set_tags(h.id, ["B", "C"])
    assert h.tag_names == ["B", "C"]
    h = service.set_note(h.id, "dòng một\ndòng hai")
    assert service.get_highlight(h.id).note == "dòng một\ndòng hai"
    deleted = service.delete_highlight(h.id)
    assert service.highlights_for_article(article) == []
    with pytest.raises(AnnotationError):
        service.get_highlight(h.id)
    restored = service.restore_highlight(deleted)
    assert (restored.id, restored.tag_names, restored.note) == (h.id, ["B", "C"], "dòng một\ndòng hai")


def test_invalid_spans_are_refused_with_a_message(db):
    service = AnnotationService(db)
    article = add_article(db)
    with pytest.raises(AnnotationError, match="outside"):
        service.create_highlight(article, 5, len(TEXT) + 1)
    with pytest.raises(AnnotationError, match="outside"):
        service.create_highlight(article, 5, 5)
    with pytest.raises(AnnotationError, match="spaces"):
        service.create_highlight(article, 1, 2)  # the space after the emoji
    with pytest.raises(AnnotationError):
        service.create_highlight(article + 99, 0, 1)


def test_deleting_an_article_deletes_its_highlights_but_not_tags(db):
    service = AnnotationService(db)
    article = add_article(db)
    service.create_highlight(article, 2, 5, ["Giữ"])
    with db.session() as s:
        s.delete(s.get(Article, article))
    assert service.highlights_for_article(article) == []
    assert [t.name for t in service.list_tags()] == ["Giữ"]


def test_tag_completion_ignores_case_and_diacritics():
    tags = [TagInfo(1, "Ban Tổ chức", "#fff"), TagInfo(2, "Tổ chức", "#fff"), TagInfo(3, "Đảng", "#fff")]
    assert [t.name for t in match_tags(tags, "to chuc")] == ["Tổ chức", "Ban Tổ chức"]
    assert [t.name for t in match_tags(tags, "DANG")] == ["Đảng"]
    assert match_tags(tags, "xyz") == []


def test_reattach_moves_any_highlight_and_keeps_its_tags_and_note(db):
    service = AnnotationService(db)
    article = add_article(db)
    h = service.create_highlight(article, TEXT.index("Ban"), TEXT.index("Ban") + 3, ["A"], "ghi chú")
    assert not h.orphaned and service.orphans_for_article(article) == []
    start = TEXT.index("Cán bộ")
    moved = service.reattach(h.id, start, start + len("Cán bộ"))
    assert (moved.id, moved.quote, moved.tag_names, moved.note) == (h.id, "Cán bộ", ["A"], "ghi chú")
    assert (moved.prefix, moved.suffix) == (TEXT[start - 32 : start], TEXT[start + 6 :])
    assert [x.quote for x in service.highlights_for_article(article)] == ["Cán bộ"]
    with pytest.raises(AnnotationError, match="outside the article text"):
        service.reattach(h.id, 5, 2)
    # An anchored highlight restored after deletion takes its quote from the text, as before.
    deleted = service.delete_highlight(h.id)
    assert service.restore_highlight(deleted).quote == "Cán bộ"


def test_quote_and_context_are_exact_code_point_slices_whatever_the_characters(db):
    """SQLite cuts the quote and context from the stored text (substr counts code points);
    they must equal Python's slices around emoji, NFD marks, CJK and line breaks."""
    import random
    import unicodedata

    from desktop_app.core.annotate.highlights import selectors

    pieces = ["Hà Nội", "😀", "👍🏽", unicodedata.normalize("NFD", "tiếng Việt"), "漢字", "\n", " ", "Đảng",
              "\u200b", "a", "."]
    rng = random.Random(7)
    text = "".join(rng.choice(pieces) for _ in range(400))
    article = add_article(db, text)
    service = AnnotationService(db)
    for _ in range(60):
        start = rng.randrange(0, len(text) - 1)
        end = rng.randrange(start + 1, min(len(text), start + 50) + 1)
        if not text[start:end].strip():
            with pytest.raises(AnnotationError):
                service.create_highlight(article, start, end)
            continue
        h = service.create_highlight(article, start, end)
        assert (h.quote, h.prefix, h.suffix) == selectors(text, start, end)
        moved = service.reattach(h.id, max(0, start - 3), end)
        assert (moved.quote, moved.prefix, moved.suffix) == selectors(text, max(0, start - 3), end)
    with pytest.raises(AnnotationError, match="outside"):
        service.create_highlight(article, len(text) - 1, len(text) + 1)
    with pytest.raises(AnnotationError, match="no longer exists"):
        service.create_highlight(article + 99, 0, 1)
