"""Edit → Dictionary…: the user dictionary as a plain list, one term a line.

The count and the problems (a one-syllable line, a line too long) update as the user
types; OK stays disabled while a line is wrong, so nothing half-checked is saved.
Duplicates (same word: Unicode form and case ignored) are merged on saving, and said so.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.nlp.dictionary import ONE_SYLLABLE, ParsedTerms, parse_terms


class DictionaryDialog(QDialog):
    def __init__(self, terms: tuple[str, ...] | list[str], parent: QWidget | None = None, *,
                 read_only: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("dictionaryDialog")
        self.setWindowTitle(self.tr("Dictionary"))
        self.resize(520, 480)
        intro = QLabel(self.tr(
            "Names and terms of your project that word segmentation keeps as one word "
            "(\"Trương Thị Mai\", \"Ban Tổ chức Trung ương\"): one a line, at least two syllables. "
            "Articles that contain a changed term are segmented again in the background."))
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("dictionaryTerms")
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setPlainText("\n".join(terms))
        self.editor.setReadOnly(read_only)
        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label = QLabel()
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)  # quotes what the user typed
        self.problem_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._read_only = read_only
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.editor.textChanged.connect(self._check)
        self._parsed = parse_terms([])
        self._check()

    def parsed(self) -> ParsedTerms:
        return self._parsed

    def terms(self) -> list[str]:
        """The cleaned terms (trimmed, NFC, duplicates merged), in the order typed."""
        return self._parsed.terms

    def _check(self) -> None:
        self._parsed = parsed = parse_terms(self.editor.toPlainText().split("\n"))
        n = len(parsed.terms)
        text = self.tr("%n term(s)", None, n)
        if parsed.duplicates:
            text += " · " + self.tr("%n duplicate(s) will be merged", None, parsed.duplicates)
        self.count_label.setText(text)
        lines = []
        for problem in parsed.problems[:5]:
            if problem.code == ONE_SYLLABLE:
                lines.append(self.tr("Line {0}: \"{1}\" has one syllable; a term needs at least two.")
                             .format(problem.line, problem.text))
            else:
                lines.append(self.tr("Line {0}: too long for a term.").format(problem.line))
        if len(parsed.problems) > 5:
            lines.append(self.tr("%n more line(s) to fix.", None, len(parsed.problems) - 5))
        self.problem_label.setText("\n".join(lines))
        self.problem_label.setVisible(bool(lines))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not parsed.problems and not self._read_only)
