"""The matching level picker on the surfaces that had none (library search, highlight
panel filter, tag picker, coded-passages filter), with the Vietnamese minimal pairs:
thủy điện/Thụy Điển, có thể/cơ thể, người/nguội, hòa bình/hoà bình. Each picker follows
the query until the user picks a level; the pick then holds while typing goes on."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from desktop_app.core.annotate.records import HighlightInfo, TagInfo
from desktop_app.core.storage.database import Database
from desktop_app.core.text.matching import MatchLevel
from desktop_app.ui.analysis.passages_form import PassageFilters
from desktop_app.ui.common.match_level import MatchLevelButton, MatchLevelCombo
from desktop_app.ui.dialogs.tag_dialog import TagDialog
from desktop_app.ui.library.pane import LibraryPane
from desktop_app.ui.library.search_results import HIT_ROLE
from desktop_app.ui.panel.pane import AnnotationPane
from tests.core.analysis_library import add_article

EXACT, WORD, NONE = MatchLevel.EXACT, MatchLevel.WORD, MatchLevel.NONE
NOW = datetime(2024, 1, 1, tzinfo=timezone.utc)
TEXTS = {
    "thuy1": "Nhà máy thủy điện Sơn La phát điện.",
    "sweden": "Thụy Điển là một nước Bắc Âu.",
    "thuy2": "Nhà máy Thuỷ điện Trị An khánh thành.",
    "cothe": "Chúng ta có thể làm được.",
    "body": "Rèn luyện cơ thể mỗi ngày.",
    "nguoi": "Người dân vui mừng.",
    "cold": "Cơm đã nguội rồi.",
    "peace1": "Vì hòa bình thế giới.",
    "peace2": "Vì hoà bình và an ninh.",
}


def pick(picker: MatchLevelCombo | MatchLevelButton, level: MatchLevel) -> None:
    """What a user's choice in the drop-down or the field's menu does."""
    if isinstance(picker, MatchLevelButton):
        picker.actions[level].trigger()
        return
    picker.setCurrentIndex(picker.findData(level.value))
    picker.activated.emit(picker.currentIndex())


@pytest.fixture
def pane(qtbot, tmp_path: Path):
    db = Database.open(tmp_path / "t.sqlite3")
    ids = {add_article(db, text, f"Bài số {i}"): name for i, (name, text) in enumerate(TEXTS.items())}
    pane = LibraryPane(db)
    qtbot.addWidget(pane)
    pane.names = ids
    yield pane
    db.close()


def test_library_search_follows_the_query_and_the_picked_level(pane, qtbot):
    def found(query: str | None = None, level: MatchLevel | None = None) -> list[str]:
        with qtbot.waitSignal(pane.searched, timeout=10_000):
            if level is not None:
                pick(pane.match_level, level)
            else:
                pane.search_box.setText(query)
                pane.run_search()
        return [pane.names[pane.hits.index(r).data(HIT_ROLE).article_id] for r in range(pane.hits.rowCount())]

    assert sorted(found("thủy điện")) == ["thuy1", "thuy2"] and pane.match_level.level() is WORD
    assert found(level=NONE) == ["thuy1", "thuy2", "sweden"]  # closer matches first
    assert found(level=EXACT) == ["thuy1"]
    assert found("Thụy Điển") == ["sweden"] and pane.match_level.level() is EXACT  # the pick holds
    pane.search_box.clear()  # an empty field gives the choice back to the query
    assert sorted(found("co the")) == ["body", "cothe"]
    assert pane.match_level.level() is NONE and pane.match_level.auto
    assert found("có thể") == ["cothe"]
    assert found("người") == ["nguoi"]
    assert sorted(found("nguoi")) == ["cold", "nguoi"]
    assert found("hòa bình") == ["peace1", "peace2"]  # as typed first
    assert found(level=EXACT) == ["peace1"]


def highlight(i: int, quote: str) -> HighlightInfo:
    return HighlightInfo(i, 1, 100 * i, 100 * i + len(quote), quote, "", (TagInfo(1, "A", "#ffd166"),), NOW, NOW)


def test_panel_filter_has_a_picker(qtbot):
    panel = AnnotationPane()
    qtbot.addWidget(panel)
    panel.set_highlights([highlight(i, q) for i, q in enumerate(TEXTS.values())])

    def shown() -> list[str]:
        return [h.quote for h in panel.model.rows()]

    panel.filter_text.setText("thủy điện")
    assert shown() == [TEXTS["thuy1"], TEXTS["thuy2"]] and panel.filter_level.level() is WORD
    pick(panel.filter_level, NONE)
    assert shown() == [TEXTS["thuy1"], TEXTS["sweden"], TEXTS["thuy2"]]
    pick(panel.filter_level, EXACT)
    assert shown() == [TEXTS["thuy1"]]
    panel.filter_text.setText("hoà bình")
    assert shown() == [TEXTS["peace2"]]  # exact still: hòa is another spelling
    panel.filter_text.clear()
    panel.filter_text.setText("có thể")
    assert shown() == [TEXTS["cothe"]] and panel.filter_level.level() is WORD
    panel.filter_text.setText("người")
    assert shown() == [TEXTS["nguoi"]]
    panel.filter_text.setText("hoà bình")
    assert shown() == [TEXTS["peace1"], TEXTS["peace2"]]


def test_tag_picker_completes_and_reuses_at_the_picked_level(qtbot):
    tags = [TagInfo(i, name, "#ffd166") for i, name in enumerate(
        ["Thủy điện", "Thụy Điển", "Hoà bình", "Có thể", "Cơ thể", "Người", "Nguội"], 1)]
    dialog = TagDialog(tags, [], "trích dẫn")
    qtbot.addWidget(dialog)

    def offered(typed: str) -> list[str]:
        dialog.input.clear()
        dialog.input.setText(typed)
        dialog._update_completions(typed)  # what textEdited does as the user types
        return dialog._completion_model.stringList()

    assert offered("thủy điện") == ["Thủy điện"] and dialog.match_level.level() is WORD
    assert offered("cơ thể") == ["Cơ thể"] and offered("người") == ["Người"]
    assert offered("hòa bình") == ["Hoà bình"]
    assert offered("co the") == ["Có thể", "Cơ thể"] and dialog.match_level.level() is NONE
    dialog.input.setText("thụy điển")
    pick(dialog.match_level, NONE)
    assert dialog._completion_model.stringList() == ["Thụy Điển", "Thủy điện"]  # as typed first
    dialog.input.setText("hòa bình")
    pick(dialog.match_level, EXACT)
    assert dialog._completion_model.stringList() == []
    dialog._add_typed()  # exact: hòa bình is not the tag Hoà bình, so a new tag
    dialog.input.setText("nguội")
    pick(dialog.match_level, WORD)
    dialog._add_typed()
    assert set(dialog.selected_tags()) == {"hòa bình", "Nguội"}


def test_passages_filter_sends_the_picked_level(qtbot):
    form = PassageFilters(lambda: [], lambda _name: [])
    qtbot.addWidget(form)
    form.set_tags([TagInfo(1, "A", "#ffd166")])
    form.tags.set_checked(("A",), ())
    form.text.setText("thủy điện")
    assert form.query().match is WORD
    form.text.setText("thuy dien")
    assert form.query().match is NONE
    with qtbot.waitSignal(form.changed):
        pick(form.match_level, EXACT)
    form.text.setText("Thụy Điển")
    assert form.query().match is EXACT and form.query().text == "Thụy Điển"


def test_the_field_button_shows_the_level_and_opens_its_menu(qtbot):
    from PySide6.QtWidgets import QLineEdit

    field = QLineEdit()
    qtbot.addWidget(field)
    picker = MatchLevelButton(field)
    field.textChanged.connect(picker.follow)
    field.setText("hoà bình")
    assert picker.level() is WORD and picker.actions[WORD].isChecked() and "Same word" in picker.button.toolTip()
    field.setText("hoa binh")
    assert picker.level() is NONE and picker.actions[NONE].isChecked()
    with qtbot.waitSignal(picker.chosen):
        pick(picker, EXACT)
    field.setText("hoà bình")
    assert picker.level() is EXACT and not picker.auto and "Exact" in picker.button.toolTip()
    picker.button.trigger()
    qtbot.waitUntil(picker.menu.isVisible)
    picker.menu.hide()
