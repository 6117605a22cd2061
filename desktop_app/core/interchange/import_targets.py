"""The articles an imported file points at (importing.place_highlights): looked up once per
distinct hash, id, url, title or quote, the common keys fetched in bulk, each text read
once per import."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.storage.dialects import contains
from desktop_app.core.storage.models import Article

if TYPE_CHECKING:
    from desktop_app.core.interchange.importing import IncomingHighlight

CHUNK = 500  # bound parameters per IN (...): well below SQLite's oldest limit of 999


@dataclass(frozen=True, slots=True)
class Target:
    """An article as placing needs it; `text` is read once per import."""

    id: int
    title: str
    text: str


_COLUMNS = (Article.id, Article.title, Article.text)


class Library:
    """Answers "which articles may this be?" from one session, asking the database once per
    distinct hash, id, url, title or quote, and fetching the common keys in bulk."""

    def __init__(self, s: Session, records: Sequence[IncomingHighlight]) -> None:
        self.s = s
        self.by_id: dict[int, Target] = {}
        self.by_hash: dict[str, Target] = {}
        self._lists: dict[tuple[str, object], list[Target]] = {}
        hashes = sorted({r.content_hash for r in records if r.content_hash})
        for chunk in chunks(hashes):
            stmt = select(*_COLUMNS, Article.content_hash).where(
                Article.content_hash.in_(chunk))
            for id_, title, text, content_hash in s.execute(stmt):
                self.by_hash[content_hash] = self._keep(id_, title, text)
        ids = sorted({r.article_id for r in records
                      if r.article_id is not None and r.title is not None} - self.by_id.keys())
        for chunk in chunks(ids):
            self._fetch(Article.id.in_(chunk))

    def _keep(self, id_: int, title: str, text: str) -> Target:
        target = self.by_id.get(id_)
        if target is None:
            target = self.by_id[id_] = Target(id_, title, text)
        return target

    def _fetch(self, *where: Any) -> list[Target]:
        return [self._keep(*row) for row in self.s.execute(select(*_COLUMNS).where(*where))]

    def _cached(self, key: tuple[str, object], *where: object) -> list[Target]:
        found = self._lists.get(key)
        if found is None:
            found = self._lists[key] = self._fetch(*where)
        return found

    def with_url(self, url: str) -> list[Target]:
        return self._cached(("url", url), Article.url == url)

    def with_title(self, title: str, published: str | None) -> list[Target]:
        where = [Article.title == title]
        if published:
            where.append(Article.published == published)
        return self._cached(("title", (title, published or None)), *where)

    def containing(self, quote: str) -> list[Target]:
        return self._cached(("quote", quote), contains(self.s, Article.text, quote))

    def similar(self, quote: str, limit: int = 3) -> list[Target]:
        """Articles sharing most words of the quote: where a changed quote may still be found."""
        key = ("similar", quote)
        if key in self._lists:
            return self._lists[key]
        words = sorted({w for w in quote.split() if len(w) > 1}, key=len, reverse=True)[:30]
        scored = []
        if words:
            for article_id, text in self.s.execute(select(Article.id, Article.text)):
                hits = sum(w in text for w in words)
                if hits * 2 >= len(words):
                    scored.append((hits, article_id))
        scored.sort(reverse=True)
        best = [article_id for _, article_id in scored[:limit]]
        if best:
            self._fetch(Article.id.in_(best))
        found = self._lists[key] = [self.by_id[i] for i in best]
        return found

    def candidates(self, rec: IncomingHighlight) -> tuple[list[Target], bool]:
        """Articles the highlight may belong to, and whether the file named the article."""
        if rec.content_hash:
            target = self.by_hash.get(rec.content_hash)
            if target is not None:
                return [target], True
        if rec.article_id is not None and rec.title is not None:
            target = self.by_id.get(rec.article_id)
            if target is not None and target.title == rec.title:
                return [target], True
        if rec.url:
            found = self.with_url(rec.url)
            if found:
                return found, len(found) == 1
        if rec.title:
            found = self.with_title(rec.title, rec.published)
            if found:
                return found, len(found) == 1
        if not rec.quote:
            return [], False
        return (self.containing(rec.quote) or self.similar(rec.quote)), False


def chunks(values: Sequence, size: int = CHUNK) -> Iterable[Sequence]:
    for i in range(0, len(values), size):
        yield values[i : i + size]
