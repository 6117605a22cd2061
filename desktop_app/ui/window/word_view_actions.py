"""The main window's word view: part-of-speech colours, named-entity suggestions and
snapping selections to words (View menu), kept apart from main_window.py.

A mixin for MainWindow: it uses the window's db, reader, worker, settings and
statusBar. Tags are loaded from the library only while their toggle is on, so opening
an article costs nothing extra when the word view is off.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence

from desktop_app.core.storage.database import DatabaseError
from desktop_app.core.nlp.pos_ner import is_tagged, load_pos
from desktop_app.ui.reader.pos_legend import PosLegend
from desktop_app.ui.reader.suggestions import SuggestionController


class WordViewActions:
    """Mixin: call `_make_word_view()` after the reader and the history exist."""

    def _make_word_view(self) -> None:
        self.suggestions = SuggestionController(
            self.reader, self.db, self.create_highlights, self.history.record, parent=self)
        self.suggestions.failed.connect(lambda message: self.statusBar().showMessage(message, 10_000))
        self.pos_legend = PosLegend()

        self.act_pos = QAction(self.tr("Colour parts of speech"), self)
        self.act_pos.setCheckable(True)
        self.act_pos.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.act_pos.setToolTip(self.tr("Colour nouns, verbs, adjectives, names and numbers (Ctrl+Shift+P)"))
        self.act_pos.toggled.connect(self._set_show_pos)
        self.act_entities = QAction(self.tr("Show named entities"), self)
        self.act_entities.setCheckable(True)
        self.act_entities.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.act_entities.setToolTip(self.tr("Underline the people, places and organisations the tagger "
                                             "suggests; right-click one to accept or reject it (Ctrl+Shift+E)"))
        self.act_entities.toggled.connect(self._set_show_entities)
        self.act_snap = QAction(self.tr("Snap selection to words"), self)
        self.act_snap.setCheckable(True)
        self.act_snap.setChecked(True)
        self.act_snap.setToolTip(self.tr("A selection made with the mouse grows to whole words "
                                         "(hold Alt while releasing to keep it exact)"))
        self.act_snap.toggled.connect(self.reader.set_snap_to_words)

    def _add_word_view_to_status_bar(self) -> None:
        self.statusBar().addPermanentWidget(self.pos_legend)
        self._update_legend()

    def _update_legend(self) -> None:
        self.pos_legend.set_sections(self.act_pos.isChecked(), self.act_entities.isChecked())

    def _restore_word_view(self) -> None:
        self.act_snap.setChecked(self.settings.value("reader/snap_to_words", True, type=bool))
        self.act_pos.setChecked(self.settings.value("reader/show_pos", False, type=bool))
        self.act_entities.setChecked(self.settings.value("reader/show_entities", False, type=bool))

    def _save_word_view(self) -> None:
        self.settings.setValue("reader/snap_to_words", self.act_snap.isChecked())
        self.settings.setValue("reader/show_pos", self.act_pos.isChecked())
        self.settings.setValue("reader/show_entities", self.act_entities.isChecked())

    # --- toggles ------------------------------------------------------------------------
    def _set_show_pos(self, show: bool) -> None:
        if show and not self.reader.has_pos():
            self._load_pos()
        self.reader.set_show_pos(show)
        self._update_legend()
        if show and self.current is not None and not self.reader.has_pos():
            self.statusBar().showMessage(
                self.tr("Parts of speech appear once this article is tagged (in the background)."), 6000)

    def _set_show_entities(self, show: bool) -> None:
        self.suggestions.set_shown(show)
        self._update_legend()

    def _load_pos(self) -> None:
        if self.current is None:
            return
        try:
            self.reader.set_pos(load_pos(self.db, self.current.id))
        except DatabaseError as e:
            self.statusBar().showMessage(str(e), 10_000)

    # --- the open article ---------------------------------------------------------------
    def _show_word_view(self, article_id: int) -> bool:
        """After opening an article: its colours and suggestions. True when it still
        needs tagging (the worker should take it first)."""
        if self.act_pos.isChecked():
            self._load_pos()
        self.suggestions.set_article(article_id)
        try:
            return not is_tagged(self.db, article_id)
        except DatabaseError:
            return False

    def _on_article_tagged(self, article_id: int) -> None:
        self.suggestions.on_article_tagged(article_id)
        if self.current is not None and article_id == self.current.id and self.act_pos.isChecked():
            # In its own event: colouring must not delay the paint of what caused it.
            QTimer.singleShot(0, self._load_pos)
