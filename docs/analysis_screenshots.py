"""Render the README screenshots of the analysis windows (1400×900) on the sample articles
with the highlights, attributes, whole-article codes and memos of docs/analysis_sample.py.

    QT_QPA_PLATFORM=offscreen CHUGIAI_LANG=en .venv/bin/python docs/analysis_screenshots.py [docs/screenshots]

CHUGIAI_THEME=dark renders the dark theme (the files get a "-dark" suffix).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import analysis_sample  # noqa: E402
from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtGui import QImage, QPainter, QTextDocument  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

SIZE = (1400, 900)
REPO = Path(__file__).resolve().parent.parent


def english_plurals(app, folder: Path) -> None:
    """English plural forms for the strings of this checkout ("1 passage", "36 passages"),
    made as `make translations` makes them but into `folder`, and installed in front of the
    app's own (resources/translations is not touched)."""
    import subprocess

    from PySide6.QtCore import QTranslator

    tools = Path(sys.executable).parent
    ts, qm = folder / "en.ts", folder / "en.qm"
    sources = [str(p) for p in [*(REPO / "desktop_app").glob("*.py"), *(REPO / "desktop_app" / "ui").rglob("*.py")]]
    subprocess.run([str(tools / "pyside6-lupdate"), "-silent", *sources, "-pluralonly", "-source-language", "en",
                    "-target-language", "en", "-ts", str(ts)], check=True)
    subprocess.run([sys.executable, str(REPO / "resources" / "translations" / "english_plurals.py"), str(ts)],
                   check=True, capture_output=True)
    subprocess.run([str(tools / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
    translator = QTranslator(app)
    if translator.load(str(qm)):
        app.installTranslator(translator)


def main() -> None:
    from desktop_app.core.analysis.cooccurrence import CooccurrenceQuery
    from desktop_app.core.analysis.matrices import MatrixQuery
    from desktop_app.core.analysis.report import ReportOptions, build_report, render_html
    from desktop_app.core.library.attribute_filters import parse_condition
    from desktop_app.ui.analysis.matrix_form import ATTRIBUTE_TABLE, COOCCURRENCE_TABLE
    from desktop_app.ui.app import import_seeds_once, make_application, open_database
    from desktop_app.ui.library.article_details import ArticleDetailsDialog
    from desktop_app.ui.library.article_list import ID_ROLE
    from desktop_app.ui.window.main_window import MainWindow

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    dark = os.environ.get("CHUGIAI_THEME", "") == "dark"
    suffix = "-dark" if dark else ""
    app = make_application()
    tmp = Path(tempfile.mkdtemp(prefix="chugiai-shots-"))
    if os.environ.get("CHUGIAI_LANG", "en") == "en":
        english_plurals(app, tmp)
    db = open_database(tmp)
    import_seeds_once(db)
    analysis_sample.build(db)
    settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(db, settings, start_worker=False)
    w.resize(*SIZE)
    w.show()
    steps: list[Callable[[], None]] = []

    def save(widget: QWidget, name: str) -> None:
        QApplication.processEvents()
        widget.grab().save(str(out / f"{name}{suffix}.png"))
        print("saved", out / f"{name}{suffix}.png")

    def then(signal, action: Callable[[], None]) -> None:
        def once(*_args) -> None:
            signal.disconnect(once)
            QTimer.singleShot(250, action)
        signal.connect(once)

    def next_step() -> None:
        if steps:
            steps.pop(0)()
        else:
            app.quit()

    # 1. Coded passages: Cán bộ (with its nested tags) in the same sentence as Nhấn mạnh.
    def passages() -> None:
        pw = w.analysis.show_passages()
        pw.resize(*SIZE)
        pw.filters.tags.set_checked(["Cán bộ", "Đổi mới"])
        pw.filters.mode.setCurrentIndex(pw.filters.mode.findData("paragraph"))
        pw.filters.where.add_row(parse_condition("Giọng điệu=Tích cực"))

        def shoot() -> None:
            pw.table.setCurrentIndex(pw.model.index(3, 0))
            pw.table.selectRow(3)
            save(pw, "coded-passages")
            pw.hide()
            next_step()
        then(pw.searched, shoot)
        pw.run_query()

    # 2. Matrix: tags × outlet, coded passages; then co-occurrence by sentence.
    def matrix() -> None:
        mw = w.analysis.show_matrix()
        mw.resize(*SIZE)
        mw.form.set_spec(MatrixQuery("attribute:outlet"))
        mw.form.table.setCurrentIndex(mw.form.table.findData(ATTRIBUTE_TABLE))

        def shoot() -> None:
            mw.table.setCurrentIndex(mw.model.index(1, 1))
            save(mw, "matrix")
            cooc()
        then(mw.computed, shoot)
        mw.run()

    def cooc() -> None:
        mw = w.analysis.matrix
        mw.form.set_spec(CooccurrenceQuery("sentence"))
        mw.form.table.setCurrentIndex(mw.form.table.findData(COOCCURRENCE_TABLE))

        def shoot() -> None:
            save(mw, "cooccurrence")
            mw.hide()
            next_step()
        then(mw.computed, shoot)
        mw.run()

    # 3. Attributes: the window with the library selection, and the article details tab.
    def attributes() -> None:
        w.article_list.selectAll()
        aw = w.analysis.show_attributes()
        aw.resize(1000, 680)
        aw.table.selectRow(5)
        aw.form.attribute.setEditText("Giọng điệu")
        aw.form.value.setEditText("Trung tính")
        save(aw, "attributes")
        aw.hide()

        def details() -> None:
            dialog = w.findChild(ArticleDetailsDialog)
            dialog.resize(760, 560)
            dialog.tabs.setCurrentIndex(1)
            save(dialog, "article-attributes")
            dialog.reject()
            QTimer.singleShot(0, next_step)
        QTimer.singleShot(300, details)
        w.library.select_article(w.article_model.index(1).data(ID_ROLE))
        w.details_dialog()

    # 4. The library list filtered by attributes (Filters → Where).
    def library_where() -> None:
        filters = w.library.filters
        filters.toggle.setChecked(True)
        filters.where.add_row(parse_condition("Giọng điệu=Tích cực"))
        filters.where.add_row(parse_condition("year>=2023"))
        QTimer.singleShot(300, lambda: (save(w, "library-where"), filters.reset(),
                                        filters.toggle.setChecked(False), next_step()))

    # 5. The report: the dialog, and the report's first page as Qt lays it out for PDF.
    def report() -> None:
        rd = w.analysis.show_report()
        rd.resize(560, 520)
        save(rd, "report-dialog")
        rd.hide()
        options = ReportOptions(tables=(MatrixQuery("attribute:outlet"), CooccurrenceQuery("sentence")))
        page = QTextDocument()
        page.setHtml(render_html(build_report(db, options), rd.words()))
        page.setTextWidth(900)
        image = QImage(960, 1200, QImage.Format.Format_RGB32)
        image.fill(0xFFFFFF)
        painter = QPainter(image)
        painter.translate(30, 20)
        page.drawContents(painter)
        painter.end()
        image.save(str(out / f"report{suffix}.png"))
        print("saved", out / f"report{suffix}.png")
        next_step()

    steps.extend([passages, matrix, attributes, library_where] + ([] if dark else [report]))
    QTimer.singleShot(500, next_step)
    app.exec()
    w.close()
    db.close()


if __name__ == "__main__":
    main()
