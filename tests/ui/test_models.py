"""The item models pass Qt's own model tester (as qutebrowser checks its models)."""

from __future__ import annotations

from datetime import datetime

from desktop_app.core.annotate.highlights import HighlightInfo, TagInfo
from desktop_app.core.library.articles import ArticleSummary
from desktop_app.ui.panel.cards import HighlightListModel
from desktop_app.ui.library.article_list import ArticleListModel
from desktop_app.ui.panel.tag_palette import TagListModel

NOW = datetime(2026, 1, 1)


def highlight(i: int, start: int) -> HighlightInfo:
    return HighlightInfo(i, 1, start, start + 3, "abc", "", (TagInfo(1, "A", "#ffd166"),), NOW, NOW)


def test_article_model(qtmodeltester):
    model = ArticleListModel()
    model.set_articles([ArticleSummary(1, "Tiêu đề", "TTXVN", None, "2023-01-01", 2),
                        ArticleSummary(2, "Khác", None, None, None, 0)])
    qtmodeltester.check(model)
    model.update_article(ArticleSummary(2, "Khác nữa", None, None, None, 1))
    assert model.index(1).data() == "Khác nữa"


def test_highlight_model_keeps_position_order(qtmodeltester):
    model = HighlightListModel()
    model.set_highlights([highlight(1, 10), highlight(2, 0)])
    qtmodeltester.check(model)
    model.upsert(highlight(3, 5))
    assert [h.id for h in model.highlights()] == [2, 3, 1]
    model.remove(3)
    assert [h.id for h in model.highlights()] == [2, 1]
    qtmodeltester.check(model)


def test_tag_model(qtmodeltester):
    model = TagListModel()
    model.set_tags([TagInfo(1, "Cán bộ", "#8ecae6", "", 3), TagInfo(2, "Đảng", "#ffd166")])
    qtmodeltester.check(model)
    assert "3" in model.index(0).data(3)  # tooltip counts uses
