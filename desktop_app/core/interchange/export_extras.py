"""What the tabular exports (CSV, long CSV, XLSX) carry besides passages: a `unit` column,
whole-article codes as rows of their own, and one column per attribute.

A whole-article code is a row whose `unit` is "article", with start 0 and end the length
of the text (code points), an empty highlight_id, quote and context, the code in
`tags` and its coder in `coder`; passage rows say "passage". Attribute columns follow, one per attribute an
exported article has a value of: the built-ins that are not columns already (author,
year, domain) and the user's, named as the attribute (prefixed "attribute:" should the
name be a column's), numbers as numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from desktop_app.core.library.attributes import BUILT_IN, Value, user_attributes, values_of
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import ArticleCode

UNIT = "unit"
PASSAGE, ARTICLE = "passage", "article"
_ALREADY_COLUMNS = frozenset({"outlet", "published"})  # `source` and `published` hold them


@dataclass(frozen=True)
class Extras:
    """The extra columns' headers and, per article, their values and whole-article codes."""

    headers: tuple[str, ...] = ()
    values: dict[int, list[Value | None]] = field(default_factory=dict)
    # article id -> [(tag id, created at as ISO text in UTC with "Z", coder id)]
    codes: dict[int, list[tuple[int, str, int]]] = field(default_factory=dict)

    def of(self, article_id: int) -> list[Value | None]:
        return self.values.get(article_id) or [None] * (len(self.headers) - 1)


def load_extras(db: Database, columns: Sequence[str], article_ids: Iterable[int] | None = None) -> Extras:
    """`columns`: the export's own columns, which attribute names must not repeat."""
    wanted = None if article_ids is None else {int(i) for i in article_ids}
    picked: list[tuple[str, dict[int, Value]]] = []
    with db.session() as s:
        for info in [*(a for a in BUILT_IN if a.name not in _ALREADY_COLUMNS), *user_attributes(s)]:
            values = {a: v for a, v in values_of(s, info).items() if wanted is None or a in wanted}
            if values:
                picked.append((info.name if info.name not in columns else f"attribute:{info.name}", values))
        codes: dict[int, list[tuple[int, str, int]]] = {}
        for article_id, tag_id, created, coder_id in s.execute(
                ArticleCode.__table__.select().with_only_columns(
                    ArticleCode.article_id, ArticleCode.tag_id, ArticleCode.created_at,
                    ArticleCode.coder_id)):
            if wanted is None or article_id in wanted:
                moment = created.strftime("%Y-%m-%dT%H:%M:%SZ") if created is not None else ""
                codes.setdefault(article_id, []).append((tag_id, moment, coder_id))
    by_article: dict[int, list[Value | None]] = {}
    for i, (_name, values) in enumerate(picked):
        for article_id, value in values.items():
            by_article.setdefault(article_id, [None] * len(picked))[i] = value
    return Extras((UNIT, *(name for name, _v in picked)), by_article, codes)
