"""export, import-annotations: highlights to and from other tools' files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app.cli.common import open_db, refused_output, write_output, wrote


def register(sub) -> None:
    from desktop_app.core.interchange.formats import FORMATS

    p_export = sub.add_parser("export", help="export annotations")
    p_export.add_argument("--format", choices=list(FORMATS), default="csv",
                          help="; ".join(f"{k}: {f.label}" for k, f in FORMATS.items()))
    p_export.add_argument("-o", "--output", required=True, metavar="FILE",
                          help="the file to write; - for standard output (text formats)")
    p_export.add_argument("--article", type=int, action="append", metavar="ID",
                          help="only this article (repeatable)")
    p_export.add_argument("--tag", metavar="NAME",
                          help="only highlights with this tag (or one nested under it); for conll, the tag to label")
    p_export.add_argument("--delimiter", choices=[",", ";"], default=",",
                          help='";" for Excel in decimal-comma locales')

    p_imp_ann = sub.add_parser("import-annotations", help="import highlights from .csv, .json/.jsonld or .qdpx")
    p_imp_ann.add_argument("file", metavar="FILE")
    p_export.set_defaults(handler=_cmd_export)
    p_imp_ann.set_defaults(handler=_cmd_import_annotations, writes=True)


def _cmd_export(args: argparse.Namespace) -> int:
    from desktop_app.core.interchange.formats import FORMATS, ExportError, export

    if refused_output(args, args.output, args.format):
        return 2
    fmt = FORMATS[args.format]
    db = open_db(args)
    try:
        count = write_output(
            args.output,
            lambda path: export(db, args.format, path, article_ids=args.article, tag=args.tag,
                                delimiter=args.delimiter),
            fmt.extension)
    except OSError as e:
        print(f"chugiai: cannot write {args.output}: {e.strerror or e}", file=sys.stderr)
        return 1
    except ExportError as e:  # e.g. a codebook of a library without tags
        print(f"chugiai: {e}", file=sys.stderr)
        return 1
    finally:
        db.close()
    wrote(count, fmt.unit, args.output)
    return 0


def _cmd_import_annotations(args: argparse.Namespace) -> int:
    from desktop_app.core.interchange.formats import AnnotationFileError, import_annotations

    db = open_db(args)
    try:
        print(import_annotations(db, Path(args.file)))
    except AnnotationFileError as e:
        print(f"chugiai: {e}", file=sys.stderr)
        return 1
    finally:
        db.close()
    return 0
