"""Import of 10,000 article files (made from the seeds, see corpus.py): articles per
second and peak memory, segmentation excluded. Target: >= 300 articles/s.

    .venv/bin/python benchmarks/import_articles.py [N] [--keep LIBRARY.sqlite3] [--quick]

--quick: 3,000 files.
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_corpus  # noqa: E402
from figures import at_least, info, options, report  # noqa: E402

from desktop_app.core.library.ingest import import_paths  # noqa: E402
from desktop_app.core.storage.database import Database  # noqa: E402


def main() -> None:
    opts = options()
    args = sys.argv[1:]
    keep = Path(args[args.index("--keep") + 1]) if "--keep" in args else None
    numbers = [a for a in args if a.isdigit()]
    n = int(numbers[0]) if numbers else (3_000 if opts.quick else 10_000)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        paths = make_corpus(folder, n)
        size = sum(p.stat().st_size for p in paths)
        db = Database.open(Path(tmp) / "library.sqlite3")
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        report_ = import_paths(db, [folder])
        took = time.perf_counter() - t0
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"{n:,} files, {size / 1e6:.1f} MB: imported {len(report_.imported):,}, "
              f"duplicates {len(report_.duplicates)}, failed {len(report_.failed)}")
        for path, reason in report_.failed[:5]:
            print(f"  failed: {path.name}: {reason}")
        print(f"import: {took:.1f} s = {len(report_.imported) / took:.0f} articles/s")
        print(f"peak memory (process max RSS): {rss_before / 1024:.0f} MB before, "
              f"{rss_after / 1024:.0f} MB after the import")
        db.close()
        if keep:
            shutil.copy(Path(tmp) / "library.sqlite3", keep)
            print(f"library kept at {keep}")
    report([at_least("import rate", len(report_.imported) / took, 300, "articles/s"),
            info("peak RSS after the import", rss_after / 1024, "MB")], opts)


if __name__ == "__main__":
    main()
