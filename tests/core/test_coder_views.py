"""Views per coder (issue 16 item 2, core side): the reading session and the reads of
whole-article codes keep only the coders shown; a blind view keeps only one's own work."""

from __future__ import annotations

from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.library.article_codes import article_codes
from desktop_app.core.library.coder_view import CoderView
from desktop_app.core.library.coders import use_coder
from desktop_app.core.operations.editor import Operations
from desktop_app.core.reading_session import ReadingSession
from desktop_app.core.storage.migrations import first_coder_name
from desktop_app.core.text.spans import TextSpan
from tests.core.test_annotations import add_article

TEXT = "Ban Tổ chức Trung ương họp bàn về công tác cán bộ và đào tạo cán bộ trẻ ở Hà Nội."


def span(word: str) -> TextSpan:
    start = TEXT.index(word)
    return TextSpan(start, start + len(word))


def two_coders(db):
    ops = Operations(db)
    article = add_article(db, TEXT)
    mine = ops.create_highlight(article, span("cán bộ và"), ["Cán bộ"]).value
    ops.code_articles([article], add=["Thể loại/Tin"])
    lan = use_coder(db, "Lan")
    hers = ops.create_highlight(article, span("đào tạo"), ["Đào tạo"]).value
    ops.code_articles([article], add=["Thể loại/Phóng sự"])
    use_coder(db, first_coder_name())
    return ops, article, mine, hers, lan.id


def test_highlights_for_article_keeps_the_coders_asked_for(db):
    _ops, article, mine, hers, lan = two_coders(db)
    service = AnnotationService(db)
    assert [h.id for h in service.highlights_for_article(article)] == [mine.id, hers.id]
    assert [h.id for h in service.highlights_for_article(article, coders={1})] == [mine.id]
    assert [h.id for h in service.highlights_for_article(article, coders=[lan])] == [hers.id]
    assert service.highlights_for_article(article, coders=()) == []
    assert article_codes(db) == {article: ["Thể loại/Phóng sự", "Thể loại/Tin"]}
    assert article_codes(db, coders={1}) == {article: ["Thể loại/Tin"]}


def test_the_session_shows_the_chosen_coders_and_follows_changes_within_them(db):
    ops, article, mine, hers, lan = two_coders(db)
    session = ReadingSession(AnnotationService(db))
    seen = []
    session.observers.append(seen.append)
    session.open(article)
    assert set(session.highlights) == {mine.id, hers.id}
    session.show_coders(frozenset({1}))
    assert set(session.highlights) == {mine.id} and seen[-1].reloaded
    # Lan's change to her own highlight is not shown; a change to mine is, in place.
    use_coder(db, "Lan")
    assert session.apply(ops.set_note(hers.id, "của Lan")) is not None
    assert set(session.highlights) == {mine.id}
    use_coder(db, first_coder_name())
    update = session.apply(ops.set_note(mine.id, "của tôi"))
    assert update is not None and [h.id for h in update.upserted] == [mine.id]
    session.show_coders(None)
    assert set(session.highlights) == {mine.id, hers.id}


def test_coder_view_modes_blind_and_settings_text():
    assert CoderView().shown(1) is None
    assert CoderView("mine").shown(1) == {1}
    assert CoderView("chosen", frozenset({3})).shown(1) == {1, 3}
    assert CoderView("chosen", frozenset({3}), blind=True).shown(2) == {2}
    assert CoderView(blind=True).hides_others() and not CoderView().hides_others()
    for view in (CoderView(), CoderView("mine"), CoderView("chosen", frozenset({2, 5}), True)):
        assert CoderView.from_text(view.to_text()) == view
    assert CoderView.from_text(None) == CoderView()
    assert CoderView.from_text("nonsense:x;blind") == CoderView(blind=True)
