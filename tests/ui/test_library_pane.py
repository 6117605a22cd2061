"""The library column as a user works it: sort and filter, corpus search, Ctrl+F,
importing by drag and drop with a summary, and article details."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest

from desktop_app.core.library.articles import get_article
from desktop_app.ui.library.article_details import ArticleDetailsDialog
from desktop_app.ui.library.article_list import SUMMARY_ROLE
from desktop_app.ui.library.search_results import HIT_ROLE
from desktop_app.ui.window.import_job import ImportSummaryDialog
from tests.ui.test_highlighting import open_article_containing, when_visible


def listed(window) -> list:
    model = window.library.model
    return [model.index(r).data(SUMMARY_ROLE) for r in range(model.rowCount())]


def test_sort_and_filters_change_the_list_and_the_count(open_window, qtbot):
    window = open_window()
    pane = window.library
    assert pane.count.text() == "5 articles"
    dates = [a.published for a in listed(window) if a.published]
    assert dates == sorted(dates, reverse=True)
    pane.filters.sort.setCurrentIndex(pane.filters.sort.findData("oldest"))
    dates = [a.published for a in listed(window) if a.published]
    assert dates == sorted(dates)
    pane.filters.toggle.click()
    assert pane.filters.details.isVisible()
    pane.filters.source.setCurrentIndex(pane.filters.source.findData("TTXVN"))
    assert [a.source for a in listed(window)] == ["TTXVN"]
    assert pane.count.text() == "1 of 5 articles" and pane.filters.toggle.text() == "Filters (1)"
    # Highlight something, then show only annotated articles.
    pane.filters.clear.click()
    window.reader.select_offsets(0, 5)
    window.highlight_selection(["Thử"])
    pane.filters.annotated.setCurrentIndex(pane.filters.annotated.findData(True))
    assert [a.id for a in listed(window)] == [window.current.id]
    pane.filters.tag.setCurrentIndex(pane.filters.tag.findData("Thử"))
    assert [a.id for a in listed(window)] == [window.current.id]
    assert pane.filters.toggle.text() == "Filters (2)"


def test_corpus_search_without_diacritics_opens_the_hit_at_the_passage(open_window, qtbot):
    window = open_window()
    pane = window.library
    with qtbot.waitSignal(pane.searched, timeout=10_000):
        qtbot.keyClicks(pane.search_box, "to chuc dang")
    assert pane.stack.currentWidget() is pane.hit_list
    hits = [pane.hits.index(r).data(HIT_ROLE) for r in range(pane.hits.rowCount())]
    assert hits and pane.count.text().endswith("matching articles")
    best = hits[0]
    marked = [best.passage[s:e] for s, e in best.marks]
    from desktop_app.core.text.normalize import fold

    assert marked and {fold(m) for m in marked} <= {"to", "chuc", "dang", "to chuc dang"}, marked
    rect = pane.hit_list.visualRect(pane.hits.index(0))
    QTest.mouseClick(pane.hit_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current.id == best.article_id
    cursor = window.reader.textCursor().position()
    assert window.reader._offsets.to_codepoint(cursor) == best.offset  # the reader is at the hit
    # Clearing the box brings the article list back.
    pane.search_box.clear()
    pane.run_search()
    assert pane.stack.currentWidget() is pane.list


def test_a_query_that_matches_nothing_says_so(open_window, qtbot):
    window = open_window()
    pane = window.library
    pane.search_box.setText('"(NEAR không-có-đâu')
    with qtbot.waitSignal(pane.searched, timeout=10_000):
        pane.run_search()
    assert pane.hits.rowCount() == 0 and "No article matches" in pane.count.text()


def test_find_in_article_folds_diacritics_and_steps_through_matches(open_window, qtbot):
    window = open_window()
    open_article_containing(window, "cán bộ")
    text = window.current.text
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.reader_pane.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, "can bo")
    matches = bar.matches
    assert matches and all(text[s:e].casefold() == "cán bộ" for s, e in matches)
    assert bar.count.text() == f"1 of {len(matches)}"
    QTest.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.current == 1 and window.reader.selected_offsets() == matches[1]
    QTest.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.reader.selected_offsets() == matches[0]
    QTest.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and bar.matches == []


def test_dropping_a_folder_imports_in_the_background_with_a_summary(open_window, qtbot, tmp_path):
    window = open_window()
    folder = tmp_path / "bài mới"
    folder.mkdir()
    (folder / "một.txt").write_text("Hội nghị tổng kết năm\n\nNội dung hội nghị tổng kết.\n", encoding="utf-8")
    (folder / "hỏng.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" * 10)
    (folder / "trùng.txt").write_bytes((Path(__file__).parents[2] / "seeds").glob("*.txt").__next__().read_bytes())
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(folder))])
    drop = QDropEvent(QPoint(200, 200), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.importer.finished, timeout=20_000) as blocker:
        window.dropEvent(drop)
    report = blocker.args[0]
    assert [p.name for p, _ in report.imported] == ["một.txt"]
    assert [p.name for p in report.duplicates] == ["trùng.txt"]
    assert [p.name for p, _ in report.failed] == ["hỏng.txt"]
    assert "Hội nghị tổng kết năm" in [a.title for a in listed(window)]
    dialog = window.importer.last_dialog
    assert isinstance(dialog, ImportSummaryDialog) and dialog.isVisible()
    assert "hỏng.txt" in dialog.details.toPlainText() and "binary" in dialog.details.toPlainText()
    dialog.copy.click()
    from PySide6.QtWidgets import QApplication

    assert "trùng.txt" in QApplication.clipboard().text()
    dialog.close()
    assert not window.import_status.isVisible()


def test_cancel_stops_a_large_import_between_files(open_window, qtbot, tmp_path):
    window = open_window()
    folder = tmp_path / "nhiều"
    folder.mkdir()
    for i in range(400):
        (folder / f"{i:03d}.txt").write_text(f"Bài số {i}\n\nNội dung riêng của bài số {i}.\n", encoding="utf-8")
    with qtbot.waitSignal(window.importer.finished, timeout=30_000) as blocker:
        window.import_paths([folder])
        qtbot.waitUntil(lambda: window.import_status.bar.value() > 0, timeout=10_000)
        window.import_status.cancel.click()
    report = blocker.args[0]
    assert report.cancelled and 0 < len(report.imported) < 400
    assert len(listed(window)) == 5 + len(report.imported)  # nothing half-imported


def test_article_details_edit_metadata_and_restore_a_hidden_line(open_window, qtbot):
    window = open_window()
    open_article_containing(window, "Lượt xem: 1.420")
    doc = window.current
    assert doc.hidden_spans
    hidden_line = next((s, e) for s, e in doc.hidden_spans if doc.text[s:e] == "Lượt xem: 1.420")
    block = window.reader.document().findBlock(window.reader._offsets.to_utf16(hidden_line[0]))
    assert not block.isVisible()

    def edit() -> None:
        dialog = window.findChild(ArticleDetailsDialog)
        dialog.fields["published"].setText("hôm qua")
        dialog.accept()  # refused: stays open and says why
        assert dialog.isVisible() and "not a date" in dialog.error.text()
        dialog.fields["published"].setText("05/04/2023 07:30")
        dialog.fields["author"].setText("Minh Anh")
        for row in range(dialog.hidden.count()):
            item = dialog.hidden.item(row)
            if item.text() == "Lượt xem: 1.420":
                item.setCheckState(Qt.CheckState.Unchecked)
        dialog.accept()

    when_visible(window, ArticleDetailsDialog, edit)
    window.details_dialog()
    stored = get_article(window.db, doc.id)
    assert (stored.published, stored.author) == ("2023-04-05T07:30", "Minh Anh")
    assert hidden_line not in stored.hidden_spans and stored.text == doc.text
    block = window.reader.document().findBlock(window.reader._offsets.to_utf16(hidden_line[0]))
    assert block.isVisible()  # restored in the reader at once
    with window.db.session() as s:
        from desktop_app.core.storage.models import Article

        assert hidden_line not in [tuple(x) for x in json.loads(s.get(Article, doc.id).hidden_spans)]


def test_show_hidden_leftovers_toggle(open_window, qtbot):
    window = open_window()
    open_article_containing(window, "Lượt xem: 1.420")
    doc = window.current
    start = next(s for s, e in doc.hidden_spans if doc.text[s:e] == "Lượt xem: 1.420")

    def visible() -> bool:
        return window.reader.document().findBlock(window.reader._offsets.to_utf16(start)).isVisible()

    assert not visible()
    window.commands.act_show_hidden.setChecked(True)
    assert visible() and window.current.id == doc.id
    window.commands.act_show_hidden.setChecked(False)
    assert not visible()


def test_reimporting_a_changed_file_updates_it_and_orphans_can_be_reattached(open_window, qtbot, tmp_path):
    window = open_window()
    path = tmp_path / "bài đổi.txt"
    first = ("Hội nghị cán bộ toàn quốc\n\nĐoạn mở đầu nói về công tác tổ chức.\n\n"
             "Câu này sẽ bị xoá khỏi bài về sau.\n\nĐoạn cuối giữ nguyên nội dung.\n")
    path.write_text(first, encoding="utf-8")
    with qtbot.waitSignal(window.importer.finished, timeout=20_000):
        window.import_paths([path])
    article_id = next(a.id for a in listed(window) if a.title == "Hội nghị cán bộ toàn quốc")
    window.library.select_article(article_id)
    text = window.current.text
    doomed = text.index("bị xoá khỏi bài")
    window.reader.select_offsets(doomed, doomed + len("bị xoá khỏi bài"))
    lost = window.highlight_selection(["Sẽ mất"])
    kept_at = text.index("giữ nguyên")
    window.reader.select_offsets(kept_at, kept_at + len("giữ nguyên"))
    kept = window.highlight_selection(["Giữ"])
    assert not window.panel.orphans.isVisible()

    path.write_text(first.replace("Câu này sẽ bị xoá khỏi bài về sau.\n\n", ""), encoding="utf-8")
    with qtbot.waitSignal(window.importer.finished, timeout=20_000) as blocker:
        window.import_paths([path])
    report = blocker.args[0]
    assert [aid for _p, aid, _r in report.updated] == [article_id] and report.orphans == 1
    assert window.current.id == article_id and "bị xoá" not in window.current.text
    assert [h.id for h in window.panel.model.highlights()] == [kept.id]
    box = window.panel.orphans
    assert box.isVisible() and box.list.count() == 1 and "bị xoá khỏi bài" in box.list.item(0).text()
    assert not box.button.isEnabled()
    box.list.setCurrentRow(0)
    where = window.current.text.index("công tác tổ chức")
    window.reader.select_offsets(where, where + len("công tác tổ chức"))
    assert box.button.isEnabled()
    box.button.click()
    assert not box.isVisible()
    placed = {h.id: h for h in window.panel.model.highlights()}
    assert placed[lost.id].quote == "công tác tổ chức" and placed[lost.id].tag_names == ["Sẽ mất"]
