"""export, import-annotations: highlights to and from other tools' files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app.cli.common import open_db, refused_output, write_output, wrote


def register(sub) -> None:
    from desktop_app.core.interchange.formats import FORMATS, POSITIONS

    p_export = sub.add_parser("export", help="export annotations")
    p_export.add_argument("--format", choices=list(FORMATS), default="csv", metavar="FORMAT",
                          help="; ".join(f"{k}: {f.label}" for k, f in FORMATS.items()) + " (default csv)")
    p_export.add_argument("-o", "--output", required=True, metavar="FILE",
                          help="the file to write; - for standard output (text formats)")
    p_export.add_argument("--article", type=int, action="append", metavar="ID",
                          help="only this article (repeatable)")
    p_export.add_argument("--tag", metavar="NAME",
                          help="only highlights with this tag or one nested under it (every format; "
                               "for conll the tags that label tokens, for codebook and qdc that branch)")
    p_export.add_argument("--delimiter", choices=[",", ";"], default=",", metavar="SEP",
                          help='CSV separator: "," (default) or ";" for Excel in decimal-comma locales')
    p_export.add_argument("--positions", choices=list(POSITIONS), default="codepoints", metavar="UNIT",
                          help="qdpx only: codepoints (default, as REFI-QDA says) or utf16 (UTF-16 "
                               "code units, as NVivo counts: an emoji counts 2) for a file meant for NVivo")
    # Not --coder: the global --coder says who is working, this says whose work is written.
    p_export.add_argument("--only-coder", action="append", metavar="NAME", dest="only_coder",
                          help="only this coder's work (repeatable; csv, csv-long, xlsx, webanno, qdpx); "
                               "without it, every coder's, each row or annotation naming its coder")

    p_imp_ann = sub.add_parser(
        "import-annotations", help="import highlights from .csv, .json/.jsonld or .qdpx, or a codebook (.qdc)",
        description="Exit status 1 when the file cannot be read, or when none of its highlights "
                    "could be placed.")
    p_imp_ann.add_argument("file", metavar="FILE")
    p_export.set_defaults(handler=_cmd_export)
    p_imp_ann.set_defaults(handler=_cmd_import_annotations, writes=True)


def _cmd_export(args: argparse.Namespace) -> int:
    from desktop_app.core.interchange.formats import FORMATS, ExportError, export_detailed

    fmt = FORMATS[args.format]
    if args.positions != "codepoints" and not fmt.has_positions:
        print(f"chugiai: --positions applies to the qdpx format only, not {args.format}", file=sys.stderr)
        return 2
    if refused_output(args, args.output, args.format):
        return 2
    db = open_db(args)
    warnings = []
    try:
        def run(path: Path) -> int:
            result = export_detailed(db, args.format, path, article_ids=args.article, tag=args.tag,
                                     delimiter=args.delimiter, positions=args.positions,
                                     coders=args.only_coder)
            warnings.extend(result.warnings)
            return result.count

        count = write_output(args.output, run, fmt.extension)
    except OSError as e:
        print(f"chugiai: cannot write {args.output}: {e.strerror or e}", file=sys.stderr)
        return 1
    except ExportError as e:  # e.g. a codebook of a library without tags, an unknown tag
        print(f"chugiai: {e}", file=sys.stderr)
        return 1
    finally:
        db.close()
    wrote(count, fmt.unit, args.output)
    for warning in warnings:
        print(f"chugiai: warning: {warning}", file=sys.stderr)
    return 0


def _cmd_import_annotations(args: argparse.Namespace) -> int:
    from desktop_app.core.interchange.formats import AnnotationFileError, import_annotations_detailed
    from desktop_app.core.interchange.importing import ImportResult

    db = open_db(args)
    try:
        summary, result = import_annotations_detailed(db, Path(args.file))
    except AnnotationFileError as e:
        print(f"chugiai: {e}", file=sys.stderr)
        return 1
    finally:
        db.close()
    print(summary)
    # How positions were counted, where the file did not show it clearly: worth a look.
    for note in getattr(result, "uncertain", ()):
        print(f"chugiai: warning: {note}", file=sys.stderr)
    if isinstance(result, ImportResult) and result.unplaced and not (
            result.imported or result.skipped or result.memos):
        print(f"chugiai: none of the {len(result.unplaced)} annotations in {Path(args.file).name} "
              "could be placed; nothing was imported", file=sys.stderr)
        return 1
    return 0
