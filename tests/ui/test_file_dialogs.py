"""File dialogs start in the user's Documents (or home) the first time, never in the
process's working folder, and then where the user last went for that kind of file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from desktop_app.ui.common import file_dialogs


@pytest.fixture
def home(tmp_path: Path, monkeypatch) -> Path:
    """A fresh home folder (Qt reads HOME and the XDG folders at each call)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    return home


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_first_time_documents_else_home_never_the_working_folder(home, settings, qapp) -> None:
    assert file_dialogs.start_folder(settings, "articles") == home
    (home / "Documents").mkdir()
    assert file_dialogs.start_folder(settings, "articles") == home / "Documents"
    assert file_dialogs.start_folder(settings, "articles") != Path.cwd()
    assert file_dialogs.start_path(settings, "backups", "b.sqlite3") == str(home / "Documents" / "b.sqlite3")


def test_each_kind_remembers_its_own_folder(home, settings, tmp_path, qapp) -> None:
    downloads, stick = tmp_path / "Downloads", tmp_path / "stick"
    downloads.mkdir()
    stick.mkdir()
    (downloads / "bai.txt").write_text("x", encoding="utf-8")
    file_dialogs.remember(settings, "articles", downloads / "bai.txt")  # a file: its folder
    file_dialogs.remember(settings, "backups", stick / "not-yet-written.sqlite3")  # a new file too
    file_dialogs.remember(settings, "annotations", "")  # cancelled: nothing
    assert file_dialogs.start_folder(settings, "articles") == downloads
    assert file_dialogs.start_folder(settings, "backups") == stick
    assert file_dialogs.start_folder(settings, "annotations") == home
    # Kept in the settings file, so the next start of the app opens there too.
    settings.sync()
    again = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    assert file_dialogs.start_folder(again, "articles") == downloads


def test_a_remembered_folder_that_is_gone_falls_back(home, settings, tmp_path, qapp) -> None:
    gone = tmp_path / "unplugged"
    gone.mkdir()
    file_dialogs.remember(settings, "backups", gone)
    gone.rmdir()
    assert file_dialogs.start_folder(settings, "backups") == home
    settings.setValue("dialogs/backups", 42)  # a hand-edited settings file
    assert file_dialogs.start_folder(settings, "backups") == home


def test_the_window_backs_up_where_it_last_did_and_restores_from_there(home, open_window, monkeypatch,
                                                                       tmp_path) -> None:
    window = open_window()
    asked: list[str] = []
    target = tmp_path / "stick" / "backup.sqlite3"
    target.parent.mkdir()

    def save(_parent, _title, directory, _filters):
        asked.append(directory)
        return str(target), ""

    def open_one(_parent, _title, directory, _filters):
        asked.append(directory)
        return "", ""  # cancelled

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(open_one))
    window.files.backup_dialog()
    assert target.exists()
    from desktop_app.ui.dialogs.restore_dialog import RestoreDialog

    restore = RestoreDialog(tmp_path, [], window, window.settings)
    restore.other_button.click()  # "Other file…": the backups folder, remembered
    restore.deleteLater()
    window.files.import_annotations_dialog()  # another kind: still the default
    assert Path(asked[0]).parent == home and Path(asked[0]).name.startswith("chu-giai-")
    assert asked[1:] == [str(target.parent), str(home)]
