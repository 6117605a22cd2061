"""Article details (F2 / right-click in the library): edit the metadata, see the original
file's text as imported, and choose which web leftovers stay hidden in the reader."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.library.articles import EDITABLE_FIELDS, ArticleDoc
from desktop_app.core.library.ingest.facts import ImportFacts
from desktop_app.ui import wording
from desktop_app.ui.common.plain_text import plain_label
from desktop_app.ui.theme import style

_LABELS = {
    "title": QT_TRANSLATE_NOOP("ArticleDetailsDialog", "Title"),
    "kicker": QT_TRANSLATE_NOOP("ArticleDetailsDialog", "Kicker"),
    "published": QT_TRANSLATE_NOOP("ArticleDetailsDialog", "Published"),
    "source": QT_TRANSLATE_NOOP("ArticleDetailsDialog", "Source"),
    "author": QT_TRANSLATE_NOOP("ArticleDetailsDialog", "Author"),
    "url": QT_TRANSLATE_NOOP("ArticleDetailsDialog", "URL"),
}


class ArticleDetailsDialog(QDialog):
    """Collects the edits; `save` stores them through core. A refused edit (say a date
    that is not a date) keeps the dialog open with the reason under the form."""

    def __init__(self, doc: ArticleDoc, leftovers: list[tuple[int, int]],
                 save: Callable[[dict[str, str], list[tuple[int, int]]], None], parent=None,
                 read_only: bool = False, facts: ImportFacts | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._save = save
        self.setWindowTitle(self.tr("Article details"))
        self.resize(640, 520)
        tabs = QTabWidget()

        form_page = QWidget()
        form = QFormLayout(form_page)
        self.fields: dict[str, QLineEdit] = {}
        for key in EDITABLE_FIELDS:
            edit = QLineEdit(getattr(doc, key) or "")
            edit.setAccessibleName(self.tr(_LABELS[key]))
            self.fields[key] = edit
            form.addRow(self.tr(_LABELS[key]), edit)
        self.fields["published"].setPlaceholderText(self.tr("2023-04-04 10:48 or 04/04/2023 10:48"))
        if doc.source_path:
            path = plain_label(doc.source_path, selectable=True, wrap=True)
            form.addRow(self.tr("Imported from"), path)
        self._add_facts(form, facts or ImportFacts())
        self.error = plain_label(wrap=True, object_name="formError")  # quotes what was typed
        self.error.setStyleSheet(f"color: {style.color('error').name()}")
        form.addRow(self.error)
        tabs.addTab(form_page, self.tr("Details"))

        self.hidden = QListWidget()
        self.hidden.setAccessibleName(self.tr("Hidden web leftovers"))
        for start, end in sorted(set(leftovers) | set(doc.hidden_spans)):
            item = QListWidgetItem(doc.text[start:end].strip() or "…")
            item.setData(Qt.ItemDataRole.UserRole, (start, end))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            hidden = (start, end) in doc.hidden_spans
            item.setCheckState(Qt.CheckState.Checked if hidden else Qt.CheckState.Unchecked)
            self.hidden.addItem(item)
        hidden_page = QWidget()
        hidden_layout = QVBoxLayout(hidden_page)
        hint = QLabel(self.tr("Checked lines are hidden in the reader. They stay in the article's text, "
                              "so nothing is lost and highlights never move; uncheck a line to show it again."))
        hint.setWordWrap(True)
        hidden_layout.addWidget(hint)
        hidden_layout.addWidget(self.hidden, 1)
        tabs.addTab(hidden_page, self.tr("Hidden lines (%1)").replace("%1", str(len(doc.hidden_spans))))

        original = QPlainTextEdit(doc.original_text)
        original.setReadOnly(True)
        original.setAccessibleName(self.tr("Original text as imported"))
        tabs.addTab(original, self.tr("Original file"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        if read_only:  # a read-only library: look, but nothing to save
            buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
            for edit in self.fields.values():
                edit.setReadOnly(True)
            self.hidden.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)
        self.tabs = tabs

    def _add_facts(self, form: QFormLayout, facts: ImportFacts) -> None:
        """What the import learned that has no field to edit: shown, plain text."""
        if facts.title_guessed:
            self.fields["title"].setToolTip(self.tr("No headline was found: the title is the "
                                                    "first sentence of the text."))
            form.addRow("", self._plain(self.tr("Title guessed from the first sentence")))
        if facts.source_credit:
            form.addRow(self.tr("Credited to"), self._plain(facts.source_credit))
        if facts.encoding_name:
            form.addRow(self.tr("Read as"), self._plain(facts.encoding_name))
        if facts.notice:
            form.addRow("", self._plain(facts.notice))
        for key, value in facts.header.items():
            form.addRow(key, self._plain(value))

    @staticmethod
    def _plain(text: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setWordWrap(True)
        return label

    def metadata(self) -> dict[str, str]:
        return {key: edit.text() for key, edit in self.fields.items()}

    def hidden_spans(self) -> list[tuple[int, int]]:
        spans = []
        for row in range(self.hidden.count()):
            item = self.hidden.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                spans.append(tuple(item.data(Qt.ItemDataRole.UserRole)))
        return spans

    def accept(self) -> None:
        try:
            self._save(self.metadata(), self.hidden_spans())
        except ValueError as e:  # MetadataError: a sentence for the user
            self.show_error(wording.error_text(e))
            return
        super().accept()

    def show_error(self, message: str) -> None:
        self.tabs.setCurrentIndex(0)
        self.error.setText(message)
