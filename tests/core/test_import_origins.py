"""Issue 19: an import's start reads the rows of the files it imports, not the library.
Every statement Origins issues about articles is answered from an index (EXPLAIN QUERY
PLAN), and what the indexes compare (the file name, the stripped address) is what the
import compares."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event

from desktop_app.core.library.ingest import import_paths
from desktop_app.core.library.ingest.origins import Origins, _name
from desktop_app.core.storage.bulk_sql import bulk_sql
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.origin_indexes import SOURCE_NAME, URL_KEY, WHITESPACE

LIBRARY = 3000


def fill(db: Database, tmp_path: Path, n: int = LIBRARY) -> None:
    """`n` articles with paths, addresses and hashes of their own, written directly."""
    rows = [(f"Bài {i}", f"Văn bản {i}", f"Văn bản {i}", f"{i:064x}", str(tmp_path / "old" / f"bai-{i}.txt"),
             f" https://vn.example/{i} " if i % 2 else f"https://vn.example/{i}", "2020-01-01 00:00:00")
            for i in range(n)]
    with db.session() as s:
        bulk_sql(s.connection()).executemany("INSERT INTO articles (title, text, original_text, content_hash, source_path, url,"
                         " imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def traced(db: Database) -> list[str]:
    """Every statement run on the library's pysqlite connections from now on."""
    seen: list[str] = []
    event.listen(db.engine, "checkout", lambda dbapi, _rec, _proxy: dbapi.set_trace_callback(seen.append))
    return seen


def plans(path: Path, statements: list[str]) -> dict[str, list[str]]:
    with sqlite3.connect(path) as conn:
        return {sql: [r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql)] for sql in statements}


def test_whitespace_is_what_str_strip_removes() -> None:
    assert set(WHITESPACE) == {c for c in map(chr, range(0x110000)) if c.isspace()}
    assert len(WHITESPACE) == len(set(WHITESPACE))


@pytest.mark.parametrize("stored", ["/a/b/bài 1.txt", "C:\\Tin\\bài.html", "bai.txt", "/a/b/", "/x\\y/z.md"])
def test_the_indexed_name_is_the_name_the_import_compares(stored: str) -> None:
    with sqlite3.connect(":memory:") as conn:
        (name,) = conn.execute(f"SELECT {SOURCE_NAME} FROM (SELECT ? AS source_path)", (stored,)).fetchone()
        (url,) = conn.execute(f"SELECT {URL_KEY} FROM (SELECT ? AS url)", (f"\u3000\t{stored}\xa0 ",)).fetchone()
    assert name == _name(stored)
    assert url == f"\u3000\t{stored}\xa0 ".strip()


@pytest.mark.sqlite_only("traces the statements on the pysqlite connection (set_trace_callback)")
def test_one_file_into_a_library_reads_only_what_it_needs(db: Database, tmp_path: Path) -> None:
    fill(db, tmp_path)
    new = tmp_path / "new" / "bai-7.txt"  # the name of a stored file: the symlink lookup runs
    new.parent.mkdir()
    new.write_text("url: https://vn.example/9\n\nMột bài mới về cán bộ.\n", encoding="utf-8")
    seen = traced(db)
    report = import_paths(db, [new])
    # Address of article 9 (stored with spaces around it), no file of its own in this import.
    assert [(p, a) for p, a, _r in report.updated] == [(new, 10)]
    reads = [sql for sql in seen if sql.lstrip().upper().startswith("SELECT") and "articles" in sql]
    assert any("source_path IN" in s for s in reads) and any("trim(url" in s for s in reads)
    assert any("content_hash IN" in s for s in reads)
    for sql, plan in plans(db.path, reads).items():
        assert not [step for step in plan if step.startswith("SCAN")], (sql, plan)
    for sql, plan in plans(db.path, [s for s in reads if "source_path" in s or "trim(url" in s]).items():
        assert any("USING INDEX ix_articles_" in step for step in plan), (sql, plan)


def test_origins_holds_only_the_imported_files_rows(db: Database, tmp_path: Path) -> None:
    fill(db, tmp_path)
    files = [tmp_path / "old" / "bai-5.txt", tmp_path / "elsewhere" / "bai-6.txt", tmp_path / "x" / "moi.txt"]
    origins = Origins(db, files)
    assert set(origins.by_path) == {str(tmp_path / "old" / "bai-5.txt"), str(tmp_path / "old" / "bai-6.txt")}
    assert origins.own[files[0]] == [6] and origins.own[files[1]] == [] and origins.own[files[2]] == []
    assert origins.claimed == {6}


def test_a_duplicate_of_a_file_read_windows_earlier_is_a_duplicate(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    for i in range(300):  # windows of 16 then 256
        body = "Cùng một bài." if i in (3, 290) else f"Bài số {i} về cán bộ."
        (folder / f"bai-{i:03d}.txt").write_text(body + "\n", encoding="utf-8")
    report = import_paths(db, [folder])
    assert len(report.imported) == 299 and report.duplicates == [folder / "bai-290.txt"]


def test_an_article_stored_by_this_import_is_no_earlier_version(db: Database, tmp_path: Path) -> None:
    """Two new files with one address, read in different windows: both new articles (the
    addresses are compared with the library as it was when the import began)."""
    folder = tmp_path / "files"
    folder.mkdir()
    for i in range(40):
        url = "url: https://vn.example/chung\n\n" if i in (0, 30) else ""
        (folder / f"bai-{i:03d}.txt").write_text(f"{url}Bài số {i} về cán bộ.\n", encoding="utf-8")
    report = import_paths(db, [folder])
    assert len(report.imported) == 40 and report.updated == []
