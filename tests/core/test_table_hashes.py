"""Counts and hashes of tables (storage/table_hashes.py): the same data spelled the way
SQLite or PostgreSQL reads it back hashes the same; any change of content does not."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import text

from desktop_app.core.storage.database import Database
from desktop_app.core.storage.table_hashes import NOT_COPIED, copied_tables, hash_rows, normalised, summaries
from tests.core.analysis_library import coded_library


def test_values_read_back_by_either_engine_spell_the_same() -> None:
    naive = datetime(2026, 12, 6, 2, 11, 5)  # SQLite: UTC without a zone
    aware = datetime(2026, 12, 6, 9, 11, 5, tzinfo=timezone(timedelta(hours=7)))  # timestamptz
    assert normalised(naive) == normalised(aware)
    assert normalised(True) == normalised(1) and normalised(False) == normalised(0)
    assert normalised(b"\x01\x02") == normalised(memoryview(b"\x01\x02")) == normalised(bytearray(b"\x01\x02"))
    assert normalised(None) != normalised("") != normalised(0)
    assert normalised("1") != normalised(1) and normalised(2.5) != normalised("2.5")


def test_rows_hash_by_content_and_boundaries() -> None:
    assert hash_rows([("ab", "c")]) != hash_rows([("a", "bc")])
    assert hash_rows([("a",), ("b",)]) != hash_rows([("b",), ("a",)])
    assert hash_rows([]) == (0, hash_rows([])[1])


def test_a_library_summary_sees_every_change(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "lib.sqlite3")
    try:
        coded_library(db)
        tables = copied_tables()
        assert not {t.name for t in tables} & set(NOT_COPIED)
        with db.engine.connect() as conn:
            before = summaries(conn, tables)
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE highlights SET note = note || '.' WHERE id = 1"))
        with db.engine.connect() as conn:
            after = summaries(conn, tables)
    finally:
        db.close()
    assert before["highlights"].rows == after["highlights"].rows == 7
    assert before["highlights"].sha256 != after["highlights"].sha256
    assert {n for n in before if before[n] != after[n]} == {"highlights"}
