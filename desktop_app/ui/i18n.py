"""The interface language: English (the source strings) or Vietnamese, from Qt .qm files.

The choice is a QSettings value ("ui/language": "" follows the system, "en", "vi"); the
environment variable CHUGIAI_LANG overrides it (tests, screenshots). Widgets read their
texts when they are built, so a new choice takes effect at the next start.

resources/translations/ holds chugiai_vi.qm (our strings, from chugiai_vi.ts: `make
translations`) and chugiai_qt_vi.qm, a few of Qt's own strings (standard dialog buttons,
the text fields' context menu): Qt ships no qtbase_vi.qm. Should a Qt build ship one, it
is installed too, and is searched before ours.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from desktop_app import paths

log = logging.getLogger(__name__)

LANGUAGE_KEY = "ui/language"
LANGUAGE_ENV = "CHUGIAI_LANG"
SOURCE_LANGUAGE = "en"  # the strings in the code: no translator needed
TRANSLATED = ("vi",)  # languages with a resources/translations/chugiai_<lang>.qm

# Installed by install_translator; kept referenced here so that Python does not delete
# them, and removed by the next call (make_application may run more than once).
_installed: list[QTranslator] = []
_current = SOURCE_LANGUAGE


def available_languages() -> list[tuple[str, str]]:
    """(code, name) for the settings: "" follows the system; languages in their own name."""
    return [
        ("", QCoreApplication.translate("Languages", "System default")),
        ("en", "English"),
        ("vi", "Tiếng Việt"),
    ]


def chosen_language(settings: QSettings) -> str:
    """The language chosen in the settings: "en", "vi", or "" (follow the system)."""
    value = settings.value(LANGUAGE_KEY, "")
    code = _language_code(value if isinstance(value, str) else "")
    return code if code in {c for c, _ in available_languages()} else ""


def requested_language(settings: QSettings) -> str:
    """CHUGIAI_LANG if set, else the settings' choice ("" = follow the system)."""
    return os.environ.get(LANGUAGE_ENV, "").strip() or chosen_language(settings)


def resolve_language(language: str | None) -> str:
    """The language the interface will use for a choice: "vi" or "en". Empty or None
    follows the system; a language we have no translation for falls back to English."""
    code = _language_code(language or "")
    if not code:
        return system_language()
    return code if code in TRANSLATED else SOURCE_LANGUAGE


def system_language() -> str:
    """The first of the user's preferred languages that we have: "vi" or "en".

    Walks QLocale.system().uiLanguages() in order, so a user who prefers English and
    also lists Vietnamese gets English, and one who lists French then Vietnamese gets
    Vietnamese. Nothing we have: English.
    """
    for tag in _system_ui_languages():
        code = _language_code(tag)
        if code == SOURCE_LANGUAGE or code in TRANSLATED:
            return code
    return SOURCE_LANGUAGE


def number(n: int) -> str:
    """A count as the interface's locale writes it: "1,234" in English, "1.234" in Vietnamese
    (install_translator sets the default locale)."""
    return QLocale().toString(n)


def current_language() -> str:
    """The language install_translator last put in place ("en" before any call)."""
    return _current


def translations_dir() -> Path:
    return paths.resources_dir() / "translations"


def install_translator(app: QCoreApplication, language: str | None = None) -> str:
    """Install the translators for `language` (None or "": the system's); returns the
    language actually used, "en" when there is nothing to install or a file is missing.
    Translators from an earlier call are removed first."""
    global _current
    remove_translators(app)
    used = resolve_language(language)
    if used == SOURCE_LANGUAGE:
        # English needs only its plural forms: the code says "%n highlight(s)" and Qt picks
        # "1 highlight" or "2 highlights" from chugiai_en.qm (make translations fills it).
        plurals = _load(translations_dir() / f"chugiai_{SOURCE_LANGUAGE}.qm")
        if plurals is not None:
            _install(app, plurals)
        _current = SOURCE_LANGUAGE
        return _current
    ours = _load(translations_dir() / f"chugiai_{used}.qm")
    if ours is None:
        log.warning("no translation for %r in %s: the interface stays in English", used, translations_dir())
        _current = SOURCE_LANGUAGE
        return _current
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    # Installed last is searched first: ours, then Qt's own file, then our stopgap for it.
    for path in (translations_dir() / f"chugiai_qt_{used}.qm", qt_dir / f"qtbase_{used}.qm"):
        qt_translator = _load(path)
        if qt_translator is not None:
            _install(app, qt_translator)
    _install(app, ours)
    # Numbers and dates in the language of the interface: "1.234", Vietnamese month names.
    QLocale.setDefault(QLocale(used))
    _current = used
    return _current


def remove_translators(app: QCoreApplication) -> None:
    """Take out what install_translator put in (tests go back to English with this)."""
    global _current
    while _installed:
        app.removeTranslator(_installed.pop())
    QLocale.setDefault(QLocale.system())
    _current = SOURCE_LANGUAGE


def _install(app: QCoreApplication, translator: QTranslator) -> None:
    app.installTranslator(translator)
    _installed.append(translator)


def _load(path: Path) -> QTranslator | None:
    # A full path: QTranslator.load(name, directory) would also try shorter names.
    if not path.is_file():
        return None
    translator = QTranslator()
    if not translator.load(str(path)):
        log.warning("could not load the translation %s", path)
        return None
    return translator


def _system_ui_languages() -> list[str]:
    return QLocale.system().uiLanguages()


def _language_code(tag: str) -> str:
    """"vi-VN", "vi_VN.UTF-8", "vi-Latn-VN", "VI" -> "vi"; "" -> ""."""
    return re.split(r"[-_.@]", tag.strip().lower(), maxsplit=1)[0]
