"""Search at scale (issue 19 item 4): the index build reports progress and stops on cancel
between batches, keeping what it committed; ranking stays bounded for common words."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import insert, text

from desktop_app.core.analysis import search as search_module
from desktop_app.core.analysis.search import search
from desktop_app.core.analysis.search_index import BATCH, rebuild_index, sync_index
from desktop_app.core.progress import Cancelled, Progress
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article, utcnow
from desktop_app.core.text.matching import MatchLevel
from tests.core.test_search import add_article


def add_many(db: Database, n: int) -> None:
    now = utcnow()
    rows = [{"title": f"Tin {i}", "text": f"Cán bộ số {i} đi công tác.", "original_text": "x",
             "imported_at": now, "content_hash": f"h{i}"} for i in range(n)]
    with db.engine.begin() as conn:
        conn.execute(insert(Article), rows)


def counts(db: Database) -> tuple[int, int]:
    """(articles indexed, articles waiting)."""
    with db.engine.connect() as conn:
        return (conn.execute(text("SELECT count(*) FROM search_indexed")).scalar_one(),
                conn.execute(text("SELECT count(*) FROM search_pending")).scalar_one())


def test_sync_reports_progress_up_to_the_queue_it_found(db):
    add_many(db, 2 * BATCH + 50)
    reports: list[tuple[int, int]] = []
    assert sync_index(db, Progress(lambda done, total, _note: reports.append((done, total)))) == 2 * BATCH + 50
    assert reports[0] == (BATCH, 2 * BATCH + 50)
    assert reports[-1] == (2 * BATCH + 50, 2 * BATCH + 50)
    assert [d for d, _ in reports] == sorted(d for d, _ in reports)


@pytest.mark.sqlite_only("SQLite's FTS5 index internals; the server index is tested in tests/postgres/test_server_search.py")
def test_a_cancelled_rebuild_keeps_its_batches_and_the_next_sync_finishes(db):
    add_many(db, 3 * BATCH)
    sync_index(db)
    progress = Progress(lambda done, _total, _note: progress.cancel() if done >= BATCH else None)
    with pytest.raises(Cancelled):
        rebuild_index(db, progress)
    assert counts(db) == (BATCH, 2 * BATCH)  # one batch committed, the rest still queued
    assert sync_index(db) == 2 * BATCH
    assert counts(db) == (3 * BATCH, 0)
    assert len(search(db, "can bo", limit=10 * BATCH)) == 3 * BATCH


@pytest.mark.sqlite_only("SQLite's FTS5 index internals; the server index is tested in tests/postgres/test_server_search.py")
def test_common_words_list_titles_then_newest_even_below_half_the_library(db, monkeypatch):
    # Changed for scale: above CHEAP_RANK_ROWS matches bm25 is skipped whatever the share of
    # the library (it was kept up to half the library: 1 s at 1,000,000 articles).
    monkeypatch.setattr(search_module, "CHEAP_RANK_ROWS", 1)
    for i in range(6):
        add_article(db, f"Thời tiết hôm nay {i}.", title=f"Tin {i}")
    old = add_article(db, "Cán bộ cán bộ cán bộ.", title="Tin một")
    titled = add_article(db, "Không nhắc lại.", title="Cán bộ trẻ")
    new = add_article(db, "Nói về cán bộ.", title="Tin ba")
    assert [h.article_id for h in search(db, "can bo")] == [titled, new, old]


def test_scattered_words_with_a_common_one_are_weighed_by_the_rare_ones(db, monkeypatch):
    monkeypatch.setattr(search_module, "CHEAP_RANK_ROWS", 3)
    titled = add_article(db, "Cán bộ trẻ.", title="Luân chuyển")
    for i in range(4):
        add_article(db, f"Cán bộ số {i}.", title=f"Tin {i}")
    newest = add_article(db, "Cán bộ được luân chuyển.", title="Tin cuối")
    # "cán" is in 6 articles (common), "luân" in 2: bm25 on "luân" puts the title first,
    # where the newest-first order of common words would not.
    assert [h.article_id for h in search(db, "cán luân")] == [titled, newest]


@pytest.mark.sqlite_only("SQLite's FTS5 index internals; the server index is tested in tests/postgres/test_server_search.py")
def test_case_folded_terms_never_share_a_list_with_folded_ones(db):
    # "can" typed without marks must not read the list of "can" folded from "cán".
    plain = add_article(db, "Ai can thiệp vào đây?", title="Tin can")
    add_article(db, "Cán bộ trẻ.", title="Tin cán")
    raw = sqlite3.connect(db.path)
    try:
        sync_index(db)
        raw.execute("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, search_fts, col)")
        by_col: dict[str, set[str]] = {}
        for term, col in raw.execute("SELECT term, col FROM temp.terms"):
            by_col.setdefault(col, set()).add(term)
    finally:
        raw.close()
    assert "can" in by_col["body"] and "can" not in by_col["xbody"]
    assert not (by_col["title"] | by_col["body"]) & (by_col["xtitle"] | by_col["xbody"])
    assert [h.article_id for h in search(db, "can", level=MatchLevel.EXACT)] == [plain]
    assert len(search(db, "can", level=MatchLevel.NONE)) == 2


def test_exact_case_is_checked_on_the_best_candidates_only(db, monkeypatch):
    for i in range(5):
        add_article(db, f"Văn phòng TW số {i}.", title=f"Tin {i}")
    lower = add_article(db, "Một bài rất dài về nhiều chuyện khác nhau, cuối cùng mới nhắc tw.")
    assert [h.article_id for h in search(db, "tw", limit=1, level=MatchLevel.EXACT)] == [lower]
    monkeypatch.setattr(search_module, "EXACT_CHECKED", 2)  # the short "TW" texts rank first
    assert search(db, "tw", limit=1, level=MatchLevel.EXACT) == []


@pytest.mark.sqlite_only("SQLite's FTS5 index internals; the server index is tested in tests/postgres/test_server_search.py")
def test_a_search_may_answer_before_a_long_queue_is_indexed(db):
    add_many(db, 3 * BATCH)
    assert len(search(db, "can bo", limit=10 * BATCH, sync_at_most=BATCH)) == BATCH
    assert counts(db) == (BATCH, 2 * BATCH)
    assert len(search(db, "can bo", limit=10 * BATCH)) == 3 * BATCH  # by default it waits
