"""Every command of the main window as a QAction, with its shortcut, wired to the
controller that carries it out. Menus and the toolbar (ui/window/menus.py) only place them.

Keys are chords, never a bare letter (it would clash with Unikey/Telex typing).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

from desktop_app.ui.dialogs.reading_settings import ReadingSettingsDialog
from desktop_app.ui.dialogs.shortcuts import ShortcutsDialog

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow

HIGHLIGHT_SHORTCUT = QKeySequence("Ctrl+H")


class WindowActions(QObject):
    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        files, hl, views = w.files, w.highlights, w.word_view
        undo = w.undo_actions
        self.act_import_files = self._action(self.tr("Import articles…"), files.import_files_dialog,
                                             QKeySequence.StandardKey.Open)
        self.act_import_folder = self._action(self.tr("Import a folder…"), files.import_folder_dialog)
        self.act_export = self._action(self.tr("Export annotations…"), files.export_dialog, "Ctrl+E")
        self.act_import_annotations = self._action(self.tr("Import annotations…"), files.import_annotations_dialog)
        self.act_backup = self._action(self.tr("Back up…"), files.backup_dialog)
        self.act_restore = self._action(self.tr("Restore from backup…"), w.safety.restore_dialog)
        self.act_check = self._action(self.tr("Check library…"), w.safety.check_dialog)
        self.act_safety_settings = self._action(self.tr("Data safety settings…"), w.safety.settings_dialog)
        self.act_segmentation_settings = self._action(self.tr("Segmentation processes…"),
                                                      lambda: _segmentation_settings(w))
        self.act_quit = self._action(self.tr("Quit"), w.close, QKeySequence.StandardKey.Quit)

        self.act_undo, self.act_redo = undo.act_undo, undo.act_redo
        self.act_next_highlight = self._action(self.tr("Next highlight"), lambda: w.panel.step(1), "Alt+Down")
        self.act_previous_highlight = self._action(self.tr("Previous highlight"), lambda: w.panel.step(-1), "Alt+Up")
        self.act_manage_tags = self._action(self.tr("Manage tags…"), w.manage_tags, "Ctrl+Shift+T")
        # Ctrl+1 … Ctrl+9 apply the first nine tags of the palette, as clicking them does.
        self.act_quick_tags = []
        for n in range(1, 10):
            action = self._action(self.tr("Apply tag %1").replace("%1", str(n)),
                                  lambda n=n: hl.apply_tag_number(n), f"Ctrl+{n}")
            w.addAction(action)
            self.act_quick_tags.append(action)
        self.act_highlight = self._action(self.tr("Highlight with tags…"), lambda: hl.highlight_selection(None),
                                          HIGHLIGHT_SHORTCUT)
        self.act_highlight.setToolTip(self.tr("Highlight the selected text and tag it (Ctrl+H)"))
        self.act_edit_tags = self._action(self.tr("Edit tags of highlight…"),
                                          lambda: hl.with_selected(hl.edit_tags), "Ctrl+T")
        self.act_delete = self._action(self.tr("Delete highlight"),
                                       lambda: hl.with_selected(hl.delete_highlight), "Ctrl+Del")
        # Ctrl+Shift+M: on macOS Qt makes Ctrl+M Cmd+M, which minimizes the window.
        self.act_memo = self._action(self.tr("Write article memo"), w.panel.focus_memo, "Ctrl+Shift+M")
        self.act_next_here = self._action(self.tr("Next highlight at the cursor"), lambda: hl.cycle_here(1), "Alt+Right")
        self.act_previous_here = self._action(self.tr("Previous highlight at the cursor"),
                                              lambda: hl.cycle_here(-1), "Alt+Left")
        # The bracket says which way the edge moves, Shift says it is the start.
        self.act_grow_end = self._action(self.tr("Extend highlight end by a word"),
                                         lambda: hl.resize_selected("end", grow=True), "Ctrl+]")
        self.act_shrink_end = self._action(self.tr("Shrink highlight end by a word"),
                                           lambda: hl.resize_selected("end", grow=False), "Ctrl+[")
        self.act_grow_start = self._action(self.tr("Extend highlight start by a word"),
                                           lambda: hl.resize_selected("start", grow=True), "Ctrl+Shift+[")
        self.act_shrink_start = self._action(self.tr("Shrink highlight start by a word"),
                                             lambda: hl.resize_selected("start", grow=False), "Ctrl+Shift+]")
        self.resize_actions = [self.act_grow_end, self.act_shrink_end, self.act_grow_start, self.act_shrink_start]

        pane = w.reader_pane
        self.act_find = self._action(self.tr("Find in article…"), pane.find, QKeySequence.StandardKey.Find)
        self.act_find_next = self._action(self.tr("Find next"), pane.find_bar.next_match,
                                          QKeySequence.StandardKey.FindNext)
        self.act_find_previous = self._action(self.tr("Find previous"), pane.find_bar.previous_match,
                                              QKeySequence.StandardKey.FindPrevious)
        self.act_search = self._action(self.tr("Search all articles…"), w.library.focus_search, "Ctrl+Shift+F")
        self.act_show_hidden = self._toggle(self.tr("Show hidden web leftovers"), lambda _on: w.reopen_current())
        self.act_show_hidden.setToolTip(self.tr("Show, greyed, the share buttons, counters and other "
                                                "web leftovers that are hidden from the article"))
        self.act_details = self._action(self.tr("Article details…"), w.details_dialog, "Ctrl+I")
        self.act_concordance = self._action(self.tr("Concordance…"), w.tools.show_concordance, "Ctrl+Shift+K")
        self.act_frequencies = self._action(self.tr("Word frequencies…"), w.tools.show_frequencies, "Ctrl+Shift+L")
        self.act_words = self._toggle(self.tr("Show word boundaries"), w.reader.set_show_word_boundaries,
                                      "Ctrl+Shift+W")
        self.act_words.setToolTip(self.tr("Underline multi-syllable Vietnamese words (Ctrl+Shift+W)"))
        self.act_pos = self._toggle(self.tr("Colour parts of speech"), views.set_show_pos, "Ctrl+Shift+P")
        self.act_pos.setToolTip(self.tr("Colour nouns, verbs, adjectives, names and numbers (Ctrl+Shift+P)"))
        self.act_entities = self._toggle(self.tr("Show named entities"), views.set_show_entities, "Ctrl+Shift+E")
        self.act_entities.setToolTip(self.tr("Underline the people, places and organisations the tagger "
                                             "suggests; right-click one to accept or reject it (Ctrl+Shift+E)"))
        self.act_snap = self._toggle(self.tr("Snap selection to words"), w.reader.set_snap_to_words)
        self.act_snap.setChecked(True)
        self.act_snap.setToolTip(self.tr("A selection made with the mouse grows to whole words "
                                         "(hold Alt while releasing to keep it exact)"))
        self.act_shortcuts = self._action(self.tr("Keyboard shortcuts"),
                                          lambda: ShortcutsDialog(w.menuBar(), w).exec(), "Ctrl+/")
        self.act_reading_settings = self._action(self.tr("Reading settings…"),
                                                 lambda: ReadingSettingsDialog(w.appearance, w).exec(), "Ctrl+,")
        self.act_text_bigger = self._action(self.tr("Bigger text"), w.appearance.bigger)
        self.act_text_bigger.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")])
        self.act_text_smaller = self._action(self.tr("Smaller text"), w.appearance.smaller,
                                             QKeySequence.StandardKey.ZoomOut)
        self.act_text_reset = self._action(self.tr("Normal text size"), w.appearance.reset_size, "Ctrl+0")
        self.act_about = self._action(self.tr("About Chú Giải"), w.about)

    def _action(self, text: str, slot: Callable[[], object],
                keys: str | QKeySequence | QKeySequence.StandardKey | None = None) -> QAction:
        action = QAction(text, self.w)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        # triggered(bool) must not land in the slot's parameters (highlight_selection(tags)).
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _toggle(self, text: str, slot: Callable[[bool], object], keys: str | None = None) -> QAction:
        action = QAction(text, self.w)
        action.setCheckable(True)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.toggled.connect(slot)
        return action

    def update_state(self) -> None:
        """Enable what applies now: a selection in the text, a selected card, a library
        that can be written."""
        w = self.w
        writable = not w.db.read_only
        has_text = w.reader.selected_offsets() is not None
        has_selected = w.panel.selected_id() is not None
        w.panel.orphans.set_text_selected(writable and has_text)
        self.act_highlight.setEnabled(writable and has_text)
        for action in [self.act_edit_tags, self.act_delete, *self.resize_actions]:
            action.setEnabled(writable and has_selected)
        self.act_memo.setEnabled(w.session.article is not None)


def _segmentation_settings(w: MainWindow) -> None:
    from desktop_app.ui.dialogs.segmentation_settings import edit_workers

    if edit_workers(w.settings, w):
        w.statusBar().showMessage(QCoreApplication.translate(
            "MainWindow", "The new number of segmentation processes is used from the next start."), 10_000)
