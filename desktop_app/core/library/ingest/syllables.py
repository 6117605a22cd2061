"""Is a word a plausible Vietnamese syllable? The evidence the encoding detector weighs.

A legacy file read with the wrong table gives words with symbols inside ("Vi®t"), two
tone marks, or vowels no syllable has ("ôă"); read with the right one nearly every word
that has a non-ASCII letter is a syllable: an optional onset, one to three vowels, an
optional coda, and at most one tone mark. Loan words and names spelled with f, j, w, z
pass too (the onset class takes them); they are ASCII anyway and weigh nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđfghjklmnpqrstvwxz])?"
# The vowel groups Vietnamese spells (without tone marks); "qu" and "gi" onsets take
# their own u and i, so "qua" and "gìn" parse as qu+a and g+in.
_NUCLEI = (
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi ua uâ "
    "uê ui uô uơ uy ưa ưi ươ ưu yê iêu yêu oai oao oay oeo uây uôi ươi ươu uya uyê uyu"
).split()
_VOWELS = "(?:" + "|".join(sorted(_NUCLEI, key=len, reverse=True)) + ")"
_CODA = r"(?:ch|ng|nh|[cmnpt])?"
_SYLLABLE_RE = re.compile(_ONSET + _VOWELS + _CODA)
# What a word is split from: ASCII punctuation at either end ("(Hà", "Nội,").
_EDGE_PUNCTUATION = "\"'()[]{}<>,.;:!?-–—…“”‘’«»/"


def _untoned(word: str) -> tuple[str, int]:
    """(the word lower-cased without tone marks, in NFC; how many tone marks it had)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for ch in decomposed if ch in TONE_MARKS)
    bare = "".join(ch for ch in decomposed if ch not in TONE_MARKS)
    return unicodedata.normalize("NFC", bare), tones


@lru_cache(maxsize=65536)  # words repeat: a 300 KB file has a few thousand distinct ones
def is_syllable(word: str) -> bool:
    """True for "Việt", "nghiêng", "đường"; False for "Vi®t", "cáà", "ôă"."""
    bare, tones = _untoned(word)
    return tones <= 1 and bool(_SYLLABLE_RE.fullmatch(bare))


def words_with_non_ascii(text: str) -> Iterable[str]:
    """The whitespace-separated words of `text` that hold a character beyond ASCII."""
    for raw in text.split():
        word = raw.strip(_EDGE_PUNCTUATION)
        if word and not word.isascii():
            yield word


def plausibility(text: str) -> tuple[float, int]:
    """(share of the words with non-ASCII characters that are syllables, how many such words)."""
    total = good = 0
    for word in words_with_non_ascii(text):
        total += 1
        good += is_syllable(word)
    return (good / total if total else 0.0), total
