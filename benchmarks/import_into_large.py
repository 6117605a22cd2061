"""Importing a few new files into a large library (issue 19): the time of the whole import
and the peak memory (VmHWM) of a fresh process, which before schema v13 grew with the
library (Origins read every article's path, address and hash at the start).

Works on a COPY of a scale library (benchmarks/scale.py builds them; the cached one is
never written): the copy is made in --work once, and opened (upgraded) once by the code
measured. Each round is a fresh process importing --files new files (new texts each
round, so none is a duplicate).

    .venv/bin/python benchmarks/import_into_large.py [--size 100000] [--files 10] [--rounds 5]
        [--code /work/main] [--work /tmp/import-into-large] [--resume]

--code runs the import with another checkout's code (e.g. main, for the figures before);
a library at a schema that code does not know is made again from the cache.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path.home() / ".cache" / "chugiai-bench" / "scale"

CHILD = r"""
import json, os, sys, time
from pathlib import Path
t0 = time.perf_counter()
from desktop_app.core.library.ingest.importer import import_paths
from desktop_app.core.storage.database import Database
library, folder, n, round_ = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
folder.mkdir(parents=True, exist_ok=True)
files = [folder] if n == 0 else []  # 0: the folder as it is (a resumed import)
for i in range(n):
    f = folder / f"r{round_}-{os.getpid()}-{i}.txt"
    f.write_text(f"Bài mới {round_}-{os.getpid()}-{i}\n\nVòng {round_}, tệp {i}: Ban Tổ chức Trung ương họp về công tác cán bộ.\n",
                 encoding="utf-8")
    files.append(f)
db = Database.open(library)
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
before = hwm()
t1 = time.perf_counter()
report = import_paths(db, files, workers=0)
t2 = time.perf_counter()
db.close()
print(json.dumps({"import_s": t2 - t1, "hwm_before_mb": before, "hwm_mb": hwm(),
                  "imported": len(report.imported), "failed": len(report.failed),
                  "passed": len(report.duplicates)}))
"""


def copy_library(source: Path, target: Path) -> None:
    """A consistent copy (the backup API: another process may be writing the cache)."""
    target.unlink(missing_ok=True)
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(target) as dst:
        src.backup(dst, pages=65536)


def child(code: Path, library: Path, folder: Path, n: int, round_: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(code), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", CHILD, str(library), str(folder), str(n), str(round_)],
                         env=env, cwd=code, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=100000)
    ap.add_argument("--files", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--code", type=Path, default=ROOT)
    ap.add_argument("--work", type=Path, default=Path("/tmp/import-into-large"))
    ap.add_argument("--resume", action="store_true",
                    help="import the library's own files again (all stored: a resumed import passes them)")
    args = ap.parse_args()
    source = CACHE / str(args.size) / "chugiai.sqlite3"
    tag = args.code.resolve().name
    args.work.mkdir(parents=True, exist_ok=True)
    library = args.work / f"{args.size}-{tag}.sqlite3"
    if not library.exists():
        print(f"copying {source} -> {library}", flush=True)
        copy_library(source, library)
        child(args.code, library, args.work / "warm", 1, 0)  # the upgrade, once, not measured
    if args.resume:  # read only: every file is stored and unchanged, none is written
        rows = [child(args.code, library, source.parent / "files", 0, r + 1) for r in range(args.rounds)]
        assert all(r["passed"] == args.size and not r["imported"] and not r["failed"] for r in rows), rows
        args.files = args.size
    else:
        rows = [child(args.code, library, args.work / f"files-{tag}", args.files, r + 1) for r in range(args.rounds)]
        assert all(r["imported"] == args.files and not r["failed"] for r in rows), rows
    times = sorted(r["import_s"] for r in rows)
    hwm = sorted(r["hwm_mb"] for r in rows)
    print(f"code {args.code}: {args.files} {'stored' if args.resume else 'new'} files into {args.size:,} articles, {args.rounds} fresh processes")
    print(f"  import s: median {statistics.median(times):.3f}  min {times[0]:.3f}  max {times[-1]:.3f}")
    print(f"  peak RSS (VmHWM) MB: median {statistics.median(hwm):.0f}  max {hwm[-1]:.0f}"
          f"  (after opening, before the import: {statistics.median(r['hwm_before_mb'] for r in rows):.0f})")
    print(f"  load average: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")


if __name__ == "__main__":
    main()
