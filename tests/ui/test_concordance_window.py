"""The concordance window as a researcher works it, on the seeds segmented for real (so
every line is exactly what core's concordance gives): folded and exact queries, sorting,
opening a line, tagging selected lines, loading every line, stopping, exporting."""

from __future__ import annotations

import csv
import functools
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtTest import QTest

from desktop_app.core.analysis import concordance_pages
from desktop_app.core.analysis.concordance import concordance, sort_lines
from desktop_app.core.library.articles import article_text
from desktop_app.core.library.ingest import import_paths
from desktop_app.core.nlp.segmentation import segment_text
from desktop_app.core.nlp.stored import save_segmentation
from desktop_app.core.storage.database import Database
from desktop_app.core.text.matching import MatchLevel
from desktop_app.core.text.normalize import fold
from desktop_app.ui import background
from desktop_app.ui.app import make_application
from desktop_app.ui.dialogs.tag_dialog import TagDialog
from desktop_app.ui.tools import concordance_window as cw
from desktop_app.ui.tools.concordance_window import ConcordanceWindow
from tests.ui.english import shipped
from tests.ui.test_highlighting import when_visible

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@functools.cache
def _spans(text: str) -> tuple[tuple[int, int], ...]:
    """Segmenting the seeds takes ~0.8 s: once per test session."""
    return tuple(segment_text(text))


@pytest.fixture
def seeded(db: Database) -> Database:
    """The five seeds, imported and segmented for real."""
    report = import_paths(db, sorted(SEEDS.glob("*.txt")))
    for _path, article_id in report.imported:
        text = article_text(db, article_id)
        assert save_segmentation(db, article_id, text, _spans(text))
    return db


@pytest.fixture
def window(qtbot, seeded: Database):
    make_application()
    calls: dict[str, list] = {"open": [], "tag": []}
    w = ConcordanceWindow(
        seeded,
        open_at=lambda *args: calls["open"].append(args),
        tag_lines=lambda spans, tags: calls["tag"].append((spans, tags)),
        tags=lambda: ["Cán bộ", "Tổ chức"],
    )
    w.calls = calls
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.stop()
    background.pool().waitForDone(10_000)  # no job may outlive the database


def type_text(widget, text: str) -> None:
    """Key presses carrying each character, as an input method delivers Vietnamese
    (QTest.keyClicks only knows ASCII)."""
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def search(qtbot, w: ConcordanceWindow, text: str) -> list:
    w.query.clear()
    type_text(w.query, text)
    with qtbot.waitSignal(w.searched, timeout=10_000):
        QTest.keyClick(w.query, Qt.Key.Key_Return)
    return w.lines()


def test_a_query_without_diacritics_finds_every_spelling(qtbot, window, seeded):
    lines = search(qtbot, window, "can bo")
    assert window.match_level.level() is MatchLevel.NONE  # no marks typed: folded
    assert lines == concordance(seeded, "can bo", limit=cw.PAGE)
    assert len(lines) > 20 and {fold(l.keyword) for l in lines} == {"can bo"}
    assert "cán bộ" in {l.keyword.casefold() for l in lines}
    assert window.summary.text() == f"{len(lines)} lines · {len({l.article_id for l in lines})} articles"
    assert not window.load_all_button.isVisible() and not window.note.isVisible()
    # The model shows the columns a KWIC reader expects.
    model = window.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Left context", "Keyword", "Right context", "Article"]
    first = lines[0]
    assert [model.index(0, c).data() for c in range(4)] == [first.left, first.keyword, first.right, first.title]
    assert model.index(0, 1).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight


def choose(qtbot, window, level: MatchLevel) -> None:
    combo = window.match_level
    with qtbot.waitSignal(window.searched, timeout=10_000):
        combo.setCurrentIndex(combo.findData(level.value))
        combo.activated.emit(combo.currentIndex())  # what a user's pick sends


def test_a_query_with_diacritics_matches_the_same_word(qtbot, window, seeded):
    lines = search(qtbot, window, "Đảng")
    assert window.match_level.level() is MatchLevel.WORD
    assert lines == concordance(seeded, "Đảng", limit=cw.PAGE, level=MatchLevel.WORD)
    assert lines and {l.keyword.casefold() for l in lines} == {"đảng"}
    # No diacritics searches again, folded: đang, đáng… come too.
    choose(qtbot, window, MatchLevel.NONE)
    folded = window.lines()
    assert len(folded) > len(lines) and {fold(l.keyword) for l in folded} == {"dang"}
    # Exact: as written, case included.
    choose(qtbot, window, MatchLevel.EXACT)
    assert window.lines() and {l.keyword for l in window.lines()} == {"Đảng"}
    # The user's choice holds while the query is edited; emptying the field resets it.
    type_text(window.query, " viên")
    assert window.match_level.level() is MatchLevel.EXACT
    window.query.clear()
    type_text(window.query, "tổ chức")
    assert window.match_level.level() is MatchLevel.WORD


def test_sorting_by_the_word_after_orders_the_rows(qtbot, window, seeded):
    lines = search(qtbot, window, "can bo")
    header = window.table.horizontalHeader()
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(2) + 5, 5))
    assert window.sort.currentData() == "right"
    assert window.lines() == sort_lines(lines, "right")
    words = [fold(l.right_word) for l in window.lines()]
    assert words == sorted(words)
    window.sort.setCurrentIndex(window.sort.findData("left"))
    assert window.lines() == sort_lines(lines, "left")
    assert header.sortIndicatorSection() == 0
    window.sort_by("article")
    assert window.lines() == lines


def test_double_click_and_enter_open_the_line_in_the_reader(qtbot, window):
    lines = search(qtbot, window, "to chuc")
    view = window.table
    rect = view.visualRect(window.model.index(2, 1))
    # A real double-click is a press first: the view opens only the row that was pressed.
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    line = lines[2]
    assert window.calls["open"] == [(line.article_id, line.start, line.end - line.start)]
    view.setCurrentIndex(window.model.index(4, 0))
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert window.calls["open"][-1] == (lines[4].article_id, lines[4].start, lines[4].end - lines[4].start)


def test_tag_selected_lines_hands_their_spans_and_the_tags(qtbot, window):
    lines = search(qtbot, window, "can bo")
    assert not window.tag_button.isEnabled()
    selection = window.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (1, 3, 6):
        selection.select(window.model.index(row, 0), flags)
    assert window.tag_button.isEnabled()
    seen = {}

    def answer() -> None:
        dialog = window.findChild(TagDialog)
        seen["title"] = dialog.windowTitle()
        seen["offered"] = [dialog.model.item(r).text() for r in range(dialog.model.rowCount())]
        dialog.model.item(1).setCheckState(Qt.CheckState.Checked)  # Tổ chức
        type_text(dialog.input, "Nhân sự")
        dialog.buttons.accepted.emit()

    when_visible(window, TagDialog, answer)
    window.tag_button.click()
    assert seen == {"title": "Tags for 3 selected lines", "offered": ["Cán bộ", "Tổ chức"]}
    spans = [(lines[r].article_id, lines[r].start, lines[r].end) for r in (1, 3, 6)]
    assert window.calls["tag"] == [(spans, ["Tổ chức", "Nhân sự"])]
    assert shipped(window.status.text()) == "Tagged 3 lines with Tổ chức, Nhân sự"


def test_cancelling_the_tag_dialog_tags_nothing(qtbot, window):
    search(qtbot, window, "can bo")
    window.table.selectRow(0)
    when_visible(window, TagDialog, lambda: window.findChild(TagDialog).reject())
    window.tag_selected()
    assert window.calls["tag"] == []


def test_export_writes_the_lines_in_the_order_shown(qtbot, window, tmp_path):
    search(qtbot, window, "can bo")
    window.sort_by("right")
    target = tmp_path / "kwic cán bộ.csv"
    with qtbot.waitSignal(window.exported, timeout=10_000) as blocker:
        window.export_csv(target, ";")
    assert blocker.args == [str(target), len(window.lines())]
    with open(target, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert rows[0] == ["article_id", "title", "start", "end", "left", "keyword", "right"]
    assert [(int(r[0]), int(r[2]), r[5]) for r in rows[1:]] == [
        (l.article_id, l.start, l.keyword) for l in window.lines()]


def test_first_page_then_load_all_lines(qtbot, window, seeded, monkeypatch):
    monkeypatch.setattr(cw, "PAGE", 10)
    every = concordance(seeded, "can bo")
    page = search(qtbot, window, "can bo")
    assert page == every[:10]
    # The word index knows the total before every line is made.
    assert window.summary.text() == f"Showing the first 10 of {len(every)} lines."
    assert window.load_all_button.isVisible() and not window.is_complete()
    window.sort_by("left")
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        window.load_all_button.click()
    assert window.is_complete() and window.lines() == sort_lines(every, "left")
    assert not window.load_all_button.isVisible() and not window.progress.isVisible()


def test_load_all_stops_at_what_a_list_holds_and_export_writes_every_line(
        qtbot, window, seeded, monkeypatch, tmp_path):
    monkeypatch.setattr(cw, "PAGE", 5)
    monkeypatch.setattr(cw, "MAX_LINES", 8)
    every = concordance(seeded, "can bo")
    assert len(every) > 8
    search(qtbot, window, "can bo")
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        window.load_all_button.click()
    assert len(window.lines()) == 8 and not window.is_complete()
    assert "the most one list holds" in window.summary.text() and not window.load_all_button.isVisible()
    target = tmp_path / "all.csv"
    with qtbot.waitSignal(window.exported, timeout=10_000) as blocker:
        window.export_csv(target)
    assert blocker.args[1] == len(every)  # streamed in article order, not the 8 shown


def test_export_of_a_first_page_exports_every_line(qtbot, window, seeded, monkeypatch, tmp_path):
    monkeypatch.setattr(cw, "PAGE", 10)
    search(qtbot, window, "can bo")
    target = tmp_path / "all.csv"
    with qtbot.waitSignal(window.exported, timeout=10_000) as blocker:
        window.export_csv(target)
    assert blocker.args[1] == len(concordance(seeded, "can bo"))


def test_stop_keeps_the_lines_found_so_far(qtbot, window, seeded, monkeypatch):
    monkeypatch.setattr(cw, "PAGE", 5)
    every = concordance(seeded, "can bo")
    gate, stopped = threading.Event(), threading.Event()

    def slow(*args, **kwargs):
        for n, line in enumerate(every):
            if n == 20:
                gate.set()
                assert stopped.wait(10)  # Stop comes while the job is here
            yield line

    search(qtbot, window, "can bo")
    monkeypatch.setattr(concordance_pages, "iter_concordance", slow)  # core streams the lines
    with qtbot.waitSignal(window.loaded, timeout=10_000) as blocker:
        window.load_all()
        assert window.progress.isVisible() and window.stop_button.isVisible()
        qtbot.waitUntil(gate.is_set, timeout=5_000)
        window.stop_button.click()
        stopped.set()
    assert 20 <= blocker.args[0] < len(every)
    assert window.lines() == every[:blocker.args[0]] and not window.is_complete()
    assert "before you stopped" in window.summary.text() and window.load_all_button.isVisible()


def test_only_the_newest_search_is_shown(qtbot, window):
    emitted = []
    window.searched.connect(emitted.append)
    window.query.setText("can bo")
    window.search()
    window.query.setText("to chuc")
    with qtbot.waitSignal(window.searched, timeout=10_000):
        window.search()
    background.pool().waitForDone(10_000)
    qtbot.wait(50)
    assert len(emitted) == 1 and {fold(l.keyword) for l in window.lines()} == {"to chuc"}


def test_lines_from_unsegmented_articles_are_noted(qtbot, window, seeded, tmp_path):
    extra = tmp_path / "chưa tách.txt"
    extra.write_text("Bài chưa tách từ\n\nĐội ngũ cán bộ trẻ của tỉnh.\n", encoding="utf-8")
    import_paths(seeded, [extra])
    lines = search(qtbot, window, "can bo")
    bare = [l for l in lines if not l.segmented]
    assert len(bare) == 1 and bare[0].keyword == "cán bộ"
    assert window.note.isVisible()
    assert window.note.text() == "1 line matched by syllables: segmentation of its article is not finished."


def test_no_match_says_so(qtbot, window):
    assert search(qtbot, window, "không có đâu cả") == []
    assert window.summary.text() == ("No line matches “không có đâu cả”. "
                                     "Choose No diacritics to find every spelling.")
    assert not window.export_button.isEnabled()


def test_show_query_searches_at_once(qtbot, window, seeded):
    with qtbot.waitSignal(window.searched, timeout=10_000):
        window.show_query("Tổ chức", match_diacritics=True)
    assert window.query.text() == "Tổ chức" and window.match_level.level() is MatchLevel.WORD
    assert window.lines() == concordance(seeded, "Tổ chức", limit=cw.PAGE, level=MatchLevel.WORD)
    with qtbot.waitSignal(window.searched, timeout=10_000):
        window.show_query("to chuc")  # None: the query decides, as typing does
    assert window.match_level.level() is MatchLevel.NONE


def test_the_main_window_opens_the_concordance_on_the_selected_words_and_tags_lines_undoably(open_window, qtbot):
    window = open_window()
    from tests.ui.test_highlighting import open_article_containing

    start = open_article_containing(window, "cán bộ")
    window.reader.select_offsets(start, start + len("cán bộ"))
    conc = window.concordance_window()
    with qtbot.waitSignal(conc.searched, timeout=20_000):
        window.commands.act_concordance.trigger()
    assert conc.isVisible() and conc.query.text() == "cán bộ" and conc.lines()
    first = conc.lines()[0]
    window.tools.tag_lines([(first.article_id, first.start, first.end)], ["Từ khoá"])
    assert window.commands.act_undo.text().startswith("Undo Highlight 1 passage")
    window.commands.act_frequencies.trigger()
    assert window.tools.frequencies is not None and window.tools.frequencies.isVisible()
    window.close()
    assert not conc.isVisible()
