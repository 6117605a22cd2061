"""Opening the library and the first-run seed policy, without Qt: what opening did comes
back as values (how, notices, where a damaged file went) for the UI to word."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop_app import paths
from desktop_app.core.library.articles import list_articles
from desktop_app.core.library.opening import (
    Opened,
    import_seeds_once,
    open_library,
    seed_files,
)
from desktop_app.core.storage.database import Database

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_a_new_library_opens_normally_and_gets_the_seeds_once(tmp_path):
    opened = open_library(tmp_path / "data")
    db = opened.db
    try:
        assert opened.how is Opened.NORMAL and opened.notices == [] and opened.moved_aside is None
        assert seed_files(db, SEEDS) == sorted(SEEDS.glob("*.txt"))
        assert import_seeds_once(db, SEEDS) == len(list(SEEDS.glob("*.txt")))
        assert len(list_articles(db)) == len(list(SEEDS.glob("*.txt")))
        assert seed_files(db, SEEDS) == [] and import_seeds_once(db, SEEDS) == 0  # only once
    finally:
        db.close()


def test_no_seed_folder_imports_nothing_but_is_remembered(tmp_path):
    opened = open_library(tmp_path / "data")
    try:
        assert import_seeds_once(opened.db, tmp_path / "missing") == 0
        assert seed_files(opened.db, SEEDS) == []
    finally:
        opened.db.close()


@pytest.mark.sqlite_only("a read-only file")
def test_a_read_only_file_opens_read_only_without_seeds(tmp_path, monkeypatch):
    data = tmp_path / "data"
    Database.open(paths.database_path(data)).close()
    path = paths.database_path(data)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == path else real_access(p, mode))
    opened = open_library(data)
    try:
        assert opened.how is Opened.READ_ONLY and opened.db.read_only
        assert opened.notices == [opened.db.read_only_message]
        assert seed_files(opened.db, SEEDS) == [] and import_seeds_once(opened.db, SEEDS) == 0
    finally:
        opened.db.close()


def test_a_damaged_file_is_kept_aside_and_replaced(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    path = paths.database_path(data)
    path.write_bytes(os.urandom(8192))
    opened = open_library(data)
    try:
        assert opened.how is Opened.REPLACED and not opened.db.read_only
        assert opened.moved_aside is not None and opened.moved_aside.exists()
        assert opened.moved_aside.name in opened.notices[0]
    finally:
        opened.db.close()
