"""Codebook operations: each change, its Changes, and undo/redo back to the exact codebook
(ids, names, colours, descriptions, counts) and tag links."""

from __future__ import annotations

import pytest

from desktop_app.core.annotate.highlights import AnnotationError, NewHighlight
from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.editor import Operations
from desktop_app.core.operations.history import StepLabel
from desktop_app.core.text.spans import TextSpan
from tests.core.test_annotations import add_article

TEXT = "Ban Tổ chức Trung ương họp bàn về công tác cán bộ và đào tạo cán bộ trẻ."


@pytest.fixture
def coded(db):
    ops = Operations(db)
    a = add_article(db, TEXT)
    h1 = ops.create_highlight(a, TextSpan(0, 3), ["Cán bộ", "Cơ quan"]).value
    h2 = ops.create_highlight(a, TextSpan(4, 11), ["Cán bộ/Đào tạo"]).value
    h3 = ops.create_highlight(a, TextSpan(12, 26), ["Cơ quan"]).value
    ops.history.clear()
    return ops, a, {t.name: t.id for t in ops.service.list_tags()}, (h1, h2, h3)


def state(ops: Operations, article: int) -> tuple:
    tags = sorted((t.id, t.name, t.color, t.description, t.count) for t in ops.service.list_tags())
    links = sorted((h.id, tuple(h.tag_names)) for h in ops.service.highlights_for_article(article))
    return tags, links


def check_undo_redo(ops: Operations, article: int, before: tuple) -> None:
    after = state(ops, article)
    assert ops.history.undo().codebook
    assert state(ops, article) == before
    assert ops.history.redo().codebook
    assert state(ops, article) == after


def test_create_tag_and_its_undo(coded):
    ops, a, _ids, _h = coded
    before = state(ops, a)
    out = ops.create_tag("Mới", "#123456")
    assert out.value.name == "Mới" and out.value.color == "#123456" and out.changes == Changes(codebook=True)
    assert ops.history.undo_label == StepLabel("tag_create", 1, "Mới")
    check_undo_redo(ops, a, before)
    assert not ops.create_tag("Mới").changes and len(ops.history.steps) == 1  # exists: nothing
    with pytest.raises(AnnotationError, match="needs a name"):
        ops.create_tag("   ")


def test_rename_and_move_carry_nested_tags(coded):
    ops, a, ids, _h = coded
    before = state(ops, a)
    assert ops.rename_tag(ids["Cán bộ"], "Nhân sự") == Changes(codebook=True)
    assert ops.history.undo_label == StepLabel("tag_rename", 1, "Cán bộ")
    assert {t.name for t in ops.service.list_tags()} == {"Nhân sự", "Nhân sự/Đào tạo", "Cơ quan"}
    check_undo_redo(ops, a, before)
    ops.history.undo()
    assert ops.move_tag(ids["Cán bộ/Đào tạo"], "Cơ quan") == Changes(codebook=True)
    assert ops.history.undo_label == StepLabel("tag_move", 1, "Cán bộ/Đào tạo")
    check_undo_redo(ops, a, before)
    with pytest.raises(AnnotationError, match="already exists"):
        ops.rename_tag(ids["Cơ quan"], "Cán bộ")
    assert not ops.rename_tag(ids["Cơ quan"], "Cơ quan")


def test_merge_names_the_highlights_and_undoes(coded):
    ops, a, ids, (h1, _h2, h3) = coded
    before = state(ops, a)
    changes = ops.merge_tags(ids["Cơ quan"], ids["Cán bộ"])
    assert changes == Changes(codebook=True, highlights_updated=frozenset({h1.id, h3.id}),
                              articles=frozenset({a}))
    assert ops.history.undo_label == StepLabel("tag_merge", 1, "Cơ quan")
    check_undo_redo(ops, a, before)
    with pytest.raises(AnnotationError):
        ops.merge_tags(ids["Cán bộ"], ids["Cán bộ"])


def test_recolour_describe_delete(coded):
    ops, a, ids, (h1, _h2, h3) = coded
    before = state(ops, a)
    assert ops.recolour_tag(ids["Cơ quan"], "#000000") == Changes(codebook=True)
    assert ops.history.undo_label == StepLabel("tag_recolour", 1, "Cơ quan")
    check_undo_redo(ops, a, before)
    ops.history.undo()
    assert ops.describe_tag(ids["Cơ quan"], "Cơ quan nhà nước.") == Changes(codebook=True)
    assert ops.history.undo_label == StepLabel("tag_describe", 1, "Cơ quan")
    check_undo_redo(ops, a, before)
    ops.history.undo()
    assert not ops.describe_tag(ids["Cơ quan"], "")  # unchanged: no step
    changes = ops.delete_tag(ids["Cơ quan"])
    assert changes.highlights_updated == {h1.id, h3.id} and changes.articles == {a}
    assert ops.history.undo_label == StepLabel("tag_delete", 1, "Cơ quan")
    check_undo_redo(ops, a, before)
    with pytest.raises(AnnotationError, match="no longer exists"):
        ops.delete_tag(ids["Cơ quan"])


# --- one tree: a nested tag's parent is a tag --------------------------------------------
def names(ops: Operations) -> set[str]:
    return {t.name for t in ops.service.list_tags()}


def test_a_nested_tag_brings_its_parents_in_the_same_step(db):
    ops = Operations(db)
    a = add_article(db, TEXT)
    made = ops.create_highlight(a, TextSpan(4, 11), [" Cán bộ / Đào tạo /Trẻ "]).value
    assert made.tag_names == ["Cán bộ/Đào tạo/Trẻ"]  # parts cleaned as the tree shows them
    assert names(ops) == {"Cán bộ", "Cán bộ/Đào tạo", "Cán bộ/Đào tạo/Trẻ"}
    assert len(ops.history.steps) == 1
    ops.history.undo()
    assert names(ops) == set()
    ops.history.redo()
    assert names(ops) == {"Cán bộ", "Cán bộ/Đào tạo", "Cán bộ/Đào tạo/Trẻ"}
    # Many at once (concordance lines, accepted suggestions) and a bare new tag too.
    ops.create_highlights([NewHighlight(a, 12, 26, ["Đảng/Tổ chức"])])
    ops.create_tag("Địa danh/Tỉnh")
    assert {"Đảng", "Đảng/Tổ chức", "Địa danh", "Địa danh/Tỉnh"} <= names(ops)
    ops.history.undo()
    ops.history.undo()
    assert names(ops) == {"Cán bộ", "Cán bộ/Đào tạo", "Cán bộ/Đào tạo/Trẻ"}


def test_rename_to_a_new_path_creates_its_parent_and_undo_takes_it_away(coded):
    ops, a, ids, _h = coded
    before = state(ops, a)
    ops.rename_tag(ids["Cơ quan"], "Nhà nước/Cơ quan")
    assert {"Nhà nước", "Nhà nước/Cơ quan"} <= names(ops) and "Cơ quan" not in names(ops)
    check_undo_redo(ops, a, before)


def test_delete_takes_the_tags_under_it_and_undo_brings_all_back(coded):
    ops, a, ids, (h1, h2, _h3) = coded
    before = state(ops, a)
    changes = ops.delete_tag(ids["Cán bộ"])
    assert names(ops) == {"Cơ quan"}  # no "Cán bộ/Đào tạo" left without its parent
    assert changes.highlights_updated == {h1.id, h2.id}
    assert len(ops.service.highlights_for_article(a)) == 3  # highlights stay
    check_undo_redo(ops, a, before)


def test_merge_puts_the_tags_under_the_source_under_the_target(coded):
    ops, a, ids, (_h1, h2, _h3) = coded
    before = state(ops, a)
    ops.merge_tags(ids["Cán bộ"], ids["Cơ quan"])
    assert names(ops) == {"Cơ quan", "Cơ quan/Đào tạo"}
    assert ops.service.get_highlight(h2.id).tag_names == ["Cơ quan/Đào tạo"]
    check_undo_redo(ops, a, before)
    ops.history.undo()
    with pytest.raises(AnnotationError, match="nested under it"):
        ops.merge_tags(ids["Cán bộ"], ids["Cán bộ/Đào tạo"])
    ops.create_tag("Cơ quan/Đào tạo")
    with pytest.raises(AnnotationError, match="already exists"):  # two "Đào tạo" under one parent
        ops.merge_tags(ids["Cán bộ"], ids["Cơ quan"])
