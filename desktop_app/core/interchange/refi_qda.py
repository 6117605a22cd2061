"""REFI-QDA vocabulary shared by the .qdpx/.qdc exporter and the .qdpx importer.

REFI-QDA (QDA-XML 1.0) is the exchange format of NVivo, ATLAS.ti, MAXQDA and QualCoder.
The exporter is `refi_export` (export_qdpx, export_qdc), the importer `refi_import`
(import_qdpx, import_qdc: reading in refi_reader and refi_codebook, positions in
refi_positions). Everything both sides must agree on lives here, so a file we write is
read back exactly: names of our source variables, how nested tag names become nested
codes, and how times are written.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

from desktop_app import APP_DISPLAY_NAME, __version__
from desktop_app.core.annotate.highlights import clean_tag_name

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
# The Project's `origin`: how the importer recognises a file it wrote itself.
ORIGIN = f"{APP_DISPLAY_NAME} {__version__}"
ORIGIN_PREFIX = APP_DISPLAY_NAME
# Nested tags are named like paths: "Cán bộ/Đào tạo" is a child of "Cán bộ".
TAG_PATH_SEPARATOR = "/"
# Article metadata travels as text variables of each TextSource (QualCoder reads them
# as file attributes); the title is the TextSource's name.
ARTICLE_VARIABLES = ("source", "author", "published", "url", "kicker")

# Fixed namespace: the same library content always gets the same GUIDs.
_GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://chugiai.invalid/refi-qda")


def stable_guid(*parts: object) -> str:
    """A GUID derived from content (hashes, names, positions), never from the clock.

    Row ids are not used: they differ between two libraries holding the same
    content, and an export -> import -> export round trip must give the same file.
    """
    return str(uuid.uuid5(_GUID_NAMESPACE, "\x1f".join(str(p) for p in parts)))


def whole_article_guid(source_guid: str) -> str:
    """The GUID of the selection that carries a source's whole-article codes (refi_export
    writes it over the whole text; our importer reads its codes back as such)."""
    return stable_guid("whole article", source_guid)


def tag_code_path(name: str) -> tuple[str, ...]:
    """The code path of a tag: "Cán bộ/Đào tạo" -> ("Cán bộ", "Đào tạo").

    A name nests only if every part is a clean, non-empty tag name, so joining the
    path with "/" gives the name back and no two tags share a path. Other names
    ("a//b", "x / y") stay one top-level code.
    """
    parts = name.split(TAG_PATH_SEPARATOR)
    if len(parts) > 1 and all(p and clean_tag_name(p) == p for p in parts):
        return tuple(parts)
    return (name,)


def code_path_name(path: tuple[str, ...]) -> str:
    """The tag name for a code path (the inverse of `tag_code_path`)."""
    return TAG_PATH_SEPARATOR.join(path)


def format_datetime(value: datetime | None) -> str | None:
    """xsd:dateTime in UTC to the second; the database stores UTC without a zone."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_datetime(value: str | None) -> datetime | None:
    """An xsd:dateTime as an aware UTC datetime to the second; None if absent or odd.

    Other tools write "Z", offsets and up to 7 fractional digits (.NET); a time we
    cannot read is not worth refusing a project for.
    """
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    if "." in text:  # drop fractional seconds: fromisoformat in 3.10 wants 3 or 6 digits
        head, _, rest = text.partition(".")
        digits = len(rest) - len(rest.lstrip("0123456789"))
        text = head + rest[digits:]
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).replace(microsecond=0)
