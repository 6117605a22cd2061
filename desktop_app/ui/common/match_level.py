"""The matching level choice (core/text/matching.py) as a combo box beside a query field.

It follows the query while the user has not chosen (diacritics typed: Same word; none:
No diacritics, as core's level_for_query says); a choice holds until the field is emptied.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from desktop_app.core.text.matching import MatchLevel, level_for_query


class MatchLevelCombo(QComboBox):
    chosen = Signal()  # the user picked a level (not the automatic follow)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("matchLevel")
        for label, level in ((self.tr("Exact"), MatchLevel.EXACT),
                             (self.tr("Same word"), MatchLevel.WORD),
                             (self.tr("No diacritics"), MatchLevel.NONE)):
            self.addItem(label, level.value)
        self.setAccessibleName(self.tr("Matching"))
        self.setToolTip(self.tr(
            "Exact: as written, case included.\n"
            "Same word: also hòa = hoà, khỏe = khoẻ, thủy = thuỷ, quí = quý, any case; "
            "thủy ≠ thụy.\n"
            "No diacritics: every mark and đ/d ignored (dang finds Đảng, đang, đáng).\n"
            "Chosen by itself from the query until you pick one."))
        self.auto = True
        self.set_level(MatchLevel.NONE)
        self.activated.connect(self._picked)

    def level(self) -> MatchLevel:
        return MatchLevel(self.currentData())

    def set_level(self, level: MatchLevel, auto: bool | None = None) -> None:
        if auto is not None:
            self.auto = auto
        self.setCurrentIndex(self.findData(level.value))

    def follow(self, query: str) -> None:
        """The query changed: an empty field gives the choice back to the query."""
        if not query.strip():
            self.auto = True
        if self.auto:
            self.set_level(level_for_query(query))

    def _picked(self, _index: int) -> None:
        self.auto = False
        self.chosen.emit()
