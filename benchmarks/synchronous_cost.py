"""What synchronous=FULL costs: single-change commits per second, NORMAL vs FULL (WAL mode).

    .venv/bin/python benchmarks/synchronous_cost.py [--quick] [COMMITS]

Each commit is one highlight with a tag through AnnotationService (what a click in the
window does). NORMAL syncs the WAL only at checkpoints: a power cut may lose the last
commits, never consistency. FULL syncs the WAL at every commit. The figures depend on the
disk (an SSD with a volatile cache may barely notice; a laptop HDD or a network folder will).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop_app.core.annotate.highlights import AnnotationService  # noqa: E402
from desktop_app.core.storage.database import Database  # noqa: E402
from tests.core.test_annotations import add_article  # noqa: E402

TEXT = "Hội nghị bàn về công tác cán bộ ở Hà Nội. " * 50


def commits_per_second(folder: Path, level: str, commits: int) -> float:
    db = Database.open(folder / level / "chugiai.sqlite3")
    try:
        db.set_synchronous(level)
        assert db.synchronous == level
        article = add_article(db, TEXT, title=level)
        service = AnnotationService(db)
        started = time.perf_counter()
        for n in range(commits):
            start = (n * 7) % (len(TEXT) - 10)
            service.create_highlight(article, start, start + 6, ["Cán bộ"])
        return commits / (time.perf_counter() - started)
    finally:
        db.close()


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    numbers = [a for a in argv if a.isdigit()]
    commits = int(numbers[0]) if numbers else (200 if quick else 2000)
    with tempfile.TemporaryDirectory(dir=Path.home() if not quick else None) as tmp:
        results = {level: commits_per_second(Path(tmp), level, commits) for level in ("NORMAL", "FULL")}
    for level, rate in results.items():
        print(f"synchronous={level:<6}  {rate:8.0f} commits/s  ({commits} highlight commits)")
    print(f"FULL costs {100 * (1 - results['FULL'] / results['NORMAL']):.0f}% of the commit rate here")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
