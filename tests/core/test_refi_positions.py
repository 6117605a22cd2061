"""How a REFI-QDA file counted its positions is decided per source from evidence (selection
names, fit, word boundaries), the decision is reported, and weak evidence is said, never
hidden behind a guess. Real SQLite files; projects built as other tools write them."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import quoteattr

from sqlalchemy import select

from desktop_app.core.interchange.refi_import import import_qdpx
from desktop_app.core.interchange.refi_positions import CODE_POINTS, UTF16, at_boundary, choose_reading
from desktop_app.core.storage.models import Highlight

# Starts with astral characters: every UTF-16 position is two more than its code point.
EMOJI_START = "😀😀xin chào các bạn thân mến, hôm nay trời đẹp quá và mọi người vui."


def utf16(text: str, cp: int) -> int:
    return len(text[:cp].encode("utf-16-le")) // 2


def project(sources: list[tuple[str, list[tuple[int, int, str | None]]]], origin: str) -> bytes:
    """A foreign project: each source's text as PlainTextContent, its selections with an
    optional name, all coded with one code."""
    code = "11111111-1111-1111-1111-111111111111"
    parts = []
    for n, (text, sels) in enumerate(sources):
        xml_sels = "".join(
            f'<PlainTextSelection guid="22222222-2222-2222-{n:04d}-{i:012d}"'
            + (f" name={quoteattr(name)}" if name is not None else "")
            + f' startPosition="{s}" endPosition="{e}"><Coding guid="33333333-3333-3333-{n:04d}-'
            f'{i:012d}"><CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>'
            for i, (s, e, name) in enumerate(sels))
        content = text.replace("&", "&amp;").replace("<", "&lt;").replace("\r", "&#13;")
        parts.append(f'<TextSource guid="44444444-4444-4444-4444-{n:012d}" name="Bài {n}">'
                     f"<PlainTextContent>{content}</PlainTextContent>{xml_sels}</TextSource>")
    qde = (f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" '
           f'name="p" origin={quoteattr(origin)}><CodeBook><Codes><Code guid="{code}" name="Mã" '
           f'isCodable="true"/></Codes></CodeBook><Sources>{"".join(parts)}</Sources></Project>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("project.qde", qde.encode("utf-8"))
    return buffer.getvalue()


def quotes(db) -> list[str]:
    with db.session() as s:
        return [h.quote for h in s.scalars(select(Highlight).order_by(Highlight.id))]


def sloppy_code_point_selections() -> list[tuple[int, int]]:
    """Selections a user made in code points, edges inside words, which read as UTF-16
    (two to the left) land exactly on the words "chào", "bạn thân", "hôm nay"."""
    spans = []
    for word in ("chào", "bạn thân", "hôm nay"):
        start = EMOJI_START.index(word) + 2
        spans.append((start, start + len(word)))
    return spans


def test_names_that_match_the_text_decide_against_better_looking_boundaries(db, tmp_path):
    spans = sloppy_code_point_selections()
    # Read as UTF-16 (two to the left), all six edges fall between words; as code points,
    # none does. The names (QualCoder writes the selected text) say it counts code points.
    assert all(at_boundary(EMOJI_START, i - 2) for span in spans for i in span)
    assert not any(at_boundary(EMOJI_START, i) for span in spans for i in span)
    named = [(s, e, EMOJI_START[s:e]) for s, e in spans]
    path = tmp_path / "qualcoder.qdpx"
    path.write_bytes(project([(EMOJI_START, named)], "QualCoder 3.6"))
    result = import_qdpx(db, path)
    assert quotes(db) == [EMOJI_START[s:e] for s, e in spans]  # "ào các", ... as selected
    assert result.uncertain == ()
    assert result.problems == [
        "Positions in 1 source (source “Bài 0”) were read as code points: 3 of 3 selection "
        "names match the text read that way, 0 read as UTF-16 code units."]


def test_without_names_weak_boundary_evidence_keeps_the_standard_and_says_so(db, tmp_path):
    # One sloppy selection: read as UTF-16 its two edges fall between words, as code points
    # neither does. Two edges are no proof: the file is read as the standard says (code
    # points), and the summary says the evidence was weak.
    start, end = sloppy_code_point_selections()[0]
    choice = choose_reading(EMOJI_START, [(start, end)], origin="")
    assert (choice.unit, choice.weak, choice.alternative) == (CODE_POINTS, True, UTF16)
    path = tmp_path / "tool.qdpx"
    path.write_bytes(project([(EMOJI_START, [(start, end, None)])], "Some Tool 1.0"))
    result = import_qdpx(db, path)
    assert quotes(db) == [EMOJI_START[start:end]]
    assert len(result.uncertain) == 1
    note = result.uncertain[0].english()
    assert note.startswith("Positions in 1 source (source “Bài 0”) may count code points or "
                           "UTF-16 code units, and the file does not tell clearly (0 of 2 "
                           "selection edges fall between words read as code points, 2 read as "
                           "UTF-16 code units).")
    assert "as the REFI-QDA standard says" in note
    assert result.problems[0] == note  # first, so the summary's examples show it
    assert note in result.summary("tool.qdpx")


def test_clear_boundary_evidence_still_finds_nvivo_counting_without_names(db, tmp_path):
    text = "😀 Ban Tổ chức Trung ương 🇻🇳 tổ chức Hội nghị toàn quốc về công tác cán bộ, hôm qua."
    words = ["Ban Tổ chức", "Hội nghị", "công tác cán bộ"]
    spans = [(utf16(text, text.index(w)), utf16(text, text.index(w) + len(w)), "") for w in words]
    path = tmp_path / "nvivo.qdpx"
    path.write_bytes(project([(text, spans)], "NVivo for Windows 12.6"))
    result = import_qdpx(db, path)
    assert quotes(db) == words
    assert result.uncertain == ()
    assert result.problems == [
        "Positions in 1 source (source “Bài 0”) were read as UTF-16 code units: 6 of 6 "
        "selection edges fall between words read that way, 2 read as code points."]


def test_a_source_with_weak_evidence_follows_the_project_where_others_are_clear(db, tmp_path):
    clear_text = "😀 Ban Tổ chức Trung ương 🇻🇳 tổ chức Hội nghị toàn quốc về công tác cán bộ."
    words = ["Ban Tổ chức", "Hội nghị", "công tác cán bộ"]
    clear = [(utf16(clear_text, clear_text.index(w)),
              utf16(clear_text, clear_text.index(w) + len(w)), "") for w in words]
    # Alone, this source says little: the countings differ by one, and read either way
    # the selection ends between words; only its start tells them apart.
    weak_text = "😀\nmột hai\nba bốn"
    at = weak_text.index("một hai")
    weak = [(utf16(weak_text, at), utf16(weak_text, at + len("một hai")), "")]
    alone = choose_reading(weak_text, [(s, e) for s, e, _ in weak])
    assert alone.weak and alone.unit == CODE_POINTS
    path = tmp_path / "two.qdpx"
    path.write_bytes(project([(clear_text, clear), (weak_text, weak)], "Unknown"))
    result = import_qdpx(db, path)
    assert quotes(db) == [*words, "một hai"]
    assert result.uncertain == ()
    assert "Positions in 1 source (source “Bài 1”) were read as UTF-16 code units: the other " \
           "sources of the project show it clearly." in result.problems


def test_a_text_where_the_countings_agree_needs_no_decision_and_no_note(db, tmp_path):
    text = "Không có emoji, không có CRLF: mọi cách đếm như nhau."
    spans = [(text.index("emoji"), text.index("emoji") + 5, None)]
    path = tmp_path / "plain.qdpx"
    path.write_bytes(project([(text, spans)], "NVivo 14"))
    result = import_qdpx(db, path)
    assert quotes(db) == ["emoji"]
    assert result.problems == [] and result.uncertain == ()
