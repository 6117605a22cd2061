"""`--tag` means the same in every export (the tag and those nested under it), what would
make a file useless or lossy is said (CoNLL with only O labels, codes QualCoder would
merge), and a .qdpx for NVivo counts UTF-16 code units. Real SQLite files."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.interchange.formats import FORMATS, ExportError, export_detailed
from desktop_app.core.interchange.refi_import import import_qdpx
from desktop_app.core.nlp.stored import save_segmentation
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Highlight
from tests.core.test_annotations import add_article

NS = "{urn:QDA-XML:project:1.0}"
TEXT = "😀 Hội nghị bàn công tác cán bộ. Đào tạo cán bộ trẻ là then chốt 🇻🇳 của Đảng."
WORDS = ["😀", "Hội nghị", "bàn", "công tác", "cán bộ", ".", "Đào tạo", "cán bộ", "trẻ", "là",
         "then chốt", "🇻🇳", "của", "Đảng", "."]


@pytest.fixture
def library(db: Database) -> Database:
    article = add_article(db, TEXT)
    spans, pos = [], 0
    for word in WORDS:
        start = TEXT.index(word, pos)
        pos = start + len(word)
        spans.append((start, pos))
    assert save_segmentation(db, article, TEXT, spans)
    service = AnnotationService(db)
    for quote, tags in [("công tác cán bộ", ["Cán bộ"]), ("Đào tạo cán bộ", ["Cán bộ/Đào tạo"]),
                        ("Đảng", ["Khác"])]:
        start = TEXT.index(quote)
        service.create_highlight(article, start, start + len(quote), tags, "")
    return db


def qdpx_selections(path: Path) -> list[tuple[str, str, str]]:
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("project.qde"))
    return [(s.get("name"), s.get("startPosition"), s.get("endPosition"))
            for s in root.iter(f"{NS}PlainTextSelection")]


def test_every_format_takes_the_tag_with_those_nested_under_it(library, tmp_path):
    assert all(f.scopes_tag for f in FORMATS.values())
    out = {key: tmp_path / f"{key}{f.extension}" for key, f in FORMATS.items()}
    for key, path in out.items():
        export_detailed(library, key, path, tag="Cán bộ")
    with open(out["csv"], encoding="utf-8-sig", newline="") as f:
        assert [r["quote"] for r in csv.DictReader(f)] == ["công tác cán bộ", "Đào tạo cán bộ"]
    labels = [line.split("\t")[3] for line in out["conll"].read_text("utf-8").splitlines()
              if line and not line.startswith("#")]
    assert [label for label in labels if label != "O"] == [
        "B-Cán_bộ", "I-Cán_bộ", "B-Cán_bộ/Đào_tạo", "I-Cán_bộ/Đào_tạo"]
    items = json.loads(out["webanno"].read_text("utf-8"))
    assert [i["target"]["selector"][0]["exact"] for i in items] == ["công tác cán bộ", "Đào tạo cán bộ"]
    assert [n for n, *_ in qdpx_selections(out["qdpx"])] == ["công tác cán bộ", "Đào tạo cán bộ"]
    with open(out["codebook"], encoding="utf-8-sig", newline="") as f:
        assert [r["tag"] for r in csv.DictReader(f)] == ["Cán bộ", "Cán bộ/Đào tạo"]
    names = [c.get("name") for c in ET.parse(out["qdc"]).iter("{urn:QDA-XML:codebook:1.0}Code")]
    assert names == ["Cán bộ", "Đào tạo"]


def test_a_tag_the_library_does_not_have_is_refused_and_nothing_is_written(library, tmp_path):
    with pytest.raises(ExportError, match="There is no tag named “Không có”"):
        export_detailed(library, "conll", tmp_path / "x.conll", tag="Không có")
    assert not (tmp_path / "x.conll").exists()


def test_conll_of_only_o_labels_says_so(library, db, tmp_path):
    other = add_article(db, "Không có gì được đánh dấu ở đây.", title="Khác")
    result = export_detailed(library, "conll", tmp_path / "a.conll", [other])
    assert result.count > 0
    assert [w.english() for w in result.warnings] == [
        "No token is labelled: the exported articles have no tagged highlights, so every label is O."]
    scoped = export_detailed(library, "conll", tmp_path / "b.conll", [other], tag="Khác")
    assert "carries the tag “Khác” or one nested under it" in scoped.warnings[0].english()
    assert export_detailed(library, "conll", tmp_path / "c.conll").warnings == ()


def test_codes_qualcoder_would_merge_are_warned_about(library, tmp_path):
    service = AnnotationService(library)
    service.create_tag("Cán bộ/Khác")  # "Khác" is also a top-level leaf
    for key in ("qdpx", "qdc"):
        result = export_detailed(library, key, tmp_path / f"a.{key}")
        assert [w.english() for w in result.warnings] == [
            "1 code name(s) are used by more than one code without sub-codes (“Khác”): QualCoder "
            "keeps one code per name and would merge them. Rename them first if the file is for "
            "QualCoder."]
    # The branch without the other "Khác" has nothing to merge.
    assert export_detailed(library, "qdc", tmp_path / "b.qdc", tag="Cán bộ").warnings == ()
    assert export_detailed(library, "csv", tmp_path / "a.csv").warnings == ()


def test_qdpx_for_nvivo_counts_utf16_and_reads_back_exactly(library, tmp_path):
    out = tmp_path / "nvivo.qdpx"
    export_detailed(library, "qdpx", out, positions="utf16")
    units = TEXT.encode("utf-16-le")
    for name, start, end in qdpx_selections(out):
        assert units[2 * int(start):2 * int(end)].decode("utf-16-le") == name
    other = Database.open(tmp_path / "other" / "chugiai.sqlite3")
    try:
        result = import_qdpx(other, out)
        assert any("were read as UTF-16 code units" in p
                   for p in result.problems)
        with other.session() as s:
            quotes = [h.quote for h in s.scalars(select(Highlight).order_by(Highlight.start))]
        assert quotes == ["công tác cán bộ", "Đào tạo cán bộ", "Đảng"]
    finally:
        other.close()
    with pytest.raises(ValueError):
        export_detailed(library, "csv", tmp_path / "a.csv", positions="utf16")
