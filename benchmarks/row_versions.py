"""What optimistic concurrency (schema v14, row versions) costs an edit on SQLite.

    .venv/bin/python benchmarks/row_versions.py [--quick] [EDITS]
    CHUGIAI_BENCH_TREE=/path/to/other/checkout .venv/bin/python benchmarks/row_versions.py

Each edit is one Operations call in its own transaction, as the window makes it: a note
saved on the version shown (`seen`, where the code knows it), a tag recoloured, a memo
saved. Run it once on a checkout before v14 (CHUGIAI_BENCH_TREE) and once on this one; the
difference is the cost of the version check and bump (the UPDATE's extra WHERE and SET).
Median of 3 rounds, each on a fresh library.
"""

from __future__ import annotations

import inspect
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.environ.get("CHUGIAI_BENCH_TREE", str(Path(__file__).resolve().parent.parent)))
sys.path.insert(1, str(Path(__file__).resolve().parent))

from figures import info, options, report  # noqa: E402

from desktop_app.core.operations.editor import Operations  # noqa: E402
from desktop_app.core.storage.database import Database  # noqa: E402
from desktop_app.core.text.spans import TextSpan  # noqa: E402
from tests.core.test_annotations import add_article  # noqa: E402

TEXT = "Hội nghị bàn về công tác cán bộ ở Hà Nội. " * 50


def one_round(folder: Path, edits: int) -> dict[str, float]:
    db = Database.open(folder / "chugiai.sqlite3")
    try:
        ops = Operations(db)
        article = add_article(db, TEXT)
        h = ops.create_highlight(article, TextSpan(0, 8), ["Cán bộ"]).value
        tag = ops.create_tag("Đảng").value
        versioned = "seen" in inspect.signature(ops.set_note).parameters
        edit = {
            "note": ((lambda n: ops.set_note(h.id, f"ghi chú {n}", seen=n + 1)) if versioned
                     else (lambda n: ops.set_note(h.id, f"ghi chú {n}"))),
            "recolour": lambda n: ops.recolour_tag(tag.id, f"#{n % 0xFFFFFF:06x}" if n % 2 else "#aabbcc"),
            "memo": lambda n: ops.set_memo(article, f"suy nghĩ {n}"),
        }
        out = {}
        for kind, change in edit.items():
            # CPU time as well as wall time: on a shared, loaded machine the wall time
            # mostly measures the neighbours; the CPU time is this process's own work.
            wall, cpu = time.perf_counter(), time.process_time()
            for n in range(edits):
                change(n)
            out[kind] = (time.perf_counter() - wall) / edits * 1000
            out[f"{kind} CPU"] = (time.process_time() - cpu) / edits * 1000
        return out
    finally:
        db.close()


def main() -> None:
    opts = options()
    edits = int(sys.argv[1]) if len(sys.argv) > 1 else (200 if opts.quick else 1000)
    rounds = []
    for r in range(3):
        with tempfile.TemporaryDirectory() as folder:
            rounds.append(one_round(Path(folder) / str(r), edits))
    figures = {kind: statistics.median(r[kind] for r in rounds) for kind in rounds[0]}
    for kind, ms in figures.items():
        print(f"{kind}: {ms:.3f} ms per edit ({edits} edits, median of 3)")
    report([info(f"{kind} edit", round(ms, 3), "ms") for kind, ms in figures.items()])


if __name__ == "__main__":
    main()
