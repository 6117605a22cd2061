"""extract_docx: paragraphs and properties of Word files, and every way one can be refused.

The .docx files are built here with zipfile, part by part, as Word writes them.
"""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.library.ingest.decode import ImportFailure
from desktop_app.core.library.ingest.docx import (
    DAMAGED,
    MAX_ENTRIES,
    NO_TEXT,
    NOT_ZIP,
    PROTECTED,
    extract_docx,
)
from desktop_app.core.library.ingest.html import Extracted

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def rels(target: str = "word/document.xml") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/officeDocument" Target="{target}"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
        'relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'
    )


def document(body: str, ns: str = W) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{ns}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<w:body>{body}<w:sectPr/></w:body></w:document>"
    )


def core(title: str = "", creator: str = "", created: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        "<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{title}</dc:title><dc:creator>{creator}</dc:creator>"
        "<cp:lastModifiedBy>Phòng Tổng hợp</cp:lastModifiedBy>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
        "</cp:coreProperties>"
    )


def docx(parts: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def word_file(body: str, properties: str | None = None, ns: str = W) -> bytes:
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": rels(),
        "word/document.xml": document(body, ns),
    }
    if properties is not None:
        parts["docProps/core.xml"] = properties
    return docx(parts)


def p(*runs: str) -> str:
    # Tab stops are w:tab elements too, in the paragraph properties: they are not text.
    properties = (
        "<w:pPr><w:tabs><w:tab w:val='left' w:pos='2880'/></w:tabs><w:jc w:val='both'/>"
        "<w:rPr><w:ins w:id='9' w:author='Biên tập'/></w:rPr></w:pPr>"
    )
    return f"<w:p>{properties}{''.join(runs)}</w:p>"


def r(text: str) -> str:
    return f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


ARTICLE = "".join(
    [
        p(r("Khuyến khích, bảo vệ cán bộ năng động, sáng tạo")),
        p(r("14/01/2022 09:16 SA")),
        p(),  # empty paragraphs are layout, not text
        # A word split over runs, as Word does after spell-checking or formatting.
        p(
            r("Sáng 13/1, tại Hội trường Bộ Quốc phòng, Ban Tổ ch"),
            r("ức Trung ương tổ chức Hội nghị"),
            '<w:del w:id="1" w:author="Biên tập"><w:r><w:delText> trực tiếp</w:delText></w:r>'
            "</w:del>",
            '<w:ins w:id="2" w:author="Biên tập"><w:r><w:t xml:space="preserve"> trực tuyến</w:t>'
            "</w:r></w:ins>",
            r(" tại 65 điểm cầu."),
        ),
        p(r("Họ và tên:"), "<w:r><w:tab/></w:r>", r("Trương Thị Mai"), "<w:r><w:br/></w:r>",
          r("Chức vụ:"), "<w:r><w:tab/><w:t>Trưởng Ban Tổ chức Trung ương   </w:t></w:r>"),
        # A hyperlink's field code is not text; its result is.
        p('<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
          '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://daihoidang.vn" '
          "</w:instrText></w:r>",
          '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', r("(Daihoidang.vn)"),
          '<w:r><w:fldChar w:fldCharType="end"/></w:r>'),
        f"<w:tbl><w:tr><w:tc>{p(r('Điểm cầu'))}</w:tc><w:tc>{p(r('65'))}</w:tc></w:tr></w:tbl>",
        # A text box: Word stores it twice (mc:Choice and the VML mc:Fallback).
        p(r("Ghi chú ảnh:"),
          "<w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><wps:txbx><w:txbxContent>"
          + p(r("Ảnh: Phương Hoa/TTXVN"))
          + "</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
          + "<mc:Fallback><w:pict><w:txbxContent>"
          + p(r("Ảnh: Phương Hoa/TTXVN"))
          + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"),
        '<w:del w:id="3" w:author="Biên tập"><w:p>' + r("Đoạn đã xóa hẳn.") + "</w:p></w:del>",
    ]
)
ARTICLE_LINES = [
    "Khuyến khích, bảo vệ cán bộ năng động, sáng tạo",
    "14/01/2022 09:16 SA",
    "Sáng 13/1, tại Hội trường Bộ Quốc phòng, Ban Tổ chức Trung ương tổ chức Hội nghị trực "
    "tuyến tại 65 điểm cầu.",
    "Họ và tên:\tTrương Thị Mai",
    "Chức vụ:\tTrưởng Ban Tổ chức Trung ương",  # trailing spaces go
    "(Daihoidang.vn)",
    "Điểm cầu",
    "65",
    "Ảnh: Phương Hoa/TTXVN",  # once: the fallback copy is skipped; text boxes come first
    "Ghi chú ảnh:",
]


def test_paragraphs_runs_revisions_tabs_and_breaks():
    properties = core(
        "Bảo vệ cán bộ dám nghĩ, dám làm", "Ban Tổ chức Trung ương", "2022-01-13T17:30:00Z"
    )
    got = extract_docx(word_file(ARTICLE, properties))
    assert got.text.split("\n") == ARTICLE_LINES
    for absent in ("trực tiếp", "Đoạn đã xóa", "HYPERLINK"):
        assert absent not in got.text
    assert got.title == "Bảo vệ cán bộ dám nghĩ, dám làm"  # dc:title
    assert got.author == "Ban Tổ chức Trung ương"  # dc:creator
    assert got.published == "2022-01-14T09:16"  # the date line beats dcterms:created
    assert got.source is None and got.url is None
    assert got.original == document(ARTICLE)
    assert isinstance(got, Extracted)


def test_without_core_properties_the_first_paragraph_is_the_title():
    body = p() + p(r("  Tiếp tục đổi mới công tác tổ chức cán bộ ")) + p(r("Nội dung."))
    got = extract_docx(word_file(body))
    assert got.title == "Tiếp tục đổi mới công tác tổ chức cán bộ"
    assert got.author is None and got.published is None
    assert got.text == "Tiếp tục đổi mới công tác tổ chức cán bộ\nNội dung."


def test_creation_date_is_used_only_without_a_date_line():
    properties = core(created="2023-04-04T03:48:00Z")
    got = extract_docx(word_file(p(r("Tiêu đề")) + p(r("Nội dung bài.")), properties))
    assert got.published == "2023-04-04"  # the day only: the time is UTC, not as printed
    assert got.title == "Tiêu đề"  # empty dc:title


def test_broken_core_properties_do_not_lose_the_text():
    got = extract_docx(word_file(p(r("Nội dung bài.")), "<cp:coreProperties><dc:title>"))
    assert got.text == "Nội dung bài." and got.title == "Nội dung bài."


def test_strict_open_xml_namespace():
    got = extract_docx(word_file(p(r("Văn bản Strict Open XML.")), ns=STRICT_W))
    assert got.text == "Văn bản Strict Open XML."


def test_main_part_is_found_through_relationships():
    data = docx(
        {"_rels/.rels": rels("/word/document2.xml"), "word/document2.xml": document(p(r("Chính.")))}
    )
    assert extract_docx(data).text == "Chính."


# ---------------------------------------------------------------- refusals


def central_directory_patch(data: bytes, offset: int, fmt: str, value: int) -> bytes:
    """Change one field of every central directory entry (what zipfile believes)."""
    out = bytearray(data)
    start = 0
    while (start := out.find(b"PK\x01\x02", start)) >= 0:
        struct.pack_into(fmt, out, start + offset, value)
        start += 4
    return bytes(out)


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", NOT_ZIP),
        ("Chỉ là văn bản thuần, không phải tệp Word.".encode(), NOT_ZIP),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, PROTECTED),
        (b"PK\x03\x04" + b"\x00" * 100, DAMAGED),
        (
            b"PK\x05\x06" + b"\x00" * 18,  # an empty ZIP archive
            "This ZIP file is not a Word document: it has no word/document.xml.",
        ),
    ],
)
def test_not_a_word_file(data: bytes, reason: str):
    with pytest.raises(ImportFailure) as failure:
        extract_docx(data)
    assert failure.value.reason == reason


def test_old_doc_and_password_protected_files_say_how_to_fix_it():
    with pytest.raises(ImportFailure) as failure:
        extract_docx(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))
    assert failure.value.reason == (
        "This Word file is password-protected or in the old .doc format; save it as .docx "
        "and import again."
    )


def test_encrypted_zip_entry():
    data = central_directory_patch(word_file(p(r("Bí mật."))), 8, "<H", 0x1)
    with pytest.raises(ImportFailure) as failure:
        extract_docx(data)
    assert failure.value.reason == PROTECTED


def test_truncated_and_corrupted_files():
    data = word_file(ARTICLE, core("Tiêu đề"))
    for end in range(0, len(data), 41):
        with pytest.raises(ImportFailure):
            extract_docx(data[:end])
    start = data.index(b"word/document.xml") + 40  # inside the deflated document
    flipped = bytes(b ^ 0x5A for b in data[start : start + 30])
    corrupted = data[:start] + flipped + data[start + 30 :]
    with pytest.raises(ImportFailure) as failure:
        extract_docx(corrupted)
    assert failure.value.reason == DAMAGED


def test_zip_bomb_is_refused_before_inflating():
    data = central_directory_patch(word_file(p(r("Nhỏ."))), 24, "<I", 300 * 1024 * 1024)
    with pytest.raises(ImportFailure) as failure:
        extract_docx(data)
    assert "expand to more than 200 MB" in failure.value.reason


def test_lying_sizes_do_not_inflate_past_them():
    # The directory says 10 bytes; the data inflates to 1 MB: zipfile stops, the CRC fails.
    body = p(r("x" * 1_000_000))
    data = central_directory_patch(word_file(body), 24, "<I", 10)
    with pytest.raises(ImportFailure):
        extract_docx(data)


def test_too_many_entries():
    parts: dict[str, str | bytes] = {f"customXml/item{i}.xml": "" for i in range(MAX_ENTRIES + 1)}
    parts["word/document.xml"] = document(p(r("Văn bản.")))
    with pytest.raises(ImportFailure) as failure:
        extract_docx(docx(parts))
    assert "parts" in failure.value.reason


def test_entity_expansion_is_refused():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body>'
        "</w:document>"
    )
    with pytest.raises(ImportFailure) as failure:
        extract_docx(docx({"word/document.xml": laughs}))
    assert failure.value.reason == DAMAGED


def test_other_formats_get_their_own_advice():
    odt = docx({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})
    with pytest.raises(ImportFailure, match="OpenDocument"):
        extract_docx(odt)
    with pytest.raises(ImportFailure, match="RTF"):
        extract_docx(rb"{\rtf1\ansi Ban T\'f4 ch\'fac}")


@pytest.mark.parametrize(
    "body",
    [
        "",
        p(),
        p(r("   ")) + p("<w:r><w:tab/></w:r>"),
        '<w:del w:id="1"><w:p>' + r("Đã xóa.") + "</w:p></w:del>",
    ],
)
def test_no_text(body: str):
    with pytest.raises(ImportFailure) as failure:
        extract_docx(word_file(body))
    assert failure.value.reason == NO_TEXT


def test_malformed_document_xml():
    with pytest.raises(ImportFailure) as failure:
        extract_docx(docx({"word/document.xml": document(p(r("Thiếu thẻ đóng")))[:-20]}))
    assert failure.value.reason == DAMAGED


# ---------------------------------------------------------------- properties


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_raise_only_import_failure(data: bytes):
    for candidate in (data, b"PK\x03\x04" + data):
        try:
            extract_docx(candidate)
        except ImportFailure:
            pass


VALID = word_file(ARTICLE, core("Tiêu đề", "Tác giả"))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255)), min_size=1, max_size=8)
)
def test_damaged_docx_raises_only_import_failure(changes: list[tuple[int, int]]):
    data = bytearray(VALID)
    for position, value in changes:
        data[position] = value
    try:
        extract_docx(bytes(data))
    except ImportFailure:
        pass


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=500) | st.text(max_size=300).map(lambda s: s.encode("utf-8", "replace")))
def test_arbitrary_document_xml_raises_only_import_failure(xml: bytes):
    try:
        extract_docx(docx({"word/document.xml": xml, "docProps/core.xml": xml}))
    except ImportFailure:
        pass


_XML_SAFE = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn")), max_size=60)


@settings(max_examples=200)
@given(st.lists(_XML_SAFE, min_size=1, max_size=5))
def test_any_paragraph_text_comes_back(texts: list[str]):
    from xml.sax.saxutils import escape

    body = "".join(p(r(escape(t))) for t in texts)
    expected = [t.strip() for t in texts if t.strip()]
    try:
        got = extract_docx(word_file(body))
    except ImportFailure as failure:
        assert not expected and failure.reason == NO_TEXT
        return
    assert got.text.split("\n") == expected
