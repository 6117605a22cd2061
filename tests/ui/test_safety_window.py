"""The window's data-safety commands on a real library: File -> Check library… (background
check, report, Repair, one summary), automatic backups (on close after changes, every 30
minutes of changes, a setting to turn them off), File -> Restore from backup… (newest first,
a confirmation naming the safety copy, the views reload from the bus) and synchronous=FULL
as a window setting applied when the library is opened."""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.core.library.articles import get_state
from desktop_app.core.storage.backups import CLOSE, PERIODIC, auto_backup, backups_dir, list_backups
from desktop_app.core.storage.durability import SYNCHRONOUS_KEY
from desktop_app.ui.dialogs.check_dialog import CheckLibraryDialog
from desktop_app.ui.dialogs.restore_dialog import RestoreDialog
from desktop_app.ui.dialogs.safety_settings import SafetySettingsDialog
from desktop_app.ui.window import auto_backups
from desktop_app.ui.window.safety import SYNC_FULL_KEY
from tests.ui.test_highlighting import open_article_containing

BAD = "x'48e1bb99c3'"  # "Hộ" then a lone lead byte: not UTF-8


def highlight(window, phrase: str, tags: list[str], note: str = ""):
    start = open_article_containing(window, phrase)
    window.reader.select_offsets(start, start + len(phrase))
    info = window.highlight_selection(tags)
    if note:
        window.highlights.save_note(info.id, note)
    return info


def damage(window, *statements: str) -> None:
    """Another program (or a bad disk) writes behind the window's back."""
    conn = sqlite3.connect(window.db.path)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        for sql in statements:
            conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


def finished_check(qtbot, dialog: CheckLibraryDialog) -> None:
    qtbot.waitUntil(lambda: dialog.op is not None and dialog.op.done, timeout=30_000)


# --- check library -----------------------------------------------------------------------
def test_check_of_a_sound_library_says_so_and_offers_no_repair(open_window, qtbot):
    window = open_window()
    dialog = window.safety.check_dialog()
    finished_check(qtbot, dialog)
    report = dialog.text.toPlainText()
    assert dialog.headline.text() == "No problem found."
    assert f"Library: {window.db.path}" in report
    for line in ("✓ SQLite's integrity check: no problem",
                 "✓ Foreign keys (rows whose parent row is gone): none",
                 "✓ Text that is not valid UTF-8: none",
                 "✓ Search index: agrees with the articles"):
        assert line in report
    assert not dialog.repair_button.isVisible() and dialog.copy_button.isEnabled()
    assert dialog.headline.textFormat() == Qt.TextFormat.PlainText
    dialog.close()


def test_check_finds_damage_and_repair_fixes_it_with_one_summary(open_window, qtbot, monkeypatch):
    window = open_window()
    info = highlight(window, "Ban Tổ chức", ["Cán bộ"], "ghi chú")
    highlight(window, "Trung ương", ["Đảng"])  # selected now: the note editor shows this one
    assert window.history.can_undo
    damage(window, f"UPDATE highlights SET note = CAST({BAD} AS TEXT) WHERE id = {info.id}",
           "INSERT INTO highlight_tags(highlight_id, tag_id) VALUES (99999, 1)")
    dialog = window.safety.check_dialog()
    finished_check(qtbot, dialog)
    report = dialog.text.toPlainText()
    # (English plural forms: "2 problem(s)" until `make translations`, then "2 problems".)
    assert re.fullmatch(r"2 problem(s|\(s\)) found\.", dialog.headline.text())
    assert re.search(r"✗ Foreign keys \(rows whose parent row is gone\): 1 orphaned row(\(s\))?\n", report)
    assert re.search(r"✗ Text that is not valid UTF-8: 1 value(\(s\))?\n", report)
    assert f"• table highlights, row {info.id}, column note: text that is not valid UTF-8" in report
    assert "• table highlight_tags, row" in report
    assert dialog.repair_button.isVisible() and dialog.repair_button.isEnabled()

    published = []
    window.bus.changed.connect(published.append)
    op = dialog.repair()
    qtbot.waitUntil(lambda: op.done, timeout=30_000)
    summary = dialog.summary_box
    assert summary is not None and summary.textFormat() == Qt.TextFormat.PlainText
    assert summary.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    [backup] = window.db.path.parent.glob("chugiai.before-repair-*.sqlite3")
    assert re.match(r"2 of 2 problem(s|\(s\)) repaired\.", summary.text()) and str(backup) in summary.text()
    assert "→ the bad bytes replaced by �" in dialog.text.toPlainText()
    assert "→ row removed" in dialog.text.toPlainText()
    # The views reloaded from the bus, not by hand; the undo steps were about the old rows.
    assert [c.reloaded for c in published] == [True]
    assert not window.history.can_undo
    assert window.service.get_highlight(info.id).note == "Hộ\ufffd"
    window.open_article(info.article_id)
    assert next(h for h in window.panel.model.highlights() if h.id == info.id).note == "Hộ\ufffd"
    summary.close()
    dialog.close()


def test_a_read_only_library_is_checked_but_not_repaired(open_window, qtbot, monkeypatch):
    window = open_window()
    highlight(window, "Ban Tổ chức", ["Cán bộ"])
    damage(window, "INSERT INTO highlight_tags(highlight_id, tag_id) VALUES (99999, 1)")
    dialog = CheckLibraryDialog(window.db.path, read_only=True, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    finished_check(qtbot, dialog)
    assert dialog.repair_button.isVisible() and not dialog.repair_button.isEnabled()
    assert "read-only" in dialog.repair_button.toolTip()


# --- automatic backups -------------------------------------------------------------------
def test_automatic_backups_every_30_minutes_of_changes_and_on_close(open_window, qtbot):
    window = open_window()
    auto = window.safety.auto
    folder = backups_dir(window.db.path)
    assert auto.timer.isActive() and auto.timer.interval() == 30 * 60 * 1000
    auto.periodic()  # nothing changed yet: no copy
    assert auto.job is None and list_backups(folder) == []

    highlight(window, "Ban Tổ chức", ["Cán bộ"])
    assert auto.dirty
    auto.timer.timeout.emit()  # as the timer does after 30 minutes
    assert auto.job is not None  # in the background, not on the GUI thread
    qtbot.waitUntil(lambda: auto.job is None, timeout=30_000)
    [periodic] = list_backups(folder)
    assert periodic.reason == PERIODIC and not auto.dirty
    conn = sqlite3.connect(periodic.path)
    assert conn.execute("SELECT count(*) FROM highlights").fetchone()[0] == 1
    conn.close()

    auto.periodic()  # no change since: no new copy
    assert len(list_backups(folder)) == 1
    highlight(window, "Trung ương", ["Đảng"])
    window.close()  # closes after changes: one more copy, waited for
    assert len(list_backups(folder)) == 2
    [on_close] = [b for b in list_backups(folder) if b.reason == CLOSE]  # (the same second, maybe)
    conn = sqlite3.connect(on_close.path)
    assert conn.execute("SELECT count(*) FROM highlights").fetchone()[0] == 2
    conn.close()


def test_turned_off_there_are_no_automatic_backups(open_window, qtbot):
    window = open_window()
    window.safety.apply_choices(backups_on=False, sync_full=False)
    assert not window.safety.auto.timer.isActive()
    highlight(window, "Ban Tổ chức", ["Cán bộ"])
    window.safety.auto.periodic()
    window.close()
    assert list_backups(backups_dir(window.db.path)) == []
    assert window.settings.value(auto_backups.BACKUPS_KEY, type=bool) is False


def test_a_failed_backup_is_said_in_the_status_bar_and_tried_again(open_window, qtbot, monkeypatch):
    window = open_window()
    highlight(window, "Ban Tổ chức", ["Cán bộ"])

    def fail(*_a, **_k):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(auto_backups, "auto_backup", fail)
    window.safety.auto.periodic()
    qtbot.waitUntil(lambda: window.safety.auto.job is None, timeout=30_000)
    assert window.statusBar().currentMessage().startswith("Automatic backup failed:")
    assert window.safety.auto.dirty  # the next chance tries again


# --- restore -----------------------------------------------------------------------------
def test_restore_lists_backups_newest_first_and_restores_through_the_bus(open_window, qtbot, monkeypatch):
    window = open_window()
    kept = highlight(window, "Ban Tổ chức", ["Giữ lại"])
    older = auto_backup(window.db, reason=PERIODIC, now=datetime.now() - timedelta(minutes=30))
    lost = highlight(window, "Trung ương", ["Sẽ mất"])
    assert lost.id in [h.id for h in window.panel.model.highlights()]
    newer = auto_backup(window.db, reason=CLOSE)

    dialog = RestoreDialog(backups_dir(window.db.path), list_backups(backups_dir(window.db.path)), window)
    qtbot.addWidget(dialog)
    assert [dialog.model.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(2)] == [newer, older]
    qtbot.waitUntil(lambda: dialog.model.index(1, 3).data() not in ("…", None), timeout=30_000)
    articles = window.article_model.rowCount()
    assert dialog.model.index(1, 3).data() == str(articles)
    assert dialog.model.index(1, 1).data() == "while working" and dialog.model.index(0, 1).data() == "on closing"
    dialog.table.selectRow(1)
    assert dialog.choice() == (older.path, older)

    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box) or QMessageBox.StandardButton.Yes)
    safety = window.safety.confirm_restore(older.path, older, articles)
    [question] = asked
    assert safety is not None and safety.parent == window.db.path.parent
    assert str(safety) in question.text() and str(older.path) in question.text()
    assert f"({articles} articles)" in question.text()
    assert question.textFormat() == Qt.TextFormat.PlainText
    assert question.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse

    published = []
    window.bus.changed.connect(published.append)
    op = window.safety.restore_from(older.path, safety)
    qtbot.waitUntil(lambda: op.done, timeout=30_000)
    assert [c.reloaded for c in published] == [True]
    assert {t.name for t in window.service.list_tags()} == {"Giữ lại"}
    # The open article's cards reloaded: the highlight made after the backup is gone.
    shown = [kept.id] if window.current.id == kept.article_id else []
    assert [h.id for h in window.panel.model.highlights()] == shown
    window.open_article(kept.article_id)
    assert [h.id for h in window.panel.model.highlights()] == [kept.id]
    assert {c.name for c in window.panel.tag_model.rows()} == {"Giữ lại"}
    assert not window.history.can_undo
    done = window.safety.dialog
    assert str(safety) in done.text() and done.textFormat() == Qt.TextFormat.PlainText
    assert done.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert safety.exists()
    done.close()


def test_restore_from_something_that_is_not_a_library_says_so(open_window, qtbot, tmp_path):
    window = open_window()
    junk = tmp_path / "không phải.sqlite3"
    junk.write_bytes(b"junk" * 500)
    op = window.safety.restore_from(junk)
    qtbot.waitUntil(lambda: op.done, timeout=30_000)
    box = window.safety.dialog
    assert "nothing was restored" in box.text() and str(junk) in box.text()
    assert window.article_model.rowCount() > 0  # the library is as it was
    box.close()


# --- synchronous=FULL --------------------------------------------------------------------
def test_synchronous_full_is_a_window_setting_applied_when_the_library_opens(open_window, data_dir):
    window = open_window()
    assert window.db.synchronous == "NORMAL"
    window.safety.apply_choices(backups_on=True, sync_full=True)
    assert window.db.synchronous == "FULL" and window.settings.value(SYNC_FULL_KEY, type=bool)
    window.close()
    # Someone sets it back with the library alone (CLI, another computer): the window's
    # setting is applied again when the library is opened in it.
    window.db.set_synchronous("NORMAL")
    again = open_window()
    assert again.db.synchronous == "FULL" and get_state(again.db, SYNCHRONOUS_KEY) == "FULL"


def test_the_settings_dialog_shows_the_choices_and_where_backups_go(open_window, qtbot):
    window = open_window()
    auto_backup(window.db)
    folder = backups_dir(window.db.path)
    dialog = SafetySettingsDialog(True, False, folder, list_backups(folder), 2_500_000, parent=window)
    qtbot.addWidget(dialog)
    assert dialog.choices() == (True, False)
    assert dialog.folder.text() == str(folder) and dialog.folder.textFormat() == Qt.TextFormat.PlainText
    dialog.sync_full.setChecked(True)
    dialog.backups.setChecked(False)
    assert dialog.choices() == (False, True)
    read_only = SafetySettingsDialog(True, False, folder, [], 0, read_only=True, parent=window)
    qtbot.addWidget(read_only)
    assert not read_only.backups.isEnabled() and not read_only.sync_full.isEnabled()
