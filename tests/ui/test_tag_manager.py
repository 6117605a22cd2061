"""Ctrl+1…9 tagging, and the tag manager's changes with undo restoring exactly."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop_app.ui.dialogs.tag_manager import TagManagerDialog
from tests.ui.english import shipped
from tests.ui.test_highlighting import open_article_containing
from tests.ui.test_undo import stored


def test_ctrl_number_applies_the_palette_tag(open_window):
    window = open_window()
    start = open_article_containing(window, "Ban Tổ chức Trung ương")
    window.reader.select_offsets(start, start + 3)
    window.highlight_selection(["Bắt đầu", "Cơ quan"])
    second = window.panel.tag_model.rows()[1].name
    window.reader.select_offsets(start + 4, start + 11)
    window.reader.setFocus()
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    tags = {h[1]: h[3] for h in stored(window)}
    assert tags[start + 4] == [second]
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert "no tag number 9" in window.statusBar().currentMessage()


def test_merge_and_delete_in_the_manager_then_undo(open_window, monkeypatch):
    window = open_window()
    start = open_article_containing(window, "Ban Tổ chức Trung ương")
    window.reader.select_offsets(start, start + 3)
    window.highlight_selection(["Cơ quan", "Nhấn mạnh"])
    window.reader.select_offsets(start + 4, start + 11)
    window.highlight_selection(["Tổ chức"])
    before = stored(window)
    dialog = TagManagerDialog(window.ops, window.bus, window)
    ids = {t.name: t.id for t in dialog.tags.values()}
    dialog.select(ids["Tổ chức"])
    monkeypatch.setattr(QInputDialog, "exec", lambda d: d.setTextValue("Cơ quan") or QInputDialog.DialogCode.Accepted)
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or QMessageBox.StandardButton.Yes)
    dialog.merge()
    assert shipped(asked[-1]).startswith("Give the 1 highlight tagged “Tổ chức” (in 1 article) the tag “Cơ quan”")
    assert [h[3] for h in stored(window)] == [["Cơ quan", "Nhấn mạnh"], ["Cơ quan"]]
    assert [c.name for c in window.panel.tag_model.rows()] == ["Cơ quan", "Nhấn mạnh"]
    dialog.select(ids["Nhấn mạnh"])
    dialog.delete()
    assert shipped(asked[-1]) == ("Delete the tag “Nhấn mạnh”? It is on 1 highlight in 1 article; the highlights "
                         "stay, without this tag.")
    assert [h[3] for h in stored(window)] == [["Cơ quan"], ["Cơ quan"]]
    assert window.commands.act_undo.text() == "Undo Delete tag “Nhấn mạnh”"
    window.commands.act_undo.trigger()
    window.commands.act_undo.trigger()
    assert stored(window) == before
    assert {t.name for t in dialog.tags.values()} == {"Cơ quan", "Nhấn mạnh", "Tổ chức"}
    window.commands.act_redo.trigger()
    assert [h[3] for h in stored(window)] == [["Cơ quan", "Nhấn mạnh"], ["Cơ quan"]]
    dialog.close()


def test_rename_with_nested_tags_and_description(open_window, monkeypatch):
    window = open_window()
    start = open_article_containing(window, "Ban Tổ chức Trung ương")
    window.reader.select_offsets(start, start + 3)
    window.highlight_selection(["Cán bộ/Đào tạo"])
    window.reader.select_offsets(start + 4, start + 11)
    window.highlight_selection(["Cán bộ"])
    dialog = TagManagerDialog(window.ops, window.bus, window)
    parent = next(t.id for t in dialog.tags.values() if t.name == "Cán bộ")
    dialog.select(parent)
    monkeypatch.setattr(QInputDialog, "exec", lambda d: d.setTextValue("Nhân sự") or QInputDialog.DialogCode.Accepted)
    dialog.rename()
    assert sorted(h[3][0] for h in stored(window)) == ["Nhân sự", "Nhân sự/Đào tạo"]
    assert dialog.tree.topLevelItem(0).child(0).text(0) == "Đào tạo"
    dialog.description.setPlainText("Tổ chức cán bộ, nhân sự.")
    dialog.describe()
    assert next(t for t in window.service.list_tags() if t.name == "Nhân sự").description == "Tổ chức cán bộ, nhân sự."
    window.commands.act_undo.trigger()
    window.commands.act_undo.trigger()
    assert sorted(h[3][0] for h in stored(window)) == ["Cán bộ", "Cán bộ/Đào tạo"]
    dialog.close()


def test_a_nested_tag_has_its_parent_in_the_manager_filters_and_palette(open_window, monkeypatch):
    """Issue 14, 5: typed as "Cán bộ/Đào tạo", the tag sits under a real "Cán bộ" in the
    tag manager; the filters offer "Cán bộ" (with "Đào tạo" under it) and the palette
    lists the tree in the same order; one undo takes both tags away."""
    window = open_window()
    start = open_article_containing(window, "Ban Tổ chức Trung ương")
    window.reader.select_offsets(start, start + 3)
    window.highlight_selection(["Cán bộ/Đào tạo", "Cán bộ x"])
    dialog = TagManagerDialog(window.ops, window.bus, window)
    tops = [dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())]
    assert [(t.text(0), [t.child(i).text(0) for i in range(t.childCount())]) for t in tops] == [
        ("Cán bộ", ["Đào tạo"]), ("Cán bộ x", [])]
    combo = window.library.filters.tag
    assert [(combo.itemText(i), combo.itemData(i)) for i in range(1, combo.count())] == [
        ("Cán bộ", "Cán bộ"), ("\u2003Đào tạo", "Cán bộ/Đào tạo"), ("Cán bộ x", "Cán bộ x")]
    assert [t.name for t in window.panel.tag_model.rows()] == ["Cán bộ", "Cán bộ/Đào tạo", "Cán bộ x"]
    combo.setCurrentIndex(1)  # the parent takes the highlight tagged with its child
    assert window.article_model.rowCount() == 1
    combo.setCurrentIndex(0)
    # Deleting the parent takes the child with it, after saying so; undo brings both back.
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or QMessageBox.StandardButton.Yes)
    dialog.select(next(t.id for t in dialog.tags.values() if t.name == "Cán bộ"))
    dialog.delete()
    assert [shipped(a) for a in asked] == ["Delete the tag “Cán bộ” and the 1 tag under it? They are on 1 highlight in 1 article; "
                     "the highlights stay, without these tags."]
    assert [t.name for t in window.panel.tag_model.rows()] == ["Cán bộ x"]
    window.commands.act_undo.trigger()
    assert dialog.tree.topLevelItem(0).child(0).text(0) == "Đào tạo"
    window.commands.act_undo.trigger()  # the highlight, and the tags it made
    assert dialog.tree.topLevelItemCount() == 0
    dialog.close()
