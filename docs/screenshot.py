"""Render the README screenshot: the seeds, a few highlights (two overlapping), word
boundaries and named-entity suggestions on, an article memo.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/screenshot.py docs/screenshot.png

CHUGIAI_THEME=dark (or light) picks the theme; without it the system's is followed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer


def main() -> None:
    from desktop_app.core.annotate.highlights import AnnotationService
    from desktop_app.core.library.articles import list_articles
    from desktop_app.ui.app import import_seeds_once, make_application, open_database
    from desktop_app.ui.window.main_window import MainWindow

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshot.png")
    app = make_application()
    tmp = Path(tempfile.mkdtemp(prefix="chugiai-shot-"))
    db = open_database(tmp)
    import_seeds_once(db)
    service = AnnotationService(db)
    article = next(a for a in list_articles(db) if a.source == "TTXVN")
    from desktop_app.core.library.articles import get_article

    text = get_article(db, article.id).text
    for phrase, tags, note in [
        ("tạo chuyển biến cơ bản, vững chắc trong công tác tổ chức xây dựng Đảng", ["Xây dựng Đảng", "Nhấn mạnh"],
         "Mục tiêu chung được nhắc lại ở cuối bài."),
        ("then chốt của then chốt", ["Ẩn dụ", "Nhấn mạnh"], "Cách nói lặp để nhấn mạnh vai trò của Ban."),
        ("tình trạng chạy chức chạy quyền, lợi dụng mối quan hệ thân quen, lợi ích nhóm", ["Tiêu cực"],
         "Liệt kê các biểu hiện tiêu cực trong công tác cán bộ."),
        ("đào tạo, bồi dưỡng cán bộ", ["Cán bộ/Đào tạo"], ""),
        ("công tác tổ chức xây dựng Đảng", ["Cán bộ/Đào tạo"], "Chồng lên đoạn đánh dấu đầu tiên."),
    ]:
        start = text.index(phrase)
        service.create_highlight(article.id, start, start + len(phrase), tags, note)
    settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("reader/last_article", article.id)
    settings.setValue("reader/show_words", True)
    settings.setValue("reader/show_entities", True)
    from desktop_app.core.library.memos import set_memo

    set_memo(db, article.id, "Bài tường thuật hội nghị; so sánh với bài của Nhân Dân cùng ngày.")
    window = MainWindow(db, settings)
    window.resize(1400, 880)
    window.show()

    def shoot() -> None:
        cards = window.panel.model.highlights()
        window.panel.select(cards[0].id)
        window.reader.set_active_highlight(cards[0].id)
        window.reader.verticalScrollBar().setValue(0)
        app.processEvents()
        window.grab().save(str(out))
        print(f"saved {out}")
        window.close()
        app.quit()

    QTimer.singleShot(9000, shoot)  # time for segmentation to finish and paint word groups
    app.exec()


if __name__ == "__main__":
    main()
