"""How reads and commits treat the disk: lenient decoding, and the synchronous level.

Power loss (README, "Data safety"): in WAL mode synchronous=NORMAL may lose the last
transactions but never corrupts the library; FULL also syncs the WAL at every commit
(benchmarks/synchronous_cost.py measures the cost). The user's choice is kept in the
library's `app_state` row SYNCHRONOUS_KEY (Database.set_synchronous); the environment
variable CHUGIAI_SYNCHRONOUS overrides it for one run.
"""

from __future__ import annotations

import os
import sqlite3


def lenient_text(raw: bytes) -> str:
    """Decode a text value; invalid UTF-8 (a damaged page, a foreign writer) reads with
    U+FFFD instead of failing every query that touches the row. `chugiai check --repair`
    (core/storage/check.py) finds and repairs such values for good."""
    return str(raw, "utf-8", "replace")


SYNCHRONOUS_ENV = "CHUGIAI_SYNCHRONOUS"
SYNCHRONOUS_KEY = "synchronous"
SYNCHRONOUS_LEVELS = ("NORMAL", "FULL")


def synchronous_level(cursor: sqlite3.Cursor) -> str:
    env = os.environ.get(SYNCHRONOUS_ENV, "").strip().upper()
    if env in SYNCHRONOUS_LEVELS:
        return env
    try:
        row = cursor.execute("SELECT value FROM app_state WHERE key = ?", (SYNCHRONOUS_KEY,)).fetchone()
    except sqlite3.Error:
        return "NORMAL"  # a new library: no app_state yet
    value = str(row[0]).strip().upper() if row else ""
    return value if value in SYNCHRONOUS_LEVELS else "NORMAL"
