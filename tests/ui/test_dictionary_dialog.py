"""Edit → Dictionary…: the list editor checks as the user types, and saving re-segments,
in the background, only the articles that contain a changed term; the open article's
words update by themselves."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.core.nlp.stored import articles_to_segment, load_segmentation
from desktop_app.core.nlp.user_dictionary import load_dictionary
from desktop_app.core.storage.models import Article

TERM = "Ban Tổ chức Trung ương"
WAIT_MS = 60_000


def test_the_dialog_counts_and_refuses_one_syllable_lines(qtbot) -> None:
    from desktop_app.ui.dialogs.dictionary_dialog import DictionaryDialog

    dialog = DictionaryDialog(["Trương Thị Mai"])
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    # (The plural forms come with the generated translations: "1 term(s)" until then.)
    assert dialog.count_label.text().startswith("1 term") and ok.isEnabled()
    dialog.editor.setPlainText("Trương Thị Mai\n  trương  thị MAI \nHà\n\n" + TERM)
    assert not ok.isEnabled() and dialog.problem_label.isVisibleTo(dialog)
    assert "Line 3" in dialog.problem_label.text() and "one syllable" in dialog.problem_label.text()
    dialog.editor.setPlainText("Trương Thị Mai\n  trương  thị MAI \n\n" + TERM)
    assert ok.isEnabled() and not dialog.problem_label.isVisibleTo(dialog)
    count = dialog.count_label.text()
    assert count.startswith("2 term") and "1 duplicate" in count and "merged" in count
    assert dialog.terms() == ["Trương Thị Mai", TERM]


def test_saving_resegments_only_the_affected_articles(qtbot, open_window) -> None:
    window = open_window(start_worker=True)
    db = window.db
    qtbot.waitUntil(lambda: not articles_to_segment(db) and not window.worker.is_running(), timeout=WAIT_MS)
    with db.session() as s:
        texts = dict(s.query(Article.id, Article.text).all())
    affected = sorted(i for i, t in texts.items() if TERM in t)
    assert affected and len(affected) < len(texts)
    window.open_article(affected[0])
    before = {i: load_segmentation(db, i) for i in texts}
    assert TERM not in [window.current.text[s:e] for s, e in window.reader._tokens_cp]
    segmented: list[int] = []
    window.worker.article_segmented.connect(segmented.append)

    action = next(a for a in window.menuBar().actions()[1].menu().actions() if a.objectName() == "actionDictionary")
    action.trigger()
    dialog = window.dictionary.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.editor.setPlainText(TERM + "\n")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    qtbot.waitUntil(lambda: TERM in [window.current.text[s:e] for s, e in window.reader._tokens_cp],
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: sorted(segmented) == affected and not window.worker.is_running(), timeout=WAIT_MS)
    assert load_dictionary(db).terms == (TERM,)
    for i in texts:
        if i not in affected:
            assert load_segmentation(db, i) == before[i]
    text = window.current.text
    merged = [(s, e) for s, e in window.reader._tokens_cp if text[s:e] == TERM]
    assert merged and all(text[s:e] == TERM for s, e in merged)
    # Undo (the window's action) puts the old dictionary back and the words split again.
    assert window.undo_actions.act_undo.text() == "Undo Edit dictionary"
    segmented.clear()
    window.undo_actions.act_undo.trigger()
    assert load_dictionary(db).terms == ()
    qtbot.waitUntil(lambda: TERM not in [window.current.text[s:e] for s, e in window.reader._tokens_cp],
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: sorted(segmented) == affected and not window.worker.is_running(), timeout=WAIT_MS)
    for i in texts:
        assert load_segmentation(db, i) == before[i]
