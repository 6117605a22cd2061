"""The menu bar and the toolbar: where each action of ui/window/actions.py is placed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QToolBar

from desktop_app.ui.window.dictionary_controller import dictionary_action
from desktop_app.ui.window.language_menu import LanguageMenu
from desktop_app.ui.window.merge_controller import merge_action

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow


def build_menus_and_toolbar(w: MainWindow) -> None:
    a = w.commands
    bar = w.menuBar()
    menu_file = bar.addMenu(QCoreApplication.translate("MainWindow", "&File"))
    menu_file.setToolTipsVisible(True)  # a disabled item says why (shared library: no restore)
    menu_file.addAction(w.shared.act_open_shared)
    menu_file.addMenu(w.shared.menu_recent)
    menu_file.addAction(w.shared.act_open_local)
    menu_file.addSeparator()
    menu_file.addActions([a.act_import_files, a.act_import_folder])
    menu_file.addAction(a.act_details)
    menu_file.addSeparator()
    menu_file.addActions([a.act_export, a.act_import_annotations])
    menu_file.addAction(merge_action(w))
    menu_file.addSeparator()
    menu_file.addActions([a.act_backup, a.act_restore, a.act_check, a.act_safety_settings])
    menu_file.addSeparator()
    menu_file.addAction(a.act_quit)
    menu_edit = bar.addMenu(QCoreApplication.translate("MainWindow", "&Edit"))
    menu_edit.addActions([a.act_undo, a.act_redo])
    menu_edit.addSeparator()
    menu_edit.addActions([a.act_highlight, a.act_edit_tags, a.act_delete])
    menu_edit.addAction(a.act_manage_tags)
    menu_edit.addAction(a.act_memo)
    menu_edit.addAction(w.coders.act_coder)
    menu_edit.addAction(dictionary_action(w))
    menu_edit.addAction(a.act_segmentation_settings)
    menu_edit.addSeparator()
    menu_edit.addActions([a.act_next_highlight, a.act_previous_highlight])
    menu_edit.addActions([a.act_next_here, a.act_previous_here])
    menu_edit.addSeparator()
    menu_edit.addActions(a.resize_actions)
    menu_edit.addSeparator()
    menu_edit.addActions([a.act_find, a.act_find_next, a.act_find_previous, a.act_search])
    menu_view = bar.addMenu(QCoreApplication.translate("MainWindow", "&View"))
    menu_view.addActions([w.panes.act_show_library, w.panes.act_show_panel])
    menu_view.addSeparator()
    menu_view.addAction(a.act_words)
    menu_view.addActions([a.act_pos, a.act_entities, a.act_snap])
    menu_view.addAction(a.act_show_hidden)
    menu_view.addMenu(w.coders.menu)
    menu_view.addSeparator()
    menu_view.addActions([a.act_concordance, a.act_frequencies])
    menu_view.addSeparator()
    menu_view.addActions([a.act_text_bigger, a.act_text_smaller, a.act_text_reset])
    menu_view.addAction(a.act_reading_settings)
    menu_view.addMenu(LanguageMenu(w.settings, lambda text: w.statusBar().showMessage(text, 10_000), w))
    w.analysis.build_menus(bar, menu_file)
    menu_help = bar.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    menu_help.addAction(a.act_shortcuts)
    menu_help.addAction(a.act_about)

    toolbar = QToolBar(QCoreApplication.translate("MainWindow", "Main"))
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    toolbar.addAction(w.panes.act_show_library)  # hidden on a small screen: the way back in sight
    toolbar.addSeparator()
    toolbar.addAction(a.act_import_files)
    toolbar.addSeparator()
    toolbar.addAction(a.act_highlight)
    toolbar.addAction(a.act_words)
    toolbar.addSeparator()
    toolbar.addAction(a.act_export)
    toolbar.addSeparator()
    toolbar.addAction(w.panes.act_show_panel)
    w.addToolBar(toolbar)
