"""The reader never scrolls sideways: its lines always wrap to the column."""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtWidgets import QApplication

from desktop_app.core.nlp import pos_ner as tagging
from desktop_app.ui.reader.view import ReaderView
from tests.conftest import SEEDS

TAGS = ["N", "V", "A", "Np", "M", "E"]


def test_colouring_parts_of_speech_leaves_no_horizontal_scroll_bar(reader: ReaderView) -> None:
    # Word colours shape each line in runs; some lines then measure a fraction of a pixel
    # wider than they were broken for (seen on this sample at about one width in twenty-five).
    text = unicodedata.normalize("NFC", sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8"))
    spans = [(m.start(), m.end(), TAGS[i % len(TAGS)]) for i, m in enumerate(re.finditer(r"\w+", text))]
    assert {tagging.pos_class(t) for _s, _e, t in spans} >= {"noun", "verb", "adjective"}
    reader.resize(700, 6000)  # every block in view, so every block is coloured
    reader.set_article(text)
    QApplication.processEvents()
    reader.set_pos(spans)
    reader.set_show_pos(True)
    assert reader._pos_blocks, "the text is coloured"
    scrolls = []
    for width in range(400, 700, 3):
        reader.resize(width, 6000)
        QApplication.processEvents()  # the scroll range follows the new layout in an event
        if reader.horizontalScrollBar().maximum() != 0:
            scrolls.append((width, reader.horizontalScrollBar().maximum()))
    assert scrolls == []
    assert reader.document().size().width() <= reader.viewport().width() + 1
