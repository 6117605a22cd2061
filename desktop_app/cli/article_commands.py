"""delete: articles out of the library, with their highlights, memos and suggestions.

A script asks nothing: it is told which ids, and says what it deleted. An id that is not
in the library refuses the whole command, so nothing is half done. (In the window the
same deletion is one undo step.)
"""

from __future__ import annotations

import argparse
import sys

from desktop_app.cli.common import count, open_db


def register(sub) -> None:
    p_delete = sub.add_parser("delete", help="delete articles, with their highlights, memos and suggestions")
    p_delete.add_argument("ids", nargs="+", type=_article_id, metavar="ARTICLE_ID",
                          help="ids as `chugiai list` shows them")
    p_delete.set_defaults(handler=_cmd_delete, writes=True)


def _article_id(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not an article id (see `chugiai list`)") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not an article id (see `chugiai list`)")
    return number


def _cmd_delete(args: argparse.Namespace) -> int:
    from desktop_app.core.annotate.records import AnnotationError
    from desktop_app.core.library.articles import get_article
    from desktop_app.core.operations.editor import Operations

    db = open_db(args)
    try:
        wanted = list(dict.fromkeys(args.ids))
        unknown = [i for i in wanted if get_article(db, i) is None]
        if unknown:
            listed = ", ".join(str(i) for i in unknown)
            print(f"chugiai: there is no article {listed} (see `chugiai list`); nothing was deleted",
                  file=sys.stderr)
            return 1
        try:
            deleted = Operations(db).delete_articles(wanted).value
        except AnnotationError as e:  # deleted by someone else meanwhile
            print(f"chugiai: {e}; nothing was deleted", file=sys.stderr)
            return 1
    finally:
        db.close()
    for a in deleted:
        print(f"deleted   article {a.id}: {a.title}  ({count(a.highlights, 'highlight')})")
    highlights = sum(a.highlights for a in deleted)
    print(f"deleted {count(len(deleted), 'article')} and {count(highlights, 'highlight')}")
    return 0
