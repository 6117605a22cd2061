"""Named-entity suggestions in the reader: accept (as a highlight), reject, accept all.

Suggestions are the tagger's guesses, kept apart from the user's highlights
(core/tagging.py). Accepting one asks the window to create highlights through
`create_highlights`, which the window records as one undo step; rejecting one is stored
with `tagging.reject` and recorded through `push_undo` with its own undo and redo. After
either, the suggestions are reloaded: an accepted one is now a highlight on the same
span, which `load_entities` leaves out; undoing that highlight brings it back, once the
window calls `reload()`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from desktop_app.core.nlp import pos_ner as tagging
from desktop_app.core.nlp.pos_ner import LABELS, Suggestion
from desktop_app.core.storage.database import Database, DatabaseError
from desktop_app.ui import wording
from desktop_app.ui.reader.view import ReaderView

CreateHighlights = Callable[[list[tuple[int, int, int]], list[str]], list[int]]
PushUndo = Callable[[str, Callable[[], object], Callable[[], object]], None]
ChooseTags = Callable[[Suggestion], "list[str] | None"]


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class SuggestionController(QObject):
    """Offers the suggestion actions in the reader's context menu, for the open article."""

    failed = Signal(str)  # a sentence for the user (e.g. the library is read-only)
    changed = Signal()  # the suggestions shown changed (accepted, rejected, undone)

    def __init__(
        self,
        reader: ReaderView,
        db: Database,
        create_highlights: CreateHighlights,
        push_undo: PushUndo | None = None,
        choose_tags: ChooseTags | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        self._db = db
        self._create_highlights = create_highlights
        self._push_undo = push_undo
        self._choose_tags = choose_tags or self._ask_tags
        self._article_id: int | None = None
        self._shown = False
        reader.set_entity_menu(self.fill_menu)

    def label_name(self, label: str) -> str:
        return {"PER": self.tr("person"), "LOC": self.tr("place"),
                "ORG": self.tr("organisation")}.get(label, label)

    # --- the open article ---------------------------------------------------------------
    def set_shown(self, show: bool) -> None:
        """The "Show named entities" toggle: suggestions are loaded (and the reader draws
        them) only while it is on, so opening an article costs nothing when it is off."""
        self._shown = show
        self._reader.set_show_entities(show)
        self.reload()

    def is_shown(self) -> bool:
        return self._shown

    def set_article(self, article_id: int | None) -> None:
        """Call after opening an article (the reader's set_article clears suggestions)."""
        self._article_id = article_id
        self.reload()

    def article_id(self) -> int | None:
        return self._article_id

    def reload(self) -> None:
        """Show the stored suggestions again (after tagging, an undo, a deleted highlight)."""
        entities = None
        if self._article_id is not None and self._shown:
            try:
                entities = tagging.load_entities(self._db, self._article_id)
            except DatabaseError as e:
                self.failed.emit(wording.error_text(e))
        self._reader.set_entities(entities)
        self.changed.emit()

    def on_article_tagged(self, article_id: int) -> None:
        """Connect to SegmentationWorker.article_tagged."""
        if article_id == self._article_id:
            self.reload()

    def suggestions(self, label: str | None = None) -> list[Suggestion]:
        return [s for s in self._reader.entities() if label is None or s.label == label]

    # --- the menu -----------------------------------------------------------------------
    def fill_menu(self, menu: QMenu, s: Suggestion) -> None:
        """Put the actions for suggestion `s` at the top of the reader's context menu."""
        if self._article_id is None:
            return
        first = menu.actions()[0] if menu.actions() else None
        title = QAction(self.tr("Suggested {0}: “{1}”").format(self.label_name(s.label), _short(s.text)), menu)
        title.setEnabled(False)
        actions = [title]
        for label in LABELS:
            act = QAction(self.tr("Accept as {0} ({1})").format(label, self.label_name(label)), menu)
            act.triggered.connect(lambda _=False, lb=label: self.accept(s, [lb]))
            actions.append(act)
        with_tag = QAction(self.tr("Accept with tag…"), menu)
        with_tag.triggered.connect(lambda: self.accept_with_tag(s))
        reject = QAction(self.tr("Reject suggestion"), menu)
        reject.triggered.connect(lambda: self.reject(s))
        count = len(self.suggestions(s.label))
        accept_all = QAction(self.tr("Accept all {0} {1} suggestions in this article")
                             .format(count, s.label), menu)
        accept_all.triggered.connect(lambda: self.accept_all(s.label))
        actions += [with_tag, reject, accept_all]
        for action in actions:
            menu.insertAction(first, action)
        menu.insertSeparator(first)

    # --- the actions --------------------------------------------------------------------
    def accept(self, s: Suggestion, tags: list[str]) -> list[int]:
        """Make the suggestion a highlight with `tags` (one undo step, the window's)."""
        if self._article_id is None or not tags:
            return []
        ids = self._create_highlights([(self._article_id, s.start, s.end)], list(tags))
        self.reload()
        return ids

    def accept_with_tag(self, s: Suggestion) -> list[int]:
        tags = self._choose_tags(s)
        return self.accept(s, tags) if tags else []

    def accept_all(self, label: str) -> list[int]:
        """Every suggestion of this kind in the article, as highlights tagged `label`."""
        if self._article_id is None:
            return []
        items = [(self._article_id, s.start, s.end) for s in self.suggestions(label)]
        if not items:
            return []
        ids = self._create_highlights(items, [label])
        self.reload()
        return ids

    def reject(self, s: Suggestion) -> bool:
        """Hide the suggestion for good; undoable when `push_undo` was given."""
        article_id = self._article_id
        if article_id is None:
            return False
        try:
            done = tagging.reject(self._db, article_id, s.start, s.end, s.label)
        except DatabaseError as e:
            self.failed.emit(wording.error_text(e))
            return False
        if done and self._push_undo is not None:
            def undo() -> None:
                tagging.unreject(self._db, article_id, s.start, s.end, s.label)
                self._reload_if_open(article_id)

            def redo() -> None:
                tagging.reject(self._db, article_id, s.start, s.end, s.label)
                self._reload_if_open(article_id)

            self._push_undo(_short(s.text), undo, redo)
        self.reload()
        return done

    def _reload_if_open(self, article_id: int) -> None:
        if article_id == self._article_id:
            self.reload()

    def _ask_tags(self, s: Suggestion) -> list[str] | None:
        from desktop_app.core.annotate.highlights import AnnotationService
        from desktop_app.ui.dialogs.tag_dialog import TagDialog

        dialog = TagDialog(AnnotationService(self._db).list_tags(), [], s.text, self._reader.window())
        try:
            if dialog.exec() != TagDialog.DialogCode.Accepted:
                return None
            return dialog.selected_tags()
        finally:
            dialog.deleteLater()
