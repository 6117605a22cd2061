"""Operations on highlights, on a real SQLite file: each change, its Changes, and its undo
and redo back to the exact state before (full HighlightInfo, tag list)."""

from __future__ import annotations

import pytest

from desktop_app.core.annotate.highlights import AnnotationError, NewHighlight
from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.editor import Operations
from desktop_app.core.operations.history import StepLabel
from desktop_app.core.text.spans import TextSpan
from tests.core.test_annotations import add_article

TEXT = "Ban Tổ chức Trung ương họp bàn về công tác cán bộ và đào tạo cán bộ trẻ ở Hà Nội."


def span(word: str, text: str = TEXT) -> TextSpan:
    start = text.index(word)
    return TextSpan(start, start + len(word))


@pytest.fixture
def ops(db) -> Operations:
    return Operations(db)


@pytest.fixture
def article(db) -> int:
    return add_article(db, TEXT)


def state(ops: Operations, article: int) -> tuple:
    """Everything an undo must put back: highlights, orphans and the codebook."""
    s = ops.service
    return (s.highlights_for_article(article), s.orphans_for_article(article), s.list_tags())


def test_create_highlight_returns_changes_and_undo_redo_restore_exactly(ops, article):
    ops.create_tag("Cán bộ")
    start = state(ops, article)
    out = ops.create_highlight(article, span("cán bộ và"), ["Cán bộ", "Đào tạo"], "ghi chú")
    h = out.value
    assert h.quote == "cán bộ và" and h.tag_names == ["Cán bộ", "Đào tạo"] and h.note == "ghi chú"
    assert out.changes == Changes(highlights_created=frozenset({h.id}), articles=frozenset({article}),
                                  codebook=True)  # "Đào tạo" is a new tag
    assert ops.history.undo_label == StepLabel("highlight", 1, "cán bộ và")
    done = state(ops, article)

    undone = ops.history.undo()
    assert undone == Changes(highlights_deleted=frozenset({h.id}), articles=frozenset({article}),
                             codebook=True, origin="undo")
    assert state(ops, article) == start  # the new tag went too
    redone = ops.history.redo()
    assert redone.highlights_created == {h.id} and redone.origin == "redo" and redone.codebook
    assert state(ops, article) == done  # same id, tags (same tag ids, colours), note, times


def test_create_highlight_refused_records_nothing(ops, article):
    with pytest.raises(AnnotationError, match="only spaces"):
        ops.create_highlight(article, TextSpan(3, 4), ["X"])
    assert not ops.history.can_undo and ops.service.list_tags() == []


def test_overlapping_highlights_undo_one_and_redo_it_with_its_id(ops, article):
    a = ops.create_highlight(article, span("Tổ chức Trung ương"), ["Cơ quan"]).value
    b = ops.create_highlight(article, span("Trung ương họp"), ["Sự kiện"]).value
    both = ops.service.highlights_for_article(article)
    assert [h.id for h in both] == [a.id, b.id]
    ops.history.undo()
    assert ops.service.highlights_for_article(article) == both[:1]
    ops.history.redo()
    assert ops.service.highlights_for_article(article) == both  # B with its id, tags, times


def test_create_highlights_is_one_step(ops, article):
    start = state(ops, article)
    items = [NewHighlight(article, *span(w), ["Cán bộ"]) for w in ("cán bộ và", "Hà Nội")]
    out = ops.create_highlights(items)
    assert len(out.value) == 2 and out.changes.highlights_created == set(out.value)
    assert ops.history.undo_label == StepLabel("highlight_many", 2, "cán bộ và")
    done = state(ops, article)
    assert ops.history.undo().highlights_deleted == set(out.value)
    assert state(ops, article) == start
    ops.history.redo()
    assert state(ops, article) == done


def test_delete_highlights_one_transaction_and_undo_brings_them_back(ops, article):
    a = ops.create_highlight(article, span("Ban"), ["A"], "note a").value
    b = ops.create_highlight(article, span("Hà Nội"), ["B"]).value
    ops.history.clear()
    before = state(ops, article)
    changes = ops.delete_highlights([a.id, b.id])
    assert changes == Changes(highlights_deleted=frozenset({a.id, b.id}), articles=frozenset({article}))
    assert ops.history.undo_label == StepLabel("delete_many", 2, "Ban")
    assert ops.service.highlights_for_article(article) == []
    assert ops.history.undo().highlights_created == {a.id, b.id}
    assert state(ops, article) == before
    assert ops.history.redo().highlights_deleted == {a.id, b.id}
    assert ops.service.highlights_for_article(article) == []


def test_delete_with_one_gone_changes_nothing_and_records_nothing(ops, article):
    a = ops.create_highlight(article, span("Ban"), ["A"]).value
    gone = ops.create_highlight(article, span("họp"), ["A"]).value
    b = ops.create_highlight(article, span("Hà Nội"), ["B"]).value
    ops.service.delete_highlight(gone.id)
    ops.history.clear()
    before = state(ops, article)
    with pytest.raises(AnnotationError, match="no longer exists"):
        ops.delete_highlights([a.id, gone.id, b.id])
    assert state(ops, article) == before and not ops.history.can_undo


def test_set_tags_undo_restores_tags_time_and_codebook(ops, article):
    h = ops.create_highlight(article, span("cán bộ và"), ["A"]).value
    ops.history.clear()
    before = state(ops, article)
    out = ops.set_tags(h.id, ["B", "A"])
    assert out.value.tag_names == ["A", "B"]
    assert out.changes == Changes(highlights_updated=frozenset({h.id}), articles=frozenset({article}),
                                  codebook=True)
    assert ops.history.undo_label == StepLabel("retag", 1, "cán bộ và")
    after = state(ops, article)
    assert ops.history.undo().highlights_updated == {h.id}
    assert state(ops, article) == before
    ops.history.redo()
    assert state(ops, article) == after
    # The same tags again: nothing written, nothing recorded.
    assert not ops.set_tags(h.id, [" B ", "A"]).changes
    assert ops.history.position == 1


def test_retag_many_adds_and_removes_in_one_step(ops, article):
    a = ops.create_highlight(article, span("Ban"), ["A", "X"]).value
    b = ops.create_highlight(article, span("Hà Nội"), ["B"]).value
    ops.history.clear()
    before = state(ops, article)
    changes = ops.retag_many([a.id, b.id], add=["C"], remove=["X"])
    assert changes.highlights_updated == {a.id, b.id} and changes.codebook
    assert [h.tag_names for h in ops.service.highlights_for_article(article)] == [["A", "C"], ["B", "C"]]
    assert ops.history.undo_label == StepLabel("retag_many", 2, "Ban")
    after = state(ops, article)
    ops.history.undo()
    assert state(ops, article) == before
    ops.history.redo()
    assert state(ops, article) == after


def test_retag_many_with_one_gone_commits_nothing(ops, article):
    """Today's tag_many kept the highlights tagged before the missing one; now none is."""
    a = ops.create_highlight(article, span("Ban"), ["A"]).value
    gone = ops.create_highlight(article, span("họp"), ["A"]).value
    b = ops.create_highlight(article, span("Hà Nội"), ["B"]).value
    ops.service.delete_highlight(gone.id)
    ops.history.clear()
    before = state(ops, article)
    with pytest.raises(AnnotationError, match="no longer exists"):
        ops.retag_many([a.id, gone.id, b.id], add=["New"])
    assert state(ops, article) == before and not ops.history.can_undo


def test_notes_of_one_highlight_merge_into_one_step(ops, article):
    h = ops.create_highlight(article, span("Ban"), ["A"]).value
    other = ops.create_highlight(article, span("Hà Nội"), ["A"]).value
    ops.history.clear()
    before = state(ops, article)
    assert ops.set_note(h.id, "m").highlights_updated == {h.id}
    ops.set_note(h.id, "mộ")
    ops.set_note(h.id, "một ghi chú")
    assert len(ops.history.steps) == 1 and ops.history.undo_label == StepLabel("note", 1, "Ban")
    assert not ops.set_note(h.id, "một ghi chú")  # unchanged: nothing
    ops.set_note(other.id, "khác")  # another highlight: its own step
    assert len(ops.history.steps) == 2
    ops.history.undo()
    assert ops.history.undo().highlights_updated == {h.id}
    assert state(ops, article) == before
    ops.history.redo()
    assert ops.service.get_highlight(h.id).note == "một ghi chú"


def test_resize_run_merges_and_back_where_it_began_leaves_no_step(ops, article):
    h = ops.create_highlight(article, span("Tổ chức"), ["A"]).value
    ops.history.clear()
    before = state(ops, article)
    out = ops.resize(h.id, span("Tổ chức Trung"))
    assert out.value.quote == "Tổ chức Trung" and out.changes.highlights_updated == {h.id}
    ops.resize(h.id, span("Tổ chức Trung ương"))
    assert len(ops.history.steps) == 1 and ops.history.undo_label.kind == "resize"
    grown = state(ops, article)
    ops.history.undo()
    assert state(ops, article) == before  # bounds, quote, context and time
    ops.history.redo()
    assert [x.quote for x in state(ops, article)[0]] == [x.quote for x in grown[0]]
    ops.history.seal()
    ops.resize(h.id, span("Tổ chức Trung"))
    ops.resize(h.id, span("Tổ chức Trung ương"))
    assert len(ops.history.steps) == 1  # a run back to where it began left no step


def test_reattach_undo_makes_it_the_orphan_it_was(ops, db, article):
    from desktop_app.core.storage.models import Highlight

    h = ops.create_highlight(article, span("cán bộ trẻ"), ["A"], "n").value
    with db.session() as s:  # what a re-import leaves: an orphan with its old quote
        row = s.get(Highlight, h.id)
        row.orphaned, row.quote, row.start, row.end = True, "cán bộ già", 900, 910
    ops.history.clear()
    orphan_state = state(ops, article)
    out = ops.reattach(h.id, span("cán bộ trẻ"))
    assert not out.value.orphaned and out.value.quote == "cán bộ trẻ"
    assert ops.history.undo_label == StepLabel("reattach", 1, "cán bộ già")
    placed = state(ops, article)
    assert ops.history.undo().highlights_updated == {h.id}
    assert state(ops, article) == orphan_state
    ops.history.redo()
    assert state(ops, article) == placed


def test_a_step_whose_article_is_gone_fails_and_is_dropped(ops, db, article):
    from desktop_app.core.operations.history import StepFailed
    from desktop_app.core.storage.models import Article

    other = add_article(db, "Một bài khác về Hà Nội.", "Bài hai")
    ops.create_highlight(article, span("Ban"), ["A"])
    h = ops.create_highlight(other, TextSpan(0, 3), ["A"]).value
    ops.set_note(h.id, "note")
    with db.session() as s:
        s.delete(s.get(Article, other))
    with pytest.raises(StepFailed) as failed:
        ops.history.undo()
    assert failed.value.label.kind == "note"
    assert len(ops.history.steps) == 2 and ops.history.position == 2
    with pytest.raises(StepFailed):
        ops.history.undo()  # the highlight on the deleted article
    assert ops.history.undo().highlights_deleted  # the rest of the history still works
    assert ops.service.highlights_for_article(article) == []
