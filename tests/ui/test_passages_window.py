"""Analysis → Coded passages as a researcher works it, on a hand-made library whose answers
are known: the window shows what core and `chugiai passages` give, pages through a long
answer, sorts through core, opens a passage in the reader, changes and deletes passages
(undoable, the list following the bus) and exports what it found."""

from __future__ import annotations

import csv

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from desktop_app.core.analysis.passages import PAGE, PassageQuery, export_passages_csv, find_passages
from desktop_app.core.annotate.records import AnnotationError
from desktop_app.core.library.attribute_filters import parse_condition
from desktop_app.core.operations.editor import Operations
from desktop_app.core.storage.database import Database
from desktop_app.ui.analysis.passages_model import DATE, PASSAGE, PassagesModel
from desktop_app.ui.dialogs.tag_dialog import TagDialog
from tests.core.analysis_library import add_article
from tests.ui.analysis_helpers import cli_json, load_everything, make_library
from tests.ui.test_highlighting import when_visible


def ask(qtbot, pw, tags, mode="any", exclude=(), where=(), text="") -> list[int]:
    """Fill the form as a user would and wait for the answer; the highlight ids shown."""
    form = pw.filters
    form.where.clear()
    for term in where:
        form.where.add_row(parse_condition(term))
    form.text.setText(text)
    form.tags.set_checked(tags, exclude)
    form.mode.setCurrentIndex(form.mode.findData(mode))
    with qtbot.waitSignal(pw.searched, timeout=10_000):
        pw.run_query()
    return shown(pw)


def shown(pw) -> list[int]:
    return [pw.model.passage(r).highlight_id for r in range(pw.model.rowCount())]


def cli_ids(capsys, data_dir, tags, mode="any", exclude=(), where=(), text="") -> list[int]:
    args = ["passages", "--mode", mode, "--text", text]
    for t in tags:
        args += ["--tag", t]
    for t in exclude:
        args += ["--not", t]
    for w in where:
        args += ["--where", w]
    return [p["highlight_id"] for p in cli_json(capsys, data_dir, *args)]


@pytest.fixture
def passages(open_window, data_dir):
    articles, highlights = make_library(data_dir)
    window = open_window()
    pw = window.analysis.show_passages()
    return window, pw, articles, highlights


def test_the_window_answers_as_core_and_the_command_line_do(passages, qtbot, capsys, data_dir):
    window, pw, _art, h = passages
    questions = [
        (["Cán bộ"], "any", [], [], ""),
        (["Cán bộ", "Nhân sự"], "overlap", ["Cán bộ/Đào tạo"], [], ""),
        (["Cán bộ", "Kỷ luật"], "paragraph", [], ["outlet=PLVN"], ""),
        (["Cán bộ"], "any", [], ["Giọng điệu=Phê phán"], ""),
        (["Nhân sự", "Kỷ luật"], "any", ["Cán bộ"], [], "dao tao"),
    ]
    for tags, mode, exclude, where, text in questions:
        ids = ask(qtbot, pw, tags, mode, exclude, where, text)
        core = find_passages(window.db, PassageQuery(tuple(tags), mode, tuple(exclude), tuple(where), text)).ids
        assert ids == list(core) == cli_ids(capsys, data_dir, tags, mode, exclude, where, text)
        assert pw.model.total() == len(core)
    # Worked out by hand (tests/core/analysis_library.py): the window's own answers.
    assert ask(qtbot, pw, ["Cán bộ"]) == [h["h1"], h["h5"], h["h6"], h["h7"]]
    assert ask(qtbot, pw, ["Cán bộ"], where=["Giọng điệu=Phê phán"]) == [h["h6"], h["h7"]]
    assert ask(qtbot, pw, ["Cán bộ", "Nhân sự"], "overlap", ["Cán bộ/Đào tạo"]) == [h["h3"]]
    # What a row shows: tags, article, outlet, date, the passage, its note.
    ask(qtbot, pw, ["Cán bộ/Đào tạo"])
    first = pw.model.passage(0)
    assert [pw.model.index(0, c).data() for c in range(6)] == [
        "Cán bộ/Đào tạo", "Bài A", "PLVN", "04/04/2023", "Cán bộ trẻ", "ghi chú một"]
    assert "[Cán bộ trẻ]" in pw.model.index(0, PASSAGE).data(Qt.ItemDataRole.ToolTipRole)
    assert first.context.startswith("Cán bộ trẻ được đào tạo bài bản.")
    pw.table.setCurrentIndex(pw.model.index(0, 0))
    preview = pw.preview.toPlainText().split("\n")
    assert preview == ["Bài A · 04/04/2023 10:48 · PLVN · Cán bộ/Đào tạo", first.context, "Note: ghi chú một"]


def test_no_tag_ticked_shows_nothing_and_says_why(passages, qtbot):
    _w, pw, _a, _h = passages
    ask(qtbot, pw, ["Kỷ luật"])
    assert pw.model.rowCount() == 2
    pw.filters.tags.clear_checks()
    pw.run_query()
    assert pw.model.rowCount() == 0 and pw.model.found is None
    assert pw.summary.text() == pw.tr("Tick one or more tags to see their passages.")


def test_a_bad_filter_is_told_in_words_and_shows_nothing_new(passages, qtbot):
    _w, pw, _a, _h = passages
    ask(qtbot, pw, ["Cán bộ"])
    with qtbot.waitSignal(pw.failed, timeout=10_000) as failed:
        pw.filters.where.add_row(parse_condition("year>=abc"))
        pw.run_query()
    assert failed.args == ["“abc” is not a number."]
    assert "“abc” is not a number." in pw.summary.text()


@pytest.fixture
def long_answer(open_window, data_dir):
    """250 passages of one tag over five articles with dates, so that paging and sorting
    by date have something to do."""
    db = Database.open(data_dir / "chugiai.sqlite3")
    ops = Operations(db)
    from desktop_app.core.annotate.highlights import NewHighlight

    new = []
    for n, day in enumerate(["2021-05-01", "2023-01-09", "2019-12-30", "2022-07-04", None]):
        text = f"Bài {n}. " + " ".join(f"câu số {i} nói về cán bộ." for i in range(60))
        a = add_article(db, text, f"Bài {n}", "PLVN" if n % 2 else "TTXVN", day)
        at = 0
        for _ in range(50):
            at = text.index("cán bộ", at + 1)
            new.append(NewHighlight(a, at, at + 6, ["Cán bộ"]))
    ops.create_highlights(new)
    db.close()
    window = open_window()
    return window, window.analysis.show_passages()


def test_a_long_answer_loads_a_page_at_a_time_and_sorts_through_core(long_answer, qtbot, qtmodeltester):
    window, pw = long_answer
    ids = ask(qtbot, pw, ["Cán bộ"])
    core = find_passages(window.db, PassageQuery(("Cán bộ",)))
    assert len(core) == 250 and pw.model.total() == 250
    assert ids == list(core.ids[:PAGE])  # the first page only, at once
    load_everything(qtbot, pw.model)
    assert shown(pw) == list(core.ids)
    qtmodeltester.check(pw.model)
    # A click on the Date header sorts the whole answer (core), newest first on a second click.
    header = pw.table.horizontalHeader()
    with qtbot.waitSignal(pw.searched, timeout=10_000):
        header.setSortIndicator(DATE, Qt.SortOrder.DescendingOrder)
    by_date = find_passages(window.db, PassageQuery(("Cán bộ",), sort="date", descending=True))
    assert pw.sort.currentData() == "date" and pw.descending.isChecked()
    assert shown(pw) == list(by_date.ids[:len(shown(pw))])
    dates = [pw.model.passage(r).published for r in range(pw.model.rowCount())]
    assert dates[0] == "2023-01-09" and dates == sorted(dates, key=lambda d: d or "", reverse=True)
    # The outlet column is no order core keeps: the indicator stays on Date.
    header.setSortIndicator(2, Qt.SortOrder.AscendingOrder)
    assert header.sortIndicatorSection() == DATE


def test_the_model_passes_qt_checks_while_pages_arrive(qtmodeltester, qtbot, db):
    from tests.core.analysis_library import sample_library

    sample_library(db)
    model = PassagesModel(db)
    found = find_passages(db, PassageQuery(("Cán bộ",)))
    model.set_result(found, [], 0)
    qtmodeltester.check(model)
    load_everything(qtbot, model)
    assert [model.passage(r).highlight_id for r in range(model.rowCount())] == list(found.ids)
    qtmodeltester.check(model)
    model.set_result(None, [])
    qtmodeltester.check(model)


def test_enter_opens_the_passage_at_its_place_in_the_reader(passages, qtbot):
    window, pw, art, h = passages
    ask(qtbot, pw, ["Nhân sự"])  # h3 in A, h7 in B
    row = shown(pw).index(h["h7"])
    pw.table.setCurrentIndex(pw.model.index(row, 0))
    pw.table.setFocus()
    QTest.keyClick(pw.table, Qt.Key.Key_Return)
    passage = pw.model.passage(row)
    assert window.current.id == art["B"] == passage.article_id
    assert window.reader.caret_offset() == passage.start
    # Double-click opens too.
    row = shown(pw).index(h["h3"])
    pw.table.passageActivated.emit(pw.model.index(row, 1))
    assert window.current.id == art["A"] and window.reader.caret_offset() == pw.model.passage(row).start


def test_deleting_and_retagging_from_the_list_is_undoable_and_the_list_follows(passages, qtbot):
    window, pw, _art, h = passages
    ask(qtbot, pw, ["Cán bộ"])
    pw.table.selectRow(shown(pw).index(h["h5"]))
    when_visible(pw, QMessageBox, lambda: pw.findChild(QMessageBox).button(QMessageBox.StandardButton.Yes).click())
    with qtbot.waitSignal(pw.searched, timeout=10_000):
        pw.delete_button.click()
    assert shown(pw) == [h["h1"], h["h6"], h["h7"]]
    with pytest.raises(AnnotationError):
        window.service.get_highlight(h["h5"])
    with qtbot.waitSignal(pw.searched, timeout=10_000):
        window.undo_actions.undo()
    assert shown(pw) == [h["h1"], h["h5"], h["h6"], h["h7"]]

    # Tags…: h6 loses Cán bộ and gets Kỷ luật, so it leaves the list (one step, undoable).
    pw.table.selectRow(shown(pw).index(h["h6"]))

    def answer() -> None:
        dialog = pw.findChild(TagDialog)
        for row in range(dialog.model.rowCount()):
            item = dialog.model.item(row)
            if item.text() in ("Cán bộ", "Kỷ luật"):
                item.setCheckState(Qt.CheckState.Unchecked if item.text() == "Cán bộ" else Qt.CheckState.Checked)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    when_visible(pw, TagDialog, answer)
    with qtbot.waitSignal(pw.searched, timeout=10_000):
        pw.tags_button.click()
    assert window.service.get_highlight(h["h6"]).tag_names == ["Kỷ luật"]
    assert shown(pw) == [h["h1"], h["h5"], h["h7"]]
    with qtbot.waitSignal(pw.searched, timeout=10_000):
        window.undo_actions.undo()
    assert window.service.get_highlight(h["h6"]).tag_names == ["Cán bộ"]
    assert shown(pw) == [h["h1"], h["h5"], h["h6"], h["h7"]]


def test_tags_for_several_passages_add_the_ticked_and_remove_the_unticked_shared_ones(passages, qtbot):
    window, pw, _art, h = passages
    ask(qtbot, pw, ["Cán bộ/Đào tạo"])  # h1 and h7 share exactly Cán bộ/Đào tạo
    pw.table.selectAll()

    def answer() -> None:
        dialog = pw.findChild(TagDialog)
        checked = {dialog.model.item(r).text() for r in range(dialog.model.rowCount())
                   if dialog.model.item(r).checkState() == Qt.CheckState.Checked}
        assert checked == {"Cán bộ/Đào tạo"}  # only what they all carry
        dialog.input.setText("Trọng tâm")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    when_visible(pw, TagDialog, answer)
    with qtbot.waitSignal(pw.searched, timeout=10_000):
        pw.tags_button.click()
    assert window.service.get_highlight(h["h1"]).tag_names == ["Cán bộ/Đào tạo", "Trọng tâm"]
    assert window.service.get_highlight(h["h7"]).tag_names == ["Cán bộ/Đào tạo", "Nhân sự", "Trọng tâm"]
    with qtbot.waitSignal(pw.searched, timeout=10_000):
        window.undo_actions.undo()  # one step for both
    assert window.service.get_highlight(h["h1"]).tag_names == ["Cán bộ/Đào tạo"]
    assert window.service.get_highlight(h["h7"]).tag_names == ["Cán bộ/Đào tạo", "Nhân sự"]


def test_export_writes_every_passage_found_to_csv_and_xlsx(passages, qtbot, tmp_path):
    window, pw, _art, h = passages
    ask(qtbot, pw, ["Cán bộ"], where=["outlet=PLVN"])
    assert shown(pw) == [h["h1"], h["h5"]]
    target = tmp_path / "đoạn.csv"
    with qtbot.waitSignal(pw.exported, timeout=10_000) as done:
        pw.export(target, "csv")
    assert done.args == [str(target), 2]
    expected = tmp_path / "core.csv"
    export_passages_csv(window.db, pw.model.found, expected)
    assert target.read_bytes() == expected.read_bytes()
    with open(target, encoding="utf-8-sig", newline="") as f:
        assert [int(r["highlight_id"]) for r in csv.DictReader(f)] == [h["h1"], h["h5"]]
    book = tmp_path / "đoạn.xlsx"
    with qtbot.waitSignal(pw.exported, timeout=10_000):
        pw.export(book, "xlsx")
    sheet = openpyxl.load_workbook(book)["Passages"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "highlight_id" and [r[0] for r in rows[1:]] == [h["h1"], h["h5"]]
    assert rows[1][rows[0].index("quote")] == "Cán bộ trẻ"
    # The library itself is never an export target: said in words, nothing written.
    before = window.db.path.read_bytes()
    with qtbot.waitSignal(pw.failed, timeout=10_000) as refused:
        pw.export(window.db.path, "csv")
    assert "belongs to the Chú Giải library" in refused.args[0]
    assert window.db.path.read_bytes() == before


def test_the_shortcut_opens_the_window(open_window, qtbot):
    window = open_window()
    assert window.analysis.act_passages.shortcut().toString() == "Ctrl+Shift+R"
    window.analysis.act_passages.trigger()
    assert window.analysis.passages is not None and window.analysis.passages.isVisible()


def test_export_asks_in_the_folder_last_used_and_remembers_it(passages, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    window, pw, _art, _h = passages
    ask(qtbot, pw, ["Kỷ luật"])
    folder = tmp_path / "xuất"
    folder.mkdir()
    window.settings.setValue("dialogs/analysis", str(folder))
    asked = []

    def answer(parent, title, start, filters):
        asked.append(start)
        return str(folder / "kỷ luật"), filters.split(";;")[0]  # the workbook filter, no suffix typed

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    with qtbot.waitSignal(pw.exported, timeout=10_000) as done:
        pw.export()
    assert asked == [str(folder / "passages.xlsx")]
    assert done.args == [str(folder / "kỷ luật.xlsx"), 2]
