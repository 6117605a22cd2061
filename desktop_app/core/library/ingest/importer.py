"""Import article files into the library, one transaction per file.

A batch never stops for one bad file: each failure is recorded with a reason the user
can act on, and the rest goes on. Progress and cancellation are plain callables so the
UI can wrap them in signals without this module knowing about Qt.

A file whose text is already in the library is a duplicate. A file that is not, but comes
from the same place as exactly one article (its stored source path, or failing that its
web address), is a new version of that article: reimport.replace_text swaps the text and
re-anchors the highlights, and the article keeps its id, tags and notes.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import stat
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from sqlalchemy import Table, insert, select

from desktop_app.core.library.ingest.boilerplate import find_boilerplate
from desktop_app.core.library.ingest.decode import ImportFailure, read_text
from desktop_app.core.library.ingest.facts import ImportFacts, put_facts, put_facts_many, reading_facts
from desktop_app.core.library.ingest.metadata import parse_metadata
from desktop_app.core.library.ingest.origins import KnownHashes, Origins, windows
from desktop_app.core.library.ingest.prepare_pool import PARALLEL_MIN, Prepared, prepared_in_order
from desktop_app.core.library.reimport import ReanchorReport, ReimportError, replace_text
from desktop_app.core.storage.article_order import source_key, title_key
from desktop_app.core.storage.bulk import bulk_writes
from desktop_app.core.storage.database import Database, DatabaseError
from desktop_app.core.storage.models import Article, utcnow
from desktop_app.core.text.normalize import normalize

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
ARTICLES = cast(Table, Article.__table__)
# Inside folders only these are taken; a file named explicitly is always tried.
FOLDER_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".docx"}


@dataclass
class ImportReport:
    imported: list[tuple[Path, int]] = field(default_factory=list)
    duplicates: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    cancelled: bool = False
    # Changed articles whose text was replaced: (file, article id, what became of the
    # highlights). Orphans in the reports need the user to re-attach them.
    updated: list[tuple[Path, int, ReanchorReport]] = field(default_factory=list)
    # Imported, but the user should look: (file, what was assumed), e.g. a guessed encoding.
    notices: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def orphans(self) -> int:
        """Highlights of the updated articles that need re-attaching."""
        return sum(r.needs_reattaching for _path, _id, r in self.updated)

    def summary(self) -> str:
        """One line for a status bar or a CLI."""
        parts = [f"Imported {_count(len(self.imported), 'article')}"]
        if self.updated:
            verb = "needs" if self.orphans == 1 else "need"
            parts.append(f"{len(self.updated)} updated "
                         f"({_count(self.orphans, 'highlight')} {verb} re-attaching)")
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} already in the library")
        if self.notices:
            parts.append(f"{len(self.notices)} with a notice")
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        line = "; ".join(parts)
        return line + " (cancelled)." if self.cancelled else line + "."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def import_paths(
    db: Database,
    paths: Iterable[Path | str],
    *,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Import files and folders (recursively: FOLDER_SUFFIXES) into `db`.

    Files are read and prepared in order (by `workers` processes for a large import,
    default one per core; ingest/prepare_pool.py), then stored in batches of up to BATCH_FILES
    (or BATCH_SECONDS), each batch one transaction: a file is either wholly stored or
    not at all, and a transaction per file cost more than everything else together.
    """
    report = ImportReport()
    files = _expand(paths, report)
    total = len(files)
    if progress:
        progress(0, total)
    try:
        origins = Origins(db, files)
    except DatabaseError as e:
        report.failed.extend((path, str(e)) for path in files)
        return report
    known = origins.known
    batch: list[tuple[Path, dict[str, object], ImportFacts]] = []
    started = time.monotonic()
    outcomes = prepared_in_order(files, _prepare_safely, origins.unchanged_since_import, workers)
    done = 0
    # A large import: a bigger page cache and fewer checkpoints while it writes.
    with bulk_writes(db, len(files) >= PARALLEL_MIN):
        try:
            for window in windows(zip(files, outcomes, strict=False), len(files)):
                # What the library holds of these files' hashes and addresses: a few
                # indexed lookups per window, not a read of every article at the start.
                try:
                    origins.look_up([(path, row) for path, (kind, row, _f) in window
                                     if kind == "row" and isinstance(row, dict)])
                except DatabaseError as e:  # those files fail as a failed batch would
                    window = [(p, ("failed", str(e), None) if o[0] == "row" else o) for p, o in window]
                for path, (kind, row, facts) in window:
                    done += 1
                    if should_cancel and should_cancel():
                        report.cancelled = True
                        break
                    if kind == "skip":  # a resumed import passes what it stored
                        report.duplicates.append(path)
                    elif kind == "failed":
                        report.failed.append((path, str(row)))
                    elif kind == "error":  # a bug must not lose the rest of the batch
                        log.error("Unexpected error importing %s: %s", path, row)
                        report.failed.append((path, str(row)))
                    else:
                        assert isinstance(row, dict) and isinstance(facts, ImportFacts)
                        if row["content_hash"] in known:
                            report.duplicates.append(path)
                        elif (target := origins.article_for(path, row)) is not None:
                            _update(db, path, target, row, facts, report, known, origins)
                        else:
                            known.add(str(row["content_hash"]))
                            batch.append((path, row, facts))
                    if len(batch) >= BATCH_FILES or (batch and time.monotonic() - started > BATCH_SECONDS):
                        _store(db, batch, report, known)
                        batch, started = [], time.monotonic()
                    if progress:
                        progress(done, total)
                if report.cancelled:
                    break
        finally:
            outcomes.close()  # a cancel: the workers stop after their chunks
        _store(db, batch, report, known)  # what was read before a cancel is kept
    return report


# Up to 1,000 articles a transaction: at 100,000 articles in the library, 200 a batch
# cost 0.52 ms of storing per article and 1,000 0.32 ms (fewer commits; the random
# leaves of the content-hash and sort-key indexes shared by more rows).
BATCH_FILES = 1000
BATCH_SECONDS = 0.5  # a long import shows new articles, and frees the database, often


def _update(db: Database, path: Path, article_id: int, row: dict[str, object], facts: ImportFacts,
            report: ImportReport, known: KnownHashes, origins: Origins) -> None:
    """Replace a changed article's text in its own transaction (re-anchoring is the work)."""
    try:
        result = replace_text(db, article_id, str(row["text"]), str(row["original_text"]),
                              source_path=str(row["source_path"]))
    except (ReimportError, DatabaseError) as e:
        report.failed.append((path, str(e)))
        return
    except Exception as e:  # a bug must not lose the rest of the batch
        log.exception("Unexpected error updating article %s from %s", article_id, path)
        report.failed.append((path, f"Unexpected error ({type(e).__name__}: {e})."))
        return
    report.updated.append((path, article_id, result))
    if facts.notice:
        report.notices.append((path, facts.notice))
    try:
        with db.session() as session:
            put_facts(session, article_id, str(row["content_hash"]), facts)
    except DatabaseError:
        log.warning("Could not store the import facts of article %s", article_id)
    origins.updated.add(article_id)
    known.discard(origins.hash_of.get(article_id, ""))
    known.add(str(row["content_hash"]))
    origins.hash_of[article_id] = str(row["content_hash"])


def _store(db: Database, batch: list[tuple[Path, dict[str, object], ImportFacts]],
           report: ImportReport, known: KnownHashes) -> None:
    """One transaction for the batch (articles and their import facts); if it fails,
    every file of it is reported failed."""
    if not batch:
        return
    try:
        with db.session() as session:
            # One executemany, then the new ids by content hash (unique): RETURNING with
            # the parameters' order went row by row (~0.14 ms an article).
            # The table, not the entity: the ORM's bulk path cost ~30 us an article more.
            session.execute(insert(ARTICLES), [row for _path, row, _facts in batch])
            hashes = [str(row["content_hash"]) for _path, row, _facts in batch]
            id_of: dict[str, int] = {}
            for i in range(0, len(hashes), 500):
                found = session.execute(select(Article.content_hash, Article.id)
                                        .where(Article.content_hash.in_(hashes[i:i + 500])))
                id_of.update((digest, article_id) for digest, article_id in found)
            ids = [id_of[h] for h in hashes]
            put_facts_many(session, [(article_id, str(row["content_hash"]), facts)
                                     for (_path, row, facts), article_id in zip(batch, ids, strict=True)])
    except DatabaseError as e:
        report.failed.extend((path, str(e)) for path, _row, _facts in batch)
        known.difference_update(str(row["content_hash"]) for _path, row, _facts in batch)
        return
    report.imported.extend((path, article_id) for (path, _row, _facts), article_id in zip(batch, ids, strict=True))
    report.notices.extend((path, facts.notice) for path, _row, facts in batch if facts.notice)


def _expand(paths: Iterable[Path | str], report: ImportReport) -> list[Path]:
    """Files to import, in a stable order, each once; unusable paths go to `report.failed`."""
    files: list[Path] = []
    seen: set[str] = set()

    def add(path: Path, key: str | None = None) -> None:
        key = key or str(path.resolve())
        if key not in seen:
            seen.add(key)
            files.append(path)

    for raw in paths:
        path = Path(raw).absolute()
        if path.is_dir():
            found = _walk(path, report)
            if not found:
                report.failed.append((path, "This folder contains no article files (.txt, .md, .html, .htm, .docx)."))
            # _walk never enters a symlinked folder: a file that is no symlink itself
            # resolves to the resolved folder plus its place in it (resolving each
            # file walked its whole path: ~45 us a file).
            root, prefix = str(path.resolve()), len(str(path))
            for file in found:
                name = str(file)
                add(file, None if os.path.islink(name) else root + name[prefix:])
        elif path.exists() or path.is_symlink():
            add(path)  # any extension: _import_one says why if it is not text
        else:
            report.failed.append((path, _os_reason(FileNotFoundError(errno.ENOENT, ""))))
    return files


def _walk(folder: Path, report: ImportReport) -> list[Path]:
    """Article files under `folder`, sorted; hidden entries and symlinked folders skipped."""
    found: list[Path] = []

    def unreadable(error: OSError) -> None:
        report.failed.append((Path(error.filename or folder), _os_reason(error)))

    for root, dirs, names in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in FOLDER_SUFFIXES:
                found.append(Path(root, name))
    return found


def _os_reason(error: OSError) -> str:
    """An OSError in words."""
    if isinstance(error, FileNotFoundError):
        return "The file was not found (it may have been moved or deleted)."
    if isinstance(error, PermissionError):
        return "Permission denied: you are not allowed to read this file."
    if isinstance(error, IsADirectoryError):
        return "This is a folder, not a file."
    if isinstance(error, NotADirectoryError):
        return "Part of the path is a file, not a folder."
    if error.errno == errno.ELOOP:
        return "The path is a symbolic link that points to itself."
    if error.errno == errno.ENAMETOOLONG:
        return "The file name is too long."
    return f"The file cannot be read: {error.strerror or error}."


def _read(path: Path) -> bytes:
    """The file's bytes, refusing non-files and oversized files before reading anything."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ImportFailure(_os_reason(IsADirectoryError(errno.EISDIR, "")))
        if not stat.S_ISREG(info.st_mode):
            # A FIFO or a device would block or never end.
            raise ImportFailure("This is not a regular file (a device, pipe or socket).")
        if info.st_size > MAX_FILE_BYTES:
            raise ImportFailure(
                f"The file is {info.st_size / 1024 / 1024:.1f} MB; articles larger than "
                f"{MAX_FILE_BYTES // 1024 // 1024} MB are not imported."
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise ImportFailure(_os_reason(e)) from None
    if len(data) > MAX_FILE_BYTES:  # it grew after stat()
        raise ImportFailure(
            f"The file is larger than {MAX_FILE_BYTES // 1024 // 1024} MB; it was not imported."
        )
    return data


def _extract(path: Path, data: bytes) -> tuple[str, str, dict[str, str | None], ImportFacts]:
    """(article text, original as decoded, metadata the format itself states, what was
    learned reading it: the encoding of a text file, and a notice if it was a guess).

    The HTML and Word readers are imported when needed: a corpus of .txt files never
    pays for them.
    """
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES | {".docx"} and _looks_like_html(data)):
        from desktop_app.core.library.ingest.html import extract_html

        page = extract_html(data)
    elif suffix == ".docx":
        from desktop_app.core.library.ingest.docx import extract_docx

        page = extract_docx(data)
    else:
        decoded = read_text(data)
        return decoded.text, decoded.original, {}, reading_facts(decoded.original, decoded.codec,
                                                                  decoded.notice, data)
    stated = {"title": page.title, "published": page.published, "author": page.author,
              "source": page.source, "url": page.url}
    return page.text, page.original, stated, ImportFacts()


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _prepare_safely(path: Path) -> Prepared:
    """_prepare as a value (it may run in a worker process): the row, or why not."""
    try:
        row, facts = _prepare(path)
    except ImportFailure as e:
        return ("failed", e.reason, None)
    except Exception as e:
        log.exception("Unexpected error importing %s", path)
        return ("error", f"Unexpected error ({type(e).__name__}: {e}).", None)
    return ("row", row, facts)


def _prepare(path: Path) -> tuple[dict[str, object], ImportFacts]:
    """Read one file into the row it will be stored as and its import facts (nothing
    touches the database)."""
    body, original, stated, facts = _extract(path, _read(path))
    text = normalize(body)
    if not text.strip():
        raise ImportFailure("The file contains no text.")
    meta = parse_metadata(text)
    leftovers = [[start, end] for start, end, _reason in find_boilerplate(text)]
    title = _clean(stated.get("title"))
    source = _clean(stated.get("source")) or meta.source
    facts = ImportFacts(
        encoding=facts.encoding, notice=facts.notice, original_bytes=facts.original_bytes,
        title_guessed=not title and meta.title_guessed, source_credit=meta.credit,
        header=dict(meta.header))
    row: dict[str, object] = {
        # What the page states (HTML meta tags) beats what the text suggests; a text
        # without a headline is named by its first sentence (marked as guessed), and
        # only a text with no sentence at all by its file name.
        "title": (title := title or meta.title or path.stem),
        # The folded sort keys, here (on a worker process) rather than as column
        # defaults in the storing process.
        "title_key": title_key(title),
        "source_key": source_key(source),
        "kicker": meta.kicker,
        "source": source,
        "author": _clean(stated.get("author")) or meta.author,
        "url": stated.get("url") or meta.url,
        "published": stated.get("published") or meta.published,
        "text": text,
        "original_text": original,
        "content_hash": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "source_path": str(path),
        "hidden_spans": json.dumps(leftovers),
        "imported_at": utcnow(),
    }
    return row, facts


def _clean(value: str | None) -> str | None:
    return normalize(" ".join(value.split())) or None if value else None
