"""The article details say how a file was read (encoding, guessed title, credit, corpus
header), and the import summary lists files imported with a notice."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop_app.core.library.articles import get_article
from desktop_app.core.library.ingest import import_paths, legacy
from desktop_app.core.library.ingest.facts import read_facts
from desktop_app.ui.library.article_details import ArticleDetailsDialog
from desktop_app.ui.window.import_job import ImportSummaryDialog


def _labels(dialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel)]


def test_details_show_the_encoding_credit_guessed_title_and_header(qtbot, db, tmp_path: Path):
    text = ("# doc_id = vn-7\n(TTXVN) - Sáng nay, Ban Tổ chức Trung ương họp về công tác cán bộ.\n"
            "Các đại biểu thảo luận về công tác tổ chức.\n\nMinh Anh\nTheo Reuters\n")
    path = tmp_path / "abc.txt"
    path.write_bytes(legacy.encode(text, legacy.TCVN3))
    [(_p, article_id)] = import_paths(db, [path]).imported
    doc = get_article(db, article_id)
    dialog = ArticleDetailsDialog(doc, [], lambda fields, hidden: None, facts=read_facts(db, article_id))
    qtbot.addWidget(dialog)
    labels = _labels(dialog)
    assert "TCVN3 (ABC)" in labels and "Reuters" in labels and "vn-7" in labels
    assert "Title guessed from the first sentence" in labels
    assert dialog.fields["title"].text().startswith("Sáng nay, Ban Tổ chức")
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in dialog.findChildren(QLabel)
               if label.text() in ("TCVN3 (ABC)", "Reuters", "vn-7"))


def test_import_summary_lists_the_notices(qtbot, db, tmp_path: Path):
    path = tmp_path / "ngan.txt"
    path.write_bytes(legacy.encode("Đổi mới", legacy.TCVN3))
    report = import_paths(db, [path])
    dialog = ImportSummaryDialog(report)
    qtbot.addWidget(dialog)
    shown = dialog.details.toPlainText()
    assert str(path) in shown and "not certain" in shown and "TCVN3" in shown
