"""Core's messages in the user's language.

Core raises errors and returns summaries that carry a `Message` (a code and its
parameters, core/messages.py); this module words each code through Qt's translation
(context "Wording" in chugiai_vi.ts) and puts the parameters in as plain text. Show the
result with Qt.PlainText (a parameter may be anything a user or a file wrote).

    plain_text.warn(self, self.tr("Could not save"), wording.error_text(e))  # ui/common/plain_text.py
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject

from desktop_app.core.messages import UNWORDED, Message, Params, fill, message_of

log = logging.getLogger(__name__)
_logged: set[str] = set()  # codes without wording, each logged once

Words = str | Callable[[Params], str]


def error_text(error: BaseException) -> str:
    """What to tell the user about `error`: its Message worded, else its own text."""
    return message_text(message_of(error))


def message_text(message: Message) -> str:
    """`message` in the interface language, parameters substituted as plain text."""
    return Wording().text(message)


def worded_codes() -> frozenset[str]:
    """Every code this module has words for (a test checks core has none without)."""
    return frozenset(Wording().table()) | {UNWORDED}


def _count(params: Params, name: str = "count") -> int:
    return int(params[name])  # type: ignore[call-overload]


class Wording(QObject):
    """The words for every code. A QObject for `self.tr`: lupdate then finds each string
    (with its plural forms), in the context "Wording"."""

    def text(self, message: Message) -> str:
        if message.code == UNWORDED:
            return str(message.params["text"])
        words = self.table().get(message.code)
        if words is None:
            if message.code not in _logged:
                _logged.add(message.code)
                log.warning("no wording for core message %r; shown in English", message.code)
            return message.english()
        template = words(message.params) if callable(words) else words
        try:
            return fill(template, message.params, self.text)
        except KeyError:  # a translation naming a parameter the code lacks: never fail
            log.warning("wording of %r names an unknown parameter", message.code)
            return message.english()

    def _import_summary(self, p: Params) -> str:
        parts = {
            "imported": self.tr("%n highlight(s) imported", "", _count(p, "imported")),
            "fuzzy": self.tr("%n placed by fuzzy match", "", _count(p, "fuzzy")),
            "present": self.tr("%n already present", "", _count(p, "skipped")),
            "memos": self.tr("%n article memo(s)", "", _count(p, "memos")),
        }
        line = (self.tr("{file}: {imported} ({fuzzy}), {present}, {memos}.") if p["memos"]
                else self.tr("{file}: {imported} ({fuzzy}), {present}."))
        if p["unplaced"]:
            line += " " + self.tr("%n could not be placed: {examples}", "", _count(p, "unplaced"))
        return fill(line, {**p, **parts}, self.text, join="; ")

    def _qdpx_summary(self, p: Params) -> str:
        parts = {
            "highlights": self.tr("%n highlight(s)", "", _count(p, "highlights")),
            "articles": self.tr("%n new article(s)", "", _count(p, "articles")),
            "present": self.tr("%n already here", "", _count(p, "present")),
            "codes": self.tr("%n code(s)", "", _count(p, "codes")),
            "memos": self.tr("%n article memo(s)", "", _count(p, "memos")),
        }
        line = (self.tr("{file}: {highlights}, {articles} ({present}), {codes}, {memos}.")
                if p["memos"] else self.tr("{file}: {highlights}, {articles} ({present}), {codes}."))
        if p["notes"]:
            line += " " + self.tr("%n note(s): {examples}", "", _count(p, "notes"))
        return fill(line, {**p, **parts}, self.text, join="; ")

    def table(self) -> dict[str, Words]:
        """Code -> its words ({name} placeholders; a callable for counted ones)."""
        return {
            # highlights and the codebook
            "article.missing": self.tr("The article no longer exists."),
            "article.gone": self.tr("This article is no longer in the library."),
            "highlight.missing": self.tr("That highlight no longer exists."),
            "highlight.already_there": self.tr("That highlight is already there."),
            "highlight.not_restored": self.tr("That highlight could not be put back."),
            "highlight.outside_text": self.tr("The selection is outside the article text."),
            "highlight.blank_selection": self.tr(
                "The selection holds only spaces; select some words."),
            "tag.missing": self.tr("That tag no longer exists."),
            "tag.needs_name": self.tr("A tag needs a name."),
            "tag.name_taken": self.tr("A tag named “{name}” already exists. To put their "
                                      "highlights together, merge the tags instead."),
            "tag.under_itself": self.tr("A tag cannot be moved under itself."),
            "tag.merge_into_itself": self.tr("Choose another tag to merge into."),
            "tag.merge_under_itself": self.tr("A tag cannot be merged into a tag nested under it."),
            "conflict.highlight": lambda p: self.tr(
                "{who} changed this highlight while you were editing it; your change was not "
                "saved over theirs.") if p["who"] else self.tr(
                "Another coder changed this highlight while you were editing it; your change "
                "was not saved over theirs."),
            "conflict.tag": lambda p: self.tr(
                "{who} changed this tag meanwhile; your change was not saved over theirs.")
                if p["who"] else self.tr(
                "Another coder changed this tag meanwhile; your change was not saved over theirs."),
            "conflict.memo": lambda p: self.tr(
                "{who} changed this memo while you were writing; your text was not saved over "
                "theirs.") if p["who"] else self.tr(
                "Another coder changed this memo while you were writing; your text was not saved "
                "over theirs."),
            # articles, metadata, memos, re-import
            "metadata.not_editable": self.tr("These fields cannot be edited: {fields}."),
            "metadata.needs_title": self.tr(
                "An article needs a title: it names the article in the library."),
            "metadata.bad_date": self.tr("“{value}” is not a date. Write it as 2023-04-04, "
                                         "2023-04-04 10:48 or 04/04/2023 10:48."),
            "coder.empty_name": self.tr("A coder needs a name."),
            "coder.name_too_long": self.tr("A coder's name can have at most {limit} characters."),
            "coder.name_taken": self.tr("Another coder is already called “{name}”."),
            "coder.missing": self.tr("That coder is no longer in the library."),
            "memo.article_gone": self.tr(
                "This article is no longer in the library: the memo could not be saved."),
            "reimport.empty_text": self.tr(
                "The new text is empty; the article was left as it was."),
            "reimport.article_gone": self.tr("The article is no longer in the library."),
            "reimport.duplicate": self.tr(
                "Another article in the library (“{title}”, id {id}) already has exactly this "
                "text, so the change was not applied: the two would be duplicates."),
            # the database file
            "db.read_only": self.tr(
                "The library {path} is read-only (the file or its folder cannot be written): "
                "you can read, search and export, but changes cannot be saved."),
            "db.damaged": self.tr("The file {path} is not a Chú Giải database, or it is "
                                  "damaged. It was left untouched."),
            "db.file_read_only": self.tr(
                "The database {path} is read-only: changes cannot be saved."),
            "db.cannot_open": self.tr("The database {path} cannot be opened: check that its "
                                      "folder exists and is writable."),
            "db.busy": self.tr("The database {path} is busy: another program (or another copy "
                               "of Chú Giải) is writing to it. Try again in a moment."),
            "db.disk_full": self.tr(
                "The disk holding {path} is full (or the file has reached the largest size "
                "this system allows): the change was not saved. Free some space and try "
                "again; your earlier work is safe."),
            "db.write_failed": self.tr(
                "Chú Giải could not write to {path}: the disk may be full, removed or failing "
                "({reason}). The change was not saved; your earlier work is safe."),
            "db.error": self.tr("The database {path} reported an error: {reason}"),
            "db.cannot_move_aside": self.tr(
                "The damaged library {path} could not be moved aside ({reason}); nothing was "
                "deleted. Move it yourself, then start Chú Giải again."),
            "db.cannot_create_folder": self.tr("Cannot create the data folder {path}: {reason}."),
            "db.server_lost": self.tr(
                "The connection to the server of {path} is lost ({reason}): this change was not "
                "saved. Your earlier work is safe; try again when it is back."),
            "db.server_lost_unsure": self.tr(
                "The connection to the server of {path} was lost while this change was being "
                "saved ({reason}); it will show once the connection is back if it was saved. "
                "Nothing was saved twice."),
            "db.damaged_file": self.tr(
                "The file {path} is damaged ({problem}). It was left untouched."),
            "db.newer_than_app": self.tr(
                "The database {path} was made by a newer version of Chú Giải (schema "
                "{version}, this version knows {known}). It was left untouched; please update "
                "the app."),
            "db.foreign": self.tr("The file {path} is a SQLite database but not one made by "
                                  "Chú Giải. It was left untouched."),
            "db.empty_read_only": self.tr("The database {path} is empty and read-only."),
            "db.upgrade_read_only": self.tr(
                "The database {path} was made by an older version of Chú Giải and needs an "
                "upgrade, but it is read-only. Copy it somewhere writable and open the copy."),
            "db.not_upgraded": self.tr("{problem} Nothing was upgraded."),
            "db.damaged_in_use": self.tr(
                "The library {path} is damaged: this could not be read or saved. Your other "
                "work is still in the file. Restart Chú Giải: it will check the library and, "
                "if it is damaged, keep it aside and tell you where."),
            "db.upgrade_failed": self.tr(
                "The database {path} could not be upgraded ({problem}). It was left as it "
                "was; a copy is at {backup}."),
            "db.broken_references": lambda p: self.tr(
                "upgrading would leave %n broken reference(s) (first: table {table}, row "
                "{row})", "", _count(p)),
            "backup.cannot_open": self.tr("Cannot open {path}: {reason}."),
            "backup.damaged": self.tr("The backup {path} is damaged; nothing was restored."),
            "backup.not_library": self.tr(
                "{path} is not a Chú Giải library; nothing was restored."),
            "backup.newer": self.tr(
                "{path} was made by a newer Chú Giải; please update the app first."),
            # importing annotations
            "import.file_unreadable": self.tr("Cannot read {path}: {reason}."),
            "import.file_invalid": self.tr(
                "Cannot import {path}: {problem}. Nothing was imported."),
            "import.not_utf8": self.tr("it is not UTF-8 text"),
            "import.csv_not_utf8": self.tr(
                "it is not UTF-8 text (was it saved again in another encoding?)"),
            "import.csv_malformed": self.tr("it is not a well-formed CSV file ({reason})"),
            "import.json_invalid": self.tr(
                "it is not valid JSON ({reason} at line {line}, column {column})"),
            "import.too_deep": self.tr("it is nested too deeply"),
            "import.unknown_kind": self.tr("{file}: not an annotation file this app reads "
                                           "(use .csv, .json/.jsonld, .qdpx or .qdc)."),
            "import.no_such_file": self.tr("{path}: no such file."),
            "import.summary": self._import_summary,
            "import.unplaced_example": self.tr("“{quote}”: {why}"),
            "unplaced.no_quote": self.tr("the annotation has no quoted text to look for"),
            "unplaced.no_article": self.tr("no article in the library contains this passage"),
            "unplaced.passage_gone": self.tr("the passage is no longer in the article"),
            "unplaced.ambiguous": lambda p: self.tr(
                "the passage is in %n articles; cannot tell which one is meant", "", _count(p)),
            "unplaced.ambiguous_in_article": lambda p: self.tr(
                "the passage occurs %n time(s) in the article, with the same context, and the file "
                "gives no position: cannot tell which one is meant", "", _count(p)),
            "unplaced.blank": self.tr("the passage holds only spaces"),
            "unplaced.memo_ambiguous": lambda p: self.tr(
                "the memo's address belongs to %n articles; cannot tell which one is meant",
                "", _count(p)),
            "unplaced.memo_no_article": self.tr(
                "no article in the library is the one this memo is about"),
            # REFI-QDA projects (.qdpx)
            "qdpx.failed": self.tr("{file}: {problem} Nothing was imported."),
            "qdpx.not_found": self.tr("the file was not found."),
            "qdpx.not_zip": self.tr("this is not a REFI-QDA project (.qdpx): it is not a zip "
                                    "archive, or it is damaged or cut short."),
            "qdpx.unreadable": self.tr("the file cannot be read ({reason})."),
            "qdpx.zip_feature": self.tr("it uses a zip feature this app cannot read ({reason})."),
            "qdpx.limit": self.tr("it was not opened: {reason}."),
            "qdpx.too_deep": self.tr("its codes are nested too deeply."),
            "qdpx.member_unsupported": self.tr(
                "{member} is stored in a way this app cannot read ({reason})."),
            "qdpx.member_encrypted": self.tr("{member} is encrypted ({reason})."),
            "qdpx.xml_unreadable": self.tr("project.qde cannot be read: {reason}."),
            "qdpx.member_too_large": self.tr("{member} is too large ({mb} MB)."),
            "qdpx.member_damaged": self.tr(
                "the archive is damaged: {member} cannot be read ({reason})."),
            "qdpx.no_project": self.tr(
                "this is not a REFI-QDA project: it holds no project.qde."),
            "qdpx.bad_xml": self.tr("project.qde is not well-formed XML ({reason})."),
            "qdpx.not_project": self.tr(
                "project.qde is not a REFI-QDA project (its root is not Project)."),
            "qdpx.source": self.tr("source “{name}”"),
            "qdpx.note": self.tr("note “{name}”"),
            "qdpx.text_problem": self.tr("{label}: {reason}"),
            "qdpx.no_position": self.tr("a selection in {label} has no valid position."),
            "qdpx.bad_positions": self.tr(
                "a selection in {label} has impossible positions {start}–{end}."),
            "qdpx.reading_problem": self.tr("in {label}, {reason}"),
            "qdpx.text_missing": self.tr(
                "the text of {label} ({member}) is missing from the archive."),
            "qdpx.text_unreadable": self.tr("the text of {label} cannot be read: {reason}"),
            "qdpx.summary": self._qdpx_summary,
            "qdpx.sources_skipped": lambda p: self.tr(
                "%n {kind} source(s) skipped: only text sources are imported.", "", _count(p)),
            "qdpx.positions_read": lambda p: self.tr(
                "Positions in %n source(s) ({sources}) were read as {unit}: {evidence}.", "",
                _count(p)),
            "qdpx.positions_uncertain": lambda p: self.tr(
                "Positions in %n source(s) ({sources}) may count {unit} or {alternative}, and the "
                "file does not tell clearly ({agree} of {total} selection edges fall between "
                "words read as {unit}, {other} read as {alternative}). They were read as {unit}, "
                "{why}: check a few of their highlights.", "", _count(p)),
            "qdpx.unit_code_points": self.tr("code points"),
            "qdpx.unit_utf16": self.tr("UTF-16 code units"),
            "qdpx.unit_crlf": self.tr("characters with a CRLF line break counted as one"),
            "qdpx.unit_other": self.tr("another counting"),
            "qdpx.evidence_names": self.tr(
                "{agree} of {total} selection names match the text read that way, {other} read "
                "as {alternative}"),
            "qdpx.evidence_boundaries": self.tr(
                "{agree} of {total} selection edges fall between words read that way, {other} "
                "read as {alternative}"),
            "qdpx.evidence_fit": self.tr(
                "read any other way, a selection would lie outside the text or inside a "
                "character"),
            "qdpx.evidence_project": self.tr("the other sources of the project show it clearly"),
            "qdpx.why_habit": self.tr("as {origin} is known to count"),
            "qdpx.why_standard": self.tr("as the REFI-QDA standard says"),
            "qdpx.why_none": self.tr("for want of a better reason"),
            "qdpx.empty_selection": self.tr(
                "An empty selection ({start}–{end}) in {label} was dropped."),
            "qdpx.empty_source": self.tr("The {label} holds no text and was skipped."),
            "qdpx.source_outside": self.tr(
                "The {label} was skipped: its text is not inside the archive ({where})."),
            "qdpx.no_path": self.tr("no path given"),
            "qdpx.unknown_codes": lambda p: self.tr(
                "%n coding(s) refer to codes missing from the codebook; those highlights were "
                "imported without them.", "", _count(p)),
            "qdpx.memo_appended": self.tr("The memo on “{title}” from the file was added below "
                                          "the one already in the library."),
            "qdpx.attribute_skipped": self.tr("The attribute “{name}” was not imported: {problem}"),
            "qdpx.attribute_values_skipped": lambda p: self.tr(
                "%n value(s) of the attribute “{name}” were not imported, e.g.: {problem}", "",
                _count(p)),
            # REFI-QDA codebooks (.qdc)
            "qdc.bad_xml": self.tr("it is not well-formed XML ({reason})."),
            "qdc.not_codebook": self.tr(
                "it is not a REFI-QDA codebook (its root is not CodeBook)."),
            "qdc.no_codes": self.tr("the codebook holds no codes."),
            "qdc.summary": lambda p: self.tr(
                "{file}: %n new tag(s), {present} already in the codebook (kept as they are).",
                "", _count(p, "codes")),
            # exports
            "export.no_tags": self.tr(
                "The library has no tags yet: a codebook needs at least one."),
            # attributes of articles (cases and variables), filters on them
            "attribute.needs_name": self.tr("An attribute needs a name."),
            "attribute.bad_name": self.tr(
                "An attribute name cannot hold = < > ! or \":\": “{name}”."),
            "attribute.reserved": self.tr("“{name}” is built in (it comes from the article's "
                                          "details) or reserved; choose another name."),
            "attribute.name_taken": self.tr("An attribute named “{name}” already exists."),
            "attribute.bad_kind": self.tr("“{kind}” is not a type of attribute: choose text, "
                                          "number, date or choice."),
            "attribute.missing": self.tr("That attribute no longer exists."),
            "attribute.unknown": self.tr("There is no attribute “{name}”."),
            "attribute.built_in": self.tr(
                "“{name}” comes from the article's details: edit it there."),
            "attribute.kind_differs": self.tr(
                "“{name}” holds values of type {kind}, not {wanted}."),
            "attribute.bad_number": self.tr("“{value}” is not a number."),
            "attribute.bad_date": self.tr("“{value}” is not a date. Write it as 2023-04-04, "
                                          "2023-04 or 2023 (or 04/04/2023)."),
            "attribute.not_a_choice": self.tr(
                "“{value}” is not one of the choices of “{name}”: {choices}."),
            "attribute.needs_choices": self.tr("A choice attribute needs at least one choice."),
            "attribute.choice_in_use": self.tr("“{value}” is still the value of some articles "
                                               "({count}); change them first."),
            "attribute.csv_failed": self.tr("Cannot import {path}: {problem} Nothing was "
                                            "imported."),
            "attribute.csv_cell": self.tr("Row {row}, column “{column}”: {problem}"),
            "attribute.csv_row": self.tr("Row {row}: {problem}"),
            "attribute.csv_empty": self.tr("it has no header row."),
            "attribute.csv_no_key": self.tr("its first column must be “id” or “title”: the "
                                            "articles the rows are about."),
            "attribute.csv_no_columns": self.tr(
                "it has no attribute columns after the first one."),
            "attribute.csv_blank_header": self.tr("column {column} of the header has no name."),
            "attribute.csv_duplicate_column": self.tr("the column “{column}” appears twice."),
            "attribute.csv_too_many_cells": self.tr(
                "it has {count} cells, the header only {columns}."),
            "attribute.csv_unknown_id": self.tr("there is no article with id “{value}”."),
            "attribute.csv_unknown_title": self.tr("no article has the title “{value}”."),
            "attribute.csv_ambiguous_title": self.tr("several articles ({count}) have the "
                                                     "title “{value}”: key the file by id."),
            "attribute.csv_repeated_article": self.tr("this article is in row {other} too."),
            "filter.bad": self.tr(
                "“{text}” is not a filter: write KEY=VALUE or KEY!=VALUE, and KEY>=VALUE, "
                "KEY<=VALUE, KEY>VALUE or KEY<VALUE for numbers and dates."),
            "filter.text_compare": self.tr(
                "“{name}” holds text: compare it with = or != only."),
            # coded passages, matrices, co-occurrence
            "analysis.unknown_tag": self.tr("There is no tag “{name}”."),
            "analysis.no_tags": self.tr("Choose at least one tag."),
            "agreement.unknown_coder": self.tr("There is no coder “{name}”."),
            "agreement.too_few_coders": self.tr("Agreement needs at least two coders who coded "
                                                "something; there are {count}."),
            "agreement.unknown_unit": self.tr("“{unit}” is not a unit: choose one of {units}."),
            "adjudication.consensus_compared": self.tr("The consensus coder “{name}” is one of the "
                                                       "coders compared: choose or name another coder."),
            "export.no_such_tag": self.tr("There is no tag named “{tag}” (nor one nested under it)."),
            "export.no_such_coder": self.tr("There is no coder named “{name}” in this library."),
            "export.duplicate_leaf_names": lambda p: self.tr(
                "%n code name(s) are used by more than one code without sub-codes ({names}): "
                "QualCoder keeps one code per name and would merge them. Rename them first if the "
                "file is for QualCoder.", "", _count(p)),
            "export.conll_all_outside": self.tr(
                "No token is labelled: no highlight in the exported articles carries the tag "
                "“{tag}” or one nested under it, so every label is O."),
            "export.conll_all_outside_any": self.tr(
                "No token is labelled: the exported articles have no tagged highlights, so every "
                "label is O."),
            "analysis.xlsx_too_wide": self.tr(
                "The table has {count} columns; an Excel sheet holds at most {limit}. "
                "Export it as CSV, or choose an attribute for the columns."),
            # merging another coder's library or .qdpx
            "merge.failed": self.tr("{file}: {problem} Nothing was merged."),
            "merge.not_found": self.tr("the file was not found."),
            "merge.unknown_kind": self.tr("it is neither a Chú Giải library (.sqlite3) nor a "
                                          "REFI-QDA project (.qdpx)."),
            "merge.not_library": self.tr("it is a SQLite database but not a Chú Giải library."),
            "merge.same_library": self.tr("it is this library itself."),
            "merge.newer": self.tr("it was made by a newer version of Chú Giải (schema {version}, "
                                   "this version knows {known}); please update the app."),
            "merge.unreadable": self.tr("it cannot be opened ({reason})."),
            "merge.damaged": self.tr("it is damaged or cannot be read ({reason})."),
            "merge.not_upgraded": self.tr("a copy of it could not be upgraded ({problem})."),
            "merge.summary": self.tr(
                "{file}: {highlights} highlights added ({present} already here, {orphaned} to "
                "re-attach), {articles} new articles ({same} already here, {changed} with another "
                "text here), {codes} whole-article codes, {memos} memos, {values} attribute "
                "values, {tags} new tags; new coders: {coders}; {conflicts} codebook conflicts; "
                "{attribute_conflicts} attribute values differ (kept as they are)."),
        }

