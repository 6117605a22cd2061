"""One entry point. No subcommand opens the window; subcommands are for scripting.

    chugiai [--data-dir DIR]                     open the window
    chugiai [--data-dir DIR] import PATH...      import files or folders
    chugiai [--data-dir DIR] list --json         list articles
    chugiai [--data-dir DIR] search QUERY [--json] [--limit N]
                                                 find articles; diacritics optional
    chugiai [--data-dir DIR] export --format FORMAT -o FILE [--article ID] [--tag NAME]
    chugiai [--data-dir DIR] import-annotations FILE
    chugiai [--data-dir DIR] backup FILE
    chugiai [--data-dir DIR] backups [--json]    list the automatic backups
    chugiai [--data-dir DIR] check [--repair]    find (and repair) damage in the library
    chugiai [--data-dir DIR] segment [--article ID] [--format conll|json]
                                                 words with code-point offsets (segments
                                                 what has no stored segmentation)
    chugiai [--data-dir DIR] concordance WORD... [--json | --csv FILE] [--limit N]
                                                 [--match-diacritics] [--sort left|right|article]
                                                 every occurrence with its context (KWIC)
    chugiai [--data-dir DIR] frequencies [--article ID] [--tag NAME] [--stopwords [FILE]]
                                                 [--min-syllables N] [--limit N] [--json | --csv FILE]
                                                 the most frequent words
    chugiai --self-test                          open offscreen, segment a sentence, exit 0
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
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
    p_backup = sub.add_parser("backup", help="write a consistent copy of the library")
    p_backup.add_argument("file", metavar="FILE")
    p_backups = sub.add_parser("backups", help="list the automatic backups, newest first")
    p_backups.add_argument("--json", action="store_true", help="print a JSON list")
    p_check = sub.add_parser(
        "check", help="check the library for damage (exit 1 when a problem is found)",
        description="Run SQLite's integrity check, look for rows whose parent is gone, text that is "
                    "not valid UTF-8 in any column, and a search index that disagrees with the "
                    "articles. --repair first writes a copy beside the library, then repairs.")
    p_check.add_argument("--repair", action="store_true", help="repair what was found (after a backup)")
    _add_language_commands(sub)
    return parser


def _add_language_commands(sub) -> None:
    """segment, concordance, frequencies: the words of the library, for scripts."""
    p_segment = sub.add_parser(
        "segment", help="print the words of articles with code-point offsets",
        description="Print every word (Vietnamese words span several syllables) with its code-point "
                    "offsets in the stored text. A stored segmentation is used when there is one; other "
                    "articles are segmented now (~7 s per MB) and the result stored for next time. Each "
                    "word carries its part of speech (VLSP tags such as N, Np, V, A, M, E, CH: the "
                    "JSON 'pos' field and the CoNLL-U XPOS column, with the Universal Dependencies "
                    "tag in UPOS), tagged now and stored when the app has not done it yet; a word "
                    "the tagger split differently has pos null / '_'.")
    p_segment.add_argument("--article", type=int, action="append", metavar="ID",
                           help="only this article (repeatable; default: every article)")
    p_segment.add_argument("--format", choices=["conll", "json"], default="conll",
                           help="conll: CoNLL-U, one word a line, FORM with its spaces as in UD Vietnamese, "
                                "start_char/end_char in MISC, a blank line after each sentence; json: a list "
                                "of articles with their tokens (text, start, end, pos)")
    p_segment.add_argument("--no-pos", action="store_true",
                           help="words only, without parts of speech (about 3x faster on articles "
                                "not tagged yet)")

    p_conc = sub.add_parser(
        "concordance", help="every occurrence of a word or phrase with its context (KWIC)",
        description="Find whole words: \"can bo\" finds the word \"cán bộ\" but not \"cán\" followed by the "
                    "first syllable of \"bộ phận\". Articles not segmented yet are matched by syllables "
                    "(said on stderr).")
    p_conc.add_argument("words", nargs="+", metavar="WORD", help="a word or phrase; diacritics optional")
    p_conc.add_argument("--match-diacritics", action="store_true",
                        help="\"Đảng\" finds only Đảng, not đang or đáng (default: diacritics folded)")
    p_conc.add_argument("--sort", choices=["left", "right", "article"], default="article",
                        help="by the word before, the word after, or article order (default)")
    p_conc.add_argument("--limit", type=int, metavar="N",
                        help="only the first N lines in article order (taken before sorting)")
    p_conc.add_argument("--article", type=int, action="append", metavar="ID",
                        help="only this article (repeatable)")
    out = p_conc.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print a JSON list")
    out.add_argument("--csv", metavar="FILE", help="write a CSV file (UTF-8 with BOM, for Excel)")
    p_conc.add_argument("--delimiter", choices=[",", ";"], default=",",
                        help='CSV separator; ";" for Excel in decimal-comma locales')

    p_freq = sub.add_parser(
        "frequencies", help="the most frequent words of the library, some articles or a tag",
        description="Count segmented words (diacritics kept: ba, bà and bá are three words; case "
                    "ignored). Numbers and punctuation are left out. Articles not segmented yet are "
                    "counted by syllables (said on stderr).")
    p_freq.add_argument("--article", type=int, action="append", metavar="ID",
                        help="only this article (repeatable)")
    p_freq.add_argument("--tag", metavar="NAME",
                        help="only text highlighted with this tag (or a tag nested under it)")
    p_freq.add_argument("--stopwords", nargs="?", const="", metavar="FILE",
                        help="leave out stop words: those of FILE, else the list edited in the app "
                             f"(DATA_DIR/{_stopwords_filename()}) if there is one, else the shipped list")
    p_freq.add_argument("--min-syllables", type=int, default=1, metavar="N",
                        help="only words of at least N syllables (2: compound words only)")
    p_freq.add_argument("--limit", type=int, metavar="N", help="only the N most frequent words")
    out = p_freq.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON")
    out.add_argument("--csv", metavar="FILE", help="write a CSV file (UTF-8 with BOM, for Excel)")
    p_freq.add_argument("--delimiter", choices=[",", ";"], default=",",
                        help='CSV separator; ";" for Excel in decimal-comma locales')


def _stopwords_filename() -> str:
    from desktop_app.core.analysis.stopwords import DEFAULT_FILENAME

    return DEFAULT_FILENAME


def _cmd_backup(args: argparse.Namespace) -> int:
    from desktop_app.core.storage.copies import clean_partial_copies, remove_killed_copy

    target = Path(args.file)
    clean_partial_copies(target.parent)  # what a killed earlier backup left there
    if target.exists() and not remove_killed_copy(target):
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


def _cmd_backups(args: argparse.Namespace) -> int:
    from desktop_app.core.storage.backups import backups_dir, list_backups

    folder = backups_dir(paths.database_path(paths.data_dir(args.data_dir)))
    backups = list_backups(folder)
    if args.json:
        json.dump([{"path": str(b.path), "created": b.created.isoformat(), "size": b.size,
                    "reason": b.reason} for b in backups], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for b in backups:
        print(f"{b.created:%Y-%m-%d %H:%M:%S}  {b.size / 1024 / 1024:8.1f} MB  {b.reason:<14}  {b.path}")
    if not backups:
        print(f"no automatic backup in {folder}", file=sys.stderr)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    import sqlite3

    from desktop_app.core.storage.check import check_library

    path = paths.database_path(paths.data_dir(args.data_dir))
    if not path.is_file():
        print(f"chugiai: there is no library at {path}", file=sys.stderr)
        return 2
    try:
        report = check_library(path, repair=args.repair)
    except OSError as e:  # the copy before repairing could not be written
        print(f"chugiai: cannot repair {path}: {e.strerror or e} (is its folder read-only?)",
              file=sys.stderr)
        return 1
    except sqlite3.Error as e:
        print(f"chugiai: {path} cannot be checked: {e}. It may not be a Chú Giải library, or it "
              "is damaged beyond what check can repair: restore a backup (`chugiai backups`).",
              file=sys.stderr)
        return 1
    for problem in report.problems:
        print(problem.describe())
    print(report.summary())
    if report.repair_asked and report.repaired:
        _sync_search_after_repair(args)
    if report.clean or report.fully_repaired:
        return 0
    return 1


def _sync_search_after_repair(args: argparse.Namespace) -> None:
    """Rebuild the search index the repair reset, now rather than at the next search."""
    from desktop_app.core.analysis.search import sync_index

    db = _open_db(args)
    try:
        sync_index(db)
    finally:
        db.close()


# Commands that change the library; the others also work on a read-only one.
_WRITING_COMMANDS = frozenset({"import", "import-annotations"})


def _open_db(args: argparse.Namespace):
    from desktop_app.core.library.opening import open_for_script

    return open_for_script(paths.data_dir(args.data_dir), write=args.command in _WRITING_COMMANDS)


def _cmd_import(args: argparse.Namespace) -> int:
    from desktop_app.core.library.ingest import import_paths

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
    from desktop_app.core.library.articles import list_articles

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
    from desktop_app.core.analysis.search import search

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


def _folder_missing(target: str | Path) -> bool:
    """True, after saying so, when the folder an output file would go in does not exist:
    checked before any work, so a long run never ends in nowhere to write."""
    folder = Path(target).parent
    if folder.exists():
        return False
    print(f"chugiai: the folder {folder} does not exist", file=sys.stderr)
    return True


def _refused_output(args: argparse.Namespace, target: str, fmt: str | None = None) -> bool:
    """True, after saying why, when `target` must not be written: the library or its
    backups, a pipe, a device, a folder, a missing folder. `-` (standard output) passes
    for text formats. Also clears temp files a killed earlier export left there."""
    from desktop_app.core.interchange.output_paths import (
        OutputPathError,
        check_output_path,
        clean_stale_temp_files,
    )

    library = paths.database_path(paths.data_dir(args.data_dir))
    try:
        path = check_output_path(target, library, fmt)
    except OutputPathError as e:
        print(f"chugiai: {e}", file=sys.stderr)
        return True
    if path is None:
        return False
    if _folder_missing(path):
        return True
    clean_stale_temp_files(path.parent)
    return False


def _write_output(target: str, write: Callable[[Path], int], suffix: str) -> int:
    """Run a file writer on `target`, or through a temp file onto standard output for `-`."""
    from desktop_app.core.interchange.output_paths import STDOUT, write_through_temp

    if target == STDOUT:
        sys.stdout.flush()
        return write_through_temp(write, sys.stdout.buffer, suffix)
    return write(Path(target))


def _wrote(count: int, unit: str, target: str) -> None:
    """Say what was written: on stderr when the data itself went to standard output."""
    where = "standard output" if target == "-" else target
    print(f"wrote {count} {unit} to {where}", file=sys.stderr if target == "-" else sys.stdout)


def _write_csv(target: str, unit: str, write: Callable[[Path], int]) -> bool:
    """Write a CLI result as CSV and say so; False (after a message) if the file cannot be written."""
    try:
        count = _write_output(target, write, ".csv")
    except OSError as e:
        print(f"chugiai: cannot write {target}: {e.strerror or e}", file=sys.stderr)
        return False
    _wrote(count, unit, target)
    return True


def _cmd_export(args: argparse.Namespace) -> int:
    from desktop_app.core.interchange.formats import FORMATS, ExportError, export

    if _refused_output(args, args.output, args.format):
        return 2
    fmt = FORMATS[args.format]
    db = _open_db(args)
    try:
        count = _write_output(
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
    _wrote(count, fmt.unit, args.output)
    return 0


def _cmd_import_annotations(args: argparse.Namespace) -> int:
    from desktop_app.core.interchange.formats import AnnotationFileError, import_annotations

    db = _open_db(args)
    try:
        print(import_annotations(db, Path(args.file)))
    except AnnotationFileError as e:
        print(f"chugiai: {e}", file=sys.stderr)
        return 1
    finally:
        db.close()
    return 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _article_ids(db, wanted: list[int] | None) -> list[int] | None:
    """The ids asked for, checked; every article's if none were asked for. None: one is missing."""
    from desktop_app.core.library.articles import get_article, list_articles

    if not wanted:
        return sorted(a.id for a in list_articles(db))
    for article_id in wanted:
        if get_article(db, article_id) is None:
            print(f"chugiai: there is no article {article_id} (see `chugiai list`)", file=sys.stderr)
            return None
    return list(dict.fromkeys(wanted))


def _cmd_segment(args: argparse.Namespace) -> int:
    from desktop_app.core.interchange.conll import conllu_document, split_sentences, stored_or_tagged_pos
    from desktop_app.core.library.articles import get_article
    from desktop_app.core.nlp.segmentation import segment_text
    from desktop_app.core.nlp.stored import load_segmentation, save_segmentation

    db = _open_db(args)
    try:
        ids = _article_ids(db, args.article)
        if ids is None:
            return 2
        segmented_now = 0
        if args.format == "json":
            sys.stdout.write("[")
        for n, article_id in enumerate(ids):
            doc = get_article(db, article_id)
            if doc is None:  # deleted meanwhile
                continue
            text = doc.text
            spans = load_segmentation(db, article_id)
            fresh = spans is None
            if fresh:
                if sys.stderr.isatty():
                    print(f"\rsegmenting article {n + 1} of {len(ids)}…", end="", file=sys.stderr, flush=True)
                spans = segment_text(text)
                segmented_now += 1
                if not db.read_only:
                    save_segmentation(db, article_id, text, spans)
            spans = [(s, e) for s, e in spans if text[s:e].strip()]
            pos = {} if args.no_pos else stored_or_tagged_pos(db, article_id, text)
            if args.format == "json":
                record = {"article_id": article_id, "title": doc.title,
                          "segmentation": "now" if fresh else "stored",
                          "tokens": [{"text": text[s:e], "start": s, "end": e, "pos": pos.get((s, e))}
                                     for s, e in spans]}
                sys.stdout.write(("," if n else "") + "\n" + json.dumps(record, ensure_ascii=False))
            else:
                sys.stdout.write(conllu_document(article_id, doc.title, text, split_sentences(text, spans), pos))
        if args.format == "json":
            sys.stdout.write("\n]\n")
    finally:
        db.close()
    if segmented_now and sys.stderr.isatty():
        print(file=sys.stderr)
    if segmented_now:
        stored = "not stored: the library is read-only" if db.read_only else "stored for next time"
        print(f"segmented {_count(segmented_now, 'article')} of {len(ids)} now ({stored})", file=sys.stderr)
    return 0


def _cmd_concordance(args: argparse.Namespace) -> int:
    from desktop_app.core.analysis.concordance import concordance, export_concordance_csv, sort_lines

    if args.limit is not None and args.limit < 1:
        print("chugiai: --limit must be at least 1", file=sys.stderr)
        return 2
    if args.csv and _refused_output(args, args.csv, "csv"):
        return 2
    db = _open_db(args)
    try:
        if args.article and _article_ids(db, args.article) is None:
            return 2
        lines = concordance(db, " ".join(args.words), article_ids=args.article, limit=args.limit,
                            match_diacritics=args.match_diacritics)
        lines = sort_lines(lines, args.sort)
    finally:
        db.close()
    if args.csv:
        if not _write_csv(args.csv, "lines", lambda path: export_concordance_csv(lines, path, args.delimiter)):
            return 1
    elif args.json:
        json.dump([{"article_id": l.article_id, "title": l.title, "start": l.start, "end": l.end,
                    "left": l.left, "keyword": l.keyword, "right": l.right, "left_word": l.left_word,
                    "right_word": l.right_word, "segmented": l.segmented} for l in lines],
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for l in lines:
            print(f"{l.left[-48:]:>48}  {l.keyword}  {l.right[:48]:<48}  {l.article_id:>5}")
    articles = len({l.article_id for l in lines})
    print(f"{_count(len(lines), 'line')} in {_count(articles, 'article')}" if lines else "no line matches",
          file=sys.stderr)
    if bare := sum(1 for l in lines if not l.segmented):
        print(f"{_count(bare, 'line')} matched by syllables: segmentation of those articles is not finished "
              "(open the app, or run `chugiai segment`)", file=sys.stderr)
    return 0


def _cmd_frequencies(args: argparse.Namespace) -> int:
    from desktop_app.core.analysis.frequencies import CSV_COLUMNS, export_frequencies_csv, word_frequencies
    from desktop_app.core.analysis.stopwords import DEFAULT_FILENAME, load_stopwords
    from desktop_app.core.annotate.highlights import AnnotationService
    from desktop_app.core.annotate.tag_paths import in_tag_scope

    if (args.limit is not None and args.limit < 1) or args.min_syllables < 1:
        print("chugiai: --limit and --min-syllables must be at least 1", file=sys.stderr)
        return 2
    if args.csv and _refused_output(args, args.csv, "csv"):
        return 2
    stopwords = None
    if args.stopwords is not None:
        edited = paths.data_dir(args.data_dir) / DEFAULT_FILENAME
        source = Path(args.stopwords) if args.stopwords else (edited if edited.is_file() else None)
        try:
            stopwords = load_stopwords(source)
        except (OSError, UnicodeDecodeError) as e:
            print(f"chugiai: cannot read the stop words {source}: {e}", file=sys.stderr)
            return 2
    db = _open_db(args)
    try:
        if args.article and _article_ids(db, args.article) is None:
            return 2
        if args.tag is not None and not any(in_tag_scope(t.name, args.tag)
                                            for t in AnnotationService(db).list_tags()):
            print(f"chugiai: there is no tag named {args.tag!r}", file=sys.stderr)
            return 2
        result = word_frequencies(db, article_ids=args.article, tag=args.tag, stopwords=stopwords,
                                  min_syllables=args.min_syllables, limit=args.limit)
    finally:
        db.close()
    per = 10_000 / result.total_words if result.total_words else 0.0
    if args.csv:
        if not _write_csv(args.csv, "words", lambda path: export_frequencies_csv(result, path, args.delimiter)):
            return 1
    elif args.json:
        json.dump({"articles": result.articles, "unsegmented_articles": result.unsegmented_articles,
                   "total_words": result.total_words,
                   "words": [dict(zip(CSV_COLUMNS, (rank, w.word, w.count, w.articles, round(w.count * per, 2)), strict=True))
                             for rank, w in enumerate(result.words, 1)]},
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for rank, w in enumerate(result.words, 1):
            print(f"{rank:>6}  {w.count:>8}  {w.articles:>6}  {w.count * per:>9.2f}  {w.word}")
    print(f"{_count(result.total_words, 'word')} in {_count(result.articles, 'article')}; "
          f"{len(result.words)} listed", file=sys.stderr)
    if result.unsegmented_articles:
        print(f"{_count(result.unsegmented_articles, 'article')} counted by syllables: segmentation not "
              "finished (open the app, or run `chugiai segment`)", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    if args.command is None:
        from desktop_app.ui.app import run_gui

        return run_gui(data_dir=args.data_dir, self_test=args.self_test)
    from desktop_app.core.storage.database import DatabaseError

    handlers = {
        "import": _cmd_import,
        "list": _cmd_list,
        "search": _cmd_search,
        "export": _cmd_export,
        "import-annotations": _cmd_import_annotations,
        "backup": _cmd_backup,
        "check": _cmd_check,
        "backups": _cmd_backups,
        "segment": _cmd_segment,
        "concordance": _cmd_concordance,
        "frequencies": _cmd_frequencies,
    }
    import sqlite3

    from sqlalchemy import exc as sa_exc

    from desktop_app.core.storage.database import DAMAGED

    try:
        return handlers[args.command](args)
    except DatabaseError as e:
        print(f"chugiai: {e}" + (_REPAIR_HINT if e.kind == DAMAGED else ""), file=sys.stderr)
        return 1
    except (sa_exc.DatabaseError, sqlite3.DatabaseError) as e:  # damage met while reading
        print(f"chugiai: the library could not be read ({getattr(e, 'orig', None) or e})."
              + _REPAIR_HINT, file=sys.stderr)
        return 1


_REPAIR_HINT = " Run `chugiai check --repair` to check and repair it (a copy is kept first)."


if __name__ == "__main__":
    sys.exit(main())
