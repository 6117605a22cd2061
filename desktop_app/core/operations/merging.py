"""Merging another coder's library as one undoable step: undo takes away exactly what the
merge added (highlights, articles, whole-article codes, attribute values and attributes,
memo additions, tags, coders nobody's work names) and puts back what the user chose to
take from the file (colours, descriptions, renames); redo puts the same back, same ids."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, and_, bindparam, delete, insert, select
from sqlalchemy.orm import Session

from desktop_app.core.annotate import codebook, edits
from desktop_app.core.interchange.merging.apply import merge_in
from desktop_app.core.interchange.merging.plan import Choice, MergePlan
from desktop_app.core.interchange.merging.result import MergeAdded, MergeResult
from desktop_app.core.operations.base import OperationsBase
from desktop_app.core.operations.changes import Changes, ids
from desktop_app.core.operations.history import StepLabel
from desktop_app.core.operations.outcome import Outcome
from desktop_app.core.progress import Progress
from desktop_app.core.storage.models import (
    Article,
    ArticleCode,
    ArticleMemo,
    Attribute,
    AttributeValue,
    Coder,
    Highlight,
    Tag,
    highlight_tags,
    utcnow,
)

_CHUNK = 500
Rows = list[dict[str, Any]]


def _table(model: Any) -> Table:
    return model.__table__


def _changes(added: MergeAdded, *, created: bool) -> Changes:
    highlights = ids(added.highlight_ids)
    return Changes(
        highlights_created=highlights if created else frozenset(),
        highlights_deleted=frozenset() if created else highlights,
        articles=added.articles,
        articles_added=ids(added.articles_added) if created else frozenset(),
        articles_removed=frozenset() if created else ids(added.articles_added),
        memos=ids(a for a, _t, _c in added.memos_before),
        article_codes=ids(a for a, _t, _c in added.code_keys),
        attributes=ids(a for _attr, a in added.values_added),
        attribute_definitions=bool(added.attributes_created),
        codebook=bool(added.tags_created or added.tag_edits or added.renames),
    )


@dataclass
class _Taken:
    """What an undo took away, for the redo to put back as it was."""

    tables: list[tuple[Table, Rows]]  # parents first
    memos_after: list[tuple[int, str, int | None]]
    coders: Rows
    tags_created_at: dict[int, Any]  # the merge's new tags' creation times, for the redo


class MergeOperations(OperationsBase):
    def merge_library(self, plan: MergePlan, choices: Mapping[tuple[str, str, str], Choice] | None = None,
                      progress: Progress | None = None) -> Outcome[MergeResult]:
        """Store a planned merge (merging.read_merge_file) in one transaction and one undo
        step; `choices` decides each conflict by its key ("mine" when absent). A cancel
        before the commit leaves the library as it was."""
        progress = progress or Progress()
        result = self._in_one_transaction(lambda s: merge_in(s, plan, choices or {}, progress),
                                          lambda r: _changes(r.added, created=True))
        added = result.added
        outcome = Outcome(_changes(added, created=True), result)
        if not added:
            return outcome  # nothing came in: nothing to undo
        box: dict[str, _Taken] = {}
        current = self.db

        def undo(s: Session) -> Changes:
            box["taken"] = _take_away(s, added, current.coder_id)
            return _changes(added, created=False)

        def redo(s: Session) -> Changes:
            _put_back(s, added, box["taken"])
            return _changes(added, created=True)

        self._record(StepLabel("merge_library", result.highlights_added, plan.incoming.path.name),
                     undo, redo)
        return outcome


def _rows(s: Session, table: Table, column: str, values: list[int]) -> Rows:
    out: Rows = []
    for i in range(0, len(values), _CHUNK):
        stmt = select(table).where(table.c[column].in_(values[i:i + _CHUNK]))
        out += [dict(r) for r in s.execute(stmt).mappings()]
    return out


def _delete(s: Session, table: Table, column: str, values: list[int]) -> None:
    for i in range(0, len(values), _CHUNK):
        s.execute(delete(table).where(table.c[column].in_(values[i:i + _CHUNK])))


def _keyed(s: Session, table: Table, columns: tuple[str, ...], keys: set[tuple[int, ...]],
           by: str) -> Rows:
    """Rows whose `columns` make one of `keys` (read by their `by` column, then picked)."""
    index = columns.index(by)
    found = _rows(s, table, by, sorted({k[index] for k in keys}))
    return [r for r in found if tuple(r[c] for c in columns) in keys]


def _take_away(s: Session, added: MergeAdded, current_coder: int) -> _Taken:
    tables: list[tuple[Table, Rows]] = []
    highlights, links = _table(Highlight), highlight_tags
    hids = list(added.highlight_ids)
    tables.append((highlights, _rows(s, highlights, "id", hids)))
    tables.append((links, _rows(s, links, "highlight_id", hids)))
    _delete(s, highlights, "id", hids)
    codes = _table(ArticleCode)
    code_cols = ("article_id", "tag_id", "coder_id")
    taken_codes = _keyed(s, codes, code_cols, set(added.code_keys), "article_id")
    values = _table(AttributeValue)
    taken_values = _keyed(s, values, ("attribute_id", "article_id"), set(added.values_added), "article_id")
    for table, cols, rows in ((codes, code_cols, taken_codes),
                              (values, ("attribute_id", "article_id"), taken_values)):
        if rows:
            s.execute(delete(table).where(and_(*(table.c[c] == bindparam("k_" + c) for c in cols))),
                      [{"k_" + c: r[c] for c in cols} for r in rows])
    memos = _table(ArticleMemo)
    after = {r["article_id"]: r for r in _rows(s, memos, "article_id", [a for a, _t, _c in added.memos_before])}
    memos_after = [(a, after[a]["text"], after[a]["coder_id"]) if a in after else (a, "", None)
                   for a, _t, _c in added.memos_before]
    _put_memos(s, list(added.memos_before))
    attributes = _table(Attribute)
    taken_attributes = _rows(s, attributes, "id", list(added.attributes_created))
    _delete(s, attributes, "id", list(added.attributes_created))
    articles = _table(Article)
    taken_articles = _rows(s, articles, "id", list(added.articles_added))
    _delete(s, articles, "id", list(added.articles_added))  # their caches and memos go too
    s.expire_all()
    for tag_id, color, description, _c, _d in reversed(added.tag_edits):
        tag = s.get(Tag, tag_id)
        if tag is not None:
            tag.color, tag.description = color, description
    codebook.apply_renames(s, codebook.reversed_renames(list(added.renames)))
    tag_ids = [t.id for t in added.tags_created]
    created_at = {r["id"]: r["created_at"] for r in _rows(s, _table(Tag), "id", tag_ids)}
    edits.drop_unused_tags(s, added.tags_created)
    # A coder the merge added goes again, unless someone's work names them or they code now.
    coders = _table(Coder)
    gone = [c for c in added.coders_created if c != current_coder and not _names_coder(s, c)]
    taken_coders = _rows(s, coders, "id", gone)
    _delete(s, coders, "id", gone)
    tables[:0] = [(articles, taken_articles), (attributes, taken_attributes)]
    tables += [(codes, taken_codes), (values, taken_values)]
    return _Taken(tables, memos_after, taken_coders, created_at)


def _names_coder(s: Session, coder_id: int) -> bool:
    return any(s.scalar(select(model.coder_id).where(model.coder_id == coder_id).limit(1)) is not None
               for model in (Highlight, ArticleCode, ArticleMemo))


def _put_memos(s: Session, memos: list[tuple[int, str, int | None]]) -> None:
    """Each article's memo row as it was: its text and coder, or no row."""
    table = _table(ArticleMemo)
    for article_id, text, coder in memos:
        s.execute(delete(table).where(table.c.article_id == article_id))
        if text:
            s.execute(insert(table).values(article_id=article_id, text=text, coder_id=coder or 1,
                                           updated_at=utcnow()))


def _put_back(s: Session, added: MergeAdded, taken: _Taken) -> None:
    if taken.coders:
        s.execute(insert(_table(Coder)), taken.coders)
    edits.put_back_tags(s, added.tags_created, taken.tags_created_at)
    codebook.apply_renames(s, list(added.renames))
    for tag_id, _color, _description, color, description in added.tag_edits:
        tag = s.get(Tag, tag_id)
        if tag is not None:
            tag.color, tag.description = color, description
    s.flush()
    for table, rows in taken.tables:
        for i in range(0, len(rows), 5000):
            s.execute(insert(table), rows[i:i + 5000])
    _put_memos(s, taken.memos_after)
    s.expire_all()
