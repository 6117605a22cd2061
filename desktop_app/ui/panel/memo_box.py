"""The memo box: the user's memo on the open article, saved as they type.

Like the highlight note (annotation_panel.HighlightEditor): an edit is sent a moment after
typing stops, and at once when another article opens or the window closes. The box never
stores anything itself: it emits `memoEdited` and the window calls core.memos.set_memo,
telling the box through `mark_failed` when that did not work.

A save names the memo's version the typing started from (schema v14; -1: not known), so a
memo another coder changed meanwhile is not written over silently (memo_saving.py asks).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from desktop_app.ui.common.plain_text import plain_label, plain_tooltip


class MemoBox(QWidget):
    memoEdited = Signal(int, str, int)  # article id, the whole memo as typed, the version seen

    SAVE_DELAY_MS = 500

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._article_id: int | None = None
        # What the library holds for this article, as far as the box knows; None after a
        # failed save, so that the next flush tries again even with the text unchanged.
        self._saved: str | None = ""
        self._version = -1  # of the stored memo the text was typed from (-1: not known)
        self._read_only = False

        title = QLabel(self.tr("MEMO"))
        title.setObjectName("panelTitle")
        self.status = plain_label(object_name="memoStatus")  # may quote an error
        self.status.setContentsMargins(0, 6, 10, 0)
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.status)

        self.edit = QPlainTextEdit()
        self.edit.setObjectName("noteEditor")  # styled like the highlight note
        self.edit.setPlaceholderText(self.tr("Your thoughts on this article: saved as you type"))
        self.edit.setAccessibleName(self.tr("Memo on this article"))
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(48)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        body = QVBoxLayout()
        body.setContentsMargins(10, 0, 10, 10)
        body.addWidget(self.edit)
        layout.addLayout(body, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush_memo)
        self.edit.textChanged.connect(self._on_changed)
        # Ctrl+Return saves now, as in the note editor. Not a QShortcut: the note editor's
        # window-wide one would make the key ambiguous, and then neither would fire.
        self.edit.installEventFilter(self)
        self._refresh_state()

    # --- what the window calls ------------------------------------------------------------
    def set_article(self, article_id: int | None, memo: str = "", version: int = -1) -> None:
        """Show the memo of the article just opened (None: no article). A pending edit of
        the article shown is sent first, so switching never loses typing. `version`: the
        memo's as read (-1: not known)."""
        sent = self.flush_memo()
        same = article_id is not None and article_id == self._article_id
        if same and (sent or self._saved is None or self.edit.toPlainText() == memo):
            # Reopened (a re-import, new settings): keep the typing and the cursor; `memo`
            # may have been read before the flush, or the last save failed.
            if self.edit.toPlainText() == memo and not sent:
                self._version = version
            self._refresh_state()
            return
        self._article_id = article_id
        self._saved = memo
        self._version = version
        self.edit.blockSignals(True)
        self.edit.setPlainText(memo)
        self.edit.blockSignals(False)
        self._set_status("")
        self._refresh_state()

    def article_id(self) -> int | None:
        return self._article_id

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_read_only(self, read_only: bool) -> None:
        """A read-only library: the memo can be read and copied, not changed."""
        self._read_only = read_only
        self._set_status("")
        self._refresh_state()

    def flush_memo(self) -> bool:
        """Send a pending edit now (the timer, Ctrl+Return, an article switch, closing);
        True when something was sent."""
        self._timer.stop()
        if self._article_id is None or self._read_only:
            return False
        text = self.edit.toPlainText()
        if text == self._saved:
            return False
        self._saved = text
        self._set_status(self.tr("Saved"))
        self.memoEdited.emit(self._article_id, text, self._version)  # mark_failed may answer at once
        return True

    def mark_saved(self, article_id: int, version: int) -> None:
        """The window stored the memo; `version` is the one that save wrote."""
        if article_id == self._article_id:
            self._version = version

    def take_theirs(self, article_id: int, memo: str, version: int) -> None:
        """Show another coder's memo (the user kept theirs after a conflict)."""
        if article_id != self._article_id:
            return
        self._timer.stop()
        self._saved, self._version = memo, version
        self.edit.blockSignals(True)
        self.edit.setPlainText(memo)
        self.edit.blockSignals(False)
        self.edit.moveCursor(QTextCursor.MoveOperation.End)
        self._set_status("")

    def mark_failed(self, article_id: int, message: str) -> None:
        """The window could not store the memo: say so, and try again on the next flush."""
        if article_id != self._article_id:
            return
        self._saved = None
        self._set_status(self.tr("Not saved"), message)

    def focus(self) -> None:
        self.edit.setFocus()

    # --- internals ------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.FocusOut:
            # Saved on leaving: an undo pressed elsewhere then finds the memo's step in place.
            self.flush_memo()
        if watched is self.edit and event.type() in (QEvent.Type.ShortcutOverride,
                                                     QEvent.Type.KeyPress):
            if isinstance(event, QKeyEvent) and _is_ctrl_return(event):
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()  # the key comes to the edit, not to a window shortcut
                else:
                    self.flush_memo()
                return True
        return super().eventFilter(watched, event)

    def _on_changed(self) -> None:
        if self._article_id is not None and not self._read_only:
            self._set_status("")
            self._timer.start()

    def _set_status(self, text: str, tooltip: str = "") -> None:
        self.status.setText(text)
        self.status.setToolTip(plain_tooltip(tooltip))

    def _refresh_state(self) -> None:
        self.edit.setReadOnly(self._read_only or self._article_id is None)
        self.edit.setEnabled(self._article_id is not None)
        if self._read_only:
            self._set_status(self.tr("Read-only"),
                             self.tr("This library is read-only: the memo cannot be changed."))


def _is_ctrl_return(event: QKeyEvent) -> bool:
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and modifiers == Qt.KeyboardModifier.ControlModifier)
