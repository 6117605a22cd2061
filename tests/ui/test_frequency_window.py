"""The word frequency window on the seeds segmented for real: its counts are exactly
word_frequencies' for each scope and option; stop words are edited, saved and reset."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtTest import QTest

from desktop_app.core.analysis.frequencies import FrequencyResult, word_frequencies
from desktop_app.core.analysis.stopwords import load_stopwords
from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.library.articles import article_text
from desktop_app.core.storage.database import Database
from desktop_app.ui import background
from desktop_app.ui.app import make_application
from desktop_app.ui.tools import frequency_window as fw
from desktop_app.ui.tools.frequency_window import WORD_ROLE, FrequencyWindow
from desktop_app.ui.tools.stopwords_dialog import StopwordsDialog
from tests.ui.english import shipped
from tests.ui.test_concordance_window import seeded, type_text  # noqa: F401  (fixture)
from tests.ui.test_highlighting import when_visible


def rows(w: FrequencyWindow) -> list[tuple[str, int, int]]:
    """What the table shows, in its order: (word, count, articles)."""
    out = []
    for r in range(w.proxy.rowCount()):
        word = w.proxy.index(r, 1).data(WORD_ROLE)
        out.append((word.word, word.count, word.articles))
    return out


def expected(result: FrequencyResult) -> list[tuple[str, int, int]]:
    return [(w.word, w.count, w.articles) for w in result.words]


@pytest.fixture
def tagged(seeded: Database) -> tuple[Database, int]:  # noqa: F811  (the imported fixture, by name)
    """Two highlights tagged "Nhân sự" (one in a nested tag) in the first article."""
    service = AnnotationService(seeded)
    text = article_text(seeded, 1)
    first = text.index("cán bộ")
    service.create_highlight(1, first, first + 120, ["Nhân sự"])
    second = text.index("công tác", first + 200)
    service.create_highlight(1, second, second + 80, ["Nhân sự/Quy hoạch"])
    return seeded, 1


@pytest.fixture
def window(qtbot, tagged, tmp_path: Path):
    db, article_id = tagged
    make_application()
    current = {"id": article_id}
    w = FrequencyWindow(db, current_article=lambda: current["id"],
                        tags=lambda: [t.name for t in AnnotationService(db).list_tags()],
                        stopwords_path=tmp_path / "data" / "stopwords-vi.txt")
    w.current = current
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.computed, timeout=20_000):  # counts itself when first shown
        w.show()
    qtbot.waitExposed(w)
    yield w
    background.pool().waitForDone(20_000)


def recount(qtbot, w: FrequencyWindow, change) -> FrequencyResult:
    with qtbot.waitSignal(w.computed, timeout=20_000) as blocker:
        change()
    return blocker.args[0]


def test_whole_library_counts_are_word_frequencies(qtbot, window, tagged):
    db, _ = tagged
    stop = load_stopwords()
    result = word_frequencies(db, stopwords=stop)
    assert window.leave_out_stopwords.isChecked() and window.scope.currentData() == "library"
    assert rows(window) == expected(result)
    assert window.result() == result
    first = window.proxy.index(0, 4).data()
    assert first == f"{result.words[0].count * 10_000 / result.total_words:.2f}"
    n = QLocale().toString
    assert shipped(window.summary.text()) == (f"{n(result.total_words)} words · 5 articles · "
                                     f"{n(len(result.words))} different words listed")
    assert not window.note.isVisible()
    # Stop words in, then compounds only: each exactly as core counts them.
    recount(qtbot, window, window.leave_out_stopwords.click)
    assert rows(window) == expected(word_frequencies(db))
    recount(qtbot, window, window.compounds_only.click)
    compounds = rows(window)
    assert compounds == expected(word_frequencies(db, min_syllables=2))
    assert all(" " in word for word, _c, _a in compounds)


def test_tag_and_article_scopes(qtbot, window, tagged):
    db, article_id = tagged
    stop = load_stopwords()
    assert [window.tag.itemText(i) for i in range(window.tag.count())] == ["Nhân sự", "Nhân sự/Quy hoạch"]
    assert not window.tag.isEnabled()
    result = recount(qtbot, window, lambda: window.scope.setCurrentIndex(window.scope.findData("tag")))
    assert window.tag.isEnabled() and result.articles == 1
    assert rows(window) == expected(word_frequencies(db, tag="Nhân sự", stopwords=stop))
    recount(qtbot, window, lambda: window.tag.setCurrentIndex(1))
    assert rows(window) == expected(word_frequencies(db, tag="Nhân sự/Quy hoạch", stopwords=stop))
    recount(qtbot, window, lambda: window.scope.setCurrentIndex(window.scope.findData("article")))
    assert rows(window) == expected(word_frequencies(db, article_ids=[article_id], stopwords=stop))
    window.current["id"] = None
    recount(qtbot, window, window.refresh)
    assert rows(window) == [] and window.summary.text() == "No article is open."


def test_sorting_filtering_activating_and_export(qtbot, window, tmp_path):
    result = window.result()
    header = window.table.horizontalHeader()
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(1) + 5, 5))
    shown = [w for w, _c, _a in rows(window)]
    from desktop_app.core.text.normalize import fold

    assert [fold(w) for w in shown] == sorted(fold(w) for w in shown)
    type_text(window.filter, "can")
    assert rows(window) and all(fold(w).find("can") >= 0 for w, _c, _a in rows(window))
    seen = []
    window.wordActivated.connect(seen.append)
    rect = window.table.visualRect(window.proxy.index(0, 2))
    QTest.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert seen == [rows(window)[0][0]]
    target = tmp_path / "tần suất.csv"
    with qtbot.waitSignal(window.exported, timeout=10_000) as blocker:
        window.export_csv(target, ";")
    assert blocker.args == [str(target), len(result.words)]  # every word, not only the filtered
    with open(target, encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f, delimiter=";"))
    assert table[0] == ["rank", "word", "count", "articles", "per_10000_words"]
    assert [(r[1], int(r[2])) for r in table[1:4]] == [(w.word, w.count) for w in result.words[:3]]


def test_stop_words_dialog_saves_and_resets(qtbot, window, tagged, tmp_path):
    db, _ = tagged
    path = window.stopwords_path
    default = load_stopwords()
    top = window.result().words[0].word  # the most frequent word that is not a stop word

    def add_top_word() -> None:
        dialog = window.findChild(StopwordsDialog)
        assert dialog.words() == default  # no user list yet: the shipped one
        dialog.editor.appendPlainText(top.upper())
        dialog.save_button.click()

    when_visible(window, StopwordsDialog, add_top_word)
    result = recount(qtbot, window, window.edit_stopwords_button.click)
    assert load_stopwords(path) == default | {top.casefold()}
    assert top not in [w.word for w in result.words]
    assert rows(window) == expected(word_frequencies(db, stopwords=default | {top}))

    def reset() -> None:
        dialog = window.findChild(StopwordsDialog)
        assert top.casefold() in dialog.words()
        dialog.reset_button.click()
        assert dialog.words() == default and dialog.count.text() == f"{QLocale().toString(len(default))} words"
        dialog.save_button.click()

    when_visible(window, StopwordsDialog, reset)
    result = recount(qtbot, window, window.edit_stopwords_button.click)
    assert load_stopwords(path) == default and result.words[0].word == top

    def cancel() -> None:
        dialog = window.findChild(StopwordsDialog)
        dialog.editor.setPlainText("")
        dialog.reject()

    when_visible(window, StopwordsDialog, cancel)
    window.edit_stopwords()
    assert load_stopwords(path) == default  # Cancel writes nothing


def test_options_changed_while_counting_count_only_the_newest(qtbot, window, tagged):
    db, _ = tagged
    results = []
    window.computed.connect(results.append)
    window.leave_out_stopwords.click()
    window.compounds_only.click()
    window.leave_out_stopwords.click()
    qtbot.waitUntil(lambda: bool(results), timeout=20_000)
    background.pool().waitForDone(20_000)
    qtbot.wait(50)
    assert results[-1] == word_frequencies(db, stopwords=load_stopwords(), min_syllables=2)
    assert len(results) == 1  # the running count and the middle request are never shown


def test_set_scope_counts_a_tag_at_once(qtbot, window, tagged):
    db, _ = tagged
    result = recount(qtbot, window, lambda: window.set_scope("tag", "Nhân sự/Quy hoạch"))
    assert window.scope.currentData() == "tag" and window.tag.currentData() == "Nhân sự/Quy hoạch"
    assert result == word_frequencies(db, tag="Nhân sự/Quy hoạch", stopwords=load_stopwords())
    recount(qtbot, window, lambda: window.set_scope("library"))
    assert window.result() == word_frequencies(db, stopwords=load_stopwords())


def test_a_count_that_crashes_is_reported_and_the_window_counts_again(qtbot, window, monkeypatch):
    reported: list[type] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, tb: reported.append(kind))
    real_run = fw.Request.run
    monkeypatch.setattr(fw.Request, "run", lambda self, db: 1 / 0)
    with qtbot.waitSignal(window.failed, timeout=20_000):
        window.compounds_only.click()
    assert reported == [ZeroDivisionError]
    assert window.summary.text() == "Counting failed: an unexpected error (see the log)"
    monkeypatch.setattr(fw.Request, "run", real_run)
    recount(qtbot, window, window.compounds_only.click)  # not stuck "counting"
