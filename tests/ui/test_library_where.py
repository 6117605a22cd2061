"""The library list filtered by attributes ("Where…", core's `where` language): the same
articles as `chugiai list --where`, kept up to date when values change, and a condition
core cannot read said in words."""

from __future__ import annotations

from desktop_app.ui.library.article_list import SUMMARY_ROLE
from tests.ui.analysis_helpers import cli_json, make_library


def listed_ids(window) -> list[int]:
    model = window.library.model
    return sorted(model.index(r).data(SUMMARY_ROLE).id for r in range(model.rowCount()))


def test_where_filter_lists_what_the_cli_lists_and_follows_changes(open_window, qtbot, data_dir, capsys):
    articles, _h = make_library(data_dir)
    window = open_window()
    filters = window.library.filters
    total = window.library.model.rowCount()
    filters.toggle.click()
    row = filters.where.add_row()
    row.key.setCurrentIndex(row.key.findText("Giọng điệu"))
    row.value.setEditText("Tích cực")
    assert listed_ids(window) == sorted([articles["A"], articles["C"]])
    assert filters.toggle.text() == "Filters (1)"
    assert window.library.count.text() == f"2 of {total} articles"
    cli = cli_json(capsys, data_dir, "list", "--where", "Giọng điệu=Tích cực")
    assert sorted(a["id"] for a in cli) == listed_ids(window)
    assert {a["attributes"]["Giọng điệu"] for a in cli} == {"Tích cực"}
    # A value changed elsewhere in the window: the filtered list follows (the change bus).
    window.bus.publish(window.ops.set_attribute_values("Giọng điệu", [articles["B"]], "Tích cực").changes)
    assert listed_ids(window) == sorted(articles.values())
    # A whole-article code as a condition, as in the analysis windows.
    row.key.setCurrentIndex(row.key.count() - 1)  # "whole-article code"
    row.value.setEditText("Cán bộ")
    assert listed_ids(window) == [articles["C"]]
    # A number compared with text: core says why, nothing is listed.
    row.key.setCurrentIndex(row.key.findText("year"))
    row.op.setCurrentIndex(row.op.findData(">="))
    row.value.setEditText("hai nghìn")
    assert listed_ids(window) == []
    assert "hai nghìn" in window.library.count.text()
    filters.clear.click()
    assert window.library.model.rowCount() == total and not filters.where.rows()
