"""The matching levels in the reader's Find, the highlight panel's filter and the tag
picker, with Vietnamese minimal pairs (core rule: core/text/matching.py)."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop_app.core.annotate.highlights import TagInfo, match_tags
from desktop_app.core.annotate.records import HighlightInfo
from desktop_app.core.text.matching import MatchLevel
from desktop_app.ui.dialogs.tag_dialog import TagDialog
from desktop_app.ui.panel.cards import HighlightListModel
from desktop_app.ui.reader.find_bar import FindBar

TEXT = ("Nhà máy thủy điện và Thụy Điển. Có thể rèn cơ thể. Người ăn cơm nguội. "
        "Vì hòa bình, Hoà Bình. Sức khỏe, sức khoẻ. Đảng đang đáng.")
NOW = datetime(2024, 1, 1, tzinfo=timezone.utc)


def test_find_bar_follows_the_query_and_the_choice(qtbot):
    bar = FindBar()
    qtbot.addWidget(bar)
    bar.set_text(TEXT)
    bar.open_bar()

    def found(query: str) -> list[str]:
        bar.field.setText(query)
        return [TEXT[s:e] for s, e in bar.matches]

    assert found("thủy điện") == ["thủy điện"] and bar.match_level.level() is MatchLevel.WORD
    assert found("thuy dien") == ["thủy điện", "Thụy Điển"] and bar.match_level.level() is MatchLevel.NONE
    assert found("có thể") == ["Có thể"]
    assert found("người") == ["Người"]
    assert found("hòa bình") == ["hòa bình", "Hoà Bình"]
    assert found("sức khoẻ") == ["Sức khỏe", "sức khoẻ"]
    assert found("đang") == ["đang"]
    # The user's pick holds while typing goes on.
    combo = bar.match_level
    combo.setCurrentIndex(combo.findData(MatchLevel.EXACT.value))
    combo.activated.emit(combo.currentIndex())
    assert [TEXT[s:e] for s, e in bar.matches] == ["đang"]
    assert found("Hoà Bình") == ["Hoà Bình"] and combo.level() is MatchLevel.EXACT
    combo.setCurrentIndex(combo.findData(MatchLevel.NONE.value))
    combo.activated.emit(combo.currentIndex())
    assert [TEXT[s:e] for s, e in bar.matches] == ["hòa bình", "Hoà Bình"]
    assert found("dang") == ["Đảng", "đang", "đáng"]
    assert found("") == [] and combo.level() is MatchLevel.NONE and combo.auto


def highlight(i: int, quote: str, tag: str = "A") -> HighlightInfo:
    return HighlightInfo(i, 1, 0, len(quote), quote, "", (TagInfo(1, tag, "#ffd166"),), NOW, NOW)


def test_panel_filter_at_the_query_level(qtbot):
    model = HighlightListModel()
    quotes = ["thủy điện", "Thụy Điển", "có thể", "cơ thể", "người", "nguội", "hòa bình",
              "hoà bình", "sức khỏe", "sức khoẻ", "Đảng", "đang", "đáng"]
    model.set_highlights([highlight(i, q) for i, q in enumerate(quotes)])

    def shown(text: str) -> list[str]:
        model.set_filter(text)
        return [h.quote for h in model.rows()]

    assert shown("thủy điện") == ["thủy điện"]
    assert shown("thuy dien") == ["thủy điện", "Thụy Điển"]
    assert shown("cơ thể") == ["cơ thể"]
    assert shown("nguội") == ["nguội"]
    assert shown("hoà bình") == ["hòa bình", "hoà bình"]
    assert shown("sức khỏe") == ["sức khỏe", "sức khoẻ"]
    assert shown("Đảng") == ["Đảng"]
    assert shown("dang") == ["Đảng", "đang", "đáng"]


def test_tag_picker_offers_and_reuses_at_the_query_level(qtbot):
    tags = [TagInfo(i, name, "#ffd166") for i, name in enumerate(
        ["Thủy điện", "Thụy Điển", "Hoà bình", "Sức khỏe", "Đảng", "đáng chú ý"], 1)]
    names = lambda typed: [t.name for t in match_tags(tags, typed)]  # noqa: E731
    assert names("thủy") == ["Thủy điện"]
    assert names("thuy") == ["Thủy điện", "Thụy Điển"]
    assert names("hòa bình") == ["Hoà bình"]
    assert names("sức khoẻ") == ["Sức khỏe"]
    assert names("đảng") == ["Đảng"]
    assert names("dang") == ["Đảng", "đáng chú ý"]
    assert names("Đ") == ["Đảng", "Thụy Điển", "đáng chú ý", "Thủy điện"]  # as typed first, then prefixes
    assert [t.name for t in match_tags(tags, "Đảng", MatchLevel.NONE)] == ["Đảng", "đáng chú ý"]

    dialog = TagDialog(tags, [], "trích dẫn")
    qtbot.addWidget(dialog)
    for typed in ("hòa bình", "đang", "thụy điển"):
        dialog.input.setText(typed)
        QTest.keyClick(dialog.input, Qt.Key.Key_Return)
    # Same word: the existing tag is ticked; đang is not Đảng: a new tag.
    assert set(dialog.selected_tags()) == {"Hoà bình", "đang", "Thụy Điển"}
