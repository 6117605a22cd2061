"""Automatic backups: consistent copies, rotation (last 10 + one a day for a week), listing
and restoring."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.core.library.articles import list_articles
from desktop_app.core.storage.backups import (
    CLOSE,
    PERIODIC,
    auto_backup,
    backups_dir,
    list_backups,
    restore_backup,
    rotate,
)
from desktop_app.core.storage.database import check_backup_file
from tests.core.test_annotations import add_article

pytestmark = pytest.mark.sqlite_only("automatic backups are copies of the SQLite file")


def test_auto_backup_writes_a_consistent_copy_and_lists_it(db):
    add_article(db, "Bài một về cán bộ.", title="Một")
    info = auto_backup(db, reason=CLOSE, now=datetime(2025, 1, 31, 14, 25, 1))
    assert info.path.parent == backups_dir(db.path) == db.path.parent / "backups"
    assert info.path.name == "chugiai-20250131-142501-close.sqlite3"
    check_backup_file(info.path)
    assert list_backups(info.path.parent) == [info]
    assert info.size == info.path.stat().st_size > 0


def test_rotation_keeps_the_last_ten_and_one_a_day_for_a_week(db):
    folder = backups_dir(db.path)
    now = datetime(2025, 3, 10, 12, 0, 0)
    # Four a day for ten days, the newest last.
    for day in range(9, -1, -1):
        for hour in (8, 10, 14, 16):
            auto_backup(db, reason=PERIODIC, now=now.replace(hour=hour) - timedelta(days=day))
    kept = list_backups(folder)
    days = sorted({b.created.date() for b in kept})
    newest_ten = [now.replace(hour=h) - timedelta(days=d) for d in (0, 1, 2) for h in (16, 14, 10, 8)][:10]
    assert [b.created for b in kept[:10]] == newest_ten
    # Beyond those: each of the last 7 days keeps its newest copy; older days keep none.
    assert days == [(now - timedelta(days=d)).date() for d in range(6, -1, -1)]
    assert len(kept) == 10 + 4  # days 3..6 add one each
    assert rotate(folder, now) == []


def test_restore_brings_back_the_backup_and_keeps_a_safety_copy(db):
    add_article(db, "Bài một về cán bộ.", title="Một")
    info = auto_backup(db)
    add_article(db, "Bài hai về đảng viên.", title="Hai")
    safety = restore_backup(db, info)
    assert [a.title for a in list_articles(db)] == ["Một"]
    assert safety.exists()


def test_chugiai_backups_lists_them(db, capsys):
    add_article(db, "Bài một về cán bộ.", title="Một")
    first = auto_backup(db, reason=CLOSE, now=datetime(2025, 1, 1, 9, 0, 0))
    second = auto_backup(db, reason=PERIODIC, now=datetime(2025, 1, 2, 9, 0, 0))
    data = str(Path(db.path).parent)
    assert main(["--data-dir", data, "backups", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(b["path"], b["reason"]) for b in listed] == [(str(second.path), "periodic"),
                                                        (str(first.path), "close")]
    assert main(["--data-dir", data, "backups"]) == 0
    assert "2025-01-02 09:00:00" in capsys.readouterr().out
