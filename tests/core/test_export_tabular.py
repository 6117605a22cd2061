"""Long CSV, codebook, scoped CSV and xlsx, read back as Excel, R or pandas would."""

from __future__ import annotations

import csv
from datetime import datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.interchange.csv_export import COLUMNS, atomic_open, export_csv
from desktop_app.core.interchange.csv_long import (
    CODEBOOK_COLUMNS,
    LONG_COLUMNS,
    export_codebook_csv,
    export_csv_long,
)
from desktop_app.core.interchange.xlsx_export import ARTICLE_COLUMNS, MAX_WIDTH, export_xlsx
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article, Tag
from tests.core.test_annotations import add_article

TEXT = "=1+1 là công thức. Ban Tổ chức Trung ương đào tạo cán bộ.\n-5 độ, +84 912 và @Đảng."


def read_csv(path, delimiter=","):
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


@pytest.fixture
def corpus(db: Database) -> dict[str, object]:
    """Two articles; nested tags; one highlight with three tags, one with none."""
    service = AnnotationService(db)
    a = add_article(db, TEXT, title="Đào tạo cán bộ")
    other = "Cán bộ trẻ được đào tạo. Ban Bí thư họp."
    b = add_article(db, other, title="Bài hai")
    with db.session() as s:
        s.execute(update(Article).where(Article.id == a).values(published="2023-04-04T10:48", source="PLVN"))
        s.execute(update(Article).where(Article.id == b).values(published="2022-01-14"))
    h = [
        service.create_highlight(a, *span(TEXT, "=1+1"), ["Công thức"]),
        service.create_highlight(
            a, *span(TEXT, "Ban Tổ chức Trung ương"), ["Cán bộ", "Cơ quan", "Cán bộ/Đào tạo"]
        ),
        service.create_highlight(a, *span(TEXT, "đào tạo cán bộ"), ["Cán bộ/Đào tạo"]),
        service.create_highlight(a, *span(TEXT, "+84 912"), []),
        service.create_highlight(b, *span(other, "Cán bộ trẻ"), ["Cán bộ/Đào tạo"]),
        service.create_highlight(b, *span(other, "Ban Bí thư"), ["Cơ quan"]),
    ]
    with db.session() as s:
        s.execute(update(Tag).where(Tag.name == "Cán bộ").values(description="Người làm công tác"))
    return {"a": a, "b": b, "highlights": h}


def test_long_csv_has_one_row_per_highlight_and_tag(db, tmp_path, corpus):
    out = tmp_path / "dài.csv"
    highlights = corpus["highlights"]
    expected = sum(max(1, len(h.tags)) for h in highlights)
    assert export_csv_long(db, out) == expected == 8
    rows = read_csv(out)
    assert list(rows[0])[:len(LONG_COLUMNS) + 1] == [*LONG_COLUMNS, "unit"]
    pairs = sorted((int(r["highlight_id"]), r["tag"]) for r in rows)
    assert pairs == sorted(
        [(h.id, t) for h in highlights for t in h.tag_names] + [(highlights[3].id, "")]
    )
    untagged = next(r for r in rows if r["tag"] == "")
    assert untagged["quote"] == "'+84 912"  # neutralized as in the wide CSV
    first = next(r for r in rows if r["tag"] == "Công thức")
    assert first["quote"] == "'=1+1" and first["article_title"] == "Đào tạo cán bộ"


def test_long_csv_scope_columns_and_delimiter(db, tmp_path, corpus):
    out = tmp_path / "scope.csv"
    # The scope takes the tag and its children, and only their rows.
    n = export_csv_long(db, out, tag="Cán bộ", delimiter=";", columns=["tag", "quote", "article_id"])
    rows = read_csv(out, delimiter=";")
    assert n == len(rows) == 4
    assert list(rows[0]) == ["tag", "quote", "article_id"]
    assert sorted((r["tag"], r["quote"]) for r in rows) == [
        ("Cán bộ", "Ban Tổ chức Trung ương"),
        ("Cán bộ/Đào tạo", "Ban Tổ chức Trung ương"),
        ("Cán bộ/Đào tạo", "Cán bộ trẻ"),
        ("Cán bộ/Đào tạo", "đào tạo cán bộ"),
    ]
    assert export_csv_long(db, out, article_ids=[corpus["b"]], tag="Cơ quan") == 1


def test_wide_csv_tag_scope_and_column_subset(db, tmp_path, corpus):
    out = tmp_path / "rộng.csv"
    assert export_csv(db, out, tag="Cán bộ/Đào tạo", columns=["quote", "tags", "highlight_id"]) == 3
    rows = read_csv(out)
    assert list(rows[0]) == ["quote", "tags", "highlight_id"]
    # Highlights keep all their tags; the child's scope does not take the parent.
    assert [(r["quote"], r["tags"]) for r in rows] == [
        ("Cán bộ trẻ", "Cán bộ/Đào tạo"),  # article b is older: it comes first
        ("Ban Tổ chức Trung ương", "Cán bộ; Cán bộ/Đào tạo; Cơ quan"),
        ("đào tạo cán bộ", "Cán bộ/Đào tạo"),
    ]
    assert export_csv(db, out, tag="Không có") == 0
    # The default output is the full table.
    assert export_csv(db, out) == 6 and list(read_csv(out)[0])[:len(COLUMNS) + 1] == [*COLUMNS, "unit"]
    for bad in (["quote", "nope"], ["quote", "quote"], []):
        with pytest.raises(ValueError):
            export_csv(db, tmp_path / "never.csv", columns=bad)
    assert not (tmp_path / "never.csv").exists()


def test_codebook_counts_nested_tags(db, tmp_path, corpus):
    AnnotationService(db).create_tag("Chưa dùng")
    out = tmp_path / "codebook.csv"
    assert export_codebook_csv(db, out) == 5
    rows = read_csv(out)
    assert list(rows[0]) == list(CODEBOOK_COLUMNS)
    got = [
        (r["tag"], r["parent"], int(r["highlight_count"]), int(r["article_count"])) for r in rows
    ]
    # Parents come right before their children; counts are of the exact tag.
    assert got == [
        ("Cán bộ", "", 1, 1),
        ("Cán bộ/Đào tạo", "Cán bộ", 3, 2),
        ("Chưa dùng", "", 0, 0),
        ("Cơ quan", "", 2, 2),
        ("Công thức", "", 1, 1),
    ]
    assert rows[0]["description"] == "Người làm công tác"
    assert all(r["colour"].startswith("#") for r in rows)


def test_xlsx_sheets_types_and_formula_safety(db, tmp_path, corpus):
    out = tmp_path / "chú giải.xlsx"
    assert export_xlsx(db, out) == 6
    wb = load_workbook(out)
    assert wb.sheetnames == ["Highlights", "Codebook", "Articles", "Article codes"]
    for ws in wb:
        assert ws.freeze_panes == "A2"
        assert all(c.font.bold for c in ws[1])
        widths = [d.width for d in ws.column_dimensions.values()]
        assert widths and all(6 <= w <= MAX_WIDTH for w in widths)
    hl = wb["Highlights"]
    assert [c.value for c in hl[1]][:len(COLUMNS) + 1] == [*COLUMNS, "unit"]
    rows = [dict(zip(COLUMNS, r[:len(COLUMNS)], strict=True)) for r in hl.iter_rows(min_row=2)]
    formula = next(r for r in rows if r["quote"].value == "=1+1")
    assert formula["quote"].data_type == "s"  # text, not a formula
    assert formula["quote"].quotePrefix  # and Excel keeps it text when edited
    assert formula["quote"].alignment.wrap_text and formula["context"].alignment.wrap_text
    assert formula["context"].value == "=1+1 là công thức."
    for r in rows:
        assert r["quote"].data_type == "s"
        assert isinstance(r["start"].value, int) and r["start"].data_type == "n"
        assert isinstance(r["highlight_id"].value, int)
        assert isinstance(r["created_at"].value, datetime)
    tagged = next(r for r in rows if r["quote"].value == "Ban Tổ chức Trung ương")
    assert tagged["tags"].value == "Cán bộ; Cán bộ/Đào tạo; Cơ quan"
    assert tagged["article_title"].value == "Đào tạo cán bộ"
    assert tagged["published"].value == datetime(2023, 4, 4, 10, 48)
    assert rows[0]["published"].value == datetime(2022, 1, 14)  # a date-only cell
    assert rows[0]["published"].number_format == "yyyy-mm-dd"
    assert next(r for r in rows if r["quote"].value == "+84 912")["quote"].quotePrefix

    codebook = [[c.value for c in r] for r in wb["Codebook"].iter_rows()]
    assert codebook[0] == list(CODEBOOK_COLUMNS)
    assert codebook[2][:2] == ["Cán bộ/Đào tạo", "Cán bộ"] and codebook[2][4:] == [3, 2]
    articles = [[c.value for c in r] for r in wb["Articles"].iter_rows()]
    assert articles[0] == list(ARTICLE_COLUMNS)
    assert [(r[1], r[5]) for r in articles[1:]] == [("Bài hai", 2), ("Đào tạo cán bộ", 4)]
    assert articles[2][2] == "PLVN" and articles[2][4] == datetime(2023, 4, 4, 10, 48)


def test_xlsx_scope_counts_within_the_scope(db, tmp_path, corpus):
    out = tmp_path / "scope.xlsx"
    assert export_xlsx(db, out, article_ids=[corpus["a"]], tag="Cán bộ") == 2
    wb = load_workbook(out)
    codebook = [[c.value for c in r] for r in wb["Codebook"].iter_rows(min_row=2)]
    assert [(r[0], r[4], r[5]) for r in codebook] == [("Cán bộ", 1, 1), ("Cán bộ/Đào tạo", 2, 1)]
    articles = [[c.value for c in r] for r in wb["Articles"].iter_rows(min_row=2)]
    assert [(r[0], r[5]) for r in articles] == [(corpus["a"], 2)]


def test_atomic_open_keeps_the_old_file_when_writing_fails(tmp_path):
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"old")
    with pytest.raises(OSError):
        with atomic_open(out, ".xlsx", "wb") as f:
            f.write(b"half")
            raise OSError(28, "No space left on device")
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]
