"""The `chugiai` command. One entry point. No subcommand opens the window; subcommands are for scripting.

    chugiai [--data-dir DIR | --library URL] [--coder NAME] COMMAND ...
                                                 --coder: who is coding (see `coders`)
                                                 --library: a shared library on a PostgreSQL
                                                 server (also $CHUGIAI_LIBRARY)
    chugiai [--data-dir DIR]                     open the window
    chugiai --library URL                        open the window on a shared library
    chugiai [--data-dir DIR] import PATH...      import files or folders
    chugiai [--data-dir DIR] list --json         list articles
    chugiai [--data-dir DIR] search QUERY [--json] [--limit N] [--match exact|word|none]
                                                 find articles; diacritics optional
    chugiai [--data-dir DIR] delete ARTICLE_ID...
                                                 delete articles with their highlights
    chugiai [--data-dir DIR] export --format FORMAT -o FILE [--article ID] [--tag NAME]
    chugiai [--data-dir DIR] import-annotations FILE
    chugiai [--data-dir DIR] backup FILE
    chugiai --library URL backup FILE.sqlite3 [--replace]
                                                 the shared library into a new file, verified
    chugiai [--data-dir DIR] publish URL         the library file into an empty PostgreSQL
                                                 database, verified (then use --library URL)
    chugiai [--data-dir DIR] backups [--json]    list the automatic backups
    chugiai [--data-dir DIR] check [--repair]    find (and repair) damage in the library
    chugiai [--data-dir DIR] segment [--article ID] [--format conll|json]
                                                 words with code-point offsets (segments
                                                 what has no stored segmentation)
    chugiai [--data-dir DIR] concordance WORD... [--json | --csv FILE] [--limit N]
                                                 [--match exact|word|none] [--sort left|right|article]
                                                 every occurrence with its context (KWIC)
    chugiai [--data-dir DIR] frequencies [--article ID] [--tag NAME] [--stopwords [FILE]]
                                                 [--min-syllables N] [--limit N] [--json | --csv FILE]
                                                 the most frequent words
    chugiai [--data-dir DIR] passages --tag NAME [--tag NAME ...] [--mode any|all|overlap|sentence|paragraph]
                                                 [--not NAME] [--where KEY=VALUE ...] [--json | --csv FILE]
                                                 coded passages across the library
    chugiai [--data-dir DIR] attributes list [--json] | set ARTICLE_ID KEY VALUE [--type T] | import FILE.csv
    chugiai [--data-dir DIR] matrix --columns articles|attribute:KEY [--count passages|articles|coverage]
                                                 [--json | --csv FILE]       tags × articles or values
    chugiai [--data-dir DIR] cooccurrence [--within overlap|sentence|paragraph|words:N] [--json | --csv FILE]
    chugiai [--data-dir DIR] dictionary list | add TERM... | remove TERM... | import FILE [--replace]
                                                 terms kept as one word when segmenting
    chugiai [--data-dir DIR] segment-all [--workers N] [--tags]
                                                 segment every article that needs it, N processes
    chugiai [--data-dir DIR] coders list [--json] | rename OLD NEW
                                                 who codes in this library
    chugiai [--data-dir DIR] agreement [--coders A,B] [--unit character|word|sentence|article]
                                       [--tag NAME ...] [--json | --csv FILE]
                                                 inter-coder agreement per tag and overall
    chugiai [--data-dir DIR] merge FILE [--prefer mine|theirs] [--json]
                                                 another coder's library (.sqlite3) or a .qdpx
    chugiai --self-test                          open offscreen, segment a sentence, exit 0

A command whose output goes into a pipe that closes early (`| head`) stops quietly with
exit status 141, as a program ended by SIGPIPE.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from desktop_app import __version__, paths
from desktop_app.cli import (
    agreement_commands,
    analysis_commands,
    article_commands,
    coder_commands,
    dictionary_commands,
    exchange_commands,
    language_commands,
    library_commands,
    merge_commands,
    safety_commands,
    segmentation_commands,
    server_commands,
)
from desktop_app.cli.common import library_url

# Each module adds its subcommands; a subcommand sets `handler` (and `writes=True` when it
# changes the library).
COMMAND_MODULES = (library_commands, article_commands, exchange_commands, safety_commands, language_commands,
                   analysis_commands, dictionary_commands, coder_commands, segmentation_commands,
                   agreement_commands, merge_commands, server_commands)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chugiai", description="Chú Giải: read, highlight and tag Vietnamese news articles."
    )
    parser.add_argument("--version", action="version", version=f"chugiai {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"where the library lives (default: ${paths.DATA_DIR_ENV} or the user data folder)",
    )
    parser.add_argument(
        "--library",
        metavar="URL",
        help="a shared library on a PostgreSQL server, postgresql://user@host:port/dbname "
             "(default: $CHUGIAI_LIBRARY, else the library file in the data folder)",
    )
    parser.add_argument(
        "--coder",
        metavar="NAME",
        help="who is coding: what this command writes is theirs (default: $CHUGIAI_CODER, "
             "else the library's first coder); a new name is added to the library",
    )
    parser.add_argument(
        "--self-test", action="store_true", help="open the window offscreen, segment a sentence, exit"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


# A command whose output went into a pipe that closed early (`chugiai concordance ... | head`)
# stops quietly with this status, as a shell reports a program ended by SIGPIPE (128 + 13):
# the data is cut short, which `set -o pipefail` scripts can see, without a traceback.
EXIT_BROKEN_PIPE = 141
# In a self-test, whose output people and CI read, Qt's own notes are noise: its qt.*
# categories, and the offscreen platform's uncategorized "This plugin does not support
# propagateSizeHints()". Anything else Qt says still reaches stderr.
_QT_NOISE = "This plugin does not support"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from desktop_app.ui.app import run_gui

        if args.self_test:
            _quiet_qt()
            return run_gui(data_dir=args.data_dir, self_test=True)
        # --library / $CHUGIAI_LIBRARY: the window opens that shared library (anything but a
        # PostgreSQL URL there stops with a sentence, as for the commands).
        return run_gui(data_dir=args.data_dir, library=library_url(args))
    try:
        status = _run(args)
        sys.stdout.flush()  # what is still buffered may meet the closed pipe too
        return status
    except BrokenPipeError:
        # Python's recipe: point stdout at devnull, so the flush at exit fails no more.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def _qt_message(mode, context, message: str) -> None:
    """Drop Qt's own notes (see _QT_NOISE); pass every other Qt message to stderr."""
    if (context.category or "").startswith("qt.") or message.startswith(_QT_NOISE):
        return
    print(message, file=sys.stderr)


def _quiet_qt() -> None:
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(_qt_message)  # a module function: it must outlive this call


def _run(args: argparse.Namespace) -> int:
    import sqlite3

    from sqlalchemy import exc as sa_exc

    from desktop_app.core.storage.database import DAMAGED, DatabaseError

    try:
        return args.handler(args)
    except DatabaseError as e:
        print(f"chugiai: {e}" + (_REPAIR_HINT if e.kind == DAMAGED else ""), file=sys.stderr)
        return 1
    except (sa_exc.DatabaseError, sqlite3.DatabaseError) as e:  # damage met while reading
        print(f"chugiai: the library could not be read ({getattr(e, 'orig', None) or e})."
              + _REPAIR_HINT, file=sys.stderr)
        return 1


_REPAIR_HINT = " Run `chugiai check --repair` to check and repair it (a copy is kept first)."
