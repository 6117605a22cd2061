"""The library list: sorting and filters, as the article list asks for them."""

from __future__ import annotations

import hashlib

import pytest

from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.library.articles import LibraryFilter, list_articles, list_sources, published_range
from desktop_app.core.storage.models import Article

ARTICLES = [  # title, source, published
    ("Đảng ủy khối họp", "TTXVN", "2023-04-04T10:48"),
    ("an toàn giao thông", "PLVN", "2011-11-23T08:24"),
    ("Ban Tổ chức Trung ương", "TTXVN", "2022-01-14"),
    ("Bài không ngày", None, None),
    ("Dân vận khéo", "Daihoidang.vn", "2023-10-12T08:29"),
]


@pytest.fixture
def library(db):
    ids = {}
    with db.session() as s:
        for title, source, published in ARTICLES:
            text = f"{title}\nNội dung của bài {title}."
            a = Article(title=title, source=source, published=published, text=text, original_text=text,
                        content_hash=hashlib.sha256(text.encode()).hexdigest())
            s.add(a)
            s.flush()
            ids[title] = a.id
    service = AnnotationService(db)
    service.create_highlight(ids["Ban Tổ chức Trung ương"], 0, 3, ["Cán bộ/Đào tạo"])
    service.create_highlight(ids["Dân vận khéo"], 0, 3, ["Dân vận"])
    service.create_highlight(ids["Dân vận khéo"], 4, 7, ["Dân vận"])
    return ids


def titles(db, **kw):
    return [a.title for a in list_articles(db, where=LibraryFilter(**kw))]


def test_sorts_by_date_title_and_source(db, library):
    assert titles(db) == ["Dân vận khéo", "Đảng ủy khối họp", "Ban Tổ chức Trung ương",
                          "an toàn giao thông", "Bài không ngày"]
    assert titles(db, sort="oldest") == ["an toàn giao thông", "Ban Tổ chức Trung ương",
                                         "Đảng ủy khối họp", "Dân vận khéo", "Bài không ngày"]
    # Folded: "an" < "Bài" < "Ban" < "Dân" < "Đảng" (đ sorts with d, case ignored).
    assert titles(db, sort="title") == ["an toàn giao thông", "Bài không ngày", "Ban Tổ chức Trung ương",
                                        "Dân vận khéo", "Đảng ủy khối họp"]
    # By source name, newest first within one; no source last.
    assert titles(db, sort="source") == ["Dân vận khéo", "an toàn giao thông", "Đảng ủy khối họp",
                                         "Ban Tổ chức Trung ương", "Bài không ngày"]
    with pytest.raises(ValueError):
        titles(db, sort="random")


def test_filters_by_source_dates_tag_and_annotations(db, library):
    assert set(titles(db, source="TTXVN")) == {"Đảng ủy khối họp", "Ban Tổ chức Trung ương"}
    assert titles(db, source="") == ["Bài không ngày"]
    assert titles(db, date_from="2022", date_to="2023-04") == ["Đảng ủy khối họp", "Ban Tổ chức Trung ương"]
    assert titles(db, date_to="2011-11-23") == ["an toàn giao thông"]  # the whole day counts
    assert titles(db, tag="Cán bộ") == ["Ban Tổ chức Trung ương"]  # nested tags are in scope
    assert titles(db, tag="Cán") == []  # a scope is a whole tag, not a prefix
    assert titles(db, annotated=True) == ["Dân vận khéo", "Ban Tổ chức Trung ương"]
    assert len(titles(db, annotated=False)) == 3
    assert titles(db, source="TTXVN", annotated=True) == ["Ban Tổ chức Trung ương"]
    counts = {a.title: a.highlight_count for a in list_articles(db, where=LibraryFilter(tag="Dân vận"))}
    assert counts == {"Dân vận khéo": 2}
    assert LibraryFilter().is_active() is False and LibraryFilter(annotated=False).is_active()


def test_sources_and_date_range(db, library):
    assert list_sources(db) == [("Daihoidang.vn", 1), ("PLVN", 1), ("TTXVN", 2), ("", 1)]
    assert published_range(db) == ("2011-11-23T08:24", "2023-10-12T08:29")


def test_edit_metadata_validates_and_stores(db, library):
    from desktop_app.core.library.articles import MetadataError, get_article, update_metadata

    aid = library["Bài không ngày"]
    doc = update_metadata(db, aid, title="  Bài   có ngày ", published="14/01/2022 09:16 CH",
                          source="Nhân Dân", author="", url="https://nhandan.vn/a")
    assert (doc.title, doc.published, doc.source, doc.author, doc.url) == (
        "Bài có ngày", "2022-01-14T21:16", "Nhân Dân", None, "https://nhandan.vn/a")
    assert get_article(db, aid).published == "2022-01-14T21:16"
    assert update_metadata(db, aid, published="2023-04-04 10:48").published == "2023-04-04T10:48"
    for bad, message in [({"published": "hôm qua"}, "not a date"), ({"title": "  "}, "needs a title"),
                         ({"text": "x"}, "cannot be edited")]:
        with pytest.raises(MetadataError, match=message):
            update_metadata(db, aid, **bad)
    assert get_article(db, aid).title == "Bài có ngày"  # a refused edit changes nothing


def test_hidden_spans_are_cleaned_and_never_touch_the_text(db, library):
    from desktop_app.core.library.articles import get_article, set_hidden_spans

    aid = library["Dân vận khéo"]
    text = get_article(db, aid).text
    set_hidden_spans(db, aid, [(5, 9), (0, 3), (0, 3), (4, 2), (3, 10_000)])
    doc = get_article(db, aid)
    assert doc.hidden_spans == ((0, 3), (5, 9)) and doc.text == text
    with db.session() as s:  # a damaged value hides nothing rather than failing
        s.get(Article, aid).hidden_spans = "[[0, 3], 'x'"
    assert get_article(db, aid).hidden_spans == ()
