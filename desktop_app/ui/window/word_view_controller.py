"""The window's word view: part-of-speech colours, named-entity suggestions and snapping
selections to words (View menu; the toggles are in ui/window/actions.py).

Tags are loaded from the library only while their toggle is on, so opening an article
costs nothing extra when the word view is off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from desktop_app.core.nlp.pos_ner import is_tagged, load_pos
from desktop_app.core.storage.database import DatabaseError
from desktop_app.ui import wording
from desktop_app.ui.reader.pos_legend import PosLegend
from desktop_app.ui.reader.suggestions import SuggestionController

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow


class WordViewController(QObject):
    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        self.suggestions = SuggestionController(w.reader, w.ops, w.bus, parent=w)
        self.suggestions.failed.connect(lambda message: w.statusBar().showMessage(message, 10_000))
        self.pos_legend = PosLegend()

    def add_to_status_bar(self) -> None:
        self.w.statusBar().addPermanentWidget(self.pos_legend)
        self._update_legend()

    def _update_legend(self) -> None:
        a = self.w.commands
        self.pos_legend.set_sections(a.act_pos.isChecked(), a.act_entities.isChecked())

    def restore(self) -> None:
        a, settings = self.w.commands, self.w.settings
        a.act_snap.setChecked(settings.value("reader/snap_to_words", True, type=bool))
        a.act_pos.setChecked(settings.value("reader/show_pos", False, type=bool))
        a.act_entities.setChecked(settings.value("reader/show_entities", False, type=bool))

    def save(self) -> None:
        a, settings = self.w.commands, self.w.settings
        settings.setValue("reader/snap_to_words", a.act_snap.isChecked())
        settings.setValue("reader/show_pos", a.act_pos.isChecked())
        settings.setValue("reader/show_entities", a.act_entities.isChecked())

    # --- toggles ------------------------------------------------------------------------
    def set_show_pos(self, show: bool) -> None:
        reader = self.w.reader
        if show and not reader.has_pos():
            self.load_pos()
        reader.set_show_pos(show)
        self._update_legend()
        if show and self.w.session.article is not None and not reader.has_pos():
            self.w.statusBar().showMessage(
                self.tr("Parts of speech appear once this article is tagged (in the background)."), 6000)

    def set_show_entities(self, show: bool) -> None:
        self.suggestions.set_shown(show)
        self._update_legend()

    def load_pos(self) -> None:
        article = self.w.session.article
        if article is None:
            return
        try:
            self.w.reader.set_pos(load_pos(self.w.db, article.id))
        except DatabaseError as e:
            self.w.statusBar().showMessage(wording.error_text(e), 10_000)

    # --- the open article ---------------------------------------------------------------
    def show_article(self, article_id: int) -> bool:
        """After opening an article: its colours and suggestions. True when it still
        needs tagging (the worker should take it first)."""
        if self.w.commands.act_pos.isChecked():
            self.load_pos()
        self.suggestions.set_article(article_id)
        try:
            return not is_tagged(self.w.db, article_id)
        except DatabaseError:
            return False

    def on_article_tagged(self, article_id: int) -> None:
        self.suggestions.on_article_tagged(article_id)
        article = self.w.session.article
        if article is not None and article_id == article.id and self.w.commands.act_pos.isChecked():
            # In its own event: colouring must not delay the paint of what caused it.
            QTimer.singleShot(0, self.load_pos)
