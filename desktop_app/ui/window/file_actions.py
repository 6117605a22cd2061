"""File menu work that moves whole libraries or files: export, import of annotations,
backup and restore. A mixin of MainWindow (it uses the window's db, library, panel,
reader, worker and status bar), kept apart so the window stays readable."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.core.storage.database import DatabaseError
from desktop_app.core.library.memos import get_memo
from desktop_app.ui.dialogs.export_dialog import ExportDialog
from desktop_app.ui.tasks import run_in_background


class FileActions:
    """Mixed into MainWindow; every method runs in the GUI thread."""

    def export_dialog(self) -> None:
        title = self.current.title if self.current else None
        selected = self.library.selected_article_ids()
        tags = [t.name for t in self.service.list_tags()]
        dialog = ExportDialog(title, len(selected), tags, self)
        if dialog.exec() != ExportDialog.DialogCode.Accepted:
            return
        fmt = dialog.chosen_format()
        label = QCoreApplication.translate("ExportDialog", fmt.label)
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export annotations"), f"chu-giai-{fmt.key}{fmt.extension}", f"{label} (*{fmt.extension})"
        )
        if not path:
            return
        scope = dialog.scope()
        ids = None
        if scope == "open" and self.current:
            ids = [self.current.id]
        elif scope == "selected":
            ids = selected
        columns = dialog.chosen_columns()
        self.export_to(Path(path), fmt.key, ids, dialog.chosen_tag(), dialog.chosen_delimiter(), columns)

    def export_to(self, path: Path, key: str, article_ids, tag, delimiter: str = ",", columns=None) -> None:
        """Export in the background (CoNLL may segment, XLSX may be large) and report."""
        from desktop_app.core.interchange.csv_export import COLUMNS, export_csv
        from desktop_app.core.interchange.formats import FORMATS, export

        unit = QCoreApplication.translate("ExportDialog", FORMATS[key].unit)
        if key == "csv" and columns and list(columns) != list(COLUMNS):
            job = lambda: export_csv(self.db, path, article_ids, delimiter, tag, columns)  # noqa: E731
        else:
            job = lambda: export(self.db, key, path, article_ids, tag, delimiter)  # noqa: E731
        self.statusBar().showMessage(self.tr("Exporting to {path}…").format(path=path))
        run_in_background(
            job,
            lambda n: self.statusBar().showMessage(
                self.tr("Exported {n} {unit} to {path}").format(n=n, unit=unit, path=path), 10_000),
            lambda msg: QMessageBox.warning(self, self.tr("Export failed"), msg),
        )

    def import_annotations_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import annotations"), "",
            self.tr("Annotation files (*.csv *.json *.jsonld *.qdpx);;All files (*)"),
        )
        if path:
            self.import_annotations_from(Path(path))

    def import_annotations_from(self, path: Path) -> None:
        from desktop_app.core.interchange.formats import import_annotations

        self.statusBar().showMessage(self.tr("Importing annotations from {path}…").format(path=path))
        run_in_background(lambda: import_annotations(self.db, path), self._annotations_imported,
                          lambda msg: QMessageBox.warning(self, self.tr("Nothing was imported"), msg))

    def _annotations_imported(self, summary: str) -> None:
        self.refresh_library()
        self.refresh_tags()
        if self.current is not None:
            highlights = self.service.highlights_for_article(self.current.id)
            self.reader.set_highlights(highlights)
            self.panel.set_highlights(highlights)
            self.panel.show_memo(self.current.id, get_memo(self.db, self.current.id))  # an import may add one
        self.worker.start()  # a .qdpx may have brought new articles
        QMessageBox.information(self, self.tr("Annotations imported"), summary)

    # --- backup / restore ----------------------------------------------------------------
    def backup_dialog(self) -> None:
        stamp = datetime.now().strftime("%Y-%m-%d")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Back up the library"), f"chu-giai-{stamp}.sqlite3", "SQLite (*.sqlite3)"
        )
        if path:
            self.backup_to(Path(path))

    def backup_to(self, path: Path) -> bool:
        self.panel.editor.flush_note()
        self.panel.flush_memo()
        try:
            self.db.backup(path)
        except Exception as e:  # sqlite3.Error, OSError: the user needs the words, not the type
            QMessageBox.warning(self, self.tr("Backup failed"), self.tr("Could not write {path}: {error}").format(path=path, error=e))
            return False
        self.statusBar().showMessage(self.tr("Library backed up to {path}").format(path=path), 10_000)
        return True

    def restore_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Restore from a backup"), "", self.tr("SQLite (*.sqlite3 *.db);;All files (*)"))
        if not path:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Restore from backup"),
            self.tr("Replace everything in the library with the backup {path}?\n\n"
                    "A copy of the current library is kept beside it first.").format(path=path),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_from(Path(path))

    def restore_from(self, path: Path) -> bool:
        self.panel.editor.flush_note()
        self.panel.flush_memo()
        self.worker.shutdown()  # no connection may write while pages are replaced
        try:
            safety = self.db.restore_from(path)
        except DatabaseError as e:
            QMessageBox.warning(self, self.tr("Restore failed"), str(e))
            return False
        finally:
            self.worker = self._make_worker()
        self.history.stack.clear()  # its steps were about the library that is gone
        self.current = None
        self.panel.show_memo(None)
        self.refresh_library()
        self.refresh_tags()
        self._open_initial_article()
        if not self._segmentation_paused:
            self.worker.start()
        self.statusBar().showMessage(
            self.tr("Library restored. The previous library was kept as {path}").format(path=safety), 15_000
        )
        return True
