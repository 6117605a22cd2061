"""Fonts, colours and the stylesheet: one place for how the app looks.

Two themes, light and dark. The module-level colours (INK, MUTED, ...) are those of the
theme in use: `set_theme` swaps them, so code that reads `style.INK` when it paints
follows the theme. Dark colours were chosen for at least 4.5:1 contrast (WCAG AA) on the
dark paper, as the light ones were on the light paper (tests/ui/test_appearance.py).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontInfo, QPalette

from desktop_app import paths

# Serif faces with full Vietnamese coverage, best first; DejaVu ships almost everywhere.
READER_FAMILIES = ["Noto Serif", "Source Serif 4", "Source Serif Pro", "Georgia", "DejaVu Serif"]
UI_FAMILIES = ["Noto Sans", "Segoe UI", "Inter", "DejaVu Sans"]
READER_POINT_SIZE = 13
LIGHT_NAME, DARK_NAME = "light", "dark"


@dataclass(frozen=True)
class Theme:
    name: str
    ink: str            # body text
    muted: str          # dates, sources, notes
    accent: str
    paper: str          # the reader's page
    panel: str          # the panes around it
    row_selected: str   # list rows (library, search results)
    row_hover: str
    rule: str           # thin separators
    card: str           # highlight cards
    card_selected: str
    card_border: str
    badge: str          # highlight count in the library
    find_match: str
    find_current: str
    find_underline: str
    keyword: str        # concordance keyword
    error: str
    highlight_alpha: int  # tag colours are painted translucent so overlaps stay visible
    # Word view: text colours by part of speech; entity underlines: colour and dash pattern.
    pos: dict[str, str] = field(default_factory=dict)
    entities: dict[str, tuple[str, tuple[float, ...]]] = field(default_factory=dict)


# Entity dash patterns are the same in both themes: colour is never the only cue.
_DASHES = {"PER": (4.0, 2.0), "LOC": (1.2, 1.8), "ORG": (6.0, 2.0, 1.2, 2.0)}

LIGHT = Theme(
    name=LIGHT_NAME, ink="#1f2328", muted="#6a6f76", accent="#2b6cb0", paper="#fcfbf8", panel="#f3f2ee",
    row_selected="#dde8f5", row_hover="#ebe9e3", rule="#e2dfd7",
    card="#ffffff", card_selected="#eef4fb", card_border="#e0ddd5", badge="#ffd166",
    find_match="#fff1b8", find_current="#ff9f1c", find_underline="#b86e00",
    keyword="#1d4f85", error="#a4262c", highlight_alpha=150,
    # Okabe-Ito hues (safe for the common colour-vision deficiencies), darkened to at
    # least 4.5:1 on the paper. "other" words (function words, punctuation) keep the ink.
    pos={
        "noun": "#0066a0",       # blue
        "verb": "#b04a00",       # vermillion
        "adjective": "#00795a",  # bluish green
        "proper": "#a2407e",     # reddish purple
        "number": "#7f5c00",     # ochre (Okabe-Ito orange, darkened)
    },
    entities={"PER": ("#c0508f", _DASHES["PER"]), "LOC": ("#009e73", _DASHES["LOC"]),
              "ORG": ("#0072b2", _DASHES["ORG"])},
)

# A soft warm dark, not black: black paper with white text glares over an afternoon.
DARK = Theme(
    name=DARK_NAME, ink="#e6e1d8", muted="#aba69d", accent="#7fb0e8", paper="#232220", panel="#1b1b1a",
    row_selected="#2c3d52", row_hover="#2a2926", rule="#34332f",
    card="#262523", card_selected="#2c3644", card_border="#3a3935", badge="#74591a",
    find_match="#5a4a14", find_current="#8a4f00", find_underline="#f0b050",
    keyword="#a9cdf5", error="#f08a8a",
    # Lower than in light: ink keeps >= 4.5:1 over any tag colour, even white (alpha 70).
    highlight_alpha=70,
    # The same hues, lightened to >= 4.5:1 on the dark paper.
    pos={"noun": "#6cb8f0", "verb": "#f39a62", "adjective": "#3fc79e", "proper": "#e58fc4", "number": "#e0b54a"},
    entities={"PER": ("#e58fc4", _DASHES["PER"]), "LOC": ("#3fc79e", _DASHES["LOC"]),
              "ORG": ("#6cb8f0", _DASHES["ORG"])},
)

THEMES = {LIGHT_NAME: LIGHT, DARK_NAME: DARK}

# resources/themes/light.qss is the one stylesheet; the dark one is made from it by
# swapping each of its colours for this one (a test checks every colour has its pair).
DARK_QSS = {
    "#f3f2ee": "#1b1b1a",  # panels
    "#dedbd3": "#34332f",  # borders, splitter
    "#1f2328": "#e6e1d8",  # ink
    "#e6e3db": "#2e2d2a",  # tool button hover
    "#dbe6f3": "#24384f",  # checked
    "#1d4f85": "#a9cdf5",  # checked text
    "#f8f7f4": "#1f1f1d",  # lists
    "#fcfbf8": "#232220",  # paper
    "#b9d3f0": "#2f4d6e",  # text selection
    "#ebe8e1": "#2e2d2a",  # header rule
    "#6a6f76": "#aba69d",  # muted
    "#8a8f96": "#8c877f",  # empty hints
    "#ffffff": "#2a2927",  # fields
    "#cfcac0": "#4a4843",  # field borders
    "#2b6cb0": "#7fb0e8",  # accent
    "#f0eee8": "#33322e",  # button hover
    "#a4262c": "#f08a8a",  # danger
    "#4a4f56": "#c2bdb4",  # status text
    "#7fa7d6": "#4f7fb5",  # progress
    "#e2dfd7": "#2e2d2a",  # rules
    "#f6f4ef": "#282725",  # alternate rows
    "#7a4b00": "#f0c674",  # notice text
    "#fff4d6": "#3a3020",  # notice background
    "#f0d9a0": "#6b5a2e",  # notice border
    "#9a9ea4": "#77736c",  # disabled text
}
_HEX = re.compile(r"#[0-9a-fA-F]{6}\b")

_theme = LIGHT
INK = QColor(LIGHT.ink)
MUTED = QColor(LIGHT.muted)
ACCENT = QColor(LIGHT.accent)
PAPER = QColor(LIGHT.paper)
PANEL = QColor(LIGHT.panel)
HIGHLIGHT_ALPHA = LIGHT.highlight_alpha


def set_theme(name: str) -> Theme:
    """Make `name` ("light" or "dark") the theme the module-level colours describe."""
    global _theme, INK, MUTED, ACCENT, PAPER, PANEL, HIGHLIGHT_ALPHA
    _theme = THEMES.get(name, LIGHT)
    INK, MUTED, ACCENT = QColor(_theme.ink), QColor(_theme.muted), QColor(_theme.accent)
    PAPER, PANEL = QColor(_theme.paper), QColor(_theme.panel)
    HIGHLIGHT_ALPHA = _theme.highlight_alpha
    return _theme


def theme() -> Theme:
    return _theme


def color(role: str) -> QColor:
    """A colour of the theme in use by its name in Theme: color("row_selected")."""
    return QColor(getattr(_theme, role))


def pos_colors() -> dict[str, str]:
    return dict(_theme.pos)


def entity_styles() -> dict[str, tuple[str, tuple[float, ...]]]:
    return dict(_theme.entities)


def is_dark() -> bool:
    return _theme.name == DARK_NAME


def _first_available(families: list[str]) -> list[str]:
    return list(_available(tuple(families)))


@functools.lru_cache(maxsize=16)
def _available(families: tuple[str, ...]) -> tuple[str, ...]:
    """Asked once per family list: the font database does not change while we run."""
    available = set(QFontDatabase.families())
    return tuple(f for f in families if f in available) or families


def reader_font(point_size: int = READER_POINT_SIZE, family: str | None = None) -> QFont:
    """The reading face; `family` first if given, our serif list behind it for glyphs it lacks."""
    font = QFont()
    families = _first_available(READER_FAMILIES)
    font.setFamilies([family, *(f for f in families if f != family)] if family else families)
    font.setPointSize(point_size)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def default_reader_family() -> str:
    """The family the reader uses when the user chose none (what Qt actually resolved)."""
    return QFontInfo(reader_font()).family()


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
    """Dark ink on light chips, white on dark ones, whatever the theme (chips keep their colour)."""
    return QColor(LIGHT.ink) if background.lightnessF() > 0.55 else QColor("#ffffff")


def relative_luminance(c: QColor) -> float:
    """WCAG 2 relative luminance of an opaque colour."""
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast_ratio(a: QColor, b: QColor) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def palette(t: Theme | None = None) -> QPalette:
    """The application palette of a theme (Fusion draws every widget from it)."""
    t = t or _theme
    dark = t.name == DARK_NAME
    field_bg = QColor(DARK_QSS["#ffffff"]) if dark else QColor("#ffffff")
    button = QColor("#2c2b28") if dark else QColor("#f7f6f2")
    disabled = QColor("#77736c") if dark else QColor("#9a9ea4")
    roles = QPalette.ColorRole
    p = QPalette()
    for role, value in [
        (roles.Window, QColor(t.panel)), (roles.WindowText, QColor(t.ink)),
        (roles.Base, field_bg), (roles.AlternateBase, QColor(DARK_QSS["#f6f4ef"] if dark else "#f6f4ef")),
        (roles.Text, QColor(t.ink)), (roles.PlaceholderText, QColor(t.muted)),
        (roles.Button, button), (roles.ButtonText, QColor(t.ink)), (roles.BrightText, QColor("#ffffff")),
        (roles.ToolTipBase, QColor(t.card)), (roles.ToolTipText, QColor(t.ink)),
        (roles.Highlight, QColor(DARK_QSS["#b9d3f0"] if dark else "#b9d3f0")),
        (roles.HighlightedText, QColor(t.ink)),
        (roles.Link, QColor(t.accent)), (roles.LinkVisited, QColor(t.keyword)),
        (roles.Accent, QColor(t.accent)),
        # Fusion draws bevels and frames from these.
        (roles.Light, button.lighter(125)), (roles.Midlight, button.lighter(110)),
        (roles.Mid, button.darker(130)), (roles.Dark, button.darker(160)),
        (roles.Shadow, QColor("#000000") if dark else QColor("#7a766e")),
    ]:
        p.setColor(role, value)
    for role in (roles.WindowText, roles.Text, roles.ButtonText, roles.HighlightedText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    # A disabled field or button has no white face of its own: it sinks into the panel.
    for role in (roles.Base, roles.Button):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(t.panel))
    return p


def stylesheet(t: Theme | None = None) -> str:
    """light.qss, or its dark counterpart (each colour swapped through DARK_QSS)."""
    path = paths.resources_dir() / "themes" / "light.qss"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    if (t or _theme).name != DARK_NAME:
        return text
    return _HEX.sub(lambda m: DARK_QSS.get(m.group(0).lower(), m.group(0)), text)
