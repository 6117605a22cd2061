"""The maintained highlight counts (schema v9, highlight_counts kept by triggers) always
equal a brute-force GROUP BY over the highlights, through random sequences of every kind
of highlight change: create, delete, undo, redo, tag merge and delete, annotation import,
re-import of a text, deleting articles and undoing that."""

from __future__ import annotations

import random

import pytest

from desktop_app.core.interchange.formats import export
from desktop_app.core.library.article_list import list_page
from desktop_app.core.library.articles import LibraryFilter, article_text, list_articles
from desktop_app.core.library.reimport import ReimportError, replace_text
from desktop_app.core.messages import MessageError
from desktop_app.core.operations.editor import Operations
from desktop_app.core.storage.database import Database
from desktop_app.core.text.spans import TextSpan
from tests.core import engine_sql
from tests.core.test_annotations import add_article

WORDS = "cán bộ Đảng viên tổ chức nhân dân kinh tế giáo dục Quốc hội Chính phủ địa phương".split()
TAGS = ["Cán bộ", "Kinh tế", "Giáo dục", "Cán bộ/Trẻ"]


def text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 40))) + "."


def maintained(db: Database) -> dict[int, int]:
    return dict(engine_sql.rows(db, "SELECT article_id, n FROM highlight_counts"))


def brute_force(db: Database) -> dict[int, int]:
    return dict(engine_sql.rows(db, "SELECT article_id, count(*) FROM highlights GROUP BY article_id"))


def step(rng: random.Random, db: Database, ops: Operations, tmp_path) -> None:
    articles = [a.id for a in list_articles(db)]
    highlights = [r[0] for r in engine_sql.rows(db, "SELECT id FROM highlights ORDER BY id")]
    kind = rng.choice(["create", "create", "create_many", "delete", "undo", "undo", "redo", "merge",
                       "delete_tag", "import", "reimport", "delete_articles", "add_article"])
    if kind == "add_article" or not articles:
        add_article(db, text(rng) + f" {rng.random()}")
    elif kind in ("create", "create_many"):
        article = rng.choice(articles)
        length = len(article_text(db, article) or "")
        items = []
        for _ in range(1 if kind == "create" else rng.randint(2, 5)):
            start = rng.randint(0, max(0, min(length, 20) - 3))
            items.append((article, TextSpan(start, start + rng.randint(1, 3)), rng.sample(TAGS, rng.randint(0, 2))))
        for article_id, span, tags in items:
            ops.create_highlight(article_id, span, tags)
    elif kind == "delete" and highlights:
        ops.delete_highlights(rng.sample(highlights, rng.randint(1, min(3, len(highlights)))))
    elif kind == "undo" and ops.history.can_undo:
        ops.history.undo()
    elif kind == "redo" and ops.history.can_redo:
        ops.history.redo()
    elif kind in ("merge", "delete_tag"):
        tags = {t.name: t.id for t in ops.service.list_tags()}
        if len(tags) >= 2:
            a, b = rng.sample(sorted(tags), 2)
            if kind == "merge" and not (a.startswith(b + "/") or b.startswith(a + "/")):
                ops.merge_tags(tags[a], tags[b])
            elif kind == "delete_tag":
                ops.delete_tag(tags[a])
    elif kind == "import" and highlights:
        path = tmp_path / f"out{rng.random()}.jsonld"
        export(db, "webanno", path)
        ops.delete_highlights(rng.sample(highlights, 1))
        ops.import_annotations(path)
    elif kind == "reimport":
        article = rng.choice(articles)
        try:
            replace_text(db, article, text(rng) + f" {rng.random()}", "original")
        except ReimportError:
            pass
    elif kind == "delete_articles":
        ops.delete_articles(rng.sample(articles, 1))


@pytest.mark.parametrize("seed", range(8))
def test_maintained_counts_equal_a_group_by_after_random_changes(db, tmp_path, seed):
    rng = random.Random(seed)
    ops = Operations(db)
    for _ in range(3):
        add_article(db, text(rng) + f" {seed}-{rng.random()}")
    most = 0
    for _ in range(40):
        try:
            step(rng, db, ops, tmp_path)
        except MessageError:  # refused (e.g. an undo whose article is gone): nothing changed
            pass
        counts = brute_force(db)
        most = max(most, sum(counts.values()))
        assert maintained(db) == counts
        # And what the list shows, every row.
        assert {a.id: a.highlight_count for a in list_page(db, LibraryFilter(), 0, -1)} == {
            a: counts.get(a, 0) for a in (x.id for x in list_articles(db))}
    assert most > 0  # the sequence did create highlights


def test_annotated_filter_reads_the_counts(db):
    ops = Operations(db)
    first, second = add_article(db, "Cán bộ trẻ ở Hà Nội."), add_article(db, "Kinh tế địa phương.")
    ops.create_highlight(first, TextSpan(0, 6), ["Cán bộ"])
    assert [a.id for a in list_articles(db, where=LibraryFilter(annotated=True))] == [first]
    assert [a.id for a in list_articles(db, where=LibraryFilter(annotated=False))] == [second]
    ops.history.undo()
    assert list_articles(db, where=LibraryFilter(annotated=True)) == []


def test_where_conditions_filter_every_paged_query(db):
    """The window reads the list in pages (article_list): count, page, ids and position all
    honour the attribute conditions, as list_articles does."""
    from desktop_app.core.library.article_list import count_listed, listed_ids, position_of
    from desktop_app.core.library.attributes import AttributesError

    ids = [add_article(db, f"Bài {i} về cán bộ.", f"Bài {i}") for i in range(5)]
    Operations(db).code_articles([ids[1], ids[3]], add=["Tin"])
    where = LibraryFilter(sort="title", where=("code=Tin",))
    assert count_listed(db, where) == 2
    assert [a.id for a in list_page(db, where, 0, 10)] == [ids[1], ids[3]]
    assert [a.id for a in list_page(db, where, 1, 10)] == [ids[3]]
    assert listed_ids(db, where, 0, 10) == [ids[1], ids[3]]
    assert position_of(db, where, ids[3]) == 1 and position_of(db, where, ids[2]) is None
    assert [a.id for a in list_articles(db, where=where)] == [ids[1], ids[3]]
    with pytest.raises(AttributesError):
        count_listed(db, LibraryFilter(where=("nosuchattribute>3",)))


def test_position_matches_the_page_for_every_sort(db):
    """position_of agrees with list_page for dated and undated, sourced and source-less
    articles (the "IS NULL" sort keys once read "published IS (NULL < ?)": wrong rows)."""
    from desktop_app.core.library.article_list import position_of
    from desktop_app.core.library.articles import SORTS, update_metadata

    ids = [add_article(db, f"Bài {i} về cán bộ.", f"Bài {i}") for i in range(4)]
    update_metadata(db, ids[0], published="2023-04-04", source="PLVN")
    update_metadata(db, ids[1], published="2022-11-23", source="TTXVN")
    for sort in SORTS:
        page = [a.id for a in list_page(db, LibraryFilter(sort=sort), 0, -1)]
        assert [position_of(db, LibraryFilter(sort=sort), i) for i in page] == list(range(4)), sort
