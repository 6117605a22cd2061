"""What every command shares: opening the library, checked output paths, counted words."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from desktop_app import paths


def open_db(args: argparse.Namespace):
    """The library for this command: writable only for commands that change it
    (`writes=True` in their parser), so reading commands also work on a read-only one.
    With --library URL (or $CHUGIAI_LIBRARY) the library on that PostgreSQL server."""
    from desktop_app.core.library.opening import open_for_script

    writes = getattr(args, "writes", False)
    url = library_url(args)
    if url is not None:
        from desktop_app.core.storage.location import open_library

        try:
            db = open_library(url)
        except ValueError as e:  # not a URL psycopg can use
            print(f"chugiai: --library: {e}", file=sys.stderr)
            raise SystemExit(2) from e
    else:
        db = open_for_script(paths.data_dir(args.data_dir), write=writes)
    name = getattr(args, "coder", None) or os.environ.get(CODER_ENV, "")
    if name.strip():
        _choose_coder(db, name, writes)
    return db


CODER_ENV = "CHUGIAI_CODER"
LIBRARY_ENV = "CHUGIAI_LIBRARY"  # the same name as core.storage.location.LIBRARY_ENV
_SERVER_SCHEMES = ("postgresql://", "postgresql+psycopg://", "postgres://")


def library_url(args: argparse.Namespace) -> str | None:
    """The PostgreSQL URL given by --library or $CHUGIAI_LIBRARY; None for the library file
    in the data folder. Anything else given there stops the command with a sentence."""
    value = (getattr(args, "library", None) or os.environ.get(LIBRARY_ENV, "")).strip()
    if not value:
        return None
    if not value.lower().startswith(_SERVER_SCHEMES):
        print("chugiai: --library (and $CHUGIAI_LIBRARY) takes a PostgreSQL URL, "
              "postgresql://user@host:port/dbname; a library file is chosen with --data-dir",
              file=sys.stderr)
        raise SystemExit(2)
    return value


def refuse_server_library(args: argparse.Namespace, command: str) -> bool:
    """True, after saying why, when `command` (backups, check...) works on a library file
    and this command was pointed at a server library."""
    if library_url(args) is None:
        return False
    print(f"chugiai: `{command}` works on a library file; the library given by --library is "
          "on a PostgreSQL server, whose copies and checks are the server's (pg_dump, amcheck)",
          file=sys.stderr)
    return True


def _choose_coder(db, name: str, writes: bool) -> None:
    """Work as the coder named: a command that writes adds them to the library when new; a
    reading command only takes a coder the library has (and never writes to add one)."""
    from desktop_app.core.library import coders
    from desktop_app.core.operations.server_writes import use_coder_logged

    try:
        if writes:
            use_coder_logged(db, name)
            return
        with db.session() as s:
            found = coders.find_coder(s, name)
    except coders.CoderError as e:
        db.close()
        print(f"chugiai: {e}", file=sys.stderr)
        raise SystemExit(2) from e
    if found is not None:
        db.coder_id = found


def folder_missing(target: str | Path) -> bool:
    """True, after saying so, when the folder an output file would go in does not exist:
    checked before any work, so a long run never ends in nowhere to write."""
    folder = Path(target).parent
    if folder.exists():
        return False
    print(f"chugiai: the folder {folder} does not exist", file=sys.stderr)
    return True


def refused_output(args: argparse.Namespace, target: str, fmt: str | None = None) -> bool:
    """True, after saying why, when `target` must not be written: the library or its
    backups, a pipe, a device, a folder, a missing folder. `-` (standard output) passes
    for text formats. Also clears temp files a killed earlier export left there."""
    from desktop_app.core.interchange.output_paths import (
        OutputPathError,
        check_output_path,
        clean_stale_temp_files,
    )

    library = paths.database_path(paths.data_dir(args.data_dir))
    try:
        path = check_output_path(target, library, fmt)
    except OutputPathError as e:
        print(f"chugiai: {e}", file=sys.stderr)
        return True
    if path is None:
        return False
    if folder_missing(path):
        return True
    clean_stale_temp_files(path.parent)
    return False


def write_output(target: str, write: Callable[[Path], int], suffix: str) -> int:
    """Run a file writer on `target`, or through a temp file onto standard output for `-`."""
    from desktop_app.core.interchange.output_paths import STDOUT, write_through_temp

    if target == STDOUT:
        sys.stdout.flush()
        return write_through_temp(write, sys.stdout.buffer, suffix)
    return write(Path(target))


def wrote(count: int, unit: str, target: str) -> None:
    """Say what was written: on stderr when the data itself went to standard output."""
    where = "standard output" if target == "-" else target
    print(f"wrote {count} {unit} to {where}", file=sys.stderr if target == "-" else sys.stdout)


def write_csv(target: str, unit: str, write: Callable[[Path], int]) -> bool:
    """Write a CLI result as CSV and say so; False (after a message) if the file cannot be written."""
    try:
        count = write_output(target, write, ".csv")
    except OSError as e:
        print(f"chugiai: cannot write {target}: {e.strerror or e}", file=sys.stderr)
        return False
    wrote(count, unit, target)
    return True


def count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def article_ids(db, wanted: list[int] | None) -> list[int] | None:
    """The ids asked for, checked; every article's if none were asked for. None: one is missing."""
    from desktop_app.core.library.articles import get_article, list_articles

    if not wanted:
        return sorted(a.id for a in list_articles(db))
    for article_id in wanted:
        if get_article(db, article_id) is None:
            print(f"chugiai: there is no article {article_id} (see `chugiai list`)", file=sys.stderr)
            return None
    return list(dict.fromkeys(wanted))




def add_match_options(parser: argparse.ArgumentParser) -> None:
    """--match exact|word|none, and --match-diacritics (older) as a synonym of exact."""
    from desktop_app.core.text.matching import LEVEL_NAMES

    group = parser.add_mutually_exclusive_group()
    group.add_argument("--match", choices=LEVEL_NAMES, metavar="exact|word|none",
                       help="exact: as written, case included; word: the same word (hòa = hoà, "
                            "khỏe = khoẻ, any case; thủy ≠ thụy); none: no diacritics (đ = d). "
                            "Default: word if the query has diacritics, else none")
    group.add_argument("--match-diacritics", action="store_true", help="the same as --match exact")


def match_level(args: argparse.Namespace):  # -> MatchLevel | None (imported lazily)
    """The level asked for, None to let the query decide."""
    from desktop_app.core.text.matching import MatchLevel

    if getattr(args, "match_diacritics", False):
        return MatchLevel.EXACT
    return MatchLevel(args.match) if getattr(args, "match", None) else None
