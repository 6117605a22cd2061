"""Every export and annotation import by name: one table the command line and the window share."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.messages import Message, MessageError, message_of
from desktop_app.core.progress import Progress
from desktop_app.core.storage.database import Database


@dataclass(frozen=True)
class ExportFormat:
    key: str
    label: str
    extension: str
    unit: str  # what the returned count counts
    scopes_articles: bool  # honours "only these articles"
    scopes_tag: bool  # honours "only this tag"
    has_delimiter: bool
    run: Callable[..., int]


# Each runner: (db, path, article_ids, tag, delimiter, columns, progress) -> count.
def _csv(db, path, article_ids, tag, delimiter, columns, progress):
    from desktop_app.core.interchange.csv_export import export_csv

    return export_csv(db, path, article_ids=article_ids, delimiter=delimiter, tag=tag,
                      columns=columns, progress=progress)


def _csv_long(db, path, article_ids, tag, delimiter, columns, progress):
    from desktop_app.core.interchange.csv_long import export_csv_long

    return export_csv_long(db, path, article_ids=article_ids, tag=tag, delimiter=delimiter,
                           progress=progress)


def _codebook(db, path, article_ids, tag, delimiter, columns, progress):
    from desktop_app.core.interchange.csv_long import export_codebook_csv

    return export_codebook_csv(db, path, delimiter=delimiter)  # one query: nothing to report


def _xlsx(db, path, article_ids, tag, delimiter, columns, progress):
    from desktop_app.core.interchange.xlsx_export import export_xlsx

    return export_xlsx(db, path, article_ids=article_ids, tag=tag, progress=progress)


def _webanno(db, path, article_ids, tag, delimiter, columns, progress):
    from desktop_app.core.interchange.webanno import export_webanno

    return export_webanno(db, path, article_ids=article_ids, progress=progress)


def _qdpx(db, path, article_ids, tag, delimiter, columns, progress):
    from desktop_app.core.interchange.refi_export import export_qdpx

    return export_qdpx(db, path, article_ids=article_ids, progress=progress)


def _qdc(db, path, article_ids, tag, delimiter, columns, progress):
    from desktop_app.core.interchange.refi_export import export_qdc

    return export_qdc(db, path)


def _conll(db, path, article_ids, tag, delimiter, columns, progress):
    from desktop_app.core.interchange.conll import export_conll

    return export_conll(db, path, tags=[tag] if tag else None, article_ids=article_ids,
                        progress=progress)


FORMATS: dict[str, ExportFormat] = {
    f.key: f
    for f in (
        ExportFormat("csv", "CSV, one row per highlight", ".csv", "highlights", True, True, True, _csv),
        ExportFormat("csv-long", "CSV, one row per highlight × tag (pivot tables)", ".csv", "rows", True, True, True, _csv_long),
        ExportFormat("codebook", "Codebook CSV (tags, descriptions, counts)", ".csv", "tags", False, False, True, _codebook),
        ExportFormat("xlsx", "Excel workbook (highlights, codebook, articles)", ".xlsx", "highlights", True, True, False, _xlsx),
        ExportFormat("webanno", "W3C Web Annotation JSON-LD", ".jsonld", "annotations", True, False, False, _webanno),
        ExportFormat("qdpx", "REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder)", ".qdpx", "highlights", True, False, False, _qdpx),
        ExportFormat("qdc", "REFI-QDA codebook", ".qdc", "codes", False, False, False, _qdc),
        ExportFormat("conll", "CoNLL BIO tokens for sequence taggers", ".conll", "tokens", True, True, False, _conll),
    )
}


class ExportError(MessageError):
    """An export that cannot be made, explained (no file was written)."""


def export(
    db: Database,
    key: str,
    path: Path,
    article_ids: Sequence[int] | None = None,
    tag: str | None = None,
    delimiter: str = ",",
    columns: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> int:
    """Write `key`'s file atomically (a temp file next to `path`, renamed at the end) and
    return the count of FORMATS[key].unit. A `path` that belongs to the library, or is not
    a regular file or a new name, raises ExportError (output_paths.check_output_path). `columns` picks CSV columns ("csv" only);
    `progress` reports and cancels (Cancelled, and no file is left)."""
    from desktop_app.core.interchange.output_paths import OutputPathError, check_output_path
    from desktop_app.core.interchange.refi_export import RefiExportError

    fmt = FORMATS[key]
    if columns is not None and key != "csv":
        raise ValueError(f"columns can only be chosen for csv, not {key}")
    try:
        # Never over the library, its journal or backups, nor into a pipe or device.
        check_output_path(Path(path).absolute(), db.path, key)
    except OutputPathError as e:
        raise ExportError(str(e)) from e
    try:
        return fmt.run(db, Path(path), article_ids if fmt.scopes_articles else None,
                       tag if fmt.scopes_tag else None, delimiter, columns, progress)
    except (RefiExportError, ValueError) as e:
        raise ExportError(message_of(e)) from e


class AnnotationFileError(MessageError):
    """An annotation file that cannot be imported; nothing from it was stored."""


IMPORT_SUFFIXES = {".csv": "csv", ".json": "webanno", ".jsonld": "webanno", ".qdpx": "qdpx",
                   ".qdc": "qdc"}


def _progress_kw(fn: Callable[..., object], progress: Progress | None) -> dict[str, Progress]:
    """{"progress": progress} if the importer takes one. The importers belong to the
    annotation-ops work, which adds the parameter; until then they run without it."""
    if progress is None or "progress" not in inspect.signature(fn).parameters:
        return {}
    return {"progress": progress}


def import_annotations(db: Database, path: Path, progress: Progress | None = None) -> str:
    """Import highlights from our CSV, W3C JSON(-LD) or a .qdpx, or a codebook (.qdc) as
    tags; return a one-line summary.

    Raises AnnotationFileError with a message naming the file and the problem; Cancelled
    (from `progress`) when the user cancelled, with what the importer says it keeps.
    """
    return import_annotations_detailed(db, path, progress)[0]


def import_annotations_detailed(db: Database, path: Path,
                                progress: Progress | None = None) -> tuple[str, object]:
    """import_annotations, with the result it summed up (an ImportResult, a QdpxImportResult
    or a CodebookImportResult; its `added` says exactly what came in, for an undo)."""
    from desktop_app.core.annotate.highlights import AnnotationError
    from desktop_app.core.interchange.refi_import import QdpxImportError, import_qdc, import_qdpx
    from desktop_app.core.storage.database import DatabaseError

    path = Path(path)
    kind = IMPORT_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise AnnotationFileError(Message("import.unknown_kind", {"file": path.name}))
    if not path.is_file():
        raise AnnotationFileError(Message("import.no_such_file", {"path": path}))
    if progress is not None:
        progress.step(0)  # busy; cancelled before it began: nothing read
    try:
        if kind == "qdc":
            book = import_qdc(db, path)
            return book.summary(path.name), book
        if kind == "qdpx":
            r = import_qdpx(db, path, **_progress_kw(import_qdpx, progress))
            problems = f" {len(r.problems)} note(s): " + "; ".join(r.problems[:3]) if r.problems else ""
            memos = f", {r.memos_imported} article memos" if r.memos_imported else ""
            return (f"{path.name}: {r.highlights_imported} highlights, {r.articles_imported} new articles "
                    f"({r.articles_present} already here), {r.codes_imported} codes{memos}.{problems}", r)
        if kind == "csv":
            from desktop_app.core.interchange.csv_import import import_csv

            result = import_csv(db, path, **_progress_kw(import_csv, progress))
        else:
            from desktop_app.core.interchange.webanno import import_webanno

            result = import_webanno(db, path, **_progress_kw(import_webanno, progress))
    except RecursionError as e:
        raise AnnotationFileError(Message("import.file_invalid", {"path": path.name,
                                                                  "problem": Message("import.too_deep")})) from e
    except (AnnotationError, QdpxImportError, DatabaseError, OSError, UnicodeError, ValueError) as e:
        message = message_of(e)
        if path.name not in message.english():  # e.g. json's "Exceeds the limit (4300 digits)"
            message = Message("import.file_invalid", {"path": path.name, "problem": message})
        raise AnnotationFileError(message) from e
    orphans = ""
    if result.orphans:
        shown = "; ".join(f"“{q[:40]}”: {why}" for q, why in result.orphans[:3])
        orphans = f" {len(result.orphans)} could not be placed: {shown}"
    memos = f", {result.memos} article memos" if result.memos else ""
    return (f"{path.name}: {result.imported} highlights imported ({result.placed_fuzzy} placed by fuzzy "
            f"match), {result.skipped} already present{memos}.{orphans}", result)
