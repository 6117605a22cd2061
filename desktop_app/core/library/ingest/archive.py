"""Limits on a whole zip archive (.docx, .qdpx) and on the XML inside it.

A per-member size cap does not stop a zip bomb: a 163 KB .qdpx grew to 6.85 GB, an 819 KB
.docx to a 131-million-character article. So the whole archive is bounded: member count,
total uncompressed size, compression ratio (checked on the directory first, then on the
bytes actually inflated, since only those can be trusted), and the nesting depth of its
XML. Members are read in chunks with a running budget, never with a bare `read()`.
`ArchiveLimitError` names the limit that was hit; callers wrap it in their own error type.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree as ET

_CHUNK = 1 << 16
_MB = 1024 * 1024


@dataclass(frozen=True)
class ArchiveLimits:
    max_members: int = 10_000
    max_total_bytes: int = 200 * _MB  # all members together, uncompressed
    max_ratio: int = 100  # uncompressed : compressed; text and XML stay far below
    ratio_floor_bytes: int = 2 * _MB  # a small archive may compress better than that
    max_xml_depth: int = 256  # REFI-QDA codes nest a few levels; Word ~20


DEFAULT_LIMITS = ArchiveLimits()


class ArchiveLimitError(ValueError):
    """The archive exceeds one of the limits; `limit` names which one."""

    def __init__(self, message: str, limit: str) -> None:
        super().__init__(message)
        self.limit = limit


class ArchiveBudget:
    """Checks an archive's directory, then counts what reading its members inflates."""

    def __init__(self, archive: zipfile.ZipFile, limits: ArchiveLimits = DEFAULT_LIMITS) -> None:
        self.archive = archive
        self.limits = limits
        self.inflated = 0
        self.compressed = 0
        entries = archive.infolist()
        if len(entries) > limits.max_members:
            raise ArchiveLimitError(
                f"it holds {len(entries):,} parts, more than the limit of {limits.max_members:,} "
                "(it may be a 'zip bomb')", "members")
        declared = sum(e.file_size for e in entries)
        if declared > limits.max_total_bytes:
            raise ArchiveLimitError(
                f"it would expand to more than {limits.max_total_bytes // _MB} MB, the limit "
                f"({declared // _MB:,} MB; it may be a 'zip bomb')", "total size")
        packed = sum(e.compress_size for e in entries)
        self._check_ratio(declared, packed)

    def _check_ratio(self, inflated: int, packed: int) -> None:
        limits = self.limits
        if inflated > limits.ratio_floor_bytes and inflated > limits.max_ratio * max(packed, 1):
            raise ArchiveLimitError(
                f"it expands {inflated // max(packed, 1):,} times (more than the limit of "
                f"{limits.max_ratio}:1; it may be a 'zip bomb')", "compression ratio")

    def read(self, info: zipfile.ZipInfo, max_bytes: int) -> bytes:
        """A member's bytes, read in chunks: at most `max_bytes` of it, and never past the
        archive's total or ratio budget. Raises ArchiveLimitError naming the limit, or what
        zipfile raises for a damaged member (BadZipFile, zlib.error, NotImplementedError, ...)."""
        if info.file_size > max_bytes:
            raise ArchiveLimitError(
                f"{info.filename} is {info.file_size // _MB:,} MB, more than the limit of "
                f"{max_bytes // _MB} MB for one file", "file size")
        out = io.BytesIO()
        self.compressed += info.compress_size
        with self.archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                out.write(chunk)
                self.inflated += len(chunk)
                if out.tell() > max_bytes:
                    raise ArchiveLimitError(f"{info.filename} expands past the limit of "
                                            f"{max_bytes // _MB} MB for one file", "file size")
                if self.inflated > self.limits.max_total_bytes:
                    raise ArchiveLimitError(
                        f"it expands past the limit of {self.limits.max_total_bytes // _MB} MB "
                        "(it may be a 'zip bomb')", "total size")
                self._check_ratio(self.inflated, self.compressed)
        return out.getvalue()


def parse_xml(data: bytes, max_depth: int = DEFAULT_LIMITS.max_xml_depth) -> ET.Element:
    """Parse XML, refusing elements nested deeper than `max_depth` (code that walks the
    tree recursively would otherwise hit Python's recursion limit). Raises ET.ParseError for
    malformed XML, ValueError/LookupError for an encoding expat does not know, and
    ArchiveLimitError for nesting."""
    depth = 0
    root: ET.Element | None = None
    for event, element in ET.iterparse(io.BytesIO(data), events=("start", "end")):
        if event == "start":
            depth += 1
            if root is None:
                root = element
            if depth > max_depth:
                raise ArchiveLimitError(
                    f"its XML nests elements more than {max_depth} levels deep", "nesting depth")
        else:
            depth -= 1
    if root is None:
        raise ET.ParseError("no element found")
    return root
