"""Core's user-facing errors and summaries carry a `Message` (code + parameters); their
English (str(), the CLI) is the text the app has always shown. Real SQLite files."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import zipfile
from pathlib import Path

import pytest

from desktop_app.core.annotate.highlights import AnnotationError, AnnotationService
from desktop_app.core.interchange.csv_export import export_csv
from desktop_app.core.interchange.csv_import import import_csv
from desktop_app.core.interchange.formats import (
    AnnotationFileError,
    import_annotations,
    import_annotations_detailed,
)
from desktop_app.core.library.articles import MetadataError, update_metadata
from desktop_app.core.library.memos import set_memo
from desktop_app.core.messages import ENGLISH, UNWORDED, Message, MessageError, codes, message_of
from desktop_app.core.storage.database import READ_ONLY, Database, DatabaseError
from desktop_app.core.storage.models import Article

TEXT = "Ban Tổ chức Trung ương tổ chức Hội nghị.\nCán bộ phải trung thực."
COUNTED = {  # the codes whose English is a function of counts: parameters they need
    "import.summary": {"file": "a.csv", "imported": 2, "fuzzy": 1, "skipped": 0, "memos": 1,
                       "unplaced": 1, "examples": (Message("unplaced.blank"),)},
    "qdpx.summary": {"file": "p.qdpx", "highlights": 2, "articles": 1, "present": 0,
                     "codes": 3, "memos": 0, "notes": 0, "examples": ()},
    "qdpx.positions_read": {"count": 2, "sources": ("a", "b"), "unit": "u",
                            "evidence": Message("qdpx.evidence_fit")},
    "qdpx.positions_uncertain": {"count": 1, "sources": ("a",), "unit": "u", "alternative": "v",
                                 "agree": 1, "other": 1, "total": 2,
                                 "why": Message("qdpx.why_standard")},
    "qdc.summary": {"file": "c.qdc", "codes": 1, "present": 0},
    # Who changed it, when known (a name, or "" for "another coder").
    "conflict.highlight": {"who": "Lan"},
    "conflict.tag": {"who": ""},
    "conflict.memo": {"who": "Minh"},
}


def sample(code: str) -> Message:
    """The code with a value for every parameter its English names."""
    english = ENGLISH[code]
    if callable(english):
        return Message(code, COUNTED[code])
    return Message(code, {name: f"<{name}>" for name in re.findall(r"\{(\w+)\}", english)})


def add_article(db: Database, text: str = TEXT) -> int:
    with db.session() as s:
        a = Article(title="Bài thử", text=text, original_text=text,
                    content_hash=hashlib.sha256(text.encode()).hexdigest())
        s.add(a)
        s.flush()
        return a.id


# --- the Message type ----------------------------------------------------------------
@pytest.mark.parametrize("code", sorted(codes()))
def test_every_code_has_english_that_uses_its_parameters(code):
    text = sample(code).english()
    assert text and "{" not in text
    assert str(sample(code)) == text


def test_every_code_written_in_core_is_registered():
    """Message(...) refuses an unknown code when it runs; this finds a typo on a path no
    test takes."""
    core = Path(__file__).resolve().parents[2] / "desktop_app" / "core"
    used = {code for f in core.rglob("*.py")
            for code in re.findall(r'(?:Message|self\.fail)\(\s*"([\w.]+)"', f.read_text("utf-8"))}
    assert len(used) > 60
    assert used <= set(ENGLISH), sorted(used - set(ENGLISH))


def test_an_unknown_code_is_refused_where_it_is_made():
    with pytest.raises(ValueError, match="unknown message code"):
        Message("highlight.mising")


def test_parameters_are_put_in_once_and_as_they_are():
    m = Message("tag.name_taken", {"name": "{name} <img src=x>"})
    assert m.english().startswith("A tag named “{name} <img src=x>” already exists.")


def test_a_message_cannot_be_changed_after_it_is_made():
    m = Message("metadata.bad_date", {"value": "hôm qua"})
    with pytest.raises(TypeError):
        m.params["value"] = "x"  # type: ignore[index]


def test_a_plain_string_error_is_kept_unworded():
    e = AnnotationError("Something only English says.")
    assert e.message == Message(UNWORDED, {"text": "Something only English says."})
    assert str(e) == "Something only English says."
    assert message_of(OSError("disk gone")).params["text"] == "disk gone"


# --- errors raised by real operations ------------------------------------------------
def test_highlight_errors_carry_their_code_and_todays_english(db):
    service = AnnotationService(db)
    article = add_article(db)
    with pytest.raises(AnnotationError) as gone:
        service.create_highlight(article + 1, 0, 3)
    assert gone.value.message == Message("article.missing")
    assert str(gone.value) == "The article no longer exists."
    with pytest.raises(AnnotationError) as outside:
        service.create_highlight(article, 0, len(TEXT) + 5)
    assert outside.value.message.code == "highlight.outside_text"
    with pytest.raises(AnnotationError) as blank:
        service.create_highlight(article, TEXT.index("\n"), TEXT.index("\n") + 1)
    assert str(blank.value) == "The selection holds only spaces; select some words."
    assert blank.value.message.code == "highlight.blank_selection"


def test_a_bad_date_names_the_value_typed(db):
    article = add_article(db)
    with pytest.raises(MetadataError) as e:
        update_metadata(db, article, published="ngày mai")
    assert isinstance(e.value, MessageError) and isinstance(e.value, ValueError)
    assert e.value.message == Message("metadata.bad_date", {"value": "ngày mai"})
    assert str(e.value) == ("“ngày mai” is not a date. Write it as 2023-04-04, 2023-04-04 10:48 "
                            "or 04/04/2023 10:48.")


@pytest.mark.sqlite_only("a read-only file: the message names the file")
def test_a_read_only_library_refuses_a_memo_with_its_path(tmp_path):
    path = tmp_path / "lib.sqlite3"
    Database.open(path).close()
    db = Database.open(path, read_only=True)
    try:
        with pytest.raises(DatabaseError) as e:
            set_memo(db, 1, "ghi chú")
        assert e.value.kind == READ_ONLY
        assert e.value.message == Message("db.read_only", {"path": path})
        assert db.read_only_note == e.value.message
        assert str(e.value) == db.read_only_message and str(path) in str(e.value)
    finally:
        db.close()


@pytest.mark.sqlite_only("writes PRAGMA user_version into the file")
def test_a_newer_library_says_both_schema_versions(tmp_path):
    path = tmp_path / "new.sqlite3"
    Database.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version=999")
    with pytest.raises(DatabaseError) as e:
        Database.open(path)
    assert e.value.message.code == "db.newer_than_app"
    assert e.value.message.params["version"] == 999
    assert "(schema 999, this version knows" in str(e.value)


# --- imports: errors and summaries ---------------------------------------------------
def test_an_unreadable_csv_nests_the_problem(db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"quote,tags\n\xff\xfe\xfa,x\n")
    with pytest.raises(AnnotationFileError) as e:
        import_annotations(db, bad)
    message = e.value.message
    assert message.code == "import.file_invalid" and message.params["path"] == bad
    assert message.params["problem"] == Message("import.csv_not_utf8")
    assert str(e.value) == (f"Cannot import {bad}: it is not UTF-8 text (was it saved again in "
                            "another encoding?). Nothing was imported.")


def test_a_file_of_unknown_kind_or_missing(db, tmp_path):
    with pytest.raises(AnnotationFileError) as kind:
        import_annotations(db, tmp_path / "notes.txt")
    assert kind.value.message == Message("import.unknown_kind", {"file": "notes.txt"})
    with pytest.raises(AnnotationFileError) as missing:
        import_annotations(db, tmp_path / "gone.csv")
    assert missing.value.message.code == "import.no_such_file"


def test_a_qdpx_that_is_not_a_zip(db, tmp_path):
    bad = tmp_path / "p.qdpx"
    bad.write_text("not a zip")
    with pytest.raises(AnnotationFileError) as e:
        import_annotations(db, bad)
    assert e.value.message.code == "qdpx.failed"
    assert e.value.message.params["problem"] == Message("qdpx.not_zip")
    assert str(e.value).startswith("p.qdpx: this is not a REFI-QDA project (.qdpx)")


def test_a_qdpx_without_a_project(db, tmp_path):
    bad = tmp_path / "empty.qdpx"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("readme.txt", "x")
    with pytest.raises(AnnotationFileError) as e:
        import_annotations(db, bad)
    assert e.value.message.params["problem"] == Message("qdpx.no_project")


def test_import_summary_is_data_and_its_english_is_the_line_shown_today(db, tmp_path):
    article = add_article(db)
    service = AnnotationService(db)
    service.create_highlight(article, 0, 3, ["Cơ quan"])
    service.create_highlight(article, TEXT.index("Cán bộ"), TEXT.index("Cán bộ") + 6, ["Người"])
    out = tmp_path / "a.csv"
    export_csv(db, out)
    other = Database.open(tmp_path / "other.sqlite3")
    try:
        add_article(other, TEXT.replace("Cán bộ phải", "Mọi người phải"))
        line, result = import_annotations_detailed(other, out)
        assert (result.imported, result.skipped, len(result.unplaced)) == (1, 0, 1)
        quote, why = result.unplaced[0]
        assert quote == "Cán bộ" and why == Message("unplaced.passage_gone")
        assert result.orphans == [("Cán bộ", why.english())]
        summary = result.summary_message("a.csv")
        assert summary.code == "import.summary"
        assert summary.params["imported"] == 1 and summary.params["unplaced"] == 1
        assert result.summary("a.csv") == line
        again, result = import_annotations_detailed(other, out)
        assert result.skipped == 1 and result.summary("a.csv") == again
    finally:
        other.close()


def test_csv_import_result_counts_fields(db, tmp_path):
    article = add_article(db)
    AnnotationService(db).create_highlight(article, 0, 3, ["Cơ quan"])
    out = tmp_path / "a.csv"
    export_csv(db, out)
    result = import_csv(db, out)
    assert (result.imported, result.skipped, result.unplaced) == (0, 1, ())


def test_qdpx_summary_english_is_the_line_shown_today(db, tmp_path):
    from desktop_app.core.interchange.formats import export

    article = add_article(db)
    AnnotationService(db).create_highlight(article, 0, 3, ["Cơ quan"])
    out = tmp_path / "p.qdpx"
    export(db, "qdpx", out)
    other = Database.open(tmp_path / "other.sqlite3")
    try:
        line, result = import_annotations_detailed(other, out)
        assert result.summary("p.qdpx") == line
        assert result.summary_message("p.qdpx").params["highlights"] == 1
        assert [n.english() for n in result.notes] == result.problems
    finally:
        other.close()


def test_an_export_of_a_codebook_without_tags(db, tmp_path):
    from desktop_app.core.interchange.formats import ExportError, export

    with pytest.raises(ExportError) as e:
        export(db, "qdc", tmp_path / "c.qdc")
    assert e.value.message == Message("export.no_tags")
