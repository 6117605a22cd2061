"""File menu work that moves whole libraries or files: import of articles, export,
import of annotations, backup and restore. Background work is started in one method
each (`_start_export`, `_start_annotation_import`, `import_paths`) so that it can be
swapped for the BackgroundOp plumbing in one place."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.core.library.ingest import ImportReport
from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.editor import Operations
from desktop_app.core.operations.history import History
from desktop_app.core.operations.imports import AnnotationImport
from desktop_app.core.operations.outcome import Outcome
from desktop_app.core.progress import Progress
from desktop_app.core.storage.database import DatabaseError
from desktop_app.ui import wording
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
        files, _ = QFileDialog.getOpenFileNames(
            self.w, self.tr("Import articles"), "",
            self.tr("Articles (*.txt *.md *.html *.htm *.docx);;All files (*)")
        )
        if files:
            self.import_paths([Path(f) for f in files])

    def import_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.w, self.tr("Import a folder of articles"))
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]) -> None:
        self.w.importer.import_paths(paths)

    def imported(self, report: ImportReport) -> None:
        """Articles imported (or updated) in the background: the views update from the bus."""
        w = self.w
        updated = frozenset(aid for _p, aid, _r in report.updated)
        added = frozenset(aid for _p, aid in report.imported)
        w.bus.publish(Changes(articles_added=added, article_metadata=updated, articles=updated))
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
        dialog = ExportDialog(title, len(selected), tags, w)
        if dialog.exec() != ExportDialog.DialogCode.Accepted:
            return
        fmt = dialog.chosen_format()
        label = QCoreApplication.translate("ExportDialog", fmt.label)
        path, _ = QFileDialog.getSaveFileName(
            w, self.tr("Export annotations"), f"chu-giai-{fmt.key}{fmt.extension}", f"{label} (*{fmt.extension})"
        )
        if not path:
            return
        scope = dialog.scope()
        ids = None
        if scope == "open" and w.session.article:
            ids = [w.session.article.id]
        elif scope == "selected":
            ids = selected
        columns = dialog.chosen_columns()
        self.export_to(Path(path), fmt.key, ids, dialog.chosen_tag(), dialog.chosen_delimiter(), columns)

    def export_to(self, path: Path, key: str, article_ids: Sequence[int] | None, tag: str | None,
                  delimiter: str = ",", columns: Sequence[str] | None = None) -> None:
        """Export in the background (CoNLL may segment, XLSX may be large), followed in the
        status bar with Cancel; a cancelled or failed export leaves no file."""
        from desktop_app.core.interchange.formats import FORMATS

        unit = FORMATS[key].unit
        ids = list(article_ids) if article_ids is not None else None
        start_export(self.w, self.w.db, path, key, ids, tag, delimiter, columns, status=self.w.job_status,
                     on_success=lambda n: self.w.statusBar().showMessage(
                         self.tr("Exported %1 to %2").replace("%1", self.counted(n, unit)).replace("%2", str(path)),
                         10_000))

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
        path, _ = QFileDialog.getOpenFileName(
            self.w, self.tr("Import annotations"), "",
            self.tr("Annotation files (*.csv *.json *.jsonld *.qdpx);;All files (*)"),
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
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Annotations imported"), summary,
                          QMessageBox.StandardButton.Ok, w)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the summary quotes the file's passages
        box.exec()

    # --- backup / restore ----------------------------------------------------------------
    def backup_dialog(self) -> None:
        stamp = datetime.now().strftime("%Y-%m-%d")
        path, _ = QFileDialog.getSaveFileName(
            self.w, self.tr("Back up the library"), f"chu-giai-{stamp}.sqlite3", "SQLite (*.sqlite3)"
        )
        if path:
            self.backup_to(Path(path))

    def backup_to(self, path: Path) -> bool:
        self.w.panel.editor.flush_note()
        self.w.panel.flush_memo()
        try:
            self.w.db.backup(path)
        except Exception as e:  # sqlite3.Error, OSError: the user needs the words, not the type
            QMessageBox.warning(self.w, self.tr("Backup failed"), self.tr("Could not write {path}: {error}").format(path=path, error=e))
            return False
        self.w.statusBar().showMessage(self.tr("Library backed up to {path}").format(path=path), 10_000)
        return True

    def restore_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.w, self.tr("Restore from a backup"), "", self.tr("SQLite (*.sqlite3 *.db);;All files (*)"))
        if not path:
            return
        answer = QMessageBox.question(
            self.w,
            self.tr("Restore from backup"),
            self.tr("Replace everything in the library with the backup {path}?\n\n"
                    "A copy of the current library is kept beside it first.").format(path=path),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_from(Path(path))

    def restore_from(self, path: Path) -> bool:
        w = self.w
        w.panel.editor.flush_note()
        w.panel.flush_memo()
        w.worker.shutdown()  # no connection may write while pages are replaced
        try:
            safety = w.db.restore_from(path)
        except DatabaseError as e:
            QMessageBox.warning(w, self.tr("Restore failed"), wording.error_text(e))
            return False
        finally:
            w.worker = w.make_worker()
        w.history.clear()  # its steps were about the library that is gone
        w.session.close()
        w.library.refresh()
        w.bus.publish(Changes(codebook=True))  # every tag may differ
        w.open_initial_article()
        if not w.segmentation_paused:
            w.worker.start()
        w.statusBar().showMessage(
            self.tr("Library restored. The previous library was kept as {path}").format(path=safety), 15_000
        )
        return True
