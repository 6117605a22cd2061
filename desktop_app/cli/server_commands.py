"""publish (the library file onto a PostgreSQL server) and the server side of `backup` (a
shared library into a new file): both verified table by table (core/storage/engine_copy.py)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from desktop_app import paths
from desktop_app.cli.common import folder_missing, library_url, open_db

# Printed after a publish: what the server library does not have yet (docs/postgresql.md).
_INDEX_NOTE = ("note: the search and word indexes are the file's own (SQLite FTS5) and were not "
               "copied; a library on a server builds its own indexes, and search on a server is "
               "not written yet (docs/postgresql.md, section 6 step 5)")
_FILE_NOTE = ("note: the file's search and word indexes are built when they are first needed "
              "(the first search; the word index from the segmentations)")


def register(sub) -> None:
    p = sub.add_parser(
        "publish", help="copy the library file into an empty PostgreSQL database",
        description="Copy the library file (the one --data-dir names) into an EMPTY PostgreSQL "
                    "database, in one transaction, then compare every table's rows and content "
                    "hash on both sides; on any failure or difference nothing is kept on the "
                    "server. The team then works with `--library URL`.")
    p.add_argument("url", metavar="URL", help="postgresql://user@host:port/dbname "
                                              "(?sslmode=require and other libpq options pass through)")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    p.set_defaults(handler=_cmd_publish)


class _Printer:
    """Rows copied, on stderr, at most twice a second."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.shown = 0.0
        self.printed = False

    def __call__(self, done: int, total: int, note: str) -> None:
        now = time.monotonic()
        if self.quiet or (now - self.shown < 0.5 and done != total):
            return
        self.shown = now
        self.printed = True
        print(f"\rcopied {done} of {total} rows ({note or 'starting'})" + " " * 10,
              end="", file=sys.stderr, flush=True)

    def end(self) -> None:
        if self.printed:
            print(file=sys.stderr)


def _cmd_publish(args: argparse.Namespace) -> int:
    from desktop_app.core.progress import Progress
    from desktop_app.core.storage.engine_copy import CopyError, publish

    if library_url(args) is not None:
        print("chugiai: publish copies the library file (chosen with --data-dir) to the server "
              "named by its URL argument; leave out --library ($CHUGIAI_LIBRARY)", file=sys.stderr)
        return 2
    library = paths.database_path(paths.data_dir(args.data_dir))
    if not library.is_file():
        print(f"chugiai: there is no library at {library} to publish", file=sys.stderr)
        return 2
    db = open_db(args)
    printer = _Printer(args.quiet)
    try:
        result = publish(db, args.url, Progress(printer))
    except CopyError as e:
        printer.end()
        print(f"chugiai: {e}", file=sys.stderr)
        return 1
    finally:
        db.close()
    printer.end()
    _print_result(result)
    print(_INDEX_NOTE)
    print(f"published to {result.target}: work on it with `chugiai --library URL ...`")
    return 0


def backup_server_library(args: argparse.Namespace) -> int:
    """`chugiai --library URL backup FILE`: the shared library into a new SQLite file."""
    from desktop_app.core.progress import Progress
    from desktop_app.core.storage.engine_copy import EXISTS, CopyError, backup_to_file

    target = Path(args.file)
    if folder_missing(target):
        return 2
    if target.exists() and not args.replace:
        print(f"chugiai: {target} already exists; choose a new file name, or add --replace",
              file=sys.stderr)
        return 2
    db = open_db(args)
    printer = _Printer(getattr(args, "quiet", False))
    try:
        result = backup_to_file(db, target, replace=args.replace, progress=Progress(printer))
    except CopyError as e:
        printer.end()
        print(f"chugiai: {e}", file=sys.stderr)
        return 2 if e.kind == EXISTS else 1
    finally:
        db.close()
    printer.end()
    _print_result(result)
    print(_FILE_NOTE)
    print(f"backed up the library to {target}")
    return 0


def _print_result(result) -> None:
    """The verification: rows and SHA-256 per table, equal on both sides."""
    width = max(len(t.table) for t in result.tables)
    for t in result.tables:
        print(f"{t.table:<{width}}  {t.target.rows:>10}  {t.target.sha256}")
    rate = result.rows / result.seconds if result.seconds > 0 else 0.0
    print(f"verified: {len(result.tables)} tables, {result.rows} rows, the same counts and "
          f"content hashes on both sides ({result.seconds:.1f} s, {rate:,.0f} rows/s)")
    if result.rebuilt:
        print(f"kept by the target's triggers, compared with a recount: {', '.join(result.rebuilt)}")
    print(f"not copied (each library keeps its own): {', '.join(result.not_copied)}")
