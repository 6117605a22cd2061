"""What the library holds and where each article came from, for an import: content
hashes (duplicates), source paths and web addresses (new versions), and when each file's
article was imported (a resumed import skips files unchanged since)."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

from desktop_app.core.storage.database import Database, driver_connection

# A file modified less than this before its article was imported is read again (clocks
# and file systems round; imported_at is kept to the second).
UNCHANGED_MARGIN = timedelta(seconds=2)


class Origins:
    """What the library holds and where each article came from, read in one query per
    import: content hashes (duplicates), source paths and web addresses (new versions)."""

    def __init__(self, db: Database, files: list[Path]) -> None:
        self.hash_of: dict[int, str] = {}
        self.by_path: dict[str, list[int]] = {}
        self.by_name: dict[str, list[str]] = {}  # file name -> stored paths
        self.by_url: dict[str, list[int]] = {}
        self.imported_at: dict[int, str] = {}  # as stored; parsed for the few files asked about
        # Plain SQL and plain strings: at 100,000 articles the ORM rows, their datetimes
        # and a Path per stored path took 3.7 s of every import's start.
        with db.session() as session:
            rows = driver_connection(session.connection()).execute(
                "SELECT id, source_path, url, content_hash, imported_at FROM articles")
            for article_id, source_path, url, digest, imported_at in rows:
                self.hash_of[article_id] = digest
                if source_path:
                    self.by_path.setdefault(source_path, []).append(article_id)
                    self.imported_at[article_id] = imported_at
                if url and url.strip():
                    self.by_url.setdefault(url.strip(), []).append(article_id)
        for stored in self.by_path:
            self.by_name.setdefault(os.path.basename(stored), []).append(stored)
        self.own = {f: self._by_path(f) for f in files}
        # An article whose own file is in this import is that file's to update, never
        # another file's that merely shares its web address.
        self.claimed = {aid for ids in self.own.values() for aid in ids}
        self.updated: set[int] = set()  # each article is replaced once per import

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
        try:
            imported = datetime.fromisoformat(self.imported_at[found[0]])
        except (TypeError, ValueError):
            return False  # unreadable: read the file and compare by content
        if imported.tzinfo is None:  # SQLite keeps UTC without the zone
            imported = imported.replace(tzinfo=timezone.utc)
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
            found = [a for a in self.by_url.get(url, []) if a not in self.claimed] if url else []
        if len(found) != 1 or found[0] in self.updated:
            return None  # none, or ambiguous: importing it as a new article loses nothing
        return found[0]


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return None
