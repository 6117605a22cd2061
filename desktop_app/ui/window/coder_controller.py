"""The current coder and whose work the window shows.

The status bar names the current coder (click: Edit → Coder…); View → Coders shows every
coder's work, only mine, or chosen coders', and *Blind coding* hides other coders' work
until it is turned off. Both choices are kept in the settings per library file and applied
when the library opens. The first start of a library that has only its first coder (named
after the system user) proposes that name, to keep or change.

Core does the work: `use_coder` / `rename_coder` (core/library/coders.py), the session's
coder filter (ReadingSession.show_coders) and CoderView (core/library/coder_view.py).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.library.coder_view import CoderView
from desktop_app.core.library.coders import CoderError, coder_names, list_coders, use_coder
from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.server_writes import use_coder_logged
from desktop_app.core.storage.database import DatabaseError
from desktop_app.ui import wording
from desktop_app.ui.common import plain_text
from desktop_app.ui.common.coder_look import CoderLook
from desktop_app.ui.dialogs.coder_dialog import CoderDialog

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow


def settings_key(db_path: str | Path, what: str) -> str:
    """A settings key of this library file ("/" in a path would make QSettings groups)."""
    digest = hashlib.sha1(str(Path(db_path).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"coders/{digest}/{what}"


class CoderController(QObject):
    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        self.view = CoderView()
        self.look = CoderLook()
        self.button = QToolButton()
        self.button.setObjectName("coderButton")
        self.button.setAutoRaise(True)
        self.button.setToolTip(self.tr("The current coder: click to choose another (Edit → Coder…)"))
        self.button.clicked.connect(self.choose)
        self.banner = self._make_banner()
        self.act_coder = QAction(self.tr("Coder…"), w)
        self.act_coder.triggered.connect(lambda _checked=False: self.choose())
        self.menu = self._make_menu()
        w.bus.changed.connect(self._on_changes)

    # --- widgets ------------------------------------------------------------------------
    def _make_banner(self) -> QWidget:
        """The first start's proposal, in the status bar: keep the system user's name or change it."""
        banner = QWidget()
        layout = QHBoxLayout(banner)
        layout.setContentsMargins(0, 0, 0, 0)
        self.banner_label = plain_text.plain_label()
        keep, change = QToolButton(), QToolButton()
        keep.setText(self.tr("Keep"))
        change.setText(self.tr("Change…"))
        keep.clicked.connect(self.keep_proposed)
        change.clicked.connect(self.choose)
        for widget in (self.banner_label, keep, change):
            layout.addWidget(widget)
        banner.setVisible(False)
        return banner

    def _make_menu(self) -> QMenu:
        menu = QMenu(self.tr("Coders"), self.w)
        group = QActionGroup(self)
        self.act_all = QAction(self.tr("Every coder's work"), self)
        self.act_mine = QAction(self.tr("Only my work"), self)
        self.act_chosen = QAction(self.tr("Chosen coders…"), self)
        for action, mode in ((self.act_all, "all"), (self.act_mine, "mine"), (self.act_chosen, "chosen")):
            action.setCheckable(True)
            group.addAction(action)
            menu.addAction(action)
            action.triggered.connect(lambda _checked=False, mode=mode: self.show_mode(mode))
        menu.addSeparator()
        self.act_blind = QAction(self.tr("Blind coding (hide other coders' work)"), self)
        self.act_blind.setCheckable(True)
        self.act_blind.setToolTip(self.tr("Code independently: other coders' highlights and whole-article "
                                          "codes stay hidden until you turn this off"))
        self.act_blind.triggered.connect(self.set_blind)
        menu.addAction(self.act_blind)
        return menu

    def add_to_status_bar(self) -> None:
        bar = self.w.statusBar()
        bar.addWidget(self.banner)
        bar.addPermanentWidget(self.button)

    # --- settings: per library file -----------------------------------------------------------
    def _key(self, what: str) -> str:
        return settings_key(self.w.db.path, what)

    def restore(self) -> None:
        """The coder and the view stored for this library, applied; on a first start (no
        choice stored, one coder) the proposal to keep the system user's name shows."""
        w = self.w
        name = w.settings.value(self._key("name"))
        if isinstance(name, str) and name:
            try:
                use_coder(w.db, name)
            except (CoderError, DatabaseError):
                w.db.coder_id = 1  # a read-only library without that coder: its first one
        self.view = CoderView.from_text(w.settings.value(self._key("view")))
        first_start = not name and not w.db.read_only and len(list_coders(w.db)) == 1
        self.apply()
        if first_start:
            self.banner_label.setText(self.tr("You are coding as “%1” (your system user name).")
                                      .replace("%1", self.look.name(w.db.coder_id)))
        self.banner.setVisible(first_start)

    def keep_proposed(self) -> None:
        self.w.settings.setValue(self._key("name"), self.look.name(self.w.db.coder_id))
        self.banner.setVisible(False)

    # --- the current coder ----------------------------------------------------------------
    def choose(self) -> None:
        w = self.w
        dialog = CoderDialog(list_coders(w.db), w.db.coder_id, self._rename, lambda: list_coders(w.db),
                             w.db.read_only, w)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        name = dialog.chosen_name()
        dialog.deleteLater()
        self.apply()  # a rename shows at once, chosen or not
        if accepted and name:
            self.switch_to(name)

    def _rename(self, coder_id: int, name: str) -> str:
        try:
            changes = self.w.ops.rename_coder(coder_id, name)  # undoable
        except (CoderError, DatabaseError) as e:
            return wording.error_text(e)
        self.w.bus.publish(changes)  # apply() keeps the stored name in step
        return ""

    def switch_to(self, name: str) -> bool:
        """Make `name` the current coder (a new name adds a coder); False, after saying why, if refused."""
        w = self.w
        w.panel.editor.flush_note()  # a pending edit is the previous coder's
        w.panel.flush_memo()
        try:
            info = use_coder_logged(w.db, name)
        except (CoderError, DatabaseError) as e:
            plain_text.warn(w, self.tr("Could not change the coder"), wording.error_text(e))
            return False
        w.history.seal()
        w.settings.setValue(self._key("name"), info.name)
        self.banner.setVisible(False)
        self.apply()
        w.statusBar().showMessage(self.tr("Now coding as “%1”").replace("%1", info.name), 5000)
        return True

    # --- whose work is shown ----------------------------------------------------------------
    def show_mode(self, mode: str) -> None:
        chosen = self.view.chosen
        if mode == "chosen":
            picked = self._pick_coders()
            if picked is None:
                self._check_actions()  # cancelled: the menu shows the view as it was
                return
            chosen = picked
        self.set_view(CoderView(mode, chosen, self.view.blind))

    def set_blind(self, on: bool) -> None:
        self.set_view(CoderView(self.view.mode, self.view.chosen, bool(on)))

    def set_view(self, view: CoderView) -> None:
        self.view = view
        self.w.settings.setValue(self._key("view"), view.to_text())
        self.apply()

    def _pick_coders(self) -> frozenset[int] | None:
        """The coders whose work to show, ticked in a list (the current coder's always shows)."""
        dialog = QDialog(self.w)
        dialog.setWindowTitle(self.tr("Show chosen coders"))
        model = QStandardItemModel(dialog)
        for coder in list_coders(self.w.db):
            item = QStandardItem(coder.name)
            item.setData(coder.id, Qt.ItemDataRole.UserRole)
            item.setCheckable(True)
            item.setEditable(False)
            mine = coder.id == self.w.db.coder_id
            item.setCheckState(Qt.CheckState.Checked if mine or coder.id in self.view.chosen
                               else Qt.CheckState.Unchecked)
            item.setEnabled(not mine)
            model.appendRow(item)
        view = QListView()
        view.setModel(model)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel(self.tr("Show the work of:")))
        layout.addWidget(view)
        layout.addWidget(buttons)
        self.picker = model  # tests tick the boxes
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not accepted:
            return None
        return frozenset(model.item(r).data(Qt.ItemDataRole.UserRole) for r in range(model.rowCount())
                         if model.item(r).checkState() == Qt.CheckState.Checked)

    # --- showing it all -------------------------------------------------------------------
    def apply(self) -> None:
        """Names, the current coder and the view, handed to the reader, the cards and the session."""
        w = self.w
        with w.db.session() as s:
            names = coder_names(s)
        self.look = CoderLook(w.db.coder_id, names)
        w.reader.set_coder_look(self.look)
        w.panel.set_coder_look(self.look)
        shown = self.view.shown(w.db.coder_id)
        if shown != w.session.coders:
            w.session.show_coders(shown)
            w.views.refresh_tags()  # the palette's counts follow
        name = names.get(w.db.coder_id, "")
        text = self.tr("Coder: %1").replace("%1", name)
        if self.view.blind:
            text += " · " + self.tr("blind")
        elif self.view.hides_others():
            text += " · " + self.tr("others hidden")
        self.button.setText(text)
        self._check_actions()

    def _check_actions(self) -> None:
        actions = {"all": self.act_all, "mine": self.act_mine, "chosen": self.act_chosen}
        actions[self.view.mode].setChecked(True)
        self.act_blind.setChecked(self.view.blind)

    def _on_changes(self, changes: Changes) -> None:
        # Another library (a restore) or another process (a coder added by the CLI): anew.
        if changes.reloaded:
            self.restore()
        elif changes.origin == "remote" or changes.coders:  # a rename, its undo or redo too
            self.apply()
            if changes.coders:  # the next start finds the current coder by its name now
                self.w.settings.setValue(self._key("name"), self.look.name(self.w.db.coder_id))
