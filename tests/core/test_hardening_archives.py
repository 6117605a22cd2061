"""Hostile archives and files: zip bombs in .qdpx and .docx, and the .qdpx / W3C import
crashes an XML-aware fuzzer found. Each ends in a clean error naming the file or limit."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

from desktop_app.core.interchange.formats import AnnotationFileError, import_annotations
from desktop_app.core.interchange.refi_import import QdpxImportError, import_qdpx
from desktop_app.core.library.ingest.decode import ImportFailure
from desktop_app.core.library.ingest.docx import extract_docx
from desktop_app.core.storage.models import Article, Tag
from tests.core.test_refi_qda import small_project

MB = 1024 * 1024


def zip_of(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


def valid_qde() -> bytes:
    with zipfile.ZipFile(io.BytesIO(small_project("Một bài báo.", [(0, 3)], "QualCoder 3.6"))) as z:
        return z.read("project.qde")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def row_counts(db) -> tuple[int, int]:
    with db.session() as s:
        return s.query(Article).count(), s.query(Tag).count()


def qdpx_error(db, path: Path) -> str:
    before = row_counts(db)
    with pytest.raises(QdpxImportError) as error:
        import_qdpx(db, path)
    assert row_counts(db) == before  # never half an import
    message = str(error.value)
    assert message.startswith(f"{path.name}: ") and message.endswith("Nothing was imported.")
    return message


# --- zip bombs -------------------------------------------------------------------------
def test_qdpx_with_50_mb_of_zeros_is_refused_by_its_ratio(db, tmp_path):
    data = zip_of({"project.qde": valid_qde(), "Sources/zeros.txt": bytes(50 * MB)})
    assert len(data) < MB  # ~1000:1
    message = qdpx_error(db, write(tmp_path, "bomb.qdpx", data))
    assert "limit of 100:1" in message and "zip bomb" in message


def test_qdpx_with_20000_members_is_refused(db, tmp_path):
    members = {"project.qde": valid_qde(), **{f"Sources/{i}.txt": b"" for i in range(20_001)}}
    message = qdpx_error(db, write(tmp_path, "many.qdpx", zip_of(members, zipfile.ZIP_STORED)))
    assert "20,002 parts, more than the limit of 20,000" in message


def test_docx_bombs_are_refused_by_ratio(tmp_path):
    from tests.core.test_ingest_docx import p, r, word_file

    zeros = zip_of({"word/document.xml": bytes(50 * MB)})
    with pytest.raises(ImportFailure, match=r"limit of 100:1"):
        extract_docx(zeros)
    # The 819 KB -> 131-million-character article: well-formed, repetitive, under 200 MB.
    body = p(r("cán bộ " * 2_000_000))
    with zipfile.ZipFile(io.BytesIO(word_file(body))) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    with pytest.raises(ImportFailure, match="zip bomb"):
        extract_docx(zip_of(parts))
    assert extract_docx(word_file(p(r("Văn bản bình thường.")))).text == "Văn bản bình thường."


# --- the crashes the fuzzer found ------------------------------------------------------
def test_deeply_nested_codes_are_a_clean_error(db, tmp_path):
    depth = 5000
    codes = "".join(f'<Code guid="{i:08d}-0000-0000-0000-000000000000" name="c{i}" isCodable="true">'
                    for i in range(depth)) + "</Code>" * depth
    qde = (f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="p">'
           f"<CodeBook><Codes>{codes}</Codes></CodeBook></Project>")
    message = qdpx_error(db, write(tmp_path, "deep.qdpx", zip_of({"project.qde": qde.encode()})))
    assert "256 levels deep" in message


@pytest.mark.parametrize("encoding", ["x-klingon", "cp949"])
def test_an_unknown_xml_encoding_is_a_clean_error(db, tmp_path, encoding):
    qde = valid_qde().replace(b'encoding="utf-8"', f'encoding="{encoding}"'.encode())
    message = qdpx_error(db, write(tmp_path, "enc.qdpx", zip_of({"project.qde": qde})))
    assert "project.qde cannot be read" in message


def patched(data: bytes, central_offset: int, value: int, local_offset: int | None = None) -> bytes:
    """Overwrite a 2-byte field of every central directory (and local) header."""
    out = bytearray(data)
    for sig, offset in ((b"PK\x01\x02", central_offset), (b"PK\x03\x04", local_offset)):
        if offset is None:
            continue
        at = out.find(sig)
        while at != -1:
            out[at + offset:at + offset + 2] = struct.pack("<H", value)
            at = out.find(sig, at + 4)
    return bytes(out)


def test_an_unsupported_compression_method_is_a_clean_error(db, tmp_path):
    data = patched(zip_of({"project.qde": valid_qde()}, zipfile.ZIP_STORED), 10, 9, local_offset=8)  # deflate64
    message = qdpx_error(db, write(tmp_path, "d64.qdpx", data))
    assert "cannot read" in message


def test_an_unsupported_zip_version_is_a_clean_error(db, tmp_path):
    data = patched(zip_of({"project.qde": valid_qde()}), 6, 99)  # "version needed": 9.9
    message = qdpx_error(db, write(tmp_path, "v99.qdpx", data))
    assert "a zip feature this app cannot read" in message


def test_a_5000_digit_json_number_names_the_file(db, tmp_path):
    path = write(tmp_path, "số lớn.jsonld", b'{"@context": "http://www.w3.org/ns/anno.jsonld", "n": '
                 + b"7" * 5000 + b"}")
    with pytest.raises(AnnotationFileError) as error:
        import_annotations(db, path)
    assert str(error.value).startswith("Cannot import số lớn.jsonld: ")
