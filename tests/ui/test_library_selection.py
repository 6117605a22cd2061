"""Issue 14, 7: an article opened from the concordance or a search hit is the one the
library list selects (and paints selected), never the previous article."""

from __future__ import annotations

from desktop_app.ui.library.article_list import ID_ROLE
from desktop_app.ui.library.search_results import HIT_ROLE


def listed(window) -> list[int]:
    return [window.article_model.index(r).data(ID_ROLE) for r in range(window.article_model.rowCount())]


def test_opening_from_the_concordance_or_a_hit_moves_the_list_selection(open_window, qtbot):
    window = open_window()
    first = window.current.id
    target = next(a for a in listed(window) if a != first)
    told = []  # the view repaints the rows the selection model says changed
    window.article_list.selectionModel().selectionChanged.connect(lambda sel, _desel: told.append(
        [i.data(ID_ROLE) for i in sel.indexes()]))
    window.concordance_window()  # what the concordance calls on a double-clicked line:
    window.open_at(target, 10, 4)
    assert window.current.id == target
    assert window.library.selected_article_ids() == [target] and told[-1] == [target]
    assert window.article_list.currentIndex().data(ID_ROLE) == target

    # A search hit on another article; the list behind the hits follows it.
    window.library.search_box.setText("Đảng")
    window.library.run_search()
    qtbot.waitUntil(lambda: window.library.hits.rowCount() > 1)
    row = next(r for r in range(window.library.hits.rowCount())
               if window.library.hits.index(r).data(HIT_ROLE).article_id != target)
    window.library.hit_list.setCurrentIndex(window.library.hits.index(row))
    hit_article = window.current.id
    assert hit_article != target and window.library.selected_article_ids() == [hit_article]
    window.library.search_box.setText("")
    window.library.run_search()
    assert window.library.selected_article_ids() == [hit_article]


def test_an_article_the_filters_hide_leaves_no_row_selected(open_window):
    window = open_window()
    combo = window.library.filters.source
    sources = [combo.itemData(i) for i in range(1, combo.count())]
    combo.setCurrentIndex(1)  # one source only
    shown = listed(window)
    window.library.filters.reset()
    hidden = next(a for a in listed(window) if a not in shown)
    combo.setCurrentIndex(1)
    window.library.select_article(shown[0])
    assert window.current.id == shown[0] and len(sources) > 1
    window.open_at(hidden, 0, 1)
    assert window.current.id == hidden
    assert window.library.selected_article_ids() == []  # not the article that was open before
    assert not window.article_list.currentIndex().isValid()
