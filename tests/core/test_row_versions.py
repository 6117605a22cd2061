"""Optimistic concurrency on SQLite (schema v14, annotate/row_versions.py): two Operations
objects on one library file are two coders; an edit made on a version another coder has
changed since is refused with theirs, never written over it; undo and redo are versioned
edits too."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop_app.core.annotate.row_versions import ConflictError
from desktop_app.core.library.coders import use_coder
from desktop_app.core.library.memos import memo_with_version
from desktop_app.core.messages import Message
from desktop_app.core.operations.editor import Operations
from desktop_app.core.operations.history import StepFailed
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.row_versions import VERSIONED_TABLES
from desktop_app.core.text.spans import TextSpan
from tests.core import engine_sql
from tests.core.test_annotations import add_article

TEXT = "Ban Tổ chức Trung ương họp bàn về công tác cán bộ và đào tạo cán bộ trẻ ở Hà Nội."
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "schemas"


def span(word: str) -> TextSpan:
    start = TEXT.index(word)
    return TextSpan(start, start + len(word))


@pytest.fixture
def coders(db: Database):
    """(Lan's Operations, Minh's Operations) on the same file, each their own connection."""
    other = Database.open(db.path)
    use_coder(db, "Lan")
    use_coder(other, "Minh")
    try:
        yield Operations(db), Operations(other)
    finally:
        other.close()


@pytest.fixture
def article(db: Database) -> int:
    return add_article(db, TEXT)


def highlight(ops: Operations, highlight_id: int):
    return ops.service.get_highlight(highlight_id)


# --- highlights -----------------------------------------------------------------------------
def test_a_note_saved_on_an_older_version_is_refused_with_theirs(coders, article):
    lan, minh = coders
    h = lan.create_highlight(article, span("cán bộ"), ["Cán bộ"]).value
    assert h.row_version == 1
    seen_by_minh = highlight(minh, h.id).row_version
    lan.set_note(h.id, "Lan's note", seen=h.row_version)
    assert highlight(lan, h.id).row_version == 2
    with pytest.raises(ConflictError) as caught:
        minh.set_note(h.id, "Minh's note", seen=seen_by_minh)
    e = caught.value
    assert e.message == Message("conflict.highlight", {"who": ""})
    assert e.theirs["note"] == "Lan's note" and e.theirs["tags"] == ("Cán bộ",) and e.version == 2
    assert highlight(minh, h.id).note == "Lan's note"  # nothing written over it
    assert not minh.history.can_undo
    # "Use mine": saving again on their version, knowingly.
    minh.set_note(h.id, "Minh's note", seen=e.version)
    assert highlight(lan, h.id).note == "Minh's note" and highlight(lan, h.id).row_version == 3


def test_tags_and_bounds_are_versioned_and_unchanged_values_never_conflict(coders, article):
    lan, minh = coders
    h = lan.create_highlight(article, span("cán bộ"), ["Cán bộ"]).value
    lan.set_tags(h.id, ["Cán bộ", "Đảng"], seen=1)
    with pytest.raises(ConflictError):
        minh.set_tags(h.id, ["Trẻ"], seen=1)
    with pytest.raises(ConflictError):
        minh.resize(h.id, span("cán bộ và"), seen=1)
    assert highlight(minh, h.id).tag_names == ["Cán bộ", "Đảng"]
    # The same note as stored is no change, whatever version was seen.
    assert not minh.set_note(h.id, "", seen=1)
    minh.resize(h.id, span("cán bộ và"), seen=2)
    assert highlight(lan, h.id).quote == "cán bộ và" and highlight(lan, h.id).row_version == 3
    # No version named (the CLI, scripts): the current one, last writer wins.
    lan.set_note(h.id, "từ dòng lệnh")
    assert highlight(minh, h.id).note == "từ dòng lệnh"


def test_undo_and_redo_are_versioned_edits_of_ones_own_last_write(coders, article):
    lan, minh = coders
    h = lan.create_highlight(article, span("cán bộ"), []).value
    lan.set_note(h.id, "một", seen=1)
    lan.set_tags(h.id, ["Đảng"], seen=2)
    lan.history.undo()  # the tags, on the version the retag wrote
    lan.history.undo()  # the note, on the version that undo wrote
    back = highlight(lan, h.id)
    assert back.note == "" and back.tag_names == [] and back.row_version > 3  # every write bumps it
    lan.history.redo()
    lan.history.redo()
    assert highlight(minh, h.id).note == "một" and highlight(minh, h.id).tag_names == ["Đảng"]
    # Minh changes the note; Lan's undo would overwrite it: refused in words, the step goes.
    minh.set_note(h.id, "Minh", seen=highlight(minh, h.id).row_version)
    with pytest.raises(StepFailed) as caught:
        lan.history.undo()
    assert "changed this highlight" in caught.value.reason
    assert highlight(lan, h.id).tag_names == ["Đảng"] and highlight(lan, h.id).note == "Minh"
    # Minh's own undo still works: it is his last write.
    minh.history.undo()
    assert highlight(lan, h.id).note == "một"


def test_a_run_of_notes_undoes_on_the_last_version(coders, article):
    lan, _minh = coders
    h = lan.create_highlight(article, span("cán bộ"), []).value
    for n, note in enumerate(["m", "mộ", "một"]):
        lan.set_note(h.id, note, seen=1 + n)
    assert lan.history.undo_label.kind == "note"
    lan.history.undo()
    assert highlight(lan, h.id).note == ""
    lan.history.redo()
    assert highlight(lan, h.id).note == "một"


def test_reattach_undo_puts_the_orphan_back_above_the_version_it_replaced(coders, article, db):
    lan, minh = coders
    h = lan.create_highlight(article, span("cán bộ"), []).value
    engine_sql.write(db, "UPDATE highlights SET orphaned = 1 WHERE id = ?", h.id)
    lan.reattach(h.id, span("đào tạo"), seen=1)
    lan.history.undo()
    back = highlight(minh, h.id)
    assert back.orphaned and back.row_version == 3
    with pytest.raises(ConflictError):
        minh.reattach(h.id, span("Hà Nội"), seen=2)


# --- tags -----------------------------------------------------------------------------------
def test_tag_edits_on_an_older_version_are_refused(coders):
    lan, minh = coders
    tag = lan.create_tag("Cán bộ", "#aabbcc").value
    assert tag.row_version == 1
    lan.rename_tag(tag.id, "Cán bộ trẻ", seen=1)
    for edit in (lambda: minh.rename_tag(tag.id, "Cán bộ già", seen=1),
                 lambda: minh.recolour_tag(tag.id, "#000000", seen=1),
                 lambda: minh.describe_tag(tag.id, "Minh", seen=1),
                 lambda: minh.move_tag(tag.id, "Đảng", seen=1)):
        with pytest.raises(ConflictError) as caught:
            edit()
        assert caught.value.theirs == {"name": "Cán bộ trẻ", "color": "#aabbcc", "description": ""}
    now = caught.value.version
    minh.recolour_tag(tag.id, "#000000", seen=now)
    [found] = [t for t in lan.service.list_tags() if t.id == tag.id]
    assert (found.name, found.color, found.row_version) == ("Cán bộ trẻ", "#000000", now + 1)
    # Lan's rename undo would undo on top of Minh's colour: refused, the step dropped.
    with pytest.raises(StepFailed):
        lan.history.undo()
    minh.history.undo()
    lan.describe_tag(tag.id, "mô tả")  # no version named: the current one
    lan.history.undo()
    lan.history.redo()
    assert [t.description for t in minh.service.list_tags() if t.id == tag.id] == ["mô tả"]


def test_a_tag_deleted_meanwhile_is_said_so(coders):
    lan, minh = coders
    tag = lan.create_tag("Cán bộ").value
    other = lan.create_tag("Đảng").value
    minh.delete_tag(tag.id)
    for edit in (lambda: lan.rename_tag(tag.id, "X", seen=1), lambda: lan.recolour_tag(tag.id, "#000000", seen=1),
                 lambda: lan.merge_tags(tag.id, other.id)):
        with pytest.raises(Exception) as caught:
            edit()
        assert caught.value.message == Message("tag.missing")


# --- memos ----------------------------------------------------------------------------------
def test_memo_conflicts_name_who_wrote_theirs(coders, article, db):
    lan, minh = coders
    assert memo_with_version(db, article) == ("", 0)
    lan.set_memo(article, "Lan nghĩ", seen=0)
    assert memo_with_version(db, article) == ("Lan nghĩ", 1)
    with pytest.raises(ConflictError) as caught:
        minh.set_memo(article, "Minh nghĩ", seen=0)  # he saw no memo
    assert caught.value.who == "Lan" and caught.value.theirs == {"text": "Lan nghĩ"}
    assert caught.value.message == Message("conflict.memo", {"who": "Lan"})
    minh.set_memo(article, "Minh nghĩ", seen=caught.value.version)
    assert memo_with_version(db, article) == ("Minh nghĩ", 2)
    with pytest.raises(ConflictError):
        lan.set_memo(article, "", seen=1)  # emptying an older version is refused too
    with pytest.raises(StepFailed):
        lan.history.undo()
    minh.history.undo()
    assert memo_with_version(db, article) == ("Lan nghĩ", 3)


# --- the schema -----------------------------------------------------------------------------
def test_v13_library_gets_row_versions_at_one(tmp_path):
    path = tmp_path / "library-v13.sqlite3"
    shutil.copy(FIXTURES / path.name, path)
    with sqlite3.connect(path) as conn:
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in VERSIONED_TABLES}
    Database.open(path).close()
    with sqlite3.connect(path) as conn:
        for table in VERSIONED_TABLES:
            assert conn.execute(f"SELECT count(*), min(row_version), max(row_version) FROM {table}"
                                ).fetchone() == (counts[table], *((1, 1) if counts[table] else (None, None)))
    assert all(counts.values())  # the fixture has rows in every one
