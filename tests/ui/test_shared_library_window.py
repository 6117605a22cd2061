"""The window on a shared library (issue 17), on the real test server: opened at start, the
sample articles imported there, a highlight made through the window landing in the server's
tables, File -> Open shared library… building the URL, a wrong password and an unreachable
server said in words, and the way back to the local library."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from sqlalchemy import create_engine, text

from desktop_app.core.storage import passwords
from desktop_app.core.storage.shared_access import PASSWORD, UNREACHABLE, ServerAddress, open_shared
from desktop_app.ui.app import make_application
from desktop_app.ui.dialogs.shared_library_dialog import SharedLibraryDialog
from desktop_app.ui.library.article_list import ID_ROLE
from desktop_app.ui.window.shared_library import RECENT_KEY
from desktop_app.ui.window.single_instance import LOCK_NAME, SingleInstance
from desktop_app.ui.window_host import LOCAL, QUIT, RETRY, WindowHost
from tests.conftest import SEEDS
from tests.core.test_passwords import FileKeyring, password_role
from tests.postgres_server import postgres_database_url, postgres_server, postgres_url  # noqa: F401
from tests.ui.test_app_faults import when_dialog_visible

SEED_COUNT = len(list(SEEDS.glob("*.txt")))


@pytest.fixture
def host(qtbot, tmp_path: Path):
    """A window host on a data folder of its own (its local library), settings in an ini file."""
    make_application()
    directory = tmp_path / "data"
    directory.mkdir()
    instance = SingleInstance(directory)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    made = WindowHost(directory, instance, settings, start_worker=False)
    yield made
    made.close()
    instance.release()


def show(host: WindowHost, opened, qtbot):
    window = host.build(opened.db)
    host.adopt(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def server_rows(url: str, sql: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def when_dialog(answer) -> QTimer:
    """Run `answer(dialog)` once the shared-library dialog shows (it blocks in exec())."""
    return when_dialog_visible(answer, SharedLibraryDialog)


def test_the_window_opens_on_a_shared_library_and_highlights_land_on_the_server(
        host: WindowHost, qtbot, postgres_database_url: str, tmp_path: Path) -> None:  # noqa: F811
    opened = host.open_shared_at_start(postgres_database_url, ask=lambda *_: pytest.fail("no question"))
    window = show(host, opened, qtbot)
    assert window.db.on_server and not host.instance.held  # no lock on the local data folder
    assert not (host.directory / LOCK_NAME).exists()
    assert window.article_model.rowCount() == SEED_COUNT  # the sample articles, imported there
    label = ServerAddress.from_url(postgres_database_url)[0].label
    assert f"Shared: {label}" in window.windowTitle()
    assert window.shared.label.text() == f"Shared: {label}"
    a = window.commands
    for action in (a.act_restore, a.act_check, a.act_safety_settings):
        assert not action.isEnabled() and "server" in action.toolTip()
    assert a.act_backup.isEnabled() and window.shared.act_open_local.isEnabled()
    assert not window.safety.auto.enabled  # no automatic copies beside a file
    assert window.safety.check_dialog() is None  # a shortcut reaching it does nothing

    phrase = "Hà Nội"
    for row in range(window.article_model.rowCount()):
        window.library.select_article(window.article_model.index(row).data(ID_ROLE))
        if window.current is not None and phrase in window.current.text:
            break
    start = window.current.text.index(phrase)
    window.reader.select_offsets(start, start + len(phrase))
    window.panel.tagClicked.emit("Địa danh")  # as a click on the palette chip would
    assert [h.quote for h in window.panel.model.highlights()] == [phrase]
    assert server_rows(postgres_database_url, "SELECT h.start, h.\"end\", t.name FROM highlights h "
                       "JOIN highlight_tags ht ON ht.highlight_id = h.id JOIN tags t ON t.id = ht.tag_id") == [
        (start, start + len(phrase), "Địa danh")]

    # The article read is remembered for this library only (ids of another name other articles).
    assert host.settings.value("reader/last_article") is None
    assert int(host.settings.value(window.shared.key("reader/last_article"))) == window.current.id

    copy = tmp_path / "copy.sqlite3"
    assert window.backup_to(copy)  # File -> Back up… works on a shared library
    assert copy.exists()


def test_open_shared_library_builds_the_url_opens_it_and_returns_to_the_local_library(
        host: WindowHost, qtbot, postgres_server, tmp_path: Path) -> None:  # noqa: F811
    opened = host.open_local_library()
    first = show(host, opened, qtbot)
    assert host.instance.held and not first.shared.act_open_local.isEnabled()
    assert "Shared" not in first.windowTitle()
    url = postgres_server.create_database("window_shared")
    address = ServerAddress.from_url(url)[0]
    built: list[str] = []

    def answer(dialog: SharedLibraryDialog) -> None:
        dialog.host.setText(address.host)
        dialog.port.setValue(address.port)
        dialog.database.setText(address.database)
        dialog.user.setText(address.user)
        dialog.sslmode.setCurrentIndex(dialog.sslmode.findData("disable"))
        built.append(dialog.url())
        dialog.buttons.button(QDialogButtonBox.StandardButton.Open).click()

    timer = when_dialog(answer)
    assert first.shared.open_dialog()
    timer.stop()
    assert built == [f"postgresql://{address.user}@{address.host}:{address.port}/{address.database}?sslmode=disable"]
    qtbot.waitUntil(lambda: host.switches == 1)
    second = host.window
    assert second is not first and second.db.on_server and second.isVisible() and not first.isVisible()
    assert second.article_model.rowCount() == SEED_COUNT
    assert not host.instance.held  # the local library is free while the window shows the shared one
    assert host.settings.value(RECENT_KEY) == [built[0]]

    second.shared.act_open_local.trigger()  # File -> Open my local library
    qtbot.waitUntil(lambda: host.switches == 2)
    third = host.window
    assert not third.db.on_server and third.db.location == first.db.location
    assert host.instance.held and "Shared" not in third.windowTitle()
    assert third.shared.act_open_shared.isEnabled()

    recent = third.shared.menu_recent  # File -> Open recent shared library -> the one above
    assert recent.menuAction().isEnabled()
    recent.aboutToShow.emit()
    [item] = recent.actions()
    assert item.text() == address.label
    item.trigger()
    qtbot.waitUntil(lambda: host.switches == 3)
    assert host.window.db.on_server and host.window.article_model.rowCount() == SEED_COUNT


def test_a_wrong_password_and_an_unreachable_server_are_said_and_a_remembered_password_is_kept_safe(
        host: WindowHost, qtbot, postgres_server, tmp_path: Path) -> None:  # noqa: F811
    import keyring

    url = password_role(postgres_server, "coder_window", "đúng")
    before = keyring.get_keyring()
    ring = FileKeyring(tmp_path / "keyring.json")
    keyring.set_keyring(ring)
    try:
        window = show(host, host.open_local_library(), qtbot)
        seen: list[str] = []

        def answer(dialog: SharedLibraryDialog) -> None:
            assert dialog.remember.isChecked() and "keyring" in dialog.remember.text()
            assert dialog.fill(url)
            dialog.password.setText("sai")
            open_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Open)
            open_button.click()
            seen.append(dialog.problem.text())
            dialog.port.setValue(1)  # nobody listens there
            open_button.click()
            seen.append(dialog.problem.text())
            assert dialog.isVisible()  # still there, to correct the address
            dialog.port.setValue(postgres_server.port)
            dialog.password.setText("đúng")
            open_button.click()

        timer = when_dialog(answer)
        assert window.shared.open_dialog()
        timer.stop()
        assert "did not accept the password" in seen[0] and "password authentication failed" in seen[0]
        assert "cannot be reached" in seen[1] and "đúng" not in "".join(seen)
        qtbot.waitUntil(lambda: host.switches == 1)
        assert host.window.db.on_server
        assert passwords.password_from_keyring(url) == "đúng"
        host.settings.sync()
        assert "đúng" not in (tmp_path / "settings.ini").read_text(encoding="utf-8")
    finally:
        keyring.set_keyring(before)


def test_a_pasted_url_fills_the_fields_and_its_password_is_hidden(host: WindowHost, qtbot) -> None:
    window = show(host, host.open_local_library(), qtbot)
    dialog = window.shared.make_dialog()
    open_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Open)
    assert not open_button.isEnabled()  # nothing typed yet
    qtbot.keyClicks(dialog.paste, "postgres://minh:b%C3%AD@db.example.org:6543/nhom?sslmode=require&sslrootcert=ca.pem")
    assert (dialog.host.text(), dialog.port.value(), dialog.database.text(), dialog.user.text()) == (
        "db.example.org", 6543, "nhom", "minh")
    assert dialog.password.text() == "bí"
    dialog.paste.editingFinished.emit()  # the user leaves the box
    assert "b%C3%AD" not in dialog.paste.text() and dialog.password.text() == "bí"
    assert dialog.sslmode.currentData() == "require" and open_button.isEnabled()
    assert dialog.url() == "postgresql://minh@db.example.org:6543/nhom?sslmode=require&sslrootcert=ca.pem"
    dialog.paste.clear()
    qtbot.keyClicks(dialog.paste, "/home/minh/lib.sqlite3")
    assert dialog.problem.isHidden()  # while it is typed, nothing is wrong yet
    dialog.paste.editingFinished.emit()
    assert not dialog.problem.isHidden() and "not a PostgreSQL URL" in dialog.problem.text()
    dialog.deleteLater()


def test_no_keyring_offers_the_password_file(host: WindowHost, qtbot, monkeypatch) -> None:
    import keyring
    from keyring.backends import fail

    monkeypatch.setenv("PGPASSFILE", str(host.directory / "pgpass"))
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        window = show(host, host.open_local_library(), qtbot)
        dialog = window.shared.make_dialog()
        assert not dialog.remember.isChecked()
        assert str(host.directory / "pgpass") in dialog.remember.text()
        assert "0600" in dialog.where.text()
        dialog.deleteLater()
    finally:
        keyring.set_keyring(before)


def test_a_server_that_cannot_be_reached_at_start_offers_a_choice(host: WindowHost, qtbot,
                                                                   postgres_url: str) -> None:  # noqa: F811
    port = ServerAddress.from_url(postgres_url)[0].port
    dead = postgres_url.replace(f":{port}/", ":1/")
    asked: list[tuple[str, str]] = []

    def answers(*choices: str):
        queue = list(choices)
        return lambda problem, kind: (asked.append((problem, kind)), queue.pop(0))[1]

    assert host.open_shared_at_start(dead, ask=answers(RETRY, QUIT)) is None
    assert len(asked) == 2 and asked[0][1] == UNREACHABLE and "cannot be reached" in asked[0][0]
    opened = host.open_shared_at_start(dead, ask=answers(LOCAL))
    assert opened is not None and not opened.db.on_server and host.instance.held
    opened.db.close()


def test_the_start_up_box_words_the_choices(qtbot) -> None:
    from desktop_app.ui.window_host import ask_start

    make_application()
    offered: list[list[str]] = []

    def press_quit() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                offered.append([b.text() for b in widget.buttons()])
                next(b for b in widget.buttons() if b.text() == "Quit").click()

    timer = QTimer()
    timer.timeout.connect(press_quit)
    timer.start(20)
    assert ask_start("The server cannot be reached.", PASSWORD) == QUIT
    timer.stop()
    assert set(offered[0]) == {"Enter the password…", "Open my local library", "Quit"}


def test_the_command_line_opens_the_window_on_a_shared_library(
        qtbot, tmp_path: Path, postgres_database_url: str, monkeypatch) -> None:  # noqa: F811
    from desktop_app.cli import main
    from desktop_app.ui import app as app_module

    make_application()
    monkeypatch.setattr(app_module, "setup_logging", lambda: None)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # QSettings() of run_gui
    monkeypatch.setenv("CHUGIAI_LIBRARY", postgres_database_url)
    seen: list[str] = []
    timer = QTimer()

    def close_when_shown() -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.inherits("QMainWindow") and widget.isVisible():
                timer.stop()
                seen.append(widget.windowTitle())
                widget.close()

    timer.timeout.connect(close_when_shown)
    timer.start(50)
    assert main(["--data-dir", str(tmp_path / "data")]) == 0
    timer.stop()
    assert seen and "Shared: " in seen[0]
    db = open_shared(postgres_database_url)
    try:
        assert db.on_server
    finally:
        db.close()


def test_a_password_refused_at_start_is_asked_for_and_kept_when_asked(
        host: WindowHost, qtbot, postgres_server, tmp_path: Path, monkeypatch) -> None:  # noqa: F811
    import keyring
    from keyring.backends import fail

    url = password_role(postgres_server, "coder_start", "mở cửa")
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # no keyring: the password file is offered
    asked: list[str] = []
    problems: list[str] = []

    def answer(dialog: SharedLibraryDialog) -> None:
        assert dialog.user.text() == "coder_start" and dialog.password.text() == ""
        problems.append(dialog.problem.text())
        dialog.password.setText("sai rồi")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Open).click()
        problems.append(dialog.problem.text())
        dialog.password.setText("mở cửa")
        dialog.remember.setChecked(True)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Open).click()

    try:
        timer = when_dialog(answer)
        opened = host.open_shared_at_start(url, ask=lambda problem, kind: (asked.append(kind), RETRY)[1])
        timer.stop()
        assert asked == [PASSWORD] and opened is not None and opened.db.on_server
        assert "needs one" in problems[0] and "did not accept the password" in problems[1]
        opened.db.close()
        line = (tmp_path / "pgpass").read_text(encoding="utf-8")
        assert line.endswith(":coder_start:mở cửa\n")
        again = host.open_shared_at_start(url, ask=lambda *_: pytest.fail("libpq reads the password file"))
        again.db.close()
    finally:
        keyring.set_keyring(before)


@pytest.mark.slow
def test_segmentation_runs_in_the_window_on_a_shared_library(
        qtbot, tmp_path: Path, postgres_database_url: str) -> None:  # noqa: F811
    """The window segments a shared library's articles (claiming them, so the team does it
    once), and their words reach the server's word index."""
    from desktop_app.core.nlp import word_index
    from desktop_app.core.nlp.stored import articles_to_segment

    make_application()
    directory = tmp_path / "data"
    directory.mkdir()
    instance = SingleInstance(directory)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("segmentation/workers", 1)
    host = WindowHost(directory, instance, settings, start_worker=True)
    try:
        window = show(host, host.open_shared_at_start(postgres_database_url), qtbot)
        qtbot.waitUntil(lambda: window.seg_status.label.text() == "Word segmentation up to date", timeout=120_000)
        assert not window.segmentation_paused
        assert articles_to_segment(window.db) == []
        assert word_index.pending(window.db) == 0
        with window.db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM segment_claims").scalar() == 0  # all released
    finally:
        host.close()
        instance.release()


def test_the_local_library_held_by_another_copy_is_said_and_the_shared_window_stays(
        host: WindowHost, qtbot, postgres_database_url: str, monkeypatch) -> None:  # noqa: F811
    window = show(host, host.open_shared_at_start(postgres_database_url), qtbot)
    other = SingleInstance(host.directory)  # another copy, started meanwhile on the local library
    assert other.acquire()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    try:
        window.shared.act_open_local.trigger()
        assert len(shown) == 1 and "open in another copy of Chú Giải" in shown[0]
        assert str(host.directory) in shown[0]
        assert host.window is window and window.isVisible() and host.switches == 0
        assert window.db.on_server and not host.instance.held
    finally:
        other.release()
    window.shared.act_open_local.trigger()  # that copy has quit: now it opens
    qtbot.waitUntil(lambda: host.switches == 1)
    assert not host.window.db.on_server and host.instance.held
