"""Every export and annotation import by name: one table the command line and the window share."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

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


def _csv(db, path, article_ids, tag, delimiter):
    from desktop_app.core.interchange.csv_export import export_csv

    return export_csv(db, path, article_ids=article_ids, delimiter=delimiter, tag=tag)


def _csv_long(db, path, article_ids, tag, delimiter):
    from desktop_app.core.interchange.csv_long import export_csv_long

    return export_csv_long(db, path, article_ids=article_ids, tag=tag, delimiter=delimiter)


def _codebook(db, path, article_ids, tag, delimiter):
    from desktop_app.core.interchange.csv_long import export_codebook_csv

    return export_codebook_csv(db, path, delimiter=delimiter)


def _xlsx(db, path, article_ids, tag, delimiter):
    from desktop_app.core.interchange.xlsx_export import export_xlsx

    return export_xlsx(db, path, article_ids=article_ids, tag=tag)


def _webanno(db, path, article_ids, tag, delimiter):
    from desktop_app.core.interchange.webanno import export_webanno

    return export_webanno(db, path, article_ids=article_ids)


def _qdpx(db, path, article_ids, tag, delimiter):
    from desktop_app.core.interchange.refi_export import export_qdpx

    return export_qdpx(db, path, article_ids=article_ids)


def _qdc(db, path, article_ids, tag, delimiter):
    from desktop_app.core.interchange.refi_export import export_qdc

    return export_qdc(db, path)


def _conll(db, path, article_ids, tag, delimiter):
    from desktop_app.core.interchange.conll import export_conll

    return export_conll(db, path, tags=[tag] if tag else None, article_ids=article_ids)


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


class ExportError(Exception):
    """An export that cannot be made, explained (no file was written)."""


def export(
    db: Database,
    key: str,
    path: Path,
    article_ids: Sequence[int] | None = None,
    tag: str | None = None,
    delimiter: str = ",",
) -> int:
    from desktop_app.core.interchange.refi_export import RefiExportError

    fmt = FORMATS[key]
    try:
        return fmt.run(db, Path(path), article_ids if fmt.scopes_articles else None,
                       tag if fmt.scopes_tag else None, delimiter)
    except (RefiExportError, ValueError) as e:
        raise ExportError(str(e)) from e


class AnnotationFileError(Exception):
    """An annotation file that cannot be imported; nothing from it was stored."""


IMPORT_SUFFIXES = {".csv": "csv", ".json": "webanno", ".jsonld": "webanno", ".qdpx": "qdpx"}


def import_annotations(db: Database, path: Path) -> str:
    """Import highlights from our CSV, W3C JSON(-LD) or a .qdpx; return a one-line summary.

    Raises AnnotationFileError with a message naming the file and the problem.
    """
    return import_annotations_detailed(db, path)[0]


def import_annotations_detailed(db: Database, path: Path) -> tuple[str, object]:
    """import_annotations, with the result it summed up (an ImportResult or a
    QdpxImportResult; its `added` says exactly what came in, for an undo)."""
    from desktop_app.core.annotate.highlights import AnnotationError
    from desktop_app.core.storage.database import DatabaseError
    from desktop_app.core.interchange.refi_import import QdpxImportError, import_qdpx

    path = Path(path)
    kind = IMPORT_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise AnnotationFileError(
            f"{path.name}: not an annotation file this app reads (use .csv, .json/.jsonld or .qdpx)."
        )
    if not path.is_file():
        raise AnnotationFileError(f"{path}: no such file.")
    try:
        if kind == "qdpx":
            r = import_qdpx(db, path)
            problems = f" {len(r.problems)} note(s): " + "; ".join(r.problems[:3]) if r.problems else ""
            memos = f", {r.memos_imported} article memos" if r.memos_imported else ""
            return (f"{path.name}: {r.highlights_imported} highlights, {r.articles_imported} new articles "
                    f"({r.articles_present} already here), {r.codes_imported} codes{memos}.{problems}", r)
        if kind == "csv":
            from desktop_app.core.interchange.csv_import import import_csv

            result = import_csv(db, path)
        else:
            from desktop_app.core.interchange.webanno import import_webanno

            result = import_webanno(db, path)
    except (AnnotationError, QdpxImportError, DatabaseError, OSError, UnicodeError, ValueError) as e:
        raise AnnotationFileError(str(e)) from e
    orphans = ""
    if result.orphans:
        shown = "; ".join(f"“{q[:40]}”: {why}" for q, why in result.orphans[:3])
        orphans = f" {len(result.orphans)} could not be placed: {shown}"
    memos = f", {result.memos} article memos" if result.memos else ""
    return (f"{path.name}: {result.imported} highlights imported ({result.placed_fuzzy} placed by fuzzy "
            f"match), {result.skipped} already present{memos}.{orphans}", result)
