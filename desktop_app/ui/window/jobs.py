"""Export and annotation import as BackgroundOps: progress in the status bar, Cancel, and
the outcome worded for the user. The window calls these; the work is core's
(formats.export, formats.import_annotations), which reports through a core Progress.

A cancelled or failed export leaves no file (and keeps an older one): every exporter
writes a temp file next to the target and renames it at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.core.interchange.formats import FORMATS, ExportResult, export_detailed, import_annotations
from desktop_app.core.messages import Message
from desktop_app.core.storage.database import Database
from desktop_app.ui.background import BackgroundOp
from desktop_app.ui.common.plain_text import plain_message_box
from desktop_app.ui.window.status import ProgressStatus


def _warn(parent: QWidget | None, title: str, message: str) -> None:
    # Plain text: the message may quote user data. open(), not exec(): the window goes on.
    plain_message_box(parent, QMessageBox.Icon.Warning, title, message).open()


def start_export(
    parent: QWidget | None,
    db: Database,
    path: Path,
    key: str,
    article_ids: Sequence[int] | None = None,
    tag: str | None = None,
    delimiter: str = ",",
    columns: Sequence[str] | None = None,
    status: ProgressStatus | None = None,
    *,
    on_success: Callable[[int], None] | None = None,
    on_failure: Callable[[str], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    positions: str = "codepoints",
    on_warnings: Callable[[tuple[Message, ...]], None] | None = None,
    coders: Sequence[str] | None = None,
) -> BackgroundOp:
    """Export `key` to `path` off the GUI thread, followed in `status`; started already.

    `on_success(count)` gets the count of FORMATS[key].unit, then `on_warnings(messages)`
    what the user should know about the file (if anything); without `on_failure` a failure
    shows a warning. `columns` only for "csv" (None or every column: the default file);
    `positions` "utf16" only for "qdpx"; `coders` (names) keeps those coders' work.
    """
    from desktop_app.core.interchange.csv_export import COLUMNS

    path = Path(path)
    if key != "csv" or (columns is not None and list(columns) == list(COLUMNS)):
        columns = None
    op = BackgroundOp(parent, lambda progress: export_detailed(db, key, path, article_ids, tag, delimiter,
                                                               columns, progress, positions, coders),
                      title=QCoreApplication.translate("BackgroundJobs", "Export failed"))
    if status is not None:
        unit = QCoreApplication.translate("ExportDialog", FORMATS[key].unit)
        status.follow(op, lambda done, total, _note: (
            QCoreApplication.translate("BackgroundJobs", "Exporting to {path}: {done} of {total} articles").format(path=path.name, done=done, total=total)
            if total else QCoreApplication.translate("BackgroundJobs", "Exporting to {path}…").format(path=path.name)),
            cancel_text=QCoreApplication.translate("BackgroundJobs", "Cancel"))
        status.cancel.setToolTip(QCoreApplication.translate("BackgroundJobs", "Stop the export; no file is written ({unit} so far are dropped)")
                                 .format(unit=unit))
    def succeeded(result: ExportResult) -> None:
        if on_success is not None:
            on_success(result.count)
        if result.warnings and on_warnings is not None:
            on_warnings(result.warnings)

    op.on_success(succeeded)
    op.on_failure(on_failure or (lambda message: _warn(parent, QCoreApplication.translate("BackgroundJobs", "Export failed"), message)))
    if on_cancelled is not None:
        op.on_cancelled(on_cancelled)
    return op.run()


def start_annotation_import(
    parent: QWidget | None,
    db: Database,
    path: Path,
    status: ProgressStatus | None = None,
    *,
    on_success: Callable[[str], None] | None = None,
    on_failure: Callable[[str], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    run: Callable[[Path, object], str] | None = None,
) -> BackgroundOp:
    """Import highlights from `path` (.csv, .json/.jsonld, .qdpx) off the GUI thread;
    started already. `on_success(summary)` gets the one-line summary; without `on_failure`
    a failure shows "Nothing was imported". `run(path, progress) -> summary` replaces the
    default (formats.import_annotations on `db`), e.g. to go through the operations layer
    so the import is one undoable step."""
    path = Path(path)
    job = run or (lambda p, progress: import_annotations(db, p, progress=progress))
    op = BackgroundOp(parent, lambda progress: job(path, progress), title=QCoreApplication.translate("BackgroundJobs", "Nothing was imported"))
    if status is not None:
        status.follow(op, lambda done, total, _note: (
            QCoreApplication.translate("BackgroundJobs", "Importing annotations: {done} of {total}").format(done=done, total=total)
            if total else QCoreApplication.translate("BackgroundJobs", "Importing annotations from {path}…").format(path=path.name)),
            cancel_text=QCoreApplication.translate("BackgroundJobs", "Cancel"))
        status.cancel.setToolTip(QCoreApplication.translate("BackgroundJobs", "Stop the annotation import"))
    if on_success is not None:
        op.on_success(on_success)
    op.on_failure(on_failure or (lambda message: _warn(parent, QCoreApplication.translate("BackgroundJobs", "Nothing was imported"), message)))
    if on_cancelled is not None:
        op.on_cancelled(on_cancelled)
    return op.run()
