"""What a merge would do, worked out before anything is written: which of the file's
articles are already here (same text), here with another text (same outlet and title),
or new; and every codebook conflict, for the user to decide. Nothing is resolved here.

Conflicts: a tag with the same path on both sides but another colour or description; and
a tag renamed on one side: a tag only in the file that the same highlights carry as a tag
only in this library (the team's shared work, renamed in one copy), or that has the same
description. Tags nested under a renamed tag follow it, so only the top one is listed.
"""

from __future__ import annotations

import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.annotate.tag_paths import in_tag_scope, tag_ancestors, tag_path
from desktop_app.core.interchange.merging.incoming import Incoming, refused
from desktop_app.core.interchange.merging.library_file import is_sqlite, read_library
from desktop_app.core.interchange.merging.qdpx_file import read_qdpx
from desktop_app.core.progress import Progress
from desktop_app.core.storage.bulk_sql import bulk_sql
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article, Tag

SAME, CHANGED, NEW = "same", "changed", "new"
ConflictKind = Literal["colour", "description", "renamed"]
Choice = Literal["mine", "theirs"]
RENAME_SHARE = 0.5  # of a file-only tag's shared highlights that must carry the same tag here


@dataclass(frozen=True)
class TagConflict:
    """`tag` is the tag in this library; `mine` and `theirs` the two colours, descriptions,
    or (renamed) names. Choosing "mine" keeps this library's; "theirs" takes the file's."""

    kind: ConflictKind
    tag: str
    mine: str
    theirs: str
    evidence: int = 0  # renamed: highlights carrying the one tag here and the other there

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.tag, self.theirs)

    def as_json(self) -> dict[str, object]:
        return {"kind": self.kind, "tag": self.tag, "mine": self.mine, "theirs": self.theirs,
                "evidence": self.evidence}


@dataclass
class MergePlan:
    incoming: Incoming
    matches: list[tuple[str, int | None]]  # per incoming article: (SAME/CHANGED/NEW, my id)
    conflicts: list[TagConflict] = field(default_factory=list)

    def count(self, how: str) -> int:
        return sum(1 for h, _ in self.matches if h == how)


def read_merge_file(db: Database, path: Path, progress: Progress | None = None) -> MergePlan:
    """Read a library or .qdpx whole and compare it with `db` (MergeError when it cannot be
    merged; nothing is written anywhere)."""
    path, progress = Path(path), progress or Progress()
    if not path.is_file():
        raise refused(path, "merge.not_found")
    if is_sqlite(path):
        with db.session() as s:
            known = frozenset(s.scalars(select(Article.content_hash)))
        incoming = read_library(path, progress, own=db.path, known=known)
    elif zipfile.is_zipfile(path) or path.suffix.lower() == ".qdpx":
        incoming = read_qdpx(path, progress)
    else:
        raise refused(path, "merge.unknown_kind")
    with db.session() as s:
        return plan_merge(s, incoming)


def plan_merge(s: Session, incoming: Incoming) -> MergePlan:
    by_hash = dict(s.execute(select(Article.content_hash, Article.id)).all())
    by_title: dict[tuple[str, str], list[int]] = defaultdict(list)
    for aid, source, title in s.execute(select(Article.id, Article.source, Article.title)):
        if title and title.strip():
            by_title[(source or "", title)].append(aid)
    matches: list[tuple[str, int | None]] = []
    for article in incoming.articles:
        found = by_hash.get(article.content_hash)
        same_title = by_title.get((article.source or "", article.title), [])
        if found is not None:
            matches.append((SAME, found))
        elif len(same_title) == 1:
            matches.append((CHANGED, same_title[0]))
        else:
            matches.append((NEW, None))
    plan = MergePlan(incoming, matches)
    plan.conflicts = _conflicts(s, plan)
    return plan


def _conflicts(s: Session, plan: MergePlan) -> list[TagConflict]:
    mine = {name: (color, description or "") for name, color, description in
            s.execute(select(Tag.name, Tag.color, Tag.description))}
    found: list[TagConflict] = []
    theirs = {t.name: t for t in plan.incoming.tags}
    for name, tag in theirs.items():
        if name not in mine:
            continue
        color, description = mine[name]
        if tag.color and tag.color.lower() != (color or "").lower():
            found.append(TagConflict("colour", name, color, tag.color))
        if tag.description.strip() != description.strip():
            found.append(TagConflict("description", name, description, tag.description))
    only_theirs = [n for n in theirs if n not in mine]
    only_mine = {n for n in mine if n not in theirs}
    if only_theirs and only_mine:
        found += _renames(s, plan, only_theirs, only_mine, mine, theirs)
    return found


def _renames(s: Session, plan: MergePlan, only_theirs: list[str], only_mine: set[str],
             mine: dict[str, tuple[str, str]], theirs: dict) -> list[TagConflict]:
    votes = _shared_highlight_votes(s, plan, set(only_theirs), only_mine)
    found: list[TagConflict] = []
    taken: set[str] = set()
    renamed: list[str] = []
    for name in sorted(only_theirs, key=lambda n: len(tag_path(n))):  # parents first
        if any(in_tag_scope(name, t) for t in renamed):
            continue  # follows its renamed parent
        counted = votes.get(name, Counter())
        best, evidence = next(((m, n) for m, n in counted.most_common() if m not in taken), ("", 0))
        shared = sum(counted.values())
        if not (best and evidence >= max(1, RENAME_SHARE * shared)):
            description = theirs[name].description.strip()
            best = next((m for m in sorted(only_mine) if m not in taken and description
                         and mine[m][1].strip() == description), "")
            evidence = 0
        if best and not any(a in taken for a in tag_ancestors(best)):
            found.append(TagConflict("renamed", best, best, name, evidence))
            taken.add(best)
            renamed.append(name)
    return found


def _shared_highlight_votes(s: Session, plan: MergePlan, only_theirs: set[str],
                            only_mine: set[str]) -> dict[str, Counter[str]]:
    """For each file-only tag: how often a highlight carrying it in the file (same article,
    span and coder) carries each library-only tag here."""
    theirs: dict[tuple[int, int, int, str], set[str]] = defaultdict(set)
    for (how, aid), article in zip(plan.matches, plan.incoming.articles, strict=True):
        if how != SAME or aid is None:
            continue
        for h in article.highlights:
            wanted = only_theirs.intersection(h.tags)
            if wanted and not h.orphaned:
                theirs[(aid, h.start, h.end, h.coder)] |= wanted
    if not theirs:
        return {}
    articles = {k[0] for k in theirs}
    conn = bulk_sql(s.connection())
    rows = conn.execute(
        'SELECT h.article_id, h.start, h."end", c.name, t.name FROM highlights h '
        "JOIN coders c ON c.id = h.coder_id JOIN highlight_tags ht ON ht.highlight_id = h.id "
        "JOIN tags t ON t.id = ht.tag_id WHERE h.orphaned = 0")
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for aid, start, end, coder, tag in rows:
        if aid in articles and tag in only_mine:
            for their_tag in theirs.get((aid, start, end, coder), ()):
                votes[their_tag][tag] += 1
    return votes
