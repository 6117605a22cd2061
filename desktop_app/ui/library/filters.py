"""The library's sort and filter controls: they only build a LibraryFilter.

Folded into one "Filters" row so the narrow library column keeps room for articles; the
button shows how many filters are on, so a filtered list is never mistaken for the
whole library.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.annotate.tag_paths import tag_leaf, tag_parent, tree_key
from desktop_app.core.library.articles import LibraryFilter
from desktop_app.core.library.attributes import AttributeInfo
from desktop_app.ui.analysis.where_editor import Values, WhereEditor

_ANY_DATE = QDate(1900, 1, 1)  # shown as "Any": QDateEdit has no empty state


class LibraryFilters(QWidget):
    changed = Signal()

    def __init__(self, attributes: Callable[[], Sequence[AttributeInfo]] | None = None,
                 values: Values | None = None, parent=None) -> None:
        super().__init__(parent)
        self.sort = QComboBox()
        self.sort.setAccessibleName(self.tr("Sort articles"))
        for label, key in ((self.tr("Newest first"), "newest"), (self.tr("Oldest first"), "oldest"),
                           (self.tr("Title A–Z"), "title"), (self.tr("Source"), "source")):
            self.sort.addItem(label, key)
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setObjectName("filterToggle")
        self.toggle.setToolTip(self.tr("Filter by source, date, tag, annotations or attributes"))
        self.clear = QToolButton()
        self.clear.setText(self.tr("Clear"))
        self.clear.setToolTip(self.tr("Show every article"))

        self.source = QComboBox()
        self.tag = QComboBox()
        self.annotated = QComboBox()
        for label, value in ((self.tr("All articles"), None), (self.tr("With highlights"), True),
                             (self.tr("Without highlights"), False)):
            self.annotated.addItem(label, value)
        self.date_from = self._date_edit(self.tr("Published on or after"))
        self.date_to = self._date_edit(self.tr("Published on or before"))
        # Attribute conditions (core's `where` language), as in the analysis windows
        self.where = WhereEditor(attributes or (lambda: []), values or (lambda _key: []), stacked=True)
        self.where.setAccessibleName(self.tr("Where"))

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.sort, 1)
        top.addWidget(self.toggle)
        top.addWidget(self.clear)
        self.details = QWidget()
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 4, 0, 0)
        form.addRow(self.tr("Source"), self.source)
        form.addRow(self.tr("Tag"), self.tag)
        form.addRow(self.tr("Show"), self.annotated)
        form.addRow(self.tr("From"), self.date_from)
        form.addRow(self.tr("To"), self.date_to)
        where_label = QLabel(self.tr("Where"))
        where_label.setToolTip(self.tr("Articles whose attributes match, e.g. outlet = PLVN or year ≥ 2023"))
        form.addRow(where_label)
        form.addRow(self.where)
        self.details.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.details)

        self.toggle.toggled.connect(self.details.setVisible)
        self.clear.clicked.connect(self.reset)
        for combo in (self.sort, self.source, self.tag, self.annotated):
            combo.currentIndexChanged.connect(self._changed)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._changed)
        self.where.changed.connect(self._changed)
        self._update_toggle()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setAccessibleName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")  # the Vietnamese order, as in the articles
        edit.setMinimumDate(_ANY_DATE)
        edit.setSpecialValueText(self.tr("Any"))
        edit.setDate(_ANY_DATE)
        return edit

    # --- choices from the library ------------------------------------------------------
    # Refills keep the current choice when it still exists.
    def set_sources(self, sources: list[tuple[str, int]]) -> None:
        self._refill(self.source, self.tr("All sources"),
                     [(f"{name or self.tr('(no source)')} ({count})", name) for name, count in sources])

    def set_tags(self, tags: list[str]) -> None:
        """The codebook as the tag manager shows it: each tag under its parent, indented
        (choosing a parent takes the tags under it too)."""
        self._refill(self.tag, self.tr("Any tag"), tree_items(tags))

    def _refill(self, combo: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for label, value in items:
            combo.addItem(label, value)
        row = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(row, 0))
        combo.blockSignals(False)
        if current is not None and row < 0:  # the chosen source or tag is gone
            self._changed()

    # --- the filter ----------------------------------------------------------------------
    def current(self) -> LibraryFilter:
        return LibraryFilter(
            sort=self.sort.currentData(),
            source=self.source.currentData(),
            tag=self.tag.currentData(),
            annotated=self.annotated.currentData(),
            date_from=_iso(self.date_from.date()),
            date_to=_iso(self.date_to.date()),
            where=self.where.conditions(),
        )

    def reset(self) -> None:
        for combo in (self.source, self.tag, self.annotated):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(True)
            edit.setDate(_ANY_DATE)
            edit.blockSignals(False)
        self.where.blockSignals(True)
        self.where.clear()
        self.where.blockSignals(False)
        self._changed()

    def _changed(self) -> None:
        self._update_toggle()
        self.changed.emit()

    def _update_toggle(self) -> None:
        f = self.current()
        active = sum(v is not None for v in (f.source, f.tag, f.annotated, f.date_from, f.date_to))
        active += len(f.where)
        self.toggle.setText(self.tr("Filters (%n)", "", active) if active else self.tr("Filters"))
        self.clear.setVisible(active > 0)


def tree_items(names: list[str]) -> list[tuple[str, str]]:
    """(label, name) of each tag in tree order, a child's label its last part, indented
    under its parent. A tag whose parent is missing (a read-only library from before
    parents were tags) shows its whole name at the top."""
    present = set(names)
    depth: dict[str, int] = {}
    items = []
    for name in sorted(names, key=tree_key):
        parent = tag_parent(name)
        depth[name] = depth[parent] + 1 if parent in present and parent in depth else 0
        label = tag_leaf(name) if depth[name] else name
        items.append(("\u2003" * depth[name] + label, name))
    return items


def _iso(date: QDate) -> str | None:
    return None if date == _ANY_DATE else date.toString("yyyy-MM-dd")
