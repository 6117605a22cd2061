"""The interface words every code core may use, in the user's language, as plain text."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from desktop_app.core.annotate.highlights import AnnotationError
from desktop_app.core.messages import ENGLISH, Message, codes
from desktop_app.core.storage.database import DatabaseError
from desktop_app.ui import wording

PLACEHOLDER = re.compile(r"\{(\w+)\}")
COUNTED = {
    "import.summary": {"file": "a.csv", "imported": 1, "fuzzy": 0, "skipped": 2, "memos": 3,
                       "unplaced": 1, "examples": (Message("unplaced.blank"),)},
    "qdpx.summary": {"file": "p.qdpx", "highlights": 2, "articles": 1, "present": 0,
                     "codes": 3, "memos": 0, "notes": 1, "examples": (Message("qdpx.no_path"),)},
    "qdpx.positions_read": {"count": 2, "sources": ("a", "b"), "unit": Message("qdpx.unit_utf16"),
                            "evidence": Message("qdpx.evidence_fit")},
    "qdpx.positions_uncertain": {"count": 1, "sources": ("a",), "unit": "u", "alternative": "v",
                                 "agree": 1, "other": 1, "total": 2,
                                 "why": Message("qdpx.why_standard")},
    "qdc.summary": {"file": "c.qdc", "codes": 1, "present": 0},
    # Worded with or without the other coder's name (annotate/row_versions.py).
    "conflict.highlight": {"who": "Lan"},
    "conflict.tag": {"who": ""},
    "conflict.memo": {"who": "Minh"},
}


def sample(code: str) -> Message:
    english = ENGLISH[code]
    if callable(english):
        return Message(code, COUNTED[code])
    return Message(code, {name: 7 if name == "count" else f"<{name}>"
                          for name in PLACEHOLDER.findall(english)})


def test_every_core_code_has_wording():
    """A code added to core without words in ui/wording.py fails here."""
    missing = set(codes()) - wording.worded_codes()
    assert not missing, f"no wording for {sorted(missing)}"
    assert not wording.worded_codes() - set(codes()), "wording for codes core no longer has"


@pytest.mark.parametrize("code", sorted(set(codes()) - {"unworded"}))
def test_wording_names_the_same_parameters_as_the_english(qapp, code):
    words = wording.Wording().table()[code]
    english = ENGLISH[code]
    if callable(words) or callable(english):  # counted: %n stands for the count
        text = wording.message_text(sample(code))
        assert text and "{" not in text and "%n" not in text
        return
    assert set(PLACEHOLDER.findall(words)) == set(PLACEHOLDER.findall(english))
    # Untranslated, the words are the English: an English interface reads as before.
    assert wording.message_text(sample(code)) == sample(code).english()


def test_counts_use_plural_forms(qapp):
    one = Message("unplaced.ambiguous", {"count": 2})
    assert wording.message_text(one) == "the passage is in 2 articles; cannot tell which one is meant"
    line = wording.message_text(sample("import.summary"))
    # With the English plural forms the app installs (chugiai_en.qm): "1 highlight", "3 memos".
    assert line == ("a.csv: 1 highlight imported (0 placed by fuzzy match), 2 already present, "
                    "3 article memos. 1 could not be placed: the passage holds only spaces")


def test_html_in_a_parameter_comes_out_verbatim(qapp):
    error = AnnotationError(Message("tag.name_taken", {"name": "<img src=x> {path} %1 %n"}))
    text = wording.error_text(error)
    assert "“<img src=x> {path} %1 %n”" in text


def test_nested_messages_are_worded_too(qapp, tmp_path):
    problem = Message("db.busy", {"path": tmp_path / "a&b.sqlite3"})
    error = DatabaseError(Message("db.not_upgraded", {"problem": problem}))
    assert wording.error_text(error) == str(error)
    assert str(tmp_path / "a&b.sqlite3") in wording.error_text(error)


def test_an_error_without_a_message_shows_its_own_text(qapp):
    assert wording.error_text(OSError("Disk gone")) == "Disk gone"
    assert wording.error_text(AnnotationError("Only English")) == "Only English"
    assert wording.error_text(KeyError()) == "KeyError"


def test_a_code_without_wording_falls_back_to_english_and_is_logged_once(
        qapp, monkeypatch, caplog):
    monkeypatch.setitem(ENGLISH, "test.brand_new", "Brand new {thing}.")
    monkeypatch.setattr(wording, "_logged", set())
    message = Message("test.brand_new", {"thing": "<b>x</b>"})
    with caplog.at_level(logging.WARNING, logger=wording.__name__):
        assert wording.message_text(message) == "Brand new <b>x</b>."
        assert wording.message_text(message) == "Brand new <b>x</b>."
    assert [r.getMessage() for r in caplog.records].count(
        "no wording for core message 'test.brand_new'; shown in English") == 1


def _lrelease() -> str | None:
    beside = Path(sys.executable).parent / "pyside6-lrelease"
    return str(beside) if beside.exists() else shutil.which("pyside6-lrelease")


TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>Wording</name>
    <message>
        <source>That highlight no longer exists.</source>
        <translation>Đoạn đánh dấu đó không còn nữa.</translation>
    </message>
    <message>
        <source>A tag named “{name}” already exists. To put their highlights together, merge the tags instead.</source>
        <translation>Đã có thẻ tên “{name}”. Muốn gộp các đoạn đánh dấu, hãy gộp thẻ.</translation>
    </message>
    <message numerus="yes">
        <source>the passage is in %n articles; cannot tell which one is meant</source>
        <translation>
            <numerusform>đoạn văn có trong %n bài; không rõ là bài nào</numerusform>
        </translation>
    </message>
</context>
</TS>
"""


def test_vietnamese_words_from_a_translation(qapp, tmp_path):
    lrelease = _lrelease()
    if lrelease is None:
        pytest.skip("pyside6-lrelease not found")
    (tmp_path / "w.ts").write_text(TS, encoding="utf-8")
    subprocess.run([lrelease, "-silent", str(tmp_path / "w.ts"), "-qm", str(tmp_path / "w.qm")],
                   check=True)
    translator = QTranslator()
    assert translator.load(str(tmp_path / "w.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        assert wording.error_text(AnnotationError(Message("highlight.missing"))) == \
            "Đoạn đánh dấu đó không còn nữa."
        taken = AnnotationError(Message("tag.name_taken", {"name": "<i>Cán bộ</i>"}))
        assert wording.error_text(taken).startswith("Đã có thẻ tên “<i>Cán bộ</i>”.")
        assert str(taken).startswith("A tag named “<i>Cán bộ</i>”")  # the CLI keeps English
        assert wording.message_text(Message("unplaced.ambiguous", {"count": 3})) == \
            "đoạn văn có trong 3 bài; không rõ là bài nào"
    finally:
        QCoreApplication.removeTranslator(translator)
