"""backup, backups, check: copies of the library and its repair."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop_app import paths
from desktop_app.cli.common import folder_missing, library_url, open_db, refuse_server_library


def register(sub) -> None:
    p_backup = sub.add_parser(
        "backup", help="write a consistent copy of the library",
        description="Copy the library into a new SQLite file. With --library URL the library on "
                    "the server is copied into the file and verified table by table.")
    p_backup.add_argument("file", metavar="FILE")
    p_backup.add_argument("--replace", action="store_true",
                          help="a library on a server: replace FILE if it exists (once the copy is verified)")
    p_backup.set_defaults(handler=_cmd_backup)
    p_backups = sub.add_parser("backups", help="list the automatic backups, newest first")
    p_backups.add_argument("--json", action="store_true", help="print a JSON list")
    p_backups.set_defaults(handler=_cmd_backups)
    p_check = sub.add_parser(
        "check", help="check the library for damage (exit 1 when a problem is found)",
        description="Run SQLite's integrity check, look for rows whose parent is gone, text that is "
                    "not valid UTF-8 in any column, and a search index that disagrees with the "
                    "articles. --repair first writes a copy beside the library, then repairs.")
    p_check.add_argument("--repair", action="store_true", help="repair what was found (after a backup)")
    p_check.set_defaults(handler=_cmd_check)


def _cmd_backup(args: argparse.Namespace) -> int:
    from desktop_app.core.storage.copies import clean_partial_copies, remove_killed_copy

    if library_url(args) is not None:
        from desktop_app.cli.server_commands import backup_server_library

        return backup_server_library(args)
    target = Path(args.file)
    if folder_missing(target):  # said in words, not SQLite's "unable to open database file"
        return 2
    if target.is_dir():
        print(f"chugiai: {target} is a folder; give the backup a file name inside it", file=sys.stderr)
        return 2
    clean_partial_copies(target.parent)  # what a killed earlier backup left there
    if target.exists() and not remove_killed_copy(target):
        print(f"chugiai: {target} already exists; choose a new file name", file=sys.stderr)
        return 2
    db = open_db(args)
    try:
        db.backup(target)
    except Exception as e:  # sqlite3.Error or OSError: say it in words
        target.unlink(missing_ok=True)
        print(f"chugiai: could not write the backup {target}: {e}", file=sys.stderr)
        return 1
    finally:
        db.close()
    print(f"backed up the library to {target}")
    return 0


def _cmd_backups(args: argparse.Namespace) -> int:
    from desktop_app.core.storage.backups import backups_dir, list_backups

    if refuse_server_library(args, "backups"):
        return 2
    folder = backups_dir(paths.database_path(paths.data_dir(args.data_dir)))
    backups = list_backups(folder)
    if args.json:
        json.dump([{"path": str(b.path), "created": b.created.isoformat(), "size": b.size,
                    "reason": b.reason} for b in backups], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for b in backups:
        print(f"{b.created:%Y-%m-%d %H:%M:%S}  {b.size / 1024 / 1024:8.1f} MB  {b.reason:<14}  {b.path}")
    if not backups:
        print(f"no automatic backup in {folder}", file=sys.stderr)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    import sqlite3

    from desktop_app.core.storage.check import check_library

    if refuse_server_library(args, "check"):
        return 2
    path = paths.database_path(paths.data_dir(args.data_dir))
    if not path.is_file():
        print(f"chugiai: there is no library at {path}", file=sys.stderr)
        return 2
    try:
        report = check_library(path, repair=args.repair)
    except OSError as e:  # the copy before repairing could not be written
        print(f"chugiai: cannot repair {path}: {e.strerror or e} (is its folder read-only?)",
              file=sys.stderr)
        return 1
    except sqlite3.Error as e:
        print(f"chugiai: {path} cannot be checked: {e}. It may not be a Chú Giải library, or it "
              "is damaged beyond what check can repair: restore a backup (`chugiai backups`).",
              file=sys.stderr)
        return 1
    for problem in report.problems:
        print(problem.describe())
    print(report.summary())
    if report.repair_asked and report.repaired:
        _sync_search_after_repair(args)
    if report.clean or report.fully_repaired:
        return 0
    return 1


def _sync_search_after_repair(args: argparse.Namespace) -> None:
    """Rebuild the search index the repair reset, now rather than at the next search."""
    from desktop_app.core.analysis.search import sync_index

    db = open_db(args)
    try:
        sync_index(db)
    finally:
        db.close()
