"""Article text and metadata from a Word .docx file.

A .docx is a ZIP of XML parts. We read only the main document part (found through
_rels/.rels, so renamed parts work) and docProps/core.xml, with size limits checked
on the archive's directory before anything is inflated: zipfile never inflates an
entry past its declared size (the CRC check then fails), so declared sizes bound the
work. Paragraphs become lines; tracked deletions are left out, insertions kept.
"""

from __future__ import annotations

import io
import lzma
import re
import zipfile
import zlib
from xml.etree import ElementTree as ET

from desktop_app.core.library.ingest.archive import ArchiveBudget, ArchiveLimitError, ArchiveLimits
from desktop_app.core.library.ingest.decode import ImportFailure
from desktop_app.core.library.ingest.html import Extracted
from desktop_app.core.library.ingest.metadata import parse_date

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ENTRIES = 10_000
LIMITS = ArchiveLimits(max_members=MAX_ENTRIES, max_total_bytes=MAX_UNCOMPRESSED)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_W = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # "Strict Open XML" documents
}
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# Deleted and moved-away text, and field codes such as HYPERLINK "…", are not the article;
# paragraph and run properties hold tab stops (w:tab elements too) but no text.
_SKIPPED = {"del", "moveFrom", "instrText", "delInstrText", "delText", "pPr", "rPr"}
_SMALL_PART = 1024 * 1024  # metadata parts: larger ones are not read
_MAIN_PART = "word/document.xml"
_CORE = "docProps/core.xml"
_OFFICE_DOCUMENT = re.compile(r"/officeDocument$", re.I)

NOT_ZIP = "This file is not a Word .docx document (it is not a ZIP archive)."
PROTECTED = (
    "This Word file is password-protected or in the old .doc format; save it as .docx "
    "and import again."
)
DAMAGED = (
    "This Word file is damaged and cannot be read; open it in Word, save it again and "
    "import again."
)
NO_TEXT = "This Word file contains no text."


def extract_docx(data: bytes) -> Extracted:
    """The paragraphs of a .docx as lines. Raises ImportFailure, and nothing else."""
    if data.startswith(_OLE_MAGIC):
        raise ImportFailure(PROTECTED)
    if data.startswith(b"{\\rtf"):
        raise ImportFailure(
            "This file is in RTF format, not .docx; save it as .docx and import again."
        )
    if not data.startswith(b"PK"):
        raise ImportFailure(NOT_ZIP)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            budget = _check_archive(archive)
            document = _read(budget, _main_part(budget))
            core = _read(budget, _CORE, _SMALL_PART) if _CORE in archive.NameToInfo else b""
    except ArchiveLimitError as e:
        raise ImportFailure(f"This Word file was not opened: {e}.") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, lzma.LZMAError, ValueError,
            OSError):
        raise ImportFailure(DAMAGED) from None
    except NotImplementedError:  # deflate64, bzip2 without the module, …
        raise ImportFailure(
            "This Word file uses a compression method that cannot be read; save it again "
            "in Word and import again."
        ) from None
    lines = _paragraph_lines(document)
    if not lines:
        raise ImportFailure(NO_TEXT)
    properties = _core_properties(core)
    return Extracted(
        text="\n".join(lines),
        title=properties.get("title") or lines[0],
        published=_published(lines, properties.get("created")),
        author=properties.get("creator"),
        source=None,
        url=None,
        original=_as_text(document),
    )


def _check_archive(archive: zipfile.ZipFile) -> ArchiveBudget:
    """Refuse zip bombs (count, total size, ratio: archive.py) and encrypted archives
    before inflating anything; the budget then bounds what reading inflates."""
    budget = ArchiveBudget(archive, LIMITS)
    if any(e.flag_bits & 0x1 for e in archive.infolist()):
        raise ImportFailure(PROTECTED)
    return budget


def _main_part(budget: ArchiveBudget) -> str:
    """The main document part named by _rels/.rels, else word/document.xml."""
    names = set(budget.archive.NameToInfo)
    if "mimetype" in names and b"opendocument" in _read(budget, "mimetype", _SMALL_PART):
        raise ImportFailure(
            "This is an OpenDocument (.odt) file, not .docx; save it as .docx and import again."
        )
    if "_rels/.rels" in names:
        for rel in _elements(_read(budget, "_rels/.rels", _SMALL_PART)):
            target = rel.get("Target", "").lstrip("/")
            main = _OFFICE_DOCUMENT.search(rel.get("Type", ""))
            if _local(rel.tag) == "Relationship" and main and target in names:
                return target
    if _MAIN_PART in names:
        return _MAIN_PART
    raise ImportFailure("This ZIP file is not a Word document: it has no word/document.xml.")


def _read(budget: ArchiveBudget, name: str, limit: int = MAX_UNCOMPRESSED) -> bytes:
    """The part's bytes, or b"" if it claims to be larger than `limit`; read in chunks
    within the archive's budget (ArchiveLimitError past it)."""
    info = budget.archive.getinfo(name)
    if info.file_size > limit:
        return b""
    try:
        return budget.read(info, limit)
    except RuntimeError:  # zipfile's "password required" for an encrypted entry
        raise ImportFailure(PROTECTED) from None


def _elements(xml: bytes) -> list[ET.Element]:
    if b"<!DOCTYPE" in xml:
        raise ImportFailure(DAMAGED)
    try:
        return list(ET.fromstring(xml).iter())
    except (ET.ParseError, ValueError, LookupError):
        raise ImportFailure(DAMAGED) from None


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _namespace(tag: str) -> str:
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""


def _paragraph_lines(document: bytes) -> list[str]:
    """One line per w:p (and per w:br inside it); text boxes come before their paragraph."""
    if b"<!DOCTYPE" in document:
        raise ImportFailure(DAMAGED)  # Office never writes a DTD: no entity tricks
    lines: list[str] = []
    paragraphs: list[list[str]] = []  # a stack: text-box paragraphs nest inside others
    skipping = 0  # depth inside deleted text or mc:Fallback (a copy of mc:Choice)
    try:
        for event, element in ET.iterparse(io.BytesIO(document), events=("start", "end")):
            name, ns = _local(element.tag), _namespace(element.tag)
            hidden = (ns in _W and name in _SKIPPED) or (ns == _MC and name == "Fallback")
            if event == "start":
                skipping += hidden
                if ns in _W and name == "p" and not skipping:
                    paragraphs.append([])
                continue
            if hidden:
                skipping -= 1
            elif skipping or ns not in _W or not paragraphs:
                pass
            elif name == "t":
                paragraphs[-1].append(element.text or "")
            elif name in ("tab", "ptab"):
                paragraphs[-1].append("\t")
            elif name in ("br", "cr"):
                paragraphs[-1].append("\n")
            elif name == "noBreakHyphen":
                paragraphs[-1].append("\u2011")
            elif name == "p":
                lines.extend(_split(paragraphs.pop()))
            if not paragraphs:
                element.clear()  # read already: keep memory flat on long documents
    except (ET.ParseError, ValueError, LookupError):
        raise ImportFailure(DAMAGED) from None
    return lines


def _split(parts: list[str]) -> list[str]:
    """A paragraph's text as lines: breaks split it; edge spaces and empty lines go."""
    return [line.strip() for line in "".join(parts).split("\n") if line.strip()]


def _core_properties(core: bytes) -> dict[str, str]:
    """dc:title, dc:creator and dcterms:created from docProps/core.xml (when readable)."""
    if not core:
        return {}
    try:
        elements = _elements(core)
    except ImportFailure:
        return {}  # broken metadata is no reason to refuse the text
    found: dict[str, str] = {}
    for element in elements:
        value = " ".join((element.text or "").split())
        if value and _local(element.tag) in ("title", "creator", "created"):
            found.setdefault(_local(element.tag), value)
    return found


def _published(lines: list[str], created: str | None) -> str | None:
    """A date line near the top (as in the news seeds), else the file's creation date.

    dcterms:created is when the file was made, in UTC, not when the article appeared:
    only its day is kept, as the nearest thing core.xml has to a publication date.
    """
    for line in lines[:6]:
        found = parse_date(line) if len(line) <= 80 else None
        if found:
            return found
    m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", created or "")
    return parse_date(m.group(1).replace("-", "")) if m else None


def _as_text(document: bytes) -> str:
    for codec in ("utf-8-sig", "utf-16"):
        try:
            return document.decode(codec)
        except UnicodeDecodeError:
            continue
    return document.decode("utf-8", errors="replace")
