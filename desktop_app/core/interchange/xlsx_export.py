"""Excel workbook export: highlights, codebook and articles, with real numbers and dates.

CSV makes Excel guess types and encodings; an .xlsx states them. Text is always
stored as text: openpyxl turns any string starting with "=" into a formula and
"#N/A"-like strings into errors, so every string cell is forced to the string type,
and text Excel would run as a formula on editing (= + - @ ...) gets the quote-prefix
style, the file-format equivalent of typing a leading "'". Times are UTC.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from sqlalchemy import select

from desktop_app.core.annotate.tag_paths import in_tag_scope
from desktop_app.core.interchange.csv_export import (
    COLUMNS,
    atomic_open,
    highlight_records,
    looks_like_formula,
)
from desktop_app.core.interchange.csv_long import CODEBOOK_COLUMNS, codebook_rows
from desktop_app.core.interchange.export_extras import PASSAGE, load_extras
from desktop_app.core.library.memos import memo_texts
from desktop_app.core.progress import Progress
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article, ArticleCode, Coder, Tag

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

ARTICLE_COLUMNS = ("id", "title", "source", "author", "published", "highlights", "memo")
ARTICLE_CODE_COLUMNS = ("article_id", "article_title", "tag", "coder", "created_at")
WRAPPED = frozenset({"quote", "context", "note", "memo"})
MIN_WIDTH, MAX_WIDTH = 6, 60
_DATE_FORMAT = "yyyy-mm-dd"
_DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def excel_date(value: object) -> object:
    """ISO text ("2023-04-04", "2023-04-04T10:48") or a datetime as a naive Excel date.

    Excel has no time zones: aware datetimes are converted to UTC first. Text that is
    not ISO stays text.
    """
    if isinstance(value, str):
        if not value:
            return None
        try:  # "...Z" is UTC, which Excel shows as it is (fromisoformat reads Z from 3.11 on)
            parsed = datetime.fromisoformat(value[:-1] if value.endswith("Z") else value)
        except ValueError:
            return value
        return parsed.date() if len(value) == 10 else excel_date(parsed)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


def _cell(ws: WriteOnlyWorksheet, value: Any, wrap: bool = False, bold: bool = False) -> Cell:
    """One cell with its type stated: strings never become formulas or error values.

    `value` is whatever the row holds: text, a number, a date or None.
    """
    if isinstance(value, str):
        # openpyxl refuses C0 controls; an empty string would be an empty inline string.
        value = ILLEGAL_CHARACTERS_RE.sub("", value) or None
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
        if looks_like_formula(value):
            cell.quotePrefix = True
    elif isinstance(value, datetime):
        cell.number_format = _DATETIME_FORMAT
    elif isinstance(value, date):
        cell.number_format = _DATE_FORMAT
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    if bold:
        cell.font = Font(bold=True)
    return cell


def _width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, (date, datetime)):
        return 16
    return max((len(line) for line in str(value).split("\n")), default=0)


def _write_sheet(
    wb: Workbook, title: str, header: Sequence[str], rows: Sequence[Sequence[object]]
) -> None:
    """A sheet with a bold, frozen, filterable header and widths fitted to the content."""
    ws = wb.create_sheet(title)
    for i, name in enumerate(header, start=1):
        longest = max([len(name) + 2] + [_width(r[i - 1]) + 1 for r in rows])
        ws.column_dimensions[get_column_letter(i)].width = max(MIN_WIDTH, min(MAX_WIDTH, longest))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    ws.append([_cell(ws, name, bold=True) for name in header])
    wrap = [name in WRAPPED for name in header]
    for row in rows:
        ws.append([_cell(ws, v, wrap=w) for v, w in zip(row, wrap, strict=True)])


def _article_rows(
    db: Database, article_ids: Iterable[int] | None, counts: dict[int, int]
) -> list[list[object]]:
    stmt = select(
        Article.id, Article.title, Article.source, Article.author, Article.published
    ).order_by(Article.published.is_(None), Article.published, Article.id)
    if article_ids is not None:
        stmt = stmt.where(Article.id.in_(list(article_ids)))
    with db.session() as s:
        found = s.execute(stmt).all()
        memos = memo_texts(s, [row[0] for row in found])
    return [
        [aid, title, source or "", author or "", excel_date(published or ""), counts.get(aid, 0),
         memos.get(aid, "")]
        for aid, title, source, author, published in found
    ]


def _article_code_rows(db: Database, article_ids: Iterable[int] | None, tag: str | None,
                       coders: Iterable[int] | None) -> list[list[object]]:
    """Every chosen coder's whole-article codes in ARTICLE_CODE_COLUMNS order."""
    stmt = (select(ArticleCode.article_id, Article.title, Tag.name, Coder.name, ArticleCode.created_at)
            .join(Article, Article.id == ArticleCode.article_id).join(Tag, Tag.id == ArticleCode.tag_id)
            .join(Coder, Coder.id == ArticleCode.coder_id)
            .order_by(ArticleCode.article_id, Tag.name, Coder.name))
    if article_ids is not None:
        stmt = stmt.where(ArticleCode.article_id.in_(list(article_ids)))
    if coders is not None:
        stmt = stmt.where(ArticleCode.coder_id.in_(list(coders)))
    with db.session() as s:
        return [[aid, title, name, coder, excel_date(created)]
                for aid, title, name, coder, created in s.execute(stmt) if in_tag_scope(name, tag)]


def export_xlsx(
    db: Database, path: Path, article_ids: Iterable[int] | None = None, tag: str | None = None,
    progress: Progress | None = None, coders: Iterable[int] | None = None,
) -> int:
    """Write the workbook atomically and return the number of highlight rows.

    Sheets: "Highlights" (COLUMNS, then export_extras' columns: whole-article codes are
    rows there too, unit "article"), "Codebook" (the tags in scope, counted within the
    chosen articles) and "Articles" (every chosen article, with its number of rows in
    "Highlights", so articles without any stay visible, and its memo), and "Article codes"
    (whole-article codes, each with its coder). `coders` keeps those coders' work.
    """
    if article_ids is not None:
        article_ids = list(article_ids)
    if coders is not None:
        coders = list(coders)  # read twice: the Highlights and the Article codes sheets
    published, created = COLUMNS.index("published"), COLUMNS.index("created_at")
    unit = len(COLUMNS)
    extras = load_extras(db, COLUMNS, article_ids)
    highlights: list[list[object]] = []
    counts: dict[int, int] = {}
    for row, _names in highlight_records(db, article_ids, tag, progress=progress, extras=extras,
                                         coders=coders):
        row[published] = excel_date(row[published])
        row[created] = excel_date(row[created])
        highlights.append(row)
        article_id = row[0]
        assert isinstance(article_id, int)
        if row[unit] == PASSAGE:
            counts[article_id] = counts.get(article_id, 0) + 1
    wb = Workbook(write_only=True)
    _write_sheet(wb, "Highlights", (*COLUMNS, *extras.headers), highlights)
    _write_sheet(wb, "Codebook", CODEBOOK_COLUMNS, codebook_rows(db, article_ids, tag))
    _write_sheet(wb, "Articles", ARTICLE_COLUMNS, _article_rows(db, article_ids, counts))
    _write_sheet(wb, "Article codes", ARTICLE_CODE_COLUMNS, _article_code_rows(db, article_ids, tag, coders))
    if progress is not None:
        progress.check()  # the last chance before the file is written
    with atomic_open(path, ".xlsx", "wb") as f:
        wb.save(f)
    return sum(counts.values())
