"""One change pipeline in the window: every change, undo and redo is published on the
window's ChangeBus and each view updates itself from it, overlap marks included."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QApplication

from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.ui.reader import overlap_marks
from tests.ui.test_highlighting import open_article_containing

PHRASE = "Ban Tổ chức Trung ương"
OUTER, INNER = "#ffd166", "#8ecae6"


class PaintedRegion(QObject):
    """The part of a widget Qt repaints: what the user sees change."""

    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.region = QRegion()
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            self.region = self.region.united(event.region())
        return False


def marks(window, monkeypatch) -> dict[str, set[tuple[int, int]]]:
    """A point on each overlap line and margin stripe the reader paints, by colour."""
    QApplication.processEvents()  # laid out and scrolled first
    found: dict[str, set[tuple[int, int]]] = {}
    monkeypatch.setattr(overlap_marks, "draw_line", lambda p, x1, x2, y, color, lane: found.setdefault(
        color, set()).add((int((x1 + x2) / 2), int(y))))
    monkeypatch.setattr(overlap_marks, "draw_stripe", lambda p, x, top, bottom, color, lane, overlapping: found.setdefault(
        color, set()).add((int(x), int((top + bottom) / 2))))
    window.reader.viewport().repaint()
    return found


def repainted_after(window, action) -> QRegion:
    QApplication.processEvents()
    painted = PaintedRegion(window.reader.viewport())
    action()
    QApplication.processEvents()
    return painted.region


def test_undo_and_redo_of_one_of_two_overlapping_highlights_repaint_its_marks(open_window, monkeypatch):
    window = open_window()
    start = open_article_containing(window, PHRASE)
    service = AnnotationService(window.db)
    service.create_tag("Ngoài", OUTER)
    service.create_tag("Trong", INNER)
    window.reader.select_offsets(start, start + len(PHRASE))
    outer = window.highlight_selection(["Ngoài"])
    window.reader.select_offsets(start + 4, start + 11)
    inner = window.highlight_selection(["Trong"])
    window.reader.scroll_to_offsets(start, start + 1, flash=False)
    assert set(window.reader.overlap_lanes()) == {outer.id, inner.id}
    before = marks(window, monkeypatch)
    assert len(before[OUTER]) >= 2 and len(before[INNER]) >= 2  # a line and a stripe each

    region = repainted_after(window, window.commands.act_undo.trigger)  # the inner highlight goes
    assert [h.id for h in window.panel.model.highlights()] == [outer.id]
    assert window.reader.overlap_lanes() == {}
    for x, y in before[INNER] | before[OUTER]:  # its marks, and the outer one's line, are redrawn
        assert region.contains(QPoint(x, y)), (x, y)
    after_undo = marks(window, monkeypatch)
    assert INNER not in after_undo and len(after_undo[OUTER]) == 1  # a quiet stripe only

    region = repainted_after(window, window.commands.act_redo.trigger)  # back: fill and lane both
    assert set(window.reader.overlap_lanes()) == {outer.id, inner.id}
    for x, y in before[INNER] | before[OUTER]:
        assert region.contains(QPoint(x, y)), (x, y)
    again = marks(window, monkeypatch)
    assert again == before


def test_one_new_highlight_is_put_in_place_and_a_batch_undone_reloads(open_window, qtbot):
    """A single change updates the cards in place (no reset of thousands of rows); undoing
    a batch of many brings every view back in one reload; the palette counts follow."""
    window = open_window()
    start = open_article_containing(window, PHRASE)
    article_id = window.current.id
    text = window.current.text
    words = [i for i in range(1, len(text) - 2) if text[i - 1] == " " and text[i:i + 2].isalpha()
             and not start - 2 <= i <= start + len(PHRASE)][:30]
    items = [(article_id, i, i + 2) for i in words]  # 30: more than are put in place one by one
    made = window.create_highlights(items, ["Lô"])
    assert len(made) == 30 and len(window.panel.model.highlights()) == 30
    assert len(window.reader._highlights) == 30

    resets, inserted = [], []
    window.panel.model.modelReset.connect(lambda: resets.append(1))
    window.panel.model.rowsInserted.connect(lambda *_: inserted.append(1))
    window.reader.select_offsets(start, start + len(PHRASE))
    info = window.highlight_selection(["Lô"])
    assert resets == [] and inserted == [1]
    assert window.panel.selected_id() == info.id and window.reader.selected_offsets() is None
    count = next(t.count for t in window.panel.tag_model.rows() if t.name == "Lô")
    assert count == 31

    window.commands.act_undo.trigger()  # the single one
    window.commands.act_undo.trigger()  # the batch of 30
    assert window.panel.model.highlights() == [] and window.reader._highlights == []
    assert all(t.count == 0 for t in window.panel.tag_model.rows() if t.name == "Lô")
    window.commands.act_redo.trigger()
    assert len(window.panel.model.highlights()) == 30 == len(window.reader._highlights)
