"""The matching level choice (core/text/matching.py) beside a query field: a combo box,
or a button inside the field where there is no room (MatchLevelButton).

It follows the query while the user has not chosen (diacritics typed: Same word; none:
No diacritics, as core's level_for_query says); a choice holds until the field is emptied.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QFont, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QComboBox, QLineEdit, QMenu, QWidget

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


_GLYPHS = {MatchLevel.EXACT: "Á", MatchLevel.WORD: "á", MatchLevel.NONE: "a"}


class MatchLevelButton(QObject):
    """The same choice where a drop-down would not fit (the narrow library and highlight
    columns): a button inside the query field showing the level (Á exact, á same word,
    a no diacritics) that opens a menu of the three. Same behaviour as MatchLevelCombo."""

    chosen = Signal()

    def __init__(self, field: QLineEdit) -> None:
        super().__init__(field)
        self.field = field
        self.menu = QMenu(field)
        group = QActionGroup(self)
        self.actions: dict[MatchLevel, QAction] = {}
        for label, level in ((self.tr("Exact: as written, case included"), MatchLevel.EXACT),
                             (self.tr("Same word: also hòa = hoà, khỏe = khoẻ, any case"), MatchLevel.WORD),
                             (self.tr("No diacritics: every mark and đ/d ignored"), MatchLevel.NONE)):
            action = self.menu.addAction(label)
            action.setCheckable(True)
            group.addAction(action)
            action.triggered.connect(lambda _on=False, lv=level: self._picked(lv))
            self.actions[level] = action
        self.menu.addSeparator()
        hint = self.menu.addAction(self.tr("Chosen by itself from the query until you pick one"))
        hint.setEnabled(False)
        self.button = QAction(field)
        self.button.setObjectName("matchLevel")
        self.button.triggered.connect(self._open_menu)
        field.addAction(self.button, QLineEdit.ActionPosition.TrailingPosition)
        self.auto = True
        self._level = MatchLevel.NONE
        self.set_level(MatchLevel.NONE)

    def level(self) -> MatchLevel:
        return self._level

    def set_level(self, level: MatchLevel, auto: bool | None = None) -> None:
        if auto is not None:
            self.auto = auto
        self._level = level
        self.actions[level].setChecked(True)
        self.button.setIcon(_glyph_icon(_GLYPHS[level], self.field))
        name = self.actions[level].text().split(":")[0]
        self.button.setToolTip(self.tr("Matching: %1 (click to change)").replace("%1", name))
        self.button.setText(self.tr("Matching: %1").replace("%1", name))

    def follow(self, query: str) -> None:
        """The query changed: an empty field gives the choice back to the query."""
        if not query.strip():
            self.auto = True
        if self.auto:
            self.set_level(level_for_query(query))

    def _open_menu(self) -> None:
        self.menu.popup(self.field.mapToGlobal(self.field.rect().bottomRight()) - QPoint(self.menu.sizeHint().width(), 0))

    def _picked(self, level: MatchLevel) -> None:
        self.set_level(level, auto=False)
        self.chosen.emit()


def _glyph_icon(text: str, widget: QWidget) -> QIcon:
    """A few letters drawn as an icon in the widget's text colour (no icon files needed)."""
    ratio = widget.devicePixelRatioF()
    pixmap = QPixmap(int(16 * ratio), int(16 * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    font = QFont(widget.font())
    font.setBold(True)
    font.setPixelSize(14)
    painter.setFont(font)
    painter.setPen(widget.palette().color(QPalette.ColorRole.Text))
    painter.drawText(QRect(0, 0, 16, 16), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)
