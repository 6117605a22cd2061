"""Coders in the window (issue 16 items 1 and 2): the status bar names the current coder,
Edit → Coder… chooses, adds or renames one, the choice is kept per library, the first
start proposes the system user's name; View → Coders shows all / mine / chosen coders'
work, blind coding hides the others', and another coder's highlight is marked as theirs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop_app.core.library.coder_view import CoderView
from desktop_app.core.library.coders import list_coders, use_coder
from desktop_app.core.storage.migrations import first_coder_name
from desktop_app.core.text.spans import TextSpan
from desktop_app.ui.dialogs.coder_dialog import CoderDialog
from desktop_app.ui.window.coder_controller import settings_key
from tests.ui.test_highlighting import open_article_containing, when_visible
from tests.ui.test_overlaps import PHRASE, point_on

ME = first_coder_name()


def two_coders_highlights(window):
    """My highlight on "Ban Tổ chức", then Lan's on "Trung ương" made through the window."""
    start = open_article_containing(window, PHRASE)
    article = window.current.id
    mine = window.ops.create_highlight(article, TextSpan(start, start + 11), ["Tổ chức"])
    window.bus.publish(mine.changes)
    assert window.coders.switch_to("Lan")
    hers = window.ops.create_highlight(article, TextSpan(start + 12, start + 22), ["Trung ương"])
    window.bus.publish(hers.changes)
    assert window.coders.switch_to(ME)
    return start, mine.value.id, hers.value.id


def test_first_start_proposes_the_system_user_and_keeping_it_is_remembered(open_window):
    window = open_window()
    coders = window.coders
    assert coders.banner.isVisibleTo(window) and ME in coders.banner_label.text()
    assert coders.button.text() == f"Coder: {ME}"
    coders.keep_proposed()
    assert not coders.banner.isVisibleTo(window)
    assert window.settings.value(settings_key(window.db.path, "name")) == ME
    window.close()
    again = open_window()
    assert not again.coders.banner.isVisibleTo(again)


def test_the_chosen_coder_is_kept_per_library_and_applied_on_open(open_window):
    window = open_window()
    assert window.coders.switch_to("Lan")
    assert window.db.coder_id == 2 and window.coders.button.text() == "Coder: Lan"
    assert not window.coders.banner.isVisibleTo(window)
    window.close()
    again = open_window()
    assert again.db.coder_id == 2 and again.coders.button.text() == "Coder: Lan"
    assert [c.name for c in list_coders(again.db)] == [ME, "Lan"]


def test_the_coder_dialog_chooses_adds_and_renames(open_window, qtbot):
    window = open_window()
    use_coder(window.db, "Lan")
    window.db.coder_id = 1

    def answer() -> None:
        dialog = window.findChild(CoderDialog)
        assert [c.name for c in dialog.model.rows()] == [ME, "Lan"]
        dialog.select(2)
        assert dialog.rename_selected("  Lê   Thị Lan ")  # renamed, listed anew
        assert [c.name for c in dialog.model.rows()] == [ME, "Lê Thị Lan"]
        dialog.new_name.setText("Hoa")
        dialog.accept()

    timer = when_visible(window, CoderDialog, answer)
    window.coders.act_coder.trigger()
    timer.stop()
    assert [c.name for c in list_coders(window.db)] == [ME, "Lê Thị Lan", "Hoa"]
    assert window.db.coder_id == 3 and window.coders.button.text() == "Coder: Hoa"


def test_a_rename_is_undone_from_the_edit_menu_and_the_status_bar_follows(open_window):
    window = open_window()
    window.coders.keep_proposed()
    dialog = CoderDialog(list_coders(window.db), 1, window.coders._rename, lambda: list_coders(window.db),
                         parent=window)
    dialog.select(1)
    assert dialog.rename_selected("Nguyễn Văn A")
    dialog.deleteLater()
    assert window.coders.button.text() == "Coder: Nguyễn Văn A"
    assert window.undo_actions.act_undo.text() == f"Undo Rename coder “{ME}”"
    window.undo_actions.act_undo.trigger()
    assert window.coders.button.text() == f"Coder: {ME}"
    assert window.settings.value(settings_key(window.db.path, "name")) == ME  # the next start finds me
    window.undo_actions.act_redo.trigger()
    assert window.settings.value(settings_key(window.db.path, "name")) == "Nguyễn Văn A"


def test_renaming_to_a_taken_name_is_refused_in_words(open_window):
    window = open_window()
    use_coder(window.db, "Lan")
    dialog = CoderDialog(list_coders(window.db), 1, window.coders._rename, lambda: list_coders(window.db),
                         parent=window)
    dialog.select(2)
    assert dialog.rename_selected(ME) is False
    assert "Lan" in [c.name for c in list_coders(window.db)] and dialog.error.text()
    dialog.deleteLater()


def test_views_per_coder_and_blind_coding(open_window, qtbot):
    window = open_window()
    start, mine, hers = two_coders_highlights(window)
    reader, panel = window.reader, window.panel
    assert reader.highlight_ids() == {mine, hers}
    window.coders.act_mine.trigger()
    assert reader.highlight_ids() == {mine}
    assert [h.id for h in panel.model.rows()] == [mine]
    assert window.coders.button.text().endswith("others hidden")
    window.coders.act_all.trigger()
    assert reader.highlight_ids() == {mine, hers}

    def counts() -> dict[str, int]:
        return {t.name: t.count for t in panel.tag_model.tags() if t.name in ("Tổ chức", "Trung ương")}

    assert counts() == {"Tổ chức": 1, "Trung ương": 1}
    window.coders.act_blind.trigger()  # blind: only mine, whatever the mode
    assert window.coders.view == CoderView("all", blind=True)
    assert reader.highlight_ids() == {mine} and window.coders.button.text().endswith("blind")
    assert counts() == {"Tổ chức": 1, "Trung ương": 0}  # the palette does not tell her work
    # What I add while blind shows; Lan's new work (through the bus) does not.
    new = window.ops.create_highlight(window.current.id, TextSpan(start + 4, start + 11), ["Cán bộ"])
    window.bus.publish(new.changes)
    assert reader.highlight_ids() == {mine, new.value.id}
    window.close()
    again = open_window()  # blind stays on until the coder turns it off
    assert again.coders.act_blind.isChecked() and hers not in again.reader.highlight_ids()
    again.coders.act_blind.trigger()
    assert hers in again.reader.highlight_ids()


def test_chosen_coders_are_ticked_in_a_list(open_window, qtbot):
    window = open_window()
    _start, mine, hers = two_coders_highlights(window)
    use_coder(window.db, "Hoa")
    window.db.coder_id = 1

    def answer() -> None:
        model = window.coders.picker
        assert [model.item(r).text() for r in range(model.rowCount())] == [ME, "Lan", "Hoa"]
        assert not model.item(0).isEnabled()  # one's own work always shows
        model.item(1).setCheckState(Qt.CheckState.Checked)
        model.parent().accept()

    timer = when_visible(window, QDialog, answer)
    window.coders.act_chosen.trigger()
    timer.stop()
    assert window.coders.view.mode == "chosen" and window.coders.view.chosen == {1, 2}
    assert window.reader.highlight_ids() == {mine, hers}


def test_another_coders_highlight_is_marked_as_theirs(open_window, qtbot):
    window = open_window()
    start, mine, hers = two_coders_highlights(window)
    cards = window.panel.list.cards
    by_id = {h.id: h for h in window.panel.model.rows()}
    assert cards.coder_line(by_id[mine]) == ME
    assert cards.coder_line(by_id[hers]) == "Lan (another coder)"
    window.panel.select(hers)
    window.panel.editor.set_highlight(by_id[hers])
    assert window.panel.editor.owner.isVisibleTo(window) and "Lan" in window.panel.editor.owner.text()
    window.panel.editor.set_highlight(by_id[mine])
    assert not window.panel.editor.owner.isVisibleTo(window)
    reader = window.reader
    reader.scroll_to_offsets(start, start + 1, flash=False)
    assert "coded by Lan" in reader.tooltip_at(point_on(reader, start + 14))
    # Editing hers is allowed: the note is saved on her highlight, which stays hers.
    window.bus.publish(window.ops.set_note(hers, "ghi chú của tôi"))
    info = window.service.get_highlight(hers)
    assert info.note == "ghi chú của tôi" and info.coder_id == 2


def test_blind_coding_hides_other_coders_whole_article_codes(open_window):
    from desktop_app.ui.analysis.article_attributes import AttributesTab

    window = open_window()
    open_article_containing(window, PHRASE)
    article = window.current.id
    window.bus.publish(window.ops.code_articles([article], add=["Thể loại/Tin"]))
    window.coders.switch_to("Lan")
    window.bus.publish(window.ops.code_articles([article], add=["Thể loại/Phóng sự"]))
    window.coders.switch_to(ME)
    assert "Phóng sự" in AttributesTab(window.ops, article, coders=window.session.coders).codes.text()
    window.coders.act_blind.trigger()
    shown = AttributesTab(window.ops, article, coders=window.session.coders).codes.text()
    assert "Tin" in shown and "Phóng sự" not in shown
