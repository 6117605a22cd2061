"""What an import meets in the library, looked up for the files it imports only (schema
v13 indexes, storage/origin_indexes.py): the articles stored from the same paths (new
versions; a resumed import skips files unchanged since), from the same file reached
another way (a symlink), or with the same web address; and which content hashes the
library holds already (duplicates). At 1,000,000 articles reading every article's path,
address and hash instead took 4.2-4.5 s and ~700 MB before the first file was read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from desktop_app.core.library.ingest.prepare_pool import Prepared
from desktop_app.core.storage.bulk_sql import bulk_sql, ids_in
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.origin_indexes import SOURCE_NAME, URL_KEY

# A file modified less than this before its article was imported is read again (clocks
# and file systems round; imported_at is kept to the second).
UNCHANGED_MARGIN = timedelta(seconds=2)
CHUNK = 500  # values per statement: SQLite's variable limit is 999 on old builds

_STORED = "SELECT id, source_path, content_hash, imported_at FROM articles WHERE source_path IS NOT NULL AND "


# Files looked up in the library together (their hashes and addresses); the first window
# is small, so a few files show progress as soon as they are read.
WINDOW_FILES = 256


def windows(items: Iterable[tuple[Path, Prepared]], total: int) -> Iterator[list[tuple[Path, Prepared]]]:
    """The import's (file, prepared) pairs in lists looked up together (Origins.look_up)."""
    size = min(16, max(total, 1))
    window: list[tuple[Path, Prepared]] = []
    for item in items:
        window.append(item)
        if len(window) >= size:
            yield window
            window, size = [], WINDOW_FILES
    if window:
        yield window


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    return (values[i:i + CHUNK] for i in range(0, len(values), CHUNK))


class KnownHashes:
    """The content hashes the library holds, as this import changes it: asked of the
    unique index for the files read (in batches, `look_up`), plus what this import stored
    or replaced since. Memory grows with the import, not the library."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.stored: set[str] = set()  # answered by the library when asked
        self.asked: set[str] = set()
        self.added: set[str] = set()  # by this import (stored, or an article's new text)
        self.gone: set[str] = set()  # replaced by this import

    def look_up(self, hashes: Iterable[str]) -> None:
        wanted = sorted({h for h in hashes if h not in self.asked})
        if not wanted:
            return
        with self.db.session() as session:
            conn = bulk_sql(session.connection())
            for part in _chunks(wanted):
                where, params = ids_in(conn, "content_hash", part)
                self.stored.update(r[0] for r in conn.execute(f"SELECT content_hash FROM articles WHERE {where}", params))
        self.asked.update(wanted)

    def __contains__(self, digest: object) -> bool:
        digest = str(digest)
        if digest in self.added:
            return True
        if digest not in self.asked:
            self.look_up([digest])
        return digest in self.stored and digest not in self.gone

    def add(self, digest: str) -> None:
        self.added.add(digest)
        self.gone.discard(digest)

    def discard(self, digest: str) -> None:
        self.added.discard(digest)
        self.gone.add(digest)

    def difference_update(self, digests: Iterable[str]) -> None:
        for digest in digests:
            self.discard(digest)


class Origins:
    """Where the files of one import were stored from before, read for those files only:
    their paths at the start (with the same-named stored paths, for symlinks), web
    addresses and content hashes in batches as files are read (`look_up`)."""

    def __init__(self, db: Database, files: list[Path]) -> None:
        self.db = db
        self.hash_of: dict[int, str] = {}  # of the articles met, kept current by the importer
        self.by_path: dict[str, list[int]] = {}  # stored paths met (this import's, same names)
        self.by_name: dict[str, list[str]] = {}  # file name -> stored paths
        self.by_url: dict[str, list[int]] = {}  # stripped addresses asked -> articles
        self.imported_at: dict[int, Any] = {}  # as stored; parsed for the few files asked about
        self.known = KnownHashes(db)
        with db.session() as session:
            conn = bulk_sql(session.connection())
            # Articles stored by this import are never another file's earlier version (the
            # addresses were compared with the library as it was when the import began).
            self.last_id = int(conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0)
            paths = sorted({str(f) for f in files})
            for part in _chunks(paths):
                where, params = ids_in(conn, "source_path", part)
                self._keep(conn.execute(_STORED + where, params))
            names = sorted({f.name for f in files if str(f) not in self.by_path})
            for part in _chunks(names):
                where, params = ids_in(conn, f"({SOURCE_NAME})", part)
                self._keep(conn.execute(_STORED + where, params))
        for stored in self.by_path:
            self.by_name.setdefault(_name(stored), []).append(stored)
        self.own = {f: self._by_path(f) for f in files}
        # An article whose own file is in this import is that file's to update, never
        # another file's that merely shares its web address.
        self.claimed = {aid for ids in self.own.values() for aid in ids}
        self.updated: set[int] = set()  # each article is replaced once per import

    def _keep(self, rows: Iterable[Any]) -> None:
        for article_id, source_path, digest, imported_at in rows:
            if not source_path or article_id in self.hash_of:
                continue  # an empty path is none; a row met by path and by name once
            self.hash_of[article_id] = digest
            self.by_path.setdefault(source_path, []).append(article_id)
            self.imported_at[article_id] = imported_at

    def look_up(self, read: Sequence[tuple[Path, dict[str, object]]]) -> None:
        """Ask the library, in one transaction, about the files just read: their content
        hashes, and the web addresses of those with no article by path."""
        self.known.look_up(str(row["content_hash"]) for _path, row in read)
        urls = sorted({url for path, row in read if not self.own.get(path)
                       and (url := str(row.get("url") or "").strip()) and url not in self.by_url})
        if not urls:
            return
        with self.db.session() as session:
            conn = bulk_sql(session.connection())
            for part in _chunks(urls):
                where, params = ids_in(conn, f"({URL_KEY})", part)
                found = conn.execute(f"SELECT id, {URL_KEY}, content_hash FROM articles"
                                     f" WHERE url IS NOT NULL AND {where} AND id <= ?", [*params, self.last_id])
                for article_id, url, digest in found:
                    self.by_url.setdefault(url, []).append(article_id)
                    self.hash_of.setdefault(article_id, digest)
        for url in urls:
            self.by_url.setdefault(url, [])

    def unchanged_since_import(self, path: Path) -> bool:
        """The file is the stored source of exactly one article and was last modified well
        before that article was imported: the same text, so it need not be read again.
        (Resuming a cancelled import of 1,000,000 files then costs a stat per stored file,
        not a read and a parse.) Anything less certain is read and compared by content."""
        found = self.by_path.get(str(path))
        if not found or len(found) != 1 or found[0] not in self.imported_at:
            return False
        try:
            modified = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
        except OSError:
            return False
        imported = _as_datetime(self.imported_at[found[0]])
        if imported is None:
            return False  # unreadable: read the file and compare by content
        return modified < imported - UNCHANGED_MARGIN

    def _by_path(self, path: Path) -> list[int]:
        """Articles stored from this file: by the path as stored (absolute, as _expand
        makes it), else the same file reached another way (a symlink). Resolving costs
        ~45 us, so only paths whose file name is stored already are resolved."""
        found = self.by_path.get(str(path))
        if found is not None:
            return found
        same_name = self.by_name.get(path.name)
        if not same_name:
            return []
        target = _resolved(path)
        return [aid for stored in same_name if target is not None
                and _resolved(Path(stored)) == target for aid in self.by_path[stored]]

    def article_for(self, path: Path, row: dict[str, object]) -> int | None:
        """The one article this file is a new version of, or None (then it is new)."""
        found = self.own.get(path)
        if found is None:
            found = self._by_path(path)
        if not found:
            url = str(row.get("url") or "").strip()
            if url and url not in self.by_url:
                self.look_up([(path, row)])
            found = [a for a in self.by_url.get(url, []) if a not in self.claimed] if url else []
        if len(found) != 1 or found[0] in self.updated:
            return None  # none, or ambiguous: importing it as a new article loses nothing
        return found[0]


def _name(stored: str) -> str:
    """The file name as SOURCE_NAME computes it: after the last '/' or '\\'."""
    return stored[max(stored.rfind("/"), stored.rfind("\\")) + 1:]


def _as_datetime(value: object) -> datetime | None:
    """imported_at as stored: ISO text on SQLite (UTC without the zone), a datetime on
    PostgreSQL."""
    if isinstance(value, datetime):
        imported = value
    else:
        try:
            imported = datetime.fromisoformat(str(value))
        except (TypeError, ValueError):
            return None
    return imported.replace(tzinfo=timezone.utc) if imported.tzinfo is None else imported


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return None
