"""Reading comfort: the reading settings stored and read back, applied to the reader in
place (font, line spacing, title, reading position, selection, highlights), the light and
dark themes (contrast measured here with WCAG's formula), following the system's colour
scheme, and the settings dialog (Cancel puts everything back)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QTextBlockFormat
from PySide6.QtWidgets import QApplication

from desktop_app import paths
from desktop_app.core.annotate.highlights import PALETTE, HighlightInfo, TagInfo
from desktop_app.ui.app import make_application
from desktop_app.ui.dialogs.reading_settings import ReadingSettingsDialog
from desktop_app.ui.reader.view import ReaderView
from desktop_app.ui.theme import appearance, style
from desktop_app.ui.theme.appearance import Appearance, ReadingSettings

TITLE = "Ban Tổ chức Trung ương tổng kết năm"
PARAGRAPH = "Ban Tổ chức Trung ương họp bàn công tác cán bộ 😀 năm nay, tại Hà Nội. " * 12
TEXT = TITLE + "\n\n" + "\n\n".join(f"{n}. {PARAGRAPH}" for n in range(120))
NOW = datetime(2024, 1, 1, tzinfo=timezone.utc)


def luminance(color: str | QColor) -> float:
    c = QColor(color)
    def lin(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    return 0.2126 * lin(c.red()) + 0.7152 * lin(c.green()) + 0.0722 * lin(c.blue())


def contrast(a: str | QColor, b: str | QColor) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def over(color: str, alpha: int, paper: str) -> QColor:
    """`color` at `alpha` painted on `paper`, as QPainter blends it."""
    c, p, a = QColor(color), QColor(paper), alpha / 255
    return QColor(*(round(a * x + (1 - a) * y) for x, y in
                    ((c.red(), p.red()), (c.green(), p.green()), (c.blue(), p.blue()))))


@pytest.fixture(autouse=True)
def light_again(monkeypatch):
    """Each test starts and leaves the application light, with no theme forced."""
    monkeypatch.delenv(appearance.THEME_ENV, raising=False)
    app = make_application()
    appearance.apply_theme(app, appearance.LIGHT)
    yield
    QGuiApplication.styleHints().unsetColorScheme()
    appearance.apply_theme(app, appearance.LIGHT)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def reader(qtbot) -> ReaderView:
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    view.set_article(TEXT, (0, len(TITLE)))
    return view


def block_at(reader: ReaderView, offset: int):
    return reader.document().findBlock(reader._offsets.to_utf16(offset))


# --- the settings ----------------------------------------------------------------------
def test_settings_round_trip(settings):
    family = appearance.vietnamese_families()[-1]
    chosen = ReadingSettings(family, 18, 190, appearance.DARK)
    appearance.save(settings, chosen)
    settings.sync()
    again = QSettings(settings.fileName(), QSettings.Format.IniFormat)  # read from the file: strings
    assert appearance.load(again) == chosen


def test_nothing_stored_gives_the_defaults(settings):
    loaded = appearance.load(settings)
    assert loaded == appearance.defaults()
    assert (loaded.font_size, loaded.line_spacing, loaded.theme) == (style.READER_POINT_SIZE, 160, "system")
    assert loaded.font_family == style.default_reader_family()


@pytest.mark.parametrize("key, value", [
    (appearance.FAMILY_KEY, "No Such Font Family"),
    (appearance.FAMILY_KEY, 12),
    (appearance.SIZE_KEY, "huge"),
    (appearance.SIZE_KEY, 4),
    (appearance.SIZE_KEY, 99),
    (appearance.SPACING_KEY, "1.5"),
    (appearance.SPACING_KEY, 40),
    (appearance.SPACING_KEY, 500),
    (appearance.THEME_KEY, "purple"),
    (appearance.THEME_KEY, ""),
])
def test_bad_stored_values_fall_back_to_the_default_silently(settings, key, value):
    settings.setValue(key, value)
    assert appearance.load(settings) == appearance.defaults()


def test_the_font_list_has_vietnamese_fonts_default_first():
    families = appearance.vietnamese_families()
    assert families[0] == style.default_reader_family()
    assert len(families) == len(set(families))


def test_bigger_smaller_and_reset_stay_in_range_and_are_saved(qtbot, settings, reader):
    looks = Appearance(settings, reader)
    looks.attach(reader)
    looks.bigger()
    assert reader.font().pointSize() == style.READER_POINT_SIZE + 1
    assert int(settings.value(appearance.SIZE_KEY)) == style.READER_POINT_SIZE + 1
    for _ in range(40):
        looks.bigger()
    assert looks.current().font_size == appearance.MAX_SIZE
    for _ in range(40):
        looks.smaller()
    assert looks.current().font_size == appearance.MIN_SIZE
    looks.reset_size()
    assert reader.font().pointSize() == style.READER_POINT_SIZE


# --- the reader ------------------------------------------------------------------------
def test_a_new_font_and_line_spacing_change_the_document_in_place(reader):
    doc = reader.document()
    body = block_at(reader, TEXT.index("7. "))
    assert body.blockFormat().lineHeight() == 160
    font = style.reader_font(20)
    reader.set_reading_style(font, 200)
    assert reader.document() is doc  # not rebuilt
    assert doc.defaultFont().pointSize() == 20
    body = block_at(reader, TEXT.index("7. "))
    assert body.blockFormat().lineHeight() == 200
    assert body.blockFormat().lineHeightType() == QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
    blank = block_at(reader, TEXT.index("\n\n1. ") + 1)
    assert blank.text() == "" and blank.blockFormat().lineHeightType() == QTextBlockFormat.LineHeightTypes.FixedHeight.value
    # The title keeps its size relative to the text, and its own tighter lines.
    title = block_at(reader, 0)
    assert {round(f.charFormat().fontPointSize(), 1) for f in _fragments(title)} == {20 * 1.6}
    assert title.blockFormat().lineHeight() == 125
    # Another article opened afterwards gets the same style.
    reader.set_article(TEXT, (0, len(TITLE)))
    assert block_at(reader, TEXT.index("7. ")).blockFormat().lineHeight() == 200
    assert {round(f.charFormat().fontPointSize(), 1) for f in _fragments(block_at(reader, 0))} == {32.0}


def _fragments(block):
    it = block.begin()
    while not it.atEnd():
        yield it.fragment()
        it += 1


def test_the_text_at_the_top_of_the_view_stays_there(reader):
    bar = reader.verticalScrollBar()
    start = TEXT.index("60. ")
    reader.scroll_to_offsets(start, start + 3, flash=False)
    before = reader.offset_at(QPoint(0, 0))
    assert before > len(TEXT) // 3
    for size, spacing in ((22, 210), (11, 110), (16, 160)):
        reader.set_reading_style(style.reader_font(size), spacing)
        after = reader.offset_at(QPoint(0, 0))
        # The line that was at the top is at the top: at most a line's worth of text away.
        assert abs(after - before) < 120, (size, spacing, before, after)
        assert bar.value() > 0


def test_selection_and_highlights_survive_a_new_style(reader):
    start = TEXT.index("30. ")
    tags = (TagInfo(1, "Mã", "#ffd166"),)
    reader.set_highlights([HighlightInfo(1, 1, start, start + 20, TEXT[start:start + 20], "", tags, NOW, NOW)])
    reader.select_offsets(start + 5, start + 40)
    painted = len(reader.extraSelections())
    reader.set_reading_style(style.reader_font(18), 180)
    assert reader.selected_offsets() == (start + 5, start + 40)
    assert len(reader.extraSelections()) == painted
    assert reader.text() == TEXT


# --- themes --------------------------------------------------------------------------
def test_dark_theme_darkens_the_whole_application(qtbot, settings, reader):
    settings.setValue(appearance.THEME_KEY, appearance.DARK)
    looks = Appearance(settings, reader)
    looks.attach(reader)
    app = QApplication.instance()
    pal = app.palette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        assert luminance(pal.color(role)) < 0.05, role
    assert contrast(pal.color(QPalette.ColorRole.WindowText), pal.color(QPalette.ColorRole.Window)) >= 7
    # The reader's paper is a soft dark, not black, and its ink reads at >= 4.5:1.
    paper = reader.viewport().palette().color(QPalette.ColorRole.Base)
    assert paper.name() == style.DARK.paper
    assert 0.005 < luminance(paper) < 0.05
    assert contrast(style.DARK.ink, paper) >= 4.5
    assert "#fcfbf8" not in app.styleSheet() and style.DARK.paper in app.styleSheet()


@pytest.mark.parametrize("theme", [style.LIGHT, style.DARK], ids=lambda t: t.name)
def test_text_colours_of_each_theme_read_at_4_5_to_1_on_its_paper(theme):
    assert contrast(theme.ink, theme.paper) >= 4.5
    assert contrast(theme.muted, theme.paper) >= 4.5
    assert contrast(theme.ink, theme.panel) >= 4.5
    for cls, color in theme.pos.items():
        assert contrast(color, theme.paper) >= 4.5, cls
    # Entity dashes are lines, not text: WCAG asks 3:1 of graphics; the dark ones give 4.5.
    for label, (color, _dashes) in theme.entities.items():
        assert contrast(color, theme.paper) >= (4.5 if theme is style.DARK else 3), label
    # Ink over any tag colour as the reader fills highlights (white is the worst case).
    for tag in (*PALETTE, "#ffffff"):
        fill = over(tag, theme.highlight_alpha, theme.paper)
        assert contrast(theme.ink, fill) >= 4.5, tag


@pytest.mark.parametrize("theme", [style.LIGHT, style.DARK], ids=lambda t: t.name)
def test_ink_reads_on_every_background_the_views_paint(theme):
    for role in ("paper", "panel", "row_selected", "row_hover", "card", "card_selected", "badge",
                 "find_match", "find_current"):
        assert contrast(theme.ink, getattr(theme, role)) >= 4.5, role
    for role in ("paper", "panel", "card"):
        assert contrast(theme.muted, getattr(theme, role)) >= 4.5, role
    assert contrast(theme.keyword, theme.paper) >= 4.5
    assert contrast(theme.error, theme.panel) >= 4.5


def test_the_reader_takes_the_dark_word_colours(qtbot, settings, reader):
    looks = Appearance(settings, reader)
    looks.attach(reader)
    reader.set_show_pos(True)
    start = TEXT.index("Hà Nội")
    reader.set_pos([(start, start + 6, "Np")])
    def colour_of_ha_noi() -> str:
        block = block_at(reader, start)
        return {r.format.foreground().color().name() for r in block.layout().formats()}.pop()
    assert colour_of_ha_noi() == style.LIGHT.pos["proper"]
    looks.set_current(replace(looks.current(), theme=appearance.DARK))
    assert colour_of_ha_noi() == style.DARK.pos["proper"]
    assert style.entity_styles()["LOC"][0] == style.DARK.entities["LOC"][0]


def test_every_stylesheet_colour_has_a_dark_counterpart():
    light = (paths.resources_dir() / "themes" / "light.qss").read_text(encoding="utf-8")
    colours = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{3,8}\b", light)}
    assert colours <= set(style.DARK_QSS), colours - set(style.DARK_QSS)
    assert "rgb" not in light.lower()  # a colour the swap would not see
    dark = style.stylesheet(style.DARK)
    assert not {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b", dark)} & (colours - set(style.DARK_QSS.values()))
    assert dark.count("{") == light.count("{")  # the same rules, only colours differ


def test_system_follows_the_colour_scheme_as_it_changes(qtbot, settings, reader):
    looks = Appearance(settings, reader)
    looks.attach(reader)
    assert looks.current().theme == appearance.SYSTEM
    # Offscreen Qt cannot switch the scheme itself: call the handler as the signal would.
    looks.on_color_scheme_changed(Qt.ColorScheme.Dark)
    assert style.is_dark()
    assert luminance(QApplication.instance().palette().color(QPalette.ColorRole.Window)) < 0.05
    assert {f.foreground().color().name() for f in reader._pos_formats.values()} == set(style.DARK.pos.values())
    looks.on_color_scheme_changed(Qt.ColorScheme.Light)
    assert not style.is_dark()
    # An explicit choice is not overridden by the system.
    looks.set_current(replace(looks.current(), theme=appearance.LIGHT))
    looks.on_color_scheme_changed(Qt.ColorScheme.Dark)
    assert not style.is_dark()


def test_the_environment_variable_forces_a_theme(monkeypatch, settings):
    monkeypatch.setenv(appearance.THEME_ENV, "dark")
    assert appearance.resolve_theme(appearance.LIGHT) == appearance.DARK
    settings.setValue(appearance.THEME_KEY, appearance.LIGHT)
    make_application(settings=settings)
    assert style.is_dark()
    monkeypatch.setenv(appearance.THEME_ENV, "sepia")  # not a theme: the choice stands
    assert appearance.resolve_theme(appearance.LIGHT) == appearance.LIGHT


def test_make_application_applies_the_stored_theme_before_any_window(settings):
    settings.setValue(appearance.THEME_KEY, appearance.DARK)
    app = make_application(settings=settings)
    assert style.is_dark() and app.palette().color(QPalette.ColorRole.Window).name() == style.DARK.panel


# --- the dialog ------------------------------------------------------------------------
def test_dialog_tries_values_live_and_cancel_puts_everything_back(qtbot, settings, reader):
    looks = Appearance(settings, reader)
    looks.attach(reader)
    before = looks.current()
    dialog = ReadingSettingsDialog(looks)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.size_box.setValue(21)
    dialog.spacing_box.setValue(200)
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData(appearance.DARK))
    # The sample at once, the article and the theme once the changes pause.
    assert dialog.preview.font().pointSize() == 21
    qtbot.waitUntil(lambda: reader.font().pointSize() == 21 and style.is_dark())
    assert block_at(reader, TEXT.index("7. ")).blockFormat().lineHeight() == 200
    dialog.reject()
    assert looks.current() == before
    assert reader.font().pointSize() == before.font_size and not style.is_dark()
    assert block_at(reader, TEXT.index("7. ")).blockFormat().lineHeight() == before.line_spacing
    assert settings.value(appearance.SIZE_KEY) is None  # nothing was saved


def test_dialog_ok_keeps_and_saves_the_choice(qtbot, settings, reader):
    looks = Appearance(settings, reader)
    looks.attach(reader)
    dialog = ReadingSettingsDialog(looks)
    qtbot.addWidget(dialog)
    dialog.size_box.setValue(17)
    dialog.spacing_slider.setValue(130)  # the slider and the spin box are one value
    assert dialog.spacing_box.value() == 130
    dialog.accept()
    assert reader.font().pointSize() == 17
    assert appearance.load(settings) == replace(appearance.defaults(), font_size=17, line_spacing=130)


def test_dialog_is_keyboard_reachable(qtbot, settings, reader):
    looks = Appearance(settings, reader)
    dialog = ReadingSettingsDialog(looks)
    qtbot.addWidget(dialog)
    fields = [dialog.family_box, dialog.size_box, dialog.spacing_box, dialog.theme_box]
    for field in fields:
        assert field.focusPolicy() & Qt.FocusPolicy.TabFocus
    # Every field has a label with an Alt+letter mnemonic, each letter different.
    from PySide6.QtWidgets import QLabel
    labels = {label.buddy(): label.text() for label in dialog.findChildren(QLabel) if label.buddy()}
    assert set(labels) == set(fields)
    letters = [re.search(r"&(\w)", text).group(1).lower() for text in labels.values()]
    assert len(set(letters)) == len(letters)
    assert not dialog.preview.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_a_bigger_font_in_the_window_keeps_the_place_and_lays_the_text_out(open_window, qtbot):
    """A sample article as the window shows it (title, hidden web leftovers, highlights),
    the font alone changes. Re-styling the title while Qt was re-laying the text out for
    the new font once left the document half laid out, for good: the view jumped to the
    end and hit tests answered the end of the text."""
    window = open_window()
    reader = window.reader
    looks = window.appearance
    bar = reader.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    before = reader.offset_at(QPoint(0, 0))
    height = reader.document().documentLayout().documentSize().height()
    looks.bigger()
    assert abs(reader.offset_at(QPoint(0, 0)) - before) < 120
    assert reader.document().documentLayout().documentSize().height() > height


def test_the_window_changes_text_size_from_keys_and_ctrl_wheel_and_remembers_it(open_window, qtbot):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtTest import QTest

    window = open_window()
    size = window.reader.font().pointSizeF()
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.font().pointSizeF() > size
    bigger = window.reader.font().pointSizeF()

    def wheel(dy: int) -> None:
        centre = QPointF(window.reader.viewport().rect().center())
        event = QWheelEvent(centre, window.reader.viewport().mapToGlobal(centre), QPoint(0, 0), QPoint(0, dy),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                            Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(window.reader.viewport(), event)

    scroll = window.reader.verticalScrollBar().value()
    wheel(-120)
    wheel(-120)
    assert window.reader.font().pointSizeF() < bigger
    assert window.reader.verticalScrollBar().value() <= scroll + 5  # zoomed, not scrolled down
    chosen = window.reader.font().pointSizeF()
    window.close()
    again = open_window()
    assert again.reader.font().pointSizeF() == chosen
    assert "Reading settings…" in [a.text() for a in again.menuBar().actions()[2].menu().actions()]


def test_greyed_web_leftovers_take_the_new_themes_grey(open_window, qtbot):
    from desktop_app.core.library.articles import get_article, list_articles

    window = open_window()
    window.commands.act_show_hidden.setChecked(True)
    article = next(a.id for a in list_articles(window.db) if get_article(window.db, a.id).hidden_spans)
    window.library.select_article(article)
    start, _end = window.current.hidden_spans[0]

    def grey() -> QColor:
        cursor = window.reader._cursor_for(start + 1, start + 1)
        return cursor.charFormat().foreground().color()

    assert grey() == style.MUTED
    window.appearance.set_current(replace(window.appearance.current(), theme="dark"))
    assert style.is_dark() and grey() == style.MUTED
