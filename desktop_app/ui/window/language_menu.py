"""View → Interface language: follow the system, English or Tiếng Việt.

Widgets take their texts when they are built, so a new choice is stored now and used from
the next start (i18n.py); the window says so rather than half-translating itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from desktop_app.ui import i18n


class LanguageMenu(QMenu):
    def __init__(self, settings: QSettings, notify: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Interface language"), parent)
        self._settings = settings
        self._notify = notify
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        chosen = i18n.chosen_language(settings)
        for code, name in i18n.available_languages():
            action = QAction(name, self)
            action.setCheckable(True)
            action.setChecked(code == chosen)
            action.setData(code)
            self._group.addAction(action)
            self.addAction(action)
        self._group.triggered.connect(self._choose)

    def _choose(self, action: QAction) -> None:
        code = action.data() or ""
        self._settings.setValue(i18n.LANGUAGE_KEY, code)
        self._settings.sync()
        if i18n.resolve_language(code) != i18n.current_language():
            self._notify(self.tr("The interface will be in %1 from the next start of Chú Giải.")
                         .replace("%1", action.text()))
