"""An import into a server library looks its files up as on SQLite (ingest/origins.py):
by path, by the same file's name (a symlink), by stripped web address, by content hash;
the schema v13 indexes exist there too."""

from __future__ import annotations

import os
import time
from pathlib import Path

from sqlalchemy import text

from desktop_app.core.library.ingest.importer import import_paths
from desktop_app.core.storage.location import open_library
from desktop_app.core.storage.origin_indexes import SOURCE_NAME, URL_KEY


def test_an_import_into_a_server_library_finds_each_files_origin(tmp_path: Path, postgres_database_url: str) -> None:
    db = open_library(postgres_database_url)
    try:
        with db.engine.connect() as conn:
            names = set(conn.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'articles'")).scalars())
        assert {"ix_articles_source_path", "ix_articles_source_name", "ix_articles_url_key"} <= names
        folder = tmp_path / "files"
        folder.mkdir()
        an_hour_ago = time.time() - 3600
        paths = []
        for i in range(5):
            path = folder / f"bai-{i}.txt"
            path.write_text(f"url: https://vn.example/{i}\n\nBài số {i} về cán bộ.\n", encoding="utf-8")
            os.utime(path, (an_hour_ago, an_hour_ago))
            paths.append(path)
        first = import_paths(db, [folder], workers=1)
        assert len(first.imported) == 5 and not first.failed
        ids = dict(first.imported)
        with db.engine.begin() as conn:  # an address edited by hand, spaces around it
            conn.execute(text("UPDATE articles SET url = ' https://vn.example/3 ' WHERE id = :i"), {"i": ids[paths[3]]})
        paths[1].write_text("url: https://vn.example/1\n\nBài số 1, bản mới.\n", encoding="utf-8")
        (tmp_path / "alias").symlink_to(folder)  # the same files reached another way
        link = tmp_path / "alias" / "bai-2.txt"
        paths[2].write_text("Bài số 2, bản mới qua liên kết.\n", encoding="utf-8")
        moved = tmp_path / "moved.txt"  # no file of its own: found by address
        moved.write_text("url: https://vn.example/3\n\nBài số 3, bản mới.\n", encoding="utf-8")
        dup = tmp_path / "dup.txt"
        dup.write_text("url: https://vn.example/4\n\nBài số 4 về cán bộ.\n", encoding="utf-8")
        again = import_paths(db, [folder, dup], workers=1)
        assert not again.failed and again.imported == []
        # 0, 3 and 4 unchanged since their import: passed over unread; dup: the same text as 4.
        assert sorted(again.duplicates) == sorted([paths[0], paths[3], paths[4], dup])
        assert sorted((p, a) for p, a, _r in again.updated) == sorted(
            [(paths[1], ids[paths[1]]), (paths[2], ids[paths[2]])])
        paths[2].write_text("Bài số 2, bản thứ ba.\n", encoding="utf-8")
        through_link = import_paths(db, [link], workers=1)
        assert [(p, a) for p, a, _r in through_link.updated] == [(link, ids[paths[2]])]
        # Without bai-3.txt in the import (which would claim its article), by address.
        third = import_paths(db, [moved], workers=1)
        assert [(p, a) for p, a, _r in third.updated] == [(moved, ids[paths[3]])]
        # The lookups as Origins spells them can use the indexes (a table this small is
        # scanned unless scans are priced out).
        with db.engine.begin() as conn:
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
            for index, where in (("ix_articles_source_path", "source_path IS NOT NULL AND source_path = ANY(ARRAY['/x'])"),
                                 ("ix_articles_source_name", f"source_path IS NOT NULL AND ({SOURCE_NAME}) = ANY(ARRAY['x'])"),
                                 ("ix_articles_url_key", f"url IS NOT NULL AND ({URL_KEY}) = ANY(ARRAY['x'])")):
                plan = " ".join(r[0] for r in conn.exec_driver_sql(f"EXPLAIN SELECT id FROM articles WHERE {where}"))
                assert index in plan, plan
    finally:
        db.close()
