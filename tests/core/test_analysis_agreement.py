"""The numbers agree wherever they are read: the command line's JSON (which the window
tests compare with the window's models, tests/ui/test_matrix_window.py and
test_passages_window.py), core, and the library exports (CSV, XLSX, REFI-QDA), on a
hand-made library with overlaps, nested tags, whole-article codes and typed attributes."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop_app.cli.main import main
from desktop_app.core.analysis.cooccurrence import CooccurrenceQuery, cooccurrence
from desktop_app.core.analysis.matrices import MatrixQuery, build_matrix
from desktop_app.core.interchange.csv_export import export_csv, split_tags
from desktop_app.core.interchange.refi_export import export_qdpx
from desktop_app.core.interchange.xlsx_export import export_xlsx
from desktop_app.core.storage.database import Database
from tests.core.analysis_library import coded_library

NS = "{urn:QDA-XML:project:1.0}"


@pytest.fixture
def library(tmp_path):
    data_dir = tmp_path / "data"
    db = Database.open(data_dir / "chugiai.sqlite3")
    coded_library(db)
    yield db, data_dir
    db.close()


def cli(capsys, data_dir: Path, *args: str) -> object:
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_tags_by_articles_matrix_agrees_with_every_export(library, capsys, tmp_path):
    db, data_dir = library
    matrix = cli(capsys, data_dir, "matrix", "--count", "passages")
    core = build_matrix(db, MatrixQuery())
    assert matrix["cells"] == [list(r) for r in core.dense()]
    shown = {(tag, article): n for tag, row in zip(matrix["rows"], matrix["cells"], strict=True)
             for article, n in zip(matrix["columns"], row, strict=True) if n}
    # The CSV: a passage row counts once for each of its tags; an article row is its code.
    out = tmp_path / "all.csv"
    export_csv(db, out)
    from_csv = Counter((name, int(r["article_id"])) for r in csv_rows(out) for name in split_tags(r["tags"]))
    assert dict(from_csv) == shown
    # The workbook: the same rows.
    book = tmp_path / "all.xlsx"
    export_xlsx(db, book)
    ws = load_workbook(book)["Highlights"]
    header = [c.value for c in ws[1]]
    tags_at, article_at = header.index("tags"), header.index("article_id")
    from_xlsx = Counter((name, row[article_at]) for row in ws.iter_rows(min_row=2, values_only=True)
                        for name in split_tags(row[tags_at] or ""))
    assert dict(from_xlsx) == shown
    # REFI-QDA: codings per code and source (the whole-article selection carries the codes).
    qdpx = tmp_path / "all.qdpx"
    export_qdpx(db, qdpx)
    with zipfile.ZipFile(qdpx) as z:
        root = ET.fromstring(z.read("project.qde"))
    paths = {}

    def walk(code, prefix=""):
        name = prefix + code.get("name")
        paths[code.get("guid")] = name
        for child in code.findall(f"{NS}Code"):
            walk(child, name + "/")

    for code in root.findall(f"{NS}CodeBook/{NS}Codes/{NS}Code"):
        walk(code)
    titles = dict(zip(matrix["column_labels"], matrix["columns"], strict=True))
    from_refi = Counter((paths[ref.get("targetGUID")], titles[src.get("name")])
                        for src in root.iter(f"{NS}TextSource") for ref in src.iter(f"{NS}CodeRef"))
    assert dict(from_refi) == shown


def test_tags_by_attribute_agrees_with_the_attribute_columns(library, capsys, tmp_path):
    db, data_dir = library
    matrix = cli(capsys, data_dir, "matrix", "--columns", "attribute:Thể loại", "--count", "articles")
    core = build_matrix(db, MatrixQuery(columns="attribute:Thể loại", count="articles"))
    assert matrix["cells"] == [list(r) for r in core.dense()]
    out = tmp_path / "all.csv"
    export_csv(db, out)
    articles: dict[tuple[str, str], set[str]] = {}
    for r in csv_rows(out):
        for name in split_tags(r["tags"]):
            articles.setdefault((name, r["Thể loại"]), set()).add(r["article_id"])
    shown = {(tag, str(value)): n for tag, row in zip(matrix["rows"], matrix["cells"], strict=True)
             for value, n in zip(matrix["columns"], row, strict=True) if n}
    assert {k: len(v) for k, v in articles.items()} == shown


def test_passages_and_cooccurrence_agree_with_core_and_the_export(library, capsys, tmp_path):
    db, data_dir = library
    out = tmp_path / "can-bo.csv"
    export_csv(db, out, tag="Cán bộ")  # the tag and those nested under it
    exported = [int(r["highlight_id"]) for r in csv_rows(out) if r["unit"] == "passage"]
    passages = cli(capsys, data_dir, "passages", "--tag", "Cán bộ")
    assert sorted(p["highlight_id"] for p in passages) == sorted(exported)
    for within in ("overlap", "sentence", "paragraph", "words:3"):
        table = cli(capsys, data_dir, "cooccurrence", "--within", within)
        assert table["cells"] == [list(r) for r in cooccurrence(db, CooccurrenceQuery(within)).dense()]
        written = tmp_path / f"co-{within.replace(':', '-')}.csv"
        assert main(["--data-dir", str(data_dir), "cooccurrence", "--within", within, "--csv", str(written)]) == 0
        with open(written, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))[1:]
        assert [[int(x) if x else None for x in r[1:]] for r in rows] == table["cells"]
