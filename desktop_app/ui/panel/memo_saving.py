"""Storing the memo box's edit for the window: a failure shows in the box and the status bar
(a dialog at every pause in typing would be worse; the box tries again on its next save);
another coder's change since the version the typing started from asks which to keep
(ui/dialogs/conflict_dialog.py), never writing over theirs silently."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from desktop_app.core.annotate.highlights import AnnotationError
from desktop_app.core.annotate.row_versions import ConflictError, written_versions
from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.editor import Operations
from desktop_app.core.storage.database import DatabaseError
from desktop_app.ui import wording
from desktop_app.ui.dialogs.conflict_dialog import use_mine
from desktop_app.ui.panel.memo_box import MemoBox


def save_memo(parent: QWidget, ops: Operations, box: MemoBox, article_id: int, text: str, seen: int,
              status: Callable[[str], None]) -> Changes | None:
    """Store `text` as the article's memo, made on version `seen` (-1: not known, the
    current one); the Changes to publish, or None when nothing was stored."""
    try:
        changes = ops.set_memo(article_id, text, seen=None if seen < 0 else seen)
    except ConflictError as e:
        theirs = str(e.theirs["text"])
        if use_mine(parent, e, theirs, text):
            return save_memo(parent, ops, box, article_id, text, e.version, status)
        box.take_theirs(article_id, theirs, e.version)
        return None
    except (AnnotationError, DatabaseError) as e:  # MemoError is an AnnotationError
        box.mark_failed(article_id, wording.error_text(e))
        status(wording.error_text(e))
        return None
    written = written_versions(ops).get("article_memos", article_id)
    if written is not None:
        box.mark_saved(article_id, written)
    return changes
