"""Changes other processes commit to the library (the CLI, another window), as `Changes`.

`LibraryWatch.poll()` asks SQLite's `PRAGMA data_version` on a connection of its own:
the number moves when any other connection commits, which costs next to nothing to ask.
Our own process commits too (every operation, the segmentation worker), so when it moves
a small fingerprint of what the views show is read and compared with the last one: only
a difference the window did not make itself is reported, as one broad Changes with
origin "remote". The window calls `ours()` when it publishes its own changes: the next
poll takes the library as it then is for what the window shows, reporting nothing, so
they never come back as remote ones. (A change another process commits in those two
seconds is taken for the window's own then: a known, small gap.)
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core.operations.changes import Changes, ids

# What the views show: which articles were added, removed or given new list metadata
# (the log the triggers of schema v9 write, storage/article_order.py: read since the last
# look, so the cost follows the change, not the library), the cards (highlights and
# their tag links, as aggregates: which ones changed is not needed, the views reload),
# the codebook, the memos and the rejected suggestions.
_LOG_END = "SELECT coalesce(max(seq), 0), coalesce(min(seq), 0) FROM article_log"
_LOG_SINCE = "SELECT article_id, kind FROM article_log WHERE seq > ? ORDER BY seq"
_HIGHLIGHTS = ("SELECT count(*), total(id), max(modified_at), total(start), total(\"end\"), total(orphaned),"
               " total(id * start) FROM highlights")
_LINKS = "SELECT count(*), total(tag_id * 7919 + highlight_id) FROM highlight_tags"
_TAGS = "SELECT id, name, color, description FROM tags ORDER BY id"
_MEMOS = "SELECT article_id, updated_at, length(text) FROM article_memos"
_REJECTED = ("SELECT article_id, count(*), total(start * 31 + \"end\"), group_concat(label) FROM rejected_suggestions"
             " GROUP BY article_id")


@dataclass
class Fingerprint:
    articles: int = 0  # the last article_log entry seen
    highlights: tuple = ()  # aggregates of highlights and of their tag links
    tags: list[tuple] = field(default_factory=list)
    memos: dict[int, tuple] = field(default_factory=dict)
    rejected: dict[int, tuple] = field(default_factory=dict)
    # The log since the fingerprint before: (article id, kind) in order; None when the
    # entries were pruned meanwhile (then everything is taken as changed).
    log: list[tuple[int, str]] | None = field(default_factory=list)


def _article_changes(log: list[tuple[int, str]]) -> tuple[set[int], set[int], set[int]]:
    """(added, removed, metadata changed) from the log entries, in order: an article
    added and removed meanwhile is neither."""
    first: dict[int, str] = {}
    last: dict[int, str] = {}
    for article_id, kind in log:
        first.setdefault(article_id, kind)
        last[article_id] = kind
    added = {a for a, k in last.items() if k != "r" and first[a] == "a"}
    removed = {a for a, k in last.items() if k == "r" and first[a] != "a"}
    metadata = {a for a, k in last.items() if k != "r" and first[a] != "a"}
    return added, removed, metadata


def _changed(before: dict[int, tuple], after: dict[int, tuple]) -> frozenset[int]:
    return frozenset(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def difference(before: Fingerprint, after: Fingerprint) -> Changes:
    """What a view must reload to show `after` when it shows `before`."""
    added = removed = metadata = frozenset[int]()
    if after.log is None:  # fell behind the kept log: everything may have changed
        return Changes(codebook=True, reloaded=True, origin="remote")
    if before.articles != after.articles:
        found = _article_changes(after.log)
        added, removed, metadata = ids(found[0]), ids(found[1]), ids(found[2])
    memos = _changed(before.memos, after.memos) - removed
    suggestions = _changed(before.rejected, after.rejected) - removed
    # Which highlights changed is not known here: the open article reloads them all
    # (a codebook change does that), as do the palette and the list's counts.
    return Changes(articles_added=added, articles_removed=removed, article_metadata=metadata,
                   articles=memos | suggestions, memos=memos, suggestions=suggestions,
                   codebook=before.highlights != after.highlights or before.tags != after.tags,
                   origin="remote")


class LibraryWatch:
    """Polled from the GUI thread (a timer); never raises: a library it cannot read is
    simply not watched until it can be."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None
        self._version: int | None = None
        self._seen: Fingerprint | None = None
        self._ours = False

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                         check_same_thread=False, isolation_level=None)
            self._conn.execute("PRAGMA busy_timeout=1000")
        return self._conn

    def _fingerprint(self, since: int | None = None) -> Fingerprint:
        """The library now; with `since` (the last log entry seen), the article log after it."""
        conn = self._connection()
        conn.execute("BEGIN")  # one snapshot of every table
        try:
            def keyed(sql: str) -> dict[int, tuple]:
                return {row[0]: tuple(row[1:]) for row in conn.execute(sql)}

            present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            last, first = conn.execute(_LOG_END).fetchone()
            log: list[tuple[int, str]] | None = []
            if since is not None and last != since:
                lost = since < first - 1 or last < since  # pruned past us, or another file
                log = None if lost else [(a, k) for a, k in conn.execute(_LOG_SINCE, (since,))]
            return Fingerprint(last,
                               conn.execute(_HIGHLIGHTS).fetchone() + conn.execute(_LINKS).fetchone(),
                               conn.execute(_TAGS).fetchall(),
                               keyed(_MEMOS) if "article_memos" in present else {},
                               keyed(_REJECTED) if "rejected_suggestions" in present else {},
                               log)
        finally:
            conn.execute("COMMIT")

    def _data_version(self) -> int:
        return int(self._connection().execute("PRAGMA data_version").fetchone()[0])

    def seen(self) -> None:
        """The library as it is now is what the window shows (after its own changes)."""
        try:
            self._version = self._data_version()
            self._seen = self._fingerprint()
        except sqlite3.Error:
            self.close()

    def ours(self) -> None:
        """The window made changes: they are not to come back as remote ones."""
        self._ours = True

    def poll(self) -> Changes:
        """What others changed since the last poll or `seen()` (empty: nothing)."""
        try:
            version = self._data_version()
            if self._seen is None or version == self._version or self._ours:
                if self._seen is None or self._ours:
                    self._version, self._seen, self._ours = version, self._fingerprint(), False
                return Changes(origin="remote")
            now = self._fingerprint(self._seen.articles)
        except sqlite3.Error:
            self.close()  # gone, locked for long, replaced: try afresh next time
            return Changes(origin="remote")
        before, self._version, self._seen = self._seen, version, now
        return difference(before, now)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._conn, self._version, self._seen = None, None, None
