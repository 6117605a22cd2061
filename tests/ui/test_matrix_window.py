"""Analysis → Matrix and co-occurrence: the numbers in the window are core's, the command
line's and the export's for the same library; a cell opens exactly its passages in the
coded passages window; the heat-map stays legible (contrast) in both themes."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt

from desktop_app.core.analysis.cooccurrence import cooccurrence
from desktop_app.core.analysis.matrices import MatrixQuery, build_matrix
from desktop_app.core.library.attribute_filters import parse_condition
from desktop_app.ui.analysis import heatmap
from desktop_app.ui.analysis.heatmap import VALUE_ROLE, Grid, HeatmapModel
from desktop_app.ui.analysis.matrix_form import ARTICLES_TABLE, ATTRIBUTE_TABLE, COOCCURRENCE_TABLE
from desktop_app.ui.theme import style
from tests.ui.analysis_helpers import cli_json, make_library


def shown(mw) -> list[list]:
    m = mw.model
    return [[m.index(r, c).data(VALUE_ROLE) for c in range(m.columnCount())] for r in range(m.rowCount())]


def compute(qtbot, mw, table, **fields):
    form = mw.form
    form.table.setCurrentIndex(form.table.findData(table))
    if "attribute" in fields:
        form.attribute.setCurrentIndex(form.attribute.findData(fields["attribute"]))
    if "count" in fields:
        form.count.setCurrentIndex(form.count.findData(fields["count"]))
    if "within" in fields:
        unit, _, n = fields["within"].partition(":")
        form.within.setCurrentIndex(form.within.findData(unit))
        if n:
            form.words.setValue(int(n))
    form.where.clear()
    for term in fields.get("where", ()):
        form.where.add_row(parse_condition(term))
    form.rows.set_checked(fields.get("rows", ()))
    with qtbot.waitSignal(mw.computed, timeout=10_000) as done:
        mw.run()
    return done.args[0]


@pytest.fixture
def matrix(open_window, data_dir):
    articles, highlights = make_library(data_dir)
    window = open_window()
    return window, window.analysis.show_matrix(), articles, highlights, data_dir


def test_the_window_the_command_line_and_the_export_agree(matrix, qtbot, capsys, tmp_path):
    window, mw, _art, _h, data_dir = matrix
    cases = [
        (ATTRIBUTE_TABLE, {"attribute": "outlet", "count": "passages"}, ["matrix", "--columns", "attribute:outlet"]),
        (ATTRIBUTE_TABLE, {"attribute": "Giọng điệu", "count": "articles"},
         ["matrix", "--columns", "attribute:Giọng điệu", "--count", "articles"]),
        (ARTICLES_TABLE, {"count": "coverage", "where": ["year>=2023"]},
         ["matrix", "--count", "coverage", "--where", "year>=2023"]),
        (COOCCURRENCE_TABLE, {"within": "sentence"}, ["cooccurrence", "--within", "sentence"]),
        (COOCCURRENCE_TABLE, {"within": "words:3", "rows": ["Cán bộ", "Nhân sự", "Kỷ luật"]},
         ["cooccurrence", "--within", "words:3", "--tag", "Cán bộ", "--tag", "Kỷ luật", "--tag", "Nhân sự"]),
    ]
    for n, (table, fields, args) in enumerate(cases):
        result = compute(qtbot, mw, table, **fields)
        cli = cli_json(capsys, data_dir, *args)
        cells = [[pytest.approx(v, abs=1e-6) if isinstance(v, float) else v for v in row] for row in cli["cells"]]
        assert shown(mw) == cells and cli["rows"] == list(mw.model.grid.rows)
        if isinstance(mw.spec, MatrixQuery):
            assert result.dense() == build_matrix(window.db, mw.spec).dense()
        else:
            assert result.dense() == cooccurrence(window.db, mw.spec).dense()
        target = tmp_path / f"bảng-{n}.csv"
        with qtbot.waitSignal(mw.exported, timeout=10_000):
            mw.export(target, "csv")
        with open(target, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))[1:]
        assert [r[0] for r in rows] == cli["rows"]
        assert [[float(x) if x else None for x in r[1:]] for r in rows] == [
            [None if v is None else pytest.approx(float(v), abs=1e-6) for v in row] for row in cli["cells"]]


def test_exact_counts_worked_out_by_hand(matrix, qtbot):
    _window, mw, art, _h, _data = matrix
    compute(qtbot, mw, ATTRIBUTE_TABLE, attribute="outlet", count="passages")
    grid = mw.model.grid  # the sample articles are in the library too, with outlets of their own
    plvn, ttxvn = grid.columns.index("PLVN"), grid.columns.index("TTXVN")
    cells = {name: [row[plvn], row[ttxvn]] for name, row in zip(grid.rows, shown(mw), strict=True)}
    # PLVN: A (h5) and C's whole-article code; TTXVN: B (h6).
    assert cells["Cán bộ"] == [2, 1]
    assert cells["Cán bộ/Đào tạo"] == [1, 1] and cells["Nhân sự"] == [1, 1] and cells["Kỷ luật"] == [2, 0]
    assert mw.model.index(grid.rows.index("Kỷ luật"), ttxvn).data() == "0"
    compute(qtbot, mw, COOCCURRENCE_TABLE, within="overlap")
    tags = list(mw.model.grid.rows)
    co = shown(mw)
    assert co[tags.index("Cán bộ")][tags.index("Kỷ luật")] == 1  # h5 carries both
    assert co[tags.index("Cán bộ/Đào tạo")][tags.index("Nhân sự")] == 2  # h1 in h3; h7 both
    assert co[tags.index("Nhân sự")][tags.index("Nhân sự")] is None
    assert mw.model.index(tags.index("Nhân sự"), tags.index("Nhân sự")).data() == ""
    column = tags.index("Cán bộ/Đào tạo")
    assert mw.model.headerData(column, Qt.Orientation.Horizontal) == "…/Đào tạo"
    assert mw.model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "Cán bộ/Đào tạo"


def test_a_cell_opens_its_passages(matrix, qtbot):
    window, mw, art, h, _data = matrix
    compute(qtbot, mw, ATTRIBUTE_TABLE, attribute="outlet", count="passages")
    rows = list(mw.model.grid.rows)
    pw = window.analysis.passages_window()
    with qtbot.waitSignal(pw.searched, timeout=10_000):
        mw.table.clicked.emit(mw.model.index(rows.index("Cán bộ"), mw.model.grid.columns.index("PLVN")))
    ids = [pw.model.passage(r).highlight_id for r in range(pw.model.rowCount())]
    assert ids == [h["h5"]] and pw.isVisible()
    assert pw.banner.isVisible() and "Cán bộ × PLVN" in pw.banner_text.text()
    assert "coded as a whole: Bài C" in pw.banner_text.text()
    assert pw.filters.tags.included() == ["Cán bộ"]
    # "Show the whole question": every Cán bộ passage again.
    with qtbot.waitSignal(pw.searched, timeout=10_000):
        pw.whole_button.click()
    assert [pw.model.passage(r).highlight_id for r in range(pw.model.rowCount())] == [
        h["h1"], h["h5"], h["h6"], h["h7"]]
    # A co-occurrence cell: both passages of each pair.
    compute(qtbot, mw, COOCCURRENCE_TABLE, within="overlap")
    tags = list(mw.model.grid.rows)
    with qtbot.waitSignal(pw.searched, timeout=10_000):
        mw.table.clicked.emit(mw.model.index(tags.index("Cán bộ/Đào tạo"), tags.index("Nhân sự")))
    assert sorted(pw.model.passage(r).highlight_id for r in range(pw.model.rowCount())) == sorted(
        [h["h1"], h["h3"], h["h7"]])
    assert "2 pair" in pw.banner_text.text()
    # An empty cell opens nothing and says so.
    mw.table.clicked.emit(mw.model.index(tags.index("Cán bộ"), tags.index("Đào tạo chung")))
    assert mw.status.text() == mw.tr("Nothing in this cell.")


def test_the_table_follows_changes_to_the_coding(matrix, qtbot):
    window, mw, _art, h, _data = matrix
    compute(qtbot, mw, ATTRIBUTE_TABLE, attribute="outlet", count="passages")
    row, plvn = list(mw.model.grid.rows).index("Kỷ luật"), mw.model.grid.columns.index("PLVN")
    assert shown(mw)[row][plvn] == 2
    with qtbot.waitSignal(mw.computed, timeout=10_000):
        window.bus.publish(window.ops.delete_highlights([h["h4"]]))
    assert shown(mw)[list(mw.model.grid.rows).index("Kỷ luật")][plvn] == 1


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_cell_is_legible_and_the_ramp_is_one_hue_getting_darker(theme, qtmodeltester):
    style.set_theme(theme)
    try:
        values = [[0, 1, 2, 3], [5, 8, 13, None]]
        model = HeatmapModel()
        model.set_grid(Grid(("a", "b"), ("w", "x", "y", "z"), tuple(tuple(r) for r in values)))
        qtmodeltester.check(model)
        shares = [i / 20 for i in range(1, 21)]
        lightness = [heatmap.cell_color(s).lightnessF() for s in shares]
        step = sorted(lightness, reverse=theme == "light")
        assert lightness == step  # monotonic: more is darker (light theme) or lighter (dark)
        hues = {round(heatmap.cell_color(s).hslHueF(), 1) for s in shares}
        assert max(hues) - min(hues) <= 0.1  # one hue (blue), whatever the lightness
        for r, row in enumerate(values):
            for c, v in enumerate(row):
                index = model.index(r, c)
                if v:
                    ink, back = index.data(Qt.ItemDataRole.ForegroundRole), index.data(Qt.ItemDataRole.BackgroundRole)
                    assert style.contrast_ratio(ink, back) >= 4.5, (theme, v)
                    assert index.data() == str(v)
    finally:
        style.set_theme("light")
    percent = HeatmapModel()
    percent.set_grid(Grid(("a",), ("x", "y"), ((0.25, 0.0),), percent=True))
    assert [percent.index(0, c).data() for c in range(2)] == ["25.0%", "0"]
