"""Choose one or more tags for a highlight: tick existing tags or type new ones.

Completion follows the matching levels of search (core/text/matching.py): typed without
diacritics it ignores them ("to chuc" offers "Tổ chức"), so Vietnamese users can type
without their input method; typed with them, "Đảng" offers Đảng, not đang.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QVBoxLayout,
)

from desktop_app.core.annotate.highlights import TagInfo, clean_tag_name, match_tags
from desktop_app.core.annotate.tag_paths import tree_key
from desktop_app.core.text.matching import same as same_at
from desktop_app.ui.common.match_level import MatchLevelCombo
from desktop_app.ui.common.plain_text import plain_label


def color_icon(color: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class TagDialog(QDialog):
    def __init__(self, tags: list[TagInfo], selected: list[str], quote: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tags for this highlight"))
        self.setMinimumWidth(420)
        self._tags = tags
        layout = QVBoxLayout(self)

        # The quote is the article's text: plain text, whatever it holds.
        preview = plain_label(f"“{quote[:160]}{'…' if len(quote) > 160 else ''}”", wrap=True,
                              object_name="readerMeta")
        layout.addWidget(preview)

        self.input = QLineEdit()
        self.input.setPlaceholderText(self.tr("Type a tag and press Enter (e.g. “Cán bộ”)"))
        self.input.setClearButtonEnabled(True)
        self._completion_model = QStringListModel(self)
        self.completer = QCompleter(self._completion_model, self)
        # We filter ourselves (diacritic-insensitive), so the completer must not re-filter.
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.input.setCompleter(self.completer)
        self.input.textEdited.connect(self._update_completions)
        # The completer's popup hands Return straight to the field: returnPressed catches it.
        self.input.returnPressed.connect(self._add_typed)
        self.input.installEventFilter(self)
        self.completer.activated.connect(self._add_completion)
        self.match_level = MatchLevelCombo()  # follows the typed text until the user picks
        self.input.textChanged.connect(self.match_level.follow)
        self.match_level.chosen.connect(lambda: self._update_completions(self.input.text()))
        row = QHBoxLayout()
        row.addWidget(self.input, 1)
        row.addWidget(self.match_level)
        layout.addLayout(row)

        self.model = QStandardItemModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setMinimumHeight(200)
        layout.addWidget(self.list)
        wanted = {clean_tag_name(n) for n in selected}
        for tag in sorted(tags, key=lambda t: tree_key(t.name)):  # as the tag manager shows them
            self._append(tag.name, tag.color, tag.name in wanted)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)
        self.input.setFocus()

    def _append(self, name: str, color: str | None, checked: bool) -> QStandardItem:
        item = QStandardItem(name)
        item.setCheckable(True)
        item.setEditable(False)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        item.setIcon(color_icon(color or "#bbbbbb"))
        self.model.appendRow(item)
        return item

    def _update_completions(self, text: str) -> None:
        self.match_level.follow(text)  # whichever of textEdited/textChanged comes first
        found = match_tags(self._tags, text, self.match_level.level())
        self._completion_model.setStringList([t.name for t in found][:12])

    def _find_item(self, name: str) -> QStandardItem | None:
        for row in range(self.model.rowCount()):
            item = self.model.item(row)
            if item.text() == name:
                return item
        return None

    def _add_completion(self, name: str) -> None:
        self._check(name)
        # QCompleter writes the completion into the line edit after this slot: clear later.
        QTimer.singleShot(0, self.input.clear)

    def _add_typed(self) -> None:
        typed = clean_tag_name(self.input.text())
        if not typed:
            return
        # An existing tag that is the same at the typed text's level wins over a near-duplicate.
        self.match_level.follow(typed)
        level = self.match_level.level()
        same = [t for t in self._tags if same_at(t.name, typed, level)]
        self._check(same[0].name if len(same) == 1 and typed not in {t.name for t in self._tags} else typed)
        self.input.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter in the field adds the typed tag, or closes the dialog when the field is
        # empty; it must never fall through to OK while a tag is half typed.
        if (
            watched is self.input
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if clean_tag_name(self.input.text()):
                self._add_typed()
            else:
                self.accept()
            return True
        return super().eventFilter(watched, event)

    def _check(self, name: str) -> None:
        item = self._find_item(name) or self._append(name, None, True)
        item.setCheckState(Qt.CheckState.Checked)
        self.list.scrollTo(item.index())

    def _accept(self) -> None:
        if clean_tag_name(self.input.text()):
            self._add_typed()
        self.accept()

    def selected_tags(self) -> list[str]:
        return [
            self.model.item(row).text()
            for row in range(self.model.rowCount())
            if self.model.item(row).checkState() == Qt.CheckState.Checked
        ]
