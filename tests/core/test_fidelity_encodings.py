"""Legacy Vietnamese encodings on import: TCVN3, VNI-Windows, VISCII, VIQR (issue 18, item 2).

The legacy files are made here from the tables in resources/encodings (legacy.encode),
from the seeds; the tables themselves are pinned by letters checked against iconv.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.library.articles import get_article, list_articles
from desktop_app.core.library.ingest import import_paths, legacy
from desktop_app.core.library.ingest.decode import read_text
from desktop_app.core.library.ingest.facts import read_facts
from desktop_app.core.storage.database import Database
from desktop_app.core.text.normalize import normalize

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
# What the legacy encodings cannot write, as a person saving the file would get it.
_PUNCTUATION = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-",
                              "…": "...", "\xa0": " "})
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _writable(text: str, encoding: str) -> str:
    """The seed as the encoding can hold it: ASCII punctuation; in TCVN3 (the ABC fonts
    have no capital letters with tones) those capitals lower-cased, as a plain-text file
    typed with the ABC fonts stores them."""
    out = []
    for ch in text.translate(_PUNCTUATION):
        for candidate in (ch, ch.lower()):
            try:
                legacy.encode(candidate, encoding)
            except UnicodeEncodeError:
                continue
            out.append(candidate)
            break
        else:
            out.append("?")
    return "".join(out)


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: letters with their vowel marks, tone
    marks as separate combining characters."""
    out = bytearray()
    for ch in text.translate(_PUNCTUATION):
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out += (base + "".join(c for c in parts if c in _TONES)).encode("cp1258", errors="replace")
    return bytes(out)


def _seed(path: Path) -> str:
    return normalize(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("encoding", "expected"), [
    (legacy.TCVN3, b"Vi\xd6t Nam \xae\xe6i m\xedi"),
    (legacy.VNI, b"Vie\xe4t Nam \xf1o\xe5i m\xf4\xf9i"),
    (legacy.VISCII, b"Vi\xaet Nam \xf0\xb1i m\xbei"),
    (legacy.VIQR, b"Vie^.t Nam ddo^?i mo+'i"),
])
def test_tables_spell_vietnamese_as_the_standards_do(encoding: str, expected: bytes) -> None:
    assert legacy.encode("Việt Nam đổi mới", encoding) == expected
    assert legacy.decode(expected, encoding) == "Việt Nam đổi mới"


@pytest.mark.parametrize("encoding", [legacy.TCVN3, legacy.VNI, legacy.VISCII, legacy.VIQR])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seeds_round_trip_through_each_legacy_encoding(seed: Path, encoding: str) -> None:
    text = _writable(_seed(seed), encoding)
    assert text.count("?") <= _seed(seed).count("?") + 5  # the seeds fit nearly whole
    data = legacy.encode(text, encoding)
    decoded = read_text(data)
    assert (decoded.codec, decoded.notice) == (encoding, None)
    assert decoded.text == normalize(text)
    assert legacy.file_bytes(decoded.original, encoding) == data  # the file's bytes, exactly


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seeds_in_windows_1258_stay_windows_1258(seed: Path) -> None:
    data = _cp1258(_seed(seed))
    decoded = read_text(data)
    assert (decoded.codec, decoded.notice) == ("cp1258", None)
    assert decoded.text == normalize(data.decode("cp1258"))
    assert decoded.original.encode("cp1258") == data


@given(st.text(min_size=1, max_size=300))
@settings(max_examples=300, deadline=None)
def test_valid_utf8_is_never_reinterpreted(text: str) -> None:
    text = normalize(text)
    if not text or any(ch in text for ch in "\x00"):
        return
    decoded = read_text(text.encode("utf-8"))
    if not text.isascii():  # VIQR is considered only for pure ASCII
        assert (decoded.codec, decoded.text) == ("utf-8", text)


def test_utf8_vietnamese_with_viqr_like_marks_is_left_alone() -> None:
    text = ("Hà Nội: mật khẩu là a' e^ dd o+ — đừng đổi. " * 20).encode("utf-8")
    decoded = read_text(text)
    assert (decoded.codec, decoded.text, decoded.notice) == ("utf-8", text.decode(), None)


def test_viqr_is_converted_only_on_strong_evidence() -> None:
    english = ("It's five o'clock. Are you there? I know the Jones' house, "
               "see the data. Okay? The idea. ") * 10
    assert read_text(english.encode()).codec == "utf-8"
    assert read_text(english.encode()).text == english
    few = "Bai viet nay co vai chu nhu Vie^.t Nam va ddo^?i mo+'i nhung phan lon la chu khong dau. " * 3
    decoded = read_text(few.encode())
    assert (decoded.codec, decoded.text) == ("utf-8", few)  # kept as typed, with a notice
    assert decoded.notice and "VIQR" in decoded.notice
    viqr = "Ho^m nay, Ban To^? chu+'c Trung u+o+ng ho.p ve^` co^ng ta'c ca'n bo^. o+? Ha` No^.i."
    decoded = read_text(viqr.encode())
    assert decoded.codec == legacy.VIQR
    assert decoded.text == "Hôm nay, Ban Tổ chức Trung ương họp về công tác cán bộ ở Hà Nội."


def test_viqr_without_escapes_reads_a_final_dot_by_context() -> None:
    text = "Anh a^'y ddi. To^i o+? la.i nha`. Chu'ng to^i bi. me^.t. " * 3
    assert legacy.viqr_to_unicode(text).startswith(
        "Anh ấy đi. Tôi ở lại nhà. Chúng tôi bị mệt. ")


def test_a_short_legacy_file_is_imported_with_a_notice(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "ngan.txt"
    path.write_bytes(legacy.encode("Đổi mới", legacy.TCVN3))
    report = import_paths(db, [path])
    [(_path, article_id)] = report.imported
    [(noticed, notice)] = report.notices
    assert noticed == path and "not certain" in notice and "TCVN3" in notice
    assert "1 with a notice" in report.summary()
    facts = read_facts(db, article_id)
    assert (facts.encoding_name, facts.notice) == ("TCVN3 (ABC)", notice)


def test_text_in_no_vietnamese_encoding_is_read_as_windows_1258_with_a_notice() -> None:
    french = ("Le député a été élu à l'unanimité; où est la forêt? Ça coûte très cher. " * 5)
    decoded = read_text(french.encode("cp1252"))
    assert (decoded.codec, decoded.text) == ("cp1258", french)
    assert decoded.notice and "No Vietnamese encoding fits" in decoded.notice


def test_import_records_the_encoding_and_keeps_the_bytes(db: Database, tmp_path: Path) -> None:
    text = _writable(_seed(SEEDS[1]), legacy.VNI)
    canonical = tmp_path / "vni.txt"
    canonical.write_bytes(legacy.encode(text, legacy.VNI))
    # A byte sequence no VNI keyboard writes ("ù" with no vowel before it): the text
    # cannot give the bytes back, so the bytes themselves are kept.
    odd = tmp_path / "vni-odd.txt"
    odd.write_bytes(legacy.encode(text + "\nGhi chú ù", legacy.VNI).replace(b"u\xf9", b"\xf9"))
    report = import_paths(db, [canonical, odd])
    assert not report.failed and not report.notices
    ids = dict(report.imported)
    stored = get_article(db, ids[canonical])
    assert stored is not None and stored.text == normalize(text)
    assert legacy.encode(stored.original_text, legacy.VNI) == canonical.read_bytes()
    facts = read_facts(db, ids[canonical])
    assert (facts.encoding, facts.encoding_name, facts.original_bytes) == (legacy.VNI, "VNI-Windows", None)
    assert read_facts(db, ids[odd]).original_bytes == odd.read_bytes()
    assert len(list_articles(db)) == 2


def test_facts_of_a_replaced_text_are_not_shown(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "bai.txt"
    path.write_bytes(legacy.encode(_writable(_seed(SEEDS[2]), legacy.TCVN3), legacy.TCVN3))
    [(_p, article_id)] = import_paths(db, [path]).imported
    assert read_facts(db, article_id).encoding == legacy.TCVN3
    path.write_text(_seed(SEEDS[2]) + "\nCập nhật.", encoding="utf-8")
    report = import_paths(db, [path])  # a new version of the same file
    assert [a for _p, a, _r in report.updated] == [article_id]
    assert read_facts(db, article_id).encoding == "utf-8"
