"""Reading a REFI-QDA project (.qdpx) or codebook (.qdc) into plain values; never the database.

`ProjectReader` parses project.qde and the source texts of one archive: codes, sources
with their selections carried over to our normalized text (refi_positions decides, per
source, how the file counted positions), variables, notes. `read_codebook` reads a .qdc
(ours or another tool's). Anything that makes the file unusable raises QdpxImportError;
what can be skipped is kept in `problems`, for the import summary. refi_import stores it.
"""

from __future__ import annotations

import lzma
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from desktop_app.core.interchange.refi_cases import CaseValues, VariableDef, read_cases, read_variable, value_text
from desktop_app.core.interchange.refi_codebook import (
    NS_PREFIX,
    Code,
    QdpxImportError,
    failing,
    read_codes,
)
from desktop_app.core.interchange.refi_positions import (
    CODE_POINTS,
    CRLF_AS_ONE,
    UTF16,
    ReadingChoice,
    choose_reading,
    habit,
    normalize_mapped,
    readings,
)
from desktop_app.core.interchange.refi_qda import (
    ARTICLE_VARIABLES,
    ORIGIN_PREFIX,
    parse_datetime,
    stable_guid,
    whole_article_guid,
)
from desktop_app.core.library.coders import MAX_NAME as MAX_CODER_NAME
from desktop_app.core.library.ingest.archive import ArchiveBudget, ArchiveLimitError, ArchiveLimits, parse_xml
from desktop_app.core.library.ingest.decode import ImportFailure, decode_bytes
from desktop_app.core.library.ingest.importer import MAX_FILE_BYTES
from desktop_app.core.messages import Message
from desktop_app.core.storage.models import utcnow

_MAX_XML_BYTES = 500 * 1024 * 1024
# The whole archive: a project of a few thousand articles is well under 1 GB of text.
LIMITS = ArchiveLimits(max_members=20_000, max_total_bytes=1024 * 1024 * 1024)
APP_USER_GUID = stable_guid("user")  # the one User of our exports before coders (refi_export)
UNIT_CODES = {CODE_POINTS: "qdpx.unit_code_points", UTF16: "qdpx.unit_utf16",
              CRLF_AS_ONE: "qdpx.unit_crlf"}


@dataclass
class Selection:
    start: int  # code points into the normalized text
    end: int
    note: str
    code_guids: list[str]
    created: datetime
    modified: datetime
    coder: str | None = None  # its creatingUser's name (None: the importing coder)


@dataclass
class Source:
    name: str
    raw: str
    text: str
    variables: dict[str, str]
    selections: list[Selection]
    memo: str = ""
    attributes: dict[str, str] = field(default_factory=dict)  # attribute name -> value as written
    # (code GUID, its coder's name or None: the importing coder) of whole-article codes
    whole_codes: list[tuple[str, str | None]] = field(default_factory=list)


@dataclass
class _Pending:
    """A source read up to its positions, waiting for the project's counting decisions."""

    el: ET.Element
    label: Message
    raw: str
    maps: tuple[str, list[int], list[int]]  # normalized text, start map, end map
    spans: list[tuple[int, int]]
    choice: ReadingChoice


class ProjectReader:
    """Parses project.qde and the source texts of one archive; never touches the database.

    After `read()`, `problems` holds notes for the summary (the counting decisions among
    them) and `uncertain` the decisions the file did not support clearly.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Message] = []
        self.uncertain: list[Message] = []
        self.ours = False
        self.ns = ""
        self.origin = ""
        self.archive: zipfile.ZipFile | None = None
        self.budget: ArchiveBudget | None = None
        self.names: dict[str, zipfile.ZipInfo] = {}
        # The attributes the file gives values of (Cases, other tools' source variables),
        # in the file's order, with their kinds
        self.attributes: dict[str, VariableDef] = {}
        self._cases = CaseValues()

    def fail(self, code: str, **params: object) -> QdpxImportError:
        return failing(self.path)(code, **params)

    def read(self) -> tuple[list[Code], list[Source]]:
        try:
            return self._read()
        except ArchiveLimitError as e:
            raise self.fail("qdpx.limit", reason=str(e)) from None
        except RecursionError:  # a belt: parse_xml already bounds the nesting
            raise self.fail("qdpx.too_deep") from None

    def _read(self) -> tuple[list[Code], list[Source]]:
        try:
            archive = zipfile.ZipFile(self.path)
        except FileNotFoundError:
            raise self.fail("qdpx.not_found") from None
        except NotImplementedError as e:  # a newer zip version, an unknown method
            raise self.fail("qdpx.zip_feature", reason=str(e)) from None
        except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError,
                RuntimeError):
            raise self.fail("qdpx.not_zip") from None
        except OSError as e:
            raise self.fail("qdpx.unreadable", reason=e.strerror or str(e)) from None
        with archive:
            self.names = {info.filename.lower(): info for info in archive.infolist()}
            self.archive = archive
            self.budget = ArchiveBudget(archive, LIMITS)
            root = self._project_root()
            self.origin = root.get("origin") or ""
            self.ours = self.origin.startswith(ORIGIN_PREFIX)
            variables = {v.get("guid") or "": read_variable(v, self.q, self.ours)
                         for v in root.iter(self.q("Variable"))}
            self._cases = read_cases(root, self.q, variables)
            self.attributes = dict(self._cases.order)
            codes = read_codes(root, self.ns)
            notes = self._notes(root)
            self.users = self._users(root)
            sources = self._sources(root, variables, notes)
        referenced = {g for s in sources for sel in s.selections for g in sel.code_guids}
        referenced |= {g for s in sources for g, _who in s.whole_codes}
        for code in codes:
            code.is_tag = code.is_tag or code.guid in referenced
        return codes, sources

    def q(self, tag: str) -> str:
        return f"{{{self.ns}}}{tag}"

    def _member(self, name: str, limit: int) -> bytes | None:
        """Bytes of an archive member (names compared without case); None if absent."""
        info = self.names.get(name.lower())
        if info is None:
            return None
        if info.file_size > limit:
            raise self.fail("qdpx.member_too_large", member=info.filename, mb=info.file_size // 2**20)
        try:
            assert self.budget is not None
            return self.budget.read(info, limit)  # in chunks, within the archive's budget
        except ArchiveLimitError:
            raise
        except NotImplementedError as e:  # an unknown compression method or zip version
            raise self.fail("qdpx.member_unsupported", member=info.filename, reason=str(e)) from None
        except RuntimeError as e:  # zipfile: "password required"
            raise self.fail("qdpx.member_encrypted", member=info.filename, reason=str(e)) from None
        except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, ValueError) as e:
            raise self.fail("qdpx.member_damaged", member=info.filename, reason=str(e)) from None

    def _project_root(self) -> ET.Element:
        qde = [n for n in self.names if "/" not in n and n.endswith(".qde")]
        name = "project.qde" if "project.qde" in qde else (qde[0] if len(qde) == 1 else None)
        if name is None:
            raise self.fail("qdpx.no_project")
        data = self._member(name, _MAX_XML_BYTES)
        assert data is not None
        try:
            root = parse_xml(data, LIMITS.max_xml_depth)
        except ET.ParseError as e:
            raise self.fail("qdpx.bad_xml", reason=str(e)) from None
        except (ValueError, LookupError) as e:  # an encoding expat does not know
            if isinstance(e, ArchiveLimitError):
                raise
            raise self.fail("qdpx.xml_unreadable", reason=str(e)) from None
        if not (root.tag.startswith(NS_PREFIX + "project:") and root.tag.endswith("}Project")):
            raise self.fail("qdpx.not_project")
        self.ns = root.tag[1:].partition("}")[0]
        return root

    def _notes(self, root: ET.Element) -> dict[str, str]:
        """Text of each project Note, for NoteRefs on selections."""
        notes = {}
        for note in root.iter(self.q("Note")):
            text = note.findtext(self.q("PlainTextContent"))
            if text is None and note.get("plainTextPath", "").startswith("internal://"):
                data = self._member("sources/" + note.get("plainTextPath", "")[11:], MAX_FILE_BYTES)
                text = self._decode(data, Message("qdpx.note", {"name": note.get("name", "")})) if data else None
            notes[note.get("guid") or ""] = (text or "").strip()
        return notes

    def _sources(self, root: ET.Element, variables: dict[str, VariableDef],
                 notes: dict[str, str]) -> list[Source]:
        pending: list[_Pending] = []
        skipped: dict[str, int] = {}
        for group in root.findall(self.q("Sources")):
            for el in group:
                kind = el.tag.rpartition("}")[2]
                if kind != "TextSource":
                    skipped[kind] = skipped.get(kind, 0) + 1
                    continue
                found = self._positions(el)
                if found is not None:
                    pending.append(found)
        for kind, n in sorted(skipped.items()):
            self.problems.append(Message("qdpx.sources_skipped", {"count": n, "kind": kind}))
        self._settle(pending)
        sources = []
        for p in pending:
            source = self._text_source(p, variables, notes)
            if source is not None:
                sources.append(source)
        return sources

    def _positions(self, el: ET.Element) -> _Pending | None:
        """A source's text and selection positions, and how the file counted them."""
        label = Message("qdpx.source", {"name": el.get("name") or el.get("guid")})
        raw = self._source_text(el, label)
        if raw is None:
            return None
        try:
            maps = normalize_mapped(raw)
        except ValueError as e:
            raise self.fail("qdpx.text_problem", label=label, reason=str(e)) from None
        spans = []
        for sel in el.findall(self.q("PlainTextSelection")):
            try:
                start, end = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
            except ValueError:
                raise self.fail("qdpx.no_position", label=label) from None
            if start < 0 or end < start:
                raise self.fail("qdpx.bad_positions", label=label, start=start, end=end)
            spans.append((start, end))
        names = [sel.get("name") for sel in el.findall(self.q("PlainTextSelection"))]
        try:
            choice = choose_reading(raw, spans, self.origin, names)
        except ValueError as e:
            raise self.fail("qdpx.reading_problem", label=label, reason=str(e)) from None
        return _Pending(el, label, raw, maps, spans, choice)

    def _settle(self, pending: list[_Pending]) -> None:
        """Weak decisions follow the project: one tool counted every source the same way,
        so where other sources show it clearly, that counting is taken. Then report."""
        clear = {p.choice.unit for p in pending if p.choice.decided and not p.choice.weak}
        if len(clear) == 1:
            unit = next(iter(clear))
            for p in pending:
                if p.choice.weak:
                    reading = next((r for r in readings(p.raw) if r.unit == unit), None)
                    if reading is not None and all(
                            reading.to_raw(i) is not None for span in p.spans for i in span):
                        p.choice = ReadingChoice(reading, "project")
        groups: dict[tuple[str, str, bool, str | None], list[_Pending]] = defaultdict(list)
        for p in pending:
            if p.choice.decided:
                c = p.choice
                groups[(c.unit, c.evidence, c.weak, c.alternative if c.weak else None)].append(p)
        for (unit, evidence, weak, alternative), group in groups.items():
            params = {"count": len(group), "sources": [p.label for p in group[:3]],
                      "unit": Message(UNIT_CODES[unit]),
                      "agree": sum(p.choice.agree for p in group),
                      "other": sum(p.choice.other for p in group),
                      "total": sum(p.choice.total for p in group)}
            if weak:
                assert alternative is not None
                why = (Message("qdpx.why_habit", {"origin": self.origin})
                       if self.origin and habit(self.origin) == unit
                       else Message("qdpx.why_standard") if unit == CODE_POINTS
                       else Message("qdpx.why_none"))
                note = Message("qdpx.positions_uncertain", {
                    **params, "alternative": Message(UNIT_CODES[alternative]), "why": why})
                self.uncertain.append(note)
                self.problems.insert(0, note)  # first: the summary shows the first notes
            else:
                others = {p.choice.alternative for p in group if p.choice.alternative is not None}
                params["alternative"] = (Message(UNIT_CODES[others.pop()])
                                         if len(others) == 1 else Message("qdpx.unit_other"))
                self.problems.append(Message("qdpx.positions_read", {
                    **params, "evidence": Message(f"qdpx.evidence_{evidence}", params)}))

    def _text_source(self, p: _Pending, variables: dict[str, VariableDef],
                     notes: dict[str, str]) -> Source | None:
        text, start_map, end_map = p.maps
        reading = p.choice.reading
        selections = []
        whole_guid = whole_article_guid(p.el.get("guid") or "") if self.ours else None
        whole: list[tuple[str, str | None]] = []
        for sel, (start, end) in zip(p.el.findall(self.q("PlainTextSelection")), p.spans, strict=True):
            if whole_guid is not None and sel.get("guid") == whole_guid:
                whole = [(r.get("targetGUID") or "", self.users.get(coding.get("creatingUser") or ""))
                         for coding in sel.iter(self.q("Coding")) for r in coding.iter(self.q("CodeRef"))]
                continue
            rs, re_ = reading.to_raw(start), reading.to_raw(end)
            assert rs is not None and re_ is not None  # choose_reading checked every position
            if end_map[re_] <= start_map[rs]:
                self.problems.append(Message("qdpx.empty_selection",
                                             {"start": start, "end": end, "label": p.label}))
                continue
            selections += self._selection(sel, start_map[rs], end_map[re_], notes)
        if not text.strip():
            self.problems.append(Message("qdpx.empty_source", {"label": p.label}))
            return None
        metadata, attributes = self._variable_values(p.el, variables)
        attributes.update(self._cases.by_source.get(p.el.get("guid") or "", {}))
        return Source(p.el.get("name") or "", p.raw, text, metadata, selections,
                      self._memo(p.el, notes), attributes, whole)

    def _memo(self, el: ET.Element, notes: dict[str, str]) -> str:
        """The source's Description and the Notes it refers to (NoteRef), as one memo."""
        parts = [el.findtext(self.q("Description")) or ""]
        parts += [notes.get(r.get("targetGUID") or "", "") for r in el.findall(self.q("NoteRef"))]
        return "\n\n".join(p for p in parts if p.strip())

    def _users(self, root: ET.Element) -> dict[str, str]:
        """User GUID -> name: the coders (NVivo's, ATLAS.ti's, ours). The app's own User of
        our older files made nothing: its work is the importing coder's."""
        users = {}
        for user in root.iter(self.q("User")):
            guid, name = user.get("guid") or "", " ".join((user.get("name") or "").split())
            if guid and name and not (self.ours and guid == APP_USER_GUID):
                users[guid] = name[:MAX_CODER_NAME]
        return users

    def _selection(self, sel: ET.Element, start: int, end: int, notes: dict[str, str]) -> list[Selection]:
        """Note (Description and NoteRefs), codes, times and coder of one PlainTextSelection;
        codings made by different users (NVivo, ATLAS.ti) become one selection per user."""
        parts = [sel.findtext(self.q("Description")) or ""]
        parts += [notes.get(r.get("targetGUID") or "", "") for r in sel.findall(self.q("NoteRef"))]
        modified = parse_datetime(sel.get("modifiedDateTime"))
        created = parse_datetime(sel.get("creationDateTime")) or modified or utcnow()
        # The coder is who applied the codes (NVivo's selection may name someone else).
        owner = self.users.get(sel.get("creatingUser") or "")
        by_user: dict[str | None, list[str]] = {}
        for coding in sel.iter(self.q("Coding")):
            user = self.users.get(coding.get("creatingUser") or "", owner)
            by_user.setdefault(user, []).extend(r.get("targetGUID") or "" for r in coding.iter(self.q("CodeRef")))
        groups = list(by_user.items()) or [(owner, [])]
        note = "\n\n".join(p for p in parts if p.strip())
        return [Selection(start=start, end=end, note=note if i == 0 else "", code_guids=guids,
                          created=created, modified=modified or created, coder=user)
                for i, (user, guids) in enumerate(groups)]

    def _variable_values(self, el: ET.Element, variables: dict[str, VariableDef]
                         ) -> tuple[dict[str, str], dict[str, str]]:
        """Values of the variables that are article metadata (source, author, ...), and
        of the others, which another tool's file means as attributes (QualCoder's file
        attributes)."""
        values, attributes = {}, {}
        for vv in el.findall(self.q("VariableValue")):
            ref = vv.find(self.q("VariableRef"))
            var = variables.get(ref.get("targetGUID") or "") if ref is not None else None
            value = value_text(vv, ref)
            if var is None or value is None:
                continue
            if var.name in ARTICLE_VARIABLES:
                values[var.name] = value
            elif not var.builtin and var.name:
                attributes[var.name] = value
                self.attributes.setdefault(var.name, var)
        return values, attributes

    def _source_text(self, el: ET.Element, label: Message) -> str | None:
        content = el.find(self.q("PlainTextContent"))
        if content is not None:
            return content.text or ""
        where = el.get("plainTextPath") or ""
        if not where.startswith("internal://"):
            self.problems.append(Message("qdpx.source_outside", {
                "label": label, "where": where or Message("qdpx.no_path")}))
            return None
        member = "Sources/" + where[len("internal://"):]
        data = self._member(member, MAX_FILE_BYTES)
        if data is None:
            raise self.fail("qdpx.text_missing", label=label, member=member)
        return self._decode(data, label)

    def _decode(self, data: bytes, label: Message) -> str:
        """UTF-8 as REFI-QDA says, or what a byte-order mark announces (NVivo writes one)."""
        if not data:
            return ""
        try:
            return decode_bytes(data)[0]  # the BOM is dropped: positions count after it
        except ImportFailure as e:
            raise self.fail("qdpx.text_unreadable", label=label, reason=e.reason) from None

