"""Importing the seed articles into a server library through the core import function gives
the same articles (titles, texts, hashes, import facts) as into a SQLite library."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from desktop_app.core.library.ingest import import_paths
from desktop_app.core.library.ingest.facts import ImportFacts, put_facts_many, read_facts
from desktop_app.core.storage.bulk import bulk_writes
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.dialects import put_states
from desktop_app.core.storage.location import open_library
from desktop_app.core.storage.models import AppState, Article

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def articles(db: Database) -> list[tuple]:
    with db.session() as s:
        rows = s.execute(select(Article.id, Article.title, Article.text, Article.content_hash,
                                Article.source, Article.published).order_by(Article.id)).all()
    return [(*r[1:], read_facts(db, r[0])) for r in rows]


def test_seed_import_is_the_same_on_both_engines(tmp_path: Path, postgres_database_url: str) -> None:
    assert len(SEEDS) >= 3
    seen = []
    for location in (tmp_path / "lib.sqlite3", postgres_database_url):
        db = open_library(location)
        try:
            report = import_paths(db, SEEDS, workers=1)
            assert not report.failed, report.failed
            assert len(report.imported) == len(SEEDS)
            again = import_paths(db, SEEDS, workers=1)  # the same files: duplicates, nothing new
            assert not again.failed and not again.imported
            seen.append(articles(db))
        finally:
            db.close()
    assert len(seen[0]) == len(SEEDS)
    assert seen[1] == seen[0]
    assert any(not facts.is_empty() for *_rest, facts in seen[0])  # facts were written and read


def test_put_states_inserts_and_replaces(tmp_path: Path, postgres_database_url: str) -> None:
    for location in (tmp_path / "lib.sqlite3", postgres_database_url):
        db = open_library(location)
        try:
            with db.session() as s:
                put_states(s, [{"key": "a", "value": "1"}, {"key": "b", "value": "2"}])
                put_states(s, [])
            with db.session() as s:
                put_states(s, [{"key": "a", "value": "3"}, {"key": "c", "value": "4"}])
            with db.session() as s:
                got = dict(s.execute(select(AppState.key, AppState.value)
                                     .where(AppState.key.in_(["a", "b", "c"]))).all())
            assert got == {"a": "3", "b": "2", "c": "4"}
        finally:
            db.close()


def test_import_facts_are_kept_on_both_engines(tmp_path: Path, postgres_database_url: str) -> None:
    """What the importer writes per batch (put_facts_many), inside bulk_writes as a large
    import runs it: stored, replaced, cleared, read back alike."""
    from tests.core.analysis_library import add_article

    seen = []
    for location in (tmp_path / "lib.sqlite3", postgres_database_url):
        db = open_library(location)
        try:
            ids = [add_article(db, f"Bài {i} về cán bộ.", f"Bài {i}") for i in range(3)]
            with db.session() as s:
                digests = dict(s.execute(select(Article.id, Article.content_hash)).all())
            first = ImportFacts(encoding="utf-8", source_credit="Theo TTXVN", header={"nguồn": "PLVN"})
            with bulk_writes(db), db.session() as s:
                put_facts_many(s, [(i, digests[i], first) for i in ids])
            with bulk_writes(db), db.session() as s:  # replaced, cleared, kept
                put_facts_many(s, [(ids[0], digests[ids[0]], ImportFacts(encoding="cp1258", title_guessed=True)),
                                   (ids[1], digests[ids[1]], ImportFacts())])
            seen.append([read_facts(db, i) for i in ids])
        finally:
            db.close()
    assert seen[1] == seen[0]
    assert seen[0][0].encoding == "cp1258" and seen[0][1].is_empty() and seen[0][2] == first
