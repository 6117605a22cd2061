"""One entry point. No subcommand opens the window; subcommands are for scripting.

    chugiai [--data-dir DIR]                     open the window
    chugiai [--data-dir DIR] import PATH...      import files or folders
    chugiai [--data-dir DIR] list --json         list articles
    chugiai [--data-dir DIR] search QUERY [--json] [--limit N]
                                                 find articles; diacritics optional
    chugiai [--data-dir DIR] export --format FORMAT -o FILE [--article ID] [--tag NAME]
    chugiai [--data-dir DIR] import-annotations FILE
    chugiai [--data-dir DIR] backup FILE
    chugiai --self-test                          open offscreen, segment a sentence, exit 0
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop_app import __version__, paths


def _build_parser() -> argparse.ArgumentParser:
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
        "--self-test", action="store_true", help="open the window offscreen, segment a sentence, exit"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p_import = sub.add_parser("import", help="import article files or folders")
    p_import.add_argument("paths", nargs="+", metavar="PATH")

    p_list = sub.add_parser("list", help="list the articles")
    p_list.add_argument("--json", action="store_true", help="print a JSON list")

    p_search = sub.add_parser("search", help="find articles by words in title or body (diacritics optional)")
    p_search.add_argument("query", nargs="+", metavar="QUERY",
                          help='words ("to chuc dang" finds "tổ chức Đảng"); "quoted phrase"; prefix*')
    p_search.add_argument("--json", action="store_true", help="print a JSON list, best first")
    p_search.add_argument("--limit", type=int, default=20, metavar="N", help="at most N results (default 20)")

    from desktop_app.core.export.formats import FORMATS

    p_export = sub.add_parser("export", help="export annotations")
    p_export.add_argument("--format", choices=list(FORMATS), default="csv",
                          help="; ".join(f"{k}: {f.label}" for k, f in FORMATS.items()))
    p_export.add_argument("-o", "--output", required=True, metavar="FILE")
    p_export.add_argument("--article", type=int, action="append", metavar="ID",
                          help="only this article (repeatable)")
    p_export.add_argument("--tag", metavar="NAME",
                          help="only highlights with this tag (or one nested under it); for conll, the tag to label")
    p_export.add_argument("--delimiter", choices=[",", ";"], default=",",
                          help='";" for Excel in decimal-comma locales')

    p_imp_ann = sub.add_parser("import-annotations", help="import highlights from .csv, .json/.jsonld or .qdpx")
    p_imp_ann.add_argument("file", metavar="FILE")
    p_backup = sub.add_parser("backup", help="write a consistent copy of the library")
    p_backup.add_argument("file", metavar="FILE")
    return parser


def _cmd_backup(args: argparse.Namespace) -> int:
    target = Path(args.file)
    if target.exists():
        print(f"chugiai: {target} already exists; choose a new file name", file=sys.stderr)
        return 2
    db = _open_db(args)
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


def _open_db(args: argparse.Namespace):
    from desktop_app.core.db import Database

    directory = paths.data_dir(args.data_dir)
    return Database.open(paths.database_path(directory))


def _cmd_import(args: argparse.Namespace) -> int:
    from desktop_app.core.ingest import import_paths

    db = _open_db(args)
    try:
        report = import_paths(db, [Path(p) for p in args.paths])
    finally:
        db.close()
    for path, article_id in report.imported:
        print(f"imported  {path}  (article {article_id})")
    for path, article_id, result in report.updated:
        print(f"updated   {path}  (article {article_id}: {result.summary()})")
    for path in report.duplicates:
        print(f"duplicate {path}  (already in the library)")
    for path, reason in report.failed:
        print(f"failed    {path}: {reason}", file=sys.stderr)
    print(report.summary())
    return 1 if report.failed else 0


def _cmd_list(args: argparse.Namespace) -> int:
    from desktop_app.core.library import list_articles

    db = _open_db(args)
    try:
        articles = list_articles(db)
    finally:
        db.close()
    if args.json:
        json.dump([a.as_json() for a in articles], sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for a in articles:
            print(f"{a.id:>5}  {a.published or '':16}  {a.source or '':14}  {a.highlight_count:>4}  {a.title}")
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    from desktop_app.core.search import search

    if args.limit < 1:
        print("chugiai: --limit must be at least 1", file=sys.stderr)
        return 2
    db = _open_db(args)
    try:
        hits = search(db, " ".join(args.query), limit=args.limit)
    finally:
        db.close()
    if args.json:
        json.dump([{"article_id": h.article_id, "title": h.title, "score": round(h.score, 4),
                    "passage": h.passage, "offset": h.offset, "marks": [list(m) for m in h.marks]}
                   for h in hits], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for h in hits:
        print(f"{h.article_id:>5}  {h.score:7.2f}  {h.title}\n       {h.passage}")
    if not hits:
        print("no article matches", file=sys.stderr)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from desktop_app.core.export.formats import FORMATS, ExportError, export

    output = Path(args.output)
    if not output.parent.exists():
        print(f"chugiai: the folder {output.parent} does not exist", file=sys.stderr)
        return 2
    db = _open_db(args)
    try:
        count = export(db, args.format, output, article_ids=args.article, tag=args.tag,
                       delimiter=args.delimiter)
    except OSError as e:
        print(f"chugiai: cannot write {output}: {e.strerror or e}", file=sys.stderr)
        return 1
    except ExportError as e:  # e.g. a codebook of a library without tags
        print(f"chugiai: {e}", file=sys.stderr)
        return 1
    finally:
        db.close()
    print(f"wrote {count} {FORMATS[args.format].unit} to {output}")
    return 0


def _cmd_import_annotations(args: argparse.Namespace) -> int:
    from desktop_app.core.export.formats import AnnotationFileError, import_annotations

    db = _open_db(args)
    try:
        print(import_annotations(db, Path(args.file)))
    except AnnotationFileError as e:
        print(f"chugiai: {e}", file=sys.stderr)
        return 1
    finally:
        db.close()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    if args.command is None:
        from desktop_app.ui.app import run_gui

        return run_gui(data_dir=args.data_dir, self_test=args.self_test)
    from desktop_app.core.db import DatabaseError

    handlers = {
        "import": _cmd_import,
        "list": _cmd_list,
        "search": _cmd_search,
        "export": _cmd_export,
        "import-annotations": _cmd_import_annotations,
        "backup": _cmd_backup,
    }
    try:
        return handlers[args.command](args)
    except DatabaseError as e:
        print(f"chugiai: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
