"""Stop words: the function words a frequency list leaves out.

The shipped list is resources/stopwords-vi.txt; a user's edited copy lives wherever the
UI keeps it (one word per line, "#" starts a comment, multi-syllable words allowed:
"tuy nhiên" is one segmented word). Words are compared as `word_form` gives them:
NFC, single-spaced, case-folded, diacritics KEPT ("ba", "bà", "bá" are three words).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path

from desktop_app import paths
from desktop_app.core.interchange.csv_export import atomic_open
from desktop_app.core.text.normalize import fold

DEFAULT_FILENAME = "stopwords-vi.txt"
HEADER = (
    "# Chú Giải stop words: one word per line; lines starting with # are comments.\n"
    "# A word of several syllables is written with spaces (tuy nhiên).\n"
)


def default_path() -> Path:
    return paths.resources_dir() / DEFAULT_FILENAME


def word_form(word: str) -> str:
    """The grouping form of a word: NFC, whitespace runs as one space, case-folded."""
    folded = " ".join(unicodedata.normalize("NFC", word).split()).casefold()
    return unicodedata.normalize("NFC", folded)  # casefold can leave a decomposed letter


def parse_stopwords(text: str) -> set[str]:
    words = set()
    for line in text.splitlines():
        word = word_form(line.split("#", 1)[0])
        if word:
            words.add(word)
    return words


def load_stopwords(path: Path | str | None = None) -> set[str]:
    """The words of `path` (the shipped list if None). utf-8-sig: Notepad adds a BOM."""
    return parse_stopwords(Path(path or default_path()).read_text(encoding="utf-8-sig"))


def save_stopwords(words: Iterable[str], path: Path | str) -> int:
    """Write the user's list atomically, sorted as Vietnamese readers expect (folded,
    then as written); returns how many words were written."""
    unique = {w for w in map(word_form, words) if w and "#" not in w}
    ordered = sorted(unique, key=lambda w: (fold(w), w))
    with atomic_open(Path(path), ".txt", "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER)
        f.writelines(w + "\n" for w in ordered)
    return len(ordered)
