"""Reading article files: encodings, metadata, and the batch importer."""

from desktop_app.core.library.ingest.decode import ImportFailure, decode_bytes
from desktop_app.core.library.ingest.importer import ImportReport, import_paths
from desktop_app.core.library.ingest.metadata import ArticleMeta, parse_metadata, title_span

__all__ = [
    "ArticleMeta",
    "ImportFailure",
    "ImportReport",
    "decode_bytes",
    "import_paths",
    "parse_metadata",
    "title_span",
]
