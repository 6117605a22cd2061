"""Guards against a PySide6 release that corrupts Python's reference counts.

PySide6 6.12.0 drops one reference to None on every call of a void method; after enough
calls Python aborts ("none_dealloc"), which would end a user's afternoon of work.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QTextCursor, QTextDocument


def test_void_methods_keep_none_refcount(qapp):
    doc = QTextDocument()
    doc.setPlainText("Ban Tổ chức Trung ương")
    cursor = QTextCursor(doc)
    before = sys.getrefcount(None)
    for _ in range(1000):
        cursor.setPosition(3)
    assert sys.getrefcount(None) - before > -50
