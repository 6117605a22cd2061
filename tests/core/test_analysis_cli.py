"""passages, attributes, matrix and cooccurrence on the command line: each answer agrees with
what core gives on the same library; bad input is told plainly and changes nothing."""

from __future__ import annotations

import csv
import json

import pytest

from desktop_app.cli.main import main
from desktop_app.core.analysis.cooccurrence import CooccurrenceQuery, cooccurrence
from desktop_app.core.analysis.matrices import MatrixQuery, build_matrix
from desktop_app.core.analysis.passages import PassageQuery, find_passages, load_passages
from desktop_app.core.library.attributes import article_attributes, list_attributes
from tests.core.analysis_library import sample_library
from tests.core.test_cli import chugiai


@pytest.fixture
def lib(db):
    ops, articles, highlights = sample_library(db)
    ops.code_articles([articles["C"]], add=["Cán bộ"])
    return db.path.parent, ops, articles, highlights


def run(capsys, data, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(["--data-dir", str(data), *args])
    out = capsys.readouterr()
    return status, out.out, out.err


def test_passages_json_agrees_with_core(db, lib, capsys):
    data, _ops, _art, _h = lib
    for args, query in (
            (["--tag", "Cán bộ"], PassageQuery(("Cán bộ",))),
            (["--tag", "Cán bộ", "--tag", "Nhân sự", "--mode", "overlap", "--not", "Cán bộ/Đào tạo"],
             PassageQuery(("Cán bộ", "Nhân sự"), "overlap", ("Cán bộ/Đào tạo",))),
            (["--tag", "Cán bộ", "--tag", "Kỷ luật", "--mode", "paragraph", "--where", "outlet=PLVN"],
             PassageQuery(("Cán bộ", "Kỷ luật"), "paragraph", where=("outlet=PLVN",))),
            (["--tag", "Cán bộ", "--sort", "date", "--descending", "--text", "can bo"],
             PassageQuery(("Cán bộ",), sort="date", descending=True, text="can bo"))):
        status, out, err = run(capsys, data, "passages", *args, "--json")
        assert status == 0, err
        expected = [p.as_json() for p in load_passages(db, find_passages(db, query).ids)]
        assert json.loads(out) == expected and expected
        for p in json.loads(out):
            assert {"highlight_id", "article_id", "start", "end", "quote", "tags", "note", "context"} <= set(p)
    status, out, err = run(capsys, data, "passages", "--tag", "Cán bộ", "--limit", "2", "--json")
    assert len(json.loads(out)) == 2 and "2 passages in 1 article" in err


def test_passages_csv(db, lib, capsys, tmp_path):
    data, _ops, _art, h = lib
    target = tmp_path / "đoạn.csv"
    status, out, err = run(capsys, data, "passages", "--tag", "Kỷ luật", "--csv", str(target), "--delimiter", ";")
    assert status == 0, err
    assert "wrote 2 passages" in out
    with open(target, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert [int(r[0]) for r in rows[1:]] == [h["h4"], h["h5"]]


def test_matrix_and_cooccurrence_json_agree_with_core(db, lib, capsys):
    data, _ops, _art, _h = lib
    for args, query in ((["--columns", "articles"], MatrixQuery()),
                        (["--columns", "attribute:year", "--count", "coverage", "--nested"],
                         MatrixQuery("attribute:year", "coverage", nested=True)),
                        (["--columns", "attribute:outlet", "--count", "articles", "--tag", "Cán bộ",
                          "--where", "year>=2020"],
                         MatrixQuery("attribute:outlet", "articles", ("Cán bộ",), where=("year>=2020",)))):
        status, out, err = run(capsys, data, "matrix", *args, "--json")
        assert status == 0, err
        got = json.loads(out)
        assert got == json.loads(json.dumps(build_matrix(db, query).as_json()))
        assert set(got) >= {"rows", "columns", "cells"}
    status, out, _err = run(capsys, data, "matrix", "--json")
    assert json.loads(out)["cells"][0] == [1, 1, 1]  # Cán bộ: h5 | h6 | C's whole-article code
    for within in ("overlap", "sentence", "paragraph", "words:1"):
        status, out, err = run(capsys, data, "cooccurrence", "--within", within, "--json")
        assert status == 0, err
        table = cooccurrence(db, CooccurrenceQuery(within))
        assert json.loads(out) == table.as_json()
        assert json.loads(out)["rows"] == json.loads(out)["columns"]
    assert "2 articles counted by syllables" in err


def test_matrix_text_and_csv(db, lib, capsys, tmp_path):
    data, _ops, _art, _h = lib
    status, out, _err = run(capsys, data, "matrix", "--columns", "attribute:outlet")
    assert out.splitlines()[0] == "tag\tPLVN\tTTXVN" and out.splitlines()[4] == "Kỷ luật\t2\t0"
    target = tmp_path / "m.csv"
    status, out, _err = run(capsys, data, "cooccurrence", "--csv", str(target))
    assert status == 0 and "wrote 5 rows" in out
    with open(target, encoding="utf-8-sig", newline="") as f:
        assert next(csv.reader(f))[0] == "tag"


def test_attributes_set_list_and_import(db, lib, capsys, tmp_path):
    data, _ops, art, _h = lib
    status, out, err = run(capsys, data, "attributes", "set", f"{art['A']},{art['B']}", "Số trang", "12")
    assert status == 0, err
    assert "new attribute, type number" in out and "2 articles changed" in out
    status, out, err = run(capsys, data, "attributes", "set", str(art["C"]), "Giọng điệu", "Tích cực",
                           "--type", "choice")
    assert status == 0, err
    status, out, _err = run(capsys, data, "attributes", "list", "--json")
    assert json.loads(out) == [a.as_json() for a in list_attributes(db)]
    assert {a["name"]: a["type"] for a in json.loads(out) if not a["builtin"]} == {
        "Giọng điệu": "choice", "Số trang": "number"}
    path = tmp_path / "a.csv"
    path.write_text(f"id,Số trang,Vùng:choice\n{art['A']},3,Bắc\n{art['C']},,Nam\n", encoding="utf-8")
    status, out, err = run(capsys, data, "attributes", "import", str(path))
    assert status == 0, err
    assert "(new: Vùng)" in out
    values = article_attributes(db)
    assert values[art["A"]]["Số trang"] == 3 and values[art["C"]]["Vùng"] == "Nam"
    status, out, _err = run(capsys, data, "list", "--json")
    listed = {a["id"]: a["attributes"] for a in json.loads(out)}
    assert listed[art["A"]] == json.loads(json.dumps(values[art["A"]]))
    assert listed[art["B"]]["Số trang"] == 12 and listed[art["B"]]["outlet"] == "TTXVN"


def test_bad_input_is_told_and_changes_nothing(db, lib, capsys, tmp_path):
    data, _ops, art, _h = lib
    before = article_attributes(db)
    for args, words in ((["passages", "--tag", "Không có"], "There is no tag “Không có”"),
                        (["passages", "--tag", "Cán bộ", "--where", "màu=đỏ"], "no attribute “màu”"),
                        (["matrix", "--columns", "attribute:màu"], "no attribute “màu”"),
                        (["matrix", "--columns", "titles"], "--columns is articles or attribute:KEY"),
                        (["attributes", "set", str(art["A"]), "outlet", "X"], "comes from the article's details"),
                        (["attributes", "set", "abc", "Năm", "1"], "is not an article id"),
                        (["attributes", "set", "999", "Năm", "1"], "no longer in the library")):
        status, _out, err = run(capsys, data, *args)
        assert status == 2 and words in err and "Traceback" not in err
    bad = tmp_path / "bad.csv"
    bad.write_text(f"id,Số trang:number,Vùng\n{art['A']},1,Bắc\n{art['B']},hai,Nam\n", encoding="utf-8")
    status, _out, err = run(capsys, data, "attributes", "import", str(bad))
    assert status == 2
    assert "Row 3, column “Số trang:number”: “hai” is not a number. Nothing was imported." in err
    assert article_attributes(db) == before and [a for a in list_attributes(db) if not a.builtin] == []


def test_as_a_separate_process(lib):
    """As a user runs it: exit status, JSON on stdout, the count on stderr; `--within` checked."""
    data, _ops, _art, _h = lib
    result = chugiai("--data-dir", str(data), "passages", "--tag", "Cán bộ/Đào tạo", "--json")
    assert result.returncode == 0, result.stderr
    assert [p["quote"] for p in json.loads(result.stdout)] == ["Cán bộ trẻ", "Đào tạo cán bộ"]
    assert "2 passages in 2 articles" in result.stderr
    wrong = chugiai("--data-dir", str(data), "cooccurrence", "--within", "words")
    assert wrong.returncode == 2 and "words:N" in wrong.stderr
