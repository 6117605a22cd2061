"""The main window's keyboard actions on overlapping highlights and on a highlight's
extent (Edit menu), kept apart from main_window.py.

Keys, all chords (a bare letter would clash with Unikey/Telex):
- Alt+Right / Alt+Left: next / previous highlight covering the caret. Alt+Down / Alt+Up
  already walk along the text from highlight to highlight; left and right walk through
  the layers at one place. Ctrl+Alt+arrows were avoided: Windows graphics drivers and
  some Linux desktops take them (screen rotation, workspaces).
- Ctrl+] / Ctrl+[: the end of the selected highlight one word right / left (grow /
  shrink); Ctrl+Shift+[ / Ctrl+Shift+]: its start one word left / right (grow /
  shrink). The bracket says which way the edge moves, Shift says it is the start.
  Window actions, so Shift+Ctrl+arrows keep extending a text selection in the reader.

A mixin for MainWindow: it uses the window's reader, panel, service, history, current,
db, _run_change and statusBar.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from desktop_app.core.annotate.highlights import AnnotationError, HighlightInfo
from desktop_app.core.storage.database import DatabaseError
from desktop_app.core.annotate.resize import Edge, step_edge, whitespace_words

STATUS_MS = 4000


class HighlightActions:
    """Mixin: call `_make_highlight_actions()` after the reader and the panel exist."""

    def _make_highlight_actions(self) -> None:
        self.act_next_here = self._highlight_action(self.tr("Next highlight at the cursor"), "Alt+Right",
                                                    lambda: self.cycle_here(1))
        self.act_previous_here = self._highlight_action(self.tr("Previous highlight at the cursor"), "Alt+Left",
                                                        lambda: self.cycle_here(-1))
        self.act_grow_end = self._highlight_action(self.tr("Extend highlight end by a word"), "Ctrl+]",
                                                   lambda: self.resize_selected("end", grow=True))
        self.act_shrink_end = self._highlight_action(self.tr("Shrink highlight end by a word"), "Ctrl+[",
                                                     lambda: self.resize_selected("end", grow=False))
        self.act_grow_start = self._highlight_action(self.tr("Extend highlight start by a word"), "Ctrl+Shift+[",
                                                     lambda: self.resize_selected("start", grow=True))
        self.act_shrink_start = self._highlight_action(self.tr("Shrink highlight start by a word"), "Ctrl+Shift+]",
                                                       lambda: self.resize_selected("start", grow=False))
        self._resize_actions = [self.act_grow_end, self.act_shrink_end, self.act_grow_start, self.act_shrink_start]

    def _highlight_action(self, text: str, keys: str, slot) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        return action

    def _add_highlight_actions(self, menu: QMenu) -> None:
        menu.addActions([self.act_next_here, self.act_previous_here])
        menu.addSeparator()
        menu.addActions(self._resize_actions)

    def _update_highlight_actions(self, writable: bool, has_selected: bool) -> None:
        for action in self._resize_actions:
            action.setEnabled(writable and has_selected)

    # --- the layers at the caret --------------------------------------------------------
    def cycle_here(self, delta: int) -> HighlightInfo | None:
        """Make the next (1) or previous (-1) highlight covering the caret the current one,
        innermost first and round again; its card shows in the panel."""
        offset = self.reader.caret_offset()
        # The caret just after a highlight's last character still counts as on it.
        hits = self.reader.highlights_at(offset) or (self.reader.highlights_at(offset - 1) if offset else [])
        if not hits:
            self.statusBar().showMessage(self.tr("No highlight at the cursor."), STATUS_MS)
            return None
        ids = [h.id for h in hits]
        active = self.reader.active_highlight()
        at = (ids.index(active) + delta) % len(ids) if active in ids else (0 if delta > 0 else len(ids) - 1)
        chosen = hits[at]
        self.reader.set_active_highlight(chosen.id)
        self.panel.select(chosen.id)
        self._update_action_state()
        self.statusBar().showMessage(
            self.tr("Highlight %1 of %2 here").replace("%1", str(at + 1)).replace("%2", str(len(hits))), STATUS_MS)
        return chosen

    # --- one edge, one word -------------------------------------------------------------
    def resize_selected(self, edge: Edge, grow: bool) -> HighlightInfo | None:
        """Move one edge of the selected highlight by one word; one undo step per run of
        presses on the same highlight."""
        selected = self.panel.selected_id()
        if self.current is None or selected is None or self.db.read_only:
            self.statusBar().showMessage(self.tr("Select a highlight first."), STATUS_MS)
            return None
        try:
            before = self.service.get_highlight(selected)
        except (AnnotationError, DatabaseError) as e:
            self.statusBar().showMessage(str(e), STATUS_MS)
            return None
        if before.orphaned:
            return None  # it has no place in the text to move from: re-attach it first
        words = self.reader.word_spans() or whitespace_words(self.current.text, before.start, before.end)
        span = step_edge(words, before.start, before.end, edge, grow)
        if span is None:
            message = self.tr("No more words that way.") if grow else self.tr("The highlight cannot get any shorter.")
            self.statusBar().showMessage(message, STATUS_MS)
            return None
        after = self._run_change(lambda: self.service.reattach(selected, *span))
        if after is None:
            return None
        self.history.resized(before, after)
        self.reader.set_active_highlight(after.id)
        quote = " ".join(after.quote.split())
        quote = quote if len(quote) <= 60 else quote[:59] + "…"
        self.statusBar().showMessage(self.tr("Highlight: “%1”").replace("%1", quote), STATUS_MS)
        return after
