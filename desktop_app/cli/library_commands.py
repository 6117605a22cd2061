"""import, list, search: articles in and out of the library."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop_app.cli.common import add_match_options, match_level, open_db


def register(sub) -> None:
    p_import = sub.add_parser("import", help="import article files or folders")
    p_import.add_argument("paths", nargs="+", metavar="PATH")
    p_import.set_defaults(handler=_cmd_import, writes=True)

    p_list = sub.add_parser("list", help="list the articles")
    p_list.add_argument("--json", action="store_true", help="print a JSON list")
    p_list.add_argument("--where", action="append", default=[], metavar="KEY=VALUE",
                        help="keep articles whose attribute matches (repeatable), as for `passages`: "
                             "outlet=PLVN, year>=2020, code=Thể loại/Tin")
    p_list.set_defaults(handler=_cmd_list)

    p_search = sub.add_parser("search", help="find articles by words in title or body (diacritics optional)")
    p_search.add_argument("query", nargs="+", metavar="QUERY",
                          help='words ("to chuc dang" finds "tổ chức Đảng"); "quoted phrase"; prefix*')
    p_search.add_argument("--json", action="store_true", help="print a JSON list, best first")
    p_search.add_argument("--limit", type=int, default=20, metavar="N", help="at most N results (default 20)")
    add_match_options(p_search)
    p_search.set_defaults(handler=_cmd_search)


def _cmd_import(args: argparse.Namespace) -> int:
    from desktop_app.core.operations.server_writes import import_files

    db = open_db(args)
    try:
        report = import_files(db, [Path(p) for p in args.paths])
    finally:
        db.close()
    for path, article_id in report.imported:
        print(f"imported  {path}  (article {article_id})")
    for path, article_id, result in report.updated:
        print(f"updated   {path}  (article {article_id}: {result.summary()})")
    for path in report.duplicates:
        print(f"duplicate {path}  (already in the library)")
    for path, notice in report.notices:
        print(f"notice    {path}: {notice}", file=sys.stderr)
    for path, reason in report.failed:
        print(f"failed    {path}: {reason}", file=sys.stderr)
    print(report.summary())
    return 1 if report.failed else 0


def _cmd_list(args: argparse.Namespace) -> int:
    from desktop_app.core.library.articles import LibraryFilter, list_articles
    from desktop_app.core.library.attributes import AttributesError, article_attributes

    db = open_db(args)
    try:
        articles = list_articles(db, where=LibraryFilter(where=tuple(args.where)))
        attributes = article_attributes(db) if args.json else {}
    except AttributesError as e:
        print(f"chugiai: {e}", file=sys.stderr)
        return 2
    finally:
        db.close()
    if args.json:
        json.dump([a.as_json() | {"attributes": attributes.get(a.id, {})} for a in articles],
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for a in articles:
            print(f"{a.id:>5}  {a.published or '':16}  {a.source or '':14}  {a.highlight_count:>4}  {a.title}")
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    from desktop_app.core.analysis.search import search

    if args.limit < 1:
        print("chugiai: --limit must be at least 1", file=sys.stderr)
        return 2
    db = open_db(args)
    try:
        hits = search(db, " ".join(args.query), limit=args.limit, level=match_level(args))
    finally:
        db.close()
    if args.json:
        json.dump([{"article_id": h.article_id, "title": h.title, "rank": rank, "score": round(h.score, 4),
                    "passage": h.passage, "offset": h.offset, "marks": [list(m) for m in h.marks]}
                   for rank, h in enumerate(hits, 1)], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    # The rank, not bm25's score: where every article holds the words, bm25 gives each
    # next to 0 ("0.00" for every hit), yet the order (phrase, title, newest) still holds.
    for rank, h in enumerate(hits, 1):
        print(f"{rank:>4}.  {h.article_id:>5}  {h.title}\n              {h.passage}")
    if not hits:
        print("no article matches", file=sys.stderr)
    return 0
