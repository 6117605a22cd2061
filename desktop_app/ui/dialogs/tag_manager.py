"""Tags → Manage tags… (the codebook): rename, recolour, move, merge and delete tags,
and write each tag's description. Every change is one undo step (Ctrl+Z in the main
window), and a delete or merge first says how many highlights it touches."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from desktop_app.core.annotate import codebook as tag_admin
from desktop_app.core.annotate.highlights import AnnotationError, AnnotationService, TagInfo
from desktop_app.core.annotate.tag_paths import TAG_PATH_SEPARATOR, in_tag_scope, tag_path
from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.history import History, Step, StepLabel
from desktop_app.core.storage.database import DatabaseError
from desktop_app.ui import wording
from desktop_app.ui.change_bus import ChangeBus
from desktop_app.ui.common import plain_text

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _swatch(color: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class TagManagerDialog(QDialog):
    """Each change is pushed on the core history and published on the window's bus; the
    list here, the palette and the cards all refresh from the bus."""

    def __init__(self, service: AnnotationService, history: History, bus: ChangeBus, parent=None) -> None:
        super().__init__(parent)
        self.service, self.history, self.bus, self.db = service, history, bus, service.db
        self.setWindowTitle(self.tr("Manage tags"))
        self.resize(720, 480)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Tag"), self.tr("Highlights")])
        self.tree.setColumnWidth(0, 300)
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText(self.tr("What this tag means, when to use it (the codebook)…"))
        self.save_description = QPushButton(self.tr("Save description"))
        buttons = {}
        side = QVBoxLayout()
        for key, label in (("rename", self.tr("Rename…")), ("colour", self.tr("Colour…")),
                           ("move", self.tr("Move under…")), ("merge", self.tr("Merge into…")),
                           ("delete", self.tr("Delete…"))):
            buttons[key] = QPushButton(label)
            side.addWidget(buttons[key])
        side.addWidget(QLabel(self.tr("Description")))
        side.addWidget(self.description, 1)
        side.addWidget(self.save_description)
        self.buttons = buttons
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.tree, 3)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(close)

        buttons["rename"].clicked.connect(self.rename)
        buttons["colour"].clicked.connect(self.recolour)
        buttons["move"].clicked.connect(self.move)
        buttons["merge"].clicked.connect(self.merge)
        buttons["delete"].clicked.connect(self.delete)
        self.save_description.clicked.connect(self.describe)
        self.tree.currentItemChanged.connect(lambda *_: self._show_current())
        bus.changed.connect(self._on_changes)
        self.refresh()

    def _on_changes(self, changes: Changes) -> None:
        if changes.codebook:
            self.refresh()

    # --- the list --------------------------------------------------------------------------
    def refresh(self) -> None:
        current = self.current_tag()
        self.tags = {t.id: t for t in self.service.list_tags()}
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for tag in sorted(self.tags.values(), key=lambda t: tag_path(t.name)):
            parent_name = TAG_PATH_SEPARATOR.join(tag_path(tag.name)[:-1])
            parent = items.get(parent_name)
            item = QTreeWidgetItem([tag_path(tag.name)[-1], str(tag.count)])
            item.setIcon(0, _swatch(tag.color))
            item.setData(0, ID_ROLE, tag.id)
            item.setToolTip(0, plain_text.plain_tooltip(tag.description or tag.name))
            (parent.addChild(item) if parent is not None else self.tree.addTopLevelItem(item))
            items[tag.name] = item
        self.tree.expandAll()
        if current is not None and current.id in self.tags:
            self.select(current.id)
        self._show_current()

    def select(self, tag_id: int) -> None:
        for item in self._all_items():
            if item.data(0, ID_ROLE) == tag_id:
                self.tree.setCurrentItem(item)

    def current_tag(self) -> TagInfo | None:
        item = self.tree.currentItem()
        return self.tags.get(item.data(0, ID_ROLE)) if item is not None else None

    def _all_items(self) -> list[QTreeWidgetItem]:
        out, stack = [], [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            out.append(item)
            stack.extend(item.child(i) for i in range(item.childCount()))
        return out

    def _show_current(self) -> None:
        tag = self.current_tag()
        for button in self.buttons.values():
            button.setEnabled(tag is not None)
        self.save_description.setEnabled(tag is not None)
        self.description.setPlainText(tag.description if tag else "")

    # --- changes, each one undo step -----------------------------------------------------------
    def _do(self, label: StepLabel, action: Callable[[], object], undo: Callable[[object], object],
            redo: Callable[[], object] | None = None) -> bool:
        try:
            result = action()
        except (AnnotationError, DatabaseError) as e:
            plain_text.warn(self, self.tr("Could not change the tag"), wording.error_text(e))
            return False
        box = {"result": result}

        codebook = Changes(codebook=True)

        def back() -> Changes:
            undo(box["result"])
            return codebook

        def again() -> Changes:
            box["result"] = (redo or action)()
            return codebook

        self.history.push(Step(label, back, again))
        self.bus.publish(codebook)
        return True

    def rename(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        name, ok = plain_text.get_text(self, self.tr("Rename tag"), self.tr("New name:"), tag.name)
        if ok and name.strip() and name != tag.name:
            self._do(StepLabel("tag_rename", 1, tag.name),
                     lambda: tag_admin.rename(self.db, tag.id, name),
                     lambda renames: tag_admin.undo_renames(self.db, renames))

    def recolour(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        color = QColorDialog.getColor(QColor(tag.color), self, self.tr("Colour of “%1”").replace("%1", tag.name))
        if color.isValid():
            self._do(StepLabel("tag_recolour", 1, tag.name),
                     lambda: self.service.set_tag_color(tag.id, color.name()),
                     lambda _r: self.service.set_tag_color(tag.id, tag.color))

    def move(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        top = self.tr("(top level)")
        choices = [top] + [t.name for t in self.tags.values() if not in_tag_scope(t.name, tag.name)]
        parent, ok = plain_text.get_item(self, self.tr("Move tag"),
                                         self.tr("Put “%1” under:").replace("%1", tag.name), choices)
        if ok:
            self._do(StepLabel("tag_move", 1, tag.name),
                     lambda: tag_admin.move(self.db, tag.id, "" if parent == top else parent),
                     lambda renames: tag_admin.undo_renames(self.db, renames))

    def merge(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        others = [t.name for t in self.tags.values() if t.id != tag.id]
        if not others:
            return
        target_name, ok = plain_text.get_item(
            self, self.tr("Merge tags"), self.tr("Merge “%1” into:").replace("%1", tag.name), others)
        if not ok:
            return
        target = next(t for t in self.tags.values() if t.name == target_name)
        n, articles = tag_admin.usage(self.db, tag.id)
        question = self.tr("Give the %1 highlights tagged “%2” (in %3 articles) the tag “%4” and remove "
                           "“%2”? Their other tags stay.").replace("%1", str(n)).replace(
            "%2", tag.name).replace("%3", str(articles)).replace("%4", target.name)
        if plain_text.ask(self, self.tr("Merge tags"), question):
            self._do(StepLabel("tag_merge", 1, tag.name),
                     lambda: tag_admin.merge(self.db, tag.id, target.id),
                     lambda undo: tag_admin.unmerge(self.db, undo))

    def delete(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        n, articles = tag_admin.usage(self.db, tag.id)
        question = self.tr("Delete the tag “%1”? It is on %2 highlights in %3 articles; the highlights "
                           "stay, without this tag.").replace("%1", tag.name).replace("%2", str(n)).replace(
            "%3", str(articles))
        if plain_text.ask(self, self.tr("Delete tag"), question):
            self._do(StepLabel("tag_delete", 1, tag.name),
                     lambda: tag_admin.delete_tag(self.db, tag.id),
                     lambda snap: tag_admin.restore_tag(self.db, snap))

    def describe(self) -> None:
        tag = self.current_tag()
        text = self.description.toPlainText()
        if tag is not None and text != tag.description:
            self._do(StepLabel("tag_describe", 1, tag.name),
                     lambda: tag_admin.describe(self.db, tag.id, text),
                     lambda before: tag_admin.describe(self.db, tag.id, before))
