"""Time to open a library of an older schema version holding 100,000 highlights:
the backup copy written first plus the upgrade transaction.

    .venv/bin/python benchmarks/upgrade.py [N_HIGHLIGHTS] [--quick]

No target was set (issue 7 asks for the figure). --quick: 50,000 highlights.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from csv_export import build_library  # noqa: E402
from figures import info, options, report  # noqa: E402

from desktop_app.core.storage.database import SCHEMA_VERSION, Database  # noqa: E402


def make_v1(path: Path, n: int) -> None:
    """A library as schema v1 stored it: the newest schema without what v2 onwards added
    (see core/storage/migrations.py; a new step needs its undoing here too)."""
    db = Database.open(path)
    build_library(db, n)
    db.close()
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE articles DROP COLUMN hidden_spans")  # v2
        conn.execute("ALTER TABLE highlights DROP COLUMN orphaned")  # v3
        conn.execute("DROP TABLE taggings")  # v4
        conn.execute("DROP TABLE rejected_suggestions")  # v4
        conn.execute("DROP TABLE article_memos")  # v5
        conn.execute("PRAGMA user_version=1")


def main() -> None:
    opts = options()
    n = int(sys.argv[1]) if len(sys.argv) > 1 else (50_000 if opts.quick else 100_000)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "old.sqlite3"
        make_v1(path, n)
        size = path.stat().st_size
        t0 = time.perf_counter()
        db = Database.open(path)
        took = time.perf_counter() - t0
        assert db.upgraded is not None
        with db.engine.connect() as conn:
            count = conn.exec_driver_sql("SELECT count(*) FROM highlights").scalar()
        db.close()
        print(f"{count:,} highlights, {size / 1e6:.1f} MB library, v1 -> v{SCHEMA_VERSION}")
        print(f"open with upgrade (backup copy + one transaction): {took:.2f} s")
    report([info(f"open with upgrade, {n:,} highlights", took * 1000, "ms"),
            info("library size", size / 1e6, "MB")], opts)


if __name__ == "__main__":
    main()
