"""A list model over a Python list of frozen records with an `id`: the shared plumbing
of the article, highlight and tag lists. Subclasses only say how a record displays."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")


class RowsModel(QAbstractListModel, Generic[T]):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []

    def set_rows(self, rows: list[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def row_of(self, record_id: int) -> int:
        for row, record in enumerate(self._rows):
            if record.id == record_id:  # type: ignore[attr-defined]
                return row
        return -1

    def replace(self, record: T) -> int:
        """Swap in a changed record with the same id; returns its row, or -1."""
        row = self.row_of(record.id)  # type: ignore[attr-defined]
        if row >= 0:
            self._rows[row] = record
            idx = self.index(row)
            self.dataChanged.emit(idx, idx)
        return row

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.record_data(self._rows[index.row()], role)

    def record_data(self, record: T, role: int) -> Any:
        raise NotImplementedError
