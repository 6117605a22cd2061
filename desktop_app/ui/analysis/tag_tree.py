"""The codebook as a tree with checkboxes: which tags a question is about.

Nested tags ("Cán bộ/Đào tạo") sit under their parent; a path part that is no tag of its
own still gets a row, since core takes a name as the scope of every tag under it. Ticking
a row takes that tag with everything nested under it (core's scope), so the count beside
it is the scope's. With `exclusions`, a second box per row says NOT; a row is never both.
A filter box narrows the rows, ignoring case and diacritics ("dao tao" finds "Đào tạo").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QLineEdit, QTreeView, QVBoxLayout, QWidget

from desktop_app.core.annotate.records import TagInfo
from desktop_app.core.annotate.tag_paths import TAG_PATH_SEPARATOR, tag_path
from desktop_app.core.text.normalize import fold
from desktop_app.ui.dialogs.tag_dialog import color_icon

NAME_ROLE = Qt.ItemDataRole.UserRole + 1  # the full tag name (scope) of a row
TAG, COUNT, NOT = 0, 1, 2
Index = QModelIndex | QPersistentModelIndex


class _FoldedFilter(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)  # a matching child keeps its parents
        self._needle = ""

    def set_needle(self, text: str) -> None:
        self._needle = fold(" ".join(text.split()))
        self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        if not self._needle:
            return True
        name = self.sourceModel().index(row, TAG, parent).data(NAME_ROLE) or ""
        return self._needle in fold(name)


class TagTree(QWidget):
    changed = Signal()  # a box was ticked or unticked

    def __init__(self, exclusions: bool = True, parent=None) -> None:
        super().__init__(parent)
        self.exclusions = exclusions
        self.model = QStandardItemModel(self)
        headers = [self.tr("Tag"), self.tr("Passages")] + ([self.tr("Not")] if exclusions else [])
        self.model.setHorizontalHeaderLabels(headers)
        self.proxy = _FoldedFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filter tags (diacritics optional)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Filter tags"))
        self.view = QTreeView()
        self.view.setObjectName("tagTree")
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(self.tr("Tags"))
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(False)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TAG, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        self.search.textChanged.connect(self._filter)
        self.model.itemChanged.connect(self._item_changed)
        self._quiet = False

    # --- contents ----------------------------------------------------------------------
    def set_tags(self, tags: Sequence[TagInfo]) -> None:
        """Rebuild from the codebook, keeping what was ticked (names still there)."""
        included, excluded = self.included(), self.excluded()
        self._quiet = True
        self.model.removeRows(0, self.model.rowCount())
        counts: dict[tuple[str, ...], int] = {}
        colors = {tag_path(t.name): t.color for t in tags}
        for t in tags:
            path = tag_path(t.name)
            for k in range(1, len(path) + 1):
                counts[path[:k]] = counts.get(path[:k], 0) + t.count
        rows: dict[tuple[str, ...], QStandardItem] = {}
        for path in sorted(counts, key=lambda p: tuple(fold(x) for x in p)):
            parent = rows.get(path[:-1])
            items = self._row(path, counts[path], colors.get(path))
            (parent or self.model.invisibleRootItem()).appendRow(items)
            rows[path] = items[0]
            if parent is not None:
                parent.setToolTip(self.tr("%1, with the tags nested under it")
                                  .replace("%1", TAG_PATH_SEPARATOR.join(path[:-1])))
        self._quiet = False
        self.set_checked(included, excluded, emit=False)
        self.view.expandAll()

    def _row(self, path: tuple[str, ...], count: int, color: str | None) -> list[QStandardItem]:
        name = TAG_PATH_SEPARATOR.join(path)
        tag = QStandardItem(path[-1])
        tag.setData(name, NAME_ROLE)
        tag.setToolTip(name)
        if color is not None:
            tag.setIcon(color_icon(color))
        tag.setCheckable(True)
        tag.setEditable(False)
        number = QStandardItem(str(count))
        number.setEditable(False)
        number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        number.setToolTip(self.tr("Highlights with this tag or one nested under it"))
        items = [tag, number]
        if self.exclusions:
            no = QStandardItem()
            no.setData(name, NAME_ROLE)
            no.setCheckable(True)
            no.setEditable(False)
            no.setToolTip(self.tr("Leave out passages carrying %1").replace("%1", name))
            items.append(no)
        return items

    # --- ticks ----------------------------------------------------------------------------
    def included(self) -> list[str]:
        return self._checked(TAG)

    def excluded(self) -> list[str]:
        return self._checked(NOT) if self.exclusions else []

    def set_checked(self, included: Iterable[str], excluded: Iterable[str] = (), emit: bool = True) -> None:
        wanted = {tag_path(n) for n in included}
        unwanted = {tag_path(n) for n in excluded}
        self._quiet = True
        for item, column in self._items():
            path = tag_path(item.data(NAME_ROLE))
            on = path in (wanted if column == TAG else unwanted)
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._quiet = False
        if emit:
            self.changed.emit()

    def clear_checks(self) -> None:
        self.set_checked([], [])

    def _checked(self, column: int) -> list[str]:
        return [item.data(NAME_ROLE) for item, c in self._items()
                if c == column and item.checkState() == Qt.CheckState.Checked]

    def _items(self) -> Iterable[tuple[QStandardItem, int]]:
        """Every checkable item, depth first in tree order, with its column."""
        def walk(parent: QStandardItem) -> Iterable[tuple[QStandardItem, int]]:
            for row in range(parent.rowCount()):
                for column in (TAG, NOT) if self.exclusions else (TAG,):
                    item = parent.child(row, column)
                    if item is not None:
                        yield item, column
                child = parent.child(row, TAG)
                if child is not None and child.hasChildren():
                    yield from walk(child)
        return walk(self.model.invisibleRootItem())

    def _item_changed(self, item: QStandardItem) -> None:
        if self._quiet or item.column() not in (TAG, NOT):
            return
        if item.checkState() == Qt.CheckState.Checked and self.exclusions:
            # A tag is wanted or left out, never both.
            parent = item.parent() or self.model.invisibleRootItem()
            other = parent.child(item.row(), NOT if item.column() == TAG else TAG)
            if other is not None and other.checkState() == Qt.CheckState.Checked:
                self._quiet = True
                other.setCheckState(Qt.CheckState.Unchecked)
                self._quiet = False
        self.changed.emit()

    def _filter(self, text: str) -> None:
        self.proxy.set_needle(text)
        self.view.expandAll()
