"""SIGKILL a process while it writes, exports, backs up or upgrades the library, many times,
and count what did not survive (the target is 0 lost everywhere).

    .venv/bin/python benchmarks/crash_trials.py [--quick] [TRIALS] [SEED]

Per kind, "tried" is the number of kills, "survived" the trials after which everything
acknowledged was intact, "lost" the trials that lost something:
  writes   highlights, tags and notes through AnnotationService (tests/core/crash_writer.py):
           every acknowledged change must be there after the kill
  export   a CSV export replaced again and again: the file is absent or a complete export,
           never half of one; the library is untouched
  backup   backups to new names: every file under a backup's name is a whole, sound
           library; what the kill left (.partial-<pid>) is cleaned by the next backup
  upgrade  opening a library of the previous schema (a real migration): afterwards it opens,
           upgraded, with every row; every before-upgrade copy is whole
Kill times are random, after the child is ready. A SIGKILL is a process crash, not a power
cut: with synchronous=NORMAL a power cut may lose the last commits (never consistency),
which this cannot show (README, "Data safety").
"""

from __future__ import annotations

import csv
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from desktop_app.core.storage.copies import clean_partial_copies  # noqa: E402
from desktop_app.core.storage.database import Database, DatabaseError, check_backup_file  # noqa: E402
from tests.core.crash_writer import prepare_library, run_trial  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures" / "schemas"

CHILD = {
    "export": """
        from desktop_app.core.interchange.formats import export
        db = Database.open(Path(sys.argv[1]))
        ready()
        while True:
            export(db, "csv", Path(sys.argv[2]))
            print("ACK", flush=True)
    """,
    "backup": """
        db = Database.open(Path(sys.argv[1]))
        ready()
        n = 0
        while True:
            n += 1
            db.backup(Path(sys.argv[2]) / f"backup-{n}.sqlite3")
            print("ACK", n, flush=True)
    """,
    "upgrade": """
        ready()
        db = Database.open(Path(sys.argv[1]))
        print("ACK", flush=True)
        db.close()
    """,
}
PRELUDE = """
import sys
from pathlib import Path
from desktop_app.core.storage.database import Database
def ready():
    print("READY", flush=True)
"""


def run_child(kind: str, args: list[str], kill_after: float) -> list[str]:
    """Start the child, SIGKILL it `kill_after` s after READY; its output lines."""
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1")
    code = PRELUDE + textwrap.dedent(CHILD[kind])
    proc = subprocess.Popen([sys.executable, "-c", code, *args], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    if first.startswith("READY"):
        time.sleep(kill_after)
    proc.send_signal(signal.SIGKILL)
    out = proc.stdout.read().splitlines()
    proc.wait(30)
    proc.stdout.close()
    return out


def many_highlights(path: Path, count: int) -> None:
    from desktop_app.core.annotate.highlights import AnnotationService, NewHighlight
    from desktop_app.core.library.articles import list_articles

    prepare_library(path)
    db = Database.open(path)
    try:
        article = list_articles(db)[0].id
        AnnotationService(db).create_highlights(
            [NewHighlight(article, n % 200, n % 200 + 5, ["Cán bộ"]) for n in range(count)])
    finally:
        db.close()


def export_trials(tmp: Path, trials: int, rng: random.Random) -> tuple[int, int]:
    library = tmp / "export" / "chugiai.sqlite3"
    many_highlights(library, 3000)
    before = sqlite3.connect(library).execute("SELECT count(*) FROM highlights").fetchone()[0]
    target = tmp / "export" / "out.csv"
    lost = 0
    for _ in range(trials):
        run_child("export", [str(library), str(target)], rng.uniform(0.0, 0.6))
        rows = -1
        if target.exists():
            with open(target, encoding="utf-8-sig", newline="") as f:
                rows = sum(1 for _row in csv.reader(f)) - 1
        intact = rows in (-1, before) and not _integrity_problem(library)
        lost += not intact
    return trials, lost


def backup_trials(tmp: Path, trials: int, rng: random.Random) -> tuple[int, int]:
    library = tmp / "backup" / "chugiai.sqlite3"
    prepare_library(library)
    folder = tmp / "backup" / "copies"
    folder.mkdir()
    lost = 0
    for _ in range(trials):
        run_child("backup", [str(library), str(folder)], rng.uniform(0.0, 0.3))
        bad = 0
        for copy in folder.glob("backup-*.sqlite3"):
            try:
                check_backup_file(copy)
            except DatabaseError:
                bad += 1
        clean_partial_copies(folder)
        leftovers = [p for p in folder.iterdir() if ".partial-" in p.name]
        lost += bool(bad or leftovers or _integrity_problem(library))
        for copy in folder.iterdir():  # next trial starts empty
            copy.unlink()
    return trials, lost


def upgrade_trials(tmp: Path, trials: int, rng: random.Random) -> tuple[int, int]:
    old = max(FIXTURES.glob("library-v*.sqlite3"), key=lambda p: int(p.stem.split("-v")[1]))
    with sqlite3.connect(old) as conn:
        expected = conn.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM highlights)").fetchone()
    lost = 0
    for n in range(trials):
        folder = tmp / f"upgrade-{n}"
        folder.mkdir()
        library = folder / "chugiai.sqlite3"
        shutil.copy(old, library)
        run_child("upgrade", [str(library)], rng.uniform(0.0, 0.05))
        ok = all(p.stat().st_size > 0 for p in folder.glob("chugiai.before-upgrade-*.sqlite3"))
        try:
            db = Database.open(library)
            db.close()
            with sqlite3.connect(library) as conn:
                got = conn.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM highlights)").fetchone()
            ok = ok and got == expected and not _integrity_problem(library)
        except DatabaseError:
            ok = False
        lost += not ok
    return trials, lost


def write_trials(tmp: Path, trials: int, rng: random.Random, seed: int) -> tuple[int, int]:
    path = tmp / "writes" / "chugiai.sqlite3"
    path.parent.mkdir()
    prepare_library(path)
    lost = 0
    for n in range(trials):
        result = run_trial(path, seed + n, rng.uniform(0.02, 1.0))
        lost += not result.ok
    return trials, lost


def _integrity_problem(path: Path) -> bool:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok" or bool(
            conn.execute("PRAGMA foreign_key_check").fetchall())


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    numbers = [int(a) for a in argv if a.isdigit()]
    trials = numbers[0] if numbers else (3 if quick else 40)
    seed = numbers[1] if len(numbers) > 1 else 2024
    rng = random.Random(seed)
    started = time.perf_counter()
    results = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        results["writes"] = write_trials(tmp, trials, rng, seed)
        results["export"] = export_trials(tmp, trials, rng)
        results["backup"] = backup_trials(tmp, trials, rng)
        results["upgrade"] = upgrade_trials(tmp, trials, rng)
    print(f"{'kind':<8} {'tried':>6} {'survived':>9} {'lost':>5}")
    for kind, (tried, lost) in results.items():
        print(f"{kind:<8} {tried:>6} {tried - lost:>9} {lost:>5}")
    print(f"{time.perf_counter() - started:.0f} s in all")
    return 1 if any(lost for _tried, lost in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
