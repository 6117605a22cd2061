"""Long-format CSV (one row per highlight and tag) and the codebook, for pivot tables.

The wide export joins a highlight's tags in one cell ("Cán bộ; Đảng"), which a pivot
table cannot count. Here every (highlight, tag) pair is its own row, and the codebook
lists each tag once with its parent, so R, pandas or Excel can group by tag or branch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from sqlalchemy import and_, distinct, func, select

from desktop_app.core.annotate.tag_paths import in_tag_scope, tag_parent, tag_path
from desktop_app.core.interchange.csv_export import (
    COLUMNS,
    column_indexes,
    highlight_records,
    write_csv,
)
from desktop_app.core.interchange.export_extras import Extras, load_extras
from desktop_app.core.progress import Progress
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Highlight, Tag, highlight_tags
from desktop_app.core.text.normalize import fold

LONG_COLUMNS = tuple("tag" if c == "tags" else c for c in COLUMNS)
CODEBOOK_COLUMNS = ("tag", "parent", "description", "colour", "highlight_count", "article_count")
_TAG = COLUMNS.index("tags")


def long_rows(
    db: Database, article_ids: Iterable[int] | None = None, tag: str | None = None,
    progress: Progress | None = None,
    extras: Extras | None = None,
    coders: Iterable[int] | None = None,
) -> Iterator[list[object]]:
    """Rows in LONG_COLUMNS order (then the extras'): one per tag of each highlight, one
    with "" if untagged, one per whole-article code.

    With a `tag` scope only the tags inside the scope get rows, so a pivot over the
    file counts exactly the scope.
    """
    for row, names in highlight_records(db, article_ids, tag, progress=progress, extras=extras,
                                        coders=coders):
        for name in [n for n in names if in_tag_scope(n, tag)] or [""]:
            out = list(row)
            out[_TAG] = name
            yield out


def export_csv_long(
    db: Database,
    path: Path,
    article_ids: Iterable[int] | None = None,
    tag: str | None = None,
    delimiter: str = ",",
    columns: Sequence[str] | None = None,
    progress: Progress | None = None,
    coders: Iterable[int] | None = None,
) -> int:
    """Write the long CSV atomically and return the number of rows.

    `columns` picks a subset of LONG_COLUMNS (COLUMNS with "tag" for "tags") and the
    extra columns (export_extras).
    """
    if article_ids is not None:
        article_ids = list(article_ids)
    extras = load_extras(db, LONG_COLUMNS, article_ids)
    available = (*LONG_COLUMNS, *extras.headers)
    picked = column_indexes(columns, available)
    header = [available[i] for i in picked]
    rows = ([row[i] for i in picked]
            for row in long_rows(db, article_ids, tag, progress, extras, coders))
    return write_csv(path, header, rows, delimiter)


def codebook_rows(
    db: Database, article_ids: Iterable[int] | None = None, tag: str | None = None
) -> list[list[object]]:
    """Rows in CODEBOOK_COLUMNS order, parents before their children.

    Counts are of highlights carrying exactly that tag (a parent does not add its
    children's), so summing a column never counts a highlight twice for one tag.
    `article_ids` limits what is counted, not which tags are listed.
    """
    # Orphans have no place in the text and no row in the exports: not counted either.
    on = and_(Highlight.id == highlight_tags.c.highlight_id, Highlight.orphaned == False)  # noqa: E712
    if article_ids is not None:
        on = and_(on, Highlight.article_id.in_(list(article_ids)))
    stmt = (
        select(
            Tag.name,
            Tag.description,
            Tag.color,
            func.count(distinct(Highlight.id)),
            func.count(distinct(Highlight.article_id)),
        )
        .outerjoin(highlight_tags, highlight_tags.c.tag_id == Tag.id)
        .outerjoin(Highlight, on)
        .group_by(Tag.id)
    )
    with db.session() as s:
        found = s.execute(stmt).all()
    rows = [
        [name, tag_parent(name), description or "", color, n_highlights, n_articles]
        for name, description, color, n_highlights, n_articles in found
        if in_tag_scope(name, tag)
    ]
    # Sorting by folded path parts puts "Cán bộ/Đào tạo" right after "Cán bộ".
    rows.sort(key=lambda r: (tuple(fold(p) for p in tag_path(str(r[0]))), r[0]))
    return rows


def export_codebook_csv(db: Database, path: Path, delimiter: str = ",", tag: str | None = None) -> int:
    """Write the codebook (the tags in `tag`'s scope) atomically; return the number of tags."""
    return write_csv(path, CODEBOOK_COLUMNS, codebook_rows(db, tag=tag), delimiter)
