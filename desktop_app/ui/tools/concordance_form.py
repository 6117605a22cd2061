"""The concordance window's widgets, and what they show of its state.

The query row, the summary line with "Load all lines", progress and Stop, a note about
lines matched by syllables, the table, and the sort, tag and export row. The summary,
note and buttons are worked out from the window's state (ui/concordance_window.py owns
it); nothing here starts work.

A mixin of ConcordanceWindow. Its strings keep the window's translation context
("ConcordanceWindow"), so they are written as QCoreApplication.translate calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.analysis.concordance import ConcordanceLine
from desktop_app.core.text.matching import MatchLevel
from desktop_app.ui.common.match_level import MatchLevelCombo
from desktop_app.ui.common.plain_text import plain_label
from desktop_app.ui.i18n import number
from desktop_app.ui.tools.concordance_table import COLUMN_KEYS, HEADERS, ConcordanceModel, ConcordanceView

if TYPE_CHECKING:
    from desktop_app.core.storage.database import Database
    from desktop_app.ui.background import BackgroundOp


# Type checkers see the QWidget this is mixed into; at run time it is a plain class.
_Base = QWidget if TYPE_CHECKING else object


class ConcordanceForm(_Base):
    """Widgets and status texts of ConcordanceWindow."""

    if TYPE_CHECKING:  # the window's state, read here
        db: Database
        _shown: tuple[str, MatchLevel] | None
        _complete: bool
        _stopped: bool
        _capped: bool
        _candidates: int
        _total: int | None
        _sort: tuple[str, bool]
        _load: BackgroundOp | None

    def _build_form(self) -> None:
        translate = QCoreApplication.translate
        self.query = QLineEdit()
        self.query.setObjectName("concordanceQuery")
        self.query.setPlaceholderText(translate("ConcordanceWindow",
                                                "A word or phrase: cán bộ, or can bo without diacritics"))
        self.query.setClearButtonEnabled(True)
        self.query.setAccessibleName(translate("ConcordanceWindow", "Concordance query"))
        self.match_level = MatchLevelCombo()
        self.search_button = QPushButton(translate("ConcordanceWindow", "Search"))
        # Plain text: they quote the query, tag names, file paths and error messages.
        self.summary = plain_label(object_name="concordanceSummary")
        self.load_all_button = QPushButton(translate("ConcordanceWindow", "Load all lines"))
        self.progress = QProgressBar()
        self.progress.setFixedWidth(160)
        self.progress.setTextVisible(False)
        self.stop_button = QPushButton(translate("ConcordanceWindow", "Stop"))
        self.note = plain_label(wrap=True, object_name="concordanceNote")
        self.model = ConcordanceModel(self)
        self.table = ConcordanceView()
        self.table.setModel(self.model)
        self.table.layout_columns(self._keyword_width([]))
        self.sort = QComboBox()
        for label, key in ((translate("ConcordanceWindow", "Word before"), "left"),
                           (translate("ConcordanceWindow", "Keyword"), "keyword"),
                           (translate("ConcordanceWindow", "Word after"), "right"),
                           (translate("ConcordanceWindow", "Article order"), "article")):
            self.sort.addItem(label, key)
        self.status = plain_label(object_name="concordanceStatus")
        self.tag_button = QPushButton(translate("ConcordanceWindow", "Tag selected lines…"))
        self.tag_button.setToolTip(translate("ConcordanceWindow",
                                             "Highlight the keyword of every selected line with tags"))
        self.export_button = QPushButton(translate("ConcordanceWindow", "Export CSV…"))

        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.match_level)
        top.addWidget(self.search_button)
        info = QHBoxLayout()
        info.addWidget(self.summary, 1)
        info.addWidget(self.load_all_button)
        info.addWidget(self.progress)
        info.addWidget(self.stop_button)
        bottom = QHBoxLayout()
        sort_label = QLabel(translate("ConcordanceWindow", "Sort by"))
        sort_label.setBuddy(self.sort)
        bottom.addWidget(sort_label)
        bottom.addWidget(self.sort)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.tag_button)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(info)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    # --- what the state looks like --------------------------------------------------------
    def _hint(self) -> str:
        return QCoreApplication.translate("ConcordanceWindow",
                                          "Type a word or phrase and press Enter. Diacritics are optional.")

    def _update_summary(self) -> None:
        translate = QCoreApplication.translate
        n = self.model.rowCount()
        query = self._shown[0] if self._shown else ""
        if n == 0:
            text = translate("ConcordanceWindow", "No line matches “%1”.").replace("%1", query)
            if self._shown and self._shown[1] is not MatchLevel.NONE:
                text += " " + translate("ConcordanceWindow", "Choose No diacritics to find every spelling.")
        elif self._capped:
            text = (translate("ConcordanceWindow", "Showing the first %1 lines, the most one list holds;"
                              " Export writes every line.").replace("%1", number(n)))
        elif self._stopped:
            text = translate("ConcordanceWindow",
                             "%Ln line(s) found before you stopped; Load all lines to see the rest.", "", n)
        elif not self._complete and self._total is not None:
            text = (translate("ConcordanceWindow", "Showing the first %1 of %2 lines.")
                    .replace("%1", number(n)).replace("%2", number(self._total)))
        elif not self._complete:
            text = (translate("ConcordanceWindow", "Showing the first %1 lines; more in up to %2 articles.")
                    .replace("%1", number(n)).replace("%2", number(self._candidates)))
        else:
            articles = len({l.article_id for l in self.model.lines()})
            text = " · ".join((
                translate("ConcordanceWindow", "1 line") if n == 1
                else translate("ConcordanceWindow", "%1 lines").replace("%1", number(n)),
                translate("ConcordanceWindow", "1 article") if articles == 1
                else translate("ConcordanceWindow", "%1 articles").replace("%1", number(articles)),
            ))
        self.summary.setText(text)
        self.load_all_button.setVisible(not self._complete and not self._capped and self._load is None)

    def _set_note(self, lines: list[ConcordanceLine]) -> None:
        bare = sum(1 for l in lines if not l.segmented)
        if bare == 1:
            self.note.setText(QCoreApplication.translate(
                "ConcordanceWindow", "1 line matched by syllables: segmentation of its article is not finished."))
        elif bare:
            self.note.setText(QCoreApplication.translate(
                "ConcordanceWindow", "%1 lines matched by syllables: segmentation of those articles is not "
                "finished.").replace("%1", number(bare)))
        self.note.setVisible(bare > 0)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.stop_button.setVisible(busy)
        self.load_all_button.setVisible(not busy and not self._complete and self._shown is not None)

    def _update_buttons(self, *_args) -> None:
        selected = self.table.selectionModel().hasSelection()
        self.tag_button.setEnabled(selected and not self.db.read_only)
        self.export_button.setEnabled(self.model.rowCount() > 0)

    def _show_sort(self) -> None:
        key, descending = self._sort
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(COLUMN_KEYS.index(key), Qt.SortOrder.DescendingOrder if descending
                                else Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)
        self.sort.blockSignals(True)
        self.sort.setCurrentIndex(self.sort.findData(key))
        self.sort.blockSignals(False)

    def _keyword_width(self, lines: list[ConcordanceLine]) -> int:
        metrics = self.table.fontMetrics()
        bold = QFont(self.table.font())
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        header = metrics.horizontalAdvance(QCoreApplication.translate("ConcordanceModel", HEADERS[1])) + 30
        widest = max((bold_metrics.horizontalAdvance(k) for k in {l.keyword for l in lines}), default=0)
        return min(max(header, widest + 24), 320)
