"""Edit stop words: one word per line, saved to the user's copy of the list.

The shipped list (core.stopwords.default_path) is never written; "Reset to the default
list" fills the editor with it, and nothing changes on disk until Save.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from desktop_app.core.analysis.stopwords import default_path, load_stopwords, parse_stopwords, save_stopwords
from desktop_app.core.text.normalize import fold
from desktop_app.ui.common.plain_text import warn
from desktop_app.ui.i18n import number


def ordered(words: set[str]) -> list[str]:
    """As save_stopwords writes them: folded order, then as written."""
    return sorted(words, key=lambda w: (fold(w), w))


def user_stopwords(path: Path) -> set[str]:
    """The user's list if there is one (and it reads), else the shipped list."""
    try:
        return load_stopwords(path) if Path(path).is_file() else load_stopwords()
    except (OSError, UnicodeDecodeError):
        return load_stopwords()


class StopwordsDialog(QDialog):
    def __init__(self, path: Path, parent=None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.setWindowTitle(self.tr("Stop words"))
        self.setMinimumSize(380, 480)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Words left out of frequency lists, one per line. A word of several syllables is "
            "written with its spaces (tuy nhiên). Case is ignored; diacritics are not."))
        intro.setWordWrap(True)
        intro.setObjectName("readerMeta")
        layout.addWidget(intro)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("stopwordsEditor")
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(self.editor, 1)
        self.count = QLabel()
        self.count.setObjectName("readerMeta")
        layout.addWidget(self.count)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.reset_button = buttons.addButton(self.tr("Reset to the default list"),
                                              QDialogButtonBox.ButtonRole.ResetRole)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.reset_button.clicked.connect(self.reset)
        layout.addWidget(buttons)
        self.editor.textChanged.connect(self._count)
        self._show(user_stopwords(self.path))

    def words(self) -> set[str]:
        return parse_stopwords(self.editor.toPlainText())

    def reset(self) -> None:
        """The shipped list in the editor (saved only with Save)."""
        self._show(load_stopwords(default_path()))

    def save(self) -> bool:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            save_stopwords(self.words(), self.path)
        except OSError as e:
            warn(self, self.tr("Stop words not saved"),
                 self.tr("Could not write %1: %2").replace("%1", str(self.path)).replace("%2", e.strerror or str(e)),
                 selectable=True)
            return False
        self.accept()
        return True

    def _show(self, words: set[str]) -> None:
        self.editor.setPlainText("\n".join(ordered(words)) + "\n")

    def _count(self) -> None:
        n = len(self.words())
        self.count.setText(self.tr("1 word") if n == 1 else
                           self.tr("%1 words").replace("%1", number(n)))
