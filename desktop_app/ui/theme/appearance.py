"""Reading comfort: the reader's font and line spacing, and the light or dark theme.

Kept in QSettings (they belong to this computer, not to the library): "reading/font_family",
"reading/font_size", "reading/line_spacing", "appearance/theme" ("system", "light",
"dark"). A stored value that is missing, out of range or names a font that is not
installed falls back to its default silently. CHUGIAI_THEME=light|dark overrides the
stored theme (screenshots, tests), as CHUGIAI_LANG does the language.

"system" follows QStyleHints.colorScheme() and its colorSchemeChanged signal at run time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

import shiboken6
from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop_app.ui.theme import style

FAMILY_KEY = "reading/font_family"
SIZE_KEY = "reading/font_size"
SPACING_KEY = "reading/line_spacing"
THEME_KEY = "appearance/theme"
THEME_ENV = "CHUGIAI_THEME"

SYSTEM, LIGHT, DARK = "system", style.LIGHT_NAME, style.DARK_NAME
THEME_CHOICES = (SYSTEM, LIGHT, DARK)
MIN_SIZE, MAX_SIZE = 10, 28  # points
MIN_SPACING, MAX_SPACING, SPACING_STEP = 100, 220, 10  # percent of the font's line height
DEFAULT_SPACING = 160


@dataclass(frozen=True)
class ReadingSettings:
    font_family: str
    font_size: int = style.READER_POINT_SIZE
    line_spacing: int = DEFAULT_SPACING
    theme: str = SYSTEM

    def font(self) -> QFont:
        return style.reader_font(self.font_size, self.font_family)


def defaults() -> ReadingSettings:
    return ReadingSettings(style.default_reader_family())


def vietnamese_families() -> list[str]:
    """Fonts that can show every Vietnamese letter, the default first (it may be missing from
    the list when fontconfig does not tag it, yet it is the face we ship the look for)."""
    default = style.default_reader_family()
    found = [f for f in QFontDatabase.families(QFontDatabase.WritingSystem.Vietnamese)
             if not QFontDatabase.isPrivateFamily(f)]
    return [default, *(f for f in found if f != default)]


def _int(value: object, low: int, high: int, default: int) -> int:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return default
    return number if low <= number <= high else default


def load(settings: QSettings) -> ReadingSettings:
    base = defaults()
    family = settings.value(FAMILY_KEY, "")
    if not (isinstance(family, str) and family in QFontDatabase.families()):
        family = base.font_family
    return ReadingSettings(
        font_family=family,
        font_size=_int(settings.value(SIZE_KEY), MIN_SIZE, MAX_SIZE, base.font_size),
        line_spacing=_int(settings.value(SPACING_KEY), MIN_SPACING, MAX_SPACING, base.line_spacing),
        theme=stored_theme(settings),
    )


def save(settings: QSettings, reading: ReadingSettings) -> None:
    settings.setValue(FAMILY_KEY, reading.font_family)
    settings.setValue(SIZE_KEY, reading.font_size)
    settings.setValue(SPACING_KEY, reading.line_spacing)
    settings.setValue(THEME_KEY, reading.theme)


def stored_theme(settings: QSettings) -> str:
    """The theme choice alone (make_application needs it before any widget exists)."""
    value = settings.value(THEME_KEY, SYSTEM)
    return value if value in THEME_CHOICES else SYSTEM


def requested_theme(choice: str) -> str:
    """CHUGIAI_THEME if it names a theme, else the choice."""
    forced = os.environ.get(THEME_ENV, "").strip().lower()
    return forced if forced in THEME_CHOICES else choice


def resolve_theme(choice: str, scheme: Qt.ColorScheme | None = None) -> str:
    """"light" or "dark" for a choice; "system" asks Qt (Unknown, e.g. offscreen: light)."""
    choice = requested_theme(choice)
    if choice in (LIGHT, DARK):
        return choice
    if scheme is None:
        scheme = QGuiApplication.styleHints().colorScheme()
    return DARK if scheme == Qt.ColorScheme.Dark else LIGHT


_applied: str | None = None  # the theme last put on the application


def apply_theme(app: QApplication, name: str) -> bool:
    """Put a theme ("light"/"dark") on the whole application: the style module's colours,
    the palette, the stylesheet. Returns False when it was already in place (re-polishing
    every widget for nothing costs a visible moment on a full window)."""
    global _applied
    if name == _applied and style.theme().name == name:
        return False
    style.set_theme(name)
    app.setStyle("Fusion")  # the one built-in style that draws everything from the palette
    app.setPalette(style.palette())
    app.setStyleSheet(style.stylesheet())
    _applied = name
    return True


def _ask_platform(choice: str) -> None:
    """An explicit choice also goes to the platform (dark window frames, native dialogs);
    "system" hands the decision back to it."""
    hints = QGuiApplication.styleHints()
    if choice == DARK:
        hints.setColorScheme(Qt.ColorScheme.Dark)
    elif choice == LIGHT:
        hints.setColorScheme(Qt.ColorScheme.Light)
    else:
        hints.unsetColorScheme()


class Appearance(QObject):
    """The reading settings in force: applies them to the application and to the readers
    attached, saves them, and follows the system's colour scheme when asked to."""

    changed = Signal()  # font, spacing or theme changed: readers have been updated

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._current = load(settings)
        self._readers: list = []
        # Bursts (a spin box held down) are applied once they stop: a 1 MB article takes
        # ~0.3 s to re-lay out.
        self._pending: ReadingSettings | None = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self._apply_pending)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.on_color_scheme_changed)
        _ask_platform(requested_theme(self._current.theme))
        self._apply(self._current)

    # --- what is in force --------------------------------------------------------------
    def current(self) -> ReadingSettings:
        return self._current

    def font(self) -> QFont:
        return self._current.font()

    def line_spacing(self) -> int:
        return self._current.line_spacing

    def effective_theme(self) -> str:
        return resolve_theme(self._current.theme)

    # --- changing it --------------------------------------------------------------------
    def set_current(self, reading: ReadingSettings, save_it: bool = True) -> None:
        """Apply now (and save unless previewing)."""
        self._debounce.stop()
        self._pending = None
        self._apply(reading)
        if save_it:
            save(self._settings, reading)

    def preview(self, reading: ReadingSettings) -> None:
        """Apply soon, without saving: the settings dialog while the user tries values."""
        self._pending = reading
        self._debounce.start()

    def bigger(self) -> None:
        self.set_current(replace(self._current, font_size=min(MAX_SIZE, self._current.font_size + 1)))

    def smaller(self) -> None:
        self.set_current(replace(self._current, font_size=max(MIN_SIZE, self._current.font_size - 1)))

    def reset_size(self) -> None:
        self.set_current(replace(self._current, font_size=defaults().font_size))

    def attach(self, reader) -> None:
        """A ReaderView to keep in step; given the current style at once."""
        self._readers.append(reader)
        reader.set_reading_style(self.font(), self.line_spacing())

    def on_color_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        """The system switched between light and dark: follow it if the choice is "system"."""
        if requested_theme(self._current.theme) != SYSTEM:
            return
        if apply_theme(QApplication.instance(), resolve_theme(SYSTEM, scheme)):
            self._update_readers()

    def _apply_pending(self) -> None:
        if self._pending is not None:
            reading, self._pending = self._pending, None
            self._apply(reading)

    def _apply(self, reading: ReadingSettings) -> None:
        theme_changed = reading.theme != self._current.theme
        self._current = reading
        if theme_changed:
            _ask_platform(requested_theme(reading.theme))
        apply_theme(QApplication.instance(), resolve_theme(reading.theme))
        self._update_readers()

    def _update_readers(self) -> None:
        self._readers = [r for r in self._readers if shiboken6.isValid(r)]  # closed windows go
        for reader in self._readers:
            reader.set_reading_style(self.font(), self.line_spacing())
        self.changed.emit()
