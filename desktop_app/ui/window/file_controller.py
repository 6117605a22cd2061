"""File menu work that moves whole libraries or files: import of articles, export,
import of annotations, backup (restore, check and the automatic backups: safety.py). Background work is started in one method
each (`_start_export`, `_start_annotation_import`, `import_paths`) so that it can be
swapped for the BackgroundOp plumbing in one place."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop_app.core.library.coders import list_coders
from desktop_app.core.library.ingest import ImportReport
from desktop_app.core.messages import Message
from desktop_app.core.operations.editor import Operations
from desktop_app.core.operations.history import History
from desktop_app.core.operations.imports import AnnotationImport
from desktop_app.core.operations.outcome import Outcome
from desktop_app.core.operations.server_writes import import_changes
from desktop_app.core.progress import Progress
from desktop_app.ui import wording
from desktop_app.ui.common import file_dialogs, plain_text
from desktop_app.ui.dialogs.export_dialog import ExportDialog
from desktop_app.ui.window.jobs import start_annotation_import, start_export

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow


class FileController(QObject):
    """Every method runs in the GUI thread."""

    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w

    def import_files_dialog(self) -> None:
        files = file_dialogs.open_file_names(
            self.w, self.w.settings, "articles", self.tr("Import articles"),
            self.tr("Articles (*.txt *.md *.html *.htm *.docx);;All files (*)")
        )
        if files:
            self.import_paths([Path(f) for f in files])

    def import_folder_dialog(self) -> None:
        folder = file_dialogs.existing_directory(self.w, self.w.settings, "articles",
                                                 self.tr("Import a folder of articles"))
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path], summary: bool = False) -> None:
        self.w.importer.import_paths(paths, summary)

    def imported(self, report: ImportReport) -> None:
        """Articles imported (or updated) in the background: the views update from the bus."""
        w = self.w
        w.bus.publish(import_changes(report))
        w.library.index_in_background()
        if report.imported or report.updated:
            if w.session.article is None and report.imported:
                w.library.select_article(report.imported[0][1])
            w.worker.start()

    def export_dialog(self) -> None:
        w = self.w
        title = w.session.article.title if w.session.article else None
        selected = w.library.selected_article_ids()
        tags = [t.name for t in w.ops.service.list_tags()]
        dialog = ExportDialog(title, len(selected), tags, w, settings=w.settings,
                              coder_names=[c.name for c in list_coders(w.db)])
        if dialog.exec() != ExportDialog.DialogCode.Accepted:
            return
        fmt = dialog.chosen_format()
        label = QCoreApplication.translate("ExportDialog", fmt.label)
        path, _ = QFileDialog.getSaveFileName(
            w, self.tr("Export annotations"), str(dialog.suggested_path()), f"{label} (*{fmt.extension})"
        )
        if not path:
            return
        dialog.remember_folder(Path(path))
        scope = dialog.scope()
        ids = None
        if scope == "open" and w.session.article:
            ids = [w.session.article.id]
        elif scope == "selected":
            ids = selected
        columns = dialog.chosen_columns()
        self.export_to(Path(path), fmt.key, ids, dialog.chosen_tag(), dialog.chosen_delimiter(), columns,
                       dialog.chosen_positions(), coders=dialog.chosen_coders())

    def export_to(self, path: Path, key: str, article_ids: Sequence[int] | None, tag: str | None,
                  delimiter: str = ",", columns: Sequence[str] | None = None,
                  positions: str = "codepoints", coders: Sequence[str] | None = None) -> None:
        """Export in the background (CoNLL may segment, XLSX may be large), followed in the
        status bar with Cancel; a cancelled or failed export leaves no file. What the user
        should know about the file written (codes QualCoder would merge, a CoNLL file of
        only O labels) is shown once it is written."""
        from desktop_app.core.interchange.formats import FORMATS

        unit = FORMATS[key].unit
        ids = list(article_ids) if article_ids is not None else None
        start_export(self.w, self.w.db, path, key, ids, tag, delimiter, columns, status=self.w.job_status,
                     on_success=lambda n: self.w.statusBar().showMessage(
                         self.tr("Exported %1 to %2").replace("%1", self.counted(n, unit)).replace("%2", str(path)),
                         10_000),
                     positions=positions, on_warnings=lambda notes: self._export_warnings(path, notes),
                     coders=coders)

    def _export_warnings(self, path: Path, notes: Sequence[Message]) -> None:
        text = self.tr("{path} was written. Worth knowing:").format(path=path.name)
        text += "\n\n" + "\n\n".join(wording.message_text(n) for n in notes)
        box = plain_text.plain_message_box(self.w, QMessageBox.Icon.Warning,
                                           self.tr("Exported, with a warning"), text)  # names tags
        box.open()  # not exec(): the window stays usable

    def counted(self, n: int, unit: str) -> str:
        """An export's count with its noun, in the plural form the count takes."""
        words = {
            "highlights": lambda: self.tr("%Ln highlight(s)", "", n),
            "rows": lambda: self.tr("%Ln row(s)", "", n),
            "tags": lambda: self.tr("%Ln tag(s)", "", n),
            "annotations": lambda: self.tr("%Ln annotation(s)", "", n),
            "codes": lambda: self.tr("%Ln code(s)", "", n),
            "tokens": lambda: self.tr("%Ln token(s)", "", n),
        }
        word = words.get(unit)
        return word() if word is not None else f"{n} {QCoreApplication.translate('ExportDialog', unit)}"

    def import_annotations_dialog(self) -> None:
        path = file_dialogs.open_file_name(
            self.w, self.w.settings, "annotations", self.tr("Import annotations"),
            self.tr("Annotation files (*.csv *.json *.jsonld *.qdpx *.qdc);;All files (*)"),
        )
        if path:
            self.import_annotations_from(Path(path))

    def import_annotations_from(self, path: Path) -> None:
        """Import in the background, as one undoable step. The import records its undo on
        a history of its own (History is not for other threads); the step moves to the
        window's history when the result arrives in the GUI thread."""
        db, scratch = self.w.db, History()

        def run(p: Path, progress: Progress) -> Outcome[AnnotationImport]:
            return Operations(db, scratch).import_annotations(p, progress)

        start_annotation_import(self.w, db, path, status=self.w.job_status, run=run,  # type: ignore[arg-type]
                                on_success=lambda outcome: self._annotations_imported(path, outcome, scratch))

    def _annotations_imported(self, path: Path, outcome: Outcome[AnnotationImport], scratch: History) -> None:
        w = self.w
        for step in scratch.steps:
            w.history.push(step)
        w.bus.publish(outcome.changes)
        if outcome.changes.articles_added:
            w.worker.start()  # a .qdpx may have brought new articles
        result = outcome.value.result
        summary_message = getattr(result, "summary_message", None)
        summary = (wording.message_text(summary_message(path.name)) if summary_message is not None
                   else outcome.value.summary)
        # Plain text: the summary quotes the file's passages.
        plain_text.inform(w, self.tr("Annotations imported"), summary)

    # --- backup ----------------------------------------------------------------
    def backup_dialog(self) -> None:
        stamp = datetime.now().strftime("%Y-%m-%d")
        path, _ = file_dialogs.save_file_name(
            self.w, self.w.settings, "backups", self.tr("Back up the library"), f"chu-giai-{stamp}.sqlite3",
            "SQLite (*.sqlite3)"
        )
        if path:
            self.backup_to(Path(path))

    def backup_to(self, path: Path) -> bool:
        self.w.panel.editor.flush_note()
        self.w.panel.flush_memo()
        # A shared library is copied row by row over the network (seconds for 10,000
        # articles): the cursor says the window is busy meanwhile.
        busy = self.w.db.on_server
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.w.db.backup(path)
            failed = None
        except Exception as e:  # sqlite3.Error, OSError: the user needs the words, not the type
            failed = e
        finally:
            if busy:
                QApplication.restoreOverrideCursor()
        if failed is not None:
            plain_text.warn(self.w, self.tr("Backup failed"),
                            self.tr("Could not write {path}: {error}").format(path=path, error=failed), selectable=True)
            return False
        self.w.statusBar().showMessage(self.tr("Library backed up to {path}").format(path=path), 10_000)
        return True
