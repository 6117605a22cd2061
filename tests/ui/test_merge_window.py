"""File → Merge a coder's library…: read in the background, a choice per codebook conflict,
the merge stored in the background as one undoable step that the views follow; a file that
cannot be merged is refused in words."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from desktop_app.core.library.coders import use_coder
from desktop_app.core.operations.editor import Operations
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Highlight, Tag
from desktop_app.core.text.spans import TextSpan
from desktop_app.ui.app import import_seeds_once
from desktop_app.ui.dialogs.merge_conflicts import TAKE

WAIT_MS = 30_000
SHOTS = Path("/tmp/i16b")


def lans_library(path: Path) -> int:
    """The sample articles, coded by Lan: "cán bộ" in each, tag "Cán bộ" in red."""
    db = Database.open(path)
    try:
        import_seeds_once(db)
        use_coder(db, "Lan")
        ops = Operations(db)
        with db.session() as s:
            from desktop_app.core.storage.models import Article
            texts = dict(s.execute(select(Article.id, Article.text)).all())
        made = 0
        for aid, text in texts.items():
            start = text.find("cán bộ")
            if start >= 0:
                ops.create_highlight(aid, TextSpan(start, start + 6), ["Cán bộ"])
                made += 1
        with db.session() as s:
            tag_id = s.scalar(select(Tag.id).where(Tag.name == "Cán bộ"))
        ops.recolour_tag(tag_id, "#ff0000")
        return made
    finally:
        db.close()


def count(db, coder: int | None = None) -> int:
    with db.session() as s:
        stmt = select(func.count(Highlight.id))
        if coder is not None:
            stmt = stmt.where(Highlight.coder_id == coder)
        return s.scalar(stmt) or 0


def test_a_merge_asks_about_each_conflict_and_is_one_undoable_step(qtbot, open_window, tmp_path):
    window = open_window()
    made = lans_library(tmp_path / "lan.sqlite3")
    window.ops.create_tag("Cán bộ", "#00aa00")
    controller = window.merging
    published = []
    window.bus.changed.connect(published.append)

    controller.merge_from(tmp_path / "lan.sqlite3")
    qtbot.waitUntil(lambda: controller.dialog is not None and controller.dialog.isVisible(), timeout=WAIT_MS)
    dialog = controller.dialog
    model = dialog.model
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "Cán bộ" and model.index(0, 3).data() == "#ff0000"
    if SHOTS.is_dir():
        dialog.grab().save(str(SHOTS / "merge_conflicts.png"))
    model.setData(model.index(0, TAKE), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    dialog.accept()
    qtbot.waitUntil(lambda: controller.message is not None and controller.message.isVisible(), timeout=WAIT_MS)
    assert controller.message.windowTitle() == "Merged"
    assert controller.message.icon() == QMessageBox.Icon.Information
    assert count(window.db) == made and made >= 3
    with window.db.session() as s:
        assert s.scalar(select(Tag.color).where(Tag.name == "Cán bộ")) == "#ff0000"
    assert published and len(published[-1].highlights_created) == made and published[-1].codebook
    assert "Merge “lan.sqlite3”" in window.undo_actions.act_undo.text()

    window.undo_actions.undo()
    assert count(window.db) == 0
    with window.db.session() as s:
        assert s.scalar(select(Tag.color).where(Tag.name == "Cán bộ")) == "#00aa00"
    assert len(published[-1].highlights_deleted) == made


def test_a_file_that_is_not_a_library_is_refused_in_words(qtbot, open_window, tmp_path):
    window = open_window()
    junk = tmp_path / "notes.sqlite3"
    junk.write_text("không phải thư viện", encoding="utf-8")
    controller = window.merging
    controller.merge_from(junk)
    qtbot.waitUntil(lambda: controller.message is not None and controller.message.isVisible(), timeout=WAIT_MS)
    assert controller.message.windowTitle() == "Nothing was merged"
    assert "neither a Chú Giải library" in controller.message.text()
    assert controller.dialog is None and not window.history.can_undo
