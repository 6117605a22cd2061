"""The main window: library | reader | annotation panel, composed of parts with explicit
references: the reading session (core) the panes show, the core operations and history,
one ChangeBus every view updates from (ui/window/view_updates.py), controllers for
highlights, files, the word view and the analysis tools, and the actions and menus.

Data flows one way: an action calls an operation, the operation returns what changed,
the change is published on the bus, and every view updates itself from it. No SQL here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QSplitter

from desktop_app import APP_DISPLAY_NAME, __version__
from desktop_app.core.annotate.highlights import HighlightInfo
from desktop_app.core.library.articles import ArticleDoc
from desktop_app.core.library.ingest.boilerplate import find_boilerplate
from desktop_app.core.library.ingest.facts import read_facts
from desktop_app.core.library.ingest.metadata import parse_metadata, title_span
from desktop_app.core.nlp.stored import load_segmentation
from desktop_app.core.operations.editor import Operations
from desktop_app.core.operations.history import History
from desktop_app.core.reading_session import ReadingSession
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.errors import UNREACHABLE, DatabaseError
from desktop_app.core.text.spans import TextSpan
from desktop_app.ui import background
from desktop_app.ui.change_bus import ChangeBus
from desktop_app.ui.common import plain_text
from desktop_app.ui.dialogs.segmentation_settings import chosen_workers
from desktop_app.ui.dialogs.tag_manager import TagManagerDialog
from desktop_app.ui.library.article_details import ArticleDetailsDialog
from desktop_app.ui.library.article_list import ID_ROLE
from desktop_app.ui.library.pane import LibraryPane
from desktop_app.ui.panel.memo_saving import save_memo
from desktop_app.ui.panel.pane import AnnotationPane
from desktop_app.ui.reader.pane import ReaderPane
from desktop_app.ui.theme.appearance import Appearance
from desktop_app.ui.tools.concordance_window import ConcordanceWindow
from desktop_app.ui.window.actions import HIGHLIGHT_SHORTCUT, WindowActions
from desktop_app.ui.window.analysis_controller import AnalysisController
from desktop_app.ui.window.article_controller import ArticleController
from desktop_app.ui.window.coder_controller import CoderController
from desktop_app.ui.window.file_controller import FileController
from desktop_app.ui.window.highlight_controller import HighlightController
from desktop_app.ui.window.import_job import ImportController, ImportStatus
from desktop_app.ui.window.menus import build_menus_and_toolbar
from desktop_app.ui.window.pane_layout import PaneLayout
from desktop_app.ui.window.safety import SafetyController
from desktop_app.ui.window.shared_library import SharedLibraryController
from desktop_app.ui.window.status import ProgressStatus, SegmentationStatus
from desktop_app.ui.window.tools_controller import ToolsController
from desktop_app.ui.window.undo import UndoActions
from desktop_app.ui.window.view_updates import ViewUpdates
from desktop_app.ui.window.word_view_controller import WordViewController
from desktop_app.ui.workers import SegmentationWorker

__all__ = ["HIGHLIGHT_SHORTCUT", "MainWindow"]


class MainWindow(QMainWindow):
    def __init__(self, db: Database, settings: QSettings | None = None, start_worker: bool = True) -> None:
        super().__init__()
        self.db = db
        self.history = History()
        self.ops = Operations(db, self.history)
        self.service = self.ops.service  # reads (tests and dialogs)
        self.session = ReadingSession(self.service)
        self.bus = ChangeBus(self)
        self.settings = settings or QSettings()
        self.segmentation_paused = not start_worker or db.read_only
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
        for i, (pane, stretch) in enumerate(((self.library, 0), (self.reader_pane, 1), (self.panel, 0))):
            self.splitter.addWidget(pane)
            self.splitter.setStretchFactor(i, stretch)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([300, 760, 340])
        self.setCentralWidget(self.splitter)

        self.undo_actions = UndoActions(self.history, self.bus, self)
        self.undo_actions.failed.connect(lambda message: plain_text.warn(self, self.tr("Could not undo"), message))
        self.highlights = HighlightController(self)
        self.articles = ArticleController(self)
        self.files = FileController(self)
        self.tools = ToolsController(self)
        self.analysis = AnalysisController(self)
        self.word_view = WordViewController(self)
        self.safety = SafetyController(self)  # synchronous level, automatic backups
        self.suggestions = self.word_view.suggestions
        self.pos_legend = self.word_view.pos_legend
        self.commands = WindowActions(self)
        self.panes = PaneLayout(self)  # screen fit, pane minimums, Show library/panel
        self.views = ViewUpdates(self)
        self.coders = CoderController(self)  # the current coder, whose work is shown
        self.shared = SharedLibraryController(self)  # File -> Open shared library…, title, status
        build_menus_and_toolbar(self)

        self.seg_status = SegmentationStatus()
        self.import_status = ImportStatus()
        self.statusBar().addPermanentWidget(self.import_status)
        self.job_status = ProgressStatus()  # exports and annotation imports follow it
        self.job_status.setVisible(False)
        self.statusBar().addPermanentWidget(self.job_status)
        self.statusBar().addPermanentWidget(self.seg_status)
        self.word_view.add_to_status_bar()
        self.coders.add_to_status_bar()
        self.importer = self.make_importer()
        self.setAcceptDrops(True)
        if db.read_only:
            self.statusBar().addPermanentWidget(QLabel(self.tr("Read-only library: changes cannot be saved")))
        self._connect_panes()

        self.worker = self.make_worker()
        self.seg_status.cancelRequested.connect(self._cancel_segmentation)
        self._restore_settings()
        self.coders.restore()
        self.library.refresh()
        self.views.refresh_tags()
        self.open_initial_article()
        self.commands.update_state()
        if not db.read_only:
            QTimer.singleShot(0, self.library.index_in_background)
        if start_worker and not db.read_only:  # results could not be stored
            # Lay the progress widgets out now: making them appear later re-lays the window.
            self.seg_status.set_progress(0, 0)
            self.worker.prestart()
            QTimer.singleShot(0, self.worker.start)

    def _connect_panes(self) -> None:
        hl, panel, reader = self.highlights, self.panel, self.reader
        self.library.articleChosen.connect(self.open_article)
        self.library.hitChosen.connect(self.open_at)
        reader.highlightClicked.connect(hl.on_highlight_clicked_in_text)
        reader.selectionOffsetsChanged.connect(self.commands.update_state)
        reader.add_context_actions([self.commands.act_highlight, self.commands.act_edit_tags, self.commands.act_delete])
        panel.orphans.reattachRequested.connect(hl.reattach_orphan)
        panel.bulkTagRequested.connect(hl.tag_many)
        panel.bulkDeleteRequested.connect(hl.delete_many)
        panel.highlightSelected.connect(hl.focus_highlight)
        panel.tagClicked.connect(hl.on_palette_tag)
        panel.editor.noteEdited.connect(hl.save_note)
        panel.editor.editTagsRequested.connect(hl.edit_tags)
        panel.editor.deleteRequested.connect(hl.delete_highlight)
        panel.memoEdited.connect(self._save_memo)
        panel.set_read_only(self.db.read_only)
        delete_key = QShortcut(QKeySequence.StandardKey.Delete, panel.list)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(lambda: hl.delete_many(panel.selected_ids()) if panel.selected_ids() else None)

    # --- what tests and other parts call (thin delegations) ----------------------------------
    @property
    def current(self) -> ArticleDoc | None:
        return self.session.article

    def highlight_selection(self, tags: list[str] | None = None) -> HighlightInfo | None:
        return self.highlights.highlight_selection(tags)

    def create_highlights(self, items: list[tuple[int, int, int]], tags: list[str]) -> list[int]:
        return self.highlights.create_highlights(items, tags)

    def tag_many(self, ids: list[int], add: bool) -> None:
        self.highlights.tag_many(ids, add)

    def delete_many(self, ids: list[int]) -> None:
        self.highlights.delete_many(ids)

    def delete_highlight(self, highlight_id: int) -> None:
        self.highlights.delete_highlight(highlight_id)

    def import_paths(self, paths: list[Path], summary: bool = False) -> None:
        self.files.import_paths(paths, summary)

    def export_to(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 (FileController.export_to)
        self.files.export_to(*args, **kwargs)

    def backup_to(self, path: Path) -> bool:
        return self.files.backup_to(path)

    def restore_from(self, path: Path) -> background.BackgroundOp:
        return self.safety.restore_from(path)

    def import_annotations_from(self, path: Path) -> None:
        self.files.import_annotations_from(path)

    def concordance_window(self) -> ConcordanceWindow:
        return self.tools.concordance_window()

    def refresh_library(self) -> None:
        self.library.refresh()

    def refresh_tags(self) -> None:
        self.views.refresh_tags()

    # --- the open article ------------------------------------------------------------------
    def open_initial_article(self) -> None:
        last = self.settings.value(self.shared.key("reader/last_article"))
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
            self.settings.setValue(self.shared.key(f"reader/position/{self.current.id}"), top)

    def _restore_reading_position(self, article_id: int) -> None:
        try:
            top = int(self.settings.value(self.shared.key(f"reader/position/{article_id}"), 0))
        except (TypeError, ValueError):
            top = 0
        if 0 < top < len(self.current.text if self.current else ""):
            rect = self.reader.cursorRect(self.reader._cursor_for(top, top))
            bar = self.reader.verticalScrollBar()
            bar.setValue(bar.value() + rect.top())

    def open_article(self, article_id: int) -> None:
        self.panel.editor.flush_note()
        self.panel.flush_memo()
        self._save_reading_position()
        previous = self.session.article_id
        doc = self.session.open(article_id)  # the cards, orphans and memo follow (ViewUpdates)
        if doc is None:
            return
        if previous != article_id:
            self.history.seal()  # another article: a new note run starts a new step
        span = title_span(doc.text, parse_metadata(doc.text)) if doc.title else None
        self.reader_pane.show_article(doc, span, self.commands.act_show_hidden.isChecked())
        self.reader.set_highlights(self.session.sorted_highlights())  # after the new text
        spans = load_segmentation(self.db, article_id)
        self.reader.set_tokens(spans)
        needs_tags = self.word_view.show_article(article_id)
        if spans is None or needs_tags:
            self.worker.prioritize(article_id)
            if not self.segmentation_paused:
                self.worker.start()
        self.settings.setValue(self.shared.key("reader/last_article"), article_id)
        self._restore_reading_position(article_id)
        self.setWindowTitle(self.shared.title(doc.title or self.tr("(untitled)")))
        self.commands.update_state()

    def reopen_current(self) -> None:
        if self.current is not None:
            position = self.reader.verticalScrollBar().value()
            self.open_article(self.current.id)
            self.reader.verticalScrollBar().setValue(position)

    def open_at(self, article_id: int, offset: int, length: int) -> None:
        """Open an article (from a search hit) scrolled to a passage, which flashes."""
        if self.current is None or self.current.id != article_id:
            self.library.select_article(article_id, emit=False)
            self.open_article(article_id)
        if self.current is not None and self.current.id == article_id:
            self.reader.scroll_to_offsets(offset, offset + max(length, 1), flash=True)

    def details_dialog(self) -> None:
        doc = self.current
        if doc is None:
            return

        def save(fields: dict[str, str], hidden: list[tuple[int, int]]) -> None:
            self.bus.publish(self.ops.edit_metadata(doc.id, fields, [TextSpan(*h) for h in hidden]))

        dialog = ArticleDetailsDialog(doc, [(s, e) for s, e, _ in find_boilerplate(doc.text)], save, self,
                                      read_only=self.db.read_only, facts=read_facts(self.db, doc.id))
        self.analysis.extend_details(dialog, dialog.tabs, doc.id)
        dialog.exec()

    def manage_tags(self) -> None:
        dialog = TagManagerDialog(self.ops, self.bus, self)
        dialog.setEnabled(not self.db.read_only)
        dialog.exec()
        dialog.deleteLater()

    def _save_memo(self, article_id: int, text: str, seen: int = -1) -> None:
        """Store the memo box's edit (ui/panel/memo_saving.py: failures, conflicts)."""
        changes = save_memo(self, self.ops, self.panel.memo, article_id, text, seen,
                            lambda words: self.statusBar().showMessage(words, 10_000))
        if changes is not None:
            self.bus.publish(changes)

    # --- background work (one place each, for the BackgroundOp swap) ------------------------
    def make_importer(self) -> ImportController:
        importer = ImportController(self.db, self.import_status, self)
        importer.finished.connect(self.files.imported)
        importer.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        return importer

    def make_worker(self) -> SegmentationWorker:
        worker = SegmentationWorker(self.db, tagging=True, workers=chosen_workers(self.settings))
        worker.progress.connect(self.seg_status.set_progress)
        worker.tagging_progress.connect(self.seg_status.set_tagging_progress)
        worker.article_segmented.connect(self._on_article_segmented)
        worker.article_tagged.connect(self.word_view.on_article_tagged)
        worker.finished.connect(lambda: self.seg_status.set_idle(self.tr("Word segmentation up to date")))
        worker.stopped.connect(lambda: self.seg_status.set_idle(self.tr("Word segmentation paused")))
        worker.failed.connect(lambda msg: self.statusBar().showMessage(msg, 10_000))
        self.shared.watch_worker(worker)
        return worker

    def _on_article_segmented(self, article_id: int) -> None:
        # Always reload: a re-segmentation (the user dictionary changed) replaces the words.
        if self.current is not None and article_id == self.current.id:
            self.reload_words()

    def reload_words(self) -> None:
        """The open article's words as stored. A shared library's server gone meanwhile: they
        load when it is back (SharedLibraryController.connection_back)."""
        if self.current is None:
            return
        try:
            self.reader.set_tokens(load_segmentation(self.db, self.current.id))
        except DatabaseError as e:
            if e.kind != UNREACHABLE:
                raise

    def _cancel_segmentation(self) -> None:
        self.segmentation_paused = True
        self.worker.cancel()
        self.seg_status.set_idle(self.tr("Word segmentation paused"))

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
        self.panes.restore()  # geometry (fitted to the screen), pane widths and visibility
        panel = self.settings.value("window/panel_splitter")
        if isinstance(panel, QByteArray):
            self.panel.splitter.restoreState(panel)
        self.commands.act_words.setChecked(self.settings.value("reader/show_words", False, type=bool))
        self.word_view.restore()

    def save_settings(self) -> None:
        self.panes.save()
        self.settings.setValue("window/panel_splitter", self.panel.splitter.saveState())
        self.settings.setValue("reader/show_words", self.commands.act_words.isChecked())
        self.word_view.save()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if getattr(self, "_closing", False):  # closed again while the last backup runs
            event.ignore()
            return
        self._closing = True
        self.panel.editor.flush_note()
        self.panel.flush_memo()
        self._save_reading_position()
        self.tools.close()
        self.analysis.close()
        self.save_settings()
        self.importer.shutdown()
        self.safety.auto.on_close()  # a last copy if anything changed (waited for)
        background.shutdown()  # exports, word lists...: cancelled, their threads joined
        self.worker.shutdown()
        super().closeEvent(event)

    def about(self) -> None:
        """Rich text on purpose (bold, paragraphs), fixed rather than guessed; the library
        path in it is escaped."""
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About Chú Giải"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(self.tr(
            "<b>Chú Giải {version}</b><p>Read, highlight and tag Vietnamese news articles.</p>"
            "<p>Word segmentation by underthesea. Free software under the GNU GPL v3 or later.</p>"
            "<p>Library: {path}</p>"
        ).format(version=__version__, path=plain_text.escape(self.db.location)))
        if not self.windowIcon().isNull():
            box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.exec()
