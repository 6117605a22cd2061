"""Open an article of 1,000,000 characters carrying 5,000 highlights, scroll it top to
bottom, and create a highlight on it. Targets (issue 4): open <= 500 ms, no frame over
50 ms while scrolling, a new highlight painted <= 50 ms after the key press.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/large_article.py
    xvfb-run -a .venv/bin/python benchmarks/large_article.py      (a real X server)

The whole run takes a few seconds, so --quick runs it at full size (the targets are for it).
"""

from __future__ import annotations

import hashlib
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from figures import at_most, info, options, report  # noqa: E402
from PySide6.QtCore import QEvent, QObject, QSettings  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from desktop_app.core.storage.database import Database  # noqa: E402
from desktop_app.core.storage.models import Article, Highlight, Tag, highlight_tags, utcnow  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
N_CHARS = 1_000_000
N_HIGHLIGHTS = 5_000


def build(db: Database) -> int:
    rng = random.Random(5)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    parts, size = ["Bài rất dài để đo hiệu năng\n\n"], 0
    while size < N_CHARS:
        piece = seeds[len(parts) % len(seeds)]
        parts.append(piece)
        size += len(piece)
    text = "".join(parts)[:N_CHARS]
    now = utcnow()
    with db.engine.begin() as conn:
        conn.execute(insert(Article), [{"id": 1, "title": "Bài rất dài", "text": text, "original_text": text,
                                        "content_hash": hashlib.sha256(text.encode()).hexdigest(),
                                        "imported_at": now}])
        conn.execute(insert(Tag), [{"id": t + 1, "name": f"Mã {t}", "color": f"#{rng.randrange(0x1000000):06x}",
                                    "description": "", "created_at": now} for t in range(12)])
        rows, links = [], []
        starts = sorted(rng.sample(range(0, N_CHARS - 80), N_HIGHLIGHTS))
        for h, start in enumerate(starts):
            end = start + rng.randrange(5, 80)
            rows.append({"id": h + 1, "article_id": 1, "start": start, "end": end, "quote": text[start:end],
                         "prefix": text[max(0, start - 32):start], "suffix": text[end:end + 32],
                         "note": "", "created_at": now, "modified_at": now})
            for t in rng.sample(range(1, 13), rng.randrange(1, 3)):
                links.append({"highlight_id": h + 1, "tag_id": t})
        conn.execute(insert(Highlight), rows)
        conn.execute(insert(highlight_tags), links)
    return len(text)


class PaintClock(QObject):
    """Duration of each paint of the reader's viewport."""

    def __init__(self) -> None:
        super().__init__()
        self.started: float | None = None
        self.durations: list[float] = []
        self.first_paint: float | None = None

    def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            self.started = time.perf_counter()
            if self.first_paint is None:
                self.first_paint = self.started
        return False


def main() -> None:
    from desktop_app.ui.app import make_application, settle_memory
    from desktop_app.ui.window.main_window import MainWindow

    opts = options()
    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "big.sqlite3")
        n = build(db)
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(db, settings, start_worker=False)
        window.resize(1400, 880)
        window.show()
        app.processEvents()
        settle_memory()  # as the app does once its window has painted
        window.session.close()
        t0 = time.perf_counter()
        window.open_article(1)
        opened = time.perf_counter() - t0
        window.reader.viewport().repaint()
        first_paint = time.perf_counter() - t0
        painted = len(window.reader.extraSelections())

        # Qt lays a long document out in slices between events: wait for all of it.
        t = time.perf_counter()
        layout = window.reader.document().documentLayout()
        sizes = []
        while len(sizes) < 5 or sizes[-1] != sizes[-5]:
            app.processEvents()
            sizes.append(layout.documentSize().height())
        laid_out = time.perf_counter() - t

        # Scroll top to bottom a page at a time; each step is one full repaint.
        bar = window.reader.verticalScrollBar()
        frames = []
        bar.setValue(0)
        while True:
            t = time.perf_counter()
            bar.setValue(bar.value() + window.reader.viewport().height())
            window.reader.viewport().repaint()
            frames.append((time.perf_counter() - t) * 1000)
            if bar.value() >= bar.maximum():
                break

        # New highlights from the key press to the repaint, ten in a row, as a user makes them.
        bar.setValue(bar.maximum() // 2)
        creates = []
        for i in range(10):
            first = window.reader.offset_at(window.reader.viewport().rect().center()) + 40 * i
            window.reader.select_offsets(first, first + 12)
            t = time.perf_counter()
            window.highlight_selection(["Mới"])
            window.reader.viewport().repaint()
            creates.append((time.perf_counter() - t) * 1000)
            app.processEvents()  # the card is selected in the next event, as in use

        print(f"article of {n:,} characters with {N_HIGHLIGHTS:,} highlights ({painted:,} painted)")
        print(f"open (text, highlights, panel): {opened * 1000:.0f} ms; first paint done at {first_paint * 1000:.0f} ms")
        print(f"whole document laid out in the background {laid_out * 1000:.0f} ms later")
        print(f"scrolling top to bottom: {len(frames)} pages, frame median {statistics.median(frames):.1f} ms, "
              f"p95 {sorted(frames)[int(len(frames) * 0.95)]:.1f} ms, max {max(frames):.1f} ms")
        print(f"create a highlight, painted: median {statistics.median(creates):.0f} ms, "
              f"max {max(creates):.0f} ms (10 in a row: {' '.join(f'{c:.0f}' for c in creates)})")
        window.close()
        db.close()
    report([at_most("open (text, highlights, panel)", opened * 1000, 500, "ms"),
            info("first paint done", first_paint * 1000, "ms"),
            at_most(f"longest frame scrolling ({len(frames)} pages)", max(frames), 50, "ms"),
            at_most("new highlight to painted (median of 10)", statistics.median(creates), 50, "ms"),
            info("new highlight to painted (max of 10)", max(creates), "ms")], opts)


if __name__ == "__main__":
    main()
