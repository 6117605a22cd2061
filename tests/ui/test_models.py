"""Every item model of the UI passes Qt's own model tester (as qutebrowser checks its
models): each one filled with what core really returns for the sample articles, then
changed the way the app changes it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.core.analysis.concordance import concordance
from desktop_app.core.analysis.frequencies import word_frequencies
from desktop_app.core.analysis.search import search, sync_index
from desktop_app.core.annotate.highlights import AnnotationService, HighlightInfo, TagInfo
from desktop_app.core.library.articles import ArticleSummary, LibraryFilter, article_text, list_articles
from desktop_app.core.library.ingest import import_paths
from desktop_app.core.nlp.stored import save_segmentation
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article
from desktop_app.ui.app import make_application
from desktop_app.ui.dialogs.export_dialog import ExportDialog
from desktop_app.ui.dialogs.tag_dialog import TagDialog
from desktop_app.ui.library.article_list import ID_ROLE, ArticleListModel
from desktop_app.ui.library.search_results import SearchResultsModel
from desktop_app.ui.panel.cards import HighlightListModel
from desktop_app.ui.panel.tag_palette import TagListModel
from desktop_app.ui.tools.concordance_table import ConcordanceModel
from desktop_app.ui.tools.frequency_window import FrequencyModel, FrequencyWindow
from tests.ui.test_concordance_window import SEEDS, _spans

NOW = datetime(2026, 1, 1)


def highlight(i: int, start: int) -> HighlightInfo:
    return HighlightInfo(i, 1, start, start + 3, "abc", "", (TagInfo(1, "A", "#ffd166"),), NOW, NOW)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory):
    """The seeds imported, all but the last segmented for real, two highlights tagged:
    read-only for every test of this module."""
    db = Database.open(tmp_path_factory.mktemp("models") / "chugiai.sqlite3")
    report = import_paths(db, sorted(SEEDS.glob("*.txt")))
    ids = [article_id for _path, article_id in report.imported]
    assert len(ids) >= 3
    for article_id in ids[:-1]:  # the last one is counted by syllables (unsegmented)
        text = article_text(db, article_id)
        assert save_segmentation(db, article_id, text, _spans(text))
    service = AnnotationService(db)
    text = article_text(db, ids[0])
    first = text.index("cán bộ")
    service.create_highlight(ids[0], first, first + 40, ["Cán bộ", "Nhân sự/Quy hoạch"])
    service.create_highlight(ids[0], first + 20, first + 90, ["Đảng"])
    sync_index(db)
    yield db, ids
    db.close()


def test_article_model(qtmodeltester, library):
    db, _ids = library
    articles = list_articles(db)
    assert len(articles) >= 3
    model = ArticleListModel()
    model.set_query(db, LibraryFilter())
    qtmodeltester.check(model)
    assert [model.index(r).data(ID_ROLE) for r in range(model.rowCount())] == [a.id for a in articles]
    last = articles[-1]
    assert model.row_of(last.id) == len(articles) - 1
    model.update_article(ArticleSummary(last.id, "Khác nữa", None, None, None, 1))
    assert model.index(len(articles) - 1).data() == "Khác nữa"
    model.set_query(db, LibraryFilter(sort="title"))
    qtmodeltester.check(model)
    assert model.ids_between(0, model.rowCount() - 1) == [a.id for a in list_articles(db, where=LibraryFilter(sort="title"))]


def test_article_model_reads_pages_as_rows_are_shown(qtmodeltester, tmp_path):
    """Rows are read a page at a time: the count first, then what is asked for; an
    article far down is found by a query, not by reading the rows before it."""
    from desktop_app.ui.library import article_list

    db = Database.open(tmp_path / "many.sqlite3")
    with db.session() as s:
        s.add_all(Article(title=f"Bài {i:04d}", text=f"Nội dung {i}", original_text=f"Nội dung {i}",
                          content_hash=f"{i:064d}", published=f"2020-01-{1 + i % 28:02d}")
                  for i in range(3 * article_list.PAGE + 7))
    model = ArticleListModel()
    model.set_query(db, LibraryFilter(sort="title"))
    assert model.rowCount() == 3 * article_list.PAGE + 7 and list(model._pages) == [0]  # the first page only
    assert model.index(5).data() == "Bài 0005" and list(model._pages) == [0]
    assert model.index(article_list.PAGE + 1).data() == f"Bài {article_list.PAGE + 1:04d}"
    assert list(model._pages) == [0, 1]
    far = model.rowCount() - 1
    with db.session() as s:
        far_id = s.scalar(select(Article.id).where(Article.title == f"Bài {far:04d}"))
    assert model.row_of(far_id) == far and list(model._pages) == [0, 1]
    assert model.ids_between(far - 2, far)[-1] == far_id
    qtmodeltester.check(model)
    db.close()


def test_search_results_model(qtmodeltester, library):
    db, _ids = library
    hits = search(db, "cán bộ")
    assert hits
    model = SearchResultsModel()
    model.set_rows(hits)
    qtmodeltester.check(model)
    model.set_rows(hits[:1])
    qtmodeltester.check(model)


def test_highlight_model_keeps_position_order(qtmodeltester, library):
    db, ids = library
    stored = AnnotationService(db).highlights_for_article(ids[0])
    assert len(stored) == 2
    model = HighlightListModel()
    model.set_highlights(stored)
    qtmodeltester.check(model)
    model.set_highlights([highlight(1, 10), highlight(2, 0)])
    qtmodeltester.check(model)
    model.upsert(highlight(3, 5))
    assert [h.id for h in model.highlights()] == [2, 3, 1]
    model.remove(3)
    assert [h.id for h in model.highlights()] == [2, 1]
    qtmodeltester.check(model)


def test_tag_model(qtmodeltester, library):
    db, _ids = library
    tags = AnnotationService(db).list_tags()
    assert len(tags) >= 3
    model = TagListModel()
    model.set_tags(tags)
    qtmodeltester.check(model)
    model.set_tags([TagInfo(1, "Cán bộ", "#8ecae6", "", 3), TagInfo(2, "Đảng", "#ffd166")])
    qtmodeltester.check(model)
    assert "3" in model.index(0).data(3)  # tooltip counts uses


def test_concordance_model(qtmodeltester, library):
    db, ids = library
    lines = concordance(db, "cán bộ")
    assert {line.segmented for line in lines} == {True, False}  # both fonts of the keyword
    model = ConcordanceModel()
    model.set_lines(lines)
    qtmodeltester.check(model)
    model.set_lines([])
    qtmodeltester.check(model)


def test_frequency_model_and_its_sorted_filtered_proxy(qtmodeltester, qtbot, library, tmp_path: Path):
    db, ids = library
    result = word_frequencies(db)
    assert len(result.words) > 100
    model = FrequencyModel()
    model.set_result(result)
    qtmodeltester.check(model)
    model.set_result(None)
    qtmodeltester.check(model)

    make_application()
    window = FrequencyWindow(db, current_article=lambda: ids[0], tags=lambda: ["Cán bộ"],
                             stopwords_path=tmp_path / "stopwords-vi.txt")
    qtbot.addWidget(window)
    window.model.set_result(result)
    window.proxy.sort(2)
    window.proxy.setFilterFixedString("can")
    assert 0 < window.proxy.rowCount() < window.model.rowCount()
    qtmodeltester.check(window.proxy)


def test_dialog_models(qtmodeltester, qtbot, library):
    """The Qt models the dialogs fill (export columns, tag choices and completions)."""
    db, _ids = library
    make_application()
    export = ExportDialog("Bài", 1, ["Cán bộ", "Đảng"], None)
    qtbot.addWidget(export)
    assert export.columns_model.rowCount() > 0
    qtmodeltester.check(export.columns_model)
    tags = AnnotationService(db).list_tags()
    dialog = TagDialog(tags, ["Cán bộ"], "công tác cán bộ")
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == len(tags)
    qtmodeltester.check(dialog.model)
    qtmodeltester.check(dialog._completion_model)
