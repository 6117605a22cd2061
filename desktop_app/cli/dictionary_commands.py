"""dictionary list|add|remove|import: the user dictionary (multi-syllable terms kept as one word)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser(
        "dictionary", help="terms of your project kept as one word when segmenting",
        description="The library's user dictionary: names and terms of several syllables "
                    "(\"Trương Thị Mai\", \"Ban Tổ chức Trung ương\") that word segmentation keeps as one "
                    "word everywhere. Changing it marks the articles that contain the changed terms "
                    "for segmentation again (the app does it in the background; `chugiai segment` now).")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    p_list = actions.add_parser("list", help="print the terms, one a line")
    p_list.set_defaults(handler=_cmd_list)
    p_add = actions.add_parser("add", help="add terms (each at least two syllables)")
    p_add.add_argument("terms", nargs="+", metavar="TERM", help='a term; quote it: "Trương Thị Mai"')
    p_add.set_defaults(handler=_cmd_add, writes=True)
    p_remove = actions.add_parser("remove", help="remove terms (case and Unicode form ignored)")
    p_remove.add_argument("terms", nargs="+", metavar="TERM")
    p_remove.set_defaults(handler=_cmd_remove, writes=True)
    p_import = actions.add_parser(
        "import", help="add the terms of a UTF-8 text file, one a line ('#' starts a comment)")
    p_import.add_argument("file", metavar="FILE")
    p_import.add_argument("--replace", action="store_true",
                          help="the file becomes the whole dictionary (default: its terms are added)")
    p_import.set_defaults(handler=_cmd_import, writes=True)


_PROBLEMS = {
    "one_syllable": "has one syllable: a dictionary term needs at least two (one syllable is always one word)",
    "too_long": "is too long for a term",
}


def _checked(lines: list[str], where: str):
    """The terms of `lines`, or None after saying which lines are wrong (nothing is saved)."""
    from desktop_app.core.nlp.dictionary import parse_terms

    parsed = parse_terms(lines)
    for problem in parsed.problems:
        print(f"chugiai: {where} {problem.line}: \"{problem.text}\" {_PROBLEMS[problem.code]}", file=sys.stderr)
    return None if parsed.problems else parsed.terms


def _report(update, total: int) -> None:
    print(f"added {len(update.added)}, removed {len(update.removed)}; the dictionary has {total} "
          f"term{'s' if total != 1 else ''}; {len(update.affected)} article"
          f"{'s' if len(update.affected) != 1 else ''} to segment again")


def _cmd_list(args: argparse.Namespace) -> int:
    from desktop_app.cli.common import open_db
    from desktop_app.core.nlp.user_dictionary import load_dictionary

    db = open_db(args)
    try:
        for term in load_dictionary(db).terms:
            print(term)
    finally:
        db.close()
    return 0


def _change(args: argparse.Namespace, change) -> int:
    from desktop_app.cli.common import open_db
    from desktop_app.core.nlp.user_dictionary import load_dictionary

    db = open_db(args)
    try:
        try:
            update = change(db)
        except ValueError as e:
            print(f"chugiai: {e}", file=sys.stderr)
            return 1
        _report(update, len(load_dictionary(db).terms))
    finally:
        db.close()
    return 0


def _cmd_add(args: argparse.Namespace) -> int:
    from desktop_app.core.nlp.user_dictionary import add_terms

    terms = _checked(args.terms, "term")
    if terms is None:
        return 2
    return _change(args, lambda db: add_terms(db, terms))


def _cmd_remove(args: argparse.Namespace) -> int:
    from desktop_app.core.nlp.dictionary import term_key
    from desktop_app.core.nlp.user_dictionary import remove_terms

    def change(db):
        update = remove_terms(db, args.terms)
        gone = {term_key(t) for t in update.removed}
        for term in args.terms:
            if term_key(term) not in gone:
                print(f"chugiai: \"{term}\" is not in the dictionary", file=sys.stderr)
        return update

    return _change(args, change)


def _cmd_import(args: argparse.Namespace) -> int:
    from desktop_app.core.nlp.user_dictionary import add_terms, set_dictionary

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as e:
        print(f"chugiai: cannot read {path}: {e.strerror or e}", file=sys.stderr)
        return 1
    try:
        text = data.decode("utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else data.decode("utf-8-sig")
    except UnicodeDecodeError:
        print(f"chugiai: {path} is not UTF-8 text; save it as UTF-8 and try again", file=sys.stderr)
        return 1
    terms = _checked(text.splitlines(), f"{path}: line")
    if terms is None:
        return 2
    return _change(args, lambda db: (set_dictionary if args.replace else add_terms)(db, terms))
