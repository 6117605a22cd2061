"""What the user does to highlights: make, tag, note, resize, re-attach, delete, walk.

Each change goes through the core operations (one transaction, recorded for undo) and
its `Changes` is published on the window's bus; the reader, the cards, the palette and
the library rows update themselves from it. Nothing here refreshes a view by hand.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QInputDialog

from desktop_app.core.annotate.highlights import AnnotationError, HighlightInfo, NewHighlight
from desktop_app.core.annotate.resize import Edge, step_edge, whitespace_words
from desktop_app.core.annotate.row_versions import ConflictError
from desktop_app.core.operations.changes import Changes
from desktop_app.core.storage.database import DatabaseError
from desktop_app.core.text.normalize import fold
from desktop_app.core.text.spans import TextSpan
from desktop_app.ui import wording
from desktop_app.ui.common import plain_text
from desktop_app.ui.dialogs.conflict_dialog import use_mine
from desktop_app.ui.dialogs.tag_dialog import TagDialog
from desktop_app.ui.reader.view import WINDOWED_ABOVE

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow

STATUS_MS = 4000
R = TypeVar("R")


class HighlightController(QObject):
    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        self._last_focus: tuple[int, float] = (-1, 0.0)

    # --- plumbing -----------------------------------------------------------------------
    def _status(self, text: str, ms: int = STATUS_MS) -> None:
        self.w.statusBar().showMessage(text, ms)

    def _try(self, change: Callable[[], R], title: str | None = None) -> R | None:
        """Run one operation; a refusal is shown in words and nothing is published."""
        try:
            return change()
        except (AnnotationError, DatabaseError) as e:
            plain_text.warn(self.w, title or self.tr("Could not save"), wording.error_text(e))
            return None

    def _publish(self, changes: Changes) -> None:
        self.w.bus.publish(changes)

    def with_selected(self, fn: Callable[[int], object]) -> None:
        selected = self.w.panel.selected_id()
        if selected is not None:
            fn(selected)

    # --- making ---------------------------------------------------------------------------
    def highlight_selection(self, tags: list[str] | None = None) -> HighlightInfo | None:
        """Create a highlight from the reader's selection; asks for tags unless given."""
        w = self.w
        article, offsets = w.session.article, w.reader.selected_offsets()
        if article is None or offsets is None:
            self._status(self.tr("Select some text in the article first."), 5000)
            return None
        if tags is None:
            dialog = TagDialog(w.ops.service.list_tags(), [], article.text[offsets[0]:offsets[1]], w)
            if dialog.exec() != TagDialog.DialogCode.Accepted:
                return None
            tags = dialog.selected_tags()
        chosen = tags
        outcome = self._try(lambda: w.ops.create_highlight(article.id, TextSpan(*offsets), chosen),
                            self.tr("Could not highlight"))
        if outcome is None:
            return None
        info = outcome.value
        cursor = w.reader.textCursor()  # keep the caret, drop the selection
        cursor.clearSelection()
        w.reader.setTextCursor(cursor)
        self._publish(outcome.changes)
        w.reader.set_active_highlight(info.id)

        def select_card() -> None:
            w.panel.select(info.id)
            w.commands.update_state()  # a card is selected now: its commands apply

        if w.panel.model.rowCount() > WINDOWED_ABOVE:
            # Thousands of cards take ~50 ms to lay out: let the reader paint the new
            # highlight first, then select its card.
            QTimer.singleShot(0, select_card)
        else:
            select_card()
        self._status(self.tr("Highlight saved"), 3000)
        return info

    def create_highlights(self, items: list[tuple[int, int, int]], tags: list[str]) -> list[int]:
        """Many highlights as one undoable step (concordance lines, accepted suggestions)."""
        new = [NewHighlight(a, s, e, tags) for a, s, e in items]
        outcome = self._try(lambda: self.w.ops.create_highlights(new), self.tr("Could not highlight"))
        if outcome is None:
            return []
        self._publish(outcome.changes)
        return list(outcome.value)

    def reattach_orphan(self, highlight_id: int) -> HighlightInfo | None:
        """Place a highlight that lost its position on the passage selected in the reader."""
        w = self.w
        offsets = w.reader.selected_offsets()
        if w.session.article is None or offsets is None:
            return None
        outcome = self._try(lambda: w.ops.reattach(highlight_id, TextSpan(*offsets)))
        if outcome is None:
            return None
        self._publish(outcome.changes)
        w.reader.set_active_highlight(highlight_id)
        w.panel.select(highlight_id)
        self._status(self.tr("Highlight re-attached"), 3000)
        return outcome.value

    # --- tags -----------------------------------------------------------------------------
    def on_palette_tag(self, name: str) -> None:
        w = self.w
        if w.reader.selected_offsets() is not None:
            self.highlight_selection([name])
            return
        selected = w.panel.selected_id()
        if selected is None:
            self._status(self.tr("Select text, or a highlight, to apply “{tag}”.").format(tag=name), 5000)
            return
        names = w.ops.service.get_highlight(selected).tag_names
        names = [n for n in names if n != name] if name in names else names + [name]
        self._set_tags(selected, names)

    def apply_tag_number(self, n: int) -> None:
        """Ctrl+N: the N-th tag of the palette, on the selection or the selected highlight."""
        tags = self.w.panel.tag_model.rows()
        if self.w.db.read_only:
            return
        if not 1 <= n <= len(tags):
            self._status(self.tr("There is no tag number %1 yet.").replace("%1", str(n)))
            return
        self.on_palette_tag(tags[n - 1].name)

    def edit_tags(self, highlight_id: int) -> None:
        info = self.w.ops.service.get_highlight(highlight_id)
        dialog = TagDialog(self.w.ops.service.list_tags(), info.tag_names, info.quote, self.w)
        if dialog.exec() == TagDialog.DialogCode.Accepted:
            self._set_tags(highlight_id, dialog.selected_tags(), info.row_version)

    def _set_tags(self, highlight_id: int, names: list[str], seen: int = 0) -> None:
        """`seen`: the version the user chose from (0: not known, the current one)."""
        try:
            outcome = self.w.ops.set_tags(highlight_id, names, seen=seen or None)
        except ConflictError as e:  # another coder retagged it meanwhile: theirs or mine?
            if use_mine(self.w, e, ", ".join(map(str, e.theirs["tags"])), ", ".join(names)):
                self._set_tags(highlight_id, names, e.version)
            return
        except (AnnotationError, DatabaseError) as e:
            plain_text.warn(self.w, self.tr("Could not save"), wording.error_text(e))
            return
        self._publish(outcome.changes)

    def tag_many(self, ids: list[int], add: bool) -> None:
        """Add tags to, or remove one tag from, several highlights: one undo step."""
        w = self.w
        befores = [w.ops.service.get_highlight(i) for i in ids]
        if add:
            dialog = TagDialog(w.ops.service.list_tags(), [], self.tr("%n highlight(s)", "", len(ids)), w)
            if dialog.exec() != TagDialog.DialogCode.Accepted or not dialog.selected_tags():
                return
            added = dialog.selected_tags()
            changes = self._try(lambda: w.ops.retag_many(ids, add=added))
        else:
            present = sorted({n for b in befores for n in b.tag_names}, key=fold)
            if not present:
                return
            name, ok = QInputDialog.getItem(w, self.tr("Remove a tag"),
                                            self.tr("Remove this tag from the selected highlights:"),
                                            present, 0, False)
            if not ok:
                return
            changes = self._try(lambda: w.ops.retag_many(ids, remove=[name]))
        if changes is not None:
            self._publish(changes)

    # --- notes ------------------------------------------------------------------------------
    def save_note(self, highlight_id: int, note: str, seen: int = 0) -> None:
        """`seen`: the version the note was edited on (0: not known, the current one)."""
        try:
            changes = self.w.ops.set_note(highlight_id, note, seen=seen or None)
        except ConflictError as e:  # another coder changed it meanwhile: theirs or mine?
            theirs = str(e.theirs["note"])
            if use_mine(self.w, e, theirs, note):
                self.save_note(highlight_id, note, e.version)
            else:
                self.w.panel.editor.take_theirs(highlight_id, theirs, e.version)
            return
        except (AnnotationError, DatabaseError):
            return  # deleted meanwhile: nothing to save the note on
        self._publish(changes)

    # --- deleting -----------------------------------------------------------------------
    def delete_highlight(self, highlight_id: int) -> None:
        self.delete_many([highlight_id])

    def delete_many(self, ids: list[int]) -> None:
        """Delete at once, without asking: Undo brings them back, and the status bar
        says so."""
        changes = self._try(lambda: self.w.ops.delete_highlights(ids), self.tr("Could not delete"))
        if changes is None:
            return
        self._publish(changes)
        undo = self.w.undo_actions.act_undo.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        n = len(changes.highlights_deleted)
        text = (self.tr("Highlight deleted — Undo (%1)") if n == 1
                else self.tr("%n highlight(s) deleted — Undo (%1)", "", n))
        self._status(text.replace("%1", undo), 8000)

    # --- the layers at the caret --------------------------------------------------------
    def cycle_here(self, delta: int) -> HighlightInfo | None:
        """Make the next (1) or previous (-1) highlight covering the caret the current one,
        innermost first and round again; its card shows in the panel."""
        reader = self.w.reader
        offset = reader.caret_offset()
        # The caret just after a highlight's last character still counts as on it.
        hits = reader.highlights_at(offset) or (reader.highlights_at(offset - 1) if offset else [])
        if not hits:
            self._status(self.tr("No highlight at the cursor."))
            return None
        ids = [h.id for h in hits]
        active = reader.active_highlight()
        at = (ids.index(active) + delta) % len(ids) if active in ids else (0 if delta > 0 else len(ids) - 1)
        chosen = hits[at]
        reader.set_active_highlight(chosen.id)
        self.w.panel.select(chosen.id)
        self.w.commands.update_state()
        self._status(self.tr("Highlight %1 of %2 here").replace("%1", str(at + 1)).replace("%2", str(len(hits))))
        return chosen

    # --- one edge, one word -------------------------------------------------------------
    def resize_selected(self, edge: Edge, grow: bool) -> HighlightInfo | None:
        """Move one edge of the selected highlight by one word; one undo step per run of
        presses on the same highlight."""
        w = self.w
        selected, article = w.panel.selected_id(), w.session.article
        if article is None or selected is None or w.db.read_only:
            self._status(self.tr("Select a highlight first."))
            return None
        try:
            before = w.ops.service.get_highlight(selected)
        except (AnnotationError, DatabaseError) as e:
            self._status(wording.error_text(e))
            return None
        if before.orphaned:
            return None  # it has no place in the text to move from: re-attach it first
        words = w.reader.word_spans() or whitespace_words(article.text, before.start, before.end)
        span = step_edge(words, before.start, before.end, edge, grow)
        if span is None:
            message = self.tr("No more words that way.") if grow else self.tr("The highlight cannot get any shorter.")
            self._status(message)
            return None
        outcome = self._try(lambda: w.ops.resize(selected, TextSpan(*span)))
        if outcome is None:
            return None
        self._publish(outcome.changes)
        after = outcome.value
        w.reader.set_active_highlight(after.id)
        quote = " ".join(after.quote.split())
        quote = quote if len(quote) <= 60 else quote[:59] + "…"
        self._status(self.tr("Highlight: “%1”").replace("%1", quote))
        return after

    # --- selecting ----------------------------------------------------------------------
    def on_highlight_clicked_in_text(self, highlight_id: int) -> None:
        self.w.panel.select(highlight_id)
        self.w.reader.set_active_highlight(highlight_id)
        self.w.commands.update_state()

    def focus_highlight(self, highlight_id: int) -> None:
        # A click on a card fires "current changed" and "clicked": flash once.
        now = time.monotonic()
        if self._last_focus[0] == highlight_id and now - self._last_focus[1] < 0.4:
            return
        self._last_focus = (highlight_id, now)
        h = self.w.session.highlights.get(highlight_id)
        if h is not None:
            self.w.reader.set_active_highlight(h.id)
            self.w.reader.scroll_to_offsets(h.start, h.end, flash=True)
        self.w.commands.update_state()
