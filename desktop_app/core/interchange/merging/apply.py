"""Storing a planned merge in the caller's transaction: coders by name, the codebook by
tag path (conflicts as the user chose, "mine" when not asked), new articles, highlights,
whole-article codes, memos and attribute values. Nothing already in the library changes,
except what the user chose to take from the file; what is already here (the same file
merged twice) is not added again. Returns what was added, exactly, for the undo.

Highlights on an article whose text differs here are re-anchored from the file's text to
this one as a re-import does (reimport.place_highlight); those that cannot be placed with
confidence come in as orphans, to re-attach. Bulk SQL throughout: 100,000 highlights in
a few seconds.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from desktop_app.core.annotate import codebook
from desktop_app.core.annotate.edits import tag_mark, tags_after
from desktop_app.core.annotate.records import PALETTE, selectors
from desktop_app.core.annotate.tag_paths import TAG_PATH_SEPARATOR, tag_path, with_ancestors
from desktop_app.core.interchange.merging.incoming import IncomingHighlight
from desktop_app.core.interchange.merging.plan import CHANGED, NEW, Choice, MergePlan, TagConflict
from desktop_app.core.interchange.merging.result import AttributeConflict, MergeAdded, MergeResult
from desktop_app.core.library.attributes import key_of
from desktop_app.core.library.coders import MAX_NAME, coder_id_in
from desktop_app.core.library.memos import add_memo
from desktop_app.core.library.reimport import TextShift, place_highlight
from desktop_app.core.progress import Progress
from desktop_app.core.storage.bulk_sql import bulk_sql, is_postgres
from desktop_app.core.storage.dialects import next_ids
from desktop_app.core.storage.models import Article, Coder, Highlight, Tag, utcnow

HIGHLIGHT_COLUMNS = ("id", "article_id", "start", "end", "quote", "prefix", "suffix", "note",
                     "created_at", "modified_at", "orphaned", "coder_id")
_INSERT_HIGHLIGHT = ('INSERT INTO highlights (id, article_id, start, "end", quote, prefix, suffix, '
                     "note, created_at, modified_at, orphaned, coder_id) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_ARTICLE_COLUMNS = ("id", "title", "kicker", "source", "author", "url", "published", "text",
                    "original_text", "content_hash", "source_path", "imported_at", "hidden_spans")
CACHE_KIB = 128 * 1024
Key = tuple[int, int, int, int, bool, str, str, tuple[str, ...]]


class _Coders(dict):
    """Coder ids by name, a coder added on first use: one whose file names them without any
    of their work coming along (nothing new, or nothing at all) is not added."""

    def __init__(self, s: Session) -> None:
        super().__init__(s.execute(select(Coder.name, Coder.id)).all())
        self.s = s
        self.before = set(self.values())
        self.created: list[int] = []

    def __missing__(self, name: str) -> int:
        found = self[name] = coder_id_in(self.s, name[:MAX_NAME])
        if found not in self.before and found not in self.created:
            self.created.append(found)
        return found


@dataclass
class _Ids:
    coders: _Coders
    tags: dict[str, int]


def merge_in(s: Session, plan: MergePlan, choices: Mapping[tuple[str, str, str], Choice],
             progress: Progress) -> MergeResult:
    conn = bulk_sql(s.connection())
    if is_postgres(s):  # the server's own cache; ids from its sequences (next_ids)
        return _merge_in(s, conn, plan, choices, progress)
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    # A larger page cache while 100,000 rows go into the indexes of a large library (the
    # default 2 MB re-reads index pages from disk again and again); the pooled connection
    # gets its own size back.
    conn.execute(f"PRAGMA cache_size={-CACHE_KIB}")
    try:
        return _merge_in(s, conn, plan, choices, progress)
    finally:
        conn.execute(f"PRAGMA cache_size={int(cache)}")


def _by_span(item: tuple[tuple, IncomingHighlight]) -> tuple[int, int]:
    return item[0][0], item[0][1]


def _merge_in(s: Session, conn, plan: MergePlan, choices: Mapping[tuple[str, str, str], Choice],
              progress: Progress) -> MergeResult:
    inc = plan.incoming
    chosen = [(c, choices.get(c.key, "mine")) for c in plan.conflicts]
    coder_ids = _Coders(s)
    mark = tag_mark(s)
    tag_edits, renames = _resolve(s, chosen)
    mapped = _their_names(chosen)
    tag_ids = _tags(s, plan, mapped)
    ids = _Ids(coder_ids, tag_ids)
    targets, articles_added = _articles(s, conn, plan)
    progress.step(1, 4 + len(targets))
    names = {h.coder for a in inc.articles for h in a.highlights}
    have = _existing_keys(conn, set(targets), [coder_ids[n] for n in names if n in coder_ids])
    rows: list[tuple] = []
    links: list[tuple[int, int]] = []
    # Ids for every incoming highlight at most (those already here are skipped: a gap in a
    # sequence on a server; on SQLite the same numbers as max(id) + 1 onwards).
    free = iter(next_ids(s, cast(Table, Highlight.__table__), sum(len(a.highlights) for a in inc.articles)))
    my_texts = _texts(conn, [t for (how, _), t in zip(plan.matches, targets, strict=True) if how == CHANGED])
    present = orphaned = 0
    tag_lists: dict[tuple[str, ...], tuple[str, ...]] = {}
    for n, ((how, _), target, article) in enumerate(zip(plan.matches, targets, inc.articles, strict=True)):
        if n % 200 == 0:
            progress.step(2 + n * len(targets) // max(1, len(inc.articles)), 4 + len(targets))
        text = my_texts.get(target, article.text)
        shift = TextShift(article.text, text) if how == CHANGED else None
        # In order of start: new ids then follow the (article, start) index, and SQLite
        # appends to it instead of inserting all over it.
        placed = sorted(((_placed(h, text, shift), h) for h in article.highlights), key=_by_span)
        for (start, end, quote, prefix, suffix, lost), h in placed:
            tags = tag_lists.get(h.tags)
            if tags is None:  # a few distinct lists among 100,000 highlights
                tags = tag_lists[h.tags] = tuple(sorted({mapped(t) for t in h.tags}))
            key = (target, start, end, ids.coders[h.coder], lost, quote if lost else "", h.note, tags)
            if key in have:
                present += 1
                continue
            have.add(key)
            orphaned += lost
            next_id = next(free)
            rows.append((next_id, target, start, end, quote, prefix, suffix, h.note, h.created,
                         h.modified, int(lost), ids.coders[h.coder]))
            links += [(next_id, ids.tags[t]) for t in tags]
    conn.executemany(_INSERT_HIGHLIGHT, rows)
    conn.executemany("INSERT INTO highlight_tags (highlight_id, tag_id) VALUES (?, ?)", sorted(links))
    progress.step(3 + len(targets), 4 + len(targets))
    codes = _codes(conn, plan, targets, ids, mapped)
    memos_before = _memos(s, plan, targets, ids)
    attributes_created, values, attribute_conflicts = _attributes(conn, plan, targets)
    coders_created = tuple(coder_ids.created)
    added = MergeAdded(
        highlight_ids=tuple(r[0] for r in rows), articles_added=tuple(articles_added),
        articles=frozenset(r[1] for r in rows) | {a for a, _t, _c in codes}
        | {a for a, _t, _c in memos_before} | {a for _attr, a in values} | set(articles_added),
        code_keys=tuple(codes), memos_before=tuple(memos_before), values_added=tuple(values),
        attributes_created=tuple(attributes_created), coders_created=coders_created,
        tags_created=tags_after(s, mark), tag_edits=tuple(tag_edits), renames=tuple(renames))
    progress.step(4 + len(targets), 4 + len(targets))
    return MergeResult(
        file=inc.path.name, articles_new=len(articles_added), articles_same=plan.count("same"),
        articles_changed=plan.count(CHANGED), highlights_added=len(rows), highlights_present=present,
        highlights_orphaned=orphaned, codes_added=len(codes), memos=len(memos_before),
        values_added=len(values), coders_added=tuple(n for n, i in coder_ids.items() if i in coders_created),
        tags_added=len(added.tags_created), conflicts=tuple(chosen),
        attribute_conflicts=tuple(attribute_conflicts), notes=tuple(inc.notes), added=added)


# --- the codebook ---------------------------------------------------------------------------
def _resolve(s: Session, chosen: list[tuple[TagConflict, Choice]]
             ) -> tuple[list[tuple[int, str, str, str, str]], codebook.Renames]:
    """Take the file's side where the user chose it: colours and descriptions edited (as
    (tag id, colour before, description before, colour after, description after)), renamed
    tags renamed here (with the tags under them)."""
    edits: list[tuple[int, str, str, str, str]] = []
    renames: codebook.Renames = []
    for conflict, choice in chosen:
        if choice != "theirs":
            continue
        tag = s.scalar(select(Tag).where(Tag.name == conflict.tag))
        if tag is None:
            continue
        before = (tag.color, tag.description or "")
        if conflict.kind == "colour":
            tag.color = conflict.theirs
        elif conflict.kind == "description":
            tag.description = conflict.theirs
        else:
            renames += codebook.rename_in(s, tag.id, conflict.theirs)
            continue
        s.flush()
        edits.append((tag.id, *before, tag.color, tag.description or ""))
    return edits, renames


def _their_names(chosen: list[tuple[TagConflict, Choice]]):  # -> Callable[[str], str]
    """A file's tag name as it is called here: a renamed tag kept under this library's name
    ("mine") takes the tags under it along."""
    kept = sorted(((tag_path(c.theirs), tag_path(c.tag)) for c, choice in chosen
                   if c.kind == "renamed" and choice == "mine"), key=lambda p: -len(p[0]))
    cache: dict[str, str] = {}

    def mapped(name: str) -> str:
        found = cache.get(name)
        if found is None:
            parts = tag_path(name)
            for theirs, mine in kept:
                if parts[:len(theirs)] == theirs:
                    parts = mine + parts[len(theirs):]
                    break
            found = cache[name] = TAG_PATH_SEPARATOR.join(parts)
        return found
    return mapped


def _tags(s: Session, plan: MergePlan, mapped) -> dict[str, int]:
    """Ids of every tag the merge needs, creating the missing ones (and their parents) with
    the file's colour and description."""
    inc = plan.incoming
    described = {mapped(t.name): t for t in inc.tags}
    used = [mapped(t.name) for t in inc.tags]
    for article in inc.articles:
        used += [mapped(t) for h in article.highlights for t in h.tags]
        used += [mapped(c.tag) for c in article.codes]
    ids = dict(s.execute(select(Tag.name, Tag.id)).all())
    count = len(ids)
    for name in with_ancestors(dict.fromkeys(used)):
        if name in ids:
            continue
        known = described.get(name)
        tag = Tag(name=name, color=(known.color if known and known.color else PALETTE[count % len(PALETTE)]),
                  description=known.description if known else "")
        s.add(tag)
        s.flush()
        ids[name], count = tag.id, count + 1
    return ids


# --- articles and highlights ----------------------------------------------------------------
def _articles(s: Session, conn, plan: MergePlan) -> tuple[list[int], list[int]]:
    """Each incoming article's id here, the new ones inserted."""
    free = iter(next_ids(s, cast(Table, Article.__table__), sum(1 for how, _ in plan.matches if how == NEW)))
    targets: list[int] = []
    new_rows: list[tuple] = []
    seen: dict[str, int] = {}
    now = _now()
    for (how, mine), a in zip(plan.matches, plan.incoming.articles, strict=True):
        if how != NEW and mine is not None:
            targets.append(mine)
        elif a.content_hash in seen:  # the file holds the same text twice
            targets.append(seen[a.content_hash])
        else:
            next_id = next(free)
            seen[a.content_hash] = next_id
            targets.append(next_id)
            new_rows.append((next_id, a.title or "", a.kicker, a.source, a.author, a.url, a.published,
                             a.text, a.original_text, a.content_hash, a.source_path, now, a.hidden_spans))
    conn.executemany(f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) VALUES "
                     f"({', '.join('?' * len(_ARTICLE_COLUMNS))})", new_rows)
    return targets, [r[0] for r in new_rows]


def _texts(conn, article_ids: list[int]) -> dict[int, str]:
    wanted = sorted(set(article_ids))
    out: dict[int, str] = {}
    for i in range(0, len(wanted), 500):
        chunk = wanted[i:i + 500]
        out.update(conn.execute(f"SELECT id, text FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
                                chunk).fetchall())
    return out


def _existing_keys(conn, articles: set[int], coders: list[int]) -> set[Key]:
    """The highlights already on these articles, keyed as incoming ones are. Only those of
    the file's coders: no other can be the same highlight (another coder's 100,000 are not
    read)."""
    if not coders:
        return set()
    names = dict(conn.execute("SELECT id, name FROM tags").fetchall())
    of_coders = f"coder_id IN ({','.join(str(int(c)) for c in coders)})"
    tags: dict[int, list[str]] = {}
    for hid, tid in conn.execute("SELECT ht.highlight_id, ht.tag_id FROM highlight_tags ht JOIN "
                                 f"highlights h ON h.id = ht.highlight_id WHERE h.{of_coders}"):
        tags.setdefault(hid, []).append(names[tid])
    have: set[Key] = set()
    for hid, aid, start, end, coder, lost, quote, note in conn.execute(
            'SELECT id, article_id, start, "end", coder_id, orphaned, '
            f"CASE WHEN orphaned THEN quote ELSE '' END, note FROM highlights WHERE {of_coders}"):
        if aid in articles:
            have.add((aid, start, end, coder, bool(lost), quote, note or "",
                      tuple(sorted(tags.get(hid, ())))))
    return have


def _placed(h: IncomingHighlight, text: str, shift: TextShift | None
            ) -> tuple[int, int, str, str, str, bool]:
    """(start, end, quote, prefix, suffix, orphaned) of a highlight in this library's text."""
    if shift is None or h.orphaned:
        return h.start, h.end, h.quote, h.prefix, h.suffix, h.orphaned
    found = place_highlight(text, shift, h.start, h.end, h.quote, h.prefix, h.suffix, False)
    if found is None:  # kept with what it was made on, for the user to re-attach
        return h.start, h.end, h.quote, h.prefix, h.suffix, True
    quote, prefix, suffix = selectors(text, found.start, found.end)
    return found.start, found.end, quote, prefix, suffix, False


# --- whole-article codes, memos, attributes -------------------------------------------------
def _codes(conn, plan: MergePlan, targets: list[int], ids: _Ids, mapped
           ) -> list[tuple[int, int, int]]:
    have = set(conn.execute("SELECT article_id, tag_id, coder_id FROM article_codes").fetchall())
    rows = []
    for target, article in zip(targets, plan.incoming.articles, strict=True):
        for code in article.codes:
            key = (target, ids.tags[mapped(code.tag)], ids.coders[code.coder])
            if key not in have:
                have.add(key)
                rows.append((*key, code.created))
    conn.executemany("INSERT INTO article_codes (article_id, tag_id, coder_id, created_at) "
                     "VALUES (?, ?, ?, ?)", rows)
    return [r[:3] for r in rows]


def _memos(s: Session, plan: MergePlan, targets: list[int], ids: _Ids
           ) -> list[tuple[int, str, int | None]]:
    """add_memo as its coder: a different memo goes below the one here. Returns (article,
    memo before, its coder before) for each memo changed."""
    conn = bulk_sql(s.connection())
    changed = []
    own = s.info.get("coder_id", 1)
    try:
        for target, article in zip(targets, plan.incoming.articles, strict=True):
            if not article.memo.strip():
                continue
            before = conn.execute("SELECT text, coder_id FROM article_memos WHERE article_id = ?",
                                  (target,)).fetchone()
            s.info["coder_id"] = ids.coders.get(article.memo_coder or "", own)
            if add_memo(s, target, article.memo) != "unchanged":
                changed.append((target, before[0] if before else "", before[1] if before else None))
            s.flush()
    finally:
        s.info["coder_id"] = own
    return changed


def _attributes(conn, plan: MergePlan, targets: list[int]
                ) -> tuple[list[int], list[tuple[int, int]], list[AttributeConflict]]:
    """Attributes the library lacks are defined; a value goes where the article has none;
    a different value here stays, and is listed."""
    mine = {key_of(name): (aid, name, kind, choices) for aid, name, kind, choices in
            conn.execute("SELECT id, name, kind, choices FROM attributes")}
    created: list[int] = []
    conflicts: list[AttributeConflict] = []
    for attr in plan.incoming.attributes:
        found = mine.get(key_of(attr.name))
        if found is None:
            new_id = int(conn.execute("INSERT INTO attributes (name, kind, choices, created_at) VALUES (?, ?, ?, ?)"
                                      " RETURNING id", (attr.name, attr.kind, attr.choices, _now())).fetchone()[0])
            mine[key_of(attr.name)] = (new_id, attr.name, attr.kind, attr.choices)
            created.append(new_id)
        elif found[2] != attr.kind:
            conflicts.append(AttributeConflict(found[1], "", found[2], attr.kind))
    have = {(a, b): v for a, b, v in conn.execute("SELECT attribute_id, article_id, value FROM attribute_values")}
    titles = dict(conn.execute("SELECT id, title FROM articles").fetchall()) if plan.incoming.attributes else {}
    theirs_kind = {key_of(a.name): a.kind for a in plan.incoming.attributes}
    rows = []
    for target, article in zip(targets, plan.incoming.articles, strict=True):
        for name, (value, number) in article.values.items():
            aid, my_name, kind, choices = mine[key_of(name)]
            if kind != theirs_kind[key_of(name)]:
                continue  # listed once above
            here = have.get((aid, target))
            if here is None and kind == "choice" and value not in json.loads(choices or "[]"):
                conflicts.append(AttributeConflict(my_name, titles.get(target, ""), "", value))
            elif here is None:
                rows.append((aid, target, value, number))
                have[(aid, target)] = value
            elif here != value:
                conflicts.append(AttributeConflict(my_name, titles.get(target, ""), here, value))
    conn.executemany("INSERT INTO attribute_values (attribute_id, article_id, value, number) "
                     "VALUES (?, ?, ?, ?)", rows)
    return created, [(r[0], r[1]) for r in rows], conflicts


def _now() -> str:
    """utcnow() as the database stores DateTime columns."""
    return utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")
