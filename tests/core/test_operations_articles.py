"""Operations on whole articles (memo, details, suggestions, imports), on real SQLite files:
the change, its Changes, and undo/redo back to the exact state."""

from __future__ import annotations

import pytest

from desktop_app.core.annotate.highlights import NewHighlight
from desktop_app.core.interchange.formats import AnnotationFileError
from desktop_app.core.library.articles import MetadataError, get_article, list_articles
from desktop_app.core.library.memos import MemoError, get_memo, memos_by_article
from desktop_app.core.nlp import pos_ner
from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.editor import Operations
from desktop_app.core.operations.history import StepFailed, StepLabel
from desktop_app.core.progress import Progress
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article, RejectedSuggestion
from desktop_app.core.text.spans import TextSpan
from tests.core.test_annotations import add_article

TEXT = "Ông Nguyễn Văn A làm việc tại Hà Nội với Ban Tổ chức Trung ương."


def one(*values: int) -> frozenset[int]:
    return frozenset(values)


@pytest.fixture
def ops(db) -> Operations:
    return Operations(db)


@pytest.fixture
def article(db) -> int:
    return add_article(db, TEXT)


def test_memo_run_is_one_step_and_back_to_start_leaves_none(ops, db, article):
    assert ops.set_memo(article, "M") == Changes(memos=one(article), articles=one(article))
    ops.set_memo(article, "Memo dài")
    assert len(ops.history.steps) == 1 and ops.history.undo_label == StepLabel("memo")
    assert ops.history.undo() == Changes(memos=one(article), articles=one(article), origin="undo")
    assert get_memo(db, article) == "" and memos_by_article(db) == {}
    ops.history.redo()
    assert get_memo(db, article) == "Memo dài"
    ops.history.seal()
    ops.set_memo(article, "Memo dài thêm")
    ops.set_memo(article, "Memo dài")  # typed and deleted again
    assert len(ops.history.steps) == 1
    assert not ops.set_memo(article, "Memo dài")  # unchanged: nothing


def test_memo_on_a_deleted_article_is_refused_and_its_step_fails(ops, db, article):
    ops.set_memo(article, "M")
    with db.session() as s:
        s.delete(s.get(Article, article))
    with pytest.raises(MemoError):
        ops.set_memo(article, "MM")
    with pytest.raises(StepFailed):
        ops.history.undo()
    assert not ops.history.steps


def test_edit_metadata_and_hidden_spans_undo_exactly(ops, db, article):
    before = get_article(db, article)
    changes = ops.edit_metadata(article, {"title": "  Tiêu đề   mới ", "published": "04/04/2023 10:48",
                                          "source": ""}, [TextSpan(0, 3)])
    assert changes == Changes(article_metadata=one(article))
    assert ops.history.undo_label == StepLabel("metadata", 1, "Tiêu đề mới")
    after = get_article(db, article)
    assert (after.title, after.published, after.hidden_spans) == ("Tiêu đề mới", "2023-04-04T10:48", ((0, 3),))
    assert ops.history.undo().article_metadata == {article}
    assert get_article(db, article) == before
    ops.history.redo()
    assert get_article(db, article) == after
    with pytest.raises(MetadataError, match="needs a title"):
        ops.edit_metadata(article, {"title": " "})
    assert len(ops.history.steps) == 1
    assert not ops.edit_metadata(article, {"title": "Tiêu đề mới"})  # nothing new: no step


def test_accept_suggestions_one_step(ops, article):
    items = [NewHighlight(article, 4, 16, ["PER"]), NewHighlight(article, 30, 36, ["PER"])]
    out = ops.accept_suggestions(items)
    assert out.changes == Changes(highlights_created=frozenset(out.value), articles=one(article),
                                  suggestions=one(article), codebook=True)
    assert ops.history.undo_label == StepLabel("accept", 2, "Nguyễn Văn A")
    undone = ops.history.undo()
    assert undone.highlights_deleted == set(out.value) and undone.suggestions == {article}
    assert ops.service.highlights_for_article(article) == [] and ops.service.list_tags() == []
    assert ops.history.redo().highlights_created == set(out.value)


def test_reject_suggestion_and_undo_unrejects(ops, db, article):
    def rejected() -> list[tuple]:
        with db.session() as s:
            return [(r.start, r.end, r.label, r.quote) for r in s.query(RejectedSuggestion)]

    changes = ops.reject_suggestion(article, TextSpan(30, 36), "LOC")
    assert changes == Changes(suggestions=one(article), articles=one(article))
    assert rejected() == [(30, 36, "LOC", "Hà Nội")]
    assert ops.history.undo_label == StepLabel("reject", 1, "Hà Nội")
    assert ops.history.undo().suggestions == {article}
    assert rejected() == []
    ops.history.redo()
    assert rejected() == [(30, 36, "LOC", "Hà Nội")]
    assert ops.reject_suggestion(article, TextSpan(30, 36), "LOC").suggestions == {article}
    assert len(ops.history.steps) == 1  # rejected already: no second step
    assert not ops.reject_suggestion(article + 99, TextSpan(0, 3), "LOC")  # no such article
    assert pos_ner.reject(db, article, 4, 16, "PER")  # the db wrapper still works


def test_import_articles_reports_added_ids_and_records_nothing(ops, db, seed_files):
    reports = []
    out = ops.import_articles(seed_files[:3], Progress(lambda d, t, _n: reports.append((d, t))))
    added = {a.id for a in list_articles(db)}
    assert out.changes.articles_added == added and len(added) == 3
    assert not out.value.failed and reports[-1] == (3, 3)
    assert not ops.history.can_undo
    cancelled = Progress()
    cancelled.cancel()
    out = ops.import_articles(seed_files[3:], cancelled)
    assert out.value.cancelled and not out.changes.articles_added


@pytest.fixture
def coded_library(db, seed_files) -> tuple[Operations, list[int]]:
    ops = Operations(db)
    ops.import_articles(seed_files[:2])
    ids = [a.id for a in list_articles(db)]
    for article_id in ids:
        text = get_article(db, article_id).text
        ops.create_highlight(article_id, TextSpan(0, 10), ["Tiêu đề"], "note")
        ops.create_highlight(article_id, TextSpan(len(text) - 20, len(text) - 5), ["Cuối", "Tiêu đề"])
    ops.set_memo(ids[0], "Memo của bài một")
    return ops, ids


def annotations(ops: Operations, ids: list[int]) -> tuple:
    return ([ops.service.highlights_for_article(i) for i in ids], ops.service.list_tags(),
            memos_by_article(ops.db))


def test_import_annotations_is_one_step_and_undo_takes_away_what_it_added(coded_library, tmp_path):
    from desktop_app.core.interchange.webanno import export_webanno

    ops, ids = coded_library
    path = tmp_path / "notes.jsonld"
    export_webanno(ops.db, path)
    for article_id in ids:
        ops.delete_highlights([h.id for h in ops.service.highlights_for_article(article_id)])
    for tag in ops.service.list_tags():
        ops.delete_tag(tag.id)
    ops.set_memo(ids[0], "Memo mới")
    ops.history.clear()
    before = annotations(ops, ids)
    out = ops.import_annotations(path)
    assert out.value.highlight_count == 4 and "4 highlights imported" in out.value.summary
    assert out.changes.highlights_created == set(out.value.added.highlight_ids)
    assert out.changes.articles == set(ids) and out.changes.memos == {ids[0]} and out.changes.codebook
    assert get_memo(ops.db, ids[0]) == "Memo mới\n\nMemo của bài một"
    assert ops.history.undo_label == StepLabel("import_annotations", 4, "notes.jsonld")
    after = annotations(ops, ids)
    undone = ops.history.undo()
    assert undone.highlights_deleted == out.changes.highlights_created and undone.memos == {ids[0]}
    assert annotations(ops, ids) == before
    assert ops.history.redo().highlights_created == out.changes.highlights_created
    assert annotations(ops, ids) == after


def test_import_of_a_project_undoes_its_new_articles(coded_library, tmp_path):
    from desktop_app.core.interchange.refi_export import export_qdpx

    source, _ids = coded_library
    path = tmp_path / "project.qdpx"
    export_qdpx(source.db, path)
    target = Database.open(tmp_path / "other" / "library.sqlite3")
    try:
        ops = Operations(target)
        out = ops.import_annotations(path)
        new = {a.id for a in list_articles(target)}
        assert len(new) == 2 and out.changes.articles_added == new
        assert len(out.changes.highlights_created) == 4 and out.changes.memos
        after = annotations(ops, sorted(new))
        undone = ops.history.undo()
        assert undone.articles_removed == new and len(undone.highlights_deleted) == 4
        assert list_articles(target) == [] and ops.service.list_tags() == []
        assert memos_by_article(target) == {}
        ops.history.redo()
        assert {a.id for a in list_articles(target)} == new
        assert annotations(ops, sorted(new)) == after
    finally:
        target.close()


def test_an_unreadable_annotation_file_records_nothing(ops, tmp_path):
    path = tmp_path / "broken.jsonld"
    path.write_text("{ not json", encoding="utf-8")
    with pytest.raises(AnnotationFileError):
        ops.import_annotations(path)
    assert not ops.history.can_undo


# --- deleting articles --------------------------------------------------------------------
def everything(db: Database) -> dict[str, list[tuple]]:
    """Every row of every table an article's deletion touches, and the search index's answer."""
    from desktop_app.core.analysis.search import search

    with db.engine.connect() as conn:
        rows = {t: conn.exec_driver_sql(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                for t in ("articles", "highlights", "highlight_tags", "tags", "article_memos",
                          "rejected_suggestions", "segmentations")}
    rows["search"] = [(h.article_id, h.passage) for h in search(db, "Hà Nội")]
    return rows


def test_delete_articles_with_all_they_carry_in_one_step_and_undo_brings_all_back(ops, db, article):
    from desktop_app.core.nlp.stored import save_segmentation

    other = add_article(db, "Một bài khác về Hà Nội.", "Bài hai")
    kept = add_article(db, "Bài ở lại, cũng ở Hà Nội.", "Bài ba")
    h1 = ops.create_highlight(article, TextSpan(4, 16), ["Người", "Cán bộ/Đào tạo"]).value
    h2 = ops.create_highlight(other, TextSpan(0, 3), ["Người"], note="ghi chú").value
    ops.create_highlight(kept, TextSpan(0, 3), ["Người"])
    ops.set_memo(article, "memo")
    ops.reject_suggestion(article, TextSpan(30, 36), "LOC")
    save_segmentation(db, article, TEXT, [(0, 3), (4, 10)])
    ops.history.clear()
    before = everything(db)
    out = ops.delete_articles([article, other, article])  # a repeat counts once
    assert [(d.id, d.title, d.highlights) for d in out.value] == [(article, "Bài thử", 1), (other, "Bài hai", 1)]
    assert out.changes.articles_removed == {article, other} and out.changes.library
    assert out.changes.highlights_deleted == {h1.id, h2.id}
    assert [a.id for a in list_articles(db)] == [kept]
    after = everything(db)
    assert [r[0] for r in after["articles"]] == [kept] and len(after["highlights"]) == 1
    assert after["article_memos"] == after["rejected_suggestions"] == after["segmentations"] == []
    assert [a for a, _p in after["search"]] == [kept]
    assert after["tags"] == before["tags"]  # tags are the codebook's: they stay
    assert ops.history.undo_label == StepLabel("delete_articles", 2, "Bài thử")
    undone = ops.history.undo()
    assert undone.articles_added == {article, other} and undone.highlights_created == {h1.id, h2.id}
    assert everything(db) == before
    ops.history.redo()
    assert everything(db) == after
    ops.history.undo()
    assert everything(db) == before


def test_delete_refuses_an_unknown_article_and_deletes_nothing(ops, db, article):
    from desktop_app.core.annotate.highlights import AnnotationError

    before = everything(db)
    with pytest.raises(AnnotationError, match="no longer in the library"):
        ops.delete_articles([article, 999])
    assert everything(db) == before and not ops.history.steps
    assert not ops.delete_articles([]).changes and not ops.history.steps
