"""Help → Keyboard shortcuts: every menu command with its keys, read from the menus
themselves (so the list cannot go stale), plus the keys that belong to one widget."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

# Keys handled inside a widget rather than by a menu command.
# Translated where shown (ShortcutsDialog.tr).
WIDGET_KEYS = (
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Find bar"), "Enter / F3",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "Next match")),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Find bar"), "Shift+Enter / Shift+F3",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "Previous match")),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Find bar"), "Esc",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "Close the find bar")),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Highlight list"), "Delete",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "Delete the selected highlight (asks first)")),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Highlight list"), QT_TRANSLATE_NOOP("ShortcutsDialog", "Up / Down"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "Select the previous / next highlight; the reader follows")),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Reader"), QT_TRANSLATE_NOOP("ShortcutsDialog", "Double-click"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "Select a whole word (once segmentation is done)")),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Tag picker"), "Enter",
     QT_TRANSLATE_NOOP("ShortcutsDialog", "Add the typed tag, or accept")),
)


def menu_shortcuts(menu_bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu, keys, command) for every menu action that has a shortcut."""
    rows = []
    for menu_action in menu_bar.actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        for action in menu.actions():
            rows.extend(_rows(menu_action.text().replace("&", ""), action))
    return rows


def _rows(menu: str, action: QAction) -> list[tuple[str, str, str]]:
    if action.isSeparator() or action.shortcut().isEmpty():
        return []
    keys = " / ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())
    return [(menu, keys, action.text().replace("&", "").rstrip("…"))]


class ShortcutsDialog(QDialog):
    def __init__(self, menu_bar: QMenuBar, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(620, 560)
        rows = menu_shortcuts(menu_bar) + [(self.tr(w), self.tr(k), self.tr(c)) for w, k, c in WIDGET_KEYS]
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Where"), self.tr("Keys"), self.tr("Does")])
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        note = QLabel(self.tr("No command uses a bare letter, so typing Vietnamese with Unikey or "
                              "Telex never triggers one."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
