"""The middle pane: a quiet header (date · source · author) above the reader."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.core.library.articles import ArticleDoc
from desktop_app.ui.common.formatting import meta_line
from desktop_app.ui.common.plain_text import escape
from desktop_app.ui.reader.find_bar import FindBar
from desktop_app.ui.reader.view import ReaderView


class ReaderPane(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.header = QWidget()
        self.header.setObjectName("readerHeader")
        header_layout = QVBoxLayout(self.header)
        header_layout.setContentsMargins(28, 10, 28, 8)
        self.meta = QLabel()
        self.meta.setObjectName("readerMeta")
        self.meta.setWordWrap(True)
        # Rich text on purpose (a bold title line): every value in it is escaped, and the
        # format is fixed, not guessed (a guessed "plain" would show "&amp;" as typed).
        self.meta.setTextFormat(Qt.TextFormat.RichText)
        header_layout.addWidget(self.meta)
        self.reader = ReaderView()
        self.find_bar = FindBar()
        self.find_bar.matchesChanged.connect(self.reader.set_find_matches)
        self.find_bar.closed.connect(self.reader.setFocus)
        layout.addWidget(self.header)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.reader, 1)
        self.show_article(None)

    def show_article(self, doc: ArticleDoc | None, title_span: tuple[int, int] | None = None,
                     show_hidden: bool = False) -> None:
        if doc is None:
            self.meta.setText(escape(self.tr("Choose an article on the left to start reading.")))
            self.reader.set_article("")
            self.find_bar.set_text("")
            return
        line = meta_line(doc.published, doc.source, doc.author)
        if not title_span and doc.title:
            # The title is not a line of the text (e.g. it came from a header): show it here.
            line = f"<b>{escape(doc.title)}</b><br>{escape(line)}"
        else:
            line = escape(line) or escape(self.tr("No date or source found in this article."))
        self.meta.setText(line)
        self.reader.set_article(doc.text, title_span)
        self.reader.set_hidden_spans(doc.hidden_spans, show_hidden)
        self.find_bar.set_text(doc.text)

    def find(self) -> None:
        """Open the find bar, starting from the selected words if any."""
        selected = self.reader.textCursor().selectedText()
        self.find_bar.open_bar(selected if 0 < len(selected) < 80 and "\u2029" not in selected else "")

