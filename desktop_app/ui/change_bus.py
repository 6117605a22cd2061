"""The one signal views update from.

Every core operation, undo and redo returns a `Changes`; whoever ran it hands it to
`ChangeBus.publish`, and the reader, the cards, the palette, the library list and the
analysis windows each connect to `changed` and reload what they show if it is touched.
No caller refreshes a view by hand. Changes made by other coders on a shared library will
be published here too (origin "remote").
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop_app.core.operations.changes import Changes


class ChangeBus(QObject):
    changed = Signal(object)  # Changes

    def publish(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)
