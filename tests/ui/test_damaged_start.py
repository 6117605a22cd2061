"""A library that cannot be opened at start: the app offers to check and repair it, to
restore one of its automatic backups, or to start a new library (the damaged file kept
aside), or to quit; it never refuses to start and never deletes anything."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.core.storage.backups import auto_backup
from desktop_app.core.storage.database import check_integrity
from desktop_app.ui.app import StartCancelled, prepare_window
from desktop_app.ui.dialogs import damaged_library
from desktop_app.ui.dialogs.damaged_library import NEW_LIBRARY, QUIT, RECOVERED, DamagedLibraryDialog
from desktop_app.ui.dialogs.restore_dialog import RestoreDialog
from tests.core.test_faults import _root_page, corrupt_table, make_library


def library(data: Path, highlights: int = 300, backup: bool = False) -> Path:
    path = data / "chugiai.sqlite3"
    db = make_library(path, highlights)
    if backup:
        auto_backup(db)
    db.close()
    with sqlite3.connect(path) as conn:  # one file: the damage below is not undone by a log
        conn.execute("PRAGMA journal_mode=DELETE")
    return path


def damage_an_index(path: Path) -> None:
    """Half of an index's root page zeroed (a bad disk sector): quick_check sees it, and a
    repair rebuilds the index from the table."""
    root, page_size = _root_page(path, "ix_highlight_tags_tag_id_highlight_id")
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size + page_size // 2)
        f.write(b"\x00" * (page_size // 2))


def answering(qtbot, act, seen: list):
    """A `recover` that shows the real dialog, lets `act` click in it, and answers with
    what the dialog decided (what exec() would return in the app)."""
    def recover(path: Path, message: str) -> tuple[str, str]:
        dialog = DamagedLibraryDialog(path, message)
        qtbot.addWidget(dialog)
        dialog.show()
        seen.append(dialog)
        act(dialog)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=60_000)
        return dialog.outcome, dialog.notice

    return recover


def build(tmp_path: Path, qtbot, recover):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    opened, window = prepare_window(tmp_path / "data", check=True, start_worker=False,
                                    settings=settings, recover=recover)
    qtbot.addWidget(window)
    return opened, window


def test_check_and_repair_at_start_opens_the_repaired_library(tmp_path, qtbot):
    path = library(tmp_path / "data")
    damage_an_index(path)
    assert check_integrity(path) is not None
    seen: list = []
    opened, window = build(tmp_path, qtbot, answering(qtbot, lambda d: d.repair_button.click(), seen))
    try:
        [dialog] = seen
        assert dialog.outcome == RECOVERED
        assert str(path) in dialog.message.text() and dialog.message.textFormat() == Qt.TextFormat.PlainText
        [copy] = path.parent.glob("chugiai.before-repair-*.sqlite3")
        [notice] = opened.notices
        assert " repaired." in notice and str(copy) in notice
        assert check_integrity(path) is None
        with window.db.engine.connect() as conn:  # nothing lost: all 300 highlights are there
            assert conn.exec_driver_sql("SELECT count(*) FROM highlights").scalar() == 300
        assert not list(path.parent.glob("chugiai.damaged-*"))
    finally:
        window.close()
        opened.db.close()


def test_restore_a_backup_at_start_keeps_the_damaged_file(tmp_path, qtbot, monkeypatch):
    path = library(tmp_path / "data", highlights=40, backup=True)
    corrupt_table(path, "highlights")  # pages a repair cannot bring back
    damaged = path.read_bytes()

    def choose_the_newest(chooser: RestoreDialog) -> int:
        chooser.table.selectRow(0)
        return RestoreDialog.DialogCode.Accepted

    monkeypatch.setattr(RestoreDialog, "exec", choose_the_newest)
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or QMessageBox.StandardButton.Yes)
    seen: list = []
    opened, window = build(tmp_path, qtbot, answering(qtbot, lambda d: d.restore_button.click(), seen))
    try:
        [kept] = path.parent.glob("chugiai.damaged-*.sqlite3")
        assert kept.read_bytes() == damaged  # kept, byte for byte
        assert "damaged library is kept beside it" in asked[0]
        [notice] = opened.notices
        assert "restored from the backup of" in notice and str(kept) in notice
        with window.db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM highlights").scalar() == 40
    finally:
        window.close()
        opened.db.close()


def test_start_a_new_library_keeps_the_damaged_one_aside(tmp_path, qtbot):
    path = library(tmp_path / "data", highlights=5)
    path.write_bytes(b"Bao cao quy I\n" * 100)
    seen: list = []
    opened, window = build(tmp_path, qtbot, answering(qtbot, lambda d: d.new_button.click(), seen))
    try:
        assert seen[0].outcome == NEW_LIBRARY and not seen[0].restore_button.isEnabled()  # no backup
        [kept] = path.parent.glob("chugiai.damaged-*.sqlite3")
        assert kept.read_bytes() == b"Bao cao quy I\n" * 100
        [notice] = opened.notices
        assert kept.name in notice and "Nothing was deleted" in notice
    finally:
        window.close()
        opened.db.close()


def test_a_file_that_cannot_even_be_checked_says_so_then_quit_leaves_it(tmp_path, qtbot):
    path = library(tmp_path / "data", highlights=5)
    path.write_bytes(b"SQLite format 3\x00" + b"\x07" * 8000)
    before = path.read_bytes()
    seen: list = []

    def repair_then_quit(dialog: DamagedLibraryDialog) -> None:
        op = dialog.check_and_repair()
        qtbot.waitUntil(lambda: op.done, timeout=30_000)
        assert "could not even be read" in dialog.hint.text()
        assert not dialog.repair_button.isVisible() and dialog.new_button.isEnabled()
        dialog.quit_button.click()

    with pytest.raises(StartCancelled):
        build(tmp_path, qtbot, answering(qtbot, repair_then_quit, seen))
    assert seen[0].outcome == QUIT
    assert path.read_bytes() == before and sorted(p.name for p in path.parent.iterdir()) == ["chugiai.sqlite3"]


def test_recover_runs_the_dialog_modally(tmp_path, qtbot, monkeypatch):
    """What run_gui calls: exec() until the user decides."""
    monkeypatch.setattr(DamagedLibraryDialog, "exec", lambda d: d.new_library())
    assert damaged_library.recover(tmp_path / "x.sqlite3", "<b>hỏng</b>") == (NEW_LIBRARY, "")
