"""Whole-article codes: apart from highlights, one undoable step for many articles, kept
through deleting and merging tags (and their undo), usable as a filter."""

from __future__ import annotations

import pytest

from desktop_app.core.annotate.highlights import AnnotationError
from desktop_app.core.library.article_codes import article_codes
from desktop_app.core.library.attribute_filters import filtered_articles
from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.history import StepLabel
from tests.core import engine_sql
from tests.core.analysis_library import sample_library


@pytest.fixture
def lib(db):
    ops, articles, highlights = sample_library(db)
    return ops, articles, highlights


def stored(db) -> list[tuple]:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT article_id, tag_id, created_at FROM article_codes ORDER BY 1, 2").fetchall()


def highlight_state(ops, articles) -> list:
    return sorted((h.id, tuple(h.tag_names)) for a in articles.values()
                  for h in ops.service.highlights_for_article(a))


def test_code_many_articles_in_one_step_apart_from_highlights(db, lib):
    ops, art, _h = lib
    before_highlights = highlight_state(ops, art)
    counts = {t.name: t.count for t in ops.service.list_tags()}
    changes = ops.code_articles([art["A"], art["C"]], add=["Thể loại/Phóng sự", "Cán bộ"])
    assert changes == Changes(article_codes=frozenset({art["A"], art["C"]}), codebook=True)
    assert ops.history.undo_label == StepLabel("article_code", 2, "Thể loại/Phóng sự")
    assert article_codes(db) == {art["A"]: ["Cán bộ", "Thể loại/Phóng sự"],
                                 art["C"]: ["Cán bộ", "Thể loại/Phóng sự"]}
    # Highlights and their counts are not touched: a whole-article code is not a passage.
    assert highlight_state(ops, art) == before_highlights
    assert {t.name: t.count for t in ops.service.list_tags()} == counts | {"Thể loại": 0, "Thể loại/Phóng sự": 0}  # the parent is a tag too
    # Coding again with what is there changes nothing and records nothing.
    assert not ops.code_articles([art["A"]], add=["Cán bộ"]) and len(ops.history.steps) == 1
    after = stored(db)
    ops.history.undo()
    assert stored(db) == [] and not {"Thể loại", "Thể loại/Phóng sự"} & {t.name for t in ops.service.list_tags()}
    ops.history.redo()
    assert stored(db) == after  # the same rows, with their times


def test_removing_codes_and_its_undo(db, lib):
    ops, art, _h = lib
    ops.code_articles([art["A"], art["B"]], add=["Thể loại/Tin", "Lập trường/Ủng hộ"])
    before = stored(db)
    changes = ops.code_articles([art["A"], art["B"], art["C"]], add=["Thể loại/Bình luận"],
                                remove=["Thể loại/Tin"])
    assert changes.article_codes == {art["A"], art["B"], art["C"]} and changes.codebook
    assert article_codes(db)[art["B"]] == ["Lập trường/Ủng hộ", "Thể loại/Bình luận"]
    ops.history.undo()
    assert stored(db) == before


def test_an_article_that_is_gone_refuses_the_whole_change(db, lib):
    ops, art, _h = lib
    with pytest.raises(AnnotationError, match="no longer in the library"):
        ops.code_articles([art["A"], 999], add=["Mới"])
    assert stored(db) == [] and "Mới" not in {t.name for t in ops.service.list_tags()}
    assert not ops.history.steps


def test_deleting_a_tag_takes_its_codes_and_undo_puts_them_back(db, lib):
    ops, art, _h = lib
    ops.code_articles([art["A"], art["B"]], add=["Cán bộ"])
    before = stored(db)
    tag = {t.name: t.id for t in ops.service.list_tags()}["Cán bộ"]
    changes = ops.delete_tag(tag)
    assert changes.article_codes == {art["A"], art["B"]} and changes.codebook
    assert stored(db) == []
    ops.history.undo()
    assert stored(db) == before
    ops.history.redo()
    assert stored(db) == []


def test_merging_tags_moves_codes_and_undo_restores_them(db, lib):
    ops, art, _h = lib
    ops.code_articles([art["A"], art["C"]], add=["Thể loại/Tin ngắn"])
    ops.code_articles([art["C"]], add=["Thể loại/Tin"])
    before = stored(db)
    ids = {t.name: t.id for t in ops.service.list_tags()}
    changes = ops.merge_tags(ids["Thể loại/Tin ngắn"], ids["Thể loại/Tin"])
    assert changes.article_codes == {art["A"], art["C"]}
    assert article_codes(db) == {art["A"]: ["Thể loại/Tin"], art["C"]: ["Thể loại/Tin"]}
    ops.history.undo()
    assert stored(db) == before
    ops.history.redo()
    assert article_codes(db) == {art["A"]: ["Thể loại/Tin"], art["C"]: ["Thể loại/Tin"]}


def test_codes_as_filters_and_their_article_going(db, lib):
    ops, art, _h = lib
    ops.code_articles([art["A"]], add=["Thể loại/Tin"])
    ops.code_articles([art["B"]], add=["Thể loại/Bình luận"])
    assert filtered_articles(db, ["code=Thể loại"]) == {art["A"], art["B"]}  # nested included
    assert filtered_articles(db, ["code=the loai/tin"]) == set()  # tag names are exact
    assert filtered_articles(db, ["code=Thể loại/Tin"]) == {art["A"]}
    assert filtered_articles(db, ["code!=Thể loại/Tin"]) == {art["B"], art["C"]}
    assert filtered_articles(db, ["code="]) == {art["C"]}
    engine_sql.write(db, "DELETE FROM articles WHERE id = ?", art["A"])
    assert article_codes(db) == {art["B"]: ["Thể loại/Bình luận"]}
    ops.history.undo()  # B's code goes
    ops.history.undo()  # A's code went with A: its tag, made by that step, goes
    assert article_codes(db) == {} and not any(t.name.startswith("Thể loại")
                                               for t in ops.service.list_tags())
