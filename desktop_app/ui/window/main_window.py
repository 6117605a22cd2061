"""The main window: library | reader | annotation panel, wired to the core services.

Data flows one way: a user action calls a core service, the service returns what
changed, and the views refresh from that. No SQL here.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QToolBar,
)

from desktop_app import APP_DISPLAY_NAME, __version__
from desktop_app.core.annotate.highlights import AnnotationError, AnnotationService, HighlightInfo
from desktop_app.core.storage.database import Database, DatabaseError
from desktop_app.core.library.ingest import ImportReport
from desktop_app.core.library.ingest.metadata import parse_metadata, title_span
from desktop_app.core.library.ingest.boilerplate import find_boilerplate
from desktop_app.core.library.memos import get_memo, set_memo
from desktop_app.core.library.articles import ArticleDoc, get_article, list_articles, set_hidden_spans, update_metadata
from desktop_app.core.nlp.stored import load_segmentation
from desktop_app.core.text.normalize import fold
from desktop_app.ui.panel.pane import AnnotationPane
from desktop_app.ui.theme.appearance import Appearance
from desktop_app.ui.window.import_job import ImportController, ImportStatus
from desktop_app.ui.library.article_list import ID_ROLE
from desktop_app.ui.window.language_menu import LanguageMenu
from desktop_app.ui.library.pane import LibraryPane
from desktop_app.ui.library.article_details import ArticleDetailsDialog
from desktop_app.ui.tools.concordance_window import ConcordanceWindow
from desktop_app.ui.window.file_actions import FileActions
from desktop_app.ui.tools.frequency_window import FrequencyWindow
from desktop_app.ui.window.highlight_actions import HighlightActions
from desktop_app.ui.reader.view import WINDOWED_ABOVE
from desktop_app.ui.reader.pane import ReaderPane
from desktop_app.ui.dialogs.reading_settings import ReadingSettingsDialog
from desktop_app.ui.dialogs.shortcuts import ShortcutsDialog
from desktop_app.ui.window.status import SegmentationStatus
from desktop_app.ui.dialogs.tag_dialog import TagDialog
from desktop_app.ui.dialogs.tag_manager import TagManagerDialog
from desktop_app.ui.window.undo import AnnotationHistory
from desktop_app.ui.window.word_view_actions import WordViewActions
from desktop_app.ui.workers import SegmentationWorker

HIGHLIGHT_SHORTCUT = QKeySequence("Ctrl+H")  # never a bare letter: it would clash with Unikey/Telex


class MainWindow(FileActions, WordViewActions, HighlightActions, QMainWindow):
    def __init__(self, db: Database, settings: QSettings | None = None, start_worker: bool = True) -> None:
        super().__init__()
        self.db = db
        self.service = AnnotationService(db)
        self.history = AnnotationHistory(self.service, self)
        self.history.changed.connect(self._history_changed)
        self.history.failed.connect(lambda message: QMessageBox.warning(self, self.tr("Could not undo"), message))
        self.settings = settings or QSettings()
        self.current: ArticleDoc | None = None
        self._last_focus: tuple[int, float] = (-1, 0.0)
        self._segmentation_paused = not start_worker or db.read_only
        self.setWindowTitle(APP_DISPLAY_NAME)

        self.library = LibraryPane(db)
        self.article_model = self.library.model
        self.article_list = self.library.list
        self.reader_pane = ReaderPane()
        self.reader = self.reader_pane.reader
        # Font, line spacing, theme: applied now, before the first article is laid out.
        self.appearance = Appearance(self.settings, self)
        self.appearance.attach(self.reader)
        self.reader.zoomRequested.connect(lambda step: self.appearance.bigger() if step > 0 else self.appearance.smaller())
        self.panel = AnnotationPane()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.library)
        self.splitter.addWidget(self.reader_pane)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([300, 760, 340])
        self.setCentralWidget(self.splitter)

        self._make_actions()
        self._make_word_view()
        self._make_highlight_actions()
        self._make_menus_and_toolbar()
        self.seg_status = SegmentationStatus()
        self.import_status = ImportStatus()
        self.statusBar().addPermanentWidget(self.import_status)
        self.statusBar().addPermanentWidget(self.seg_status)
        self._add_word_view_to_status_bar()
        self.importer = ImportController(db, self.import_status, self)
        self.importer.finished.connect(self._imported)
        self.importer.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.setAcceptDrops(True)
        if db.read_only:
            self.statusBar().addPermanentWidget(QLabel(self.tr("Read-only library: changes cannot be saved")))

        self.library.articleChosen.connect(self.open_article)
        self.library.hitChosen.connect(self.open_at)
        self.reader.highlightClicked.connect(self._on_highlight_clicked_in_text)
        self.reader.selectionOffsetsChanged.connect(self._update_action_state)
        self.panel.orphans.reattachRequested.connect(self.reattach_orphan)
        self.panel.bulkTagRequested.connect(self.tag_many)
        self.panel.bulkDeleteRequested.connect(self.delete_many)
        self.reader.add_context_actions([self.act_highlight, self.act_edit_tags, self.act_delete])
        self.panel.highlightSelected.connect(self._focus_highlight)
        self.panel.tagClicked.connect(self._on_palette_tag)
        self.panel.editor.noteEdited.connect(self._save_note)
        self.panel.editor.editTagsRequested.connect(self.edit_tags)
        self.panel.editor.deleteRequested.connect(self.delete_highlight)
        self.panel.memoEdited.connect(self._save_memo)
        self.panel.set_read_only(db.read_only)
        delete_key = QShortcut(QKeySequence.StandardKey.Delete, self.panel.list)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(lambda: self.panel.selected_ids() and self.delete_many(self.panel.selected_ids()))

        self.worker = self._make_worker()
        self.seg_status.cancelRequested.connect(self._cancel_segmentation)

        self._restore_settings()
        self.refresh_library()
        self.refresh_tags()
        self._open_initial_article()
        self._update_action_state()
        if not db.read_only:
            QTimer.singleShot(0, self.library.index_in_background)
        if start_worker and not db.read_only:  # results could not be stored
            # Lay the progress widgets out now: making them appear later re-lays the window.
            self.seg_status.set_progress(0, 0)
            self.worker.prestart()
            QTimer.singleShot(0, self.worker.start)

    # --- actions, menus -----------------------------------------------------------------
    def _make_actions(self) -> None:
        self.act_import_files = QAction(self.tr("Import articles…"), self)
        self.act_import_files.setShortcut(QKeySequence.StandardKey.Open)
        self.act_import_files.triggered.connect(self.import_files_dialog)
        self.act_import_folder = QAction(self.tr("Import a folder…"), self)
        self.act_import_folder.triggered.connect(self.import_folder_dialog)
        self.act_export = QAction(self.tr("Export annotations…"), self)
        self.act_export.setShortcut(QKeySequence("Ctrl+E"))
        self.act_export.triggered.connect(self.export_dialog)
        self.act_import_annotations = QAction(self.tr("Import annotations…"), self)
        self.act_import_annotations.triggered.connect(self.import_annotations_dialog)
        self.act_backup = QAction(self.tr("Back up…"), self)
        self.act_backup.triggered.connect(self.backup_dialog)
        self.act_restore = QAction(self.tr("Restore from backup…"), self)
        self.act_restore.triggered.connect(self.restore_dialog)
        self.act_quit = QAction(self.tr("Quit"), self)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.act_quit.triggered.connect(self.close)

        self.act_undo = self.history.stack.createUndoAction(self, self.tr("Undo"))
        self.act_undo.setShortcuts([QKeySequence.StandardKey.Undo])
        self.act_redo = self.history.stack.createRedoAction(self, self.tr("Redo"))
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.act_next_highlight = QAction(self.tr("Next highlight"), self)
        self.act_next_highlight.setShortcut(QKeySequence("Alt+Down"))
        self.act_next_highlight.triggered.connect(lambda: self.panel.step(1))
        self.act_previous_highlight = QAction(self.tr("Previous highlight"), self)
        self.act_previous_highlight.setShortcut(QKeySequence("Alt+Up"))
        self.act_previous_highlight.triggered.connect(lambda: self.panel.step(-1))
        self.act_manage_tags = QAction(self.tr("Manage tags…"), self)
        self.act_manage_tags.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.act_manage_tags.triggered.connect(self.manage_tags)
        # Ctrl+1 … Ctrl+9 apply the first nine tags of the palette, as clicking them does.
        self.act_quick_tags = []
        for n in range(1, 10):
            action = QAction(self.tr("Apply tag %1").replace("%1", str(n)), self)
            action.setShortcut(QKeySequence(f"Ctrl+{n}"))
            action.triggered.connect(lambda _checked=False, n=n: self.apply_tag_number(n))
            self.addAction(action)
            self.act_quick_tags.append(action)
        self.act_highlight = QAction(self.tr("Highlight with tags…"), self)
        self.act_highlight.setShortcut(HIGHLIGHT_SHORTCUT)
        self.act_highlight.setToolTip(self.tr("Highlight the selected text and tag it (Ctrl+H)"))
        # triggered(bool) would land in `tags`: ask for tags explicitly.
        self.act_highlight.triggered.connect(lambda: self.highlight_selection(None))
        self.act_edit_tags = QAction(self.tr("Edit tags of highlight…"), self)
        self.act_edit_tags.setShortcut(QKeySequence("Ctrl+T"))
        self.act_edit_tags.triggered.connect(lambda: self._with_selected(self.edit_tags))
        self.act_delete = QAction(self.tr("Delete highlight"), self)
        self.act_delete.setShortcut(QKeySequence("Ctrl+Del"))
        self.act_delete.triggered.connect(lambda: self._with_selected(self.delete_highlight))
        # Ctrl+Shift+M: on macOS Qt makes Ctrl+M Cmd+M, which minimizes the window.
        self.act_memo = QAction(self.tr("Write article memo"), self)
        self.act_memo.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.act_memo.triggered.connect(self.panel.focus_memo)

        self.act_find = QAction(self.tr("Find in article…"), self)
        self.act_find.setShortcut(QKeySequence.StandardKey.Find)
        self.act_find.triggered.connect(self.reader_pane.find)
        self.act_find_next = QAction(self.tr("Find next"), self)
        self.act_find_next.setShortcut(QKeySequence.StandardKey.FindNext)
        self.act_find_next.triggered.connect(self.reader_pane.find_bar.next_match)
        self.act_find_previous = QAction(self.tr("Find previous"), self)
        self.act_find_previous.setShortcut(QKeySequence.StandardKey.FindPrevious)
        self.act_find_previous.triggered.connect(self.reader_pane.find_bar.previous_match)
        self.act_search = QAction(self.tr("Search all articles…"), self)
        self.act_search.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.act_search.triggered.connect(self.library.focus_search)
        self.act_show_hidden = QAction(self.tr("Show hidden web leftovers"), self)
        self.act_show_hidden.setCheckable(True)
        self.act_show_hidden.setToolTip(self.tr("Show, greyed, the share buttons, counters and other "
                                                "web leftovers that are hidden from the article"))
        self.act_show_hidden.toggled.connect(self._reopen_current)
        self.act_details = QAction(self.tr("Article details…"), self)
        self.act_details.setShortcut(QKeySequence("Ctrl+I"))
        self.act_details.triggered.connect(self.details_dialog)
        self.act_concordance = QAction(self.tr("Concordance…"), self)
        self.act_concordance.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.act_concordance.triggered.connect(self.show_concordance)
        self.act_frequencies = QAction(self.tr("Word frequencies…"), self)
        self.act_frequencies.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.act_frequencies.triggered.connect(self.show_frequencies)
        self._concordance: ConcordanceWindow | None = None
        self._frequencies: FrequencyWindow | None = None
        self.act_words = QAction(self.tr("Show word boundaries"), self)
        self.act_words.setCheckable(True)
        self.act_words.setShortcut(QKeySequence("Ctrl+Shift+W"))
        self.act_words.setToolTip(self.tr("Underline multi-syllable Vietnamese words (Ctrl+Shift+W)"))
        self.act_words.toggled.connect(self.reader.set_show_word_boundaries)
        self.act_shortcuts = QAction(self.tr("Keyboard shortcuts"), self)
        self.act_shortcuts.setShortcut(QKeySequence("Ctrl+/"))
        self.act_shortcuts.triggered.connect(lambda: ShortcutsDialog(self.menuBar(), self).exec())
        self.act_reading_settings = QAction(self.tr("Reading settings…"), self)
        self.act_reading_settings.setShortcut(QKeySequence("Ctrl+,"))
        self.act_reading_settings.triggered.connect(lambda: ReadingSettingsDialog(self.appearance, self).exec())
        self.act_text_bigger = QAction(self.tr("Bigger text"), self)
        self.act_text_bigger.setShortcuts([QKeySequence.StandardKey.ZoomIn, QKeySequence("Ctrl+=")])
        self.act_text_bigger.triggered.connect(self.appearance.bigger)
        self.act_text_smaller = QAction(self.tr("Smaller text"), self)
        self.act_text_smaller.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.act_text_smaller.triggered.connect(self.appearance.smaller)
        self.act_text_reset = QAction(self.tr("Normal text size"), self)
        self.act_text_reset.setShortcut(QKeySequence("Ctrl+0"))
        self.act_text_reset.triggered.connect(self.appearance.reset_size)
        self.act_about = QAction(self.tr("About Chú Giải"), self)
        self.act_about.triggered.connect(self._about)

    def _make_menus_and_toolbar(self) -> None:
        menu_file = self.menuBar().addMenu(self.tr("&File"))
        menu_file.addActions([self.act_import_files, self.act_import_folder])
        menu_file.addAction(self.act_details)
        menu_file.addSeparator()
        menu_file.addActions([self.act_export, self.act_import_annotations])
        menu_file.addSeparator()
        menu_file.addActions([self.act_backup, self.act_restore])
        menu_file.addSeparator()
        menu_file.addAction(self.act_quit)
        menu_edit = self.menuBar().addMenu(self.tr("&Edit"))
        menu_edit.addActions([self.act_undo, self.act_redo])
        menu_edit.addSeparator()
        menu_edit.addActions([self.act_highlight, self.act_edit_tags, self.act_delete])
        menu_edit.addAction(self.act_manage_tags)
        menu_edit.addAction(self.act_memo)
        menu_edit.addSeparator()
        menu_edit.addActions([self.act_next_highlight, self.act_previous_highlight])
        self._add_highlight_actions(menu_edit)
        menu_edit.addSeparator()
        menu_edit.addActions([self.act_find, self.act_find_next, self.act_find_previous, self.act_search])
        menu_view = self.menuBar().addMenu(self.tr("&View"))
        menu_view.addAction(self.act_words)
        menu_view.addActions([self.act_pos, self.act_entities, self.act_snap])
        menu_view.addAction(self.act_show_hidden)
        menu_view.addSeparator()
        menu_view.addActions([self.act_concordance, self.act_frequencies])
        menu_view.addSeparator()
        menu_view.addActions([self.act_text_bigger, self.act_text_smaller, self.act_text_reset])
        menu_view.addAction(self.act_reading_settings)
        menu_view.addMenu(LanguageMenu(self.settings, lambda text: self.statusBar().showMessage(text, 10_000), self))
        menu_help = self.menuBar().addMenu(self.tr("&Help"))
        menu_help.addAction(self.act_shortcuts)
        menu_help.addAction(self.act_about)

        toolbar = QToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.act_import_files)
        toolbar.addSeparator()
        toolbar.addAction(self.act_highlight)
        toolbar.addAction(self.act_words)
        toolbar.addSeparator()
        toolbar.addAction(self.act_export)
        self.addToolBar(toolbar)

    def _update_action_state(self) -> None:
        writable = not self.db.read_only
        self.panel.orphans.set_text_selected(writable and self.reader.selected_offsets() is not None)
        self.act_highlight.setEnabled(writable and self.reader.selected_offsets() is not None)
        has_selected = self.panel.selected_id() is not None
        self.act_edit_tags.setEnabled(writable and has_selected)
        self.act_delete.setEnabled(writable and has_selected)
        self.act_memo.setEnabled(self.current is not None)
        self._update_highlight_actions(writable, has_selected)

    # --- library ------------------------------------------------------------------------
    def refresh_library(self) -> None:
        self.library.refresh()

    def refresh_tags(self) -> None:
        tags = self.service.list_tags()
        self.panel.set_tags(tags)
        self.library.set_tags([t.name for t in tags])

    def _select_article_row(self, article_id: int) -> None:
        self.library.select_article(article_id)

    def _open_initial_article(self) -> None:
        last = self.settings.value("reader/last_article")
        try:
            last_id = int(last) if last is not None else None
        except (TypeError, ValueError):
            last_id = None
        if last_id is None or self.article_model.row_of(last_id) < 0:
            if not self.article_model.rowCount():
                return
            last_id = self.article_model.index(0).data(ID_ROLE)
        # Selected without a signal, then opened: the row may already be current (after
        # a restore), and selecting it again would not reopen it.
        self.library.select_article(last_id, emit=False)
        self.open_article(last_id)

    def _save_reading_position(self) -> None:
        """Where the reader is, as the text offset at the top of the view: it survives a
        new font size or window width, unlike a scroll-bar value."""
        if self.current is not None:
            top = self.reader.offset_at(QPoint(0, 0)) if self.reader.verticalScrollBar().value() else 0
            self.settings.setValue(f"reader/position/{self.current.id}", top)

    def _restore_reading_position(self, article_id: int) -> None:
        try:
            top = int(self.settings.value(f"reader/position/{article_id}", 0))
        except (TypeError, ValueError):
            top = 0
        if 0 < top < len(self.current.text if self.current else ""):
            rect = self.reader.cursorRect(self.reader._cursor_for(top, top))
            bar = self.reader.verticalScrollBar()
            bar.setValue(bar.value() + rect.top())

    def open_article(self, article_id: int) -> None:
        self.panel.editor.flush_note()
        self.panel.flush_memo()
        doc = get_article(self.db, article_id)
        if doc is None:
            return
        self._save_reading_position()
        self.current = doc
        span = title_span(doc.text, parse_metadata(doc.text)) if doc.title else None
        self.reader_pane.show_article(doc, span, self.act_show_hidden.isChecked())
        highlights = self.service.highlights_for_article(article_id)
        self.reader.set_highlights(highlights)
        self.panel.set_highlights(highlights)
        self.panel.orphans.set_orphans(self.service.orphans_for_article(article_id))
        self.panel.show_memo(article_id, get_memo(self.db, article_id))
        spans = load_segmentation(self.db, article_id)
        self.reader.set_tokens(spans)
        needs_tags = self._show_word_view(article_id)
        if spans is None or needs_tags:
            self.worker.prioritize(article_id)
            if not self._segmentation_paused:
                self.worker.start()
        self.settings.setValue("reader/last_article", article_id)
        self._restore_reading_position(article_id)
        self.setWindowTitle(f"{doc.title or self.tr('(untitled)')} — {APP_DISPLAY_NAME}")
        self._update_action_state()

    def _reopen_current(self) -> None:
        if self.current is not None:
            position = self.reader.verticalScrollBar().value()
            self.open_article(self.current.id)
            self.reader.verticalScrollBar().setValue(position)

    def details_dialog(self) -> None:
        if self.current is None:
            return
        doc = self.current

        def save(fields: dict[str, str], hidden: list[tuple[int, int]]) -> None:
            update_metadata(self.db, doc.id, **fields)
            set_hidden_spans(self.db, doc.id, hidden)

        dialog = ArticleDetailsDialog(doc, [(s, e) for s, e, _ in find_boilerplate(doc.text)], save, self,
                                      read_only=self.db.read_only)
        if dialog.exec() == ArticleDetailsDialog.DialogCode.Accepted:
            self.refresh_library()
            self._reopen_current()

    def open_at(self, article_id: int, offset: int, length: int) -> None:
        """Open an article (from a search hit) scrolled to a passage, which flashes."""
        if self.current is None or self.current.id != article_id:
            self.library.select_article(article_id, emit=False)
            self.open_article(article_id)
        if self.current is not None and self.current.id == article_id:
            self.reader.scroll_to_offsets(offset, offset + max(length, 1), flash=True)

    def _on_article_segmented(self, article_id: int) -> None:
        if self.current is not None and article_id == self.current.id and not self.reader.has_tokens():
            self.reader.set_tokens(load_segmentation(self.db, article_id))

    def _make_worker(self) -> SegmentationWorker:
        worker = SegmentationWorker(self.db, tagging=True)
        worker.progress.connect(self.seg_status.set_progress)
        worker.tagging_progress.connect(self.seg_status.set_tagging_progress)
        worker.article_segmented.connect(self._on_article_segmented)
        worker.article_tagged.connect(self._on_article_tagged)
        worker.finished.connect(lambda: self.seg_status.set_idle(self.tr("Word segmentation up to date")))
        worker.stopped.connect(lambda: self.seg_status.set_idle(self.tr("Word segmentation paused")))
        worker.failed.connect(lambda msg: self.statusBar().showMessage(msg, 10_000))
        return worker

    def _cancel_segmentation(self) -> None:
        self._segmentation_paused = True
        self.worker.cancel()
        self.seg_status.set_idle(self.tr("Word segmentation paused"))

    # --- highlights ---------------------------------------------------------------------
    def highlight_selection(self, tags: list[str] | None = None) -> HighlightInfo | None:
        """Create a highlight from the reader's selection; asks for tags unless given."""
        offsets = self.reader.selected_offsets()
        if self.current is None or offsets is None:
            self.statusBar().showMessage(self.tr("Select some text in the article first."), 5000)
            return None
        if tags is None:
            dialog = TagDialog(self.service.list_tags(), [], self.current.text[offsets[0]:offsets[1]], self)
            if dialog.exec() != TagDialog.DialogCode.Accepted:
                return None
            tags = dialog.selected_tags()
        try:
            info = self.service.create_highlight(self.current.id, offsets[0], offsets[1], tags)
        except (AnnotationError, DatabaseError) as e:
            QMessageBox.warning(self, self.tr("Could not highlight"), str(e))
            return None
        self._after_change(info)
        self.history.created([info])
        self.reader.setTextCursor(self.reader.textCursor())  # keep caret, drop selection below
        cursor = self.reader.textCursor()
        cursor.clearSelection()
        self.reader.setTextCursor(cursor)
        self.reader.set_active_highlight(info.id)

        def select_card() -> None:
            self.panel.select(info.id)
            self._update_action_state()  # a card is selected now: its commands apply

        if self.panel.model.rowCount() > WINDOWED_ABOVE:
            # Thousands of cards take ~50 ms to lay out: let the reader paint the new
            # highlight first, then select its card.
            QTimer.singleShot(0, select_card)
        else:
            select_card()
        self.statusBar().showMessage(self.tr("Highlight saved"), 3000)
        return info

    def reattach_orphan(self, highlight_id: int) -> HighlightInfo | None:
        """Place a highlight that lost its position on the passage selected in the reader."""
        offsets = self.reader.selected_offsets()
        if self.current is None or offsets is None:
            return None
        before = self.service.get_highlight(highlight_id)
        info = self._run_change(lambda: self.service.reattach(highlight_id, *offsets))
        if info is not None:
            self.history.reattached(before, info)
            self.panel.orphans.set_orphans(self.service.orphans_for_article(self.current.id))
            self.reader.set_active_highlight(info.id)
            self.panel.select(info.id)
            self.statusBar().showMessage(self.tr("Highlight re-attached"), 3000)
        return info

    def _on_palette_tag(self, name: str) -> None:
        if self.reader.selected_offsets() is not None:
            self.highlight_selection([name])
            return
        selected = self.panel.selected_id()
        if selected is None:
            self.statusBar().showMessage(self.tr("Select text, or a highlight, to apply “{tag}”.").format(tag=name), 5000)
            return
        info = self.service.get_highlight(selected)
        names = info.tag_names
        names = [n for n in names if n != name] if name in names else names + [name]
        after = self._run_change(lambda: self.service.set_tags(selected, names))
        if after is not None:
            self.history.retagged(info, after)

    def apply_tag_number(self, n: int) -> None:
        """Ctrl+N: the N-th tag of the palette, on the selection or the selected highlight."""
        tags = self.panel.tag_model.rows()
        if self.db.read_only or not 1 <= n <= len(tags):
            if not self.db.read_only:
                self.statusBar().showMessage(self.tr("There is no tag number %1 yet.").replace("%1", str(n)), 4000)
            return
        self._on_palette_tag(tags[n - 1].name)

    def tag_many(self, ids: list[int], add: bool) -> None:
        """Add tags to, or remove one tag from, several highlights: one undo step."""
        befores = [self.service.get_highlight(i) for i in ids]
        if add:
            dialog = TagDialog(self.service.list_tags(), [], self.tr("%1 highlights").replace("%1", str(len(ids))), self)
            if dialog.exec() != TagDialog.DialogCode.Accepted or not dialog.selected_tags():
                return
            wanted = [[*b.tag_names, *(t for t in dialog.selected_tags() if t not in b.tag_names)] for b in befores]
        else:
            present = sorted({n for b in befores for n in b.tag_names}, key=fold)
            if not present:
                return
            name, ok = QInputDialog.getItem(self, self.tr("Remove a tag"),
                                            self.tr("Remove this tag from the selected highlights:"),
                                            present, 0, False)
            if not ok:
                return
            wanted = [[n for n in b.tag_names if n != name] for b in befores]
        try:
            afters = [self.service.set_tags(b.id, names) for b, names in zip(befores, wanted)]
        except (AnnotationError, DatabaseError) as e:
            QMessageBox.warning(self, self.tr("Could not save"), str(e))
            return
        self.history.retagged_many(befores, afters)
        self._history_changed({b.article_id for b in befores})

    def delete_many(self, ids: list[int]) -> None:
        if len(ids) == 1:
            self.delete_highlight(ids[0])
            return
        answer = QMessageBox.question(self, self.tr("Delete highlights"),
                                      self.tr("Delete %1 highlights and their notes? (Ctrl+Z brings them back.)")
                                      .replace("%1", str(len(ids))))
        if answer != QMessageBox.StandardButton.Yes:
            return
        deleted, error = [], None
        for highlight_id in ids:
            try:
                deleted.append(self.service.delete_highlight(highlight_id))
            except (AnnotationError, DatabaseError) as e:
                error = e  # those deleted so far stay one undo step
        if deleted:
            self.history.deleted_many(deleted)
            self._history_changed({d.article_id for d in deleted})
        if error is not None:
            QMessageBox.warning(self, self.tr("Could not delete"), str(error))

    def concordance_window(self) -> ConcordanceWindow:
        if self._concordance is None:
            self._concordance = ConcordanceWindow(self.db, self.open_at, self._tag_lines,
                                                  self.service.list_tags, self)
        return self._concordance

    def show_concordance(self) -> None:
        """Keyword in context; starts from the selected words if there are some."""
        window = self.concordance_window()
        selected = self.reader.textCursor().selectedText().strip()
        if selected and len(selected) < 80 and "\u2029" not in selected:
            window.show_query(selected)
            return
        window.show()
        window.raise_()
        window.activateWindow()
        window.query.setFocus()

    def _tag_lines(self, items: list[tuple[int, int, int]], tags: list[str]) -> None:
        self.create_highlights(items, tags)  # one undo step for all the lines
        self.refresh_tags()

    def show_frequencies(self) -> None:
        if self._frequencies is None:
            from desktop_app.core.analysis.stopwords import DEFAULT_FILENAME

            self._frequencies = FrequencyWindow(
                self.db, lambda: self.current.id if self.current else None, self.service.list_tags,
                self.db.path.parent / DEFAULT_FILENAME, self)
            self._frequencies.wordActivated.connect(
                lambda word: self.concordance_window().show_query(word, match_diacritics=True))
        self._frequencies.show()
        self._frequencies.raise_()
        self._frequencies.activateWindow()

    def manage_tags(self) -> None:
        dialog = TagManagerDialog(self.service, self.history, self)
        dialog.changed.connect(lambda: self._history_changed(set()))
        dialog.setEnabled(not self.db.read_only)
        dialog.exec()

    def edit_tags(self, highlight_id: int) -> None:
        info = self.service.get_highlight(highlight_id)
        dialog = TagDialog(self.service.list_tags(), info.tag_names, info.quote, self)
        if dialog.exec() == TagDialog.DialogCode.Accepted:
            after = self._run_change(lambda: self.service.set_tags(highlight_id, dialog.selected_tags()))
            if after is not None:
                self.history.retagged(info, after)

    def delete_highlight(self, highlight_id: int) -> None:
        info = self.service.get_highlight(highlight_id)
        quote = info.quote if len(info.quote) < 120 else info.quote[:117] + "…"
        answer = QMessageBox.question(
            self,
            self.tr("Delete highlight"),
            self.tr("Delete the highlight “{quote}” and its note?").format(quote=quote),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            deleted = self.service.delete_highlight(highlight_id)
        except (AnnotationError, DatabaseError) as e:
            QMessageBox.warning(self, self.tr("Could not delete"), str(e))
            return
        self.history.deleted(deleted)
        self.panel.remove(highlight_id)
        self.reader.set_highlights(self.panel.model.highlights())
        self.suggestions.reload()
        self._refresh_counts()

    def _save_note(self, highlight_id: int, note: str) -> None:
        try:
            before = self.service.get_highlight(highlight_id)
        except (AnnotationError, DatabaseError):
            return  # deleted meanwhile: nothing to save the note on
        if self._run_change(lambda: self.service.set_note(highlight_id, note)) is not None:
            self.history.noted(before, note)

    def _save_memo(self, article_id: int, text: str) -> None:
        """Store the memo box's edit. A failure shows in the box and the status bar (a dialog
        at every pause in typing would be worse); the box tries again on its next save."""
        try:
            before = get_memo(self.db, article_id)
            set_memo(self.db, article_id, text)
        except (AnnotationError, DatabaseError) as e:  # MemoError is an AnnotationError
            self.panel.memo.mark_failed(article_id, str(e))
            self.statusBar().showMessage(str(e), 10_000)
            return
        self.history.memo_edited(article_id, before, text)

    def _history_changed(self, article_ids: set[int]) -> None:
        """An undo or redo changed highlights: show the open article's as they now are."""
        if self.current is not None and (not article_ids or self.current.id in article_ids):
            self._reload_annotations()  # no ids: the codebook changed, every card may show it
            self.suggestions.reload()  # an undone highlight may be a suggestion again
            if self.current.id in article_ids:  # an undone memo edit
                self.panel.show_memo(self.current.id, get_memo(self.db, self.current.id))
        self._refresh_counts()
        if not article_ids:
            self.refresh_library()
        for article_id in article_ids:
            for summary in list_articles(self.db, article_id):
                self.library.update_article(summary)

    def _reload_annotations(self) -> None:
        assert self.current is not None
        selected = self.panel.selected_id()
        highlights = self.service.highlights_for_article(self.current.id)
        self.reader.set_highlights(highlights)
        self.panel.set_highlights(highlights)
        if selected is not None:  # an undone resize or retag: keep working on the same card
            self.panel.select(selected)
        self.panel.orphans.set_orphans(self.service.orphans_for_article(self.current.id))

    def create_highlights(self, items: list[tuple[int, int, int]], tags: list[str]) -> list[int]:
        """Many highlights as one undoable step (concordance lines, accepted suggestions)."""
        from desktop_app.core.annotate.highlights import NewHighlight

        try:
            ids = self.service.create_highlights([NewHighlight(a, s, e, tags) for a, s, e in items])
        except (AnnotationError, DatabaseError) as e:
            QMessageBox.warning(self, self.tr("Could not highlight"), str(e))
            return []
        infos = [self.service.get_highlight(i) for i in ids]
        self.history.created(infos, self.tr("Highlight %1 passages").replace("%1", str(len(infos))))
        self._history_changed({i.article_id for i in infos})
        return ids

    def _run_change(self, change) -> HighlightInfo | None:
        try:
            info = change()
        except (AnnotationError, DatabaseError) as e:
            QMessageBox.warning(self, self.tr("Could not save"), str(e))
            return None
        self._after_change(info)
        return info

    def _after_change(self, info: HighlightInfo) -> None:
        self.panel.upsert(info)
        self.reader.upsert_highlight(info)
        self._refresh_counts()

    def _refresh_counts(self) -> None:
        self.refresh_tags()
        if self.current is not None:
            for summary in list_articles(self.db, self.current.id):  # one row, not the library
                self.library.update_article(summary)
        self._update_action_state()

    def _with_selected(self, fn) -> None:
        selected = self.panel.selected_id()
        if selected is not None:
            fn(selected)

    def _on_highlight_clicked_in_text(self, highlight_id: int) -> None:
        self.panel.select(highlight_id)
        self.reader.set_active_highlight(highlight_id)
        self._update_action_state()

    def _focus_highlight(self, highlight_id: int) -> None:
        # A click on a card fires "current changed" and "clicked": flash once.
        now = time.monotonic()
        if self._last_focus[0] == highlight_id and now - self._last_focus[1] < 0.4:
            return
        self._last_focus = (highlight_id, now)
        for h in self.panel.model.highlights():
            if h.id == highlight_id:
                self.reader.set_active_highlight(h.id)
                self.reader.scroll_to_offsets(h.start, h.end, flash=True)
        self._update_action_state()

    # --- import / export ----------------------------------------------------------------
    def import_files_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import articles"), "",
            self.tr("Articles (*.txt *.md *.html *.htm *.docx);;All files (*)")
        )
        if files:
            self.import_paths([Path(f) for f in files])

    def import_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import a folder of articles"))
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]) -> None:
        self.importer.import_paths(paths)

    def _imported(self, report: ImportReport) -> None:
        self.refresh_library()
        self.library.index_in_background()
        if self.current is not None and any(aid == self.current.id for _p, aid, _r in report.updated):
            self._reopen_current()  # its text changed: show the new one and its orphans
        if report.imported or report.updated:
            if self.current is None and report.imported:
                self._select_article_row(report.imported[0][1])
            self.worker.start()

    # Files and folders dropped anywhere on the window are imported.
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()) and not self.db.read_only:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # --- settings, lifecycle ------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 880)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        panel = self.settings.value("window/panel_splitter")
        if isinstance(panel, QByteArray):
            self.panel.splitter.restoreState(panel)
        self.act_words.setChecked(self.settings.value("reader/show_words", False, type=bool))
        self._restore_word_view()

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/panel_splitter", self.panel.splitter.saveState())
        self.settings.setValue("reader/show_words", self.act_words.isChecked())
        self._save_word_view()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.panel.editor.flush_note()
        self.panel.flush_memo()
        self._save_reading_position()
        for tool in (self._concordance, self._frequencies):
            if tool is not None:
                tool.close()
        self.save_settings()
        self.importer.shutdown()
        self.worker.shutdown()
        super().closeEvent(event)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Chú Giải"),
            self.tr(
                "<b>Chú Giải {version}</b><p>Read, highlight and tag Vietnamese news articles.</p>"
                "<p>Word segmentation by underthesea. Free software under the GNU GPL v3 or later.</p>"
                "<p>Library: {path}</p>"
            ).format(version=__version__, path=self.db.path),
        )
