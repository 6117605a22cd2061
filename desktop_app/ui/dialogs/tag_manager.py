"""Tags → Manage tags… (the codebook): rename, recolour, move, merge and delete tags,
and write each tag's description. Every change is a core operation (one transaction, one
undo step: Ctrl+Z in the main window) published on the window's bus, and a delete or
merge first says how many highlights it touches."""

from __future__ import annotations

import re
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
from desktop_app.core.annotate.highlights import AnnotationError, TagInfo
from desktop_app.core.annotate.row_versions import ConflictError
from desktop_app.core.annotate.tag_paths import in_tag_scope, tag_leaf, tag_parent, tree_key
from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.editor import Operations
from desktop_app.core.storage.database import DatabaseError
from desktop_app.ui import wording
from desktop_app.ui.change_bus import ChangeBus
from desktop_app.ui.common import plain_text
from desktop_app.ui.dialogs.conflict_dialog import use_mine

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _fill(text: str, *values: str) -> str:
    """%1, %2… in one pass: a tag named "%2" stays as it is."""
    return re.sub(r"%(\d)", lambda m: values[int(m.group(1)) - 1] if 0 < int(m.group(1)) <= len(values)
                  else m.group(0), text)


def _swatch(color: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class TagManagerDialog(QDialog):
    """Each change goes through `Operations` and is published on the window's bus; the
    list here, the palette, the filters and the cards all refresh from the bus."""

    def __init__(self, ops: Operations, bus: ChangeBus, parent=None) -> None:
        super().__init__(parent)
        self.ops, self.bus, self.db = ops, bus, ops.db
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
        self.tags = {t.id: t for t in self.ops.service.list_tags()}
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for tag in sorted(self.tags.values(), key=lambda t: tree_key(t.name)):
            # Every parent is a tag (tag_paths); a read-only library from before that
            # rule may lack one: its children then show at the top, with their path.
            parent = items.get(tag_parent(tag.name))
            item = QTreeWidgetItem([tag_leaf(tag.name) if parent is not None else tag.name, str(tag.count)])
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
    def _do(self, change: Callable[[], Changes]) -> bool:
        """Run one operation and publish what it changed; a refusal is shown in words."""
        try:
            changes = change()
        except (AnnotationError, DatabaseError) as e:
            plain_text.warn(self, self.tr("Could not change the tag"), wording.error_text(e))
            return False
        self.bus.publish(changes)
        return True

    def _versioned(self, edit: Callable[[int | None], Changes], seen: int, field: str, mine: str) -> None:
        """An edit made on the tag as the user saw it (version `seen`): when another coder
        changed the tag meanwhile, their `field` and the user's value side by side, and the
        user's choice (save theirs over, or keep theirs)."""
        try:
            changes = edit(seen or None)
        except ConflictError as e:
            if use_mine(self, e, str(e.theirs[field]), mine):
                self._versioned(edit, e.version, field, mine)
            else:
                self.refresh()
            return
        except (AnnotationError, DatabaseError) as e:
            plain_text.warn(self, self.tr("Could not change the tag"), wording.error_text(e))
            return
        self.bus.publish(changes)

    def rename(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        name, ok = plain_text.get_text(self, self.tr("Rename tag"), self.tr("New name:"), tag.name)
        if ok and name.strip() and name != tag.name:
            self._versioned(lambda seen: self.ops.rename_tag(tag.id, name, seen), tag.row_version, "name", name)

    def recolour(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        color = QColorDialog.getColor(QColor(tag.color), self, self.tr("Colour of “%1”").replace("%1", tag.name))
        if color.isValid():
            self._versioned(lambda seen: self.ops.recolour_tag(tag.id, color.name(), seen), tag.row_version,
                            "color", color.name())

    def move(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        top = self.tr("(top level)")
        choices = [top] + sorted((t.name for t in self.tags.values() if not in_tag_scope(t.name, tag.name)),
                                 key=tree_key)
        parent, ok = plain_text.get_item(self, self.tr("Move tag"),
                                          self.tr("Put “%1” under:").replace("%1", tag.name), choices)
        if ok:
            new_parent = "" if parent == top else parent
            self._versioned(lambda seen: self.ops.move_tag(tag.id, new_parent, seen), tag.row_version,
                            "name", parent)

    def merge(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        others = sorted((t.name for t in self.tags.values() if not in_tag_scope(t.name, tag.name)), key=tree_key)
        if not others:
            return
        target_name, ok = plain_text.get_item(
            self, self.tr("Merge tags"), self.tr("Merge “%1” into:").replace("%1", tag.name), others)
        if not ok:
            return
        target = next(t for t in self.tags.values() if t.name == target_name)
        used = tag_admin.usage(self.db, tag.id)
        question = self.tr("Give the %1 tagged “%2” (in %3) the tag “%4” and remove “%2”? Their other "
                           "tags stay.")
        if used.nested:
            question += " " + self.tr("The %n tag(s) under it go under “%4”.", "", used.nested)
        question = _fill(question, self._highlights(used.highlights), tag.name,
                         self._articles(used.articles), target.name)
        if self._confirm(self.tr("Merge tags"), question):
            self._do(lambda: self.ops.merge_tags(tag.id, target.id))

    def delete(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        used = tag_admin.usage(self.db, tag.id, nested=True)
        if used.nested:
            question = self.tr("Delete the tag “%1” and the %n tag(s) under it?", "", used.nested) + " " + \
                self.tr("They are on %2 in %3; the highlights stay, without these tags.")
        else:
            question = self.tr("Delete the tag “%1”? It is on %2 in %3; the highlights stay, without "
                               "this tag.")
        question = _fill(question, tag.name, self._highlights(used.highlights), self._articles(used.articles))
        if self._confirm(self.tr("Delete tag"), question):
            self._do(lambda: self.ops.delete_tag(tag.id))

    def describe(self) -> None:
        tag = self.current_tag()
        text = self.description.toPlainText()
        if tag is not None and text != tag.description:
            self._versioned(lambda seen: self.ops.describe_tag(tag.id, text, seen), tag.row_version,
                            "description", text)

    def _highlights(self, n: int) -> str:
        return self.tr("%n highlight(s)", "", n)

    def _articles(self, n: int) -> str:
        return self.tr("%n article(s)", "", n)

    def _confirm(self, title: str, question: str) -> bool:
        return plain_text.ask(self, title, question)  # tag names are the user's text
