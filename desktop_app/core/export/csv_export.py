"""CSV export, one row per highlight, that Excel opens correctly with Vietnamese text.

DESIGN.md: utf-8-sig (Excel needs the BOM), newline="" (no blank rows on Windows),
and text cells that Excel would run as a formula are prefixed with "'" (OWASP).
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desktop_app.core.db import Database
from desktop_app.core.models import Article, Highlight
from desktop_app.core.text import fold, sentence_bounds

COLUMNS = (
    "article_id",
    "article_title",
    "source",
    "published",
    "highlight_id",
    "start",
    "end",
    "quote",
    "tags",
    "note",
    "created_at",
    "context",
)
TAG_SEPARATOR = "; "
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


def safe_cell(value: object) -> object:
    """Neutralize formula injection in text; leave numbers numeric."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def highlight_rows(db: Database, article_ids: Iterable[int] | None = None) -> Iterator[list[object]]:
    """Rows in COLUMNS order, by article then position."""
    stmt = (
        select(Highlight)
        .join(Article)
        .options(selectinload(Highlight.tags), selectinload(Highlight.article))
        .order_by(Article.published.is_(None), Article.published, Article.id, Highlight.start, Highlight.id)
    )
    if article_ids is not None:
        stmt = stmt.where(Highlight.article_id.in_(list(article_ids)))
    with db.session() as s:
        for h in s.scalars(stmt):
            a = h.article
            left, right = sentence_bounds(a.text, h.start, h.end)
            yield [
                a.id,
                a.title,
                a.source or "",
                a.published or "",
                h.id,
                h.start,
                h.end,
                h.quote,
                TAG_SEPARATOR.join(sorted((t.name for t in h.tags), key=fold)),
                h.note or "",
                h.created_at.isoformat() if h.created_at else "",
                a.text[left:right],
            ]


def export_csv(
    db: Database, path: Path, article_ids: Iterable[int] | None = None, delimiter: str = ","
) -> int:
    """Write the file atomically (temp file + rename) and return the number of rows."""
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=".chugiai-", suffix=".csv", dir=path.parent)
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
            writer.writerow(COLUMNS)
            for row in highlight_rows(db, article_ids):
                writer.writerow([safe_cell(v) for v in row])
                count += 1
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return count
