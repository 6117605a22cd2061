"""User data is shown as plain text, everywhere.

Qt guesses: a QLabel, a QMessageBox, a QInputDialog's label and every tooltip render a
string that looks like HTML (anything with a tag before its first line break) as rich
text. A tag named `<img src="/dev/zero">` would then be loaded as an image (the window
hangs reading it); a note with `<b>` would show bold, a file name with `&amp;` would lose
its text. Every widget that can show something a user, a file or an error wrote goes
through this module:

    label = plain_label(tag.name)                      # QLabel, Qt.PlainText
    set_plain(existing_label)                          # an existing QLabel or QMessageBox
    item.setToolTip(plain_tooltip(note))               # tooltips: escaped (no plain mode)
    warn(parent, title, wording.error_text(e))         # QMessageBox, Qt.PlainText
    if ask(parent, title, question): ...
    name, ok = get_text(parent, title, label, text)    # QInputDialog with a plain label

(A status-bar message, a window title, item-view text and button text are painted as
plain text by Qt already.) Text meant as rich text (the About box) escapes its user data
with `escape`.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QMessageBox, QWidget

Button = QMessageBox.StandardButton
SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard


def escape(text: object) -> str:
    """`text` for a place that is rich text on purpose (the About box)."""
    return html.escape(str(text), quote=True)


def plain_tooltip(text: object) -> str:
    """A tooltip that shows `text` literally: Qt has no plain-text tooltip, and guesses
    rich text from the first line; so the text is escaped inside a paragraph that keeps
    its line breaks and spaces. "" stays "" (no tooltip)."""
    text = "" if text is None else str(text)
    if not text:
        return ""
    return f"<p style='white-space:pre-wrap'>{html.escape(text, quote=False)}</p>"


def set_plain(widget: QLabel | QMessageBox, *, selectable: bool = False) -> QLabel | QMessageBox:
    """Make an existing QLabel or QMessageBox show its text as plain text (a message box's
    informative text too). `selectable`: the text can be selected and copied."""
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        widget.setTextInteractionFlags(SELECTABLE)
    return widget


def plain_label(text: str = "", parent: QWidget | None = None, *, selectable: bool = False,
                wrap: bool = False, object_name: str = "") -> QLabel:
    """A QLabel that shows `text` (now and after every setText) as plain text."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # before the text: it is never parsed
    label.setText(text)
    if selectable:
        label.setTextInteractionFlags(SELECTABLE)
        label.setCursor(Qt.CursorShape.IBeamCursor)
    if wrap:
        label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    return label


def plain_message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                      buttons: Button = Button.Ok, default: Button | None = None, *,
                      selectable: bool = False, details: str = "") -> QMessageBox:
    """A QMessageBox whose text is plain text (not shown yet: `exec()` or `open()` it).
    `selectable` lets the user select and copy the text (a path), and widens the box so
    that a path is not broken over lines; `details` goes under "Show Details…" (a plain
    text box already)."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)  # before the text: it is never parsed
    box.setText(text)
    box.setStandardButtons(buttons)
    if default is not None:
        box.setDefaultButton(default)
    if selectable:
        box.setTextInteractionFlags(SELECTABLE)
        box.setStyleSheet("QLabel#qt_msgbox_label { min-width: 38em; }")
    if details:
        box.setDetailedText(details)
    return box


def inform(parent: QWidget | None, title: str, text: str, *, selectable: bool = False) -> None:
    plain_message_box(parent, QMessageBox.Icon.Information, title, text, selectable=selectable).exec()


def warn(parent: QWidget | None, title: str, text: str, *, selectable: bool = False) -> None:
    plain_message_box(parent, QMessageBox.Icon.Warning, title, text, selectable=selectable).exec()


def critical(parent: QWidget | None, title: str, text: str, *, selectable: bool = False) -> None:
    plain_message_box(parent, QMessageBox.Icon.Critical, title, text, selectable=selectable).exec()


def ask(parent: QWidget | None, title: str, text: str, *, default_yes: bool = True,
        selectable: bool = False) -> bool:
    """Yes / No, in plain text; True for Yes."""
    box = plain_message_box(parent, QMessageBox.Icon.Question, title, text, Button.Yes | Button.No,
                            Button.Yes if default_yes else Button.No, selectable=selectable)
    return box.exec() == Button.Yes


def _input_dialog(parent: QWidget | None, title: str, label: str) -> QInputDialog:
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    for child in dialog.findChildren(QLabel):  # its one label, made by setLabelText
        child.setTextFormat(Qt.TextFormat.PlainText)
    return dialog


def get_text(parent: QWidget | None, title: str, label: str, text: str = "") -> tuple[str, bool]:
    """QInputDialog.getText with a plain-text label: (text, accepted)."""
    dialog = _input_dialog(parent, title, label)
    dialog.setTextValue(text)
    accepted = dialog.exec() == QInputDialog.DialogCode.Accepted
    value = dialog.textValue()
    dialog.deleteLater()
    return value, accepted


def get_item(parent: QWidget | None, title: str, label: str, items: list[str],
             current: int = 0) -> tuple[str, bool]:
    """QInputDialog.getItem (not editable) with a plain-text label: (item, accepted)."""
    dialog = _input_dialog(parent, title, label)
    dialog.setComboBoxItems(items)
    dialog.setComboBoxEditable(False)
    if items:
        dialog.setTextValue(items[max(0, min(current, len(items) - 1))])
    accepted = dialog.exec() == QInputDialog.DialogCode.Accepted
    value = dialog.textValue()
    dialog.deleteLater()
    return value, accepted
