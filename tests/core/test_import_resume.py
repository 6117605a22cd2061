"""Issue 19: an import is stored in batches; cancelled, it keeps what it stored, and run
again it resumes: files stored already and unchanged since are passed over without being
read, the rest come in, and a file changed since is read (a new version)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from sqlalchemy import select

from desktop_app.core.library.ingest import import_paths
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article


def write(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    an_hour_ago = time.time() - 3600
    for i in range(n):
        path = folder / f"bai-{i:03d}.txt"
        path.write_text(f"Bài số {i} về cán bộ\n\nNội dung bài {i}: Đảng viên ở Hà Nội họp bàn.\n",
                        encoding="utf-8")
        os.utime(path, (an_hour_ago, an_hour_ago))
        paths.append(path)
    return paths


def texts(db: Database) -> dict[str, str]:
    with db.session() as s:
        return {str(p): t for p, t in s.execute(select(Article.source_path, Article.text))}


def test_a_cancelled_import_resumes_where_it_stopped(db: Database, tmp_path: Path) -> None:
    paths = write(tmp_path / "files", 450)  # three batches of up to 200
    seen = []

    def progress(done: int, _total: int) -> None:
        seen.append(done)

    first = import_paths(db, [tmp_path / "files"], progress=progress,
                         should_cancel=lambda: len(seen) >= 250)
    assert first.cancelled and 200 <= len(first.imported) < 450 and not first.failed
    stored = len(first.imported)
    # Changed without a newer date: passed over unread (its stored text stays), which
    # shows the resume did not read what it had stored.
    paths[0].write_text("Một văn bản khác hẳn.\n", encoding="utf-8")
    os.utime(paths[0], (time.time() - 3600, time.time() - 3600))
    # Changed now: read again, a new version of its article.
    paths[1].write_text("Bài số 1, bản mới\n\nNội dung mới hoàn toàn.\n", encoding="utf-8")
    second = import_paths(db, [tmp_path / "files"])
    assert not second.cancelled and not second.failed
    assert len(second.imported) == 450 - stored and len(second.duplicates) == stored - 1
    assert [p for p, _a, _r in second.updated] == [paths[1]]
    now = texts(db)
    assert len(now) == 450
    assert "khác hẳn" not in now[str(paths[0])] and "bản mới" in now[str(paths[1])]


def test_a_large_import_prepared_by_worker_processes_stores_the_same(db: Database, tmp_path: Path,
                                                                     monkeypatch) -> None:
    """Files prepared on worker processes come back in order, failures included, and
    the library holds what a one-process import stores."""
    from desktop_app.core.library.ingest import prepare_pool

    paths = write(tmp_path / "files", 300)
    (tmp_path / "files" / "bai-150.txt").write_bytes(b"")  # no text: fails, in its place
    alone = Database.open(tmp_path / "alone.sqlite3")
    try:
        one = import_paths(alone, [tmp_path / "files"])
        monkeypatch.setattr(prepare_pool, "PARALLEL_MIN", 10)
        monkeypatch.setattr(prepare_pool, "CHUNK", 7)
        many = import_paths(db, [tmp_path / "files"], workers=2)
        assert [p for p, _id in many.imported] == [p for p, _id in one.imported] == paths[:150] + paths[151:]
        assert many.failed == one.failed and [p for p, _r in many.failed] == [paths[150]]
        with alone.session() as s:
            expected = sorted(s.execute(select(Article.source_path, Article.text, Article.title_key)).all())
        with db.session() as s:
            assert sorted(s.execute(select(Article.source_path, Article.text, Article.title_key)).all()) == expected
    finally:
        alone.close()
