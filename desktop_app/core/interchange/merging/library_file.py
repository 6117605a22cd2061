"""Reading another Chú Giải library for a merge, without ever writing to it.

The file is opened read-only and copied (sqlite3 backup API) into a temporary folder; an
older schema is upgraded there, on the copy, so the coder's file stays byte for byte as it
was. A newer schema, a file that is not a library, a damaged one: MergeError, nothing read.
A library from before coders existed (schema < 8) was one person's work: it is credited
to a coder named after the file, never silently to whoever the upgrade would name.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections import defaultdict
from pathlib import Path

from desktop_app.core.interchange.merging.incoming import (
    Incoming,
    IncomingArticle,
    IncomingAttribute,
    IncomingCode,
    IncomingHighlight,
    IncomingTag,
    refused,
)
from desktop_app.core.progress import Progress
from desktop_app.core.storage import migrations
from desktop_app.core.storage.copies import consistent_copy
from desktop_app.core.storage.damage import read_only_uri

SQLITE_HEADER = b"SQLite format 3\x00"
CODERS_SINCE = 8  # the schema version that records coders


def is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(16) == SQLITE_HEADER
    except OSError:
        return False


def fallback_coder(path: Path) -> str:
    """Whose work a file that names no coder is: the file's name ("lan.sqlite3" -> "lan")."""
    return " ".join(Path(path).stem.split())[:80] or "coder"


def read_library(path: Path, progress: Progress, own: Path | None = None,
                 known: frozenset[str] = frozenset()) -> Incoming:
    """Everything in the library at `path` (MergeError when it cannot be merged). `own`:
    the library merged into, refused as a file of its own. `known`: text hashes of the
    articles already here, whose texts are not read (the merge needs only their ids)."""
    path = Path(path)
    if own is not None and _same_file(path, own):
        raise refused(path, "merge.same_library")
    try:
        src = sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None)
    except sqlite3.Error as e:
        raise refused(path, "merge.unreadable", reason=str(e)) from None
    folder: Path | None = None
    try:
        try:
            version = src.execute("PRAGMA user_version").fetchone()[0]
            if version > migrations.LATEST:
                raise refused(path, "merge.newer", version=version, known=migrations.LATEST)
            if version < 1 or not _has_tables(src):
                raise refused(path, "merge.not_library")
            if version < migrations.LATEST:  # upgraded on a copy: the file stays as it is
                folder = Path(tempfile.mkdtemp(prefix="chugiai-merge-"))
                copy = folder / "incoming.sqlite3"
                consistent_copy(src, copy)
                src.close()
                progress.step(1, 4, path.name)
                try:
                    migrations.upgrade(copy, version)
                except migrations.MigrationError as e:
                    raise refused(path, "merge.not_upgraded", problem=e.message) from None
                src = sqlite3.connect(copy, isolation_level=None)
                if version < CODERS_SINCE:
                    src.execute("UPDATE coders SET name = ? WHERE id = 1", (fallback_coder(path),))
            progress.step(2, 4, path.name)
            src.execute("BEGIN")  # one snapshot, even if its coder is working in it now
            return _read(src, path, progress, known)
        except sqlite3.Error as e:
            raise refused(path, "merge.damaged", reason=str(e)) from None
    finally:
        src.close()
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _has_tables(conn: sqlite3.Connection) -> bool:
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {"articles", "highlights", "tags"} <= names


def _read(conn: sqlite3.Connection, path: Path, progress: Progress, known: frozenset[str]) -> Incoming:
    coders = dict(conn.execute("SELECT id, name FROM coders ORDER BY id"))
    tag_rows = conn.execute("SELECT id, name, color, description FROM tags ORDER BY id").fetchall()
    tag_names = {tid: name for tid, name, _c, _d in tag_rows}
    tags = [IncomingTag(name, color, description or "") for _i, name, color, description in tag_rows]
    attributes = {aid: IncomingAttribute(name, kind, choices) for aid, name, kind, choices in
                  conn.execute("SELECT id, name, kind, choices FROM attributes ORDER BY id")}
    articles: dict[int, IncomingArticle] = {}
    for row in conn.execute(
            "SELECT id, title, kicker, source, author, url, published, content_hash, source_path, "
            "hidden_spans FROM articles ORDER BY id"):
        articles[row[0]] = IncomingArticle(
            title=row[1], kicker=row[2], source=row[3], author=row[4], url=row[5],
            published=row[6], text="", original_text="", content_hash=row[7],
            source_path=row[8], hidden_spans=row[9] or "[]")
    # Texts only of the articles not here already: a library of the same articles does not
    # read its 66 M characters twice over.
    wanted = [aid for aid, a in articles.items() if a.content_hash not in known]
    for i in range(0, len(wanted), 500):
        chunk = wanted[i:i + 500]
        for aid, text, original in conn.execute(
                f"SELECT id, text, original_text FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
                chunk):
            articles[aid].text, articles[aid].original_text = text, original
    progress.step(3, 4, path.name)
    for aid, text, coder in conn.execute("SELECT article_id, text, coder_id FROM article_memos"):
        if aid in articles:
            articles[aid].memo, articles[aid].memo_coder = text, coders.get(coder)
    links: dict[int, list[str]] = defaultdict(list)
    for hid, tid in conn.execute("SELECT highlight_id, tag_id FROM highlight_tags"):
        links[hid].append(tag_names[tid])
    for row in conn.execute(
            'SELECT id, article_id, start, "end", quote, prefix, suffix, note, created_at, '
            "modified_at, orphaned, coder_id FROM highlights ORDER BY id"):
        article = articles.get(row[1])
        if article is not None:
            article.highlights.append(IncomingHighlight(
                row[2], row[3], row[4], row[5] or "", row[6] or "", row[7] or "", row[8], row[9],
                bool(row[10]), coders[row[11]], tuple(sorted(links.get(row[0], ())))))
    for aid, tid, coder, created in conn.execute(
            "SELECT article_id, tag_id, coder_id, created_at FROM article_codes "
            "ORDER BY article_id, tag_id, coder_id"):
        if aid in articles:
            articles[aid].codes.append(IncomingCode(tag_names[tid], coders[coder], created))
    for attr, aid, value, number in conn.execute(
            "SELECT attribute_id, article_id, value, number FROM attribute_values"):
        if aid in articles and attr in attributes:
            articles[aid].values[attributes[attr].name] = (value, number)
    progress.step(4, 4, path.name)
    return Incoming(path, "library", list(coders.values()), tags, list(articles.values()),
                    list(attributes.values()))
