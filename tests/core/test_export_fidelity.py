"""What an export promises, checked on the file: the CSV formula guard is exactly the
README's rule and comes off exactly on import, numbers stay numbers, times end with "Z",
and a .qdpx keeps the CR of a note. Real SQLite files."""

from __future__ import annotations

import csv
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.interchange.csv_export import COLUMNS, export_csv
from desktop_app.core.interchange.csv_import import import_csv
from desktop_app.core.interchange.refi_export import export_qdpx
from desktop_app.core.interchange.refi_import import import_qdpx
from desktop_app.core.interchange.xlsx_export import export_xlsx
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Highlight, Tag
from tests.core.test_annotations import add_article

TEXT = "=1+1 là công thức.\n-5 độ C là lạnh.\n'=A1 có dấu nháy.\n@ai đó; +84 gọi.\nBình thường."
FORMULA_FIRST = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


@pytest.fixture
def other(tmp_path):
    database = Database.open(tmp_path / "other" / "chugiai.sqlite3")
    yield database
    database.close()


def readme_guard(cell: str) -> str:
    """The README's rule for reading a cell back, written out independently of the code."""
    rest = cell[1:]
    stripped = rest.lstrip("'")
    number = stripped[:1] in "+-" and stripped[1:].replace(".", "").replace(",", "").isdigit()
    if cell.startswith("'") and stripped[:1] in FORMULA_FIRST and not number:
        return rest
    return cell


def highlight(db: Database, article: int, quote: str, note: str = "", tags=("Mã",)) -> None:
    start = TEXT.index(quote)
    AnnotationService(db).create_highlight(article, start, start + len(quote), list(tags), note)


def test_csv_guard_is_the_readme_rule_and_comes_off_exactly(db, other, tmp_path):
    article = add_article(db, TEXT)
    highlight(db, article, "=1+1 là công thức", "-5")
    highlight(db, article, "-5 độ C", "'=trích")
    highlight(db, article, "'=A1 có dấu nháy", "+3.5")
    highlight(db, article, "@ai đó", "=HYPERLINK(\"x\")")
    highlight(db, article, "Bình thường", "-5 điểm")
    out = tmp_path / "a.csv"
    export_csv(db, out)
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    cells = {r["start"]: r for r in rows}
    # Numbers stay numbers; text that a spreadsheet would run gets one "'" more.
    assert [(r["quote"], r["note"]) for r in rows] == [
        ("'=1+1 là công thức", "-5"),
        ("'-5 độ C", "''=trích"),
        ("''=A1 có dấu nháy", "+3.5"),
        ("'@ai đó", "'=HYPERLINK(\"x\")"),
        ("Bình thường", "'-5 điểm"),
    ]
    for start, row in cells.items():  # text[start:end] == quote, the guard taken off
        assert TEXT[int(start):int(row["end"])] == readme_guard(row["quote"])
    add_article(other, TEXT)
    assert import_csv(other, out).imported == 5
    with db.session() as s, other.session() as t:
        mine = sorted((h.start, h.quote, h.note) for h in s.scalars(select(Highlight)))
        theirs = sorted((h.start, h.quote, h.note) for h in t.scalars(select(Highlight)))
    assert theirs == mine


def test_created_at_is_utc_with_z_in_csv_and_a_real_date_in_xlsx(db, tmp_path):
    article = add_article(db, TEXT)
    highlight(db, article, "Bình thường")
    with db.session() as s:
        s.scalar(select(Highlight)).created_at = datetime(2024, 1, 2, 3, 4, 5)
    out = tmp_path / "a.csv"
    export_csv(db, out)
    with open(out, encoding="utf-8-sig", newline="") as f:
        row = next(csv.DictReader(f))
    assert row["created_at"] == "2024-01-02T03:04:05Z"
    book = tmp_path / "a.xlsx"
    export_xlsx(db, book)
    sheet = load_workbook(book)["Highlights"]
    assert sheet.cell(2, COLUMNS.index("created_at") + 1).value == datetime(2024, 1, 2, 3, 4, 5)


def test_qdpx_keeps_carriage_returns_in_notes_and_descriptions(db, other, tmp_path):
    article = add_article(db, TEXT)
    highlight(db, article, "Bình thường", "dòng một\r\ndòng hai\rba")
    with db.session() as s:
        s.scalar(select(Tag)).description = "mô tả\r\nhai dòng"
    out = tmp_path / "a.qdpx"
    export_qdpx(db, out)
    with zipfile.ZipFile(out) as z:
        assert b"d\xc3\xb2ng m\xe1\xbb\x99t&#13;\n" in z.read("project.qde")
    import_qdpx(other, out)
    with other.session() as s:
        assert s.scalar(select(Highlight.note)) == "dòng một\r\ndòng hai\rba"
        assert s.scalar(select(Tag.description)) == "mô tả\r\nhai dòng"


def test_readme_states_the_guard_rule():
    readme = " ".join((Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8").split())
    assert "remove exactly that one `'`" in readme and "`-5`, `+3.5`" in readme
    assert "ending with `Z`" in readme
