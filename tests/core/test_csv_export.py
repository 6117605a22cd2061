"""CSV export read back with the csv module, as Excel, R and pandas would read it."""

from __future__ import annotations

import csv

from desktop_app.core.annotations import AnnotationService
from desktop_app.core.export.csv_export import COLUMNS, export_csv, safe_cell
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
    assert list(rows[0].keys()) == list(COLUMNS)
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
    for dangerous in ["=1+1", "+84 912", "-5", "@SUM(1)", "\tx", "\rx", "\nx"]:
        assert safe_cell(dangerous) == "'" + dangerous
    assert safe_cell("Bình thường") == "Bình thường"
    assert safe_cell(42) == 42
    assert safe_cell(None) == ""


def test_failed_export_leaves_no_partial_file(db, tmp_path, monkeypatch):
    import desktop_app.core.export.csv_export as mod

    service = AnnotationService(db)
    a = add_article(db)
    service.create_highlight(a, 2, 5, ["x"])
    out = tmp_path / "out.csv"
    out.write_text("old content", encoding="utf-8")

    def broken_rows(*_args, **_kwargs):
        yield [1] * len(COLUMNS)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(mod, "highlight_rows", broken_rows)
    try:
        export_csv(db, out)
    except OSError:
        pass
    assert out.read_text(encoding="utf-8") == "old content"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".chugiai-")] == []
