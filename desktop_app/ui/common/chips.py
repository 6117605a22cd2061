"""Drawing tag chips: a rounded coloured pill with the tag name, used by several views."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPainterPath

from desktop_app.ui.theme import style

CHIP_HPAD = 8
CHIP_VPAD = 2
CHIP_GAP = 5


def chip_size(font: QFont, name: str) -> tuple[int, int]:
    fm = QFontMetrics(font)
    return fm.horizontalAdvance(name) + 2 * CHIP_HPAD, fm.height() + 2 * CHIP_VPAD


def paint_chip(painter: QPainter, rect: QRect, name: str, color: str, font: QFont) -> None:
    background = style.tag_color(color)
    path = QPainterPath()
    path.addRoundedRect(QRectF(rect), rect.height() / 2, rect.height() / 2)
    painter.fillPath(path, background)
    painter.setFont(font)
    painter.setPen(style.chip_text_color(background))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, name)


def layout_chips(font: QFont, names: list[str], width: int) -> list[QRect]:
    """Chip rectangles wrapped into rows within `width`, relative to (0, 0)."""
    rects = []
    x = y = 0
    for name in names:
        w, h = chip_size(font, name)
        w = min(w, width)
        if x and x + w > width:
            x = 0
            y += h + CHIP_GAP
        rects.append(QRect(x, y, w, h))
        x += w + CHIP_GAP
    return rects
