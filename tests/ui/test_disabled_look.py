"""A control that does nothing now looks it: the highlight editor with no highlight
selected (note box, Edit tags…, the red Delete highlight) and the toolbar's Highlight
with no text selected. Measured on the rendered pixels, as a user sees them."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QWidget

from desktop_app.ui.theme import style


def pixels(widget: QWidget) -> list[QColor]:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return [image.pixelColor(x, y) for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)]


def darkest(widget: QWidget) -> float:
    """The lightness of the darkest pixel: the text's ink, at its strongest."""
    return min(c.lightnessF() for c in pixels(widget))


def reddest(widget: QWidget) -> int:
    return max(c.red() - max(c.green(), c.blue()) for c in pixels(widget))


def centre(widget: QWidget) -> QColor:
    image = widget.grab().toImage()
    return image.pixelColor(image.width() // 2, image.height() - 6)


@pytest.fixture
def window(open_window):
    return open_window()


def test_the_highlight_editor_looks_disabled_until_a_highlight_is_selected(window) -> None:
    editor = window.panel.editor
    assert window.panel.selected_id() is None and not editor.isEnabled()
    off = {"tags": darkest(editor.tags_button), "delete": reddest(editor.delete_button),
           "note": centre(editor.note)}
    window.reader.select_offsets(0, 12)
    info = window.highlight_selection(["A"])
    window.panel.select(info.id)
    assert editor.isEnabled()
    on = {"tags": darkest(editor.tags_button), "delete": reddest(editor.delete_button),
          "note": centre(editor.note)}

    assert on["tags"] < 0.3 < off["tags"], "the enabled label is ink, the disabled one grey"
    assert on["delete"] > 60 and off["delete"] < 20, "the danger red only when it can delete"
    assert on["note"] == QColor("#ffffff") and off["note"] == style.PANEL, "a white field only to type in"


def test_highlight_in_the_toolbar_greys_out_without_a_selection(window) -> None:
    toolbar = window.findChild(QWidget, "mainToolbar")
    button = toolbar.widgetForAction(window.commands.act_highlight)
    window.reader.select_offsets(0, 12)
    assert window.commands.act_highlight.isEnabled()
    enabled = darkest(button)
    window.reader.select_offsets(0, 0)
    assert not window.commands.act_highlight.isEnabled()
    assert darkest(button) - enabled > 0.25


@pytest.mark.parametrize("name", [style.LIGHT_NAME, style.DARK_NAME])
def test_palette_disabled_group_differs_from_active(name) -> None:
    palette = style.palette(style.THEMES[name])
    group, roles = QPalette.ColorGroup, QPalette.ColorRole
    for role in (roles.ButtonText, roles.Text, roles.Base, roles.Button):
        assert palette.color(group.Disabled, role) != palette.color(group.Active, role), role
