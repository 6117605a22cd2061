"""File → Export annotations…: format, scope, columns, separator and (for a .qdpx) how
positions count, then where: a file named after the open article or the library and the
date, in the folder of the last export (kept in the window's settings)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListView,
    QRadioButton,
    QVBoxLayout,
)

from desktop_app.core.interchange.csv_export import COLUMNS
from desktop_app.core.interchange.formats import FORMATS, SCOPES_CODERS, ExportFormat
from desktop_app.core.text.normalize import fold

FOLDER_KEY = "export/folder"  # the folder of the last export, in the window's QSettings
LIBRARY_NAME = "chu-giai"
# What a file name adds for formats that share an extension with another.
_NAME_SUFFIX = {"csv-long": "-long", "codebook": "-codebook"}


def slug(title: str, limit: int = 60) -> str:
    """A file-name part from a title: folded (no diacritics, đ as d), lower case, words
    joined with "-": "Đổi mới công tác cán bộ" -> "doi-moi-cong-tac-can-bo"."""
    words = re.findall(r"[a-z0-9]+", fold(title).lower())
    return "-".join(words)[:limit].rstrip("-")

# The labels and count units of core's FORMATS (core has no Qt), listed for lupdate and
# shown through the "ExportDialog" translations (file_actions uses them too).
FORMAT_TEXTS = (
    QT_TRANSLATE_NOOP("ExportDialog", "CSV, one row per highlight"),
    QT_TRANSLATE_NOOP("ExportDialog", "CSV, one row per highlight × tag (pivot tables)"),
    QT_TRANSLATE_NOOP("ExportDialog", "Codebook CSV (tags, descriptions, counts)"),
    QT_TRANSLATE_NOOP("ExportDialog", "Excel workbook (highlights, codebook, articles)"),
    QT_TRANSLATE_NOOP("ExportDialog", "W3C Web Annotation JSON-LD"),
    QT_TRANSLATE_NOOP("ExportDialog", "REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder)"),
    QT_TRANSLATE_NOOP("ExportDialog", "REFI-QDA codebook"),
    QT_TRANSLATE_NOOP("ExportDialog", "CoNLL BIO tokens for sequence taggers"),
    QT_TRANSLATE_NOOP("ExportDialog", "highlights"),
    QT_TRANSLATE_NOOP("ExportDialog", "rows"),
    QT_TRANSLATE_NOOP("ExportDialog", "tags"),
    QT_TRANSLATE_NOOP("ExportDialog", "annotations"),
    QT_TRANSLATE_NOOP("ExportDialog", "codes"),
    QT_TRANSLATE_NOOP("ExportDialog", "tokens"),
)


class ExportDialog(QDialog):
    def __init__(
        self,
        open_article_title: str | None,
        selected_count: int,
        tag_names: list[str],
        parent=None,
        settings: QSettings | None = None,
        coder_names: list[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.open_article_title = open_article_title
        self.setWindowTitle(self.tr("Export annotations"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        form = QFormLayout()

        self.format = QComboBox()
        for fmt in FORMATS.values():
            self.format.addItem(self.tr(fmt.label), fmt.key)
        form.addRow(self.tr("Format"), self.format)

        self.scope_open = QRadioButton(
            self.tr("The open article: {title}").format(title=(open_article_title or "")[:60])
        )
        self.scope_selected = QRadioButton(self.tr("The %n selected article(s)", "", selected_count))
        self.scope_all = QRadioButton(self.tr("All articles"))
        group = QButtonGroup(self)
        scope_box = QVBoxLayout()
        for button in (self.scope_open, self.scope_selected, self.scope_all):
            group.addButton(button)
            scope_box.addWidget(button)
        self.scope_open.setEnabled(open_article_title is not None)
        self.scope_selected.setVisible(selected_count > 1)
        (self.scope_open if open_article_title is not None else self.scope_all).setChecked(True)
        form.addRow(self.tr("Highlights of"), scope_box)

        self.tag = QComboBox()
        self.tag.addItem(self.tr("Every tag"), None)
        for name in tag_names:
            self.tag.addItem(name, name)
        form.addRow(self.tr("Only the tag"), self.tag)

        # Whose work: every coder's unless some are unticked (shown with several coders).
        self.coders_model = QStandardItemModel(self)
        for name in coder_names or []:
            item = QStandardItem(name)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked)
            item.setEditable(False)
            self.coders_model.appendRow(item)
        self.coders = QListView()
        self.coders.setModel(self.coders_model)
        self.coders.setMaximumHeight(90)
        if len(coder_names or []) > 1:
            form.addRow(self.tr("Coders"), self.coders)
        else:
            self.coders.setVisible(False)

        self.delimiter = QComboBox()
        self.delimiter.addItem(self.tr("Comma (,)"), ",")
        self.delimiter.addItem(self.tr("Semicolon (;) — Excel with decimal commas"), ";")
        form.addRow(self.tr("Separator"), self.delimiter)

        self.positions = QComboBox()
        self.positions.addItem(self.tr("Code points (REFI-QDA standard)"), "codepoints")
        self.positions.addItem(self.tr("UTF-16 code units, for NVivo"), "utf16")
        self.positions.setToolTip(self.tr(
            "NVivo counts an emoji as two positions; other tools, and REFI-QDA, as one."))
        form.addRow(self.tr("Positions"), self.positions)

        self.columns_model = QStandardItemModel(self)
        for name in COLUMNS:
            item = QStandardItem(name)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked)
            item.setEditable(False)
            self.columns_model.appendRow(item)
        self.columns = QListView()
        self.columns.setModel(self.columns_model)
        self.columns.setMaximumHeight(130)
        form.addRow(self.tr("Columns"), self.columns)
        layout.addLayout(form)

        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("readerMeta")
        layout.addWidget(self.hint)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Choose file…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.format.currentIndexChanged.connect(self._update_options)
        self._update_options()

    def chosen_format(self) -> ExportFormat:
        return FORMATS[self.format.currentData()]

    def _update_options(self) -> None:
        fmt = self.chosen_format()
        for button in (self.scope_open, self.scope_selected, self.scope_all):
            button.setEnabled(fmt.scopes_articles and (button is not self.scope_open or self.scope_open.text() != ""))
        self.tag.setEnabled(fmt.scopes_tag)
        self.delimiter.setEnabled(fmt.has_delimiter)
        self.columns.setEnabled(fmt.key == "csv")
        self.positions.setEnabled(fmt.has_positions)
        self.coders.setEnabled(fmt.key in SCOPES_CODERS)
        hints = {
            "csv": self.tr("UTF-8 with BOM: Excel, LibreOffice, R and pandas read Vietnamese intact."),
            "conll": self.tr("Articles not yet segmented are segmented during the export."),
            "qdpx": self.tr("Positions count code points, as REFI-QDA 1.5 specifies; choose UTF-16 "
                            "code units for a file meant for NVivo."),
        }
        self.hint.setText(hints.get(fmt.key, ""))

    def scope(self) -> str:
        if self.scope_open.isChecked():
            return "open"
        if self.scope_selected.isChecked():
            return "selected"
        return "all"

    def chosen_tag(self) -> str | None:
        return self.tag.currentData()

    def chosen_delimiter(self) -> str:
        return self.delimiter.currentData()

    def chosen_columns(self) -> list[str]:
        return [
            self.columns_model.item(row).text()
            for row in range(self.columns_model.rowCount())
            if self.columns_model.item(row).checkState() == Qt.CheckState.Checked
        ]

    def chosen_coders(self) -> list[str] | None:
        """The coders whose work is exported; None: everyone's (all ticked, or a format
        without work by coder)."""
        if self.chosen_format().key not in SCOPES_CODERS:
            return None
        items = [self.coders_model.item(row) for row in range(self.coders_model.rowCount())]
        ticked = [i.text() for i in items if i.checkState() == Qt.CheckState.Checked]
        return None if len(ticked) == len(items) else ticked

    def chosen_positions(self) -> str:
        """How a .qdpx counts positions: "codepoints" or "utf16"; always "codepoints" for
        the other formats."""
        return self.positions.currentData() if self.chosen_format().has_positions else "codepoints"

    def suggested_path(self, today: date | None = None) -> Path:
        """Where the file dialog starts: the last export's folder (else the home folder,
        never the process's working folder) and a name from the open article (when only it
        is exported) or the library, with the date: "chu-giai-2026-12-05.csv"."""
        fmt = self.chosen_format()
        stem = LIBRARY_NAME
        if self.scope() == "open" and fmt.scopes_articles and self.open_article_title:
            stem = slug(self.open_article_title) or LIBRARY_NAME
        name = f"{stem}{_NAME_SUFFIX.get(fmt.key, '')}-{(today or date.today()).isoformat()}{fmt.extension}"
        folder = self.settings.value(FOLDER_KEY) if self.settings is not None else None
        start = Path(str(folder)) if folder and Path(str(folder)).is_dir() else Path.home()
        return start / name

    def remember_folder(self, path: Path) -> None:
        """Keep the folder of the file chosen, for the next export."""
        if self.settings is not None:
            self.settings.setValue(FOLDER_KEY, str(Path(path).parent))
