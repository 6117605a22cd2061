"""agreement: inter-coder agreement per tag and overall, for reliability reports."""

from __future__ import annotations

import argparse
import json
import sys

from desktop_app.cli.common import count, open_db, refused_output, write_csv

UNITS = ("character", "word", "sentence", "article")


def register(sub) -> None:
    p = sub.add_parser(
        "agreement", help="inter-coder agreement: percent, Cohen's and Fleiss' κ, Krippendorff's α and αu",
        description="Per tag and overall, over the articles every chosen coder coded (a highlight or a "
                    "whole-article code each). A highlight covers a unit if it covers any part of it. "
                    "Word: our segmented words (articles not segmented yet are segmented now, and the "
                    "result stored). A figure that cannot be computed is null, with the reason.")
    p.add_argument("--coders", metavar="A,B,...", default="",
                   help="the coders to compare (default: every coder who coded something)")
    p.add_argument("--unit", choices=UNITS, default="word", help="what one unit is (default word)")
    p.add_argument("--tag", action="append", default=[], metavar="NAME",
                   help="only this tag as a row (repeatable; default: every tag the coders used)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON")
    out.add_argument("--csv", metavar="FILE", help="write a CSV file (UTF-8 with BOM, for Excel)")
    p.add_argument("--delimiter", choices=[",", ";"], default=",",
                   help='CSV separator; ";" for Excel in decimal-comma locales')
    p.set_defaults(handler=_cmd_agreement)


def _cmd_agreement(args: argparse.Namespace) -> int:
    from desktop_app.core.analysis.coded import AnalysisError
    from desktop_app.core.analysis.intercoder import AgreementQuery, export_agreement_csv, library_agreement

    if args.csv and refused_output(args, args.csv, "csv"):
        return 2
    coders = tuple(n for n in (c.strip() for c in args.coders.split(",")) if n)
    query = AgreementQuery(coders, args.unit, tuple(args.tag))
    db = open_db(args)
    try:
        found = library_agreement(db, query)
        if found.unsegmented and not db.read_only:
            _segment(db, found.unsegmented)
            found = library_agreement(db, query)
    except AnalysisError as e:
        print(f"chugiai: {e}", file=sys.stderr)
        return 2
    finally:
        db.close()
    if found.unsegmented:
        print(f"{count(len(found.unsegmented), 'article')} counted by syllables: not segmented "
              "(the library is read-only)", file=sys.stderr)
    result = found.result
    if args.csv:
        return 0 if write_csv(args.csv, "rows", lambda path: export_agreement_csv(result, path,
                                                                                  args.delimiter)) else 1
    if args.json:
        json.dump(found.as_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    _print_table(found)
    return 0


def _segment(db, article_ids) -> None:
    """Segment now, and store, the articles the word unit needs (as `chugiai segment`)."""
    from desktop_app.core.library.articles import get_article
    from desktop_app.core.nlp.stored import save_segmentation, segment_now

    for n, article_id in enumerate(article_ids):
        doc = get_article(db, article_id)
        if doc is None:
            continue
        if sys.stderr.isatty():
            print(f"\rsegmenting article {n + 1} of {len(article_ids)}…", end="", file=sys.stderr, flush=True)
        save_segmentation(db, article_id, doc.text, segment_now(db, doc.text))
    print(f"segmented {count(len(article_ids), 'article')} now (stored for next time)", file=sys.stderr)


def _figure(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _print_table(found) -> None:
    result = found.result
    print(f"unit: {result.unit}; coders: {', '.join(result.coders)}; "
          f"{count(len(found.article_ids), 'article')} coded by all of them")
    print("\t".join(["tag", "percent", "cohen_kappa", "fleiss_kappa", "alpha", "alpha_u", "units"]))
    for row in (*result.tags, result.overall):
        print("\t".join([row.tag if row.tag is not None else "(overall)", _figure(row.percent.value, 1),
                         _figure(row.cohen_kappa.value), _figure(row.fleiss_kappa.value),
                         _figure(row.alpha.value), _figure(row.alpha_u.value), str(row.units)]))
    reasons = sorted({f.reason for row in (*result.tags, result.overall)
                      for f in (row.percent, row.cohen_kappa, row.fleiss_kappa, row.alpha, row.alpha_u)
                      if f.reason})
    if reasons:
        print("— " + "; ".join(reasons), file=sys.stderr)
