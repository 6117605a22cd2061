"""Import at scale (issue 19): the settings of a bulk write and their undoing, sort keys
made while preparing, new ids found by content hash, and each file taken once however
it is reached (without resolving every path of a large folder)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.core.library.ingest import import_paths
from desktop_app.core.storage.article_order import source_key, title_key
from desktop_app.core.storage.bulk import CACHE_KIB, CHECKPOINT_PAGES, bulk_writes
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article


def _settings(db: Database) -> tuple[int, int]:
    with db.session() as session:
        conn = session.connection()
        return (conn.exec_driver_sql("PRAGMA cache_size").scalar_one(),
                conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar_one())


@pytest.mark.sqlite_only("PRAGMA cache_size and wal_autocheckpoint of a bulk write")
def test_bulk_writes_use_a_large_cache_and_put_the_defaults_back(db: Database):
    before = _settings(db)
    with bulk_writes(db):
        assert _settings(db) == (-CACHE_KIB, CHECKPOINT_PAGES)
        with db.session() as session:
            session.add(Article(title="Bài", text="Hà Nội.", original_text="Hà Nội.", content_hash="x"))
    assert _settings(db) == before != (-CACHE_KIB, CHECKPOINT_PAGES)
    with bulk_writes(db, enabled=False):
        assert _settings(db) == before


def test_imported_rows_carry_sort_keys_and_their_own_ids(db: Database, tmp_path: Path):
    folder = tmp_path / "bai"
    folder.mkdir()
    texts = {f"{n:02d}.txt": f"Đổi mới Hà Nội số {n}\n12/10/2023 08:29\n(TTXVN) - Nội dung bài {n}.\n"
             for n in range(12)}
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    report = import_paths(db, [folder], workers=0)
    assert len(report.imported) == 12
    with db.session() as session:
        rows = {a.id: a for a in session.scalars(select(Article))}
    for path, article_id in report.imported:  # each file's id is its own article's
        article = rows[article_id]
        assert article.source_path == str(path) and article.text == texts[path.name]
        assert article.title_key == title_key(article.title)
        assert article.source_key == source_key(article.source) and article.source_key is not None


def test_a_file_reached_twice_is_imported_once(db: Database, tmp_path: Path):
    folder = tmp_path / "bai"
    folder.mkdir()
    (folder / "a.txt").write_text("Hà Nội mùa thu.\n", encoding="utf-8")
    (folder / "b.txt").symlink_to(folder / "a.txt")  # the same file under another name
    (folder / "c.txt").write_text("Sài Gòn mùa mưa.\n", encoding="utf-8")
    report = import_paths(db, [folder, folder / "a.txt", tmp_path / "bai" / ".." / "bai" / "c.txt"], workers=0)
    assert sorted(p.name for p, _id in report.imported) == ["a.txt", "c.txt"]
    assert report.duplicates == [] and report.failed == []


def test_the_alt_text_comparison_answers_as_the_full_one():
    """boilerplate._near checks the lengths before building a matcher (a third of
    preparing a small article went to building them): the same answers."""
    import random
    from difflib import SequenceMatcher

    from desktop_app.core.library.ingest.boilerplate import _near

    rng = random.Random(19)
    words = ["ban", "to", "chuc", "trung", "uong", "hop", "ha", "noi", "hinh", "anh"]
    for _ in range(2000):
        a = " ".join(rng.choices(words, k=rng.randint(2, 8)))
        b = a
        for _ in range(rng.randint(0, 3)):  # a few edits: some stay within 10 %
            cut = rng.randint(0, len(b))
            b = b[:cut] + rng.choice(["", "x", " hinh anh", "ab"]) + b[cut + rng.randint(0, 2):]
        m = SequenceMatcher(None, a, b, autojunk=False)
        full = m.real_quick_ratio() >= 0.9 and m.quick_ratio() >= 0.9 and m.ratio() >= 0.9
        assert _near(a, b) == full, (a, b)
