"""Named-entity suggestions in the reader: accept (as a highlight), reject, accept all.

Suggestions are the tagger's guesses, kept apart from the user's highlights
(core/nlp/pos_ner.py). Accepting and rejecting are core operations
(`Operations.accept_suggestions`, `reject_suggestion`: one transaction, one undo step each)
whose `Changes` go on the window's bus; the suggestions shown reload from the bus, as
every view does: an accepted one is now a highlight on the same span, which
`load_entities` leaves out, and undoing it brings the suggestion back. Accepting all of
a kind first shows them for review, each with a checkbox.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from desktop_app.core.annotate.highlights import AnnotationError, NewHighlight
from desktop_app.core.nlp import pos_ner as tagging
from desktop_app.core.nlp.pos_ner import LABELS, Suggestion
from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.editor import Operations
from desktop_app.core.storage.database import DatabaseError
from desktop_app.core.text.spans import TextSpan
from desktop_app.ui import wording
from desktop_app.ui.change_bus import ChangeBus
from desktop_app.ui.reader.view import ReaderView

ChooseTags = Callable[[Suggestion], "list[str] | None"]
# The suggestions of one kind to review, the kind's name and its tag -> those to accept (None: cancel).
Review = Callable[[list[Suggestion], str, str], "list[Suggestion] | None"]


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
        ops: Operations,
        bus: ChangeBus,
        choose_tags: ChooseTags | None = None,
        review: Review | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        self._ops = ops
        self._db = ops.db
        self._bus = bus
        self._choose_tags = choose_tags or self._ask_tags
        self._review = review or self._ask_review
        self._article_id: int | None = None
        self._shown = False
        reader.set_entity_menu(self.fill_menu)
        bus.changed.connect(self._on_changes)

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
        accept_all = QAction(self.tr("Review and accept the %n %1 suggestion(s) in this article…", "", count)
                             .replace("%1", s.label), menu)
        accept_all.triggered.connect(lambda: self.accept_all(s.label))
        actions += [with_tag, reject, accept_all]
        for action in actions:
            menu.insertAction(first, action)
        menu.insertSeparator(first)

    # --- the actions --------------------------------------------------------------------
    def _on_changes(self, changes: Changes) -> None:
        """An undone highlight may be a suggestion again; a rejection undone shows anew."""
        if self._article_id is not None and changes.touches(self._article_id):
            self.reload()

    def _run(self, change: Callable[[], Changes]) -> bool:
        """One operation, its Changes on the bus (the suggestions reload from it)."""
        try:
            changes = change()
        except (AnnotationError, DatabaseError) as e:
            self.failed.emit(wording.error_text(e))
            return False
        self._bus.publish(changes)
        return True

    def _accept(self, chosen: list[Suggestion], tags: list[str]) -> list[int]:
        article_id = self._article_id
        if article_id is None or not chosen or not tags:
            return []
        made: list[int] = []

        def change() -> Changes:
            outcome = self._ops.accept_suggestions(
                [NewHighlight(article_id, s.start, s.end, list(tags)) for s in chosen])
            made.extend(outcome.value)
            return outcome.changes

        self._run(change)
        return made

    def accept(self, s: Suggestion, tags: list[str]) -> list[int]:
        """Make the suggestion a highlight with `tags` (one undo step)."""
        return self._accept([s], tags)

    def accept_with_tag(self, s: Suggestion) -> list[int]:
        tags = self._choose_tags(s)
        return self.accept(s, tags) if tags else []

    def accept_all(self, label: str) -> list[int]:
        """The suggestions of this kind in the article, reviewed first (a checkbox each),
        as highlights tagged `label`: one undo step."""
        found = self.suggestions(label)
        if self._article_id is None or not found:
            return []
        chosen = self._review(found, self.label_name(label), label)
        return self._accept(chosen, [label]) if chosen else []

    def reject(self, s: Suggestion) -> bool:
        """Hide the suggestion for good (one undo step shows it again)."""
        article_id = self._article_id
        if article_id is None:
            return False
        return self._run(lambda: self._ops.reject_suggestion(article_id, TextSpan(s.start, s.end), s.label))

    def _ask_review(self, found: list[Suggestion], kind: str, tag: str) -> list[Suggestion] | None:
        from desktop_app.ui.dialogs.review_suggestions import ReviewSuggestionsDialog

        dialog = ReviewSuggestionsDialog(found, self._reader.text(), kind, tag, self._reader.window())
        try:
            return dialog.chosen() if dialog.exec() == ReviewSuggestionsDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def _ask_tags(self, s: Suggestion) -> list[str] | None:
        from desktop_app.ui.dialogs.tag_dialog import TagDialog

        dialog = TagDialog(self._ops.service.list_tags(), [], s.text, self._reader.window())
        try:
            if dialog.exec() != TagDialog.DialogCode.Accepted:
                return None
            return dialog.selected_tags()
        finally:
            dialog.deleteLater()
