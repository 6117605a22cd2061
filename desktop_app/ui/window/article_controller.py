"""What the user does to whole articles in the library list: delete them.

The deletion is a core operation (one transaction, one undo step) whose `Changes` go on
the window's bus: the list, the reader (when the open article went) and the tags update
themselves. The question before it says how many highlights go with the articles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.core.annotate.highlights import AnnotationError
from desktop_app.core.library.articles import ArticleSummary
from desktop_app.core.storage.database import DatabaseError
from desktop_app.ui import wording
from desktop_app.ui.common import plain_text

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow


class ArticleController(QObject):
    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        w.library.deleteRequested.connect(self.delete_articles)
        w.library.set_read_only(w.db.read_only)

    def confirmation(self, articles: list[ArticleSummary]) -> QMessageBox:
        """The question asked before deleting `articles` (plain text: titles are the
        articles' own)."""
        highlights = sum(a.highlight_count for a in articles)
        if len(articles) == 1:
            title = articles[0].title or self.tr("(untitled)")
            question = self.tr("Delete the article “%1” and its %n highlight(s)?", "", highlights).replace("%1", title)
        else:
            question = self.tr("Delete %n article(s) and their %1?", "", len(articles)).replace(
                "%1", self.tr("%n highlight(s)", "", highlights))
        question += "\n\n" + self.tr("Their memos go with them. Undo (Ctrl+Z) brings everything back.")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete articles"), question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self.w)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Delete"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box

    def delete_articles(self, articles: list[ArticleSummary]) -> bool:
        w = self.w
        if not articles or w.db.read_only:
            return False
        box = self.confirmation(articles)
        answer = box.exec()
        box.deleteLater()
        if answer != QMessageBox.StandardButton.Yes:
            return False
        w.panel.editor.flush_note()  # the open article's last typing, before it may go
        w.panel.flush_memo()
        try:
            outcome = w.ops.delete_articles([a.id for a in articles])
        except (AnnotationError, DatabaseError) as e:
            plain_text.warn(w, self.tr("Could not delete"), wording.error_text(e))  # may quote a title
            return False
        w.bus.publish(outcome.changes)
        w.statusBar().showMessage(self.tr("%n article(s) deleted — Undo (Ctrl+Z)", "", len(outcome.value)), 10_000)
        return True
