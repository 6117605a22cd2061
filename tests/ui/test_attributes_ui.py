"""Attributes and whole-article codes in the window: the Attributes tab of the article
details, setting a value for many selected articles in one step, the Attributes window
(define, rename, delete, import a CSV: a bad file imports nothing), coding whole
articles from the library. Every change is checked in the database and undone once."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop_app.core.library.article_codes import article_codes
from desktop_app.core.library.attributes import article_attributes, list_attributes
from desktop_app.ui.analysis.article_attributes import AttributesTab
from desktop_app.ui.analysis.attribute_forms import NewAttributeDialog, SetAttributeDialog
from desktop_app.ui.analysis.attribute_models import ArticleValuesModel, AttributeListModel
from desktop_app.ui.dialogs.tag_dialog import TagDialog
from desktop_app.ui.library.article_details import ArticleDetailsDialog
from tests.ui.analysis_helpers import make_library
from tests.ui.test_highlighting import when_visible


def values(window, article_id: int) -> dict:
    return article_attributes(window.db, [article_id])[article_id]


def select_articles(window, ids: list[int]) -> None:
    selection = window.article_list.selectionModel()
    selection.clearSelection()
    for article_id in ids:
        index = window.article_model.index(window.article_model.row_of(article_id))
        selection.select(index, QItemSelectionModel.SelectionFlag.Select)


def test_the_details_show_and_edit_the_articles_attributes(open_window, data_dir, qtbot):
    art, _h = make_library(data_dir)
    window = open_window()
    window.library.select_article(art["A"])
    assert window.current.id == art["A"]
    seen: dict = {}

    def answer() -> None:
        dialog = window.findChild(ArticleDetailsDialog)
        tab = dialog.findChild(AttributesTab)
        assert dialog.tabs.widget(1) is tab
        model = tab.model
        rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
        seen["shown"] = {name: model.index(r, 2).data() for name, r in rows.items()}
        seen["codes"] = tab.codes.text()
        value = model.index(rows["Giọng điệu"], 2)
        # Not one of the choices: refused in core's words, nothing kept.
        assert not model.setData(value, "Trung lập")
        seen["error"] = tab.error.text()
        assert model.setData(value, "phê phán")  # case and diacritics as core compares
        assert not model.flags(model.index(rows["outlet"], 2)) & Qt.ItemFlag.ItemIsEditable
        dialog.accept()

    when_visible(window, ArticleDetailsDialog, answer)
    window.details_dialog()
    assert seen["shown"]["outlet"] == "PLVN" and seen["shown"]["year"] == "2023"
    assert seen["shown"]["published"] == "04/04/2023 10:48" and seen["shown"]["Giọng điệu"] == "Tích cực"
    assert seen["codes"] == "No whole-article code (Analysis → Code whole articles…)"
    assert seen["error"].startswith("“Trung lập” is not one of")
    assert values(window, art["A"])["Giọng điệu"] == "Phê phán"
    window.undo_actions.undo()
    assert values(window, art["A"])["Giọng điệu"] == "Tích cực"


def test_cancelling_the_details_keeps_the_attributes(open_window, data_dir, qtbot):
    art, _h = make_library(data_dir)
    window = open_window()
    window.library.select_article(art["C"])

    def answer() -> None:
        tab = window.findChild(ArticleDetailsDialog).findChild(AttributesTab)
        row = next(r for r in range(tab.model.rowCount()) if tab.model.index(r, 0).data() == "Giọng điệu")
        assert tab.model.setData(tab.model.index(row, 2), "")  # no value
        assert tab.codes.text() == "Whole-article codes: Cán bộ"
        window.findChild(ArticleDetailsDialog).reject()

    when_visible(window, ArticleDetailsDialog, answer)
    window.details_dialog()
    assert values(window, art["C"])["Giọng điệu"] == "Tích cực"


def test_a_value_for_many_selected_articles_is_one_step(open_window, data_dir, qtbot):
    art, _h = make_library(data_dir)
    window = open_window()
    select_articles(window, [art["A"], art["B"]])
    actions = window.library.menu_actions  # the library's right-click menu, above Delete
    assert actions == [window.analysis.act_set_attribute, window.analysis.act_code_articles]
    assert window.analysis.act_set_attribute.text() == window.analysis.tr(
        "Set attribute for %n selected article(s)…", "", 2)
    steps: dict = {}

    def answer() -> None:
        dialog = window.findChild(SetAttributeDialog)
        form = dialog.form
        form.attribute.setEditText("Số trang")  # a new name: defines the attribute
        assert form.chosen() is None and form.kind.isVisibleTo(dialog)
        form.kind.setCurrentIndex(form.kind.findData("number"))
        form.value.setEditText("mười hai")
        dialog.accept()
        steps["error"] = dialog.error.text()
        assert dialog.isVisible()  # refused: the dialog stays, nothing was stored
        form.value.setEditText("12")
        dialog.accept()

    when_visible(window, SetAttributeDialog, answer)
    assert window.analysis.set_attribute()
    assert steps["error"] == "“mười hai” is not a number."
    assert values(window, art["A"])["Số trang"] == 12 and values(window, art["B"])["Số trang"] == 12
    assert "Số trang" not in values(window, art["C"])
    window.undo_actions.undo()  # one step: the values and the new attribute go together
    assert "Số trang" not in {a.name for a in list_attributes(window.db)}


def test_the_attributes_window_defines_renames_and_deletes(open_window, data_dir, qtbot, qtmodeltester):
    art, _h = make_library(data_dir)
    window = open_window()
    aw = window.analysis.show_attributes()
    qtmodeltester.check(aw.model)
    names = [aw.model.index(r, 0).data() for r in range(aw.model.rowCount())]
    assert names == ["outlet", "published", "year", "author", "domain", "Giọng điệu"]

    def define() -> None:
        dialog = aw.findChild(NewAttributeDialog)
        dialog.name.setText("Thể loại bài")
        dialog.kind.setCurrentIndex(dialog.kind.findData("choice"))
        dialog.choices.setPlainText("Tin\nPhóng sự\n\n")
        dialog.accept()

    when_visible(aw, NewAttributeDialog, define)
    created = aw.new_attribute()
    assert created is not None and created.choices == ("Tin", "Phóng sự")
    row = [aw.model.attribute(r).name for r in range(aw.model.rowCount())].index("Thể loại bài")
    aw.table.selectRow(row)
    assert aw.choices_button.isEnabled() and aw.rename_button.isEnabled()

    def rename() -> None:
        dialog = aw.findChild(QInputDialog)
        dialog.setTextValue("Thể loại")
        dialog.accept()

    when_visible(aw, QInputDialog, rename)
    aw.rename()
    assert "Thể loại" in {a.name for a in list_attributes(window.db)}
    assert aw.current().name == "Thể loại"  # the list followed the bus, the row stays chosen
    when_visible(aw, QMessageBox, lambda: aw.findChild(QMessageBox).button(QMessageBox.StandardButton.Yes).click())
    aw.delete()
    assert "Thể loại" not in {a.name for a in list_attributes(window.db)}
    window.undo_actions.undo()
    assert "Thể loại" in {a.name for a in list_attributes(window.db)}
    # A built-in attribute is the article's details: nothing to rename or delete here.
    aw.table.selectRow(0)
    assert not aw.rename_button.isEnabled() and not aw.delete_button.isEnabled()


def test_set_for_the_selection_from_the_attributes_window(open_window, data_dir, qtbot):
    art, _h = make_library(data_dir)
    window = open_window()
    aw = window.analysis.show_attributes()
    select_articles(window, [art["B"], art["C"]])
    assert aw.selection_box.title() == aw.tr("The %n article(s) selected in the library", "", 2)
    aw.form.attribute.setEditText("giong dieu")  # an existing one, however it is typed
    assert aw.form.chosen().name == "Giọng điệu"
    assert [aw.form.value.itemText(i) for i in range(aw.form.value.count())] == ["Tích cực", "Phê phán"]
    aw.form.value.setEditText("Phê phán")
    assert aw.set_for_selected()
    assert values(window, art["B"])["Giọng điệu"] == values(window, art["C"])["Giọng điệu"] == "Phê phán"
    assert values(window, art["A"])["Giọng điệu"] == "Tích cực"


def test_a_csv_import_is_one_step_and_a_bad_file_imports_nothing(open_window, data_dir, qtbot, tmp_path):
    art, _h = make_library(data_dir)
    window = open_window()
    aw = window.analysis.show_attributes()
    good = tmp_path / "thuộc tính.csv"
    good.write_text(f"id,Số trang,Giọng điệu\n{art['A']},4,Phê phán\n{art['B']},7,\n", encoding="utf-8")
    with qtbot.waitSignal(aw.imported, timeout=10_000) as done:
        aw.import_csv(good)
    assert done.args == [2]
    assert values(window, art["A"])["Số trang"] == 4 and values(window, art["A"])["Giọng điệu"] == "Phê phán"
    assert "Giọng điệu" not in values(window, art["B"])  # an empty cell removes the value
    assert "new attributes: Số trang" in aw.status.text()
    window.undo_actions.undo()  # the whole import, one step
    assert values(window, art["A"])["Giọng điệu"] == "Tích cực" and "Số trang" not in values(window, art["A"])

    before = article_attributes(window.db)
    bad = tmp_path / "sai.csv"
    bad.write_text(f"id,Số trang:number,Giọng điệu\n{art['A']},4,Phê phán\n{art['B']},7,Trung lập\n",
                   encoding="utf-8")
    with qtbot.waitSignal(aw.failed, timeout=10_000) as failed:
        aw.import_csv(bad)
    message = failed.args[0]
    assert message.startswith("Cannot import") and "Row 3" in message and "Giọng điệu" in message
    assert "Nothing was imported" in message
    assert article_attributes(window.db) == before
    assert aw.status.text() == message


def test_whole_article_codes_from_the_library(open_window, data_dir, qtbot):
    art, _h = make_library(data_dir)
    window = open_window()
    select_articles(window, [art["C"]])

    def swap() -> None:
        dialog = window.findChild(TagDialog)
        checked = {dialog.model.item(r).text() for r in range(dialog.model.rowCount())
                   if dialog.model.item(r).checkState() == Qt.CheckState.Checked}
        assert checked == {"Cán bộ"}
        for r in range(dialog.model.rowCount()):
            dialog.model.item(r).setCheckState(Qt.CheckState.Unchecked)
        dialog.input.setText("Thể loại/Tin")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    when_visible(window, TagDialog, swap)
    assert window.analysis.code_articles()
    assert article_codes(window.db, [art["C"]]) == {art["C"]: ["Thể loại/Tin"]}
    window.undo_actions.undo()
    assert article_codes(window.db, [art["C"]]) == {art["C"]: ["Cán bộ"]}

    select_articles(window, [art["A"], art["C"]])

    def add() -> None:
        dialog = window.findChild(TagDialog)
        dialog.input.setText("Lập trường/Ủng hộ")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    when_visible(window, TagDialog, add)
    assert window.analysis.code_articles()
    codes = article_codes(window.db, [art["A"], art["C"]])
    assert codes == {art["A"]: ["Lập trường/Ủng hộ"], art["C"]: ["Cán bộ", "Lập trường/Ủng hộ"]}
    # Highlights are untouched: whole-article codes are apart from passages.
    assert [h.id for h in window.service.list_tags() if h.name == "Lập trường/Ủng hộ"]


def test_attribute_models_pass_qt_checks(qtmodeltester, db):
    from tests.core.analysis_library import sample_library

    ops, art, _h = sample_library(db)
    ops.set_attribute_values("Số trang", [art["A"]], "3")
    listing = AttributeListModel()
    listing.set_attributes(list_attributes(db))
    qtmodeltester.check(listing)
    one = ArticleValuesModel()
    one.set_article(list_attributes(db), article_attributes(db, [art["A"]])[art["A"]])
    qtmodeltester.check(one)
    row = [one.attribute(r).name for r in range(one.rowCount())].index("Số trang")
    assert one.index(row, 2).data() == "3" and one.setData(one.index(row, 2), "2,5")
    assert one.changes() == {one.attribute(row).id: "2.5"}  # stored as core stores it
