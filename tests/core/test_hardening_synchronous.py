"""synchronous=FULL as a setting kept with the library (NORMAL by default)."""

from __future__ import annotations

import pytest

from desktop_app.core.storage.database import Database
from desktop_app.core.storage.durability import SYNCHRONOUS_ENV

pytestmark = pytest.mark.sqlite_only("PRAGMA synchronous kept with the file (a server's durability is its own setting)")


def test_normal_by_default_full_when_chosen_and_kept_with_the_library(db, monkeypatch):
    monkeypatch.delenv(SYNCHRONOUS_ENV, raising=False)
    assert db.synchronous == "NORMAL"
    db.set_synchronous("full")
    assert db.synchronous == "FULL"
    path = db.path
    db.close()
    again = Database.open(path)
    try:
        assert again.synchronous == "FULL"
        monkeypatch.setenv(SYNCHRONOUS_ENV, "NORMAL")  # one run overrides it
        again.engine.dispose()
        assert again.synchronous == "NORMAL"
    finally:
        again.close()
    read_only = Database.open(path, read_only=True)
    try:
        monkeypatch.delenv(SYNCHRONOUS_ENV)
        read_only.engine.dispose()
        assert read_only.synchronous == "FULL"
    finally:
        read_only.close()


def test_an_unknown_level_is_refused(db):
    with pytest.raises(ValueError, match="NORMAL"):
        db.set_synchronous("OFF")
