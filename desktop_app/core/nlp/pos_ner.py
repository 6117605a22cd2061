"""Parts of speech and named-entity suggestions, aligned to code points of the stored text.

underthesea's `ner(text)` gives, per word, (word, POS, chunk, NER IOB tag): one call is
both POS and entities. Its words are `word_tokenize`'s, so they are aligned to the source
with `nlp.align_tokens` and cut into the same units as segmentation (never across a
newline): the POS spans of an article are its stored word spans.

Speed: `ner()` builds its CRF features with a loop that copies the whole sentence for
every feature of every word (quadratic): ~5,000 characters/s on the seeds, 27x slower
than `word_tokenize`. `_FastTagger` builds the very same feature strings in linear time
and calls the same three CRF models (~75,000 characters/s); a test checks that its
output equals `ner()` on the seeds, and it falls back to `ner()` if underthesea's
internals ever move.

Entities are merged from B-/I- tags (an I- without its B- starts an entity, as
conlleval does), trimmed of punctuation at their edges, and kept only for persons,
places and organisations: the 2017 CRF model's MISC is rare and mostly noise ("16 SA").

Storage is keyed by text hash + engine like segments.py. Rejected suggestions are the
user's work: stored apart (rejected_suggestions), with their quote, and never deleted by
a re-tagging.
"""

from __future__ import annotations

import json
import re
import sys
from array import array
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from desktop_app.core.nlp.dictionary import merge_tagged
from desktop_app.core.nlp.pending import articles_without_valid
from desktop_app.core.nlp.segmentation import (
    TAGGING_ENGINE,  # noqa: F401  (its home was here)
    _visible,
    align_tokens,
    segmentation_units,
)
from desktop_app.core.nlp.stored import _TYPECODE as _SPAN_TYPECODE
from desktop_app.core.nlp.stored import check_spans, pack_spans, text_hash
from desktop_app.core.nlp.user_dictionary import UserDictionary, load_dictionary, tagging_engine
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article, Highlight, RejectedSuggestion, Tagging

LABELS: tuple[str, ...] = ("PER", "LOC", "ORG")

# VLSP tag -> one of the colour classes of the reader's word view.
POS_CLASSES: tuple[str, ...] = ("noun", "verb", "adjective", "proper", "number", "other")
_POS_CLASS = {
    "N": "noun", "Nc": "noun", "Nu": "noun", "Ny": "noun", "Nb": "noun",
    "V": "verb", "Vb": "verb", "Vy": "verb",
    "A": "adjective", "Ab": "adjective",
    "Np": "proper",
    "M": "number", "Mb": "number",
}

PosSpan = tuple[int, int, str]
EntitySpan = tuple[int, int, str]


def pos_class(tag: str) -> str:
    """The colour class of a POS tag ("other" for anything not listed)."""
    return _POS_CLASS.get(tag, "other")


class Suggestion(NamedTuple):
    """A named entity the tagger found: a suggestion, not a highlight."""

    start: int
    end: int
    label: str  # one of LABELS
    text: str


# --- the tagger -------------------------------------------------------------------------
_TEMPLATE_RE = re.compile(
    r"T\[(?P<index1>\-?\d+)(\,(?P<index2>\-?\d+))?\](\[(?P<column>.*)\])?(\.(?P<function>.*))?"
)


def _istitle(word: str) -> str:
    """underthesea's text_istitle, as the string its features hold."""
    if not word:
        return "False"
    for part in word.split(" "):
        if not part or not part[0].istitle():
            return "False"
    return "True"


_FEATURE_FUNCTIONS: dict[str, Callable[[str], str]] = {"lower": str.lower, "istitle": _istitle}


class _Feature(NamedTuple):
    prefix: str
    index1: int
    index2: int | None
    column: int
    function: Callable[[str], str] | None


def _compile(template: Sequence[str]) -> list[_Feature]:
    from underthesea.pipeline.ner import tagged_feature  # its other feature functions

    features = []
    for syntax in template:
        m = _TEMPLATE_RE.match(syntax)
        if m is None:
            raise ValueError(f"unknown feature template {syntax!r}")
        name = m.group("function")
        function = None
        if name:
            function = _FEATURE_FUNCTIONS.get(name)
            if function is None:
                function = (lambda n: lambda w: str(tagged_feature.apply_function(n, w)))(name)
        index2 = m.group("index2")
        features.append(_Feature(f"{syntax}=", int(m.group("index1")),
                                 int(index2) if index2 else None,
                                 int(m.group("column") or 0), function))
    return features


def _features(compiled: list[_Feature], columns: Sequence[Sequence[str]]) -> list[tuple[str, ...]]:
    """underthesea's `word2features` for every word, in linear time (same strings).

    Built one template at a time as whole columns (list comprehensions), then zipped
    into one row per word: ~3x faster than a loop per word and feature.
    """
    n = len(columns[0])
    cache: dict[tuple[int, Callable[[str], str] | None], Sequence[str]] = {}
    out: list[list[str]] = []
    for prefix, i1, i2, col, function in compiled:
        last = i1 if i2 is None else i2
        bos_count = min(n, max(0, -i1))  # a word before the sentence start
        valid_end = max(bos_count, min(n, n - last))  # words past it: end of sentence
        words = cache.get((col, function))
        if words is None:
            words = cache[col, function] = (
                columns[col] if function is None else [function(w) for w in columns[col]])
        if i2 is None:
            middle = [prefix + w for w in words[bos_count + i1 : valid_end + i1]]
        else:
            values, width = columns[col], i2 - i1 + 1
            middle = [prefix + " ".join(values[a : a + width])
                      for a in range(bos_count + i1, valid_end + i1)]
        out.append([prefix + "BOS"] * bos_count + middle + [prefix + "EOS"] * (n - valid_end))
    return list(zip(*out, strict=True))


class _FastTagger:
    """`underthesea.ner` without its quadratic feature builder: same models, same output."""

    def __init__(self) -> None:
        from underthesea import word_tokenize
        from underthesea.pipeline.chunking.model_crf import CRFChunkingPredictor
        from underthesea.pipeline.ner.model_crf import CRFNERPredictor
        from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

        self._tokenize = word_tokenize
        self._steps = [
            (p.model, _compile(p.transformer.template))
            for p in (CRFPOSTagPredictor.Instance(), CRFChunkingPredictor.Instance(),
                      CRFNERPredictor.Instance())
        ]

    def __call__(self, text: str) -> list[tuple[str, str, str, str]]:
        words = self._tokenize(text)
        if not words:
            return []
        columns: list[list[str]] = [words]
        filler = ["X"] * len(words)  # the predictors' placeholder for the column they tag
        for model, compiled in self._steps:
            columns.append(list(model.tag(_features(compiled, [*columns, filler]))))
        return list(zip(*columns, strict=True))


_tagger: Callable[[str], list] | None = None


def _ner(text: str) -> list[tuple[str, str, str, str]]:
    global _tagger
    if _tagger is None:
        try:
            _tagger = _FastTagger()
        except (ImportError, AttributeError, ValueError):  # underthesea's insides moved
            from underthesea import ner

            _tagger = ner
    return _tagger(text)


def _has_alnum(s: str) -> bool:
    return any(ch.isalnum() for ch in s)


def _tag_unit(text: str) -> tuple[list[PosSpan], list[EntitySpan]]:
    """One unit (a line, or a piece of a very long one): POS spans and entity spans."""
    rows = _ner(text)
    spans = align_tokens(text, [r[0] for r in rows])
    pos: list[PosSpan] = []
    entities: list[EntitySpan] = []
    current: list[Any] | None = None  # [label, [(start, end), ...]]
    for (start, end), row in zip(spans, rows, strict=True):
        placed = end > start and _visible(text[start:end])
        if placed:
            pos.append((start, end, str(row[1])))
        iob = str(row[3])
        if iob[:2] in ("B-", "I-"):
            label = iob[2:]
            if iob[0] == "B" or current is None or current[0] != label:
                current = [label, []]
                entities.append(current)  # type: ignore[arg-type]
            if placed:
                current[1].append((start, end))
        else:
            current = None
    out: list[EntitySpan] = []
    for label, parts in entities:  # type: ignore[misc]
        if label not in LABELS:
            continue
        while parts and not _has_alnum(text[parts[0][0] : parts[0][1]]):
            parts.pop(0)
        while parts and not _has_alnum(text[parts[-1][0] : parts[-1][1]]):
            parts.pop()
        if parts:
            out.append((parts[0][0], parts[-1][1], label))
    return pos, out


def tag_paragraph(text: str) -> tuple[list[PosSpan], list[EntitySpan]]:
    """(POS spans, entity spans) of a text, offsets in code points of `text`.

    Lines are tagged one at a time (and a very long line in sentence-sized pieces), as
    segmentation does: underthesea joins words across newlines. Never raises on odd text
    (NFD, emoji, zero-width characters, English, punctuation only).
    """
    pos: list[PosSpan] = []
    entities: list[EntitySpan] = []
    for ustart, uend in segmentation_units(text):
        p, e = _tag_unit(text[ustart:uend])
        pos.extend((ustart + s, ustart + t, tag) for s, t, tag in p)
        entities.extend((ustart + s, ustart + t, label) for s, t, label in e)
    return pos, entities


def warm_up() -> None:
    _ner("x")


# --- storage ----------------------------------------------------------------------------
def _pack_pos(pos: Sequence[PosSpan] | tuple[array, Sequence[str]]) -> tuple[array, bytes, str]:
    """(flat spans, one code byte per span, names) from triples or (flat array, tags)."""
    if isinstance(pos, tuple) and len(pos) == 2 and isinstance(pos[0], array):
        flat, tags = pos[0], list(pos[1])
    else:
        flat = array("I")
        tags = []
        for start, end, tag in pos:
            flat.append(start)
            flat.append(end)
            tags.append(tag)
    if len(flat) != 2 * len(tags):
        raise ValueError("one POS tag per span is needed")
    names = sorted(set(tags))
    if len(names) > 255 or any(not n or n.split() != [n] for n in names):
        raise ValueError("POS tags must be at most 255 distinct names without spaces")
    code = {n: i for i, n in enumerate(names)}
    return flat, bytes(map(code.__getitem__, tags)), " ".join(names)


def tagging_values(dictionary: UserDictionary, text: str,
                   pos: Sequence[PosSpan] | tuple[array, Sequence[str]],
                   entities: Sequence[EntitySpan]) -> dict[str, Any]:
    """The stored columns of a tagging of `text` (checked, the dictionary merged): pure,
    so the batch writer calls it outside its transaction."""
    if dictionary.compiled:  # its terms are one word here too, as in the segmentation
        if isinstance(pos, tuple) and len(pos) == 2 and isinstance(pos[0], array):
            flat0, tags0 = pos
            pos = list(zip(flat0[0::2], flat0[1::2], tags0, strict=True))
        pos, entities = merge_tagged(text, pos, entities, dictionary.compiled)
    flat, codes, names = _pack_pos(pos)
    check_spans(flat, len(text))
    ents = [(int(s), int(e), str(label)) for s, e, label in entities]
    for s, e, label in ents:
        if not 0 <= s < e <= len(text) or label not in LABELS:
            raise ValueError(f"entity ({s}, {e}, {label!r}) outside 0..{len(text)} or unknown")
    return {"text_hash": text_hash(text), "engine": dictionary.tagging_engine, "pos_spans": pack_spans(flat),
            "pos_tags": codes, "pos_names": names, "entities": json.dumps(ents, separators=(",", ":"))}


def save_tags(
    db: Database,
    article_id: int,
    text: str,
    pos: Sequence[PosSpan] | tuple[array, Sequence[str]],
    entities: Sequence[EntitySpan],
) -> bool:
    """Store the tagging of `text` for the article. False if the article no longer exists.

    `pos` is [(start, end, tag)] or, from the worker, (flat uint32 array, tags). As with
    segmentations, the user dictionary's terms are merged here (one word, one tag; an
    entity never cuts a term) and the row is stamped with its version; a text changed
    meanwhile makes the row stale, never wrong.
    """
    values = tagging_values(load_dictionary(db), text, pos, entities)
    with db.session() as session:
        if session.get(Article, article_id) is None:
            return False
        row = session.get(Tagging, article_id)
        if row is None:
            row = Tagging(article_id=article_id)
            session.add(row)
        for name, value in values.items():
            setattr(row, name, value)
    return True


def _load(db: Database, article_id: int, *columns: Any) -> tuple[str, tuple] | None:
    """(text, the requested columns) of a valid tagging row, else None."""
    with db.session() as session:
        row = session.execute(
            select(Article.text, Tagging.text_hash, Tagging.engine, *columns)
            .join(Tagging, Tagging.article_id == Article.id)
            .where(Article.id == article_id)
        ).one_or_none()
    if row is None:
        return None
    text, digest, engine, *values = row
    if engine != tagging_engine(db) or digest != text_hash(text):
        return None
    return text, tuple(values)


def is_tagged(db: Database, article_id: int) -> bool:
    """True when the article has a valid (current text, current engine) tagging."""
    return _load(db, article_id) is not None


def load_pos(db: Database, article_id: int) -> list[PosSpan] | None:
    """[(start, end, tag)] in text order, or None when missing, stale or damaged.
    (A 1 MB article, ~120,000 words: ~20 ms. Load it only while the colours are shown.)"""
    found = _load(db, article_id, Tagging.pos_spans, Tagging.pos_tags, Tagging.pos_names)
    if found is None:
        return None
    _text, (packed, codes, names) = found
    if len(packed) % 8 or len(packed) != 8 * len(codes):
        return None
    flat = array(_SPAN_TYPECODE)
    flat.frombytes(packed)
    if sys.byteorder == "big":
        flat.byteswap()
    vocabulary = names.split(" ") if names else []
    if codes and max(codes) >= len(vocabulary):
        return None
    return list(zip(flat[0::2], flat[1::2], map(vocabulary.__getitem__, codes), strict=True))


def load_entities(db: Database, article_id: int) -> list[Suggestion] | None:
    """Suggestions to show: not rejected, and not already a highlight on the same span.
    None when the article is not tagged yet (or its tagging is stale)."""
    found = _load(db, article_id, Tagging.entities)
    if found is None:
        return None
    text, (entities_json,) = found
    try:
        entities = [(int(s), int(e), str(label)) for s, e, label in json.loads(entities_json)]
    except (ValueError, TypeError):
        return None
    with db.session() as session:
        rejected = {
            (s, e, label)
            for s, e, label, quote in session.execute(
                select(RejectedSuggestion.start, RejectedSuggestion.end, RejectedSuggestion.label,
                       RejectedSuggestion.quote).where(RejectedSuggestion.article_id == article_id))
            if text[s:e] == quote
        }
        highlighted = {
            (s, e) for s, e in session.execute(
                select(Highlight.start, Highlight.end)
                .where(Highlight.article_id == article_id, Highlight.orphaned == False))  # noqa: E712
        }
    return [
        Suggestion(s, e, label, text[s:e])
        for s, e, label in entities
        if 0 <= s < e <= len(text) and (s, e, label) not in rejected and (s, e) not in highlighted
    ]


def reject(db: Database, article_id: int, start: int, end: int, label: str) -> bool:
    """Hide this suggestion for good (until `unreject`). False if the article is gone."""
    with db.session() as session:
        return reject_in(session, article_id, start, end, label) is not False


def reject_in(session: Session, article_id: int, start: int, end: int,
              label: str) -> str | None | bool:
    """reject inside a caller's transaction. Returns False when the article is gone, else
    the quote the rejection held before (None: it was not rejected), for an undo."""
    text = session.scalar(select(func.substr(Article.text, start + 1, end - start))
                          .where(Article.id == article_id))
    if text is None:
        return False
    row = session.get(RejectedSuggestion, (article_id, start, end, label))
    if row is None:
        session.add(RejectedSuggestion(article_id=article_id, start=start, end=end,
                                       label=label, quote=text))
        session.flush()
        return None
    before, row.quote = row.quote, text
    session.flush()
    return before


def unreject(db: Database, article_id: int, start: int, end: int, label: str) -> None:
    """Undo of `reject`: the suggestion shows again."""
    with db.session() as session:
        unreject_in(session, article_id, start, end, label)


def unreject_in(session: Session, article_id: int, start: int, end: int, label: str) -> None:
    session.execute(delete(RejectedSuggestion).where(
        RejectedSuggestion.article_id == article_id, RejectedSuggestion.start == start,
        RejectedSuggestion.end == end, RejectedSuggestion.label == label))


def articles_to_tag(db: Database) -> list[int]:
    """Ids of articles without a valid stored tagging, in id order."""
    return articles_without_valid(db, Tagging, tagging_engine(db))
