"""Word view: POS colours near the view only, dashed entity underlines for visible
entities only, snapping to words, suggestions accepted/rejected with undo, and the
worker tagging the open article right after its words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu, QStatusBar

from desktop_app.core.nlp import pos_ner as tagging
from desktop_app.core.nlp import segmentation as nlp
from desktop_app.core.nlp.pos_ner import Suggestion
from desktop_app.core.nlp.stored import articles_to_segment, load_segmentation, text_hash
from desktop_app.core.nlp.worker_process import SegmenterProcess
from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.editor import Operations
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article
from desktop_app.ui.change_bus import ChangeBus
from desktop_app.ui.reader.pos_legend import PosLegend
from desktop_app.ui.reader.suggestions import SuggestionController
from desktop_app.ui.reader.view import POS_COLORS, ReaderView
from desktop_app.ui.workers import SegmentationWorker

pytest.importorskip("underthesea")

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
WAIT_MS = 120_000
LINE = "Ông Nguyễn Văn An đến Hà Nội họp bàn 3 việc lớn 😀 năm nay.\n"


def long_text(lines: int = 2000) -> str:
    return LINE * lines


def line_spans(text: str) -> tuple[list[tuple[int, int, str]], list[Suggestion]]:
    """Hand-made POS and entities for LINE repeated (no model needed for the reader)."""
    pos, entities = tagging.tag_paragraph(LINE)
    n = len(LINE)
    count = len(text) // n
    all_pos = [(i * n + s, i * n + e, t) for i in range(count) for s, e, t in pos]
    all_entities = [Suggestion(i * n + s, i * n + e, label, text[i * n + s:i * n + e])
                    for i in range(count) for s, e, label in entities]
    return all_pos, all_entities


def visible_range(reader: ReaderView) -> tuple[int, int]:
    """Code points in view. (Right after opening a long article Qt is still laying it
    out, and a point in the top margin hits the end of the part laid out: the reader
    takes the start of the text then, and so does this.)"""
    rect = reader.viewport().rect()
    first = reader.cursorForPosition(QPoint(0, 0)).position()
    last = reader.cursorForPosition(QPoint(rect.width(), rect.height())).position()
    first = 0 if first > last else first
    return reader._offsets.to_codepoint(first), reader._offsets.to_codepoint(last)


# --- reader: entities ---------------------------------------------------------------------
def painted_entities(reader: ReaderView, monkeypatch) -> list[Suggestion]:
    painted: list[Suggestion] = []
    real = reader._paint_entity
    monkeypatch.setattr(reader, "_paint_entity", lambda p, e: (painted.append(e), real(p, e)))
    reader.viewport().repaint()
    monkeypatch.setattr(reader, "_paint_entity", real)
    return painted


def test_dashed_underlines_only_for_entities_in_view(reader, monkeypatch) -> None:
    text = long_text()
    reader.set_article(text)
    _pos, entities = line_spans(text)
    assert {e.label for e in entities} >= {"PER", "LOC"}
    reader.set_entities(entities)
    assert painted_entities(reader, monkeypatch) == []  # the toggle is off
    reader.set_show_entities(True)
    top = painted_entities(reader, monkeypatch)
    first, last = visible_range(reader)
    assert top and len(top) < len(entities) // 20
    assert all(e.end > first and e.start <= last for e in top)
    in_view = [e for e in entities if e.start >= first and e.end <= last]
    assert set(in_view) <= set(top)
    bar = reader.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    middle = painted_entities(reader, monkeypatch)
    assert middle and not set(middle) & set(top)
    reader.set_show_entities(False)
    assert painted_entities(reader, monkeypatch) == []


def test_entity_underline_is_drawn_in_its_colour(reader) -> None:
    text = "Ông Nguyễn Văn An đến Hà Nội.\n"
    reader.set_article(text)
    start = text.index("Hà Nội")
    reader.set_entities([Suggestion(start, start + 6, "LOC", "Hà Nội")])
    reader.set_show_entities(True)
    image = reader.viewport().grab().toImage()
    rect = reader.cursorRect(reader._cursor_for(start, start))
    y = rect.bottom() + 2
    colours = {QColor(image.pixel(x, y)).name() for x in range(rect.left(), rect.left() + 40)}
    assert "#009e73" in colours or any(QColor(c).green() > 120 and QColor(c).red() < 90 for c in colours)


def test_entity_at(reader) -> None:
    text = "Ông Nguyễn Văn An đến Hà Nội 😀 và Đà Nẵng.\n"
    reader.set_article(text)
    a = Suggestion(text.index("Nguyễn"), text.index("Nguyễn") + 13, "PER", "Nguyễn Văn An")
    b = Suggestion(text.index("Đà"), text.index("Đà") + 7, "LOC", "Đà Nẵng")
    reader.set_entities([b, a])
    assert reader.entity_at(a.start) == a and reader.entity_at(a.end - 1) == a
    assert reader.entity_at(a.end) is None and reader.entity_at(0) is None
    assert reader.entity_at(b.start + 1) == b  # after an emoji: code points, not UTF-16
    reader.set_article(text)
    assert reader.entity_at(b.start) is None  # a new article clears suggestions


# --- reader: parts of speech --------------------------------------------------------------
def coloured(reader: ReaderView) -> list[tuple[int, int, str]]:
    """(start, end, colour) in code points of every word coloured through a block layout."""
    out = []
    block = reader.document().begin()
    while block.isValid():
        for r in block.layout().formats():
            start = reader._offsets.to_codepoint(block.position() + r.start)
            end = reader._offsets.to_codepoint(block.position() + r.start + r.length)
            out.append((start, end, r.format.foreground().color().name()))
        block = block.next()
    return out


def test_pos_toggle_off_costs_nothing(reader) -> None:
    text = long_text(8000)  # ~0.5 MB, ~130,000 words
    reader.set_article(text)
    pos, _ = line_spans(text)
    reader.set_pos(pos)
    assert reader.has_pos()
    # Kept as given: nothing converted, indexed, or handed to Qt while the colours are off.
    assert reader._pos is pos and reader._pos_starts is None and reader._pos_blocks == set()
    assert reader.extraSelections() == []
    reader.verticalScrollBar().setValue(reader.verticalScrollBar().maximum() // 3)
    assert reader._pos_starts is None and reader._pos_blocks == set()
    assert coloured(reader) == []


def test_pos_colours_only_near_the_view_and_follow_scrolling(reader) -> None:
    text = long_text()
    reader.set_article(text)
    pos, _ = line_spans(text)
    reader.set_pos(pos)
    reader.set_show_pos(True)
    assert reader.extraSelections() == []  # colours are layout formats, not selections
    top = coloured(reader)
    want = {(s, e, QColor(POS_COLORS[tagging.pos_class(t)]).name())
            for s, e, t in pos if tagging.pos_class(t) in POS_COLORS}
    first, last = visible_range(reader)
    assert top and set(top) <= want and len(top) < len(want) // 20
    in_view = {w for w in want if first <= w[0] and w[1] <= last}
    assert in_view <= set(top)
    # Colours by class: "Hà Nội" is a proper noun, "3" a number, "họp" a verb.
    by_word = {text[s:e]: c for s, e, c in top}
    assert by_word["Hà Nội"] == QColor(POS_COLORS["proper"]).name()
    assert by_word["3"] == QColor(POS_COLORS["number"]).name()
    assert "năm" in text and "." not in by_word  # punctuation keeps the ink colour
    bar = reader.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    middle = set(coloured(reader)) - set(top)
    first, last = visible_range(reader)
    assert {w for w in want if first <= w[0] and w[1] <= last} <= middle
    assert max(e for _, e, _ in coloured(reader)) < len(text) * 3 // 4  # not the far end
    # A repaint with colours paints the words in their colour.
    image = reader.viewport().grab().toImage()
    assert not image.isNull()
    reader.set_show_pos(False)
    assert coloured(reader) == [] and reader._pos_blocks == set()
    reader.set_show_pos(True)
    assert set(coloured(reader)) <= want and coloured(reader)
    reader.set_pos(None)
    assert coloured(reader) == []


def test_pos_colours_and_highlights_together(reader) -> None:
    from datetime import datetime, timezone

    from desktop_app.core.annotate.highlights import HighlightInfo, TagInfo

    text = long_text(20)
    reader.set_article(text)
    pos, _ = line_spans(text)
    reader.set_show_pos(True)
    reader.set_pos(pos)
    now = datetime(2024, 1, 1, tzinfo=timezone.utc)
    reader.set_highlights([HighlightInfo(1, 1, 0, 3, text[:3], "", (TagInfo(1, "x", "#ffd166"),), now, now)])
    assert len(reader.extraSelections()) == 1 and coloured(reader)
    # A new article starts without colours until its tags are given.
    reader.set_article(text)
    assert coloured(reader) == [] and not reader.has_pos()
    reader.set_pos(pos)
    assert coloured(reader)


# --- reader: words ------------------------------------------------------------------------
def test_snapping_and_double_click_use_words(reader) -> None:
    text = "Ban Tổ chức Trung ương họp.\n"
    reader.set_article(text)
    reader.set_tokens(nlp.segment_text(text))
    to = text.index("Tổ chức")
    assert reader.snapped(to + 4, to + 6) == (to, to + 7)  # "ch|ứ|c" -> "Tổ chức"
    assert reader.snapped(to, to + 7) == (to, to + 7)
    tw = text.index("Trung")
    assert reader.snapped(to + 1, tw + 2) == (to, tw + len("Trung ương"))

    def point(offset: int) -> QPoint:
        rect = reader.cursorRect(reader._cursor_for(offset, offset))
        return QPoint(rect.left() + 1, rect.center().y())

    viewport = reader.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point(to + 4))
    QTest.mouseMove(viewport, point(tw + 2))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point(tw + 2))
    assert reader.selected_offsets() == (to, tw + len("Trung ương"))
    # Alt held when the button is let go: exactly what was dragged over. (A press inside
    # the selection would start dragging it: clear it first.)
    reader.setTextCursor(QTextCursor(reader.document()))
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point(to + 4))
    QTest.mouseMove(viewport, point(tw + 2))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.AltModifier, point(tw + 2))
    assert reader.selected_offsets() == (to + 4, tw + 2)
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point(to + 4))
    assert reader.selected_offsets() == (to, to + 7)


# --- suggestions --------------------------------------------------------------------------
def add_articles(db: Database, texts: list[str]) -> list[int]:
    with db.session() as session:
        articles = [Article(title=t.split("\n", 1)[0][:40], text=t, original_text=t,
                            content_hash=text_hash(t)) for t in texts]
        session.add_all(articles)
        session.flush()
        return [a.id for a in articles]


class Window:
    """What the main window gives the controller: the core operations (with their undo
    history) and the bus their Changes go on."""

    def __init__(self, db: Database, reviewed: list[Suggestion] | None = None) -> None:
        self.ops = Operations(db)
        self.service = self.ops.service
        self.bus = ChangeBus()
        self.published: list[Changes] = []
        self.bus.changed.connect(self.published.append)
        self.reviewed: list[list[Suggestion]] = []
        self.keep: Callable[[Suggestion], bool] = lambda s: True

    def review(self, found: list[Suggestion], kind: str, tag: str) -> list[Suggestion]:
        self.reviewed.append(list(found))
        return [s for s in found if self.keep(s)]

    def undo(self) -> None:
        self.bus.publish(self.ops.history.undo())

    def redo(self) -> None:
        self.bus.publish(self.ops.history.redo())


TEXT = ("Tổng Bí thư Nguyễn Phú Trọng làm việc tại Hà Nội.\n"
        "Ông Nguyễn Phú Trọng và ông Võ Văn Thưởng đến Đà Nẵng.\n")


@pytest.fixture
def opened(qtbot, db: Database, reader) -> tuple[SuggestionController, Window, int]:
    article_id = add_articles(db, [TEXT])[0]
    tagging.save_tags(db, article_id, TEXT, *tagging.tag_paragraph(TEXT))
    window = Window(db)
    controller = SuggestionController(reader, window.ops, window.bus,
                                      choose_tags=lambda s: ["Nhân vật"], review=window.review)
    reader.set_article(TEXT)
    controller.set_article(article_id)
    assert reader.entities() == []  # not loaded while the toggle is off
    controller.set_shown(True)
    return controller, window, article_id


def shown(reader: ReaderView) -> list[tuple[str, str]]:
    return [(s.text, s.label) for s in reader.entities()]


def test_suggestions_are_loaded_for_the_open_article(opened, reader) -> None:
    controller, _window, _id = opened
    assert ("Nguyễn Phú Trọng", "PER") in shown(reader) and ("Hà Nội", "LOC") in shown(reader)
    controller.set_article(None)
    assert shown(reader) == []
    controller.set_article(_id)
    controller.set_shown(False)
    assert shown(reader) == [] and not reader._show_entities
    controller.on_article_tagged(_id)
    assert shown(reader) == []


def test_accept_makes_a_highlight_and_the_suggestion_goes(opened, reader, db) -> None:
    controller, window, article_id = opened
    place = next(s for s in reader.entities() if s.text == "Hà Nội")
    ids = controller.accept(place, ["LOC"])
    info = window.service.get_highlight(ids[0])
    assert (info.quote, info.tag_names) == ("Hà Nội", ["LOC"])
    assert window.published[-1].highlights_created == set(ids)  # through the bus
    assert place not in reader.entities()
    assert window.ops.history.undo_label.kind == "accept"
    window.undo()  # the highlight goes, and the suggestion is back (the bus reloads it)
    assert place in reader.entities()
    # With a tag the user picks.
    ids = controller.accept_with_tag(place)
    assert window.service.get_highlight(ids[0]).tag_names == ["Nhân vật"]


def test_reject_hides_and_undo_brings_it_back(opened, reader, db) -> None:
    controller, window, article_id = opened
    person = next(s for s in reader.entities() if s.label == "PER")
    assert controller.reject(person)
    assert person not in reader.entities()
    assert person not in tagging.load_entities(db, article_id)  # stored, not just hidden
    label = window.ops.history.undo_label
    assert label.kind == "reject" and "Nguyễn Phú Trọng" in label.subject
    window.undo()
    assert person in reader.entities()
    window.redo()
    assert person not in reader.entities()


def test_accept_all_of_one_kind_is_reviewed_first_and_one_step(opened, reader) -> None:
    """Issue 14, 15: "Accept all" shows the suggestions for review; the unchecked ones
    stay suggestions, the rest become highlights in one undo step."""
    controller, window, article_id = opened
    people = [s for s in reader.entities() if s.label == "PER"]
    assert len(people) >= 2
    window.keep = lambda s: s != people[0]  # the reviewer unchecks the first
    ids = controller.accept_all("PER")
    assert window.reviewed == [people]
    assert len(ids) == len(people) - 1 and len(window.ops.history.steps) == 1
    assert [s for s in reader.entities() if s.label == "PER"] == [people[0]]
    assert [h.tag_names for h in window.service.highlights_for_article(article_id)] == [["PER"]] * len(ids)
    window.undo()
    assert window.service.highlights_for_article(article_id) == []
    window.keep = lambda s: False  # cancelled, or nothing left checked: nothing happens
    assert controller.accept_all("PER") == [] and not window.ops.history.can_undo


def test_the_review_dialog_is_plain_text_and_accepts_the_checked(qtbot) -> None:
    from desktop_app.ui.dialogs.review_suggestions import ReviewSuggestionsDialog

    text = "Lúc 29 GMT,\n<b>Trưởng Ban</b> gặp ông Nguyễn Văn An." + " Rồi về." * 10
    found = [Suggestion(4, 10, "PER", "29 GMT"), Suggestion(12, 29, "PER", "<b>Trưởng Ban</b>"),
             Suggestion(38, 51, "PER", "Nguyễn Văn An")]
    assert [text[s.start:s.end] for s in found] == [s.text for s in found]
    dialog = ReviewSuggestionsDialog(found, text, "person", "PER")
    qtbot.addWidget(dialog)
    items = [dialog.model.item(r) for r in range(dialog.model.rowCount())]
    assert [i.text() for i in items] == [s.text for s in found]
    assert [dialog.model.item(r, 1).text() for r in range(3)] == [  # item views show text as it is: "<b>" stays
        "Lúc [29 GMT], <b>Trưởng Ban</b> gặp ông Ng…",
        "Lúc 29 GMT, [<b>Trưởng Ban</b>] gặp ông Nguyễn Văn An. Rồi về…",
        "…MT, <b>Trưởng Ban</b> gặp ông [Nguyễn Văn An]. Rồi về. Rồi về. Rồi về. Rồi…"]
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert dialog.chosen() == found and ok.text() == "Accept 3"
    items[0].setCheckState(Qt.CheckState.Unchecked)
    items[1].setCheckState(Qt.CheckState.Unchecked)
    assert dialog.chosen() == [found[2]] and ok.text() == "Accept 1"
    dialog.set_all(False)
    assert dialog.chosen() == [] and not ok.isEnabled()


def test_context_menu_offers_the_actions(opened, reader) -> None:
    controller, window, _id = opened
    place = next(s for s in reader.entities() if s.text == "Hà Nội")
    menu = QMenu(reader)
    menu.addAction("Copy")
    reader._entity_menu(menu, place)
    texts = [a.text() for a in menu.actions()]
    assert texts[0].startswith("Suggested place") and not menu.actions()[0].isEnabled()
    assert "Accept as LOC (place)" in texts and "Reject suggestion" in texts
    assert "Accept with tag…" in texts
    assert any(t.startswith("Review and accept the") and "LOC" in t for t in texts)
    assert texts[-1] == "Copy"
    next(a for a in menu.actions() if a.text() == "Reject suggestion").trigger()
    assert place not in reader.entities()
    menu.deleteLater()


def test_legend_shows_the_sections_asked_for(qtbot) -> None:
    bar = QStatusBar()
    qtbot.addWidget(bar)
    legend = PosLegend()
    bar.addPermanentWidget(legend)
    bar.show()
    legend.set_sections(True, False)
    assert legend.isVisible() and legend.pos_labels["noun"].isVisible()
    assert not legend.entity_widgets["PER"][1].isVisible()
    legend.set_sections(False, True)
    assert legend.entity_widgets["ORG"][1].isVisible() and not legend.pos_labels["verb"].isVisible()
    legend.set_sections(False, False)
    assert not legend.isVisible()


# --- the worker ---------------------------------------------------------------------------
@pytest.fixture
def make_worker(db: Database, process: SegmenterProcess):
    workers: list[SegmentationWorker] = []

    def make(tagging: bool = True) -> SegmentationWorker:
        worker = SegmentationWorker(db, process, tagging=tagging)
        workers.append(worker)
        return worker

    yield make
    for worker in workers:
        worker.shutdown()


def seed_text(i: int, repeat: int = 1) -> str:
    text = SEEDS[i % len(SEEDS)].read_text(encoding="utf-8")
    return f"Bài {i}\n" + "\n".join([text] * repeat)


class Log:
    def __init__(self, worker: SegmentationWorker) -> None:
        self.events: list[tuple[str, int]] = []
        self.failures: list[str] = []
        self.tag_progress: list[tuple[int, int]] = []
        worker.article_segmented.connect(lambda a: self.events.append(("words", a)))
        worker.article_tagged.connect(lambda a: self.events.append(("tags", a)))
        worker.failed.connect(self.failures.append)
        worker.tagging_progress.connect(lambda d, t: self.tag_progress.append((d, t)))

    def of(self, kind: str) -> list[int]:
        return [a for k, a in self.events if k == kind]


def test_the_open_article_is_tagged_right_after_its_words(qtbot, db: Database, make_worker) -> None:
    ids = add_articles(db, [seed_text(i, repeat=3) for i in range(5)])
    worker = make_worker()
    log = Log(worker)
    worker.prioritize(ids[-1])
    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS):
        worker.start()
    assert log.failures == []
    assert log.of("words")[0] == ids[-1] and log.of("tags")[0] == ids[-1]
    # Its tags came before the words of the rest were done...
    assert log.events.index(("tags", ids[-1])) < log.events.index(("words", log.of("words")[-1]))
    # ...and every other article was tagged only after all words were stored.
    last_words = max(i for i, (k, _) in enumerate(log.events) if k == "words")
    assert all(i > last_words for i, (k, a) in enumerate(log.events) if k == "tags" and a != ids[-1])
    assert sorted(log.of("tags")) == ids and log.tag_progress[-1] == (5, 5)
    assert tagging.articles_to_tag(db) == [] and articles_to_segment(db) == []
    with db.session() as session:
        text = session.get(Article, ids[0]).text
    pos = tagging.load_pos(db, ids[0])
    assert [(s, e) for s, e, _ in pos] == load_segmentation(db, ids[0]) == nlp.segment_text(text)
    assert tagging.load_entities(db, ids[0])


def test_opening_a_segmented_but_untagged_article_tags_it_first(qtbot, db: Database, make_worker) -> None:
    ids = add_articles(db, [seed_text(i) for i in range(4)])
    words_only = make_worker(tagging=False)
    log = Log(words_only)
    with qtbot.waitSignal(words_only.finished, timeout=WAIT_MS):
        words_only.start()
    assert log.of("tags") == [] and tagging.articles_to_tag(db) == ids
    worker = make_worker()
    log = Log(worker)
    worker.prioritize(ids[2])
    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS):
        worker.start()
    assert log.of("words") == [] and log.of("tags")[0] == ids[2] and sorted(log.of("tags")) == ids


def test_cancel_while_tagging_keeps_what_is_done(qtbot, db: Database, make_worker) -> None:
    # Long articles (>= LONG_ARTICLE): each is stored as soon as it is done, so a cancel
    # after the first leaves the others to do (small ones may share one batch).
    ids = add_articles(db, [seed_text(i, repeat=3) for i in range(5)])
    worker = make_worker()
    log = Log(worker)
    worker.article_tagged.connect(lambda _a: worker.cancel())
    with qtbot.waitSignal(worker.stopped, timeout=WAIT_MS):
        worker.start()
    done = log.of("tags")
    assert done and articles_to_segment(db) == []  # what was tagged before the cancel stays
    assert sorted(tagging.articles_to_tag(db) + done) == ids
    worker.article_tagged.disconnect()
    remaining = tagging.articles_to_tag(db)
    assert remaining
    again = Log(worker)
    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS):
        worker.start()
    assert sorted(again.of("tags")) == remaining
    assert tagging.articles_to_tag(db) == []


def test_tagging_is_off_unless_asked_for_and_can_be_turned_off(qtbot, db: Database, process) -> None:
    ids = add_articles(db, [seed_text(i) for i in range(4)])
    worker = SegmentationWorker(db, process)
    try:
        assert not worker.tagging()
        log = Log(worker)
        with qtbot.waitSignal(worker.finished, timeout=WAIT_MS):
            worker.start()
        assert sorted(log.of("words")) == ids and log.of("tags") == []
        worker.set_tagging(True)
        worker.article_tagged.connect(lambda _a: worker.set_tagging(False))
        with qtbot.waitSignal(worker.finished, timeout=WAIT_MS):
            worker.start()
        # Jobs already sent finish; no new article is started once it is off.
        assert log.of("tags")
        assert log.tag_progress[-1][1] == len(log.of("tags"))
    finally:
        worker.shutdown()


def test_a_crash_while_tagging_is_reported_and_the_run_goes_on(qtbot, db: Database, make_worker, process) -> None:
    import os
    import signal

    ids = add_articles(db, [seed_text(i, repeat=2) for i in range(3)])
    worker = make_worker()
    log = Log(worker)
    killed: list[int] = []

    def kill_once(_article_id: int) -> None:
        if not killed and process.pid is not None:
            killed.append(process.pid)
            os.kill(process.pid, signal.SIGKILL)

    worker.article_tagged.connect(kill_once)
    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS):
        worker.start()
    assert killed and len(log.failures) == 1 and "SIGKILL" in log.failures[0]
    assert sorted(log.of("tags")) == ids and tagging.articles_to_tag(db) == []
