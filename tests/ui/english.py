"""The English a user reads, for strings newer than resources/translations.

Strings with counts are written "%n highlight(s)"; `make translations` gives each its
English forms (resources/translations/english_plurals.py: "1 highlight", "2 highlights").
Until it is run for a new string, Qt shows "1 highlight(s)". `shipped` applies the same
forms, so a test reads what will ship; text already translated comes back unchanged.
"""

from __future__ import annotations

import re

_ONE = re.compile(r"(?<![\d.,])1 ((?:[^\W\d]+ )*?[^\W\d]+)\((e?s)\)")
_MANY = re.compile(r"([^\W\d]+)\((e?s)\)")


def shipped(text: str) -> str:
    text = _ONE.sub(r"1 \1", text)
    return _MANY.sub(r"\1\2", text)
