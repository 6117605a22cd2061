"""Screenshots of coders in the window (issue 16): two coders' highlights on one article,
another coder's highlight outlined and its card named, the status bar naming the coder;
then the same article with blind coding on.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/coders_screenshot.py docs/screenshots
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer


def main() -> None:
    from desktop_app.core.annotate.highlights import AnnotationService
    from desktop_app.core.library.articles import get_article, list_articles
    from desktop_app.core.library.coders import use_coder
    from desktop_app.core.storage.migrations import first_coder_name
    from desktop_app.ui.app import import_seeds_once, make_application, open_database
    from desktop_app.ui.window.coder_controller import settings_key
    from desktop_app.ui.window.main_window import MainWindow

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    app = make_application()
    tmp = Path(tempfile.mkdtemp(prefix="chugiai-coders-"))
    db = open_database(tmp)
    import_seeds_once(db)
    service = AnnotationService(db)
    article = next(a for a in list_articles(db) if a.source == "TTXVN")
    text = get_article(db, article.id).text
    work = {
        first_coder_name(): [
            ("then chốt của then chốt", ["Ẩn dụ"], "Cách nói lặp để nhấn mạnh."),
            ("tình trạng chạy chức chạy quyền", ["Tiêu cực"], ""),
            ("đào tạo, bồi dưỡng cán bộ", ["Cán bộ/Đào tạo"], ""),
        ],
        "Lan": [
            ("then chốt của then chốt", ["Nhấn mạnh"], "Lan: nhấn mạnh, không phải ẩn dụ."),
            ("lợi dụng mối quan hệ thân quen, lợi ích nhóm", ["Tiêu cực"], ""),
            ("công tác tổ chức xây dựng Đảng", ["Xây dựng Đảng"], ""),
        ],
    }
    for coder, items in work.items():
        use_coder(db, coder)
        for phrase, tags, note in items:
            start = text.index(phrase)
            service.create_highlight(article.id, start, start + len(phrase), tags, note)
    settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("reader/last_article", article.id)
    settings.setValue(settings_key(db.path, "name"), first_coder_name())
    window = MainWindow(db, settings, start_worker=False)
    window.resize(1400, 880)
    window.show()

    def shoot() -> None:
        cards = window.panel.model.highlights()
        theirs = next(h for h in cards if h.coder_id != db.coder_id and h.quote.startswith("then"))
        window.panel.select(theirs.id)
        window.panel.editor.set_highlight(theirs)
        window.reader.scroll_to_offsets(theirs.start, theirs.end, flash=False)
        app.processEvents()
        window.grab().save(str(out / "coders-two-coders.png"))
        window.coders.act_blind.trigger()
        app.processEvents()
        window.grab().save(str(out / "coders-blind.png"))
        print(f"saved {out}/coders-*.png")
        window.close()
        app.quit()

    QTimer.singleShot(1500, shoot)
    app.exec()


if __name__ == "__main__":
    main()
