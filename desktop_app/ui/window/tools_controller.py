"""The analysis windows the main window opens: concordance and word frequencies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desktop_app.ui.tools.concordance_window import ConcordanceWindow
from desktop_app.ui.tools.frequency_window import FrequencyWindow

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow


class ToolsController(QObject):
    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        self.concordance: ConcordanceWindow | None = None
        self.frequencies: FrequencyWindow | None = None

    def concordance_window(self) -> ConcordanceWindow:
        if self.concordance is None:
            w = self.w
            self.concordance = ConcordanceWindow(w.db, w.open_at, self.tag_lines, w.ops.service.list_tags, w)
        return self.concordance

    def show_concordance(self) -> None:
        """Keyword in context; starts from the selected words if there are some."""
        window = self.concordance_window()
        selected = self.w.reader.textCursor().selectedText().strip()
        if selected and len(selected) < 80 and "\u2029" not in selected:
            window.show_query(selected)
            return
        window.show()
        window.raise_()
        window.activateWindow()
        window.query.setFocus()

    def tag_lines(self, items: list[tuple[int, int, int]], tags: list[str]) -> None:
        self.w.highlights.create_highlights(items, tags)  # one undo step for all the lines

    def show_frequencies(self) -> None:
        if self.frequencies is None:
            from desktop_app.core.analysis.stopwords import DEFAULT_FILENAME

            w = self.w
            self.frequencies = FrequencyWindow(
                w.db, lambda: w.session.article_id, w.ops.service.list_tags,
                w.db.path.parent / DEFAULT_FILENAME, w)
            self.frequencies.wordActivated.connect(
                lambda word: self.concordance_window().show_query(word, match_diacritics=True))
        self.frequencies.show()
        self.frequencies.raise_()
        self.frequencies.activateWindow()

    def close(self) -> None:
        for tool in (self.concordance, self.frequencies):
            if tool is not None:
                tool.close()
