"""The codes of a REFI-QDA file: a codebook (.qdc, ours or another tool's) or a project's
CodeBook. Each code becomes a tag named by its path ("Cán bộ/Đào tạo" is "Đào tạo" under
"Cán bộ"), with its colour and description.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.annotate.highlights import clean_tag_name
from desktop_app.core.interchange.refi_qda import code_path_name
from desktop_app.core.library.ingest.archive import ArchiveLimitError, parse_xml
from desktop_app.core.messages import Message, MessageError

MAX_XML_DEPTH = 256
_MAX_CODEBOOK_BYTES = 50 * 1024 * 1024
NS_PREFIX = "{urn:QDA-XML:"
_RGB_RE = re.compile("#[0-9a-f]{6}")
_SHORT_RGB_RE = re.compile("#[0-9a-f]{3}")


class QdpxImportError(MessageError):
    """A project that cannot be imported; `message` names the file and the problem."""


def failing(path: Path) -> Callable[..., QdpxImportError]:
    """A maker of this file's QdpxImportError: "<file>: <problem> Nothing was imported."."""
    def fail(code: str, **params: object) -> QdpxImportError:
        return QdpxImportError(Message("qdpx.failed", {"file": path.name, "problem": Message(code, params)}))
    return fail


@dataclass
class Code:
    guid: str
    name: str  # the tag name: the code's path joined with "/"
    color: str | None
    description: str
    is_tag: bool



def read_codes(root: ET.Element, ns: str) -> list[Code]:
    """Every Code under the root's Codes, parents before children, named by their path."""
    found: list[Code] = []

    def q(tag: str) -> str:
        return f"{{{ns}}}{tag}"

    def walk(el: ET.Element, parents: tuple[str, ...]) -> None:
        name = clean_tag_name(el.get("name") or "") or f"Code {el.get('guid', '')[:8]}"
        path = (*parents, name)
        children = el.findall(q("Code"))
        found.append(Code(
            guid=el.get("guid") or "",
            name=code_path_name(path),
            color=_color(el.get("color")),
            description=el.findtext(q("Description")) or "",
            # A parent that cannot be coded only groups its children (our own
            # export writes tags' missing parents this way): no tag of its own.
            is_tag=el.get("isCodable", "true").strip() != "false" or not children,
        ))
        for child in children:
            walk(child, path)

    for codes in root.iter(q("Codes")):
        for el in codes.findall(q("Code")):
            walk(el, ())
    return found


def read_codebook(path: Path) -> list[Code]:
    """The codes of a REFI-QDA codebook (.qdc: CodeBook > Codes > Code, nested)."""
    fail = failing(path)
    try:
        with open(path, "rb") as f:
            data = f.read(_MAX_CODEBOOK_BYTES + 1)
    except FileNotFoundError:
        raise fail("qdpx.not_found") from None
    except OSError as e:
        raise fail("qdpx.unreadable", reason=e.strerror or str(e)) from None
    if len(data) > _MAX_CODEBOOK_BYTES:
        raise fail("qdpx.member_too_large", member=path.name, mb=len(data) // 2**20)
    try:
        root = parse_xml(data, MAX_XML_DEPTH)
    except ArchiveLimitError:
        raise fail("qdpx.too_deep") from None
    except ET.ParseError as e:
        raise fail("qdc.bad_xml", reason=str(e)) from None
    except (ValueError, LookupError) as e:
        raise fail("qdc.bad_xml", reason=str(e)) from None
    if not (root.tag.startswith(NS_PREFIX) and root.tag.rpartition("}")[2] in ("CodeBook", "Project")):
        raise fail("qdc.not_codebook")
    codes = read_codes(root, root.tag[1:].partition("}")[0])
    if not codes:
        raise fail("qdc.no_codes")
    return codes


def _color(value: str | None) -> str | None:
    """'#abc' / '#AABBCC' -> '#aabbcc'; None for anything else."""
    value = (value or "").strip().lower()
    if _SHORT_RGB_RE.fullmatch(value):
        value = "#" + "".join(c * 2 for c in value[1:])
    return value if _RGB_RE.fullmatch(value) else None
