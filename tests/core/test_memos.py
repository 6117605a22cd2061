"""Article memos on a real SQLite file: saved, read back after reopening, kept by a
re-import, deleted with their article, refused on a read-only library."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.library.articles import article_text, list_articles
from desktop_app.core.library.ingest.importer import import_paths
from desktop_app.core.library.memos import MemoError, get_memo, memos_by_article, set_memo
from desktop_app.core.library.reimport import replace_text
from desktop_app.core.storage.database import READ_ONLY, Database, DatabaseError
from tests.core import engine_sql

MEMO = ("Bài viết nhấn mạnh công tác cán bộ.\n\n"
        "  Cần đối chiếu với bài 2 😀 — “Ban Tổ chức”\t")


@pytest.fixture
def library(db: Database, seed_files: list[Path]) -> list[int]:
    assert not import_paths(db, seed_files).failed
    return [a.id for a in list_articles(db)]


def memo_rows(db: Database) -> list[tuple]:
    return engine_sql.rows(db, "SELECT article_id, text FROM article_memos ORDER BY 1")


def test_a_memo_is_stored_as_typed_and_read_back_after_reopening(db, library):
    first = library[0]
    assert get_memo(db, first) == ""
    assert set_memo(db, first, MEMO) is True
    assert get_memo(db, first) == MEMO
    path = db.path
    db.close()
    again = Database.open(path)
    try:
        assert get_memo(again, first) == MEMO  # spaces, tab, emoji and quotes kept
        assert get_memo(again, library[1]) == ""
    finally:
        again.close()


def test_saving_the_same_text_writes_nothing_and_blank_removes_the_memo(db, library):
    first = library[0]
    set_memo(db, first, "một")
    stamp = engine_sql.scalar(db, "SELECT updated_at FROM article_memos")
    assert set_memo(db, first, "một") is False
    assert engine_sql.scalar(db, "SELECT updated_at FROM article_memos") == stamp
    assert set_memo(db, first, "hai") is True
    assert get_memo(db, first) == "hai"
    assert set_memo(db, first, " \n\t") is True  # blank: no row left behind
    assert memo_rows(db) == []
    assert set_memo(db, first, "") is False


def test_memos_by_article_lists_only_non_empty_memos_of_the_chosen_articles(db, library):
    a, b, c = library[:3]
    set_memo(db, a, "memo a")
    set_memo(db, b, "memo b")
    set_memo(db, c, "")
    assert memos_by_article(db) == {a: "memo a", b: "memo b"}
    assert memos_by_article(db, [b, c]) == {b: "memo b"}
    assert memos_by_article(db, []) == {}
    # More ids than one IN (...) may bind.
    assert memos_by_article(db, [*range(100_000, 101_200), a]) == {a: "memo a"}


def test_a_memo_survives_a_reimport_of_the_text(db, library):
    first = library[0]
    set_memo(db, first, MEMO)
    new_text = "Đoạn mở đầu mới.\n" + article_text(db, first)
    replace_text(db, first, new_text, new_text)
    assert get_memo(db, first) == MEMO


def test_deleting_an_article_deletes_its_memo_and_saving_on_it_says_why(db, library):
    first, second = library[:2]
    set_memo(db, first, "sẽ mất")
    set_memo(db, second, "còn lại")
    engine_sql.write(db, "DELETE FROM articles WHERE id = ?", first)
    assert memo_rows(db) == [(second, "còn lại")]
    with pytest.raises(MemoError, match="no longer in the library"):
        set_memo(db, first, "muộn")
    assert get_memo(db, first) == ""
    assert memo_rows(db) == [(second, "còn lại")]


def test_a_read_only_library_reads_memos_but_refuses_to_save(db, library):
    first = library[0]
    set_memo(db, first, MEMO)
    path = db.path
    db.close()
    ro = Database.open(path, read_only=True)
    try:
        assert get_memo(ro, first) == MEMO
        with pytest.raises(DatabaseError) as caught:
            set_memo(ro, first, "không lưu được")
        assert caught.value.kind == READ_ONLY
        assert "read-only" in str(caught.value)
        assert memo_rows(ro) == [(first, MEMO)]
    finally:
        ro.close()


def test_sqlite_refusing_the_write_becomes_a_read_only_error(db, library, monkeypatch):
    """A library that turned read-only while open (a remounted disk): sqlite's own error
    arrives through the session as DatabaseError kind READ_ONLY."""
    first = library[0]
    path = db.path
    db.close()
    ro = Database.open(path, read_only=True)
    try:
        monkeypatch.setattr(ro, "read_only", False)  # the app did not know it yet
        with pytest.raises(DatabaseError) as caught:
            set_memo(ro, first, "không lưu được")
        assert caught.value.kind == READ_ONLY
        assert memo_rows(ro) == []
    finally:
        ro.close()


# --- exports and imports ------------------------------------------------------------------
REFI = Path(__file__).resolve().parent.parent / "fixtures" / "refi-qda"
NS = "{urn:QDA-XML:project:1.0}"
TRICKY = "Ghi nhớ <b>&amp; “trích”\n\n  dòng ba 😀\t"


@pytest.fixture(scope="module")
def project_schema():
    import xmlschema

    return xmlschema.XMLSchema(str(REFI / "Project-mrt2019.xsd"))


def two_with_memos(db: Database) -> tuple[int, int]:
    """The Web Annotation test's two articles, highlighted, with a memo on the first and
    a formula-like one on the second."""
    from tests.core.test_webanno import annotate

    a1, a2 = annotate(db)
    set_memo(db, a1, TRICKY)
    set_memo(db, a2, "=SUM(A1)")
    return a1, a2


def sources_by_name(path: Path) -> dict[str, object]:
    import xml.etree.ElementTree as ET
    import zipfile

    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("project.qde"))
    return {s.get("name"): s for s in root.iter(f"{NS}TextSource")}


def memos_by_title(db: Database) -> dict[str, str]:
    titles = {a.id: a.title for a in list_articles(db)}
    return {titles[aid]: text for aid, text in memos_by_article(db).items()}


@pytest.fixture
def other_db(tmp_path: Path) -> Database:
    database = Database.open(tmp_path / "other" / "chugiai.sqlite3")
    yield database
    database.close()


def test_qdpx_carries_memos_as_source_descriptions_and_validates(db, tmp_path, project_schema):
    import zipfile

    from desktop_app.core.interchange.refi_export import export_qdpx
    from tests.core.test_annotations import add_article

    two_with_memos(db)
    add_article(db, "Một bài không có ghi nhớ.", title="Không memo")
    out = tmp_path / "memo.qdpx"
    export_qdpx(db, out)
    with zipfile.ZipFile(out) as z:
        project_schema.validate(z.read("project.qde").decode("utf-8"))
    sources = sources_by_name(out)
    first = sources["Hội nghị cán bộ"]
    assert first[0].tag == f"{NS}Description"  # the schema's place: before the selections
    assert first.findtext(f"{NS}Description") == TRICKY  # exactly, spaces and markup included
    assert sources["Đào tạo cán bộ"].findtext(f"{NS}Description") == "=SUM(A1)"
    assert sources["Không memo"].find(f"{NS}Description") is None


def test_qdpx_round_trip_restores_memos_and_keeps_a_memo_already_there(db, other_db, tmp_path):
    from desktop_app.core.interchange.formats import import_annotations
    from desktop_app.core.interchange.refi_export import export_qdpx
    from desktop_app.core.interchange.refi_import import import_qdpx

    two_with_memos(db)
    first, second = tmp_path / "first.qdpx", tmp_path / "second.qdpx"
    export_qdpx(db, first)
    result = import_qdpx(other_db, first)
    assert result.memos_imported == 2
    # The only note: how positions were counted where the text has an emoji (as we wrote them).
    assert [p for p in result.problems if "were read as code points" not in p] == []
    assert memos_by_title(other_db) == {"Hội nghị cán bộ": TRICKY, "Đào tạo cán bộ": "=SUM(A1)"}
    export_qdpx(other_db, second)
    assert second.read_bytes() == first.read_bytes()
    assert import_qdpx(other_db, first).memos_imported == 0  # twice: nothing doubles
    # The library's own memo is never replaced: the imported one goes below it.
    mine = next(a.id for a in list_articles(other_db) if a.title == "Đào tạo cán bộ")
    set_memo(other_db, mine, "của tôi")
    summary = import_annotations(other_db, first)
    assert "1 article memos" in summary and "added below" in summary
    assert get_memo(other_db, mine) == "của tôi\n\n=SUM(A1)"


def test_qdpx_from_another_tool_reads_notes_a_source_refers_to(db, other_db, tmp_path, project_schema):
    """NVivo and others keep a document memo as a Note the source refers to (NoteRef)."""
    import xml.etree.ElementTree as ET
    import zipfile

    from desktop_app.core.interchange.refi_export import export_qdpx
    from desktop_app.core.interchange.refi_import import import_qdpx

    a1, _a2 = two_with_memos(db)
    set_memo(db, a1, "mô tả")
    ours = tmp_path / "ours.qdpx"
    export_qdpx(db, ours)
    with zipfile.ZipFile(ours) as z:
        entries = {n: z.read(n) for n in z.namelist()}
    root = ET.fromstring(entries["project.qde"])
    root.set("origin", "NVivo 14")
    source = root.find(f"{NS}Sources/{NS}TextSource[@name='Hội nghị cán bộ']")
    values = source.findall(f"{NS}VariableValue")  # NoteRef comes before them
    at = list(source).index(values[0]) if values else len(source)
    guid = "11111111-2222-3333-4444-555555555555"
    source.insert(at, ET.Element(f"{NS}NoteRef", targetGUID=guid))
    notes = ET.Element(f"{NS}Notes")
    note = ET.SubElement(notes, f"{NS}Note", guid=guid, name="Memo")
    ET.SubElement(note, f"{NS}PlainTextContent").text = "Ghi nhớ từ NVivo"
    root.insert([c.tag for c in root].index(f"{NS}Sources") + 1, notes)
    entries["project.qde"] = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    project_schema.validate(entries["project.qde"].decode("utf-8"))
    foreign = tmp_path / "nvivo.qdpx"
    with zipfile.ZipFile(foreign, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    import_qdpx(other_db, foreign)
    assert memos_by_title(other_db)["Hội nghị cán bộ"] == "mô tả\n\nGhi nhớ từ NVivo"


def test_xlsx_articles_sheet_has_each_memo_as_safe_text(db, tmp_path):
    from openpyxl import load_workbook

    from desktop_app.core.interchange.xlsx_export import ARTICLE_COLUMNS, export_xlsx
    from tests.core.test_annotations import add_article

    two_with_memos(db)
    add_article(db, "Một bài không có ghi nhớ.", title="Không memo")
    out = tmp_path / "memo.xlsx"
    export_xlsx(db, out)
    ws = load_workbook(out)["Articles"]
    assert [c.value for c in ws[1]] == list(ARTICLE_COLUMNS) and ARTICLE_COLUMNS[-1] == "memo"
    memo = {r[1].value: r[-1] for r in ws.iter_rows(min_row=2)}
    first = memo["Hội nghị cán bộ"]
    assert first.value == TRICKY and first.alignment.wrap_text
    assert memo["Đào tạo cán bộ"].value == "=SUM(A1)"
    assert memo["Đào tạo cán bộ"].data_type == "s" and memo["Đào tạo cán bộ"].quotePrefix
    assert memo["Không memo"].value is None


def test_web_annotation_memo_is_a_whole_article_comment_that_round_trips(db, other_db, tmp_path):
    import json

    from desktop_app.core.interchange.webanno import export_webanno
    from desktop_app.core.interchange.webanno_reading import import_webanno
    from tests.core.test_annotations import add_article
    from tests.core.test_webanno import ARTICLE_1, ARTICLE_2, must_validators

    a1, _a2 = two_with_memos(db)
    first = tmp_path / "first.jsonld"
    assert export_webanno(db, first) == 4 + 2
    items = json.loads(first.read_text(encoding="utf-8"))
    validators = must_validators()
    for item in items:
        for name, validator in validators:
            assert not [e.message for e in validator.iter_errors(item)], (name, item["id"])
    memos = [i for i in items if "selector" not in i["target"]]
    assert [m["body"][0]["value"] for m in memos] == [TRICKY, "=SUM(A1)"]
    assert memos[0]["motivation"] == "commenting" and memos[0]["body"][0]["purpose"] == "commenting"
    # Only the chosen articles' memos.
    one = tmp_path / "one.jsonld"
    assert export_webanno(db, one, article_ids=[a1]) == 3 + 1
    # Into a library holding the same texts, added in the other order.
    add_article(other_db, ARTICLE_2, title="Đào tạo cán bộ")
    add_article(other_db, ARTICLE_1, title="Hội nghị cán bộ")
    result = import_webanno(other_db, first)
    assert (result.imported, result.memos, result.orphans) == (4, 2, [])
    assert memos_by_title(other_db) == {"Hội nghị cán bộ": TRICKY, "Đào tạo cán bộ": "=SUM(A1)"}
    second = tmp_path / "second.jsonld"
    export_webanno(other_db, second)
    assert second.read_bytes() == first.read_bytes()
    again = import_webanno(other_db, first)
    assert (again.imported, again.memos) == (0, 0)


def test_a_foreign_whole_page_comment_becomes_the_memo_of_the_page_s_article(db, tmp_path):
    import json

    from desktop_app.core.interchange.formats import import_annotations
    from tests.core.test_annotations import add_article
    from tests.core.test_webanno import ARTICLE_1

    a1 = add_article(db, ARTICLE_1, title="Hội nghị cán bộ")
    engine_sql.write(db, "UPDATE articles SET url = 'https://example.vn/a' WHERE id = ?", a1)
    path = tmp_path / "hypothesis.json"
    path.write_text(json.dumps([
        {"type": "Annotation", "bodyValue": "Cả bài: nguồn đáng tin",
         "target": "https://example.vn/a"},
        {"type": "Annotation", "bodyValue": "bài khác", "target": "https://example.vn/khac"},
    ], ensure_ascii=False), encoding="utf-8")
    summary = import_annotations(db, path)
    assert "1 article memos" in summary and "“bài khác”" in summary
    assert get_memo(db, a1) == "Cả bài: nguồn đáng tin"
