"""coders list|rename: who codes in this library (the global --coder chooses who is coding)."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub) -> None:
    p = sub.add_parser(
        "coders", help="the coders of this library",
        description="Every highlight, whole-article code and memo records its coder; the codebook "
                    "is shared. `chugiai --coder NAME COMMAND` works as NAME (added when new).")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    p_list = actions.add_parser("list", help="each coder with how many highlights they made")
    p_list.add_argument("--json", action="store_true", help="JSON: [{id, name, highlights}, ...]")
    p_list.set_defaults(handler=_cmd_list)
    p_rename = actions.add_parser("rename", help="give a coder another name")
    p_rename.add_argument("old", metavar="OLD")
    p_rename.add_argument("new", metavar="NEW")
    p_rename.set_defaults(handler=_cmd_rename, writes=True)


def _cmd_list(args: argparse.Namespace) -> int:
    from desktop_app.cli.common import open_db
    from desktop_app.core.library.coders import list_coders

    db = open_db(args)
    try:
        found = list_coders(db)
    finally:
        db.close()
    if args.json:
        print(json.dumps([{"id": c.id, "name": c.name, "highlights": c.highlights} for c in found],
                         ensure_ascii=False, indent=2))
    else:
        for c in found:
            print(f"{c.id}\t{c.name}\t{c.highlights}")
    return 0


def _cmd_rename(args: argparse.Namespace) -> int:
    from desktop_app.cli.common import open_db
    from desktop_app.core.library import coders

    db = open_db(args)
    try:
        with db.session() as s:
            found = coders.find_coder(s, args.old)
        if found is None:
            print(f"chugiai: there is no coder called “{args.old}”", file=sys.stderr)
            return 2
        coders.rename_coder(db, found, args.new)
    except coders.CoderError as e:
        print(f"chugiai: {e}", file=sys.stderr)
        return 2
    finally:
        db.close()
    return 0
