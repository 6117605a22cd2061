"""The library's user dictionary: where it is kept, which segmentations it made, and what
changing it re-segments.

Kept as one JSON value in the library's key-value table (`app_state`, key
"nlp:dictionary"), so a team sharing the library shares it and no schema change was
needed; a later schema version should give it a table of its own.

Every stored segmentation and tagging (parts of speech, entities: nlp/pos_ner.py, where
a term is one word with one tag) carries, in its `engine` column, the version of the dictionary
it was made with (`segmentation_engine`: the engine name alone for an empty dictionary,
so segmentations made before dictionaries existed stay valid). Changing the dictionary
(`set_dictionary`) finds the articles whose text contains an added or removed term (a
scan with progress) and, in one transaction, stores the new terms and re-stamps every
other segmentation of the old version with the new one: only the affected articles
become stale, and the background scheduler redoes them. A segmentation saved while the
dictionary changed carries the version it was merged with, so it is never trusted for
the new one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy import update as update_rows

from desktop_app.core.nlp.dictionary import (
    CompiledDictionary,
    occurrence_pattern,
    parse_terms,
    term_key,
    text_may_contain,
)
from desktop_app.core.nlp.pending import forget_engines
from desktop_app.core.nlp.segmentation import ENGINE, TAGGING_ENGINE
from desktop_app.core.progress import Progress
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import AppState, Article, Segmentation, Tagging

KEY = "nlp:dictionary"


@dataclass(frozen=True)
class UserDictionary:
    terms: tuple[str, ...]
    compiled: CompiledDictionary

    @property
    def engine(self) -> str:
        """What a segmentation merged with this dictionary is stamped with."""
        return engine_for(self.compiled.keys)

    @property
    def tagging_engine(self) -> str:
        """What a tagging merged with this dictionary is stamped with."""
        return engine_for(self.compiled.keys, TAGGING_ENGINE)


def engine_for(keys: Iterable[str], base: str | None = None) -> str:
    """`base` (the segmentation engine by default, read when called) with the version of
    the dictionary of these term keys."""
    base = ENGINE if base is None else base
    keys = sorted(set(keys))
    if not keys:
        return base
    digest = hashlib.sha256("\n".join(keys).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{base}; dictionary {digest}"


_cache: dict[str | None, UserDictionary] = {}


def _from_raw(raw: str | None) -> UserDictionary:
    found = _cache.get(raw)
    if found is None:
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            data = {}
        terms = data.get("terms") if isinstance(data, dict) else None
        cleaned = parse_terms(t for t in terms if isinstance(t, str)).terms if isinstance(terms, list) else []
        found = UserDictionary(tuple(cleaned), CompiledDictionary(cleaned))
        if len(_cache) > 8:
            _cache.clear()
        _cache[raw] = found
    return found


def load_dictionary(db: Database) -> UserDictionary:
    """The library's dictionary (empty when none was ever set or it is unreadable)."""
    with db.session() as s:
        raw = s.scalar(select(AppState.value).where(AppState.key == KEY))
    return _from_raw(raw)


def engine_of_stored(raw: str | None) -> str:
    """The engine stamp for the dictionary stored as `raw` (the app_state value at KEY):
    for readers that hold a plain sqlite3 connection."""
    return _from_raw(raw).engine


def segmentation_engine(db: Database) -> str:
    """The engine stamp a stored segmentation must carry to be current."""
    return load_dictionary(db).engine


def tagging_engine(db: Database) -> str:
    """The engine stamp a stored tagging must carry to be current."""
    return load_dictionary(db).tagging_engine


@dataclass(frozen=True)
class DictionaryUpdate:
    added: list[str]
    removed: list[str]
    affected: list[int]  # articles whose segmentation became stale, in id order
    previous: tuple[str, ...] = ()  # the dictionary before (what an undo puts back)
    terms: tuple[str, ...] = ()  # and after

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.previous != self.terms)


class DictionaryChanged(ValueError):
    """Someone else (another window, a command) changed the dictionary meanwhile."""


def plan_dictionary(db: Database, terms: Iterable[str], progress: Progress | None = None) -> DictionaryUpdate:
    """What storing `terms` (cleaned by parse_terms: call it first to show the user its
    problems) would change, and which articles it makes stale: a read-only scan with
    progress, for a background thread; `apply_dictionary` then stores it in a moment."""
    progress = progress or Progress()
    old = load_dictionary(db)
    new_terms = parse_terms(terms).terms
    new = CompiledDictionary(new_terms)
    changed = old.compiled.keys ^ new.keys
    added = [t for t in new_terms if term_key(t) not in old.compiled.keys]
    removed = [t for t in old.terms if term_key(t) not in new.keys]
    affected = articles_containing(db, changed, progress) if changed else []
    return DictionaryUpdate(added, removed, affected, old.terms, tuple(new_terms))


def apply_dictionary(db: Database, update: DictionaryUpdate, undo: bool = False) -> None:
    """Store `update.terms` (`update.previous` with undo=True) and make stale, in one
    transaction, the segmentations and taggings of `update.affected` (the same articles
    either way: they hold a term of the difference). DictionaryChanged if the stored
    dictionary is no longer the one the update starts from."""
    before_terms, after_terms = (update.terms, update.previous) if undo else (update.previous, update.terms)
    old = UserDictionary(before_terms, CompiledDictionary(before_terms))
    new = UserDictionary(after_terms, CompiledDictionary(after_terms))
    affected = update.affected
    with db.session() as s:
        current = s.scalar(select(AppState.value).where(AppState.key == KEY))
        if _from_raw(current).compiled.keys != old.compiled.keys:
            raise DictionaryChanged("The dictionary was changed meanwhile (by another window or command); "
                                    "open it again.")
        s.merge(AppState(key=KEY, value=json.dumps({"terms": list(after_terms)}, ensure_ascii=False)))
        if old.engine != new.engine:
            forget_engines(s)  # the re-stamp below would run the pending triggers on every row
            for table, before, after in ((Segmentation, old.engine, new.engine),
                                         (Tagging, old.tagging_engine, new.tagging_engine)):
                s.execute(update_rows(table).where(table.engine == before).values(engine=after))
                # The "; stale" suffix is what queues the article in the word index (a
                # trigger, storage/word_index_models.py): keep it.
                stale = f"{before}; stale"
                for i in range(0, len(affected), 500):
                    s.execute(update_rows(table).where(table.article_id.in_(affected[i:i + 500]))
                              .where(table.engine == after).values(engine=stale))


def set_dictionary(db: Database, terms: Iterable[str], progress: Progress | None = None) -> DictionaryUpdate:
    """Store `terms` as the dictionary and make stale the segmentations of the articles
    they change (plan_dictionary, then apply_dictionary)."""
    update = plan_dictionary(db, terms, progress)
    apply_dictionary(db, update)
    return update


def articles_containing(db: Database, keys: Iterable[str], progress: Progress | None = None) -> list[int]:
    """Ids of the articles whose text contains one of the term keys (by `term_key`, at
    any position: a superset of where they would be merged)."""
    pattern = occurrence_pattern(keys)
    if pattern is None:
        return []
    with db.session() as s:
        ids = list(s.scalars(select(Article.id).order_by(Article.id)))
    found: list[int] = []
    for i in range(0, len(ids), 200):
        if progress is not None:
            progress.step(i, len(ids))
        part = ids[i:i + 200]
        with db.session() as s:
            rows = s.execute(select(Article.id, Article.text).where(Article.id.in_(part)))
            found.extend(aid for aid, text in rows if text and text_may_contain(text, pattern))
    if progress is not None:
        progress.step(len(ids), len(ids))
    return sorted(found)


def add_terms(db: Database, terms: Iterable[str], progress: Progress | None = None) -> DictionaryUpdate:
    return set_dictionary(db, [*load_dictionary(db).terms, *terms], progress)


def remove_terms(db: Database, terms: Iterable[str], progress: Progress | None = None) -> DictionaryUpdate:
    gone = {term_key(t) for t in terms}
    return set_dictionary(db, [t for t in load_dictionary(db).terms if term_key(t) not in gone], progress)
