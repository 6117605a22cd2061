"""Article memos: the user's thoughts on a whole article, saved as they type (schema v5).

One memo per article, stored as typed (like highlight notes: nothing normalized, so what
the user sees is what comes back). An empty or blank memo has no row. The memo lives in
`article_memos`, so re-importing the article's text keeps it and deleting the article
deletes it (ON DELETE CASCADE).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.annotate.highlights import AnnotationError
from desktop_app.core.annotate.row_versions import ConflictError, check, conflict, versioned_flush
from desktop_app.core.messages import Message
from desktop_app.core.storage.database import READ_ONLY, Database, DatabaseError, current_coder
from desktop_app.core.storage.models import Article, ArticleMemo, Coder, utcnow

_CHUNK = 500  # bound parameters per IN (...): below SQLite's oldest limit of 999


class MemoError(AnnotationError):
    """A memo that cannot be saved, explained for the user (the article is gone)."""


def get_memo(db: Database, article_id: int) -> str:
    """The article's memo, "" when it has none (or the article is gone)."""
    with db.session() as s:
        return s.scalar(select(ArticleMemo.text).where(ArticleMemo.article_id == article_id)) or ""


def set_memo(db: Database, article_id: int, text: str) -> bool:
    """Store the article's memo ("" or blank removes it); True when anything changed.

    Raises MemoError when the article is no longer in the library, and DatabaseError
    (kind READ_ONLY, BUSY, DISK_FULL, ...) when the library cannot be written.
    """
    if db.read_only:  # say so plainly, before sqlite says "attempt to write a readonly database"
        raise DatabaseError(Message("db.read_only", {"path": db.path}), READ_ONLY)
    with db.session() as s:
        return set_memo_in(s, article_id, text)


def set_memo_in(s: Session, article_id: int, text: str, seen: int | None = None) -> bool:
    """set_memo inside a caller's transaction (an operation, its undo), refusing a memo
    on an article that is gone. `seen`: the memo's version the user saw (memo_version; 0:
    no memo), refused with ConflictError when another coder changed it since; None: the
    current one, last writer wins (annotate/row_versions.py)."""
    return saved_memo_in(s, article_id, text, seen)[0]


def saved_memo_in(s: Session, article_id: int, text: str, seen: int | None = None) -> tuple[bool, int]:
    """set_memo_in, and the memo's version after it (0: no memo), without another query."""
    # Only the id: loading the Article would read its whole text on every keystroke pause.
    if s.scalar(select(Article.id).where(Article.id == article_id)) is None:
        raise MemoError(Message("memo.article_gone"))
    changed, row = _put(s, article_id, text, seen)
    if row is None:
        return changed, 0
    if row.row_version is None:  # just added: the version comes with the INSERT
        s.flush()
    return changed, row.row_version


def memo_version(s: Session, article_id: int) -> int:
    """The memo's row version (schema v14); 0 when the article has no memo. (Through the
    session's identity map: after a save in the same session, no query.)"""
    row = s.get(ArticleMemo, article_id)
    return row.row_version if row is not None else 0


def memo_with_version(db: Database, article_id: int) -> tuple[str, int]:
    """The memo and its version, what the memo box shows and names as `seen` when saving."""
    with db.session() as s:
        row = s.execute(select(ArticleMemo.text, ArticleMemo.row_version)
                        .where(ArticleMemo.article_id == article_id)).first()
        return (row[0], row[1]) if row is not None else ("", 0)


def memo_conflict(s: Session, article_id: int) -> ConflictError:
    """The memo as another coder left it ("" and version 0: they emptied it)."""
    row = s.execute(select(ArticleMemo.text, ArticleMemo.row_version, Coder.name)
                    .join(Coder, Coder.id == ArticleMemo.coder_id, isouter=True)
                    .where(ArticleMemo.article_id == article_id)).first()
    text, version, who = row if row is not None else ("", 0, "")
    return conflict("conflict.memo", {"text": text}, version, who or "")


def memo_in(s: Session, article_id: int) -> str:
    return s.scalar(select(ArticleMemo.text).where(ArticleMemo.article_id == article_id)) or ""


def put_memo(s: Session, article_id: int, text: str, seen: int | None = None) -> bool:
    """set_memo inside a caller's transaction (an import stores memos with its articles)."""
    return _put(s, article_id, text, seen)[0]


def _put(s: Session, article_id: int, text: str, seen: int | None) -> tuple[bool, ArticleMemo | None]:
    """Whether anything changed, and the memo's row after (None: no memo)."""
    row = s.get(ArticleMemo, article_id)
    if not text.strip():
        if row is None:
            return False, None
        check(row.row_version, seen, lambda: memo_conflict(s, article_id))
        s.delete(row)
        _flush(s, article_id)
        return True, None
    if row is None:
        check(0, seen, lambda: memo_conflict(s, article_id))
        row = ArticleMemo(article_id=article_id, text=text, updated_at=utcnow(), coder_id=current_coder(s))
        s.add(row)
        return True, row
    if row.text == text:
        return False, row  # a flush with nothing new: keep updated_at
    check(row.row_version, seen, lambda: memo_conflict(s, article_id))
    row.text, row.updated_at, row.coder_id = text, utcnow(), current_coder(s)
    _flush(s, article_id)
    return True, row


def _flush(s: Session, article_id: int) -> None:
    """The versioned UPDATE or DELETE now: another writer's commit since we read is a
    conflict (a server), not an error at commit."""
    def refuse() -> ConflictError:
        s.rollback()
        return memo_conflict(s, article_id)

    with versioned_flush(refuse):
        s.flush()


def add_memo(s: Session, article_id: int, text: str) -> str:
    """An imported memo, never losing the article's own: "set" on an article without one,
    "appended" below a different one, "unchanged" when it is there already (importing a
    file twice adds nothing)."""
    current = s.scalar(select(ArticleMemo.text).where(ArticleMemo.article_id == article_id)) or ""
    if not text.strip() or text in current:
        return "unchanged"
    if not current.strip():
        put_memo(s, article_id, text)
        return "set"
    put_memo(s, article_id, f"{current}\n\n{text}")
    return "appended"


def memos_by_article(db: Database, article_ids: Iterable[int] | None = None) -> dict[int, str]:
    """Every non-empty memo (of these articles only, if given), by article id."""
    with db.session() as s:
        return memo_texts(s, article_ids)


def memo_texts(s: Session, article_ids: Iterable[int] | None = None) -> dict[int, str]:
    stmt = select(ArticleMemo.article_id, ArticleMemo.text)
    if article_ids is None:
        return {aid: text for aid, text in s.execute(stmt)}
    ids = sorted(set(article_ids))
    found: dict[int, str] = {}
    for i in range(0, len(ids), _CHUNK):
        rows = s.execute(stmt.where(ArticleMemo.article_id.in_(ids[i:i + _CHUNK])))
        found.update((aid, text) for aid, text in rows)
    return found

