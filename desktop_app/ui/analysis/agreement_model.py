"""The agreement table as a Qt model: one row per tag, then the overall row; a figure that
cannot be computed shows "—" and says why in its tooltip (core's reason, worded here)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desktop_app.core.analysis.agreement import AgreementResult, Coefficient, TagAgreement
from desktop_app.core.analysis.agreement.coefficients import (
    NO_ARTICLES,
    NO_UNITS,
    NO_VARIATION,
    NOT_TWO_CODERS,
    TOO_FEW_CODERS,
    TOO_FEW_VALUES,
)

Index = QModelIndex | QPersistentModelIndex
FIELDS = ("percent", "cohen_kappa", "fleiss_kappa", "alpha", "alpha_u")
TAG_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's tag name; None for the overall row
UNDEFINED = "—"


class AgreementModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.result: AgreementResult | None = None
        self._rows: list[TagAgreement] = []
        self._headers = [self.tr("Tag"), self.tr("Percent"), self.tr("Cohen's κ"), self.tr("Fleiss' κ"),
                         self.tr("α"), self.tr("αu"), self.tr("Units")]
        self._tips = [
            "",
            self.tr("Share of coder pairs that agree (tag given by both, or by neither); not corrected for chance"),
            self.tr("Agreement beyond chance for exactly two coders (Cohen 1960)"),
            self.tr("Agreement beyond chance for any number of coders (Fleiss 1971)"),
            self.tr("Krippendorff's α, nominal: any number of coders, missing data allowed"),
            self.tr("Krippendorff's unitizing α: agreement on where highlights start and end, by characters"),
            self.tr("Units at least two coders coded"),
        ]

    def set_result(self, result: AgreementResult | None) -> None:
        self.beginResetModel()
        self.result = result
        self._rows = [] if result is None else [*result.tags, result.overall]
        self.endResetModel()

    def reason(self, reason: str | None) -> str:
        words = {
            NO_VARIATION: self.tr("Undefined: no variation (every coder gave the same answer everywhere, "
                                  "e.g. nobody used the tag), so agreement beyond chance cannot be measured."),
            NO_UNITS: self.tr("Undefined: no unit was coded by all the coders."),
            TOO_FEW_VALUES: self.tr("Undefined: fewer than two values can be paired."),
            NOT_TWO_CODERS: self.tr("Undefined: Cohen's κ needs exactly two coders; see Fleiss' κ."),
            TOO_FEW_CODERS: self.tr("Undefined: it needs two or more coders."),
            NO_ARTICLES: self.tr("Undefined: no article was coded by all the coders."),
        }
        return words.get(reason or "", reason or "")

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tips[section] or None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == TAG_ROLE:
            return row.tag
        if role == Qt.ItemDataRole.FontRole and row.tag is None:
            font = QFont()
            font.setBold(True)
            return font
        if column == 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return row.tag if row.tag is not None else self.tr("Overall")
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column == len(self._headers) - 1:
            return f"{row.units:,}" if role == Qt.ItemDataRole.DisplayRole else None
        figure: Coefficient = getattr(row, FIELDS[column - 1])
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(figure, column == 1)
        if role == Qt.ItemDataRole.ToolTipRole and figure.value is None:
            return self.reason(figure.reason)
        return None

    @staticmethod
    def text(figure: Coefficient, percent: bool = False) -> str:
        """As the table shows it: 1 decimal for percent, 3 for the others, "—" undefined."""
        if figure.value is None:
            return UNDEFINED
        return f"{figure.value:.1f}" if percent else f"{figure.value:.3f}"

    def tag_at(self, row: int) -> str | None:
        return self._rows[row].tag if 0 <= row < len(self._rows) else None
