"""The word-frequency table's model and the request it answers (Tools → Word frequencies;
the window is ui/tools/frequency_window.py): ranks, words, counts, articles and rate per
10,000 words, sorted numerically and by folded word."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop_app.core.analysis.frequencies import FrequencyResult, WordCount, word_frequencies
from desktop_app.core.storage.database import Database
from desktop_app.core.text.normalize import fold
from desktop_app.ui.i18n import number

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
FOLD_ROLE = Qt.ItemDataRole.UserRole + 2
WORD_ROLE = Qt.ItemDataRole.UserRole + 3
Index = QModelIndex | QPersistentModelIndex

HEADERS = (
    QT_TRANSLATE_NOOP("FrequencyModel", "Rank"),
    QT_TRANSLATE_NOOP("FrequencyModel", "Word"),
    QT_TRANSLATE_NOOP("FrequencyModel", "Count"),
    QT_TRANSLATE_NOOP("FrequencyModel", "Articles"),
    QT_TRANSLATE_NOOP("FrequencyModel", "Per 10,000 words"),
)


@dataclass(frozen=True)
class Request:
    """What to count: plain values, handed to the pool thread."""

    scope: str  # "library", "article", "tag"
    article_id: int | None
    tag: str | None
    stopwords: frozenset[str] | None
    min_syllables: int

    def run(self, db: Database) -> FrequencyResult:
        ids = None if self.scope != "article" else [self.article_id]
        return word_frequencies(db, article_ids=ids, tag=self.tag if self.scope == "tag" else None,
                                stopwords=set(self.stopwords or ()), min_syllables=self.min_syllables)


class FrequencyModel(QAbstractTableModel):
    """Rank | Word | Count | Articles | Per 10,000 words, over a FrequencyResult."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words: list[WordCount] = []
        self._per = 0.0  # per 10,000 words of the scope, stop words included

    def set_result(self, result: FrequencyResult | None) -> None:
        self.beginResetModel()
        self._words = list(result.words) if result else []
        self._per = 10_000 / result.total_words if result and result.total_words else 0.0
        self.endResetModel()

    def words(self) -> list[WordCount]:
        return list(self._words)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._words)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("FrequencyModel", HEADERS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = Qt.AlignmentFlag.AlignLeft if section == 1 else Qt.AlignmentFlag.AlignRight
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._words):
            return None
        row, column = index.row(), index.column()
        word = self._words[row]
        values = (row + 1, word.word, word.count, word.articles, word.count * self._per)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 1:
                return word.word
            if column == 4:
                return QLocale().toString(values[4], "f", 2)
            return number(values[column])
        if role == SORT_ROLE:
            return f"{fold(word.word)}\0{word.folded}" if column == 1 else values[column]
        if role == FOLD_ROLE:
            return fold(word.word)
        if role == WORD_ROLE:
            return word
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = Qt.AlignmentFlag.AlignLeft if column == 1 else Qt.AlignmentFlag.AlignRight
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        return None
