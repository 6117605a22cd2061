"""Fuzzing every importer with structure-aware hostile files: XML trees in the REFI-QDA
vocabulary inside zips (odd encodings, compression, nesting), W3C JSON with wrong types and
huge numbers, CSV rows of anything, HTML, DOCX and raw bytes.

Only clean user-facing outcomes are allowed: the import succeeds, or it raises the
documented error (AnnotationFileError; a per-file line in the ImportReport for articles)
with a message; and a failed import leaves the library exactly as it was. Bounded:
~50 examples per importer, no deadline, well under 30 s in all.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.interchange.csv_export import COLUMNS
from desktop_app.core.interchange.formats import AnnotationFileError, import_annotations
from desktop_app.core.library.ingest import import_paths
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article, Highlight, Tag, highlight_tags
from tests.core.test_annotations import add_article

TEXT = "Hội nghị bàn về công tác cán bộ. Câu có 😀 biểu tượng; dòng hai:\nĐảng viên mới."
FUZZ = settings(max_examples=50, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

TYPED = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
NUMBERS = st.one_of(st.integers(-5, 200), st.integers(), st.floats(allow_nan=True),
                    st.just(int("9" * 60)), st.sampled_from(["1e309", "-0", "NaN", "0x10"]))


@pytest.fixture(scope="module")
def library():
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "data" / "chugiai.sqlite3")
        article = add_article(db, TEXT, title="Bài fuzz")
        yield db, article, Path(tmp)
        db.close()


def counts(db: Database) -> tuple[int, ...]:
    with db.session() as s:
        return (s.query(Article).count(), s.query(Highlight).count(), s.query(Tag).count(),
                s.query(highlight_tags).count())


def import_cleanly(db: Database, path: Path) -> None:
    """The one property: success, or AnnotationFileError with a message and nothing stored."""
    before = counts(db)
    try:
        import_annotations(db, path)
    except AnnotationFileError as e:
        assert str(e).strip()
        assert counts(db) == before, "a failed import stored part of the file"


# --- REFI-QDA (.qdpx) ------------------------------------------------------------------
NS = "urn:QDA-XML:project:1.0"
ELEMENTS = ["Project", "CodeBook", "Codes", "Code", "Sources", "TextSource", "PlainTextContent",
            "PlainTextSelection", "Coding", "CodeRef", "Description", "Notes", "Note", "NoteRef",
            "Variables", "Variable", "VariableValue", "VariableRef", "TextValue", "PictureSource", "x"]
ATTRS = ["guid", "name", "startPosition", "endPosition", "targetGUID", "isCodable", "color",
         "plainTextPath", "origin", "creationDateTime", "modifiedDateTime", "typeOfVariable"]
GUIDS = st.sampled_from(["11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222", ""])
ATTR_VALUES = st.one_of(GUIDS, NUMBERS.map(str), TYPED, st.sampled_from(
    ["internal://a.txt", "internal://../../etc/passwd", "#ABC", "true", "false", "2024-01-01T00:00:00Z"]))


def _escape(text: str) -> str:
    return "".join(c for c in text if c in "\t\n\r" or c >= " ").replace("&", "&amp;") \
        .replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


XML_TREES = st.recursive(
    st.builds(lambda t: _escape(t), TYPED),
    lambda children: st.builds(
        lambda tag, attrs, kids: f"<{tag}" + "".join(f' {k}="{_escape(str(v))}"' for k, v in attrs.items())
        + ">" + "".join(kids) + f"</{tag}>",
        st.sampled_from(ELEMENTS), st.dictionaries(st.sampled_from(ATTRS), ATTR_VALUES, max_size=4),
        st.lists(children, max_size=4)),
    max_leaves=25)


@st.composite
def qdpx_files(draw) -> bytes:
    body = draw(st.lists(XML_TREES, max_size=3))
    depth = draw(st.sampled_from([0, 0, 0, 300]))  # sometimes nested past the limit
    codes = '<Code guid="c" name="n">' * depth + "</Code>" * depth
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "UTF-16", "x-unknown", "cp949", "latin-1"]))
    qde = (f'<?xml version="1.0" encoding="{encoding}"?><Project xmlns="{NS}" name="p" '
           f'origin="{_escape(draw(TYPED))}"><CodeBook><Codes>{codes}</Codes></CodeBook>'
           + "".join(body) + "</Project>")
    qde_bytes = qde.encode("utf-8")
    if draw(st.booleans()):  # truncate or flip bytes: broken XML
        cut = draw(st.integers(0, len(qde_bytes)))
        qde_bytes = qde_bytes[:cut]
    members = {"project.qde": qde_bytes}
    for name in draw(st.lists(st.sampled_from(["Sources/a.txt", "sources/A.TXT", "Sources/b.txt",
                                               "x/../y", "project2.qde"]), max_size=3, unique=True)):
        members[name] = draw(st.one_of(st.binary(max_size=60), TYPED.map(lambda t: t.encode("utf-8"))))
    method = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2,
                                   zipfile.ZIP_LZMA]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    data = buffer.getvalue()
    if draw(st.integers(0, 4)) == 0:  # damage the archive itself
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
    return data


@FUZZ
@given(data=qdpx_files())
def test_qdpx_import_only_fails_cleanly(library, data):
    db, _article, tmp = library
    path = tmp / "fuzz.qdpx"
    path.write_bytes(data)
    import_cleanly(db, path)


# --- W3C Web Annotation JSON(-LD) --------------------------------------------------------
JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), NUMBERS.filter(lambda n: not isinstance(n, str)), TYPED),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(TYPED, children, max_size=4)),
    max_leaves=20)


@st.composite
def webanno_files(draw) -> bytes:
    selector = {"type": draw(st.sampled_from(["TextQuoteSelector", "TextPositionSelector", "x"])),
                "exact": draw(st.one_of(st.sampled_from(["cán bộ", "Đảng viên", "😀"]), TYPED, JSON_VALUES)),
                "start": draw(st.one_of(NUMBERS, JSON_VALUES)), "end": draw(st.one_of(NUMBERS, JSON_VALUES))}
    annotation = {"type": "Annotation", "id": draw(TYPED),
                  "body": draw(st.one_of(JSON_VALUES, st.lists(st.fixed_dictionaries(
                      {"type": st.just("TextualBody"), "purpose": st.sampled_from(["tagging", "commenting"]),
                       "value": st.one_of(TYPED, JSON_VALUES)}), max_size=3))),
                  "target": draw(st.one_of(JSON_VALUES, st.just({"source": "x", "selector": [selector]})))}
    document = draw(st.one_of(st.just({"@context": "http://www.w3.org/ns/anno.jsonld",
                                       "type": "AnnotationCollection", "items": [annotation]}),
                              st.just([annotation]), JSON_VALUES))
    text = json.dumps(document, ensure_ascii=draw(st.booleans()), default=str)
    if draw(st.integers(0, 5)) == 0:
        text = text.replace("0", "0" * 4500, 1)  # a number past int's digit limit
    if draw(st.integers(0, 5)) == 0:
        text = text[:draw(st.integers(0, len(text)))]
    return text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"])))


@FUZZ
@given(data=webanno_files())
def test_webanno_import_only_fails_cleanly(library, data):
    db, _article, tmp = library
    path = tmp / "fuzz.jsonld"
    path.write_bytes(data)
    import_cleanly(db, path)


# --- CSV ---------------------------------------------------------------------------------
CELLS = st.one_of(TYPED, NUMBERS.map(str), st.sampled_from(["cán bộ", "Bài fuzz", "1", "", "=SUM(A1)"]))


@st.composite
def csv_files(draw) -> bytes:
    header = draw(st.one_of(st.just(list(COLUMNS)), st.permutations(list(COLUMNS)),
                            st.lists(st.sampled_from([*COLUMNS, "x"]), max_size=14)))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=len(header) + 2), max_size=5))
    out = io.StringIO()
    import csv

    writer = csv.writer(out, delimiter=draw(st.sampled_from([",", ";", "\t"])))
    writer.writerow(header)
    writer.writerows(rows)
    text = out.getvalue()
    if draw(st.booleans()):
        text += draw(TYPED)  # a stray tail: unbalanced quotes, NULs, ...
    encoded = text.encode(draw(st.sampled_from(["utf-8-sig", "utf-8", "utf-16", "cp1258"])), "replace")
    return encoded if draw(st.integers(0, 6)) else draw(st.binary(max_size=200))


@FUZZ
@given(data=csv_files())
def test_csv_import_only_fails_cleanly(library, data):
    db, _article, tmp = library
    path = tmp / "fuzz.csv"
    path.write_bytes(data)
    import_cleanly(db, path)


# --- article files: HTML, DOCX, TXT ------------------------------------------------------
HTML_TAGS = ["html", "head", "title", "meta", "body", "article", "div", "p", "br", "script", "style",
             "h1", "span", "table", "td", "a", "img", "noscript", "template", "svg", "math"]
HTML_TREES = st.recursive(
    TYPED.map(_escape),
    lambda children: st.builds(
        lambda tag, attrs, kids: f"<{tag}" + "".join(f' {k}="{_escape(v)}"' for k, v in attrs.items())
        + ">" + "".join(kids) + (f"</{tag}>" if tag not in ("br", "img", "meta") else ""),
        st.sampled_from(HTML_TAGS),
        st.dictionaries(st.sampled_from(["class", "property", "content", "name", "charset", "src"]),
                        TYPED, max_size=3),
        st.lists(children, max_size=4)),
    max_leaves=30)


@st.composite
def article_files(draw) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["html", "docx", "txt"]))
    if kind == "html":
        charset = draw(st.sampled_from(["utf-8", "windows-1258", "x-bogus", "utf-16"]))
        page = f'<!DOCTYPE html><html><head><meta charset="{charset}">' + draw(HTML_TREES) + "</html>"
        return ".html", page.encode("utf-8")
    if kind == "docx":
        body = draw(XML_TREES).replace("<Code", "<w:p").replace("</Code>", "</w:p>")
        xml = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
               f'openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("word/document.xml", xml.encode("utf-8"))
            if draw(st.booleans()):
                z.writestr("docProps/core.xml", draw(XML_TREES).encode("utf-8"))
        return ".docx", buffer.getvalue()
    return ".txt", draw(st.one_of(st.binary(max_size=300), TYPED.map(lambda t: t.encode("utf-8"))))


@FUZZ
@given(file=article_files())
def test_article_import_only_reports_per_file(library, file):
    db, _article, tmp = library
    suffix, data = file
    path = tmp / f"fuzz{suffix}"
    path.write_bytes(data)
    before = counts(db)[0]
    report = import_paths(db, [path])
    assert all(isinstance(reason, str) and reason.strip() for _p, reason in report.failed)
    assert counts(db)[0] == before + len(report.imported)
