"""The interface in Vietnamese and English: choosing the language, the window in each, and
the translation files complete (every string translated, placeholders kept, .qm current)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.core.interchange.formats import FORMATS
from desktop_app.ui import i18n
from desktop_app.ui.app import make_application

REPO = Path(__file__).resolve().parents[2]
TRANSLATIONS = REPO / "resources" / "translations"
TS_FILES = sorted(TRANSLATIONS.glob("*.ts"))
PLACEHOLDER = re.compile(r"\{[A-Za-z0-9_]*\}|%L?\d+|%L?n")


def _tool(name: str) -> str | None:
    """pyside6-lupdate / pyside6-lrelease next to this Python (the venv), else on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


@pytest.fixture(autouse=True)
def back_to_english(monkeypatch):
    """Each test picks its language; afterwards the other tests get English again."""
    monkeypatch.delenv(i18n.LANGUAGE_ENV, raising=False)
    yield
    app = QApplication.instance()
    if app is not None:
        i18n.remove_translators(app)


def _settings(tmp_path: Path, language: str | None = None) -> QSettings:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    if language is not None:
        settings.setValue(i18n.LANGUAGE_KEY, language)
    return settings


def _menus(window) -> dict[str, list[str]]:
    return {
        a.text(): [x.text() for x in a.menu().actions() if not x.isSeparator()]
        for a in window.menuBar().actions()
    }


def _analysis() -> str:
    """The Analysis menu's title in the language installed (its translation may come later)."""
    return QCoreApplication.translate("AnalysisController", "&Analysis")


# --- the window in each language -------------------------------------------------------
def test_vietnamese_window(monkeypatch, open_window):
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "vi")
    make_application()
    assert i18n.current_language() == "vi"
    window = open_window()
    menus = _menus(window)
    assert list(menus) == ["&Tệp", "&Sửa", "&Xem", _analysis(), "Trợ &giúp"]
    assert "Nhập bài viết…" in menus["&Tệp"]
    assert "Xuất chú giải…" in menus["&Tệp"]
    assert "Sao lưu…" in menus["&Tệp"]
    assert window.commands.act_highlight.text() == "Đánh dấu và gắn nhãn…"
    assert window.library.count.text() == "5 bài viết"
    assert window.panel.editor.tags_button.text() == "Sửa nhãn…"
    # Qt's own strings: the standard buttons of a question.
    box = QMessageBox(QMessageBox.Icon.Question, "", "",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert sorted(b.text() for b in box.buttons()) == ["&Có", "&Không"]
    box.deleteLater()


def test_menu_accelerators_are_unique(monkeypatch, open_window):
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "vi")
    make_application()
    window = open_window()
    menus = [window.menuBar().actions()] + [a.menu().actions() for a in window.menuBar().actions()]
    for actions in menus:
        keys = [m.group(1).casefold() for a in actions if (m := re.search(r"&(\w)", a.text()))]
        assert len(keys) == len(set(keys)), [a.text() for a in actions]


def test_english_window(monkeypatch, open_window):
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "en")
    make_application()
    assert i18n.current_language() == "en"
    window = open_window()
    menus = _menus(window)
    assert list(menus) == ["&File", "&Edit", "&View", "&Analysis", "&Help"]
    assert "Import articles…" in menus["&File"]
    assert window.library.count.text() == "5 articles"


# --- choosing the language --------------------------------------------------------------
def test_unknown_language_falls_back_to_english(qapp):
    assert i18n.install_translator(qapp, "vi") == "vi"
    assert QCoreApplication.translate("MainWindow", "&File") == "&Tệp"
    assert i18n.install_translator(qapp, "xx") == "en"  # the Vietnamese one is gone too
    assert i18n.current_language() == "en"
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


@pytest.mark.parametrize(("preferred", "expected"), [
    (["vi-VN", "en-US"], "vi"),
    (["vi-Latn-VN", "vi"], "vi"),
    (["vi"], "vi"),
    (["en-US", "vi-VN"], "en"),  # prefers English, also reads Vietnamese
    (["fr-FR", "vi-VN"], "vi"),  # no French: the next language we have
    (["de-DE"], "en"),
    (["C"], "en"),
    ([], "en"),
])
def test_system_language(qapp, monkeypatch, preferred, expected):
    monkeypatch.setattr(i18n, "_system_ui_languages", lambda: preferred)
    assert i18n.install_translator(qapp, None) == expected
    assert i18n.install_translator(qapp, "") == expected


def test_settings_choice_and_environment_override(qapp, tmp_path, monkeypatch):
    assert i18n.chosen_language(_settings(tmp_path)) == ""
    for stored, chosen in (("vi", "vi"), ("vi_VN", "vi"), ("en", "en"), ("", ""), ("tlh", "")):
        assert i18n.chosen_language(_settings(tmp_path, stored)) == chosen
    settings = _settings(tmp_path, "vi")
    make_application(settings=settings)
    assert i18n.current_language() == "vi"
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "en")
    assert i18n.requested_language(settings) == "en"
    make_application(settings=settings)
    assert i18n.current_language() == "en"


def test_available_languages(qapp):
    assert i18n.available_languages() == [("", "System default"), ("en", "English"), ("vi", "Tiếng Việt")]
    i18n.install_translator(qapp, "vi")
    assert i18n.available_languages()[0] == ("", "Theo hệ thống")


# --- the translation files --------------------------------------------------------------
def _messages(ts: Path):
    """(context, source, [translations], type) of every message in a .ts file."""
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = [f.text or "" for f in translation.iter("numerusform")]
            if message.get("numerus") != "yes":
                forms = [translation.text or ""]
            yield name, message.findtext("source") or "", forms, translation.get("type")


def test_translation_files_exist():
    assert TRANSLATIONS / "chugiai_vi.ts" in TS_FILES
    assert (TRANSLATIONS / "chugiai_vi.qm").is_file()


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_every_string_is_translated(ts):
    problems = []
    for context, source, forms, kind in _messages(ts):
        if kind is not None:  # unfinished, vanished, obsolete
            problems.append(f"{context}: {source!r} is {kind}")
        elif source and not all(f.strip() for f in forms):
            problems.append(f"{context}: {source!r} has an empty translation")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_placeholders_and_accelerators_are_kept(ts):
    problems = []
    for context, source, forms, _ in _messages(ts):
        wanted = Counter(PLACEHOLDER.findall(source))
        for form in forms:
            if Counter(PLACEHOLDER.findall(form)) != wanted:
                problems.append(f"{context}: {source!r} -> {form!r}")
            if source.count("&") - source.count("&&") != form.count("&") - form.count("&&"):
                problems.append(f"{context}: accelerator {source!r} -> {form!r}")
    assert not problems, "\n".join(problems)


def test_export_formats_have_translations():
    """core's FORMATS labels and units are translated through export_dialog.FORMAT_TEXTS:
    a format added in core must be added there (and translated)."""
    sources = {s for c, s, _, _ in _messages(TRANSLATIONS / "chugiai_vi.ts") if c == "ExportDialog"}
    missing = {t for f in FORMATS.values() for t in (f.label, f.unit)} - sources
    assert not missing


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_qm_files_are_compiled_from_the_ts(ts, tmp_path):
    lrelease = _tool("pyside6-lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease not found")
    fresh = tmp_path / ts.with_suffix(".qm").name
    subprocess.run([lrelease, "-silent", str(ts), "-qm", str(fresh)], check=True)
    assert fresh.read_bytes() == ts.with_suffix(".qm").read_bytes(), "run `make translations`"


def test_ts_has_every_string_of_the_code(tmp_path):
    """lupdate over the code finds nothing new: every tr() string is in chugiai_vi.ts
    (and translated, by the tests above). Fix: `make translations`, then translate."""
    lupdate = _tool("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate not found")
    ts = tmp_path / "chugiai_vi.ts"
    shutil.copy(TRANSLATIONS / "chugiai_vi.ts", ts)
    sources = sorted(str(p) for p in [*(REPO / "desktop_app").glob("*.py"),
                                      *(REPO / "desktop_app" / "ui").rglob("*.py")])  # as `make translations`
    assert len(sources) > 40  # every UI module, in its subpackage too
    subprocess.run([lupdate, "-silent", *sources, "-no-obsolete", "-ts", str(ts)], check=True)
    new = [f"{c}: {s!r}" for c, s, _, kind in _messages(ts) if kind == "unfinished"]
    assert not new, "not in chugiai_vi.ts (run `make translations` and translate):\n" + "\n".join(new)


def test_the_view_menu_switches_the_language_from_the_next_start(open_window, data_dir):
    """View → Interface language stores the choice and says when it applies; the next
    start (make_application with those settings) is in Vietnamese."""
    make_application()
    window = open_window()
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    languages = next(a.menu() for a in view.actions() if a.text() == "Interface language")
    options = {a.text(): a for a in languages.actions()}
    assert list(options) == ["System default", "English", "Tiếng Việt"]
    assert options["System default"].isChecked()
    options["Tiếng Việt"].trigger()
    assert options["Tiếng Việt"].isChecked() and not options["System default"].isChecked()
    assert "from the next start" in window.statusBar().currentMessage()
    window.close()
    settings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
    assert i18n.chosen_language(settings) == "vi"
    make_application(settings=settings)
    assert i18n.current_language() == "vi"
    again = open_window()
    assert list(_menus(again)) == ["&Tệp", "&Sửa", "&Xem", _analysis(), "Trợ &giúp"]
