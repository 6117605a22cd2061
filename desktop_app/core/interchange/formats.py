"""Every export and annotation import by name: one table the command line and the window share."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

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
    scopes_tag: bool  # honours "only this tag" (the tag and those nested under it)
    has_delimiter: bool
    run: Callable[[ExportJob], int]
    has_positions: bool = False  # offers positions in UTF-16 code units (NVivo)


@dataclass(frozen=True)
class ExportJob:
    """One export, as the runners see it. `warnings` collects what the user should know
    about the file written (nothing stops it)."""

    db: Database
    path: Path
    article_ids: Sequence[int] | None = None
    tag: str | None = None
    delimiter: str = ","
    columns: Sequence[str] | None = None
    progress: Progress | None = None
    positions: str = "codepoints"
    warnings: list[Message] = field(default_factory=list)
    coders: frozenset[int] | None = None  # only these coders' work (None: everyone's)


@dataclass(frozen=True)
class ExportResult:
    count: int  # of FORMATS[key].unit
    warnings: tuple[Message, ...] = ()


def _csv(job: ExportJob) -> int:
    from desktop_app.core.interchange.csv_export import export_csv

    return export_csv(job.db, job.path, article_ids=job.article_ids, delimiter=job.delimiter,
                      tag=job.tag, columns=job.columns, progress=job.progress, coders=job.coders)


def _csv_long(job: ExportJob) -> int:
    from desktop_app.core.interchange.csv_long import export_csv_long

    return export_csv_long(job.db, job.path, article_ids=job.article_ids, tag=job.tag,
                           delimiter=job.delimiter, progress=job.progress, coders=job.coders)


def _codebook(job: ExportJob) -> int:
    from desktop_app.core.interchange.csv_long import export_codebook_csv

    # one query: nothing to report
    return export_codebook_csv(job.db, job.path, delimiter=job.delimiter, tag=job.tag)


def _xlsx(job: ExportJob) -> int:
    from desktop_app.core.interchange.xlsx_export import export_xlsx

    return export_xlsx(job.db, job.path, article_ids=job.article_ids, tag=job.tag,
                       progress=job.progress, coders=job.coders)


def _webanno(job: ExportJob) -> int:
    from desktop_app.core.interchange.webanno import export_webanno

    return export_webanno(job.db, job.path, article_ids=job.article_ids, progress=job.progress,
                          tag=job.tag, coders=job.coders)


def _warn_duplicate_leaves(job: ExportJob, tag: str | None) -> None:
    from desktop_app.core.annotate.tag_paths import in_tag_scope
    from desktop_app.core.interchange.refi_export import duplicate_leaf_names
    from desktop_app.core.storage.models import Tag

    with job.db.session() as s:
        names = [n for n in s.scalars(select(Tag.name)) if in_tag_scope(n, tag)]
    shared = duplicate_leaf_names(names)
    if shared:
        job.warnings.append(Message("export.duplicate_leaf_names", {
            "count": len(shared), "names": [f"“{n}”" for n in shared[:5]]}))


def _qdpx(job: ExportJob) -> int:
    from desktop_app.core.interchange.refi_export import export_qdpx

    count = export_qdpx(job.db, job.path, article_ids=job.article_ids, progress=job.progress,
                        tag=job.tag, positions=job.positions, coders=job.coders)
    _warn_duplicate_leaves(job, None)  # the project's codebook holds every tag
    return count


def _qdc(job: ExportJob) -> int:
    from desktop_app.core.interchange.refi_export import export_qdc

    count = export_qdc(job.db, job.path, tag=job.tag)
    _warn_duplicate_leaves(job, job.tag)
    return count


def _conll(job: ExportJob) -> int:
    from desktop_app.core.interchange.conll import export_conll_counted

    tokens, labelled = export_conll_counted(job.db, job.path, tags=[job.tag] if job.tag else None,
                                            article_ids=job.article_ids, progress=job.progress)
    if tokens and not labelled:
        job.warnings.append(Message("export.conll_all_outside", {"tag": job.tag})
                            if job.tag else Message("export.conll_all_outside_any"))
    return tokens


FORMATS: dict[str, ExportFormat] = {
    f.key: f
    for f in (
        ExportFormat("csv", "CSV, one row per highlight", ".csv", "highlights", True, True, True, _csv),
        ExportFormat("csv-long", "CSV, one row per highlight × tag (pivot tables)", ".csv", "rows", True, True, True, _csv_long),
        ExportFormat("codebook", "Codebook CSV (tags, descriptions, counts)", ".csv", "tags", False, True, True, _codebook),
        ExportFormat("xlsx", "Excel workbook (highlights, codebook, articles)", ".xlsx", "highlights", True, True, False, _xlsx),
        ExportFormat("webanno", "W3C Web Annotation JSON-LD", ".jsonld", "annotations", True, True, False, _webanno),
        ExportFormat("qdpx", "REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder)", ".qdpx", "highlights", True, True, False, _qdpx,
                     has_positions=True),
        ExportFormat("qdc", "REFI-QDA codebook", ".qdc", "codes", False, True, False, _qdc),
        ExportFormat("conll", "CoNLL BIO tokens for sequence taggers", ".conll", "tokens", True, True, False, _conll),
    )
}
POSITIONS = ("codepoints", "utf16")  # how a .qdpx counts positions: REFI-QDA's way, NVivo's


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
    positions: str = "codepoints",
    coders: Sequence[str] | None = None,
) -> int:
    """Write `key`'s file atomically (a temp file next to `path`, renamed at the end) and
    return the count of FORMATS[key].unit (export_detailed: with the warnings)."""
    return export_detailed(db, key, path, article_ids, tag, delimiter, columns, progress,
                           positions, coders).count


def export_detailed(
    db: Database,
    key: str,
    path: Path,
    article_ids: Sequence[int] | None = None,
    tag: str | None = None,
    delimiter: str = ",",
    columns: Sequence[str] | None = None,
    progress: Progress | None = None,
    positions: str = "codepoints",
    coders: Sequence[str] | None = None,
) -> ExportResult:
    """Write `key`'s file atomically and say what was written, with warnings (a codebook
    QualCoder would merge codes of, a CoNLL file of only O labels).

    A `path` that belongs to the library, or is not a regular file or a new name, raises
    ExportError (output_paths.check_output_path), as does a `tag` that names no tag of
    the library (every format takes the tag and those nested under it). `columns` picks
    CSV columns ("csv" only); `positions` "utf16" counts a .qdpx's positions as NVivo
    does ("qdpx" only); `progress` reports and cancels (Cancelled, and no file is left).
    `coders` (names) keeps those coders' work, where the format carries work by coder
    (SCOPES_CODERS); a name the library does not have raises ExportError."""
    from desktop_app.core.interchange.output_paths import OutputPathError, check_output_path
    from desktop_app.core.interchange.refi_export import RefiExportError

    fmt = FORMATS[key]
    if columns is not None and key != "csv":
        raise ValueError(f"columns can only be chosen for csv, not {key}")
    if positions not in POSITIONS or (positions != "codepoints" and not fmt.has_positions):
        raise ValueError(f"positions {positions!r} cannot be chosen for {key}")
    try:
        # Never over the library, its journal or backups, nor into a pipe or device.
        check_output_path(Path(path).absolute(), db.path, key)
    except OutputPathError as e:
        raise ExportError(str(e)) from e
    if tag is not None and not _tag_exists(db, tag):
        raise ExportError(Message("export.no_such_tag", {"tag": tag}))
    coder_ids = _coder_ids(db, coders) if coders is not None and key in SCOPES_CODERS else None
    job = ExportJob(db, Path(path), article_ids if fmt.scopes_articles else None,
                    tag if fmt.scopes_tag else None, delimiter, columns, progress, positions,
                    coders=coder_ids)
    try:
        count = fmt.run(job)
    except (RefiExportError, ValueError) as e:
        raise ExportError(message_of(e)) from e
    return ExportResult(count, tuple(job.warnings))


SCOPES_CODERS = frozenset({"csv", "csv-long", "xlsx", "webanno", "qdpx"})  # carry work by coder


def _coder_ids(db: Database, names: Sequence[str]) -> frozenset[int]:
    from desktop_app.core.library.coders import CoderError, find_coder

    found = set()
    with db.session() as s:
        for name in names:
            try:
                coder = find_coder(s, name)
            except CoderError as e:
                raise ExportError(e.message) from e
            if coder is None:
                raise ExportError(Message("export.no_such_coder", {"name": name}))
            found.add(coder)
    return frozenset(found)


def _tag_exists(db: Database, tag: str) -> bool:
    from desktop_app.core.annotate.tag_paths import in_tag_scope
    from desktop_app.core.storage.models import Tag

    with db.session() as s:
        return any(in_tag_scope(name, tag) for name in s.scalars(select(Tag.name)))


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
            from desktop_app.core.interchange.webanno_reading import import_webanno

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
