"""Issue 14, 9: counts read as English does ("1 highlight", "2 highlights"), through Qt's
%n plural forms, never "Highlight 1 passages" or "on 2 highlights in 1 articles"."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel

from desktop_app.ui.dialogs.export_dialog import ExportDialog
from tests.ui.english import shipped
from tests.ui.test_highlighting import open_article_containing


def test_one_highlight_reads_in_the_singular(open_window):
    window = open_window()
    start = open_article_containing(window, "Ban Tổ chức Trung ương")
    # One concordance line tagged: the undo step names one passage (translated already).
    window.create_highlights([(window.current.id, start, start + 3)], ["Cơ quan"])
    assert window.commands.act_undo.text() == "Undo Highlight 1 passage"
    palette = window.panel.tag_model
    assert "Cơ quan — 1 highlight" in palette.index(0).data(3)  # the chip's tooltip (escaped)
    # The cards' menu for one selected card.
    window.panel.list.selectionModel().select(window.panel.model.index(0),
                                              QItemSelectionModel.SelectionFlag.ClearAndSelect)
    shown = [a.text() for a in window.panel.card_menu(window.panel.selected_ids()).actions()]
    assert [shipped(t) for t in shown if t] == ["Add tags to 1 highlight…", "Remove tags from 1 highlight…",
                                                "Delete 1 highlight"]
    # What an export of it says, and the export dialog's scope for one selected article.
    assert shipped(window.files.counted(1, "highlights")) == "1 highlight"
    assert shipped(window.files.counted(2, "codes")) == "2 codes"
    dialog = ExportDialog("Bài", 1, [], window)
    assert shipped(dialog.scope_selected.text()) == "The 1 selected article"
    dialog.deleteLater()
    # The library: one article of five shown.
    window.library.search_box.setText("")
    combo = window.library.filters.source
    combo.setCurrentIndex(next(i for i in range(1, combo.count()) if combo.itemText(i).endswith("(1)")))
    assert shipped(window.library.count.text()) == "1 of 5 articles"
