"""Check library: find what PRAGMA integrity_check does not see, and repair what can be.

`check_library(path)` looks at the file with its own sqlite3 connection (so it works on a
library the app cannot open): SQLite's integrity_check, foreign keys (rows whose parent is
gone: a highlight's tag links without the highlight, ...), invalid UTF-8 in any text
column of any table (passes integrity_check, yet every read of it fails), and whether the
search index agrees with the articles. `repair=True` first makes a copy through the backup
API (`<stem>.before-repair-<stamp><suffix>` beside the library), then repairs in one
transaction: text from the kept original where the table keeps one, else with U+FFFD
replacement characters; orphaned rows removed; a disagreeing search index reset so that
it is rebuilt on its next use; index damage rebuilt with REINDEX.

Plain Python, no Qt: the CLI (`chugiai check [--repair]`) and File -> Check library share it.
"""

from __future__ import annotations

import hashlib
import sqlite3
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from desktop_app.core.progress import Progress
from desktop_app.core.text.normalize import normalize

# Problem.kind
INTEGRITY = "integrity"  # SQLite's own integrity_check
ORPHAN_ROW = "orphan-row"  # a row whose parent row is gone (foreign_key_check)
INVALID_UTF8 = "invalid-utf8"  # a text value that is not valid UTF-8
SEARCH_INDEX = "search-index"  # the search index disagrees with the articles

# How a problem was repaired (Problem.repair)
FROM_ORIGINAL = "restored from the kept original text"
FROM_ARTICLE = "restored from the article text"
REPLACED = "invalid bytes replaced by U+FFFD"
REMOVED = "row removed"
REINDEXED = "indexes rebuilt"
RESET = "reset; rebuilt on next use"

_SEARCH_TABLES = {"search_indexed", "search_pending", "search_state"}


@dataclass(frozen=True)
class Problem:
    """One thing found wrong. `row_id` is the table's rowid (the article, highlight, ...
    id for tables with an integer key)."""

    kind: str
    detail: str
    table: str | None = None
    row_id: int | None = None
    column: str | None = None
    repair: str = ""  # how it was repaired; "" when it was not (yet)

    def describe(self) -> str:
        where = f"{self.table}" + (f" #{self.row_id}" if self.row_id is not None else "") \
            + (f".{self.column}" if self.column else "") if self.table else ""
        done = f" -> {self.repair}" if self.repair else ""
        return f"[{self.kind}] {where + ': ' if where else ''}{self.detail}{done}"


@dataclass
class CheckReport:
    """What check_library found and, with repair=True, what it did."""

    path: Path
    problems: list[Problem] = field(default_factory=list)
    repair_asked: bool = False
    backup: Path | None = None  # the copy made before repairing
    unrepaired: list[Problem] = field(default_factory=list)  # found, and still there

    @property
    def clean(self) -> bool:
        return not self.problems

    @property
    def repaired(self) -> list[Problem]:
        return [p for p in self.problems if p.repair]

    @property
    def fully_repaired(self) -> bool:
        return self.repair_asked and not self.unrepaired

    def by_kind(self) -> dict[str, list[Problem]]:
        grouped: dict[str, list[Problem]] = defaultdict(list)
        for p in self.problems:
            grouped[p.kind].append(p)
        return dict(grouped)

    def summary(self) -> str:
        if self.clean:
            return f"{self.path}: no problem found."
        counts = ", ".join(f"{len(v)} {k}" for k, v in sorted(self.by_kind().items()))
        if not self.repair_asked:
            return f"{self.path}: {len(self.problems)} problem(s) found ({counts})."
        left = f"; {len(self.unrepaired)} could not be repaired" if self.unrepaired else ""
        return (f"{self.path}: {len(self.problems)} problem(s) found ({counts}), "
                f"{len(self.repaired)} repaired{left}. A copy from before the repair: {self.backup}.")


def _connect(path: Path, repair: bool) -> sqlite3.Connection:
    if not repair:
        from desktop_app.core.storage.damage import read_only_uri

        conn = sqlite3.connect(read_only_uri(path), uri=True)
    else:
        conn = sqlite3.connect(path, isolation_level=None)
    conn.text_factory = bytes  # never decode behind our back: that is what we check
    conn.execute("PRAGMA busy_timeout=5000")
    return conn


def _integrity(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    lines = [bytes(r[0]).decode("utf-8", "replace") if isinstance(r[0], bytes) else str(r[0])
             for r in rows]
    return [] if lines == ["ok"] else lines[:50]


def _tables(conn: sqlite3.Connection) -> list[tuple[str, list[str]]]:
    """Ordinary tables with rowids and their columns (virtual tables and FTS shadow tables
    hold the index's own binary data)."""
    found = []
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type='table'").fetchall()
    virtual = [_s(n) for n, sql in rows if sql and b"VIRTUAL" in bytes(sql).upper()]
    for name, sql in rows:
        name = _s(name)
        if name.startswith("sqlite_") or any(name.startswith(v + "_") for v in virtual) \
                or name in virtual or (sql and b"WITHOUT ROWID" in bytes(sql).upper()):
            continue
        columns = [_s(r[1]) for r in conn.execute(f'PRAGMA table_info("{name}")')]
        found.append((name, columns))
    return found


def _s(value: object) -> str:
    return bytes(value).decode("utf-8", "replace") if isinstance(value, (bytes, bytearray)) else str(value)


def _invalid_text(conn: sqlite3.Connection, progress: Progress | None) -> list[tuple[str, int, str, bytes]]:
    """(table, rowid, column, raw bytes) of every text value that is not valid UTF-8."""
    bad = []
    tables = _tables(conn)
    for n, (table, columns) in enumerate(tables):
        if progress is not None:
            progress.step(n, len(tables), table)
        for column in columns:
            sql = (f'SELECT rowid, CAST("{column}" AS BLOB) FROM "{table}" '
                   f'WHERE typeof("{column}") = \'text\'')
            for rowid, raw in conn.execute(sql):
                try:
                    bytes(raw).decode("utf-8")
                except UnicodeDecodeError:
                    bad.append((table, rowid, column, bytes(raw)))
    return bad


def _repaired_text(conn: sqlite3.Connection, table: str, rowid: int, column: str,
                   raw: bytes) -> tuple[str, str]:
    """The value to store instead, and how it was found."""
    if table == "articles" and column == "text":
        original, content_hash = conn.execute(
            "SELECT CAST(original_text AS BLOB), content_hash FROM articles WHERE rowid=?", (rowid,)).fetchone()
        try:
            candidate = normalize(bytes(original).decode("utf-8"))
            if hashlib.sha256(candidate.encode("utf-8")).hexdigest() == _s(content_hash):
                return candidate, FROM_ORIGINAL
        except (UnicodeDecodeError, TypeError):
            pass
    if table == "highlights" and column == "quote":
        row = conn.execute("SELECT a.text, h.start, h.\"end\" FROM highlights h JOIN articles a"
                           " ON a.id = h.article_id WHERE h.rowid=? AND h.orphaned = 0", (rowid,)).fetchone()
        if row is not None:
            try:
                return bytes(row[0]).decode("utf-8")[row[1]:row[2]], FROM_ARTICLE
            except (UnicodeDecodeError, TypeError):
                pass
    return unicodedata.normalize("NFC", raw.decode("utf-8", "replace")), REPLACED


def _search_disagrees(conn: sqlite3.Connection) -> str | None:
    names = {_s(r[0]) for r in conn.execute("SELECT name FROM sqlite_master")}
    if not ({"search_fts"} | _SEARCH_TABLES) <= names:
        return None  # no index yet: the app builds it on first use
    try:
        conn.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 0)")
    except sqlite3.OperationalError as e:
        if "readonly" not in str(e).lower():
            return f"the full-text index is damaged ({e})"
    stale = conn.execute(
        "SELECT count(*) FROM articles a LEFT JOIN search_indexed s ON s.article_id = a.id"
        " WHERE a.id NOT IN (SELECT article_id FROM search_pending) AND (s.article_id IS NULL"
        " OR s.content_hash IS NOT a.content_hash OR s.title IS NOT a.title)").fetchone()[0]
    gone = conn.execute(
        "SELECT count(*) FROM search_indexed WHERE article_id NOT IN (SELECT id FROM articles)"
        " AND article_id NOT IN (SELECT article_id FROM search_pending)").fetchone()[0]
    if stale or gone:
        return f"{stale + gone} article(s) indexed differently from what the library holds"
    return None


def backup_before_repair(path: Path, now: datetime | None = None) -> Path:
    """A consistent copy beside the library, through the backup API."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-repair-{stamp}{path.suffix}")
    n = 2
    while target.exists():
        target = path.with_name(f"{path.stem}.before-repair-{stamp}-{n}{path.suffix}")
        n += 1
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def check_library(db_path: Path, repair: bool = False, progress: Progress | None = None) -> CheckReport:
    """Check the library file at `db_path`; with `repair`, back it up and repair it.
    Raises sqlite3.Error only when the file cannot be opened or read at all."""
    path = Path(db_path)
    report = CheckReport(path, repair_asked=repair)
    conn = _connect(path, repair=False)
    try:
        integrity = _integrity(conn)
        orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
        invalid = _invalid_text(conn, progress)
        search = _search_disagrees(conn)
    finally:
        conn.close()
    found = ([Problem(INTEGRITY, line) for line in integrity]
             + [Problem(ORPHAN_ROW, f"its {_s(parent)} row is gone", _s(table), rowid)
                for table, rowid, parent, _fk in orphans]
             + [Problem(INVALID_UTF8, f"{len(raw)} bytes that are not valid UTF-8", table, rowid, column)
                for table, rowid, column, raw in invalid]
             + ([Problem(SEARCH_INDEX, search)] if search else []))
    if not repair or not found:
        report.problems = found
        report.unrepaired = list(found) if repair else []
        return report
    report.backup = backup_before_repair(path)
    report.problems = _repair(path, found, invalid, orphans)
    report.unrepaired = [p for p in report.problems if not p.repair]
    return report


def _repair(path: Path, found: list[Problem], invalid: list[tuple[str, int, str, bytes]],
            orphans: list[tuple]) -> list[Problem]:
    conn = _connect(path, repair=True)
    done: list[Problem] = []
    try:
        conn.execute("PRAGMA foreign_keys=OFF")  # removing an orphan must not cascade further
        conn.execute("BEGIN IMMEDIATE")
        fixes: dict[tuple[str, int, str], str] = {}
        for table, rowid, column, raw in invalid:
            value, how = _repaired_text(conn, table, rowid, column, raw)
            conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?', (value, rowid))
            if table == "articles" and column == "text" and how == REPLACED:
                conn.execute("UPDATE articles SET content_hash = ? WHERE rowid = ?",
                             (hashlib.sha256(value.encode("utf-8")).hexdigest(), rowid))
            fixes[(table, rowid, column)] = how
        for table, rowid, _parent, _fk in orphans:
            conn.execute(f'DELETE FROM "{_s(table)}" WHERE rowid = ?', (rowid,))
        reset_search = any(p.kind == SEARCH_INDEX for p in found) or any(
            t == "articles" for t, *_ in invalid)
        if reset_search and conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name='search_state'").fetchone():
            # A missing version makes the next sync drop the index and build it again.
            conn.execute("DELETE FROM search_state WHERE key = 'version'")
        conn.execute("COMMIT")
        reindexed = False
        if any(p.kind == INTEGRITY for p in found):
            conn.execute("REINDEX")  # index-only damage; page damage needs a backup
            reindexed = not _integrity(conn)
        for p in found:
            how = {INVALID_UTF8: fixes.get((p.table or "", p.row_id or 0, p.column or ""), ""),
                   ORPHAN_ROW: REMOVED, SEARCH_INDEX: RESET,
                   INTEGRITY: REINDEXED if reindexed else ""}[p.kind]
            done.append(Problem(p.kind, p.detail, p.table, p.row_id, p.column, how))
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
    return done
