"""The window as a whole: first start, segmentation in the background, remembered layout,
and bad libraries handled with a message."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.core.library.articles import list_articles
from desktop_app.core.nlp.stored import load_segmentation
from desktop_app.ui import app as app_module


def test_first_start_imports_the_seeds_once(open_window, data_dir):
    window = open_window()
    titles = [window.article_model.index(r).data() for r in range(window.article_model.rowCount())]
    assert len(titles) == 5
    assert "Tiếp tục đổi mới, kiện toàn công tác tổ chức cán bộ" in titles
    assert window.current is not None  # an article is open at once
    # The user deletes an article: the next start does not bring the seeds back.
    from desktop_app.core.storage.models import Article

    with window.db.session() as s:
        s.delete(s.get(Article, list_articles(window.db)[0].id))
    window.close()
    again = open_window()
    assert again.article_model.rowCount() == 4


def test_segmentation_runs_in_background_and_feeds_the_reader(open_window, qtbot):
    window = open_window(start_worker=True)
    with qtbot.waitSignal(window.worker.finished, timeout=120_000):
        pass
    assert "up to date" in window.seg_status.label.text()
    for summary in list_articles(window.db):
        spans = load_segmentation(window.db, summary.id)
        assert spans, summary.title
    # The open article shows its words: "Tổ chức" is one word of two syllables.
    assert window.reader.has_tokens()
    text = window.current.text
    start = text.index("Tổ chức") if "Tổ chức" in text else text.index("tổ chức")
    assert window.reader.word_at(start + 1) == (start, start + 7)
    window.commands.act_words.setChecked(True)
    window.reader.viewport().repaint()  # painting word groups must not fail


def test_layout_and_last_article_are_remembered(open_window):
    window = open_window()
    window.splitter.setSizes([200, 800, 300])
    last_row = window.article_model.rowCount() - 1
    window.article_list.setCurrentIndex(window.article_model.index(last_row))
    chosen = window.current.id
    window.commands.act_words.setChecked(True)
    sizes = window.splitter.sizes()
    window.close()
    again = open_window()
    assert again.current.id == chosen
    assert again.splitter.sizes() == sizes
    assert again.commands.act_words.isChecked()


def test_read_only_library_disables_editing(tmp_path, qtbot, qapp):
    from PySide6.QtCore import QSettings

    from desktop_app.core.storage.database import Database
    from desktop_app.ui.window.main_window import MainWindow

    path = tmp_path / "chugiai.sqlite3"
    db = Database.open(path)
    app_module.import_seeds_once(db)
    db.close()
    ro = Database.open(path, read_only=True)
    window = MainWindow(ro, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), start_worker=False)
    qtbot.addWidget(window)
    window.show()
    window.reader.select_offsets(0, 5)
    assert not window.commands.act_highlight.isEnabled()
    window.close()
    ro.close()


def test_backup_and_restore_from_the_window(open_window, tmp_path, qtbot):
    from desktop_app.core.annotate.highlights import AnnotationService

    window = open_window()
    text = window.current.text
    window.reader.select_offsets(0, 10)
    kept = window.highlight_selection(["Giữ lại"])
    backup = tmp_path / "sao lưu.sqlite3"
    assert window.backup_to(backup)
    window.reader.select_offsets(12, 20)
    window.highlight_selection(["Sẽ mất"])
    assert window.panel.model.rowCount() == 2
    op = window.restore_from(backup)  # in the background; the views reload from the bus
    qtbot.waitUntil(lambda: op.done, timeout=30_000)
    assert [h.id for h in window.panel.model.highlights()] == [kept.id]
    assert {t.name for t in AnnotationService(window.db).list_tags()} == {"Giữ lại"}
    assert window.current is not None and window.current.text == text


def test_export_dialog_offers_every_format_with_its_options(open_window, qtbot):
    from desktop_app.core.interchange.csv_export import COLUMNS
    from desktop_app.core.interchange.formats import FORMATS
    from desktop_app.ui.dialogs.export_dialog import ExportDialog

    dialog = ExportDialog("Bài", 1, ["Cán bộ", "Đảng"], None)
    qtbot.addWidget(dialog)
    keys = [dialog.format.itemData(i) for i in range(dialog.format.count())]
    assert keys == list(FORMATS)
    dialog.format.setCurrentIndex(keys.index("qdc"))
    assert dialog.tag.isEnabled() and not dialog.scope_all.isEnabled()  # a branch of the codebook
    dialog.format.setCurrentIndex(keys.index("csv"))
    assert dialog.tag.isEnabled() and dialog.columns.isEnabled() and dialog.delimiter.isEnabled()
    dialog.columns_model.item(COLUMNS.index("context")).setCheckState(Qt.CheckState.Unchecked)
    assert "context" not in dialog.chosen_columns()


def test_export_then_import_annotations_in_the_window(open_window, qtbot, tmp_path, monkeypatch):
    import csv as csv_module

    from desktop_app.core.annotate.highlights import AnnotationService

    shown = []
    # The summary box is plain text (it quotes the file's passages): read what it shows.
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.text(), box.textFormat())) or 0)
    window = open_window()
    text = window.current.text
    start = text.index("Đảng")
    window.reader.select_offsets(start, start + 4)
    info = window.highlight_selection(["Đảng"])
    out = tmp_path / "chú giải.csv"
    window.export_to(out, "csv", [window.current.id], None, ";", ["highlight_id", "quote", "tags"])
    qtbot.waitUntil(lambda: out.exists(), timeout=10_000)
    with open(out, encoding="utf-8-sig", newline="") as f:
        assert list(csv_module.reader(f, delimiter=";")) == [["highlight_id", "quote", "tags"], [str(info.id), "Đảng", "Đảng"]]

    full = tmp_path / "full.jsonld"
    window.export_to(full, "webanno", None, None)
    qtbot.waitUntil(lambda: full.exists(), timeout=10_000)
    AnnotationService(window.db).delete_highlight(info.id)
    window.import_annotations_from(full)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "1 highlight imported" in shown[0][0]
    assert shown[0][1] == Qt.TextFormat.PlainText
    assert [h.quote for h in window.panel.model.highlights()] == ["Đảng"]


def test_keyboard_shortcuts_lists_every_menu_shortcut_and_none_is_a_bare_letter(open_window):
    from PySide6.QtGui import QAction, QKeySequence

    from desktop_app.ui.dialogs.shortcuts import ShortcutsDialog, menu_shortcuts

    window = open_window()
    rows = menu_shortcuts(window.menuBar())
    keys = {k for _menu, k, _what in rows}
    for expected in ("Ctrl+H", "Ctrl+F", "Ctrl+E", "Ctrl+I", "Ctrl+Shift+F", "Ctrl+/"):
        assert any(expected in k for k in keys), expected
    for action in window.findChildren(QAction):
        for seq in action.shortcuts():
            text = seq.toString(QKeySequence.SequenceFormat.PortableText)
            assert not (len(text) == 1 and text.isalpha()), f"{action.text()} uses the bare key {text}"
    dialog = ShortcutsDialog(window.menuBar(), window)
    assert dialog.table.rowCount() == len(rows) + 7
    dialog.close()


def test_each_article_reopens_where_the_reader_left_it(open_window):
    window = open_window()
    first = window.current.id
    bar = window.reader.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    from PySide6.QtCore import QPoint

    top = window.reader.offset_at(QPoint(0, 0))
    assert top > 0
    other = next(a.id for a in listed_summaries(window) if a.id != first)
    window.library.select_article(other)
    assert window.current.id == other and bar.value() == 0
    window.library.select_article(first)
    assert window.current.id == first
    assert abs(window.reader.offset_at(QPoint(0, 0)) - top) < 80  # the same line, give or take
    window.close()
    again = open_window()
    assert again.current.id == first and again.reader.verticalScrollBar().value() > 0


def listed_summaries(window):
    from desktop_app.ui.library.article_list import SUMMARY_ROLE

    model = window.library.model
    return [model.index(r).data(SUMMARY_ROLE) for r in range(model.rowCount())]
