"""Screenshots for issue 14 (tag tree, deleting articles, reviewing suggestions), offscreen:
    .venv/bin/python docs/screenshots/issue14.py
"""
import os, sys, tempfile
from pathlib import Path
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen"); os.environ.setdefault("CHUGIAI_LANG", "en")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from PySide6.QtCore import QSettings, QItemSelectionModel
from PySide6.QtWidgets import QApplication
from desktop_app.ui.app import make_application, import_seeds_once
from desktop_app.core.storage.database import Database
from desktop_app.core.text.spans import TextSpan
from desktop_app.core.nlp import pos_ner
from desktop_app.ui.library.article_list import SUMMARY_ROLE
app = make_application()
d = Path(tempfile.mkdtemp()); db = Database.open(d / "chugiai.sqlite3"); import_seeds_once(db)
from desktop_app.ui.window.main_window import MainWindow
w = MainWindow(db, QSettings(str(d / "s.ini"), QSettings.Format.IniFormat), start_worker=False)
w.resize(1300, 820); w.show(); app.processEvents()
out = ROOT / "docs" / "screenshots"; out.mkdir(parents=True, exist_ok=True)
aid = w.current.id; text = w.current.text
def mark(word, tags):
    i = text.find(word)
    if i >= 0: w.bus.publish(w.ops.create_highlight(aid, TextSpan(i, i + len(word)), tags).changes)
mark("Ban Tổ chức", ["Cơ quan/Ban Tổ chức Trung ương"]); mark("cán bộ", ["Cán bộ/Đào tạo"]); mark("Đảng", ["Cán bộ/Đánh giá", "Đảng"])
from desktop_app.ui.dialogs.tag_manager import TagManagerDialog
tm = TagManagerDialog(w.ops, w.bus, w); tm.show(); app.processEvents()
tm.select(next(t.id for t in tm.tags.values() if t.name == "Cán bộ/Đào tạo")); app.processEvents()
tm.grab().save(str(out / "tag-manager.png")); tm.close()
# library with two articles selected and the delete question
sel = w.article_list.selectionModel()
for r in (0, 1): sel.select(w.article_model.index(r), QItemSelectionModel.SelectionFlag.Select)
box = w.articles.confirmation([w.article_model.index(r).data(SUMMARY_ROLE) for r in (0, 1)])
box.show(); app.processEvents()
w.grab().save(str(out / "library-delete-window.png"))
box.grab().save(str(out / "library-delete-confirmation.png")); box.close()
# review suggestions
pos_ner.save_tags(db, aid, text, *pos_ner.tag_paragraph(text))
w.commands.act_entities.setChecked(True); app.processEvents()
found = w.suggestions.suggestions("PER") or w.suggestions.suggestions("ORG")
label = found[0].label
from desktop_app.ui.dialogs.review_suggestions import ReviewSuggestionsDialog
dlg = ReviewSuggestionsDialog(found, text, w.suggestions.label_name(label), label, w)
from PySide6.QtCore import Qt
for r in range(dlg.model.rowCount()):
    if dlg.model.item(r).text() in ("29 GMT", "Trưởng Ban"): dlg.model.item(r).setCheckState(Qt.CheckState.Unchecked)
dlg.show(); app.processEvents(); dlg.grab().save(str(out / "review-suggestions.png")); dlg.close()
print(len(found), label)
w.close(); db.close()
