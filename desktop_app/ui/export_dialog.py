"""File → Export annotations…: what to export and how, then where."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
)


class ExportDialog(QDialog):
    def __init__(self, open_article_title: str | None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export annotations"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "A CSV file with one row per highlight. It opens in Excel, LibreOffice, R and pandas "
            "with Vietnamese text intact."
        ))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        self.scope_open = QRadioButton(
            self.tr("The open article: {title}").format(title=(open_article_title or "")[:60])
        )
        self.scope_all = QRadioButton(self.tr("All articles"))
        group = QButtonGroup(self)
        group.addButton(self.scope_open)
        group.addButton(self.scope_all)
        self.scope_open.setEnabled(open_article_title is not None)
        (self.scope_open if open_article_title is not None else self.scope_all).setChecked(True)
        scope_box = QVBoxLayout()
        scope_box.addWidget(self.scope_open)
        scope_box.addWidget(self.scope_all)
        form.addRow(self.tr("Highlights of"), scope_box)

        self.delimiter = QComboBox()
        self.delimiter.addItem(self.tr("Comma (,)"), ",")
        self.delimiter.addItem(self.tr("Semicolon (;) — Excel with decimal commas"), ";")
        form.addRow(self.tr("Separator"), self.delimiter)
        layout.addLayout(form)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Choose file…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def only_open_article(self) -> bool:
        return self.scope_open.isChecked()

    def chosen_delimiter(self) -> str:
        return self.delimiter.currentData()
