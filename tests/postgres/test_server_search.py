"""Search on a server library (tsvector pieces, search_server*.py) against the same library in a
SQLite file (FTS5): the same queries at every level give the same articles, counts, passages
and marks; the title-heavy queries the same best hit; the index follows the articles."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from sqlalchemy import delete, text, update

from desktop_app.core.analysis.search import SearchHit, search, sync_index
from desktop_app.core.analysis.search_index import INDEX_VERSION, rebuild_index
from desktop_app.core.analysis.search_server_index import CHUNK_WORDS, MAX_POSITIONS, pieces
from desktop_app.core.library.ingest.metadata import parse_metadata
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.location import open_library
from desktop_app.core.storage.models import Article
from desktop_app.core.storage.server_search_tables import SERVER_INDEX_VERSION
from desktop_app.core.text.matching import MatchLevel
from desktop_app.core.text.normalize import normalize
from tests.core.test_search import add_article

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
LEVELS = (None, MatchLevel.EXACT, MatchLevel.WORD, MatchLevel.NONE)
SYLLABLES = ("ba bà bá bả bã bạ ca cà cá na nà ná ma mà má la là lá ta tà tá xa xà xá "
             "đa đà đá da dà dá hoa hòa hoà hỏa hoả thủy thuỷ quy qui").split()


def _filler(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(SYLLABLES) for _ in range(n))


def long_text(rng: random.Random) -> str:
    """> 20,000 words: phrases past the 16,383rd word (where one tsvector's positions end), at
    piece boundaries, and a common word more often than a lexeme keeps positions."""
    words = _filler(rng, 21_000).split()
    words[16_500:16_503] = ["Bảo", "tàng", "Quang", "Trung"]
    for at in (CHUNK_WORDS - 2, 2 * CHUNK_WORDS - 40, 3 * CHUNK_WORDS - 50):  # across the cuts
        words[at:at + 4] = ["đường", "Trường", "Sơn", "mới"]
    words[19_900:19_901] = ["kỳ", "lân"]
    words[300:300 + 3 * MAX_POSITIONS] = ["hoa"] * (3 * MAX_POSITIONS)
    words[300 + 3 * MAX_POSITIONS:300 + 3 * MAX_POSITIONS] = ["hoa", "sen", "trắng"]
    return " ".join(words)


def fill(db: Database) -> dict[str, int]:
    """The same articles, in the same order (so the same ids), in either library."""
    rng = random.Random(17)
    ids: dict[str, int] = {}
    for i, path in enumerate(sorted(SEEDS.glob("*.txt"))):
        body = normalize(path.read_text(encoding="utf-8"))
        ids[f"seed{i}"] = add_article(db, body, parse_metadata(body).title)
    for i in range(30):
        ids[f"gen{i}"] = add_article(db, f"Bản {i}: {_filler(rng, 60 + 7 * i)}.", title=f"Tin {i} {_filler(rng, 3)}")
    ids["dang_title"] = add_article(db, "Hội nghị bàn công tác tổ chức.\n" + _filler(rng, 80),
                                    title="Đảng bộ Đà Nẵng tổ chức hội nghị")
    ids["dang_body"] = add_article(db, "Tin dang cập nhật về Đảng bộ và đà nẵng. " + _filler(rng, 40),
                                   title="Tin trong ngày")
    ids["case"] = add_article(db, "Nghị quyết số 18-NQ/TW của Trung ương; tw viết thường.", title="TW")
    ids["spellings"] = add_article(db, "Hoà bình và hòa bình, thuỷ điện và thủy điện; quy hoạch qui hoạch.",
                                   title="Chính tả")
    ids["hidden"] = add_article(db, "Chia sẻ Facebook\nBài về bảo tàng lịch sử.", title="Ẩn")
    ids["long"] = add_article(db, long_text(rng), title="Bài rất dài về bảo tàng")
    with db.session() as s:
        s.execute(update(Article).where(Article.id == ids["hidden"]).values(hidden_spans="[[0, 16]]"))
    return ids


QUERIES = [
    "tổ chức", "to chuc", "Đảng", "dang", "đà nẵng", "da nang", "đảng bộ", "dang bo", "Đ", "d",
    "bảo tàng", "bao tang", "\"bảo tàng Quang Trung\"", "bao tang quang trung", "quang trung",
    "đường Trường Sơn mới", "truong son", "kỳ lân", "ky lan", "hoa sen trắng", "hoa sen",
    "hòa bình", "hoà bình", "hoa binh", "thủy điện", "thuy dien", "quy hoạch", "qui hoach",
    "TW", "tw", "NQ", "18-NQ/TW", "facebook", "chia sẻ",
    "tổ*", "to ch*", "bả*", "quang tr*", "tr*", "Trư*", "nghi*",
    "hội nghị tổ chức", "trung ương bảo tàng", "\"Ban Tổ chức\" Trung ương", "Ban Tổ chức Trung ương",
    "nhiệm vụ", "không ai", "ba bà", "la ta xa", "thường trực", "Trương Thị Mai", "chính trị",
    "xyzzy", "tổ chức xyzzy", "\"nghị hội\"", "nghị hội nghị", "hội nghị hội nghị bàn",  # across the title's end
    "\"Tổ chức Trung\"", "chức trung*", "\"to* chuc\"", "Ban Tổ chức Trung ương vừa diễn ra",
]


def _shown(hits: list[SearchHit]) -> dict[int, tuple]:
    return {h.article_id: (h.title, h.passage, h.marks, h.offset) for h in hits}


@pytest.fixture
def filled(both: tuple[Database, Database]) -> tuple[Database, Database, dict[str, int]]:
    lite, server = both
    ids = fill(lite)
    assert fill(server) == ids
    return lite, server, ids


def test_the_same_queries_give_the_same_hits_on_both_engines(filled):
    lite, server, ids = filled
    assert sync_index(server) == len(ids)
    found_any = 0
    for query in QUERIES:
        for level in LEVELS:
            a, b = search(lite, query, 1000, level), search(server, query, 1000, level)
            assert len(a) == len(b), (query, level)
            assert _shown(a) == _shown(b), (query, level)
            found_any += bool(a)
    assert found_any > 3 * len(QUERIES)  # the queries find something, mostly


def test_long_articles_are_found_past_the_positions_a_tsvector_holds(filled):
    lite, server, ids = filled
    long = ids["long"]
    with server.engine.connect() as conn:
        sync_index(server)
        n = conn.execute(text("SELECT count(*) FROM search_chunks WHERE article_id = :a"), {"a": long}).scalar()
    assert n >= 5  # 21,000 words in pieces of at most CHUNK_WORDS
    for query in ("bảo tàng Quang Trung", "đường Trường Sơn mới", "kỳ lân", "hoa sen trắng",
                  "kỳ lân hoa sen trắng", "Quang Trung bảo tàng đường Trường Sơn"):
        for level in LEVELS:
            hits = search(server, query, 1000, level)
            assert long in [h.article_id for h in hits], (query, level)
            assert _shown(hits) == _shown(search(lite, query, 1000, level)), (query, level)


def test_pieces_overlap_and_keep_every_position():
    words = ["a"] * 600 + [f"b{i}" for i in range(12_000)]
    cut = pieces("Tiêu đề", " ".join(words))
    assert len(cut) > 3
    for literal in (v for vectors in cut for v in vectors[:2]):
        for lexeme, positions in re.findall(r"'([^']*)':(\S+)", literal):
            assert len(positions.split(",")) <= MAX_POSITIONS, lexeme
            assert max(int(p.rstrip("A")) for p in positions.split(",")) < 16_383
    assert pieces("", "") == [("", "", "", "")]


def test_title_heavy_queries_rank_the_title_first_on_both(filled):
    lite, server, ids = filled
    for query, best in (("đảng bộ đà nẵng", "dang_title"), ("Đảng bộ", "dang_title"),
                        ("rất dài", "long"), ("chính tả", "spellings")):
        for level in LEVELS:
            a, b = search(lite, query, 50, level), search(server, query, 50, level)
            if a:
                assert a[0].article_id == b[0].article_id == ids[best], (query, level)


def test_ranking_orders_compared(filled):
    """Tiers (as typed, same word, folded; phrase before scattered) are the same on both; within
    a tier bm25 and ts_rank may order differently: the first hit of each query is compared,
    and how many whole orders agree is only required to be most."""
    lite, server, _ = filled
    same_order = same_first = total = 0
    for query in QUERIES:
        a, b = search(lite, query, 50), search(server, query, 50)
        if a:
            total += 1
            same_order += [h.article_id for h in a] == [h.article_id for h in b]
            same_first += a[0].article_id == b[0].article_id
    assert same_first >= 0.7 * total and same_order >= 0.4 * total, (same_first, same_order, total)


def test_the_index_follows_inserts_edits_and_deletes(both, postgres_database_url):
    _, server = both
    first = add_article(server, "Một bài về kỳ lân.", title="Kỳ lân")
    assert [h.article_id for h in search(server, "ky lan")] == [first]
    other = open_library(postgres_database_url)  # a second client writes
    try:
        second = add_article(other, "Kỳ lân thứ hai xuất hiện.", title="Tin mới")
        assert {h.article_id for h in search(server, "kỳ lân")} == {first, second}
        with other.session() as s:
            s.execute(update(Article).where(Article.id == first).values(title="Phượng", text="Một bài về phượng hoàng."))
        assert [h.article_id for h in search(server, "kỳ lân")] == [second]
        with other.session() as s:
            s.execute(delete(Article).where(Article.id == second))
        assert search(server, "kỳ lân") == [] and [h.article_id for h in search(server, "phuong")] == [first]
    finally:
        other.close()


def test_edits_titles_hidden_spans_and_deletes_reach_the_index(both):
    _, server = both
    a = add_article(server, "Bài về kỳ lân.", title="Một")
    b = add_article(server, "Chia sẻ\nBài về phượng hoàng.", title="Hai")
    assert sync_index(server) == 2 and sync_index(server) == 0
    with server.session() as s:
        s.execute(update(Article).where(Article.id == a).values(title="Rồng", text="Bài về rồng."))
    assert sync_index(server) == 1
    assert search(server, "kỳ lân") == [] and [h.article_id for h in search(server, "rồng")] == [a]
    assert search(server, "chia se")
    with server.session() as s:
        s.execute(update(Article).where(Article.id == b).values(hidden_spans="[[0, 7]]"))
    assert search(server, "chia se") == [] and search(server, "phượng hoàng")
    with server.session() as s:
        s.execute(delete(Article).where(Article.id == b))
    assert search(server, "phượng hoàng") == []
    with server.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM search_chunks WHERE article_id = :b"), {"b": b}).scalar() == 0
    assert rebuild_index(server) == 1 and [h.article_id for h in search(server, "rong")] == [a]


def test_read_only_client_searches_what_is_indexed(both, postgres_database_url):
    _, server = both
    a = add_article(server, "Bài về kỳ lân.", title="Một")
    sync_index(server)
    ro = open_library(postgres_database_url, read_only=True)
    try:
        assert [h.article_id for h in search(ro, "ky lan")] == [a]
        assert sync_index(ro) == 0
    finally:
        ro.close()


def test_a_changed_index_version_indexes_everything_again(both, postgres_database_url):
    _, server = both
    assert SERVER_INDEX_VERSION.split(".")[0] == INDEX_VERSION  # the folding is in the version
    a = add_article(server, "Bài về kỳ lân.", title="Một")
    sync_index(server)
    with server.engine.begin() as conn:
        conn.execute(text("UPDATE search_state SET value = 'old' WHERE key = 'version'"))
        conn.execute(text("DROP TRIGGER tr_search_queue ON articles"))
    again = open_library(postgres_database_url)
    try:
        assert sync_index(again) == 1 and [h.article_id for h in search(again, "ky lan")] == [a]
    finally:
        again.close()


def test_a_sync_never_indexes_the_text_from_before_an_uncommitted_write(both, postgres_database_url):
    _, server = both
    a = add_article(server, "Bài về kỳ lân.", title="Một")
    assert sync_index(server) == 1
    other = open_library(postgres_database_url)
    try:
        with other.engine.connect() as conn:  # another coder's write, not committed yet
            conn.execute(update(Article).where(Article.id == a).values(text="Bài về phượng hoàng."))
            assert sync_index(server) == 0  # its queued row is locked: left for later
            conn.commit()
        assert sync_index(server) == 1
        assert search(server, "kỳ lân") == [] and [h.article_id for h in search(server, "phượng")] == [a]
    finally:
        other.close()


def test_two_clients_syncing_at_once_share_the_queue(both, postgres_database_url):
    from concurrent.futures import ThreadPoolExecutor

    from desktop_app.core.analysis.search_index import BATCH

    _, server = both
    with server.session() as s:
        s.add_all(Article(title=f"Tin {i}", text=f"Bài số {i} về kỳ lân.", original_text="",
                          content_hash=f"h{i}") for i in range(3 * BATCH))
    other = open_library(postgres_database_url)
    try:
        with ThreadPoolExecutor(2) as pool:
            done = sum(pool.map(sync_index, (server, other)))
        assert done == 3 * BATCH
        with server.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*), count(DISTINCT article_id) FROM search_chunks")).one() == (
                3 * BATCH, 3 * BATCH)
        assert len(search(server, "ky lan", 1000)) == 3 * BATCH
    finally:
        other.close()


def test_a_coder_who_may_not_make_the_index_opens_the_library_and_search_says_why(postgres_server):
    """Only the owner of `articles` may add its trigger: as on a library `chugiai publish`
    made and its publisher never opened, another coder's client opens it, and search says
    in words what waits for whom; once the publisher opens it, search works for both."""
    import os

    import psycopg
    from sqlalchemy import create_engine, insert

    from desktop_app.core.storage.database import SCHEMA_VERSION, DatabaseError
    from desktop_app.core.storage.models import Coder
    from desktop_app.core.storage.server import create_schema

    url = postgres_server.create_database(f"search_roles_{os.getpid()}")
    coder = f"minh_{os.getpid()}"
    engine = create_engine(url)
    with engine.begin() as conn:  # a library made before the search index: no search tables
        create_schema(conn)
        conn.execute(text("DROP TRIGGER tr_search_queue ON articles"))
        conn.execute(text("DROP TABLE search_chunks, search_titles, search_pending, search_state"))
        conn.execute(insert(Coder).values(id=1, name="lan"))
        conn.execute(text("INSERT INTO chugiai_schema VALUES (:v)"), {"v": SCHEMA_VERSION})
    engine.dispose()
    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {coder} LOGIN")
        admin.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {coder}")
        admin.execute(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {coder}")
        admin.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE"
                      f" ON TABLES TO {coder}")
    coder_url = url.replace("//chugiai@", f"//{coder}@")
    minh = open_library(coder_url)
    try:
        a = add_article(minh, "Bài về kỳ lân.", title="Một")
        with pytest.raises(DatabaseError, match="only the coder who published it may make it"):
            search(minh, "ky lan")
        owner = open_library(url)  # the publisher opens it: the index is made
        owner.close()
        assert [h.article_id for h in search(minh, "ky lan")] == [a]
    finally:
        minh.close()


def test_a_published_library_is_searchable_at_once_with_sqlites_hits(tmp_path, postgres_server):
    """publish makes the search index with the schema: the copied articles wait in its queue,
    and the first search indexes them (no open by the publisher needed first)."""
    import os

    from desktop_app.core.storage.engine_copy import publish

    lite = open_library(tmp_path / "lib.sqlite3")
    try:
        fill(lite)
        url = postgres_server.create_database(f"search_published_{os.getpid()}")
        publish(lite, url)
        server = open_library(url)
        try:
            for query in ("bao tang", "Đảng", "\"bảo tàng Quang Trung\"", "to ch*"):
                assert _shown(search(server, query, limit=1000)) == _shown(search(lite, query, limit=1000)), query
        finally:
            server.close()
    finally:
        lite.close()
