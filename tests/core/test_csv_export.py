"""CSV export read back with the csv module, as Excel, R and pandas would read it."""

from __future__ import annotations

import csv

import pytest

from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.interchange.csv_export import COLUMNS, export_csv, safe_cell
from tests.core.test_annotations import add_article

TEXT = (
    "Hội nghị bàn về công tác cán bộ. Dòng có dấu bằng:\n"
    "=SUM(A1:A2) là công thức. Câu cuối có 😀 biểu tượng."
)


def read_rows(path, delimiter=","):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 BOM"
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def test_export_one_row_per_highlight_with_all_columns(db, tmp_path):
    service = AnnotationService(db)
    article = add_article(db, TEXT, title="Bài về cán bộ")
    s1 = TEXT.index("công tác cán bộ")
    h1 = service.create_highlight(article, s1, s1 + len("công tác cán bộ"), ["Cán bộ", "Công tác"], "ghi chú")
    s2 = TEXT.index("bằng:")
    h2 = service.create_highlight(article, s2, TEXT.index("công thức"), ["Đa dòng"], "=HYPERLINK(\"x\")")
    s3 = TEXT.index("biểu")
    service.create_highlight(article, s3, s3 + len("biểu tượng"), [])
    out = tmp_path / "xuất khẩu chú giải.csv"
    assert export_csv(db, out) == 3
    rows = read_rows(out)
    assert list(rows[0].keys()) == [*COLUMNS, "unit"]  # no attributes: only the unit column
    assert {r["unit"] for r in rows} == {"passage"}
    first, second, third = rows
    assert first["quote"] == "công tác cán bộ"
    assert first["tags"] == "Cán bộ; Công tác"
    assert first["note"] == "ghi chú"
    assert first["context"] == "Hội nghị bàn về công tác cán bộ."
    assert (int(first["start"]), int(first["end"])) == (h1.start, h1.end)
    assert first["article_title"] == "Bài về cán bộ"
    # A quote across a newline survives in one cell; its "=" line stays text.
    assert second["quote"] == TEXT[h2.start : h2.end] and "\n" in second["quote"]
    assert second["note"] == "'=HYPERLINK(\"x\")"
    # Offsets are code points even after an emoji.
    assert TEXT[int(third["start"]) : int(third["end"])] == "biểu tượng"


def test_export_of_one_article_and_semicolon_delimiter(db, tmp_path):
    service = AnnotationService(db)
    a = add_article(db, "Một; hai. Ba bốn.", title="A")
    b = add_article(db, "Năm sáu bảy.", title="B")
    service.create_highlight(a, 0, 3, ["x"])
    service.create_highlight(b, 0, 3, ["y"])
    out = tmp_path / "a.csv"
    assert export_csv(db, out, article_ids=[a], delimiter=";") == 1
    rows = read_rows(out, delimiter=";")
    assert [r["article_title"] for r in rows] == ["A"]
    assert rows[0]["context"] == "Một; hai."


def test_formula_cells_are_neutralized_but_numbers_stay_numbers():
    for dangerous in ["=1+1", "+84 912", "-5+A1", "@SUM(1)", "\tx", "\rx", "\nx", "-", "'=1", "''+x"]:
        assert safe_cell(dangerous) == "'" + dangerous
    # Numbers stay numbers: a spreadsheet reads them as the number, never as a formula.
    for number in ["-5", "+3.5", "-1,234.5", "-2e3", "-.5", "'-5"]:
        assert safe_cell(number) == number
    assert safe_cell("Bình thường") == "Bình thường"
    assert safe_cell("'trích dẫn'") == "'trích dẫn'"
    assert safe_cell(42) == 42
    assert safe_cell(None) == ""


def test_failed_export_leaves_no_partial_file(db, tmp_path, monkeypatch):
    import desktop_app.core.interchange.csv_export as mod

    service = AnnotationService(db)
    a = add_article(db)
    service.create_highlight(a, 2, 5, ["x"])
    out = tmp_path / "out.csv"
    out.write_text("old content", encoding="utf-8")

    def broken_rows(*_args, **_kwargs):
        yield [1] * len(COLUMNS)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(mod, "highlight_rows", broken_rows)
    with pytest.raises(OSError, match="No space left"):
        export_csv(db, out)
    assert out.read_text(encoding="utf-8") == "old content"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".chugiai-")] == []


def test_rows_built_excel_safe_match_the_generic_safe_path(db, tmp_path):
    """The fast path neutralizes formulas while building rows; it must agree, cell for
    cell, with passing every cell of the raw rows through safe_cell."""
    from datetime import datetime

    from desktop_app.core.interchange.csv_export import highlight_rows
    from desktop_app.core.storage.models import Article, Highlight

    text = "=Mở đầu câu một.\n-5 độ là lạnh. @ai đó nói.\n+84 gọi điện. Bình thường."
    service = AnnotationService(db)
    a = add_article(db, text, title="=Tiêu đề")
    with db.session() as s:
        s.get(Article, a).source = "+Nguồn"
        s.get(Article, a).published = "2023-04-04"
    for word, tags, note in [("=Mở", ["=Mã"], "@ghi"), ("-5", ["-Âm", "Bình"], ""), ("@ai", [], "+1"),
                             ("Bình", ["Bình"], "bình thường")]:
        start = text.index(word)
        service.create_highlight(a, start, start + len(word), tags, note)
    with db.session() as s:  # a time with microseconds, as an imported file may carry
        s.query(Highlight).filter_by(start=0).one().created_at = datetime(2023, 4, 4, 10, 48, 0, 120000)
    raw = list(highlight_rows(db))
    safe = list(highlight_rows(db, excel_safe=True))
    assert safe == [[safe_cell(v) for v in row] for row in raw]
    assert [r[0:4] for r in safe][0] == [a, "'=Tiêu đề", "'+Nguồn", "2023-04-04"]
    assert sorted(r[8] for r in safe) == ["", "'-Âm; Bình", "'=Mã", "Bình"]
    assert raw[0][COLUMNS.index("created_at")] == "2023-04-04T10:48:00.120000Z"
    # ISO 8601 in UTC, ending with "Z" as the README says, to the second when whole.
    created = raw[1][COLUMNS.index("created_at")]
    assert created.endswith("Z") and "." not in created
    assert datetime.fromisoformat(created[:-1]).isoformat() + "Z" == created
    # The scope of one tag keeps exactly the highlights carrying it.
    assert [r[7] for r in highlight_rows(db, tag="Bình")] == ["-5", "Bình"]
    out = tmp_path / "a.csv"
    export_csv(db, out)
    assert [list(r.values())[:len(COLUMNS)] for r in read_rows(out)] == [[str(v) for v in row] for row in safe]
