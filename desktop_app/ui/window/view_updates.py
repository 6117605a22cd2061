"""How the window's views follow the one change signal.

The window's ChangeBus carries every `Changes` (an operation's, an undo's, a redo's, and
what another process committed: polled every WATCH_MS from a SQLite file, every
SERVER_POLL_MS from a server library's change log, server_connection.py).
The reading session takes it first and says what it means for the open article; the
reader, the cards, the orphans and the memo box follow the session, and the palette and
the library rows follow the bus. One path for every change: nobody refreshes by hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from desktop_app import APP_DISPLAY_NAME
from desktop_app.core.annotate.tag_paths import tree_key
from desktop_app.core.library.articles import list_articles
from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.remote import LibraryWatch
from desktop_app.core.reading_session import SessionUpdate
from desktop_app.ui.window.server_connection import SERVER_POLL_MS, ServerConnection

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow


WATCH_MS = 2000  # how often the library is asked whether another process changed it


class ViewUpdates(QObject):
    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        w.session.observers.append(self.on_session)
        w.bus.changed.connect(self.on_changes)
        # What the command line (or another window) commits to this library arrives on
        # the bus too, as one broad Changes of origin "remote" (core/operations/remote.py);
        # on a server library, exactly what other coders' operations logged.
        self.server = ServerConnection(w) if w.db.on_server else None
        self.watch = LibraryWatch(w.db.path)
        if self.server is None:
            self.watch.seen()
        self.watch_timer = QTimer(self)
        self.watch_timer.setInterval(WATCH_MS if self.server is None else SERVER_POLL_MS)
        self.watch_timer.timeout.connect(self.look_for_remote_changes)
        self.watch_timer.start()

    def look_for_remote_changes(self) -> None:
        if not self.w.isVisible():  # closed: nothing to show it in
            self.watch_timer.stop()
            self.watch.close()
            if self.server is not None:
                self.server.close()
            return
        self.w.bus.publish(self.watch.poll() if self.server is None else self.server.poll())

    def on_changes(self, changes: Changes) -> None:
        w = self.w
        if changes.origin == "remote":
            if changes.articles_added:  # imported by the command line: words and search
                w.library.index_in_background()
                if not w.segmentation_paused:
                    w.worker.start()
        elif self.server is None:  # (a server library's log knows this client's own operations)
            self.watch.ours()  # not to come back as another process's change
        update = w.session.apply(changes)  # the reader and the cards follow (on_session)
        closed = update is not None and update.opened and w.session.article is None
        if update is not None and update.metadata and not closed:
            w.reopen_current()  # a new title or hidden spans: lay the text out again
        if changes.codebook or changes.highlights or changes.reloaded:
            self.refresh_tags()  # names, colours, counts
        by_attributes = bool(w.library.filters.current().where) and bool(
            changes.attributes or changes.attribute_definitions or changes.article_codes)
        if changes.library or changes.codebook or changes.reloaded or by_attributes:
            w.library.refresh()
        else:
            for article_id in changes.articles | changes.article_metadata | changes.memos:
                for summary in list_articles(w.db, article_id):  # one row, not the library
                    w.library.update_article(summary)
        if changes.reloaded:  # another library: its search index, its first article
            w.library.index_in_background()
            if w.session.article is None:
                w.open_initial_article()
        if closed:  # the open article was deleted: its text goes, the first one listed opens
            w.reader_pane.show_article(None)
            w.setWindowTitle(APP_DISPLAY_NAME)
            w.open_initial_article()
        w.commands.update_state()

    def refresh_tags(self) -> None:
        # One tree everywhere: each tag right after its parent (tag_paths.tree_key).
        # Counted over the coders shown: blind, the palette does not tell others' work.
        tags = sorted(self.w.ops.service.list_tags(self.w.session.coders), key=lambda t: tree_key(t.name))
        self.w.panel.set_tags(tags)
        self.w.library.set_tags([t.name for t in tags])

    def on_session(self, update: SessionUpdate) -> None:
        w = self.w
        session, reader, panel = w.session, w.reader, w.panel
        if update.opened or update.reloaded:
            selected = panel.selected_id()
            highlights = session.sorted_highlights()
            if not update.opened:  # an article opened gets its text first (MainWindow.open_article)
                reader.set_highlights(highlights)
            panel.set_highlights(highlights)
            if update.reloaded and selected is not None:  # an undone retag: keep to the same card
                panel.select(selected)
        else:
            for highlight_id in update.removed:
                panel.remove(highlight_id)
                reader.remove_highlight(highlight_id)
            for info in update.upserted:  # in place: never 5,000 for one
                panel.upsert(info)
                reader.upsert_highlight(info)
        if update.orphans:
            panel.orphans.set_orphans(session.orphans)
        if update.memo and (update.opened or panel.memo.text() != session.memo):
            panel.show_memo(session.article_id, session.memo, session.memo_version)
