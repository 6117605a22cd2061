"""A REFI-QDA codebook (.qdc), ours or another tool's, imports as tags with their colours,
descriptions and nesting, in one transaction and one undoable step. Real SQLite files."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.interchange.formats import AnnotationFileError, import_annotations
from desktop_app.core.interchange.refi_export import export_qdc
from desktop_app.core.operations.editor import Operations
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Tag
from tests.core.test_annotations import add_article

TEXT = "Ban Tổ chức Trung ương họp bàn về công tác cán bộ và đào tạo cán bộ trẻ."
FOREIGN = """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="QualCoder 3.6">
  <Codes>
    <Code guid="aaaaaaaa-0000-0000-0000-000000000001" name="Chủ đề" isCodable="false">
      <Description>Nhóm, không mã hóa</Description>
      <Code guid="aaaaaaaa-0000-0000-0000-000000000002" name="Kinh tế" isCodable="true" color="#0C0"/>
      <Code guid="aaaaaaaa-0000-0000-0000-000000000003" name="Xã hội" color="#123ABC">
        <Description>Đời sống &amp; xã hội</Description>
      </Code>
    </Code>
    <Code guid="aaaaaaaa-0000-0000-0000-000000000004" name="Có sẵn" color="#ffffff"/>
  </Codes>
</CodeBook>
"""


def tags(db: Database) -> dict[str, tuple[str, str]]:
    return {t.name: (t.color, t.description) for t in AnnotationService(db).list_tags()}


@pytest.fixture
def other(tmp_path):
    database = Database.open(tmp_path / "other" / "chugiai.sqlite3")
    yield database
    database.close()


def test_our_codebook_comes_back_with_colours_descriptions_and_nesting(db, other, tmp_path):
    service = AnnotationService(db)
    article = add_article(db, TEXT)
    service.create_highlight(article, 0, 3, ["Cán bộ", "Tổ chức/Ban Tổ chức Trung ương"])
    service.create_highlight(article, 34, 46, ["Cán bộ/Đào tạo"])
    with db.session() as s:
        for tag in s.scalars(select(Tag)):
            tag.color = "#aa00cc" if tag.name == "Cán bộ" else tag.color
            tag.description = f"Mô tả {tag.name}"
    book = tmp_path / "sổ mã.qdc"
    assert export_qdc(db, book) == 4  # three tags and the "Tổ chức" group
    summary = import_annotations(other, book)
    assert summary == "sổ mã.qdc: 4 new tags, 0 already in the codebook (kept as they are)."
    assert tags(other) == tags(db)  # names (nesting as paths), colours, descriptions
    assert "Tổ chức" in tags(other)  # a parent is a tag of its own (one tag tree)
    again = import_annotations(other, book)
    assert again == "sổ mã.qdc: 0 new tags, 4 already in the codebook (kept as they are)."


def test_another_tools_codebook_keeps_a_tag_already_there(db, tmp_path):
    AnnotationService(db).create_tag("Có sẵn", "#ff0000")
    with db.session() as s:
        s.scalar(select(Tag).where(Tag.name == "Có sẵn")).description = "của tôi"
    book = tmp_path / "qualcoder.qdc"
    book.write_text(FOREIGN, encoding="utf-8")
    assert import_annotations(db, book).startswith("qualcoder.qdc: 3 new tags, 1 already")  # "Chủ đề" too
    assert tags(db) == {
        "Chủ đề": (tags(db)["Chủ đề"][0], "Nhóm, không mã hóa"),  # the group: a tag, its description kept
        "Chủ đề/Kinh tế": ("#00cc00", ""),
        "Chủ đề/Xã hội": ("#123abc", "Đời sống & xã hội"),
        "Có sẵn": ("#ff0000", "của tôi"),  # untouched
    }


def test_codebook_import_is_one_undoable_step(db, tmp_path):
    book = tmp_path / "book.qdc"
    book.write_text(FOREIGN, encoding="utf-8")
    ops = Operations(db)
    outcome = ops.import_annotations(book)
    assert outcome.changes.codebook
    assert set(tags(db)) == {"Chủ đề", "Chủ đề/Kinh tế", "Chủ đề/Xã hội", "Có sẵn"}
    assert len(ops.history.steps) == 1
    assert ops.history.undo().codebook
    assert tags(db) == {}
    ops.history.redo()
    assert set(tags(db)) == {"Chủ đề", "Chủ đề/Kinh tế", "Chủ đề/Xã hội", "Có sẵn"}


@pytest.mark.parametrize(("content", "expected"), [
    ("<CodeBook", "it is not well-formed XML"),
    ('<Project xmlns="urn:other"/>', "it is not a REFI-QDA codebook"),
    ('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>', "holds no codes"),
])
def test_a_bad_codebook_is_refused_in_words_and_nothing_is_imported(db, tmp_path, content, expected):
    book = tmp_path / "bad.qdc"
    book.write_text(content, encoding="utf-8")
    with pytest.raises(AnnotationFileError) as error:
        import_annotations(db, book)
    assert str(error.value).startswith("bad.qdc: ") and expected in str(error.value)
    assert str(error.value).endswith("Nothing was imported.")
    assert tags(db) == {}
