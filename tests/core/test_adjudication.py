"""Disagreements of one tag (core/analysis/disagreements.py) and adjudication into a consensus
coder (core/operations/adjudication.py): one undoable step per decision."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop_app.core.analysis.coded import AnalysisError
from desktop_app.core.analysis.disagreements import find_disagreements
from desktop_app.core.analysis.intercoder import AgreementQuery, library_agreement
from desktop_app.core.annotate.records import AnnotationError
from desktop_app.core.library.coders import use_coder
from desktop_app.core.nlp.stored import save_segmentation
from desktop_app.core.operations.editor import Operations
from desktop_app.core.storage.models import ArticleCode, Coder, Highlight
from desktop_app.core.text.spans import TextSpan
from tests.core.test_annotations import add_article

WORDS = ["Ban", "Tổ chức", "Trung ương", "họp", "bàn", "về", "công tác", "cán bộ", "và", "đào tạo",
         "cán bộ", "trẻ", "ở", "Hà Nội", "."]
TEXT = " ".join(WORDS[:-1]) + "."


def words() -> list[tuple[int, int]]:
    out, pos = [], 0
    for w in WORDS:
        pos = TEXT.index(w, pos)
        out.append((pos, pos + len(w)))
        pos += len(w)
    return out


def span(text: str, nth: int = 0) -> TextSpan:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return TextSpan(start, start + len(text))


@pytest.fixture
def coded(db):
    """Two coders on one article: An highlights "công tác cán bộ" and "Hà Nội", Bình only
    "cán bộ" (the first); both code the article as a whole "Tin", Bình also "Phỏng vấn"."""
    ops = Operations(db)
    article = add_article(db, TEXT)
    save_segmentation(db, article, TEXT, words())
    use_coder(db, "An")
    ops.create_highlight(article, span("công tác cán bộ"), ["Cán bộ"])
    ops.create_highlight(article, span("Hà Nội"), ["Địa danh", "Cán bộ"])
    ops.code_articles([article], add=["Tin"])
    use_coder(db, "Bình")
    ops.create_highlight(article, span("cán bộ"), ["Cán bộ"])
    ops.code_articles([article], add=["Tin", "Phỏng vấn"])
    ops.history.clear()
    return ops, article


def consensus_state(db) -> tuple[list[tuple[int, int, list[str]]], list[int]]:
    with db.session() as s:
        who = s.scalar(select(Coder.id).where(Coder.name == "Đồng thuận"))
        if who is None:
            return [], []
        rows = s.scalars(select(Highlight).where(Highlight.coder_id == who).order_by(Highlight.start)).all()
        found = [(h.start, h.end, sorted(t.name for t in h.tags)) for h in rows]
        codes = sorted(s.scalars(select(ArticleCode.tag_id).where(ArticleCode.coder_id == who)))
    return found, codes


def test_disagreements_are_passages_where_the_coders_split(coded, db):
    ops, article = coded
    query = AgreementQuery(("An", "Bình"), "word")
    found = find_disagreements(db, query, "Cán bộ")
    assert [(d.quote, d.with_tag, d.without_tag) for d in found] == [
        ("công tác", ("An",), ("Bình",)), ("Hà Nội", ("An",), ("Bình",))]
    first = found[0]
    assert first.version("An").spans == (tuple(span("công tác cán bộ")),)
    assert first.version("Bình").spans == (tuple(span("cán bộ")),) and first.region == tuple(span("công tác cán bộ"))
    # The agreement counts the same units: 15 words, 2 + 1 on which they split ("Hà Nội" one word).
    row = library_agreement(db, query).result.tags[0]
    assert row.tag == "Cán bộ" and row.units == 15 and row.percent.value == pytest.approx(100 * 13 / 15)
    whole = find_disagreements(db, AgreementQuery(("An", "Bình"), "article"), "Phỏng vấn")
    assert [(d.with_tag, d.version("Bình").whole, d.version("Bình").spans) for d in whole] == [(("Bình",), True, ())]
    assert find_disagreements(db, AgreementQuery(("An", "Bình"), "article"), "Tin") == []
    with pytest.raises(AnalysisError):
        find_disagreements(db, query, "Không có")


def test_adjudication_copies_the_accepted_version_and_undo_redo_put_it_back(coded, db):
    ops, article = coded
    query = AgreementQuery(("An", "Bình"), "word")
    first, second = find_disagreements(db, query, "Cán bộ")
    before = consensus_state(db)
    changes = ops.adjudicate(first, ["An"], "Đồng thuận")
    assert article in changes.articles and len(changes.highlights_created) == 1
    assert consensus_state(db)[0] == [(*span("công tác cán bộ"), ["Cán bộ"])]
    # Deciding again replaces the first decision; Bình's version is the one "cán bộ".
    ops.adjudicate(first, ["Bình"], "Đồng thuận")
    assert consensus_state(db)[0] == [(*span("cán bộ"), ["Cán bộ"])]
    ops.adjudicate(second, [], "Đồng thuận")  # neither: nothing there
    assert consensus_state(db)[0] == [(*span("cán bộ"), ["Cán bộ"])]
    ops.adjudicate(second, ["An"], "Đồng thuận")
    assert consensus_state(db)[0] == [(*span("cán bộ"), ["Cán bộ"]), (*span("Hà Nội"), ["Cán bộ"])]
    # Undo walks back one decision at a time; redo brings each again.
    ops.history.undo()
    assert consensus_state(db)[0] == [(*span("cán bộ"), ["Cán bộ"])]
    ops.history.undo()
    ops.history.undo()
    assert consensus_state(db)[0] == [(*span("công tác cán bộ"), ["Cán bộ"])]
    ops.history.undo()
    assert consensus_state(db)[0] == before[0] == []
    for _ in range(4):
        ops.history.redo()
    assert consensus_state(db)[0] == [(*span("cán bộ"), ["Cán bộ"]), (*span("Hà Nội"), ["Cán bộ"])]
    # The coders compared keep their work; the consensus now agrees with each in part.
    assert len(find_disagreements(db, AgreementQuery(("An", "Bình"), "word"), "Cán bộ")) == 2
    assert [d.quote for d in find_disagreements(db, AgreementQuery(("An", "Đồng thuận"), "word"), "Cán bộ")] == [
        "công tác"]


def test_a_tag_kept_on_another_tag_and_whole_article_codes(coded, db):
    ops, article = coded
    use_coder(db, "Đồng thuận")
    ops.create_highlight(article, span("Hà Nội"), ["Cán bộ", "Địa danh"])
    second = find_disagreements(db, AgreementQuery(("An", "Bình"), "word"), "Cán bộ")[1]
    ops.adjudicate(second, [], "Đồng thuận")  # neither: the tag goes, the highlight stays with its other tag
    assert consensus_state(db)[0] == [(*span("Hà Nội"), ["Địa danh"])]
    ops.history.undo()
    assert consensus_state(db)[0] == [(*span("Hà Nội"), ["Cán bộ", "Địa danh"])]

    whole = find_disagreements(db, AgreementQuery(("An", "Bình"), "article"), "Phỏng vấn")[0]
    changes = ops.adjudicate(whole, ["Bình"], "Đồng thuận")
    assert changes.article_codes == {article} and len(consensus_state(db)[1]) == 1
    ops.adjudicate(whole, [], "Đồng thuận")
    assert consensus_state(db)[1] == []
    ops.history.undo()
    assert len(consensus_state(db)[1]) == 1
    with pytest.raises(AnnotationError):
        ops.adjudicate(whole, ["Bình"], "An")  # a coder compared cannot be the consensus
