"""How long a new reading style takes on the 1,000,000-character article with 5,000
highlights of large_article.py, read from its middle: a new font size, a new line
spacing, both, and a switch to the dark theme and back (palette, stylesheet, word colours).
Also checks that the text at the top of the view stays there.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/reading_style.py

No target was set; the figures inform. The run takes seconds, so --quick runs it whole.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from figures import info, options, report  # noqa: E402
from large_article import build  # noqa: E402
from PySide6.QtCore import QPoint, QSettings  # noqa: E402

from desktop_app.core.library.articles import list_articles  # noqa: E402
from desktop_app.core.library.ingest import import_paths  # noqa: E402
from desktop_app.core.storage.database import Database  # noqa: E402


def main() -> None:
    from desktop_app.ui.app import make_application
    from desktop_app.ui.theme.appearance import Appearance
    from desktop_app.ui.window.main_window import MainWindow

    opts = options()
    figures = []
    moved = 0
    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "big.sqlite3")
        n = build(db)
        import_paths(db, sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt")))
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(db, settings, start_worker=False)
        window.resize(1400, 880)
        window.show()
        window.open_article(1)
        reader = window.reader
        looks = Appearance(settings, window)
        looks.attach(reader)
        layout = reader.document().documentLayout()
        sizes: list[float] = []
        while len(sizes) < 5 or sizes[-1] != sizes[-5]:  # the whole document laid out
            app.processEvents()
            sizes.append(layout.documentSize().height())
        bar = reader.verticalScrollBar()
        bar.setValue(bar.maximum() // 2)
        app.processEvents()
        top = reader.offset_at(QPoint(0, 0))
        base = looks.current()
        print(f"article of {n:,} characters, 5,000 highlights, read from offset {top:,}")
        for label, reading in [
            ("font size 13 -> 17 pt", replace(base, font_size=17)),
            ("line spacing 160 -> 200 %", replace(base, font_size=17, line_spacing=200)),
            ("both back (13 pt, 160 %)", base),
            ("theme light -> dark", replace(base, theme="dark")),
            ("theme dark -> light", replace(base, theme="light")),
        ]:
            t = time.perf_counter()
            looks.set_current(reading, save_it=False)
            applied = time.perf_counter() - t
            reader.viewport().repaint()
            painted = time.perf_counter() - t
            now = reader.offset_at(QPoint(0, 0))
            sizes = []
            while len(sizes) < 5 or sizes[-1] != sizes[-5]:  # Qt finishes the layout meanwhile
                app.processEvents()
                sizes.append(layout.documentSize().height())
            settled = reader.offset_at(QPoint(0, 0))
            figures.append(info(f"{label}, applied and painted", painted * 1000, "ms"))
            moved = max(moved, abs(settled - top))
            print(f"{label:28s} applied {applied * 1000:5.0f} ms, painted {painted * 1000:5.0f} ms; "
                  f"top of view moved {now - top:+d} characters ({settled - top:+d} once laid out, "
                  f"document {sizes[-1]:,.0f} px)")
        # A typical article: one of the samples (~8,000 characters).
        sample = next(a for a in list_articles(db) if a.id != 1)
        window.open_article(sample.id)
        bar.setValue(bar.maximum() // 2)
        for label, reading in [("sample: font size 13 -> 17", replace(base, font_size=17)),
                               ("sample: line spacing -> 200", replace(base, font_size=17, line_spacing=200)),
                               ("sample: theme -> dark", replace(base, font_size=17, line_spacing=200, theme="dark"))]:
            t = time.perf_counter()
            looks.set_current(reading, save_it=False)
            reader.viewport().repaint()
            took = time.perf_counter() - t
            print(f"{label:28s} applied and painted {took * 1000:5.1f} ms")
            figures.append(info(f"{label}, applied and painted", took * 1000, "ms"))
        window.close()
        db.close()
    figures.insert(0, info("top of view moved, worst once laid out", moved, "characters"))
    report(figures, opts)


if __name__ == "__main__":
    main()
