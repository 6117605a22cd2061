"""Fonts, colours and the stylesheet: one place for how the app looks."""

from __future__ import annotations

import functools

from PySide6.QtGui import QColor, QFont, QFontDatabase

from desktop_app import paths

# Serif faces with full Vietnamese coverage, best first; DejaVu ships almost everywhere.
READER_FAMILIES = ["Noto Serif", "Source Serif 4", "Source Serif Pro", "Georgia", "DejaVu Serif"]
UI_FAMILIES = ["Noto Sans", "Segoe UI", "Inter", "DejaVu Sans"]
READER_POINT_SIZE = 13

INK = QColor("#1f2328")
MUTED = QColor("#6a6f76")
ACCENT = QColor("#2b6cb0")
PAPER = QColor("#fcfbf8")
PANEL = QColor("#f3f2ee")
HIGHLIGHT_ALPHA = 150  # tag colours are painted translucent so overlaps stay visible


def _first_available(families: list[str]) -> list[str]:
    return list(_available(tuple(families)))


@functools.lru_cache(maxsize=16)
def _available(families: tuple[str, ...]) -> tuple[str, ...]:
    """Asked once per family list: the font database does not change while we run."""
    available = set(QFontDatabase.families())
    return tuple(f for f in families if f in available) or families


def reader_font(point_size: int = READER_POINT_SIZE) -> QFont:
    font = QFont()
    font.setFamilies(_first_available(READER_FAMILIES))
    font.setPointSize(point_size)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def ui_font() -> QFont:
    font = QFont()
    font.setFamilies(_first_available(UI_FAMILIES))
    font.setPointSize(10)
    return font


def tag_color(hex_color: str, alpha: int = 255) -> QColor:
    color = QColor(hex_color)
    if not color.isValid():
        color = QColor("#ffd166")
    color.setAlpha(alpha)
    return color


def chip_text_color(background: QColor) -> QColor:
    """Dark ink on light chips, white on dark ones (WCAG-ish luminance test)."""
    return INK if background.lightnessF() > 0.55 else QColor("#ffffff")


def stylesheet() -> str:
    path = paths.resources_dir() / "themes" / "light.qss"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""
