"""What the user does with concordance lines: tag their keywords, export them to CSV.

Tagging asks for tags and hands the keyword spans to the main window (one undoable
step); export writes on a pool thread through core, after loading every line of the
query when only the first page is shown.

A mixin of ConcordanceWindow (ui/concordance_window.py), which owns the lines and the
loading. Its strings keep the window's translation context ("ConcordanceWindow"), so
they are written as QCoreApplication.translate calls.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop_app.core.analysis.concordance import ConcordanceLine, export_concordance_csv
from desktop_app.core.analysis.concordance_pages import MAX_LINES, export_all_lines
from desktop_app.core.annotate.highlights import TagInfo
from desktop_app.ui.background import BackgroundOp
from desktop_app.ui.dialogs.tag_dialog import TagDialog
from desktop_app.ui.i18n import number

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QLabel

    from desktop_app.core.storage.database import Database
    from desktop_app.core.text.matching import MatchLevel
    from desktop_app.ui.tools.concordance_table import ConcordanceModel

Span = tuple[int, int, int]  # article id, start, end (code points)

# Type checkers see the QWidget this is mixed into; at run time it is a plain class.
_Base = QWidget if TYPE_CHECKING else object


class ConcordanceActions(_Base):
    """Tag selected lines and export every line, for ConcordanceWindow."""

    if TYPE_CHECKING:  # what the mixin uses of ConcordanceWindow
        db: Database
        model: ConcordanceModel
        status: QLabel
        _tag_lines: Callable[[list[Span], list[str]], None]
        _tags: Callable[[], Sequence[str | TagInfo]]
        _shown: tuple[str, MatchLevel] | None
        _complete: bool
        _capped: bool
        _total: int | None
        _then: Callable[[], None] | None
        exported: SignalInstance
        failed: SignalInstance

        def selected_lines(self) -> list[ConcordanceLine]: ...
        def load_all(self) -> None: ...

    def tag_selected(self) -> None:
        """Ask for tags, then hand the keyword spans of the selected lines to tag_lines
        (the main window makes it one undoable step)."""
        translate = QCoreApplication.translate
        lines = self.selected_lines()
        if not lines or self.db.read_only:
            return
        if len(lines) == 1:
            line = lines[0]
            quote = f"…{line.left[-50:]}{line.keyword}{line.right[:50]}…"
        else:
            quote = lines[0].keyword
        dialog = TagDialog(self._tag_infos(), [], quote, self)
        dialog.setWindowTitle(translate("ConcordanceWindow", "Tags for the selected line") if len(lines) == 1 else
                              translate("ConcordanceWindow", "Tags for %1 selected lines")
                              .replace("%1", number(len(lines))))
        accepted = dialog.exec() == TagDialog.DialogCode.Accepted
        tags = dialog.selected_tags()
        dialog.deleteLater()
        if not accepted or not tags:
            return
        self._tag_lines([(l.article_id, l.start, l.end) for l in lines], tags)
        self.status.setText(translate("ConcordanceWindow", "Tagged %Ln line(s) with %1", "", len(lines))
                            .replace("%1", ", ".join(tags)))

    def export_csv(self, path: Path | str | None = None, delimiter: str = ",") -> None:
        """Write every line of the query (loading them first if only a page is shown) in
        the order shown; more lines than a list holds (MAX_LINES) are streamed to the file
        in article order instead. Without a path, ask for one and for the separator."""
        if self._shown is None or not self.model.rowCount():
            return
        if path is None:
            path, delimiter = self._ask_export_path()
            if not path:
                return
        path = Path(path)
        if not self._complete and (self._capped or (self._total or 0) > MAX_LINES):
            query, level = self._shown
            self.status.setText(QCoreApplication.translate("ConcordanceWindow", "Exporting to %1…")
                                .replace("%1", str(path)))
            (BackgroundOp(self, lambda progress: export_all_lines(self.db, query, level, path, delimiter, progress))
             .on_success(lambda n: self._exported(path, n))
             .on_failure(lambda message: self._export_failed(path, message))
             .run())
            return
        if not self._complete:
            self._then = lambda: self.export_csv(path, delimiter)
            self.load_all()
            return
        lines = self.model.lines()
        self.status.setText(QCoreApplication.translate("ConcordanceWindow", "Exporting to %1…")
                            .replace("%1", str(path)))
        (BackgroundOp(self, lambda _progress: export_concordance_csv(lines, path, delimiter))
         .on_success(lambda n: self._exported(path, n))
         .on_failure(lambda message: self._export_failed(path, message))
         .run())

    def _exported(self, path: Path, rows: int) -> None:
        if shiboken6.isValid(self):
            self.status.setText(QCoreApplication.translate("ConcordanceWindow", "Exported %Ln line(s) to %1", "",
                                                           rows).replace("%1", str(path)))
            self.exported.emit(str(path), rows)

    def _export_failed(self, path: Path, message: str) -> None:
        if shiboken6.isValid(self):
            self.status.setText(QCoreApplication.translate("ConcordanceWindow", "Could not write %1: %2")
                                .replace("%1", str(path)).replace("%2", message))
            self.failed.emit(message)

    def _tag_infos(self) -> list[TagInfo]:
        """TagDialog wants TagInfo; `tags` may give names only (then without colours)."""
        return [t if isinstance(t, TagInfo) else TagInfo(id=-1 - i, name=str(t), color="")
                for i, t in enumerate(self._tags())]

    def _ask_export_path(self) -> tuple[str, str]:
        translate = QCoreApplication.translate
        comma = translate("ConcordanceWindow", "CSV, comma-separated (*.csv)")
        semicolon = translate("ConcordanceWindow", "CSV for Excel with decimal commas, semicolon-separated (*.csv)")
        name = re.sub(r"[^\w-]+", "-", self._shown[0] if self._shown else "").strip("-") or "concordance"
        path, chosen = QFileDialog.getSaveFileName(self, translate("ConcordanceWindow", "Export the concordance"),
                                                   f"concordance-{name}.csv", f"{comma};;{semicolon}")
        return path, ";" if chosen == semicolon else ","
