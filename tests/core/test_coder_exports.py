"""Exports carry the coder and imports read it back (issue 16 item 6): a `coder` column in
CSV and XLSX (highlights, whole-article codes), `creator` in W3C JSON-LD, REFI-QDA Users and
`creatingUser` (valid against the schema); exports restricted to chosen coders."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop_app.core.interchange.formats import ExportError, export, import_annotations
from desktop_app.core.interchange.refi_export import coder_guid
from desktop_app.core.library.article_codes import article_codes
from desktop_app.core.library.coders import list_coders, use_coder
from desktop_app.core.library.memos import set_memo
from desktop_app.core.operations.editor import Operations
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.migrations import first_coder_name
from desktop_app.core.text.spans import TextSpan
from tests.core.test_annotations import add_article
from tests.core.test_cli import chugiai
from tests.core.test_refi_qda import FIXTURES

TEXT = "Ban Tổ chức Trung ương họp bàn về công tác cán bộ và đào tạo cán bộ trẻ ở Hà Nội."
ME = first_coder_name()


def project_schema():
    import xmlschema

    return xmlschema.XMLSchema(str(FIXTURES / "Project-mrt2019.xsd"))


def span(word: str) -> TextSpan:
    start = TEXT.index(word)
    return TextSpan(start, start + len(word))


@pytest.fixture
def coded(db):
    """One article; my highlight and whole-article code, then Lan's (with a memo), both
    coders also on the same span."""
    ops = Operations(db)
    article = add_article(db, TEXT)
    ops.create_highlight(article, span("cán bộ và"), ["Cán bộ"])
    ops.create_highlight(article, span("Hà Nội"), ["Địa danh"])
    ops.code_articles([article], add=["Thể loại/Tin"])
    use_coder(db, "Lan")
    ops.create_highlight(article, span("đào tạo"), ["Đào tạo"], "của Lan")
    ops.create_highlight(article, span("Hà Nội"), ["Địa danh"])
    ops.code_articles([article], add=["Thể loại/Phóng sự"])
    set_memo(db, article, "ghi nhớ")
    use_coder(db, ME)
    return article


def fresh(tmp_path: Path, name: str = "other") -> Database:
    db = Database.open(tmp_path / name / "chugiai.sqlite3")
    add_article(db, TEXT)
    return db


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def coders_of(db: Database) -> list[tuple[str, int]]:
    return [(c.name, c.highlights) for c in list_coders(db)]


def codes_by_coder(db: Database) -> dict[str, list[str]]:
    """Each coder's whole-article codes (of every article)."""
    return {c.name: sorted(n for names in article_codes(db, coders=[c.id]).values() for n in names)
            for c in list_coders(db)}


CODES = {ME: ["Thể loại/Tin"], "Lan": ["Thể loại/Phóng sự"]}


def test_csv_has_a_coder_column_and_reads_back_into_the_same_coders(db, coded, tmp_path):
    out = tmp_path / "all.csv"
    assert export(db, "csv", out) == 6  # 4 highlights, 2 whole-article codes
    rows = read_csv(out)
    assert [(r["unit"], r["tags"], r["coder"]) for r in rows[:2]] == [
        ("article", "Thể loại/Phóng sự", "Lan"), ("article", "Thể loại/Tin", ME)]
    assert [(r["quote"], r["coder"]) for r in rows[2:]] == [
        ("cán bộ và", ME), ("đào tạo", "Lan"), ("Hà Nội", ME), ("Hà Nội", "Lan")]
    other = fresh(tmp_path)
    import_annotations(other, out)
    assert coders_of(other) == [(ME, 2), ("Lan", 2)]  # the same span twice: two coders' work
    import_annotations(other, out)
    assert coders_of(other) == [(ME, 2), ("Lan", 2)]  # importing twice adds nothing
    other.close()


def test_a_file_without_coders_is_the_current_coders_work(db, coded, tmp_path):
    out = tmp_path / "no-coder.csv"
    export(db, "csv", out, columns=["article_id", "article_title", "start", "end", "quote", "tags", "note",
                                    "unit"])  # `unit`: the whole-article code rows are not passages
    other = fresh(tmp_path)
    use_coder(other, "Hoa")
    import_annotations(other, out)
    assert coders_of(other) == [(ME, 0), ("Hoa", 3)]  # Hà Nội twice, same tags: once
    other.close()


def test_exports_restricted_to_chosen_coders(db, coded, tmp_path):
    lan = read_csv(_export(db, tmp_path, "csv", ["Lan"]))
    assert [(r["unit"], r["coder"]) for r in lan] == [("article", "Lan"), ("passage", "Lan"), ("passage", "Lan")]
    assert len(read_csv(_export(db, tmp_path, "csv", ["Lan", ME]))) == 6
    long_rows = read_csv(_export(db, tmp_path, "csv-long", [ME]))
    assert {r["coder"] for r in long_rows} == {ME}
    items = json.loads(_export(db, tmp_path, "webanno", ["Lan"]).read_text(encoding="utf-8"))
    assert {i["creator"]["name"] for i in items} == {"Lan"} and len(items) == 4  # her code, her memo
    assert export(db, "qdpx", tmp_path / "lan.qdpx", coders=["Lan"]) == 2
    with pytest.raises(ExportError, match="no coder named “Mai”"):
        export(db, "csv", tmp_path / "mai.csv", coders=["Mai"])
    assert not (tmp_path / "mai.csv").exists()


def _export(db, tmp_path: Path, key: str, coders: list[str]) -> Path:
    out = tmp_path / f"{key}-{'-'.join(coders)}.{'jsonld' if key == 'webanno' else 'csv'}"
    export(db, key, out, coders=coders)
    return out


def test_xlsx_names_the_coder_of_highlights_and_whole_article_codes(db, coded, tmp_path):
    out = tmp_path / "all.xlsx"
    export(db, "xlsx", out)
    wb = load_workbook(out)
    sheet = list(wb["Highlights"].values)
    coder = sheet[0].index("coder")
    assert [row[coder] for row in sheet[1:]] == ["Lan", ME, ME, "Lan", ME, "Lan"]  # the codes first
    codes = list(wb["Article codes"].values)
    assert codes[0] == ("article_id", "article_title", "tag", "coder", "created_at")
    assert [(r[2], r[3]) for r in codes[1:]] == [("Thể loại/Phóng sự", "Lan"), ("Thể loại/Tin", ME)]
    export(db, "xlsx", tmp_path / "lan.xlsx", coders=["Lan"])
    assert [r[3] for r in list(load_workbook(tmp_path / "lan.xlsx")["Article codes"].values)[1:]] == ["Lan"]


def test_web_annotation_creator_is_a_person_and_reads_back(db, coded, tmp_path):
    out = tmp_path / "all.jsonld"
    export(db, "webanno", out)
    items = json.loads(out.read_text(encoding="utf-8"))
    assert [i.get("creator") for i in items] == [
        {"type": "Person", "name": n}
        for n in (ME, "Lan", ME, "Lan", *sorted([ME, "Lan"]), "Lan")]  # codes by coder; the memo: its last writer
    other = fresh(tmp_path)
    import_annotations(other, out)
    assert coders_of(other) == [(ME, 2), ("Lan", 2)]
    assert codes_by_coder(other) == CODES
    other.close()
    # Other tools' agents: a list, a nickname only, an IRI alone (nobody to name).
    items = items[:3]
    items[0]["creator"] = [{"type": "Person", "nickname": "hoa"}, {"name": "X"}]
    items[1]["creator"] = "https://example.org/users/7"
    del items[2]["creator"]
    (tmp_path / "foreign.jsonld").write_text(json.dumps(items), encoding="utf-8")
    third = fresh(tmp_path, "third")
    use_coder(third, "Minh")
    import_annotations(third, tmp_path / "foreign.jsonld")
    assert coders_of(third) == [(ME, 0), ("Minh", 2), ("hoa", 1)]
    third.close()


def test_refi_qda_users_and_creating_user_validate_and_read_back(db, coded, tmp_path):
    out = tmp_path / "all.qdpx"
    export(db, "qdpx", out)
    with zipfile.ZipFile(out) as z:
        xml = z.read("project.qde")
    project_schema().validate(xml.decode("utf-8"))
    text = xml.decode("utf-8")
    assert f'guid="{coder_guid("Lan")}" name="Lan"' in text and f'name="{ME}"' in text
    assert text.count(f'creatingUser="{coder_guid("Lan")}"') == 5  # 2 selections, 2 codings, her code
    other = fresh(tmp_path)
    import_annotations(other, out)
    assert coders_of(other) == [(ME, 2), ("Lan", 2)]
    assert codes_by_coder(other) == CODES
    import_annotations(other, out)
    assert coders_of(other) == [(ME, 2), ("Lan", 2)]
    assert codes_by_coder(other) == CODES
    other.close()


def test_codings_by_several_users_on_one_selection_become_each_users_work(db, tmp_path):
    """NVivo and ATLAS.ti record who applied each code: one selection coded by two users is
    two highlights, one each."""
    ops = Operations(db)
    article = add_article(db, TEXT)
    ops.create_highlight(article, span("cán bộ và"), ["Cán bộ", "Đào tạo"])
    out = tmp_path / "one.qdpx"
    export(db, "qdpx", out)
    with zipfile.ZipFile(out) as z:
        xml = z.read("project.qde").decode("utf-8")
        sources = {n: z.read(n) for n in z.namelist() if n != "project.qde"}
    lan = coder_guid("Lan")
    xml = xml.replace("</Users>", f'<User guid="{lan}" name="Lan" /></Users>')
    last = xml.rindex('<Coding ')
    xml = xml[:last] + xml[last:].replace(f'creatingUser="{coder_guid(ME)}"', f'creatingUser="{lan}"', 1)
    project_schema().validate(xml)
    edited = tmp_path / "two-users.qdpx"
    with zipfile.ZipFile(edited, "w") as z:
        z.writestr("project.qde", xml)
        for name, data in sources.items():
            z.writestr(name, data)
    other = fresh(tmp_path)
    import_annotations(other, edited)
    assert coders_of(other) == [(ME, 1), ("Lan", 1)]
    other.close()


def test_cli_only_coder(tmp_path, seeds_copy):
    data = str(tmp_path / "lib")
    assert chugiai("--data-dir", data, "import", str(seeds_copy)).returncode == 0
    from desktop_app import paths

    db = Database.open(paths.database_path(paths.data_dir(data)))
    ops = Operations(db)
    use_coder(db, "Lan")
    ops.create_highlight(1, TextSpan(0, 3), ["Tổ chức"])
    db.close()
    out = tmp_path / "lan.csv"
    done = chugiai("--data-dir", data, "export", "-o", str(out), "--only-coder", "Lan")
    assert done.returncode == 0, done.stderr
    assert [r["coder"] for r in read_csv(out)] == ["Lan"]
    missing = chugiai("--data-dir", data, "export", "-o", str(tmp_path / "x.csv"), "--only-coder", "Mai")
    assert missing.returncode == 1 and "no coder named “Mai”" in missing.stderr
    assert "Traceback" not in missing.stderr
