"""merge FILE: bring another coder's library (.sqlite3) or a REFI-QDA project (.qdpx) in."""

from __future__ import annotations

import argparse
import json
import sys

from desktop_app.cli.common import open_db


def register(sub) -> None:
    p = sub.add_parser(
        "merge", help="merge another coder's library (.sqlite3) or a REFI-QDA project (.qdpx)",
        description="Articles are matched by their text; coders are kept by name; the codebook is "
                    "merged by tag path. Every codebook conflict (same tag, another colour or "
                    "description; a tag renamed on one side) is listed and decided by --prefer "
                    "(default: mine, this library's). Attribute values that differ are listed "
                    "and kept as they are here. Merging the same file twice adds nothing. Exit "
                    "status 1 when the file cannot be merged (then nothing changed).")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--prefer", choices=("mine", "theirs"), default="mine",
                   help="how every codebook conflict is decided (default mine)")
    p.add_argument("--json", action="store_true", help="print what was merged as JSON")
    p.set_defaults(handler=_cmd_merge, writes=True)


def conflict_line(conflict, choice: str) -> str:
    """One conflict in English, with what was decided."""
    kept = "kept this library's" if choice == "mine" else "took the file's"
    if conflict.kind == "renamed":
        return (f"conflict: the tag “{conflict.tag}” here looks renamed “{conflict.theirs}” in the "
                f"file ({conflict.evidence} highlight(s) carry both): {kept} name")
    what = "colour" if conflict.kind == "colour" else "description"
    return (f"conflict: the tag “{conflict.tag}” has another {what} in the file "
            f"(here “{conflict.mine}”, there “{conflict.theirs}”): {kept}")


def _cmd_merge(args: argparse.Namespace) -> int:
    from desktop_app.core.interchange.merging import MergeError, read_merge_file
    from desktop_app.core.operations.editor import Operations

    db = open_db(args)
    try:
        plan = read_merge_file(db, args.file)
        choices = {c.key: args.prefer for c in plan.conflicts}
        result = Operations(db).merge_library(plan, choices).value
    except MergeError as e:
        print(f"chugiai: {e}", file=sys.stderr)
        return 1
    finally:
        db.close()
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return 0
    for conflict, choice in result.conflicts:
        print(conflict_line(conflict, choice))
    for c in result.attribute_conflicts:
        if c.article:
            print(f"attribute differs: “{c.attribute}” of “{c.article}” is “{c.mine}” here, "
                  f"“{c.theirs}” in the file: kept as it is here")
        else:
            print(f"attribute differs: “{c.attribute}” holds {c.mine} here, {c.theirs} in the "
                  "file: its values were not merged")
    for note in result.notes:
        print(f"chugiai: note: {note.english()}", file=sys.stderr)
    print(result.summary_message().english())
    return 0
