"""passages, attributes, matrix, cooccurrence: the analysis of the coding, for scripts."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from desktop_app.cli.common import add_match_options, count, match_level, open_db, refused_output, write_csv

MODES = ("any", "all", "overlap", "sentence", "paragraph")
SORTS = ("article", "date", "tag", "length")
KINDS = ("text", "number", "date", "choice")
WHERE_HELP = ("keep articles whose attribute matches (repeatable): outlet=PLVN, year>=2020, "
              "published<=2023-06, author= (none), code=Thể loại/Tin (whole-article code); several = on "
              "one key are alternatives, other conditions must all hold")


def register(sub) -> None:
    p = sub.add_parser("passages", help="coded passages across the library",
                       description="Every passage coded with the tags given (a tag takes the tags nested "
                                   "under it), combined by --mode, with its tags, article, sentence context "
                                   "and note.")
    p.add_argument("--tag", action="append", required=True, metavar="NAME", help="a tag (repeatable)")
    p.add_argument("--mode", choices=MODES, default="any",
                   help="any tag; all on the same passage; passages of the tags that overlap, or share a "
                        "sentence or a paragraph (default any)")
    p.add_argument("--not", dest="exclude", action="append", default=[], metavar="NAME",
                   help="leave out passages carrying this tag or one nested under it (repeatable)")
    p.add_argument("--where", action="append", default=[], metavar="KEY=VALUE", help=WHERE_HELP)
    p.add_argument("--text", default="", help="only passages whose text holds this (matched as --match says)")
    add_match_options(p)
    p.add_argument("--sort", choices=SORTS, default="article",
                   help="library order (default), date, tag or length")
    p.add_argument("--descending", action="store_true", help="the other way round")
    p.add_argument("--limit", type=int, metavar="N", help="only the first N passages")
    _outputs(p)
    p.set_defaults(handler=_cmd_passages)

    p_attr = sub.add_parser("attributes", help="attributes of articles: list, set, import",
                            description="Attributes of articles (cases and variables). Built in: outlet, "
                                        "published, year, author, domain (from the article's details).")
    attr = p_attr.add_subparsers(dest="attributes_command", metavar="ACTION", required=True)
    p_list = attr.add_parser("list", help="the attributes, with their type and how many articles have one")
    p_list.add_argument("--json", action="store_true", help="print a JSON list")
    p_list.set_defaults(handler=_cmd_attributes_list)
    p_set = attr.add_parser("set", help="set an attribute of articles (a new name defines it)")
    p_set.add_argument("article", metavar="ARTICLE_ID", help="an article id, or several: 3,5,8")
    p_set.add_argument("key", metavar="KEY")
    p_set.add_argument("value", metavar="VALUE", help='the value; "" removes it')
    p_set.add_argument("--type", choices=KINDS,
                       help="the type of a new attribute (default: number, date or text, from the value)")
    p_set.set_defaults(handler=_cmd_attributes_set, writes=True)
    p_import = attr.add_parser(
        "import", help="attribute values from a CSV file",
        description="First column id (or title), then one column per attribute; \"name:type\" gives a new "
                    "attribute its type. An empty cell removes a value. The whole file is checked first: "
                    "a bad cell is named and nothing is imported.")
    p_import.add_argument("file", metavar="FILE.csv")
    p_import.set_defaults(handler=_cmd_attributes_import, writes=True)

    p_matrix = sub.add_parser("matrix", help="tags × articles or tags × attribute values",
                              description="Count coded passages (a whole-article code is one), articles, or "
                                          "the share of text coded (coverage, overlaps counted once).")
    p_matrix.add_argument("--columns", default="articles", metavar="articles|attribute:KEY",
                          help="articles (default) or the values of an attribute, e.g. attribute:outlet")
    p_matrix.add_argument("--count", choices=("passages", "articles", "coverage"), default="passages")
    _rows(p_matrix)
    p_matrix.set_defaults(handler=_cmd_matrix)

    p_co = sub.add_parser("cooccurrence", help="tag × tag: pairs of passages that come together",
                          description="Count pairs of passages, one with each tag, that overlap, share a "
                                      "sentence or paragraph, or have at most N words between them (segmented "
                                      "words; articles not segmented yet count syllables, said on stderr).")
    p_co.add_argument("--within", type=_within, default="overlap", metavar="overlap|sentence|paragraph|words:N")
    _rows(p_co)
    p_co.set_defaults(handler=_cmd_cooccurrence)

    p_report = sub.add_parser(
        "report", help="a self-contained HTML report of the coding",
        description="The codebook as a tree with descriptions and counts, example quotes with their article "
                    "and date, the article memos, and the tables asked for, in one HTML file (inline CSS, no "
                    "external resources; it opens in a browser and prints). The window also writes PDF.")
    p_report.add_argument("-o", "--output", required=True, metavar="FILE.html", help="where to write it (- : stdout)")
    p_report.add_argument("--title", default="", help="the report's title")
    p_report.add_argument("--quotes", type=int, default=3, metavar="N", help="example quotes per tag (default 3)")
    p_report.add_argument("--no-memos", dest="memos", action="store_false", help="leave the article memos out")
    p_report.add_argument("--matrix", action="append", default=[], metavar="articles|attribute:KEY",
                          help="add a table of tags × articles or × an attribute's values (repeatable)")
    p_report.add_argument("--count", choices=("passages", "articles", "coverage"), default="passages",
                          help="what the --matrix tables count (default passages)")
    p_report.add_argument("--cooccurrence", action="append", default=[], type=_within,
                          metavar="overlap|sentence|paragraph|words:N", help="add a co-occurrence table (repeatable)")
    p_report.set_defaults(handler=_cmd_report)


def _outputs(p: argparse.ArgumentParser) -> None:
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON")
    out.add_argument("--csv", metavar="FILE", help="write a CSV file (UTF-8 with BOM, for Excel)")
    p.add_argument("--delimiter", choices=[",", ";"], default=",",
                   help='CSV separator; ";" for Excel in decimal-comma locales')


def _rows(p: argparse.ArgumentParser) -> None:
    p.add_argument("--tag", action="append", metavar="NAME", help="only these tags as rows (repeatable)")
    p.add_argument("--nested", action="store_true", help="a tag's row also counts the tags nested under it")
    p.add_argument("--where", action="append", default=[], metavar="KEY=VALUE", help=WHERE_HELP)
    _outputs(p)


def _within(text: str) -> str:
    from desktop_app.core.analysis.cooccurrence import parse_within

    try:
        parse_within(text)
    except ValueError:
        raise argparse.ArgumentTypeError("use overlap, sentence, paragraph or words:N") from None
    return text


def _refused(error: Exception) -> int:
    print(f"chugiai: {error}", file=sys.stderr)
    return 2


def _run(args: argparse.Namespace, work: Callable[[object], int]) -> int:
    """Open the library, run `work`, and word the errors of bad input (exit status 2)."""
    from desktop_app.core.analysis.coded import AnalysisError
    from desktop_app.core.library.attributes import AttributesError

    if getattr(args, "csv", None) and refused_output(args, args.csv, "csv"):
        return 2
    db = open_db(args)
    try:
        return work(db)
    except (AnalysisError, AttributesError) as e:
        return _refused(e)
    finally:
        db.close()


def _dump(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    print()


# --- passages ---------------------------------------------------------------------------------
def _cmd_passages(args: argparse.Namespace) -> int:
    from desktop_app.core.analysis.passages import PassageQuery, export_passages_csv, find_passages

    if args.limit is not None and args.limit < 1:
        print("chugiai: --limit must be at least 1", file=sys.stderr)
        return 2
    query = PassageQuery(tuple(args.tag), args.mode, tuple(args.exclude), tuple(args.where), args.text,
                         sort=args.sort, descending=args.descending, match=match_level(args))

    def work(db) -> int:
        found = find_passages(db, query)
        if args.limit is not None:
            found = found.head(args.limit)
        if args.csv:
            if not write_csv(args.csv, "passages", lambda path: export_passages_csv(db, found, path, args.delimiter)):
                return 1
        elif args.json:
            sys.stdout.write("[")
            for n, p in enumerate(_loaded(db, found)):
                sys.stdout.write(("," if n else "") + "\n" + json.dumps(p.as_json(), ensure_ascii=False))
            sys.stdout.write("\n]\n")
        else:
            for p in _loaded(db, found):
                quote = " ".join(p.quote.split())
                print(f"{p.highlight_id:>7}  {p.article_id:>5}  {'; '.join(p.tags)}  “{quote[:80]}”")
        print(f"{count(len(found), 'passage')} in {count(found.articles, 'article')}", file=sys.stderr)
        return 0

    return _run(args, work)


def _loaded(db, found) -> Iterator:
    from desktop_app.core.analysis.passages import load_passages

    for n in range(0, len(found.ids), 1000):
        yield from load_passages(db, found.ids[n:n + 1000])


# --- attributes -------------------------------------------------------------------------------
def _cmd_attributes_list(args: argparse.Namespace) -> int:
    from desktop_app.core.library.attributes import list_attributes

    def work(db) -> int:
        attributes = list_attributes(db)
        if args.json:
            _dump([a.as_json() for a in attributes])
            return 0
        for a in attributes:
            kind = a.kind + (" (built in)" if a.builtin else "")
            choices = f"  {', '.join(a.choices)}" if a.choices else ""
            print(f"{a.name:<24}  {kind:<18}  {a.count:>6} articles{choices}")
        return 0

    return _run(args, work)


def _cmd_attributes_set(args: argparse.Namespace) -> int:
    from desktop_app.core.operations.editor import Operations

    try:
        ids = [int(x) for x in args.article.split(",") if x.strip()]
    except ValueError:
        print(f"chugiai: {args.article!r} is not an article id (see `chugiai list`)", file=sys.stderr)
        return 2

    def work(db) -> int:
        out = Operations(db).set_attribute_values(args.key, ids, args.value, args.type)
        changed = len(out.changes.attributes)
        defined = " (new attribute, type " + out.value.kind + ")" if out.changes.attribute_definitions else ""
        print(f"{out.value.name}{defined}: {count(changed, 'article')} changed")
        return 0

    return _run(args, work)


def _cmd_attributes_import(args: argparse.Namespace) -> int:
    from desktop_app.core.operations.editor import Operations

    def work(db) -> int:
        out = Operations(db).import_attributes(Path(args.file))
        plan = out.value
        new = plan.new_attributes
        print(f"{args.file}: {count(plan.rows, 'row')}, {count(len(plan.columns), 'attribute')}"
              f"{' (new: ' + ', '.join(new) + ')' if new else ''}; "
              f"values changed for {count(len(out.changes.attributes), 'article')}")
        return 0

    return _run(args, work)


# --- matrix and co-occurrence -----------------------------------------------------------------
def _cmd_matrix(args: argparse.Namespace) -> int:
    from desktop_app.core.analysis.matrices import MatrixQuery, build_matrix, column_heading, export_matrix_csv

    if args.columns != "articles" and not args.columns.startswith("attribute:"):
        print("chugiai: --columns is articles or attribute:KEY", file=sys.stderr)
        return 2
    query = MatrixQuery(args.columns, args.count, tuple(args.tag) if args.tag else None, args.nested,
                        tuple(args.where))

    def work(db) -> int:
        m = build_matrix(db, query)
        if args.csv:
            return 0 if write_csv(args.csv, "rows", lambda path: export_matrix_csv(m, path, args.delimiter)) else 1
        if args.json:
            _dump(m.as_json())
            return 0
        _table([column_heading(c, m) for c in m.columns], list(m.rows), m.as_json()["cells"])  # type: ignore[arg-type]
        return 0

    return _run(args, work)


def _cmd_cooccurrence(args: argparse.Namespace) -> int:
    from desktop_app.core.analysis.cooccurrence import CooccurrenceQuery, cooccurrence, export_cooccurrence_csv

    query = CooccurrenceQuery(args.within, tuple(args.tag) if args.tag else None, args.nested, tuple(args.where))

    def work(db) -> int:
        table = cooccurrence(db, query)
        if table.syllable_articles:
            print(f"{count(table.syllable_articles, 'article')} counted by syllables: segmentation not finished "
                  "(open the app, or run `chugiai segment`)", file=sys.stderr)
        if args.csv:
            return 0 if write_csv(args.csv, "rows",
                                  lambda path: export_cooccurrence_csv(table, path, args.delimiter)) else 1
        if args.json:
            _dump(table.as_json())
            return 0
        _table(list(table.tags), list(table.tags), table.dense())
        return 0

    return _run(args, work)


def _table(columns: list[str], rows: list[str], cells: list[list]) -> None:
    """Tab-separated: a header of columns, then a tag and its cells per line."""
    print("\t".join(["tag", *columns]))
    for name, values in zip(rows, cells, strict=True):
        print("\t".join([name, *("" if v is None else str(v) for v in values)]))


# --- report -------------------------------------------------------------------------------------
def _cmd_report(args: argparse.Namespace) -> int:
    from desktop_app.cli.common import write_output
    from desktop_app.core.analysis.cooccurrence import CooccurrenceQuery
    from desktop_app.core.analysis.matrices import MatrixQuery
    from desktop_app.core.analysis.report import ReportOptions, write_report

    if args.quotes < 0:
        print("chugiai: --quotes must be 0 or more", file=sys.stderr)
        return 2
    for columns in args.matrix:
        if columns != "articles" and not columns.startswith("attribute:"):
            print("chugiai: --matrix is articles or attribute:KEY", file=sys.stderr)
            return 2
    tables = (*(MatrixQuery(c, args.count) for c in args.matrix), *(CooccurrenceQuery(w) for w in args.cooccurrence))
    options = ReportOptions(args.title, args.quotes, args.memos, tables)
    if refused_output(args, args.output):
        return 2

    def work(db) -> int:
        found: dict[str, object] = {}

        def write(path: Path) -> int:
            found["data"] = write_report(db, path, options)
            return 1

        try:
            write_output(args.output, write, ".html")
        except OSError as e:
            print(f"chugiai: cannot write {args.output}: {e.strerror or e}", file=sys.stderr)
            return 1
        data = found["data"]
        if args.output != "-":
            print(f"wrote {args.output}: {count(sum(1 for t in data.tags if t.tag_id is not None), 'tag')}, "  # type: ignore[attr-defined]
                  f"{count(data.passages, 'passage')}, {count(len(data.memos), 'memo')}, "  # type: ignore[attr-defined]
                  f"{count(len(data.tables), 'table')}")  # type: ignore[attr-defined]
        return 0

    return _run(args, work)
