"""User data is shown as the literal string, whatever it holds. A tag, note, title, memo,
file name and error message that look like HTML go through every dialog and label type the
window uses, on a real library whose folder name is hostile too; each place must show the
text as typed: a QLabel in Qt.PlainText (or rich text with the data escaped), a tooltip
escaped (Qt has no plain tooltip), a message box in Qt.PlainText.

The image in the string names a file that does not exist: a regression then shows a broken
image and fails here, instead of reading /dev/zero forever."""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtWidgets import QInputDialog, QLabel, QMessageBox, QToolTip, QWidget

from desktop_app.core.analysis.search import SearchHit
from desktop_app.core.annotate.highlights import AnnotationError
from desktop_app.core.library.ingest import ImportReport
from desktop_app.core.storage.backups import auto_backup, backups_dir, list_backups
from desktop_app.core.text.spans import TextSpan
from desktop_app.ui.common.plain_text import plain_tooltip
from desktop_app.ui.dialogs.check_dialog import CheckLibraryDialog
from desktop_app.ui.dialogs.damaged_library import DamagedLibraryDialog
from desktop_app.ui.dialogs.restore_dialog import RestoreDialog
from desktop_app.ui.dialogs.safety_settings import SafetySettingsDialog
from desktop_app.ui.dialogs.tag_dialog import TagDialog
from desktop_app.ui.dialogs.tag_manager import TagManagerDialog
from desktop_app.ui.errors import ErrorDialog
from desktop_app.ui.library.article_details import ArticleDetailsDialog
from desktop_app.ui.library.search_results import SearchResultsModel, hit_html
from desktop_app.ui.tools.frequency_window import FrequencyWindow
from desktop_app.ui.window.import_job import ImportSummaryDialog
from desktop_app.ui.window.jobs import start_export
from tests.ui.test_highlighting import open_article_containing
from tests.ui.test_overlaps import point_on

# No "/" (a tag path separator, and not allowed in a file name); "&amp;" must stay as typed.
HOSTILE = '<img src="no-such-image.png"><i>x<i>&amp; “ý”'


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / f"dữ liệu {HOSTILE}"  # the library's folder: paths show it


def rendered(text: str) -> str:
    """What Qt shows for a rich-text string."""
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def literal_label(label: QLabel, expected: str = HOSTILE) -> bool:
    """The label shows `expected` as typed (and shows it at all)."""
    if label.textFormat() == Qt.TextFormat.PlainText:
        return expected in label.text()
    return label.textFormat() == Qt.TextFormat.RichText and expected in rendered(label.text())


def labels_with_data(widget: QWidget) -> list[QLabel]:
    """Every label of `widget` that holds the hostile string, raw or escaped."""
    marks = ("<i>x<i>", html.escape("<i>x<i>"))
    found = [widget] if isinstance(widget, QLabel) else []
    return [label for label in found + widget.findChildren(QLabel) if any(m in label.text() for m in marks)]


def all_literal(widget: QWidget, expected: str = HOSTILE) -> int:
    """Every label of `widget` holding the data shows it literally; returns how many do
    (so that a test also checks the data reached the widget)."""
    labels = labels_with_data(widget)
    bad = [(label.objectName(), label.textFormat(), label.text()) for label in labels
           if not literal_label(label, expected)]
    assert not bad, bad
    return len(labels)


def tooltip_literal(tip: str, expected: str = HOSTILE) -> bool:
    """Qt shows a tooltip that looks like rich text as rich text: it must then be escaped."""
    return expected in (rendered(tip) if "<" in tip else tip)


@pytest.fixture
def hostile(open_window, qtbot):
    """A window on a library full of hostile data: a tag, a note, a title and source, a
    memo and a tag description."""
    window = open_window()
    start = open_article_containing(window, "cán bộ")
    window.reader.select_offsets(start, start + len("cán bộ"))
    info = window.highlight_selection([HOSTILE])
    window.panel.select(info.id)  # the note as a user writes it: in the card's editor
    window.panel.editor.note.setPlainText(HOSTILE)
    window.panel.editor.flush_note()
    doc = window.current
    window.bus.publish(window.ops.edit_metadata(doc.id, {"title": HOSTILE, "source": HOSTILE}, []))
    window.bus.publish(window.ops.set_memo(doc.id, HOSTILE))
    tag = next(t for t in window.service.list_tags() if t.name == HOSTILE)
    window.bus.publish(window.ops.describe_tag(tag.id, HOSTILE))
    return window, window.service.get_highlight(info.id)


def test_the_helpers_themselves(qapp):
    assert tooltip_literal(plain_tooltip(HOSTILE)) and plain_tooltip("") == ""
    assert tooltip_literal(plain_tooltip("dòng một\n  dòng <hai>"), "dòng một\n  dòng <hai>")
    assert not tooltip_literal(HOSTILE)  # the raw string would be shown as rich text


def test_main_window_labels_tooltips_and_status(hostile, qtbot):
    window, info = hostile
    window.reopen_current()
    assert window.current.title == HOSTILE
    # The reader header is rich text on purpose (a bold title), with the title escaped.
    assert literal_label(window.reader_pane.meta)
    assert all_literal(window.reader_pane) >= 1
    # Cards, palette, library rows: item views paint plain text; their tooltips are escaped.
    row = next(r for r in range(window.panel.model.rowCount())
               if window.panel.model.index(r).data(257).id == info.id)
    assert tooltip_literal(window.panel.model.index(row).data(Qt.ItemDataRole.ToolTipRole))
    palette = window.panel.tag_model
    chip = next(r for r in range(palette.rowCount()) if palette.index(r).data() == HOSTILE)
    assert tooltip_literal(palette.index(chip).data(Qt.ItemDataRole.ToolTipRole))
    articles = window.article_model
    listed = next(r for r in range(articles.rowCount()) if articles.index(r).data() == HOSTILE)
    assert tooltip_literal(articles.index(listed).data(Qt.ItemDataRole.ToolTipRole))
    # The reader's own tooltip, as Qt shows it.
    point = point_on(window.reader, info.start + 1)
    event = QHelpEvent(QEvent.Type.ToolTip, point, window.reader.viewport().mapToGlobal(point))
    window.reader.viewportEvent(event)
    assert QToolTip.isVisible() and tooltip_literal(QToolTip.text())
    QToolTip.hideText()
    # The memo box, the library count, the status bar, with errors that quote data.
    window.panel.memo._set_status(HOSTILE, HOSTILE)
    assert literal_label(window.panel.memo.status) and tooltip_literal(window.panel.memo.status.toolTip())
    window.library._search_failed(window.library._search_generation, HOSTILE)
    assert literal_label(window.library.count)
    window.statusBar().showMessage(HOSTILE)  # QStatusBar paints its message as plain text
    assert window.statusBar().currentMessage() == HOSTILE
    # The status-bar progress label (export and import file names).
    window.job_status.show_progress(HOSTILE, 1, 2)
    assert literal_label(window.job_status.label)


def test_message_boxes_and_input_dialogs(hostile, monkeypatch):
    window, info = hostile
    boxes, inputs = [], []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box) or QMessageBox.StandardButton.No)
    monkeypatch.setattr(QInputDialog, "exec", lambda d: inputs.append(d) or QInputDialog.DialogCode.Rejected)
    window.highlights._try(lambda: (_ for _ in ()).throw(AnnotationError(HOSTILE)))  # "Could not save"
    dialog = TagManagerDialog(window.ops, window.bus, window)
    tag = next(t for t in dialog.tags.values() if t.name == HOSTILE)
    dialog.select(tag.id)
    item = dialog.tree.currentItem()
    assert tooltip_literal(item.toolTip(0))
    dialog.delete()  # "Delete the tag “…”?"
    dialog.move()  # "Put “…” under:"
    dialog.rename()
    window.about()  # rich text on purpose: the library path escaped
    dialog.close()
    about = boxes.pop()
    assert str(window.db.path) in rendered(about.text())
    # (Deleting a highlight asks nothing any more: undo brings it back.)
    assert len(boxes) == 2 and all(b.textFormat() == Qt.TextFormat.PlainText for b in boxes)
    assert HOSTILE in boxes[0].text() and HOSTILE in boxes[1].text()  # the error, the tag name
    assert len(inputs) == 2
    for d in inputs:
        labels = labels_with_data(d)
        assert all(literal_label(label) for label in labels)
    assert any(labels_with_data(d) for d in inputs)  # "Put “…” under:" named the tag


def test_tag_dialog_article_details_and_orphans(hostile, qtbot):
    window, info = hostile
    tags = TagDialog(window.service.list_tags(), [HOSTILE], HOSTILE, window)
    qtbot.addWidget(tags)
    assert all_literal(tags) == 1
    details = ArticleDetailsDialog(window.current, [], lambda *_: None, window)
    qtbot.addWidget(details)
    details.show_error(HOSTILE)
    assert all_literal(details) >= 1
    orphan = window.service.get_highlight(info.id)
    window.panel.orphans.set_orphans([orphan])
    item = window.panel.orphans.list.item(0)
    assert tooltip_literal(item.toolTip()) and HOSTILE in item.text()


def test_import_summary_export_error_and_error_dialog(hostile, qtbot, tmp_path, monkeypatch):
    window, _info = hostile
    report = ImportReport(failed=[(tmp_path / f"{HOSTILE}.txt", HOSTILE)])
    summary = ImportSummaryDialog(report, window)
    qtbot.addWidget(summary)
    assert HOSTILE in summary.details.toPlainText()  # a QPlainTextEdit: plain by nature
    all_literal(summary)

    shown = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: shown.append(box))
    target = tmp_path / HOSTILE / "không có thư mục" / "out.csv"
    op = start_export(window, window.db, target, "csv")
    qtbot.waitUntil(lambda: op.done, timeout=30_000)
    [box] = shown
    assert box.textFormat() == Qt.TextFormat.PlainText and HOSTILE in box.text()

    error = ErrorDialog(HOSTILE, "details", tmp_path / HOSTILE / "chugiai.log")
    qtbot.addWidget(error)
    assert error.textFormat() == Qt.TextFormat.PlainText and all_literal(error) == 1


def test_search_results_concordance_and_frequencies(hostile, qtbot, tmp_path):
    window, _info = hostile
    hit = SearchHit(window.current.id, HOSTILE, 1.0, f"… {HOSTILE} cán bộ …", ((len(HOSTILE) + 3, len(HOSTILE) + 9),), 0)
    assert HOSTILE in rendered(hit_html(hit))  # the delegate's rich text, escaped
    model = SearchResultsModel()
    model.set_rows([hit])
    assert tooltip_literal(model.index(0).data(Qt.ItemDataRole.ToolTipRole))

    concordance = window.concordance_window()
    concordance.show_query(HOSTILE)  # no line: the summary quotes the query
    qtbot.waitUntil(lambda: concordance.summary.text() not in ("Searching…", ""), timeout=30_000)
    all_literal(concordance)
    concordance.show_query("cán bộ")
    qtbot.waitUntil(lambda: concordance.model.rowCount() > 0, timeout=30_000)
    titles = [concordance.model.index(r, 3).data(Qt.ItemDataRole.ToolTipRole)
              for r in range(concordance.model.rowCount())]
    assert all(tooltip_literal(t, t and rendered(t) or "") for t in titles if t)
    assert any(tooltip_literal(t) for t in titles if t)  # the hostile title among them
    concordance.close()

    frequencies = FrequencyWindow(window.db, lambda: None, window.service.list_tags, tmp_path / "stop.txt", window)
    qtbot.addWidget(frequencies)
    frequencies._export_failed(tmp_path / HOSTILE, HOSTILE)
    assert literal_label(frequencies.status)
    frequencies._exported(tmp_path / HOSTILE, 3)
    assert tooltip_literal(frequencies.status.toolTip())


def test_safety_dialogs_show_hostile_paths_literally(hostile, qtbot, monkeypatch):
    window, _info = hostile
    path = window.db.path
    assert HOSTILE in str(path)
    check = CheckLibraryDialog(path, False, parent=window)
    qtbot.addWidget(check)
    assert all_literal(check) == 1
    check.start()
    qtbot.waitUntil(lambda: check.op.done, timeout=30_000)
    assert HOSTILE in check.text.toPlainText()

    auto_backup(window.db, now=datetime(2025, 1, 31, 14, 25, 1))
    folder = backups_dir(path)
    restore = RestoreDialog(folder, list_backups(folder), window)
    qtbot.addWidget(restore)
    assert all_literal(restore) == 1
    settings = SafetySettingsDialog(True, False, folder, list_backups(folder), 1, parent=window)
    qtbot.addWidget(settings)
    assert all_literal(settings) == 1
    damaged = DamagedLibraryDialog(path, f"The file {path} is damaged.")
    qtbot.addWidget(damaged)
    assert all_literal(damaged) == 1

    boxes = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box) or QMessageBox.StandardButton.Cancel)
    assert window.safety.confirm_restore(list_backups(folder)[0].path, list_backups(folder)[0]) is None
    [question] = boxes
    assert question.textFormat() == Qt.TextFormat.PlainText and str(path.parent) in question.text()
    assert question.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse


def test_a_hostile_title_in_the_window_title_and_edits(hostile):
    window, _info = hostile
    assert window.windowTitle().startswith(HOSTILE)  # window titles are plain text
    window.bus.publish(window.ops.edit_metadata(window.current.id, {"title": "Bình thường"}, [TextSpan(0, 0)][:0]))
    assert window.windowTitle().startswith("Bình thường")
    assert QPoint  # (imported for point_on's callers)


def test_no_message_box_guesses_its_format():
    """QMessageBox's static helpers (and QInputDialog.getText) render their text as Qt
    guesses; the window uses ui/common/plain_text.py instead. (QInputDialog.getItem stays
    where its label is a fixed sentence: highlight_controller.)"""
    import re

    ui = Path(__file__).resolve().parents[2] / "desktop_app" / "ui"
    guessing = re.compile(r"QMessageBox\.(information|warning|critical|question|about)\(|QInputDialog\.getText\(")
    found = [f"{p.relative_to(ui)}:{n}" for p in ui.rglob("*.py") for n, line in enumerate(p.read_text().splitlines(), 1)
             if guessing.search(line) and not line.lstrip().startswith(("#", "\"", "plain_text"))]
    assert found == []
