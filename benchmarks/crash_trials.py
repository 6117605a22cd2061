"""SIGKILL a process writing highlights, tags and notes through AnnotationService, many
times, and count acknowledged changes that did not survive (the target is 0).

    .venv/bin/python benchmarks/crash_trials.py [TRIALS] [SEED]

Every trial reuses the same library, so each one also starts by recovering from the last
kill. Kill times are random, 0.02-1.0 s after the writer is ready. A SIGKILL is a process
crash, not a power cut: with synchronous=NORMAL a power cut may lose the last commits
(never consistency), which this cannot show.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.core.crash_writer import prepare_library, run_trial  # noqa: E402


def main() -> int:
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 2024
    rng = random.Random(seed)
    acks = lost = failed = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "chugiai.sqlite3"
        prepare_library(path)
        for n in range(trials):
            result = run_trial(path, seed + n, rng.uniform(0.02, 1.0))
            acks += result.acks
            lost += result.lost
            if not result.ok:
                failed += 1
                print(f"trial {n}: integrity={result.integrity} fk={result.foreign_key_problems} "
                      f"lost={result.lost} {result.problems[:3]}")
        size = path.stat().st_size
    took = time.perf_counter() - started
    print(f"trials run:      {trials}")
    print(f"acks checked:    {acks}")
    print(f"changes lost:    {lost}")
    print(f"trials failing:  {failed} (integrity_check, foreign_key_check, lost or stray rows)")
    print(f"library at end:  {size / 1e6:.1f} MB; {took:.0f} s in all")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
