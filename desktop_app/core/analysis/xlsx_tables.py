"""Coded passages, matrices and co-occurrence tables as Excel workbooks, next to their CSV
writers (passages.py, matrices.py, cooccurrence.py) and with the same columns.

The cells are typed as xlsx_export types them: text stays text (never a formula), dates
are dates, numbers numbers; coverage is a number formatted as a percentage. A matrix
sheet gets a colour scale (white to dark blue, one hue) over its cells, so Excel shows it
as the window's heat-map does. Written atomically: a failed export leaves no file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.utils import get_column_letter

from desktop_app.core.analysis.coded import AnalysisError
from desktop_app.core.analysis.cooccurrence import Cooccurrence
from desktop_app.core.analysis.matrices import Matrix, column_heading
from desktop_app.core.analysis.passages import CSV_COLUMNS, PassageList, load_passages
from desktop_app.core.interchange.csv_export import atomic_open
from desktop_app.core.interchange.xlsx_export import _cell, _write_sheet, excel_date
from desktop_app.core.messages import Message
from desktop_app.core.progress import Progress
from desktop_app.core.storage.database import Database

EXCEL_MAX_COLUMNS = 16_384
SCALE_LOW, SCALE_HIGH = "FFFFFF", "08519C"  # ColorBrewer Blues: light to dark, one hue
_PUBLISHED = CSV_COLUMNS.index("published")


def export_passages_xlsx(db: Database, found: PassageList, path: Path, progress: Progress | None = None) -> int:
    """Every passage of `found`, in its order, as a "Passages" sheet (CSV_COLUMNS)."""
    progress = progress or Progress()
    rows: list[list[object]] = []
    for n in range(0, len(found.ids), 1000):
        progress.step(n, len(found.ids))
        for p in load_passages(db, found.ids[n:n + 1000]):
            row = p.csv_row()
            row[_PUBLISHED] = excel_date(row[_PUBLISHED])
            rows.append(row)
    wb = Workbook(write_only=True)
    _write_sheet(wb, "Passages", CSV_COLUMNS, rows)
    progress.check()
    with atomic_open(Path(path), ".xlsx", "wb") as f:
        wb.save(f)
    return len(rows)


def export_matrix_xlsx(matrix: Matrix, path: Path) -> int:
    """The matrix as export_matrix_csv lays it out, in a "Matrix" sheet; returns the rows."""
    header = ["tag", *(column_heading(c, matrix) for c in matrix.columns)]
    percent = matrix.count == "coverage"
    return _table(path, "Matrix", header, matrix.rows, matrix.dense(), percent)


def export_cooccurrence_xlsx(table: Cooccurrence, path: Path) -> int:
    """Tags across and down, the diagonal empty, in a "Co-occurrence" sheet."""
    return _table(path, "Co-occurrence", ["tag", *table.tags], table.tags, table.dense(), False)


def _table(path: Path, title: str, header: Sequence[str], names: Sequence[str],
           cells: Sequence[Sequence[float | int | None]], percent: bool) -> int:
    if len(header) > EXCEL_MAX_COLUMNS:
        raise AnalysisError(Message("analysis.xlsx_too_wide", {
            "count": len(header) - 1, "limit": EXCEL_MAX_COLUMNS - 1}))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title)
    ws.column_dimensions["A"].width = max([12, *(min(60, len(n) + 2) for n in names)])
    for i, name in enumerate(header[1:], start=2):
        ws.column_dimensions[get_column_letter(i)].width = max(8, min(30, len(str(name)) + 2))
    ws.freeze_panes = "B2"
    ws.append([_cell(ws, h, bold=True) for h in header])
    for name, values in zip(names, cells, strict=True):
        row = [_cell(ws, name, bold=True)]
        for v in values:
            cell = _cell(ws, v)
            if percent and v is not None:
                cell.number_format = "0.0%"
            row.append(cell)
        ws.append(row)
    if names and len(header) > 1:
        ws.conditional_formatting.add(
            f"B2:{get_column_letter(len(header))}{len(names) + 1}",
            ColorScaleRule(start_type="num", start_value=0, start_color=SCALE_LOW,
                           end_type="max", end_color=SCALE_HIGH))
    with atomic_open(Path(path), ".xlsx", "wb") as f:
        wb.save(f)
    return len(names)
