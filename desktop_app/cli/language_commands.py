"""segment, concordance, frequencies: the words of the library, for scripts."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop_app import paths
from desktop_app.cli.common import (
    add_match_options,
    article_ids,
    count,
    match_level,
    open_db,
    refused_output,
    write_csv,
)


def register(sub) -> None:
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
    add_match_options(p_conc)
    p_conc.add_argument("--sort", choices=["left", "right", "article"], default="article",
                        help="by the word before, the word after, or article order (default)")
    p_conc.add_argument("--limit", type=int, metavar="N",
                        help="only the first N lines in article order (taken before sorting)")
    p_conc.add_argument("--article", type=int, action="append", metavar="ID",
                        help="only this article (repeatable)")
    out = p_conc.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print a JSON list")
    out.add_argument("--csv", metavar="FILE", help="write a CSV file (UTF-8 with BOM, for Excel)")
    p_conc.add_argument("--delimiter", choices=[",", ";"], default=",", metavar="SEP",
                        help='CSV separator: "," (default) or ";" for Excel in decimal-comma locales')

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
    p_freq.add_argument("--delimiter", choices=[",", ";"], default=",", metavar="SEP",
                        help='CSV separator: "," (default) or ";" for Excel in decimal-comma locales')
    p_segment.set_defaults(handler=_cmd_segment)
    p_conc.set_defaults(handler=_cmd_concordance)
    p_freq.set_defaults(handler=_cmd_frequencies)


def _stopwords_filename() -> str:
    from desktop_app.core.analysis.stopwords import DEFAULT_FILENAME

    return DEFAULT_FILENAME


def _cmd_segment(args: argparse.Namespace) -> int:
    from desktop_app.core.interchange.conll import conllu_document, split_sentences, stored_or_tagged_pos
    from desktop_app.core.library.articles import get_article
    from desktop_app.core.nlp.stored import load_segmentation, save_segmentation, segment_now

    db = open_db(args)
    try:
        ids = article_ids(db, args.article)
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
                spans = segment_now(db, text)
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
        print(f"segmented {count(segmented_now, 'article')} of {len(ids)} now ({stored})", file=sys.stderr)
    return 0


def _cmd_concordance(args: argparse.Namespace) -> int:
    from desktop_app.core.analysis.concordance import concordance, export_concordance_csv, sort_lines

    if args.limit is not None and args.limit < 1:
        print("chugiai: --limit must be at least 1", file=sys.stderr)
        return 2
    if args.csv and refused_output(args, args.csv, "csv"):
        return 2
    db = open_db(args)
    try:
        if args.article and article_ids(db, args.article) is None:
            return 2
        lines = concordance(db, " ".join(args.words), article_ids=args.article, limit=args.limit,
                            level=match_level(args))
        lines = sort_lines(lines, args.sort)
    finally:
        db.close()
    if args.csv:
        if not write_csv(args.csv, "lines", lambda path: export_concordance_csv(lines, path, args.delimiter)):
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
    print(f"{count(len(lines), 'line')} in {count(articles, 'article')}" if lines else "no line matches",
          file=sys.stderr)
    if bare := sum(1 for l in lines if not l.segmented):
        print(f"{count(bare, 'line')} matched by syllables: segmentation of those articles is not finished "
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
    if args.csv and refused_output(args, args.csv, "csv"):
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
    db = open_db(args)
    try:
        if args.article and article_ids(db, args.article) is None:
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
        if not write_csv(args.csv, "words", lambda path: export_frequencies_csv(result, path, args.delimiter)):
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
    print(f"{count(result.total_words, 'word')} in {count(result.articles, 'article')}; "
          f"{len(result.words)} listed", file=sys.stderr)
    if result.unsegmented_articles:
        print(f"{count(result.unsegmented_articles, 'article')} counted by syllables: segmentation not "
              "finished (open the app, or run `chugiai segment`)", file=sys.stderr)
    return 0
