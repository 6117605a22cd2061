"""The question the coded passages window asks: tags (a tree with checkboxes, NOT beside
each), how they combine, which articles (attribute filters), which words. It only builds
core's PassageQuery; the window runs it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.analysis.passages import PassageQuery
from desktop_app.core.annotate.records import TagInfo
from desktop_app.core.library.attribute_filters import parse_condition
from desktop_app.core.library.attributes import AttributeInfo
from desktop_app.core.text.matching import MatchLevel
from desktop_app.ui.analysis.tag_tree import TagTree
from desktop_app.ui.analysis.where_editor import Values, WhereEditor
from desktop_app.ui.common.match_level import MatchLevelCombo

MODES = (
    ("any", QT_TRANSLATE_NOOP("PassageFilters", "Any of the tags")),
    ("all", QT_TRANSLATE_NOOP("PassageFilters", "All of them on the same passage")),
    ("overlap", QT_TRANSLATE_NOOP("PassageFilters", "Passages that overlap")),
    ("sentence", QT_TRANSLATE_NOOP("PassageFilters", "In the same sentence")),
    ("paragraph", QT_TRANSLATE_NOOP("PassageFilters", "In the same paragraph")),
)


class PassageFilters(QWidget):
    changed = Signal()  # anything in the question changed
    submitted = Signal()  # Enter in the text field

    def __init__(self, attributes: Callable[[], Sequence[AttributeInfo]], values: Values, parent=None) -> None:
        super().__init__(parent)
        self.tags = TagTree(exclusions=True)
        self.mode = QComboBox()
        self.mode.setAccessibleName(self.tr("How the tags combine"))
        for key, label in MODES:
            self.mode.addItem(QCoreApplication.translate("PassageFilters", label), key)
        self.mode.setToolTip(self.tr("With two or more tags: a passage of any of them; one passage carrying all; "
                                     "passages of the tags that overlap; or that share a sentence or a paragraph"))
        self.where = WhereEditor(attributes, values)
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("Words in the passage (diacritics optional)"))
        self.text.setClearButtonEnabled(True)
        self.text.setAccessibleName(self.tr("Words in the passage"))
        self.match_level = MatchLevelCombo()  # follows the typed words until the user picks

        tags_box = QGroupBox(self.tr("Tags"))
        tags_layout = QVBoxLayout(tags_box)
        tags_layout.addWidget(self.tags, 1)
        tags_layout.addWidget(self.mode)
        articles_box = QGroupBox(self.tr("Articles"))
        articles_layout = QVBoxLayout(articles_box)
        articles_layout.addWidget(self.where)
        text_box = QGroupBox(self.tr("Text"))
        text_layout = QHBoxLayout(text_box)
        text_layout.addWidget(self.text, 1)
        text_layout.addWidget(self.match_level)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(tags_box, 1)
        layout.addWidget(articles_box)
        layout.addWidget(text_box)

        self.tags.changed.connect(self._changed)
        self.mode.currentIndexChanged.connect(lambda _i: self._changed())
        self.where.changed.connect(self._changed)
        self.text.textChanged.connect(self.match_level.follow)
        self.text.textChanged.connect(lambda _t: self._changed())
        self.text.returnPressed.connect(self.submitted)
        self.match_level.chosen.connect(self._changed)
        self._update_mode()

    def set_tags(self, tags: Sequence[TagInfo]) -> None:
        self.tags.set_tags(tags)

    def query(self, sort: str = "article", descending: bool = False) -> PassageQuery | None:
        """The question as core reads it; None while no tag is ticked."""
        included = self.tags.included()
        if not included:
            return None
        return PassageQuery(tuple(included), self.mode.currentData(), tuple(self.tags.excluded()),
                            self.where.conditions(), " ".join(self.text.text().split()),
                            sort=sort, descending=descending, match=self.match_level.level())

    def set_query(self, query: PassageQuery) -> None:
        """Show `query` (a drill-down from a matrix) as the form's own; one `changed`."""
        self.blockSignals(True)
        try:
            self.tags.set_checked(query.tags, query.exclude)
            self.mode.setCurrentIndex(max(0, self.mode.findData(query.mode)))
            self.where.clear()
            for term in query.where:
                self.where.add_row(parse_condition(term))
            self.text.setText(query.text)
            self.match_level.follow(query.text)
            chosen = MatchLevel.EXACT if query.match_diacritics else query.match
            if chosen is not None:
                self.match_level.set_level(chosen, auto=False)
        finally:
            self.blockSignals(False)
        self._changed()

    def _changed(self) -> None:
        self._update_mode()
        self.changed.emit()

    def _update_mode(self) -> None:
        # One tag: every mode means "its passages".
        self.mode.setEnabled(len(self.tags.included()) > 1)
