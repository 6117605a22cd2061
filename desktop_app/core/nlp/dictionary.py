"""The user dictionary: multi-syllable terms kept as one word, as a pass after underthesea.

underthesea's own `fixed_words` argument leaks into every later call (global state,
DESIGN.md), so we never pass it. Instead `merge_terms` runs over the word spans the
aligner produced: consecutive words whose text, compared by `term_key`, is a dictionary
term become one word. Longest term first. Offsets stay exact: a merged word runs from
the first word's start to the last word's end, so text[start:end] is the term as written.

A term is merged only at word boundaries. When underthesea's words cut a term in the
middle ("Trương Thị" + "Mai" for the term "Thị Mai"), the words are left as underthesea
made them: splitting a word of the model to fit a term would second-guess it for the
text around the term, and the user sees in the word view that the term did not apply.
A term never spans a line break.

Pure functions; where the dictionary is stored and how changing it re-segments articles
is nlp/user_dictionary.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from desktop_app.core.text.matching import MatchLevel, key

# A term longer than this is surely a pasted sentence, not a word.
MAX_TERM_LENGTH = 120

# Problem codes of `parse_terms` (the UI and the CLI word them).
ONE_SYLLABLE = "one_syllable"
TOO_LONG = "too_long"


def term_key(text: str) -> str:
    """How a term and the text it matches are compared: the "same word" level of
    core/text/matching (NFC, Ð as Đ, case, old and new tone placement: hoà = hòa), white
    space runs as one space."""
    return " ".join(key(unicodedata.normalize("NFC", text), MatchLevel.WORD).split())


def clean_term(line: str) -> str:
    """The stored spelling of a term: NFC, trimmed, single spaces."""
    return " ".join(unicodedata.normalize("NFC", line).split())


@dataclass(frozen=True)
class TermProblem:
    line: int  # 1-based line of the input
    text: str
    code: str  # ONE_SYLLABLE or TOO_LONG


@dataclass(frozen=True)
class ParsedTerms:
    terms: list[str]  # cleaned, first spelling of each, in input order
    problems: list[TermProblem] = field(default_factory=list)
    duplicates: int = 0  # lines dropped because an earlier line is the same term


def parse_terms(lines: Iterable[str]) -> ParsedTerms:
    """Terms from lines of text (one a line; blank lines and `#` comments skipped)."""
    terms: list[str] = []
    problems: list[TermProblem] = []
    seen: set[str] = set()
    duplicates = 0
    for number, line in enumerate(lines, 1):
        term = clean_term(line)
        if not term or term.startswith("#"):
            continue
        if len(term) > MAX_TERM_LENGTH:
            problems.append(TermProblem(number, term, TOO_LONG))
            continue
        if len(term.split()) < 2:
            problems.append(TermProblem(number, term, ONE_SYLLABLE))
            continue
        key = term_key(term)
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        terms.append(term)
    return ParsedTerms(terms, problems, duplicates)


class CompiledDictionary:
    """Term keys, and every prefix of them, for a left-to-right longest match."""

    def __init__(self, terms: Iterable[str]) -> None:
        self.keys: frozenset[str] = frozenset(term_key(t) for t in terms if len(term_key(t).split()) > 1)
        self.prefixes: frozenset[str] = frozenset(k[:i] for k in self.keys for i in range(1, len(k) + 1))

    def __bool__(self) -> bool:
        return bool(self.keys)

    def __len__(self) -> int:
        return len(self.keys)


_NO_DICTIONARY = CompiledDictionary(())


def merge_terms(text: str, spans: Sequence[tuple[int, int]], dictionary: CompiledDictionary
                ) -> list[tuple[int, int]]:
    """`spans` (sorted, non-overlapping word spans of `text`) with every run of words that
    spells a dictionary term merged into one span; the longest term wins."""
    if not dictionary or not spans:
        return list(spans)
    prefixes, keys = dictionary.prefixes, dictionary.keys
    n = len(spans)
    key_cache: dict[int, str] = {}

    def key(i: int) -> str:
        k = key_cache.get(i)
        if k is None:
            s, e = spans[i]
            k = key_cache[i] = term_key(text[s:e])
        return k

    out: list[tuple[int, int]] = []
    i = 0
    while i < n:
        candidate = key(i)
        best = -1
        j = i
        while candidate in prefixes:
            if candidate in keys and j > i:
                best = j
            if j + 1 >= n:
                break
            gap = text[spans[j][1]:spans[j + 1][0]]
            if "\n" in gap or (gap and not gap.isspace()):
                break
            j += 1
            candidate = candidate + (" " if gap else "") + key(j)
        if best > i:
            out.append((spans[i][0], spans[best][1]))
            i = best + 1
        else:
            out.append(spans[i])
            i += 1
    return out


def merge_tagged(text: str, pos: Sequence[tuple[int, int, str]], entities: Sequence[tuple[int, int, str]],
                 dictionary: CompiledDictionary) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """Tagged words (parts of speech, entities) with the dictionary's terms as one word:
    a merged word's tag is Np if any of its words was a proper noun, else its first word's
    (Vietnamese phrases are head-first: "Ban Tổ chức Trung ương" is N); an entity that
    cuts a term or lies inside one grows to the whole term (then one of two entities
    overlapping after that is dropped, the earlier kept)."""
    if not dictionary or not pos:
        return list(pos), list(entities)
    merged = merge_terms(text, [(s, e) for s, e, _t in pos], dictionary)
    out: list[tuple[int, int, str]] = []
    terms: list[tuple[int, int]] = []
    i = 0
    for start, end in merged:
        tags = []
        while i < len(pos) and pos[i][0] < end:
            tags.append(pos[i][2])
            i += 1
        if len(tags) > 1:
            terms.append((start, end))
        out.append((start, end, "Np" if len(tags) > 1 and "Np" in tags else tags[0]))
    if not terms or not entities:
        return out, list(entities)
    grown: list[tuple[int, int, str]] = []
    for s, e, label in sorted(entities):
        for ts, te in terms:  # few terms per paragraph: a scan is fine
            if ts < e and s < te:
                s, e = min(s, ts), max(e, te)
        if grown and s < grown[-1][1]:
            continue
        grown.append((s, e, label))
    return out, grown


def occurrence_pattern(keys: Iterable[str]) -> re.Pattern[str] | None:
    """A regex over `text.casefold()` that finds every place a term of `keys` could be
    merged (a superset: it ignores word boundaries). None for no keys."""
    parts = sorted({r"[^\S\n]+".join(re.escape(s) for s in k.split()) for k in keys}, key=len, reverse=True)
    if not parts:
        return None
    return re.compile("|".join(parts))


def text_may_contain(text: str, pattern: re.Pattern[str]) -> bool:
    """Whether `text` (NFC, as stored) contains a term of the pattern, by `term_key`."""
    folded = text.casefold()
    if "\u00f0" in folded:
        folded = folded.replace("\u00f0", "\u0111")
    return pattern.search(folded) is not None
