"""Analysis → Agreement…: the window shows the command line's figures; a tag's disagreements
open in the reader, are walked with the keyboard and adjudicated into a consensus coder,
undoably (Edit → Undo)."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from desktop_app.core.library.coders import use_coder
from desktop_app.core.nlp.stored import save_segmentation
from desktop_app.core.operations.editor import Operations
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Coder, Highlight
from desktop_app.ui.analysis.agreement_model import UNDEFINED
from tests.core.test_adjudication import TEXT, span, words
from tests.core.test_annotations import add_article
from tests.ui.analysis_helpers import cli_json

OTHER = "Đại hội bàn về công tác cán bộ. Hội nghị Trung ương họp ở Hà Nội."


def make_coded_library(data_dir) -> int:
    """Two articles coded by An and Bình (who agree in part), an unused tag, segmentations."""
    db = Database.open(data_dir / "chugiai.sqlite3")
    try:
        ops = Operations(db)
        first, second = add_article(db, TEXT), add_article(db, OTHER, "Bài hai")
        save_segmentation(db, first, TEXT, words())
        save_segmentation(db, second, OTHER, [(m, m + len(w)) for w, m in _syllables(OTHER)])
        ops.create_tag("Chưa dùng")
        use_coder(db, "An")
        ops.create_highlight(first, span("công tác cán bộ"), ["Cán bộ"])
        ops.create_highlight(first, span("Hà Nội"), ["Địa danh", "Cán bộ"])
        ops.create_highlight(second, _at(OTHER, "công tác cán bộ"), ["Cán bộ"])
        use_coder(db, "Bình")
        ops.create_highlight(first, span("cán bộ"), ["Cán bộ"])
        ops.create_highlight(first, span("Hà Nội"), ["Địa danh"])
        ops.create_highlight(second, _at(OTHER, "cán bộ"), ["Cán bộ"])
    finally:
        db.close()
    return first


def _syllables(text: str) -> list[tuple[str, int]]:
    out, pos = [], 0
    for w in text.split():
        pos = text.index(w, pos)
        out.append((w, pos))
        pos += len(w)
    return out


def _at(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def shown(model) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def figure(value, digits: int) -> str:
    return UNDEFINED if value is None else f"{value:.{digits}f}"


@pytest.fixture
def agreement(open_window, data_dir):
    first = make_coded_library(data_dir)
    window = open_window()
    return window, window.analysis.show_agreement(), data_dir, first


def compute(qtbot, aw, unit: str, coders=("An", "Bình")):
    aw.set_coders(list(coders))
    aw.set_unit(unit)
    with qtbot.waitSignal(aw.computed, timeout=10_000) as done:
        aw.run()
    return done.args[0]


def test_the_window_shows_the_command_lines_figures(agreement, qtbot, capsys, tmp_path):
    window, aw, data_dir, _first = agreement
    for unit in ("word", "sentence", "article", "character"):
        compute(qtbot, aw, unit)
        cli = cli_json(capsys, data_dir, "agreement", "--coders", "An,Bình", "--unit", unit)
        expected = [[row.get("tag", "Overall"), figure(row["percent"], 1),
                     *(figure(row[k], 3) for k in ("cohen_kappa", "fleiss_kappa", "alpha", "alpha_u")),
                     f"{row['units']:,}"] for row in (*cli["tags"], cli["overall"])]
        assert shown(aw.model) == expected
    # Undefined figures say why.
    rows = shown(aw.model)
    assert rows[0][0] == "Cán bộ" and aw.model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole) is None
    # A tag nobody used, asked for: "—" with the reason in the tooltip.
    aw.set_unit("word")
    aw.tags.set_checked(["Chưa dùng"])
    with qtbot.waitSignal(aw.computed, timeout=10_000):
        aw.run()
    assert shown(aw.model)[0][:3] == ["Chưa dùng", "100.0", UNDEFINED]
    assert "no variation" in aw.model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    target = tmp_path / "đồng ý.csv"
    with qtbot.waitSignal(aw.exported, timeout=10_000):
        aw.export(target)
    with open(target, encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    assert table[1][0] == "Chưa dùng" and table[1][2] == "" and "no variation" in table[1][7]
    aw.tags.set_checked([])
    aw.set_coders(["An"])
    aw.run()
    assert aw.model.rowCount() == 0 and "two coders" in aw.summary.text() and not aw.runner.running()


def consensus(db) -> list[tuple[int, int, list[str]]]:
    with db.session() as s:
        who = s.scalar(select(Coder.id).where(Coder.name == "Đồng thuận"))
        rows = s.scalars(select(Highlight).where(Highlight.coder_id == who).order_by(Highlight.start)).all()
        return [(h.article_id, h.start, h.end, sorted(t.name for t in h.tags)) for h in rows]


def test_disagreements_walked_with_the_keyboard_and_adjudicated_undoably(agreement, qtbot):
    window, aw, _data_dir, first = agreement
    compute(qtbot, aw, "word")
    assert aw.model.tag_at(0) == "Cán bộ"
    aw.table.selectRow(0)
    with qtbot.waitSignal(aw.disagreementsWanted, timeout=5_000):
        QTest.keyClick(aw.table, Qt.Key.Key_Return)
    dw = window.analysis.disagreements
    qtbot.waitUntil(lambda: dw.model.rowCount() == 3, timeout=10_000)
    rows = dw.model.rows()
    assert [(d.quote, d.with_tag, d.without_tag) for d in rows] == [
        ("công tác", ("An",), ("Bình",)), ("Hà Nội", ("An",), ("Bình",)), ("công tác", ("An",), ("Bình",))]
    # The first is open in the reader, and both versions side by side.
    assert window.current.id == first
    assert dw._boxes[0].toPlainText() == "«công tác cán bộ»" and dw._boxes[1].toPlainText() == "«cán bộ»"
    dw.consensus.setEditText("Đồng thuận")
    dw.activateWindow()
    dw.table.setFocus()
    QTest.keyClick(dw, Qt.Key.Key_2)  # Bình's version; the next comes up
    assert dw.table.currentIndex().row() == 1
    QTest.keyClick(dw, Qt.Key.Key_1)  # An's
    QTest.keyClick(dw, Qt.Key.Key_0)  # neither
    assert consensus(window.db) == [(first, *span("cán bộ"), ["Cán bộ"]), (first, *span("Hà Nội"), ["Cán bộ"])]
    assert [dw.model.index(r, 4).data() for r in range(3)] == ["Bình", "An", "neither"]
    QTest.keyClick(dw, Qt.Key.Key_P)
    assert dw.table.currentIndex().row() == 1
    assert window.commands.act_undo.text() == "Undo Adjudicate “Cán bộ”"
    window.commands.act_undo.trigger()
    window.commands.act_undo.trigger()
    assert consensus(window.db) == [(first, *span("cán bộ"), ["Cán bộ"])]
    window.commands.act_redo.trigger()
    assert consensus(window.db) == [(first, *span("cán bộ"), ["Cán bộ"]), (first, *span("Hà Nội"), ["Cán bộ"])]
    # The consensus coder is a coder the agreement window can compare now.
    qtbot.waitUntil(lambda: "Đồng thuận" in [aw.coder_model.item(r).text()
                                              for r in range(aw.coder_model.rowCount())], timeout=5_000)
