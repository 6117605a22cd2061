"""Another coder changed what the user was editing (a note, a memo, a tag): their version
and the user's side by side, as plain text, and a choice (issue 17, point 4).

- *Keep theirs*: the user's edit is dropped (it can be copied first).
- *Use mine*: the user's version is saved over theirs, knowingly (the caller saves again
  naming their version, `ConflictError.version`).
- *Copy mine*: the user's version goes to the clipboard; the dialog stays open.

Core refused the edit and wrote nothing (annotate/row_versions.py); this only asks what
to do next. Every text here may be anything a coder typed: plain text only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.annotate.row_versions import ConflictError
from desktop_app.ui import wording

KEEP_THEIRS = "theirs"
USE_MINE = "mine"


def _plain_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _version_box(text: str, name: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlainText(text)
    box.setReadOnly(True)
    box.setObjectName(name)
    box.setMinimumHeight(80)
    return box


class ConflictDialog(QDialog):
    """Their version and the user's; `choice` is KEEP_THEIRS (also on Escape) or USE_MINE."""

    def __init__(self, error: ConflictError, theirs: str, mine: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Changed by another coder"))
        self.choice = KEEP_THEIRS
        self.mine = mine
        self.message = _plain_label(wording.error_text(error))
        self.message.setObjectName("conflictMessage")
        their_title = (self.tr("%1's version").replace("%1", error.who) if error.who
                       else self.tr("Their version"))
        self.theirs_box = _version_box(theirs, "theirVersion")
        self.mine_box = _version_box(mine, "yourVersion")
        versions = QGridLayout()
        versions.addWidget(_plain_label(their_title), 0, 0)
        versions.addWidget(_plain_label(self.tr("Your version")), 0, 1)
        versions.addWidget(self.theirs_box, 1, 0)
        versions.addWidget(self.mine_box, 1, 1)

        self.keep_button = QPushButton(self.tr("Keep theirs"))
        self.mine_button = QPushButton(self.tr("Use mine"))
        self.mine_button.setToolTip(self.tr("Save your version over theirs"))
        self.copy_button = QPushButton(self.tr("Copy mine"))
        self.copy_button.setToolTip(self.tr("Copy your version to the clipboard"))
        self.keep_button.setDefault(True)
        self.keep_button.clicked.connect(lambda: self._choose(KEEP_THEIRS))
        self.mine_button.clicked.connect(lambda: self._choose(USE_MINE))
        self.copy_button.clicked.connect(self.copy_mine)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.mine_button)
        buttons.addWidget(self.keep_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(versions, 1)
        layout.addLayout(buttons)
        self.resize(560, 300)

    def copy_mine(self) -> None:
        QGuiApplication.clipboard().setText(self.mine)
        self.copy_button.setText(self.tr("Copied"))

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def use_mine(parent: QWidget | None, error: ConflictError, theirs: str, mine: str) -> bool:
    """Ask; True when the user chose to save their version over the other coder's."""
    dialog = ConflictDialog(error, theirs, mine, parent)
    try:
        dialog.exec()
        return dialog.choice == USE_MINE
    finally:
        dialog.deleteLater()
