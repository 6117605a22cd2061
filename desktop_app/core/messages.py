"""What core says to a user, as data: a code and its parameters, never a finished sentence.

Core raises errors and returns summaries that carry a `Message`; the interface words it in
the user's language (ui/wording.py), the CLI and the logs print `english()`: the English
sentences the app has always shown. Every code and its English live in `ENGLISH` below, so
a test can check that the interface words each one.

Parameters are data (paths, ids, counts, values the user typed, a system's own error text),
never English made here: a parameter may itself be a `Message`, which is worded in turn.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

Params = Mapping[str, object]
English = str | Callable[[Params], str]
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True, eq=True)
class Message:
    """One thing core tells a user: `code` says which situation, `params` the particulars."""

    code: str
    params: Params = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in ENGLISH:  # a typo must fail where it is made, not when worded
            raise ValueError(f"unknown message code {self.code!r}")
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def english(self) -> str:
        """The English sentence (the CLI prints it; str() of a core error is it)."""
        template = ENGLISH[self.code]
        if callable(template):
            return template(self.params)
        return fill(template, self.params, lambda m: m.english())

    def __str__(self) -> str:
        return self.english()

    __hash__ = None  # type: ignore[assignment]  # params is a mapping


def fill(template: str, params: Params, word: Callable[[Message], str],
         join: str = ", ") -> str:
    """Put the parameters into `{name}` placeholders in ONE pass (a value holding "{x}" or
    HTML stays as it is); a nested Message is worded by `word`, a list joined."""
    def value(match: re.Match[str]) -> str:
        v = params[match.group(1)]
        if isinstance(v, Message):
            return word(v)
        if isinstance(v, (list, tuple)):
            return join.join(word(x) if isinstance(x, Message) else str(x) for x in v)
        return str(v)

    return _PLACEHOLDER.sub(value, template)


class MessageError(Exception):
    """Base of core's user-facing errors: `message` says what went wrong as data; str() is
    the English. A plain string is still accepted (code "unworded": shown as it is)."""

    def __init__(self, message: Message | str, *args: object) -> None:
        if not isinstance(message, Message):
            message = Message(UNWORDED, {"text": str(message)})
        self.message = message
        super().__init__(message.english(), *args)


def message_of(error: BaseException) -> Message:
    """The Message an error carries, or the error's own text as an unworded one."""
    found = getattr(error, "message", None)
    if isinstance(found, Message):
        return found
    return Message(UNWORDED, {"text": str(error) or type(error).__name__})


UNWORDED = "unworded"


# --- summaries whose English depends on the counts ------------------------------------------
def _import_summary(p: Params) -> str:
    text = ("{file}: {imported} highlights imported ({fuzzy} placed by fuzzy match), "
            "{skipped} already present")
    if p["memos"]:
        text += ", {memos} article memos"
    text += "."
    if p["unplaced"]:
        text += " {unplaced} could not be placed: {examples}"
    return fill(text, p, Message.english, join="; ")


def _qdpx_summary(p: Params) -> str:
    text = ("{file}: {highlights} highlights, {articles} new articles ({present} already here), "
            "{codes} codes")
    if p["memos"]:
        text += ", {memos} article memos"
    text += "."
    if p["notes"]:
        text += " {notes} note(s): {examples}"
    return fill(text, p, Message.english, join="; ")


# Every code core uses, with its English (exactly the text the app has always shown).
ENGLISH: dict[str, English] = {
    UNWORDED: "{text}",
    # highlights and the codebook
    "article.missing": "The article no longer exists.",
    "article.gone": "This article is no longer in the library.",
    "highlight.missing": "That highlight no longer exists.",
    "highlight.already_there": "That highlight is already there.",
    "highlight.not_restored": "That highlight could not be put back.",
    "highlight.outside_text": "The selection is outside the article text.",
    "highlight.blank_selection": "The selection holds only spaces; select some words.",
    "tag.missing": "That tag no longer exists.",
    "tag.needs_name": "A tag needs a name.",
    "tag.name_taken": "A tag named “{name}” already exists. To put their highlights together, "
                      "merge the tags instead.",
    "tag.under_itself": "A tag cannot be moved under itself.",
    "tag.merge_into_itself": "Choose another tag to merge into.",
    "tag.merge_under_itself": "A tag cannot be merged into a tag nested under it.",
    # another coder changed it meanwhile (schema v14, annotate/row_versions.py); who: "" unknown
    "conflict.highlight": lambda p: fill(
        "{who} changed this highlight while you were editing it; your change was not saved over theirs."
        if p["who"] else "Another coder changed this highlight while you were editing it; your change "
        "was not saved over theirs.", p, Message.english),
    "conflict.tag": lambda p: fill(
        "{who} changed this tag meanwhile; your change was not saved over theirs."
        if p["who"] else "Another coder changed this tag meanwhile; your change was not saved over "
        "theirs.", p, Message.english),
    "conflict.memo": lambda p: fill(
        "{who} changed this memo while you were writing; your text was not saved over theirs."
        if p["who"] else "Another coder changed this memo while you were writing; your text was not "
        "saved over theirs.", p, Message.english),
    # articles, metadata, memos, re-import
    "metadata.not_editable": "These fields cannot be edited: {fields}.",
    "metadata.needs_title": "An article needs a title: it names the article in the library.",
    "metadata.bad_date": "“{value}” is not a date. Write it as 2023-04-04, 2023-04-04 10:48 "
                         "or 04/04/2023 10:48.",
    "coder.empty_name": "A coder needs a name.",
    "coder.name_too_long": "A coder's name can have at most {limit} characters.",
    "coder.name_taken": "Another coder is already called “{name}”.",
    "coder.missing": "That coder is no longer in the library.",
    "memo.article_gone": "This article is no longer in the library: the memo could not be saved.",
    "reimport.empty_text": "The new text is empty; the article was left as it was.",
    "reimport.article_gone": "The article is no longer in the library.",
    "reimport.duplicate": "Another article in the library (“{title}”, id {id}) already has "
                          "exactly this text, so the change was not applied: the two would be "
                          "duplicates.",
    # the database file
    "db.read_only": "The library {path} is read-only (the file or its folder cannot be "
                    "written): you can read, search and export, but changes cannot be saved.",
    "db.damaged": "The file {path} is not a Chú Giải database, or it is damaged. It was left "
                  "untouched.",
    "db.file_read_only": "The database {path} is read-only: changes cannot be saved.",
    "db.cannot_open": "The database {path} cannot be opened: check that its folder exists and "
                      "is writable.",
    "db.busy": "The database {path} is busy: another program (or another copy of Chú Giải) is "
               "writing to it. Try again in a moment.",
    "db.disk_full": "The disk holding {path} is full (or the file has reached the largest size "
                    "this system allows): the change was not saved. Free some space and try "
                    "again; your earlier work is safe.",
    "db.write_failed": "Chú Giải could not write to {path}: the disk may be full, removed or "
                       "failing ({reason}). The change was not saved; your earlier work is safe.",
    "db.error": "The database {path} reported an error: {reason}",
    "db.cannot_move_aside": "The damaged library {path} could not be moved aside ({reason}); "
                            "nothing was deleted. Move it yourself, then start Chú Giải again.",
    "db.cannot_create_folder": "Cannot create the data folder {path}: {reason}.",
    "db.server_lost": "The connection to the server of {path} is lost ({reason}): this change "
                      "was not saved. Your earlier work is safe; try again when it is back.",
    "db.server_lost_unsure": "The connection to the server of {path} was lost while this change "
                             "was being saved ({reason}); it will show once the connection is "
                             "back if it was saved. Nothing was saved twice.",
    "db.damaged_file": "The file {path} is damaged ({problem}). It was left untouched.",
    "db.newer_than_app": "The database {path} was made by a newer version of Chú Giải (schema "
                         "{version}, this version knows {known}). It was left untouched; please "
                         "update the app.",
    "db.foreign": "The file {path} is a SQLite database but not one made by Chú Giải. It was "
                  "left untouched.",
    "db.empty_read_only": "The database {path} is empty and read-only.",
    "db.upgrade_read_only": "The database {path} was made by an older version of Chú Giải and "
                            "needs an upgrade, but it is read-only. Copy it somewhere writable "
                            "and open the copy.",
    "db.not_upgraded": "{problem} Nothing was upgraded.",
    "db.damaged_in_use": "The library {path} is damaged: this could not be read or saved. Your "
                         "other work is still in the file. Restart Chú Giải: it will check the "
                         "library and, if it is damaged, keep it aside and tell you where.",
    "db.upgrade_failed": "The database {path} could not be upgraded ({problem}). It was left as "
                         "it was; a copy is at {backup}.",
    "db.broken_references": "upgrading would leave {count} broken references (first: table "
                            "{table}, row {row})",
    "backup.cannot_open": "Cannot open {path}: {reason}.",
    "backup.damaged": "The backup {path} is damaged; nothing was restored.",
    "backup.not_library": "{path} is not a Chú Giải library; nothing was restored.",
    "backup.newer": "{path} was made by a newer Chú Giải; please update the app first.",
    # importing annotations
    "import.file_unreadable": "Cannot read {path}: {reason}.",
    "import.file_invalid": "Cannot import {path}: {problem}. Nothing was imported.",
    "import.not_utf8": "it is not UTF-8 text",
    "import.csv_not_utf8": "it is not UTF-8 text (was it saved again in another encoding?)",
    "import.csv_malformed": "it is not a well-formed CSV file ({reason})",
    "import.json_invalid": "it is not valid JSON ({reason} at line {line}, column {column})",
    "import.too_deep": "it is nested too deeply",
    "import.unknown_kind": "{file}: not an annotation file this app reads (use .csv, "
                           ".json/.jsonld, .qdpx or .qdc).",
    "import.no_such_file": "{path}: no such file.",
    "import.summary": _import_summary,
    "import.unplaced_example": "“{quote}”: {why}",
    "unplaced.no_quote": "the annotation has no quoted text to look for",
    "unplaced.no_article": "no article in the library contains this passage",
    "unplaced.passage_gone": "the passage is no longer in the article",
    "unplaced.ambiguous": "the passage is in {count} articles; cannot tell which one is meant",
    "unplaced.ambiguous_in_article": "the passage occurs {count} times in the article, with the "
                                     "same context, and the file gives no position: cannot tell "
                                     "which one is meant",
    "unplaced.blank": "the passage holds only spaces",
    "unplaced.memo_ambiguous": "the memo's address belongs to {count} articles; cannot tell "
                               "which one is meant",
    "unplaced.memo_no_article": "no article in the library is the one this memo is about",
    # REFI-QDA projects (.qdpx)
    "qdpx.failed": "{file}: {problem} Nothing was imported.",
    "qdpx.not_found": "the file was not found.",
    "qdpx.not_zip": "this is not a REFI-QDA project (.qdpx): it is not a zip archive, or it is "
                    "damaged or cut short.",
    "qdpx.unreadable": "the file cannot be read ({reason}).",
    "qdpx.zip_feature": "it uses a zip feature this app cannot read ({reason}).",
    "qdpx.limit": "it was not opened: {reason}.",
    "qdpx.too_deep": "its codes are nested too deeply.",
    "qdpx.member_unsupported": "{member} is stored in a way this app cannot read ({reason}).",
    "qdpx.member_encrypted": "{member} is encrypted ({reason}).",
    "qdpx.xml_unreadable": "project.qde cannot be read: {reason}.",
    "qdpx.member_too_large": "{member} is too large ({mb} MB).",
    "qdpx.member_damaged": "the archive is damaged: {member} cannot be read ({reason}).",
    "qdpx.no_project": "this is not a REFI-QDA project: it holds no project.qde.",
    "qdpx.bad_xml": "project.qde is not well-formed XML ({reason}).",
    "qdpx.not_project": "project.qde is not a REFI-QDA project (its root is not Project).",
    "qdpx.source": "source “{name}”",
    "qdpx.note": "note “{name}”",
    "qdpx.text_problem": "{label}: {reason}",
    "qdpx.no_position": "a selection in {label} has no valid position.",
    "qdpx.bad_positions": "a selection in {label} has impossible positions {start}–{end}.",
    "qdpx.reading_problem": "in {label}, {reason}",
    "qdpx.text_missing": "the text of {label} ({member}) is missing from the archive.",
    "qdpx.text_unreadable": "the text of {label} cannot be read: {reason}",
    "qdpx.summary": _qdpx_summary,
    "qdpx.sources_skipped": "{count} {kind} source(s) skipped: only text sources are imported.",
    "qdpx.positions_read": lambda p: fill(
        "Positions in {count} " + ("source" if p["count"] == 1 else "sources") + " ({sources}) "
        "were read as {unit}: {evidence}.", p, Message.english),
    "qdpx.positions_uncertain": lambda p: fill(
        "Positions in {count} " + ("source" if p["count"] == 1 else "sources") + " ({sources}) "
        "may count {unit} or {alternative}, and the file does not tell clearly ({agree} of "
        "{total} selection edges fall between words read as {unit}, {other} read as "
        "{alternative}). They were read as {unit}, {why}: check a few of their highlights.",
        p, Message.english),
    "qdpx.unit_code_points": "code points",
    "qdpx.unit_utf16": "UTF-16 code units",
    "qdpx.unit_crlf": "characters with a CRLF line break counted as one",
    "qdpx.unit_other": "another counting",
    "qdpx.evidence_names": "{agree} of {total} selection names match the text read that way, "
                           "{other} read as {alternative}",
    "qdpx.evidence_boundaries": "{agree} of {total} selection edges fall between words read that "
                                "way, {other} read as {alternative}",
    "qdpx.evidence_fit": "read any other way, a selection would lie outside the text or inside a "
                         "character",
    "qdpx.evidence_project": "the other sources of the project show it clearly",
    "qdpx.why_habit": "as {origin} is known to count",
    "qdpx.why_standard": "as the REFI-QDA standard says",
    "qdpx.why_none": "for want of a better reason",
    "qdpx.empty_selection": "An empty selection ({start}–{end}) in {label} was dropped.",
    "qdpx.empty_source": "The {label} holds no text and was skipped.",
    "qdpx.source_outside": "The {label} was skipped: its text is not inside the archive "
                           "({where}).",
    "qdpx.no_path": "no path given",
    "qdpx.unknown_codes": "{count} coding(s) refer to codes missing from the codebook; those "
                          "highlights were imported without them.",
    "qdpx.memo_appended": "The memo on “{title}” from the file was added below the one already "
                          "in the library.",
    "qdpx.attribute_skipped": "The attribute “{name}” was not imported: {problem}",
    "qdpx.attribute_values_skipped": "{count} value(s) of the attribute “{name}” were not "
                                     "imported, e.g.: {problem}",
    # REFI-QDA codebooks (.qdc)
    "qdc.bad_xml": "it is not well-formed XML ({reason}).",
    "qdc.not_codebook": "it is not a REFI-QDA codebook (its root is not CodeBook).",
    "qdc.no_codes": "the codebook holds no codes.",
    "qdc.summary": lambda p: fill(
        "{file}: {codes} new " + ("tag" if p["codes"] == 1 else "tags") + ", {present} already "
        "in the codebook (kept as they are).", p, Message.english),
    # exports
    "export.no_tags": "The library has no tags yet: a codebook needs at least one.",
    # attributes of articles (cases and variables), filters on them
    "attribute.needs_name": "An attribute needs a name.",
    "attribute.bad_name": "An attribute name cannot hold = < > ! or \":\": “{name}”.",
    "attribute.reserved": "“{name}” is built in (it comes from the article's details) or "
                          "reserved; choose another name.",
    "attribute.name_taken": "An attribute named “{name}” already exists.",
    "attribute.bad_kind": "“{kind}” is not a type of attribute: choose text, number, date or "
                          "choice.",
    "attribute.missing": "That attribute no longer exists.",
    "attribute.unknown": "There is no attribute “{name}”.",
    "attribute.built_in": "“{name}” comes from the article's details: edit it there.",
    "attribute.kind_differs": "“{name}” holds values of type {kind}, not {wanted}.",
    "attribute.bad_number": "“{value}” is not a number.",
    "attribute.bad_date": "“{value}” is not a date. Write it as 2023-04-04, 2023-04 or 2023 (or "
                          "04/04/2023).",
    "attribute.not_a_choice": "“{value}” is not one of the choices of “{name}”: {choices}.",
    "attribute.needs_choices": "A choice attribute needs at least one choice.",
    "attribute.choice_in_use": "“{value}” is still the value of some articles ({count}); change "
                               "them first.",
    "attribute.csv_failed": "Cannot import {path}: {problem} Nothing was imported.",
    "attribute.csv_cell": "Row {row}, column “{column}”: {problem}",
    "attribute.csv_row": "Row {row}: {problem}",
    "attribute.csv_empty": "it has no header row.",
    "attribute.csv_no_key": "its first column must be “id” or “title”: the articles the rows are "
                            "about.",
    "attribute.csv_no_columns": "it has no attribute columns after the first one.",
    "attribute.csv_blank_header": "column {column} of the header has no name.",
    "attribute.csv_duplicate_column": "the column “{column}” appears twice.",
    "attribute.csv_too_many_cells": "it has {count} cells, the header only {columns}.",
    "attribute.csv_unknown_id": "there is no article with id “{value}”.",
    "attribute.csv_unknown_title": "no article has the title “{value}”.",
    "attribute.csv_ambiguous_title": "several articles ({count}) have the title “{value}”: key the "
                                     "file by id.",
    "attribute.csv_repeated_article": "this article is in row {other} too.",
    "filter.bad": "“{text}” is not a filter: write KEY=VALUE or KEY!=VALUE, and KEY>=VALUE, "
                  "KEY<=VALUE, KEY>VALUE or KEY<VALUE for numbers and dates.",
    "filter.text_compare": "“{name}” holds text: compare it with = or != only.",
    # coded passages, matrices, co-occurrence
    "analysis.unknown_tag": "There is no tag “{name}”.",
    "analysis.no_tags": "Choose at least one tag.",
    # inter-coder agreement and adjudication
    "agreement.unknown_coder": "There is no coder “{name}”.",
    "agreement.too_few_coders": "Agreement needs at least two coders who coded something; there "
                                "are {count}.",
    "agreement.unknown_unit": "“{unit}” is not a unit: choose one of {units}.",
    "adjudication.consensus_compared": "The consensus coder “{name}” is one of the coders "
                                       "compared: choose or name another coder.",
    "export.no_such_tag": "There is no tag named “{tag}” (nor one nested under it).",
    "export.no_such_coder": "There is no coder named “{name}” in this library.",
    "export.duplicate_leaf_names": "{count} code name(s) are used by more than one code without "
                                   "sub-codes ({names}): QualCoder keeps one code per name and "
                                   "would merge them. Rename them first if the file is for "
                                   "QualCoder.",
    "export.conll_all_outside": "No token is labelled: no highlight in the exported articles "
                                "carries the tag “{tag}” or one nested under it, so every label "
                                "is O.",
    "export.conll_all_outside_any": "No token is labelled: the exported articles have no tagged "
                                    "highlights, so every label is O.",
    "analysis.xlsx_too_wide": "The table has {count} columns; an Excel sheet holds at most {limit}. "
                              "Export it as CSV, or choose an attribute for the columns.",
    # merging another coder's library or .qdpx
    "merge.failed": "{file}: {problem} Nothing was merged.",
    "merge.not_found": "the file was not found.",
    "merge.unknown_kind": "it is neither a Chú Giải library (.sqlite3) nor a REFI-QDA project "
                          "(.qdpx).",
    "merge.not_library": "it is a SQLite database but not a Chú Giải library.",
    "merge.same_library": "it is this library itself.",
    "merge.newer": "it was made by a newer version of Chú Giải (schema {version}, this version "
                   "knows {known}); please update the app.",
    "merge.unreadable": "it cannot be opened ({reason}).",
    "merge.damaged": "it is damaged or cannot be read ({reason}).",
    "merge.not_upgraded": "a copy of it could not be upgraded ({problem}).",
    "merge.summary": "{file}: {highlights} highlights added ({present} already here, {orphaned} to "
                     "re-attach), {articles} new articles ({same} already here, {changed} with "
                     "another text here), {codes} whole-article codes, {memos} memos, {values} "
                     "attribute values, {tags} new tags; new coders: {coders}; {conflicts} codebook "
                     "conflicts; {attribute_conflicts} attribute values differ (kept as they are).",
}


def codes() -> Sequence[str]:
    """Every code core may use (the interface must word each one)."""
    return tuple(ENGLISH)
