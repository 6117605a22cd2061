"""Overlapping highlights told apart by more than colour.

Translucent fills blend where highlights overlap (two yellows make a darker yellow), and
a reader with a colour-vision deficiency cannot tell which highlight is which. So every
highlight of an overlapping group also gets a lane: a thin line under its text at the
lane's depth, drawn solid, dashed, dotted or wavy by lane, and a stripe with the same
pattern in the margin left of the text column (as NVivo's coding stripes). Depth and
pattern say which highlight is which; colour only repeats it. A highlight on its own
gets a quiet solid stripe and no line: an afternoon of reading stays calm.

Geometry and text only: the reader decides what is in view and calls these.
"""

from __future__ import annotations

import functools
import heapq
import html
import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap

from desktop_app.core.annotate.highlights import HighlightInfo
from desktop_app.ui.theme import style as theme

# The patterns by lane. A fifth lane repeats the first pattern; lines never go deeper
# than the line spacing allows (the depth stops growing), and stripes stop at the margin.
STYLES = ("solid", "dashed", "dotted", "wavy")
FIRST_LINE_BELOW = 3.5  # px under the glyph box: clear of the active line and entity dashes
LINE_STEP = 2.5  # px between lanes under the text: four fit in a 160% line
STRIPE_STEP = 5  # px between lanes in the margin
NEUTRAL = "#b8bcc2"  # a highlight without tags


def assign_lanes(highlights: Sequence[HighlightInfo]) -> dict[int, int]:
    """Lane of each highlight that overlaps another, for highlights sorted by start and
    longest first: the lowest lane free where it starts, so highlights overlapping at any
    point never share a lane, and an enclosing highlight sits nearest the text. O(n log n)
    over runs of overlapping highlights; a highlight on its own has no lane."""
    lanes: dict[int, int] = {}
    run: list[tuple[int, int]] = []  # (id, lane) of the current run of overlaps
    active: list[tuple[int, int]] = []  # heap of (end, lane) still open
    free: list[int] = []  # heap of lanes given back within the run
    reach = -1
    for h in highlights:
        if h.start >= reach:  # nothing before reaches here: a new run
            if len(run) > 1:
                lanes.update(run)
            run, active, free = [], [], []
        while active and active[0][0] <= h.start:
            heapq.heappush(free, heapq.heappop(active)[1])
        lane = heapq.heappop(free) if free else len(active)
        heapq.heappush(active, (h.end, lane))
        run.append((h.id, lane))
        reach = max(reach, h.end)
    if len(run) > 1:
        lanes.update(run)
    return lanes


def lane_style(lane: int) -> str:
    return STYLES[lane % len(STYLES)]


def dark_paper() -> bool:
    return theme.PAPER.lightnessF() < 0.5  # read when painting: the theme may change


@functools.lru_cache(maxsize=64)
def mark_color(hex_color: str, dark: bool = False) -> QColor:
    """The tag colour made to stand out as a thin line on the paper (tag colours are
    pastel fills): same hue, lightness at most 42% on light paper, at least 68% on dark."""
    color = QColor(hex_color)
    if not color.isValid():
        color = QColor(NEUTRAL)
    h, s, lightness, _a = color.getHslF()
    lightness = max(lightness, 0.68) if dark else min(lightness, 0.42)
    return QColor.fromHslF(max(h, 0.0), min(1.0, s * 0.9), lightness, 0.95)


def highlight_color(h: HighlightInfo) -> str:
    return h.tags[0].color if h.tags else NEUTRAL


def line_offset(lane: int, room: float) -> float:
    """How far under the glyph box a lane's line runs, kept within the line spacing."""
    return min(FIRST_LINE_BELOW + lane * LINE_STEP, max(FIRST_LINE_BELOW, room - 1))


# Patterns are drawn once into a small tile and then tiled: stroking dashed, dotted and
# wavy lines with antialiasing cost ~0.15-0.8 ms a line, 40 ms a page where every
# highlight overlaps; a tiled blit costs a few microseconds.
_PERIOD = {"solid": 4, "dashed": 6, "dotted": 4, "wavy": 6}
TILE = 3  # px across the line


@functools.lru_cache(maxsize=256)
def _tile(hex_color: str, style: str, weight: float, vertical: bool, alpha: float, dpr: float,
          dark: bool) -> QPixmap:
    period = _PERIOD[style]
    width, height = (TILE, period) if vertical else (period, TILE)
    tile = QPixmap(round(width * dpr), round(height * dpr))
    tile.setDevicePixelRatio(dpr)
    tile.fill(Qt.GlobalColor.transparent)
    color = QColor(mark_color(hex_color, dark))
    color.setAlphaF(color.alphaF() * alpha)
    p = QPainter(tile)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    if vertical:  # drawn as a horizontal tile, turned a quarter
        p.translate(TILE, 0)
        p.rotate(90)
    mid = TILE / 2
    if style == "wavy":
        pen = QPen(color)
        pen.setWidthF(weight * 0.8)
        p.setPen(pen)
        path = QPainterPath(QPointF(0, mid))
        for i in range(1, 13):  # one period of a sine, 1 px high
            x = period * i / 12
            path.lineTo(QPointF(x, mid - math.sin(2 * math.pi * i / 12)))
        p.drawPath(path)
    elif style == "dotted":
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        p.drawEllipse(QPointF(1.0, mid), weight * 0.6, weight * 0.6)
    else:
        length = 4 if style == "dashed" else period
        p.fillRect(QRectF(0, mid - weight / 2, length, weight), color)
    p.end()
    return tile


def _dpr(painter: QPainter) -> float:
    return painter.device().devicePixelRatioF() if painter.device() is not None else 1.0


def draw_line(painter: QPainter, x1: float, x2: float, y: float, hex_color: str, lane: int) -> None:
    """One lane's line under a stretch of text, its pattern starting where the text does."""
    tile = _tile(hex_color, lane_style(lane), 1.5, False, 1.0, _dpr(painter), dark_paper())
    painter.drawTiledPixmap(QRectF(x1, y - TILE / 2, max(0.0, x2 - x1), TILE), tile)


def draw_stripe(painter: QPainter, x: float, top: float, bottom: float, hex_color: str, lane: int,
                overlapping: bool) -> None:
    """One lane's stripe in the margin, beside the lines the highlight covers. Alone, a
    highlight's stripe is faint and solid: a hint of where highlights are, no louder."""
    style = lane_style(lane) if overlapping else "solid"
    tile = _tile(hex_color, style, 2.5, True, 1.0 if overlapping else 0.45, _dpr(painter), dark_paper())
    painter.drawTiledPixmap(QRectF(x - TILE / 2, top + 2, TILE, max(0.0, bottom - top - 3)), tile)


def stripe_x(lane: int, margin: float) -> float | None:
    """x of a lane's stripe in the document margin, or None when the margin is full."""
    x = margin - 7 - lane * STRIPE_STEP
    return x if x >= 2 else None


def style_name(lane: int) -> str:
    # Literal translate() calls: lupdate only finds strings written out in the call.
    translate = QCoreApplication.translate
    return {
        "solid": translate("ReaderView", "solid line"),
        "dashed": translate("ReaderView", "dashed line"),
        "dotted": translate("ReaderView", "dotted line"),
        "wavy": translate("ReaderView", "wavy line"),
    }[lane_style(lane)]


def draw_other_coder(painter: QPainter, rects: Sequence[QRectF], hex_color: str) -> None:
    """Another coder's highlight: a dashed box around each line of it, so that whose work
    it is shows by more than colour (and stays apart from the lanes' lines under the text)."""
    pen = QPen(mark_color(hex_color, dark_paper()))
    pen.setWidthF(1.2)
    pen.setStyle(Qt.PenStyle.DashLine)
    painter.save()
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for rect in rects:
        painter.drawRect(QRectF(rect).adjusted(-1, 0, 1, 0))
    painter.restore()


def tooltip_html(hits: Sequence[HighlightInfo], lanes: dict[int, int], note_limit: int = 280,
                 coder_of: Callable[[HighlightInfo], str] | None = None) -> str:
    """Rich text listing the tags and note of every highlight given (innermost first), and
    its coder's name when `coder_of` gives one. Everything the user typed is escaped: a
    note may hold "<" or "&"."""
    if not hits:
        return ""
    parts, dark, muted = [], dark_paper(), theme.MUTED.name()
    if len(hits) > 1:
        heading = QCoreApplication.translate("ReaderView", "%1 highlights here, innermost first")
        parts.append(f"<p style='margin:0 0 4px 0'><b>{html.escape(heading.replace('%1', str(len(hits))))}</b></p>")
    for h in hits:
        swatches = "".join(
            f"<span style='color:{mark_color(t.color, dark).name()}'>■</span>" for t in h.tags
        ) or f"<span style='color:{NEUTRAL}'>■</span>"
        tags = ", ".join(f"<b>{html.escape(t.name)}</b>" for t in h.tags) or html.escape(
            QCoreApplication.translate("ReaderView", "(no tags)"))
        line = f"{swatches} {tags}"
        if len(hits) > 1 and h.id in lanes:
            line += f" <span style='color:{muted}'>— {html.escape(style_name(lanes[h.id]))}</span>"
        coder = coder_of(h) if coder_of is not None else ""
        if coder:
            by = QCoreApplication.translate("ReaderView", "coded by %1").replace("%1", coder)
            line += f" <span style='color:{muted}'>({html.escape(by)})</span>"
        note = " ".join(h.note.split())
        if len(note) > note_limit:
            note = note[: note_limit - 1] + "…"
        if note:
            line += f"<br><i>{html.escape(note)}</i>"
        parts.append(f"<p style='margin:2px 0'>{line}</p>")
    return "<qt>" + "".join(parts) + "</qt>"
