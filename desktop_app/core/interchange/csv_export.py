"""CSV export, one row per highlight, that Excel opens correctly with Vietnamese text.

DESIGN.md: utf-8-sig (Excel needs the BOM), newline="" (no blank rows on Windows),
and text cells that Excel would run as a formula are prefixed with "'" (OWASP; the exact
rule, which csv_import undoes exactly, is `needs_guard`).
The pieces other exporters share live here too: the highlight query, tag scopes,
column selection and the atomic write.

Orphans (highlights a re-import of a changed article could not place) are left out of
every export of positions: their start/end point into an older text, and an offset, a
quote's context or a token label taken from them would be wrong. They are not lost: the
user sees them in the reader and re-attaches them; a backup of the library keeps them.
The same holds in csv_long, xlsx_export (and its codebook counts), webanno, refi_export
and conll; highlight_records below is the query the tabular exports share.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, TypeGuard

from desktop_app.core.annotate.tag_paths import in_tag_scope
from desktop_app.core.interchange.export_extras import ARTICLE, PASSAGE, Extras, load_extras
from desktop_app.core.progress import Progress
from desktop_app.core.storage.bulk_sql import PostgresSql, bulk_sql
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article, Coder, Highlight, Tag, highlight_tags
from desktop_app.core.text.normalize import SentenceIndex, fold

COLUMNS = (
    "article_id",
    "article_title",
    "source",
    "published",
    "highlight_id",
    "start",
    "end",
    "quote",
    "tags",
    "note",
    "created_at",
    "coder",
    "context",
)
TAG_SEPARATOR = "; "
_SPLIT_TAGS_RE = re.compile(r"((?:[^;\\]|\\.)*);(?: |$)")


def join_tags(names: Iterable[str]) -> str:
    """Tag names in one cell, "; " between them. A ";" or "\\" inside a name is written
    "\\;" or "\\\\", so "Tiền; lương" stays one tag when the file is read back."""
    return TAG_SEPARATOR.join(n.replace("\\", "\\\\").replace(";", "\\;") for n in names)


def split_tags(cell: str) -> list[str]:
    """The names join_tags wrote; a file from before escaping reads the same unless a
    tag name had a backslash."""
    names, pos = [], 0
    for m in _SPLIT_TAGS_RE.finditer(cell):
        if m.start() != pos:
            break
        names.append(m.group(1))
        pos = m.end()
    names.append(cell[pos:])
    return [re.sub(r"\\(.)", r"\1", n) for n in names if n.strip()]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


_FORMULA_FIRST = frozenset(_FORMULA_START)
_GUARD_FIRST = _FORMULA_FIRST | {"'"}  # a cell may need the guard only if it starts so
# A plain number, signed: "-5", "+3.5", "-1,234.5", "-2e3". A spreadsheet reads it as the
# number, never as a formula, so it is written as it is.
_NUMBER_RE = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)*(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def looks_like_formula(value: object) -> TypeGuard[str]:
    """Text that Excel (or LibreOffice) would run as a formula when typed or opened."""
    return isinstance(value, str) and value[:1] in _FORMULA_FIRST


def needs_guard(value: str) -> bool:
    """Whether a text cell is written with a "'" in front: its first character after any
    "'"s is = + - @ TAB CR LF or NUL, and it is not a plain number ("-5" stays "-5").

    Counting the "'"s makes the guard exactly reversible (csv_import.unsafe_cell drops one
    "'" where the rest needs the guard): "=1" is written "'=1", and a cell that itself
    begins "'=1" is written "''=1", so both come back as they were.
    """
    rest = value.lstrip("'")
    return rest[:1] in _FORMULA_FIRST and _NUMBER_RE.fullmatch(rest) is None


def safe_cell(value: object) -> object:
    """Neutralize formula injection in text; leave numbers numeric."""
    if value is None:
        return ""
    # The hot path of every export: most cells start with a letter or digit.
    if value.__class__ is str and value[:1] in _GUARD_FIRST and needs_guard(value):
        return "'" + value
    return value


# --- columns and rows -------------------------------------------------------------------
def column_indexes(columns: Sequence[str] | None, available: Sequence[str]) -> list[int]:
    """Positions of the chosen columns, in the chosen order; a typo fails loudly."""
    if columns is None:
        return list(range(len(available)))
    if isinstance(columns, str):
        columns = [columns]
    unknown = [c for c in columns if c not in available]
    if unknown:
        raise ValueError(f"unknown column(s) {unknown}; choose from {list(available)}")
    if not columns:
        raise ValueError("choose at least one column")
    if len(set(columns)) != len(columns):
        raise ValueError(f"a column is chosen twice: {list(columns)}")
    return [available.index(c) for c in columns]


# created_at as "2023-04-04T10:48:00Z" (microseconds only when there are some): SQLite
# stores the text "2023-04-04 10:48:00.000000", PostgreSQL a timestamptz.
_CREATED_SQLITE = "coalesce(replace(replace(created_at, '.000000', ''), ' ', 'T') || 'Z', '')"
_CREATED_PG = ("coalesce(to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS')"
               " || CASE WHEN to_char(created_at, 'US') = '000000' THEN ''"
               " ELSE '.' || to_char(created_at, 'US') END || 'Z', '')")
# group_concat(tag_id) on PostgreSQL: the same "3,17" text.
_TAG_IDS_PG = "string_agg(tag_id::text, ',')"


def _as_is(value: object) -> object:
    return value


def highlight_records(
    db: Database,
    article_ids: Iterable[int] | None = None,
    tag: str | None = None,
    excel_safe: bool = False,
    progress: Progress | None = None,
    extras: Extras | None = None,
    coders: Iterable[int] | None = None,
) -> Iterator[tuple[list[object], tuple[str, ...]]]:
    """Raw rows in COLUMNS order (created_at ISO text in UTC with "Z", "" if unknown; coder
    by name) with each row's tags. `coders` keeps those coders' highlights and whole-article
    codes (None: all).

    Every exporter formats the raw values its own way (Excel-safe text for CSV, real
    dates for xlsx). By article then position; `tag` keeps highlights carrying a tag in
    its scope. `excel_safe` neutralizes formulas in the text cells as rows are built
    (see safe_cell), so a CSV writer need not look at every cell again.

    Built for 100,000 highlights: plain SQL on the driver cursor, one query per article
    walking the (article_id, start) index (no sort of the whole set), the tags of every
    highlight fetched in one grouped query, each article's text indexed once and each
    distinct set of tags sorted and joined once. SQLAlchemy's result layer, a global
    ORDER BY and a per-row tag subquery took 1.4 s of a 2.9 s export.

    `progress` hears (articles done, articles) and stops the walk with Cancelled.

    With `extras` (export_extras) each row has their columns after COLUMNS, and each
    article's whole-article codes come first, a row each.
    """
    h, a, ht = Highlight.__tablename__, Article.__tablename__, highlight_tags.name
    safe = safe_cell if excel_safe else _as_is
    with db.session() as s:
        raw = bulk_sql(s.connection())
        on_pg = isinstance(raw, PostgresSql)
        names_by_id = dict(raw.execute(f"SELECT id, name FROM {Tag.__tablename__}").fetchall())
        coder_of = {i: safe(n) for i, n in raw.execute(f"SELECT id, name FROM {Coder.__tablename__}")}
        scope = None if tag is None else {t for t, n in names_by_id.items() if in_tag_scope(n, tag)}
        tag_ids_of = dict(raw.execute(
            f"SELECT highlight_id, {_TAG_IDS_PG if on_pg else 'group_concat(tag_id)'} FROM {ht}"
            " GROUP BY highlight_id").fetchall())
        articles = raw.execute(
            f"SELECT id, title, source, published FROM {a}"
            " ORDER BY published IS NULL, published, id").fetchall()
        if article_ids is not None:
            wanted = {int(i) for i in article_ids}
            articles = [row for row in articles if row[0] in wanted]
        # tag ids "3,17" -> (joined names, names, in scope)
        tag_sets: dict[str | None, tuple[str, tuple[str, ...], bool]] = {None: ("", (), scope is None)}
        kept = None if coders is None else {int(c) for c in coders}
        only = "" if kept is None else f" AND coder_id IN ({','.join(map(str, kept)) or 'NULL'})"
        sql = (f'SELECT id, start, "end", quote, coalesce(note, \'\'),'
               # Stored "2023-04-04 10:48:00.000000", in UTC: written "2023-04-04T10:48:00Z".
               f" {_CREATED_PG if on_pg else _CREATED_SQLITE}, coder_id"
               f" FROM {h} WHERE article_id = ? AND orphaned = 0{only} ORDER BY start, id")
        for done, (aid, title, source, published) in enumerate(articles):
            if progress is not None:
                progress.step(done, len(articles))
            title, source, published = safe(title), safe(source or ""), safe(published or "")
            context_of = None
            tail: list[object] = []
            if extras is not None:
                tail = [PASSAGE, *(safe(v) for v in extras.of(aid))]
                coded = sorted(((names_by_id[t], when, coder_of.get(c, ""))
                                for t, when, c in extras.codes.get(aid, ())
                                if (scope is None or t in scope) and (kept is None or c in kept)),
                               key=lambda c: (fold(c[0]), c[0], c[2]))
                if coded:
                    length = raw.execute(f"SELECT length(text) FROM {a} WHERE id = ?", (aid,)).fetchone()[0]
                for name, when, by in coded:
                    yield [aid, title, source, published, "", 0, length, "", safe(join_tags([name])),
                           "", when, by, "", ARTICLE, *tail[1:]], (name,)
            for hid, start, end, quote, note, created, coder in raw.execute(sql, (aid,)).fetchall():
                tids = tag_ids_of.get(hid)
                tagged = tag_sets.get(tids)
                if tagged is None:
                    assert tids is not None  # untagged rows are in tag_sets already
                    ids = [int(t) for t in tids.split(",")]
                    names = sorted((names_by_id[t] for t in ids), key=lambda n: (fold(n), n))
                    tagged = tag_sets[tids] = (str(safe(join_tags(names))), tuple(names),
                                               scope is None or not scope.isdisjoint(ids))
                if not tagged[2]:
                    continue
                if context_of is None:  # only articles with rows in scope are read and indexed
                    text = raw.execute(f"SELECT text FROM {a} WHERE id = ?", (aid,)).fetchone()[0]
                    context_of = SentenceIndex(text).context
                context = context_of(start, end)
                if excel_safe:  # safe_cell, inlined for the three per-row text cells
                    if quote[:1] in _GUARD_FIRST and needs_guard(quote):
                        quote = "'" + quote
                    if note[:1] in _GUARD_FIRST and needs_guard(note):
                        note = "'" + note
                    if context[:1] in _GUARD_FIRST and needs_guard(context):
                        context = "'" + context
                yield [aid, title, source, published, hid, start, end, quote, tagged[0],
                       note, created, coder_of.get(coder, ""), context, *tail], tagged[1]


def highlight_rows(
    db: Database,
    article_ids: Iterable[int] | None = None,
    tag: str | None = None,
    excel_safe: bool = False,
    progress: Progress | None = None,
    extras: Extras | None = None,
    coders: Iterable[int] | None = None,
) -> Iterator[list[object]]:
    """Rows in COLUMNS order (then the extras' columns), by article then position."""
    return map(itemgetter(0), highlight_records(db, article_ids, tag, excel_safe, progress, extras, coders))  # no Python frame per row


# --- writing ----------------------------------------------------------------------------
@contextmanager
def atomic_open(path: Path, suffix: str, mode: str = "w", **open_args: Any) -> Iterator[IO[Any]]:
    """A temp file next to `path`, renamed over it only if the block succeeds.

    A failed or cancelled export never leaves half a file, nor destroys the old one. The
    temp file is `.chugiai-<pid>-*<suffix>.tmp` (output_paths.clean_stale_temp_files
    removes a killed export's); a replaced file keeps its permission bits; a pipe, device
    or folder is refused rather than replaced by a regular file.
    """
    from desktop_app.core.interchange.output_paths import (
        TEMP_SUFFIX,
        check_output_path,
        kept_mode,
        replace_target,
        temp_prefix,
    )

    path = check_output_path(Path(path), None) or Path(path)
    path = replace_target(path)
    fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(), suffix=suffix + TEMP_SUFFIX, dir=path.parent)
    try:
        # mkstemp makes the file private (0600); an export gets the usual rights, or
        # those of the file it replaces.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_name, kept_mode(path, 0o666 & ~umask))
        with os.fdopen(fd, mode, **open_args) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())  # the renamed file must hold the data after a crash
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    delimiter: str = ",",
    cells_safe: bool = False,
) -> int:
    """Write an Excel-safe CSV atomically and return the number of data rows.

    `cells_safe` says the rows were built Excel-safe already (highlight_records with
    excel_safe=True), so they go to the writer untouched; otherwise every cell passes
    through safe_cell here.
    """
    counted = _Counted(rows if cells_safe else ([safe_cell(v) for v in row] for row in rows))
    with atomic_open(path, ".csv", "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        writer.writerows(counted)
    return counted.count


class _Counted:
    """Counts the rows it hands on, so writerows (one C loop) can consume them."""

    def __init__(self, rows: Iterable[Sequence[object]]) -> None:
        self._rows = iter(rows)
        self.count = 0

    def __iter__(self) -> _Counted:
        return self

    def __next__(self) -> Sequence[object]:
        row = next(self._rows)
        self.count += 1
        return row


def export_csv(
    db: Database,
    path: Path,
    article_ids: Iterable[int] | None = None,
    delimiter: str = ",",
    tag: str | None = None,
    columns: Sequence[str] | None = None,
    progress: Progress | None = None,
    coders: Iterable[int] | None = None,
) -> int:
    """Write the file atomically (temp file + rename) and return the number of rows.

    `tag` keeps highlights carrying that tag or one nested under it; `columns` picks a
    subset of COLUMNS and the extra columns (export_extras: unit, attributes) in the given
    order; `coders` keeps those coders' highlights and whole-article codes. The defaults
    give every highlight and whole-article code, and every column.
    """
    if article_ids is not None:
        article_ids = list(article_ids)
    extras = load_extras(db, COLUMNS, article_ids)
    available = (*COLUMNS, *extras.headers)
    picked = column_indexes(columns, available)
    header = [available[i] for i in picked]
    rows: Iterable[Sequence[object]] = highlight_rows(db, article_ids, tag, excel_safe=True,
                                                      progress=progress, extras=extras, coders=coders)
    if columns is not None:  # the default keeps rows as they are: no copy per row
        rows = ([row[i] for i in picked] for row in rows)
    return write_csv(path, header, rows, delimiter, cells_safe=True)
