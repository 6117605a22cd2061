"""The export dialog: positions for NVivo, a file name from the article or library and the
date, the last export folder remembered in the settings, and warnings about the file shown
once it is written. Real library, offscreen window."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.ui.dialogs.export_dialog import FOLDER_KEY, ExportDialog, slug

DAY = date(2026, 12, 5)


def dialog_for(qtbot, settings: QSettings | None, title: str | None = "Đổi mới công tác cán bộ") -> ExportDialog:
    dialog = ExportDialog(title, 1, ["Cán bộ"], None, settings=settings)
    qtbot.addWidget(dialog)
    return dialog


def choose(dialog: ExportDialog, key: str) -> None:
    dialog.format.setCurrentIndex(dialog.format.findData(key))


def test_positions_are_offered_for_qdpx_only(qtbot):
    dialog = dialog_for(qtbot, None)
    choose(dialog, "qdpx")
    assert dialog.positions.isEnabled()
    dialog.positions.setCurrentIndex(dialog.positions.findData("utf16"))
    assert dialog.chosen_positions() == "utf16"
    assert "NVivo" in dialog.hint.text()
    choose(dialog, "csv")
    assert not dialog.positions.isEnabled() and dialog.chosen_positions() == "codepoints"


def test_the_file_name_comes_from_the_article_or_the_library_and_the_date(qtbot, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path)  # the working folder is never where the dialog starts
    dialog = dialog_for(qtbot, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    choose(dialog, "csv")
    assert dialog.scope() == "open"
    assert dialog.suggested_path(DAY) == home / "doi-moi-cong-tac-can-bo-2026-12-05.csv"
    dialog.scope_all.setChecked(True)
    assert dialog.suggested_path(DAY) == home / "chu-giai-2026-12-05.csv"
    choose(dialog, "codebook")
    assert dialog.suggested_path(DAY).name == "chu-giai-codebook-2026-12-05.csv"
    no_article = dialog_for(qtbot, None, title=None)
    choose(no_article, "qdpx")
    assert no_article.suggested_path(DAY).name == "chu-giai-2026-12-05.qdpx"
    assert slug("Đảng ủy: “Hội nghị” lần 2!") == "dang-uy-hoi-nghi-lan-2"


def test_the_last_export_folder_is_remembered_in_the_settings(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    folder = tmp_path / "xuất"
    folder.mkdir()
    dialog_for(qtbot, settings).remember_folder(folder / "a.csv")
    assert settings.value(FOLDER_KEY) == str(folder)
    assert dialog_for(qtbot, settings).suggested_path(DAY).parent == folder


def test_exporting_for_nvivo_from_the_window_warns_about_codes_qualcoder_would_merge(
        open_window, qtbot, tmp_path, monkeypatch):
    window = open_window()
    text = window.current.text
    start = text.index("Đảng")
    window.reader.select_offsets(start, start + 4)
    window.highlight_selection(["Kinh tế/Khác"])
    AnnotationService(window.db).create_tag("Xã hội/Khác")
    target = tmp_path / "cho NVivo.qdpx"
    asked: list[str] = []

    def save_as(_parent, _caption, start_at, _filter):
        asked.append(start_at)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)

    def fill_in() -> None:  # as a user would: choose the format and the positions, then OK
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        choose(dialog, "qdpx")
        dialog.positions.setCurrentIndex(dialog.positions.findData("utf16"))
        dialog.accept()

    QTimer.singleShot(0, fill_in)
    window.files.export_dialog()
    assert Path(asked[0]).name == f"{slug(window.current.title)}-{date.today().isoformat()}.qdpx"
    qtbot.waitUntil(target.exists, timeout=10_000)
    assert window.settings.value(FOLDER_KEY) == str(tmp_path)
    with zipfile.ZipFile(target) as z:
        qde = z.read("project.qde").decode("utf-8")
    utf16_start = len(text[:start].encode("utf-16-le")) // 2
    assert f'startPosition="{utf16_start}"' in qde
    qtbot.waitUntil(lambda: bool(window.findChildren(QMessageBox)), timeout=10_000)
    box = window.findChildren(QMessageBox)[-1]
    assert "QualCoder keeps one code per name" in box.text() and "“Khác”" in box.text()
    box.close()


def test_a_codebook_imports_in_the_window_as_one_undoable_step(open_window, qtbot, tmp_path, monkeypatch):
    from tests.core.test_refi_codebook import FOREIGN

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    window = open_window()
    book = tmp_path / "qualcoder.qdc"
    book.write_text(FOREIGN, encoding="utf-8")
    before = {t.name for t in AnnotationService(window.db).list_tags()}
    window.import_annotations_from(book)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    # ("tag(s)" until the English plural forms of this new string are generated)
    assert shown[0].startswith("qualcoder.qdc: 4 new tag") and "0 already in the codebook" in shown[0]
    names = {t.name for t in AnnotationService(window.db).list_tags()}
    assert names - before == {"Chủ đề", "Chủ đề/Kinh tế", "Chủ đề/Xã hội", "Có sẵn"}
    window.undo_actions.act_undo.trigger()
    assert {t.name for t in AnnotationService(window.db).list_tags()} == before


def test_the_export_can_be_restricted_to_chosen_coders(open_window, qtbot, tmp_path, monkeypatch):
    import csv

    from desktop_app.core.library.coders import use_coder
    from desktop_app.core.text.spans import TextSpan

    window = open_window()
    article = window.current.id
    window.bus.publish(window.ops.create_highlight(article, TextSpan(0, 3), ["Cán bộ"]).changes)
    use_coder(window.db, "Lan")
    window.bus.publish(window.ops.create_highlight(article, TextSpan(4, 8), ["Cán bộ"]).changes)
    target = tmp_path / "lan.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(target), ""))

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        model = dialog.coders_model
        assert dialog.coders.isVisibleTo(dialog)
        assert [model.item(r).text() for r in range(model.rowCount())][1:] == ["Lan"]
        assert dialog.chosen_coders() is None  # all ticked: everyone's
        model.item(0).setCheckState(Qt.CheckState.Unchecked)
        assert dialog.chosen_coders() == ["Lan"]
        choose(dialog, "codebook")
        assert not dialog.coders.isEnabled() and dialog.chosen_coders() is None
        choose(dialog, "csv")
        dialog.accept()

    QTimer.singleShot(0, fill_in)
    window.files.export_dialog()
    qtbot.waitUntil(target.exists, timeout=10_000)
    with open(target, encoding="utf-8-sig", newline="") as f:
        assert [r["coder"] for r in csv.DictReader(f)] == ["Lan"]


def test_with_one_coder_the_dialog_asks_nothing_about_coders(qtbot):
    dialog = ExportDialog(None, 1, [], None, coder_names=["Tuấn"])
    qtbot.addWidget(dialog)
    assert not dialog.coders.isVisibleTo(dialog) and dialog.chosen_coders() is None
