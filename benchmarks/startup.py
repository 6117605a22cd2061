"""Time from launch to a usable window, and to the first article painted.

Runs the app in a fresh interpreter (a cold start as a user gets it), on a library with the
sample articles, several times, and prints the median and worst of:
  - "window shown": the main window mapped and its first event-loop turn done (usable);
  - "article painted": the reader viewport has painted the open article's text.

    .venv/bin/python benchmarks/startup.py [RUNS] [--articles N] [--quick]

Target (issue 3): launch to a usable window <= 2 s with 10,000 articles in the library.
--quick: 3 runs on a library of 2,000 articles.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from figures import at_most, info, options, report  # noqa: E402

CHILD = r"""
import json, sys, time
from pathlib import Path
t0 = float(sys.argv[1])
marks = {"interpreter": time.time() - t0}
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from desktop_app.ui.app import import_seeds_once, make_application, open_database
from desktop_app.ui.window.main_window import MainWindow
marks["imports"] = time.time() - t0
data = Path(sys.argv[2])

class PaintSpy(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "article painted" not in marks and window.reader.toPlainText():
            marks["article painted"] = time.time() - t0
            QTimer.singleShot(0, app.quit)
        return False

def main():
    global app, window
    app = make_application([sys.argv[0], "-platform", "offscreen"])
    db = open_database(data)
    import_seeds_once(db)
    settings = QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(db, settings, start_worker=False)
    spy = PaintSpy()
    window.reader.viewport().installEventFilter(spy)
    window.show()
    QTimer.singleShot(0, lambda: marks.setdefault("window shown", time.time() - t0))
    QTimer.singleShot(10000, app.quit)
    app.exec()
    window.close()
    db.close()
    print(json.dumps(marks))

if __name__ == "__main__":
    main()
"""


def run_once(data: Path) -> dict[str, float]:
    t0 = time.time()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, repr(t0), str(data)],
        capture_output=True, text=True, cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def build_library(data: Path, n: int) -> None:
    """A library of n articles made from the seeds (benchmarks/corpus.py), imported
    the way the app imports, and its search index built, before any timed start."""
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "benchmarks"))
    from corpus import make_corpus

    from desktop_app.core.analysis.search import sync_index
    from desktop_app.core.library.articles import set_state
    from desktop_app.core.library.ingest import import_paths
    from desktop_app.core.storage.database import Database

    with tempfile.TemporaryDirectory() as files:
        make_corpus(Path(files), n)
        db = Database.open(data / "chugiai.sqlite3")
        report = import_paths(db, [Path(files)])
        set_state(db, "seeds_imported", "1")
        sync_index(db)
        db.close()
    print(f"library of {len(report.imported):,} articles built")


def main() -> None:
    opts = options()
    args = sys.argv[1:]
    runs = next((int(a) for a in args if a.isdigit() and args.index(a) == 0), 3 if opts.quick else 7)
    articles = int(args[args.index("--articles") + 1]) if "--articles" in args else (2_000 if opts.quick else 0)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        if articles:
            build_library(data, articles)
        first = run_once(data)  # the first start also imports the seeds (or meets the library)
        print(f"first start: window shown {first['window shown'] * 1000:.0f} ms, "
              f"article painted {first['article painted'] * 1000:.0f} ms")
        samples = [run_once(data) for _ in range(runs)]
    medians = {}
    for key in ("interpreter", "imports", "window shown", "article painted"):
        values = sorted(s[key] * 1000 for s in samples)
        medians[key] = statistics.median(values)
        print(f"{key:16s} median {statistics.median(values):6.0f} ms   worst {values[-1]:6.0f} ms   ({runs} runs)")
    library = f"{articles:,} articles" if articles else "the sample articles"
    report([at_most(f"window shown, median ({library})", medians["window shown"], 2000, "ms",
                    "" if articles >= 10_000 else "(set for 10,000)"),
            info("article painted, median", medians["article painted"], "ms"),
            info("imports, median", medians["imports"], "ms")], opts)


if __name__ == "__main__":
    main()
