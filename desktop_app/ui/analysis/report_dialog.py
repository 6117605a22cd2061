"""File → Report…: what goes in the report (title, example quotes per tag, memos, which
tables) and where it goes, as HTML or PDF.

Core builds the report and its HTML (core/analysis/report.py, in the interface's words);
the PDF is that same HTML laid out by Qt (QTextDocument printed on a QPdfWriter). Both
are written on a pool thread, to a temp file renamed at the end: a failure or a cancel
leaves no file and keeps an older one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF, Qt, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QStandardItem,
    QStandardItemModel,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
)

from desktop_app.core.analysis.cooccurrence import CooccurrenceQuery
from desktop_app.core.analysis.matrices import ARTICLES, ATTRIBUTE_PREFIX, MatrixQuery
from desktop_app.core.analysis.report import ReportData, ReportOptions, ReportWords, build_report, render_html
from desktop_app.core.interchange.csv_export import atomic_open
from desktop_app.core.interchange.output_paths import TEMP_SUFFIX, kept_mode, replace_target, temp_prefix
from desktop_app.core.library.attributes import list_attributes
from desktop_app.core.progress import Progress
from desktop_app.core.storage.database import Database
from desktop_app.ui.analysis.attribute_models import attribute_label
from desktop_app.ui.analysis.jobs import Runner, checked_output, settings_of
from desktop_app.ui.analysis.matrix_form import COUNTS, WITHIN
from desktop_app.ui.common import file_dialogs

SPEC_ROLE = Qt.ItemDataRole.UserRole + 1
HTML, PDF = "html", "pdf"


def html_to_pdf(text: str, path: Path) -> int:
    """Lay `text` out on A4 pages and write the PDF atomically; returns the pages. Plain
    Qt painting (no widget): it runs on a pool thread."""
    path = replace_target(Path(path))
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(), suffix=".pdf" + TEMP_SUFFIX, dir=path.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, kept_mode(path, 0o666 & ~umask))  # mkstemp's 0600 is for secrets, not reports
    try:
        writer = QPdfWriter(tmp)
        writer.setResolution(96)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                         QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
        writer.setTitle("Chú Giải")
        document = QTextDocument()
        document.setHtml(text)
        document.setPageSize(QSizeF(writer.width(), writer.height()))
        pages = document.pageCount()
        document.print_(writer)
        del writer  # the file is complete once the writer is gone
        os.replace(tmp, path)
        return pages
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class ReportDialog(QDialog):
    written = Signal(str, object)  # path, ReportData
    failed = Signal(str)

    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("Report"))
        self.setMinimumWidth(520)
        self.title = QLineEdit(self.tr("Coding report"))
        self.title.setAccessibleName(self.tr("Title"))
        self.quotes = QSpinBox()
        self.quotes.setRange(0, 50)
        self.quotes.setValue(3)
        self.quotes.setAccessibleName(self.tr("Example quotes per tag"))
        self.memos = QCheckBox(self.tr("Article memos"))
        self.memos.setChecked(True)
        self.tables = QStandardItemModel(self)
        tables_view = QListView()
        tables_view.setModel(self.tables)
        tables_view.setAccessibleName(self.tr("Tables in the report"))
        self.count = QComboBox()
        for key, label in COUNTS:
            self.count.addItem(QCoreApplication.translate("MatrixForm", label), key)
        self._fill_tables()
        intro = QLabel(self.tr("The codebook with each tag's description, counts and example quotes, the "
                               "article memos and the tables ticked below: a web page that opens in any "
                               "browser and prints, or a PDF."))
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(intro)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Examples per tag"), self.quotes)
        form.addRow("", self.memos)
        tables_box = QGroupBox(self.tr("Tables"))
        tables_layout = QFormLayout(tables_box)
        tables_layout.addRow(tables_view)
        tables_layout.addRow(self.tr("Matrix cells"), self.count)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.stop_button = QToolButton()
        self.stop_button.setText(self.tr("Stop"))
        self.runner = Runner(self, self.progress, self.stop_button)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.html_button = QPushButton(self.tr("Write HTML…"))
        self.pdf_button = QPushButton(self.tr("Write PDF…"))
        self.open_button = QPushButton(self.tr("Open it"))
        self.open_button.setVisible(False)
        close = QPushButton(self.tr("Close"))
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.stop_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.html_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(tables_box, 1)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.html_button.clicked.connect(lambda: self.write(None, HTML))
        self.pdf_button.clicked.connect(lambda: self.write(None, PDF))
        self.open_button.clicked.connect(self._open_written)
        close.clicked.connect(self.reject)
        self._written: Path | None = None

    def _fill_tables(self) -> None:
        def add(label: str, spec: object, checked: bool = False) -> None:
            item = QStandardItem(label)
            item.setCheckable(True)
            item.setEditable(False)
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            item.setData(spec, SPEC_ROLE)
            self.tables.appendRow(item)

        for info in list_attributes(self.db):
            if info.name != "published":
                add(self.tr("Tags × %1").replace("%1", attribute_label(info)), ATTRIBUTE_PREFIX + info.name,
                    info.name == "outlet")
        add(self.tr("Tags × articles (one column per article)"), ARTICLES)
        for key, label in WITHIN[:3]:
            add(self.tr("Co-occurrence: %1").replace("%1", QCoreApplication.translate("MatrixForm", label)),
                CooccurrenceQuery(key), key == "overlap")

    # --- the report --------------------------------------------------------------------------
    def options(self) -> ReportOptions:
        tables: list[MatrixQuery | CooccurrenceQuery] = []
        for row in range(self.tables.rowCount()):
            item = self.tables.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                spec = item.data(SPEC_ROLE)
                tables.append(spec if isinstance(spec, CooccurrenceQuery) else MatrixQuery(spec, self.count.currentData()))
        return ReportOptions(" ".join(self.title.text().split()), self.quotes.value(), self.memos.isChecked(),
                             tuple(tables))

    def words(self) -> ReportWords:
        return ReportWords(
            title=self.tr("Coding report"),
            made=self.tr("Made with Chú Giải on {date}: {articles} articles, {passages} coded passages, {tags} tags."),
            codebook=self.tr("Codebook"), counts=self.tr("Passages: {passages} · Articles: {articles}"),
            whole=self.tr("Coded as a whole: {count} articles"),
            nested=self.tr("With the tags nested under it: {passages} passages · {articles} articles"),
            examples=self.tr("Examples"), memos=self.tr("Article memos"), no_memos=self.tr("No article has a memo."),
            tables=self.tr("Tables"), tag=self.tr("Tag"), none=self.tr("(none)"), untitled=self.tr("(untitled)"),
            matrix=self.tr("Tags × {columns}: {count}"), articles_columns=self.tr("articles"),
            count_words={"passages": self.tr("coded passages"), "articles": self.tr("articles coded"),
                         "coverage": self.tr("share of the text coded")},
            cooccurrence=self.tr("Co-occurrence of tags: {within}"),
            within_words={"overlap": self.tr("passages that overlap"),
                          "sentence": self.tr("passages in the same sentence"),
                          "paragraph": self.tr("passages in the same paragraph"),
                          "words": self.tr("passages within {n} words")})

    def write(self, path: str | Path | None, kind: str) -> None:
        """Build the report on a pool thread and write it to `path` (asked for when None)."""
        if path is None:
            html_filter, pdf_filter = self.tr("Web page (*.html)"), self.tr("PDF (*.pdf)")
            name = "report.pdf" if kind == PDF else "report.html"
            path, _ = file_dialogs.save_file_name(self, settings_of(self), "analysis", self.tr("Write the report"), name,
                                                  pdf_filter if kind == PDF else html_filter)
            if not path:
                return
            suffix = "." + kind
            path = path if path.lower().endswith(suffix) else path + suffix
        target = Path(path)
        problem = checked_output(target, self.db.path)
        if problem is not None:
            self._failed(problem)
            return
        options, words, db = self.options(), self.words(), self.db

        def work(progress: Progress) -> ReportData:
            data = build_report(db, options, progress)
            text = render_html(data, words)
            progress.check()
            if kind == PDF:
                html_to_pdf(text, target)
            else:
                with atomic_open(target, ".html", "w", encoding="utf-8", newline="\n") as f:
                    f.write(text)
            return data

        self.status.setText(self.tr("Writing %1…").replace("%1", target.name))
        self.open_button.setVisible(False)
        self.runner.run(work, lambda data: self._written_to(target, data), self._failed,
                        lambda: self.status.setText(self.tr("Stopped: nothing was written.")))

    def _written_to(self, path: Path, data: ReportData) -> None:
        self._written = path
        self.status.setText(self.tr("The report is in %1").replace("%1", str(path)))
        self.open_button.setVisible(True)
        self.written.emit(str(path), data)

    def _failed(self, message: str) -> None:
        if shiboken6.isValid(self):
            self.status.setText(self.tr("Could not write the report: %1").replace("%1", message))
            self.failed.emit(message)

    def _open_written(self) -> None:
        if self._written is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._written)))

    def reject(self) -> None:
        self.runner.stop()
        super().reject()
