"""The Analysis menu and what it opens: coded passages, attributes, matrices and
co-occurrence, the report; and the library's commands on selected articles (set an
attribute, code whole articles), in its context menu too. The windows live in
ui/analysis/; this only makes them, places their actions and hands them the window's
operations, bus and reader.

Kept apart from main_window.py and menus.py so that both stay as they were but for a line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QMenuBar, QTabWidget, QWidget

from desktop_app.core.library.attributes import distinct_values, list_attributes
from desktop_app.ui.analysis.article_attributes import add_attributes_tab
from desktop_app.ui.analysis.article_coding import ArticleCoding
from desktop_app.ui.analysis.attribute_forms import SetAttributeDialog
from desktop_app.ui.analysis.attributes_window import AttributesWindow
from desktop_app.ui.analysis.matrix_window import MatrixWindow
from desktop_app.ui.analysis.passages_window import PassagesWindow
from desktop_app.ui.analysis.report_dialog import ReportDialog

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow


class AnalysisController(QObject):
    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        self.passages: PassagesWindow | None = None
        self.attributes: AttributesWindow | None = None
        self.matrix: MatrixWindow | None = None
        self.report: ReportDialog | None = None
        self.coding = ArticleCoding(w, w.ops, w.bus)
        self.act_passages = self._action(self.tr("Coded passages…"), self.show_passages, "Ctrl+Shift+R")
        self.act_passages.setToolTip(self.tr("Every passage coded with chosen tags, across the library"))
        self.act_matrix = self._action(self.tr("Matrix and co-occurrence…"), self.show_matrix)
        self.act_matrix.setToolTip(self.tr("Tags × articles or attribute values, tag × tag; click a cell for its passages"))
        self.act_report = self._action(self.tr("Report…"), self.show_report)
        self.act_report.setToolTip(self.tr("The codebook, examples, memos and tables as a web page or PDF"))
        self.act_attributes = self._action(self.tr("Attributes…"), self.show_attributes)
        self.act_set_attribute = self._action(self.tr("Set attribute for selected articles…"), self.set_attribute)
        self.act_code_articles = self._action(self.tr("Code whole articles…"), self.code_articles)
        self.act_code_articles.setToolTip(self.tr("Tag the selected articles as a whole (genre, stance), "
                                                  "apart from their highlights"))
        # The library list's right-click menu: these two, on the selected articles.
        w.library.menu_actions += [self.act_set_attribute, self.act_code_articles]
        w.article_list.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed())
        self.selection_changed()

    def _action(self, text: str, slot, keys: str | None = None) -> QAction:
        action = QAction(text, self.w)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        self.w.addAction(action)  # the shortcut works wherever the focus is in the window
        return action

    def build_menus(self, bar: QMenuBar, menu_file: QMenu) -> None:
        """The Analysis menu (placed where this is called) and File → Report…."""
        # File → Report…, after the other ways out of the library (exports).
        file_actions = menu_file.actions()
        exports = [i for i, a in enumerate(file_actions) if a.isSeparator()]
        before = file_actions[exports[1]] if len(exports) > 1 else None
        menu_file.insertAction(before, self.act_report)
        menu = bar.addMenu(self.tr("&Analysis"))
        menu.addActions([self.act_passages, self.act_matrix])
        menu.addSeparator()
        menu.addActions([self.act_attributes, self.act_set_attribute, self.act_code_articles])

    # --- selected articles -------------------------------------------------------------------
    def selected_articles(self) -> list[int]:
        """The articles selected in the library, else the open one."""
        ids = self.w.library.selected_article_ids()
        if not ids and self.w.current is not None:
            ids = [self.w.current.id]
        return ids

    def selection_changed(self) -> None:
        n = len(self.selected_articles())
        writable = not self.w.db.read_only
        self.act_set_attribute.setText(self.tr("Set attribute for %n selected article(s)…", "", n))
        self.act_code_articles.setText(self.tr("Code %n article(s) as a whole…", "", n))
        self.act_set_attribute.setEnabled(writable and n > 0)
        self.act_code_articles.setEnabled(writable and n > 0)
        if self.attributes is not None:
            self.attributes.selection_changed()

    def set_attribute(self) -> bool:
        ids, db = self.selected_articles(), self.w.db
        if not ids or db.read_only:
            return False
        dialog = SetAttributeDialog(self.w.ops, self.w.bus, ids, list_attributes(db),
                                    lambda name: [str(v) for v in distinct_values(db, name)], self.w)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return accepted

    def code_articles(self) -> bool:
        return self.coding.code(self.selected_articles())

    def extend_details(self, dialog: QDialog, tabs: QTabWidget, article_id: int) -> None:
        """The article details get an Attributes tab, saved with the dialog."""
        add_attributes_tab(dialog, tabs, self.w.ops, self.w.bus, article_id, self.w.db.read_only,
                           coders=self.w.session.coders)  # blind: one's own whole-article codes

    # --- windows -------------------------------------------------------------------------
    def passages_window(self) -> PassagesWindow:
        if self.passages is None:
            w = self.w
            self.passages = PassagesWindow(w.ops, w.bus, self.open_at, w)
        return self.passages

    def show_passages(self) -> PassagesWindow:
        window = self.passages_window()
        _bring_up(window)
        return window

    def show_attributes(self) -> AttributesWindow:
        if self.attributes is None:
            self.attributes = AttributesWindow(self.w.ops, self.w.bus, self.selected_articles, self.w)
        _bring_up(self.attributes)
        return self.attributes

    def show_matrix(self) -> MatrixWindow:
        if self.matrix is None:
            self.matrix = MatrixWindow(self.w.ops, self.w.bus, self.w)
            self.matrix.cellChosen.connect(lambda query, text: self.passages_window().show_cell(query, text))
        _bring_up(self.matrix)
        return self.matrix

    def show_report(self) -> ReportDialog:
        if self.report is None:
            self.report = ReportDialog(self.w.db, self.w)
        _bring_up(self.report)
        return self.report

    def open_at(self, article_id: int, offset: int, length: int) -> None:
        """A passage opened from an analysis window: the main window comes up at it."""
        self.w.open_at(article_id, offset, length)
        _bring_up(self.w)

    def close(self) -> None:
        for window in (self.passages, self.attributes, self.matrix, self.report):
            if window is not None:
                window.close()


def _bring_up(window: QWidget) -> None:
    window.show()
    window.raise_()
    window.activateWindow()
