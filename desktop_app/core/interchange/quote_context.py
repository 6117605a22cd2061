"""The context an export stores around a quote (a W3C TextQuoteSelector's prefix and
suffix): long enough that the quote occurs once with it, so an import that must do
without the position (another tool, a changed text) still finds the passage meant."""

from __future__ import annotations

from desktop_app.core.annotate.highlights import CONTEXT_CHARS
from desktop_app.core.library.anchoring import EXACT_CONTEXT, exact_occurrences


def distinct_context(text: str, start: int, end: int, minimum: int = CONTEXT_CHARS,
                     maximum: int = EXACT_CONTEXT, occurrences: list[int] | None = None
                     ) -> tuple[str, str]:
    """Prefix and suffix of text[start:end]: `minimum` characters each (Hypothesis' 32),
    doubled until no other occurrence of the quote has the same ones (at most `maximum`),
    so that an import without the position still finds the one meant (anchoring.locate
    compares that much context exactly). `occurrences` of the quote, if known already."""
    quote = text[start:end]
    m = len(quote)
    if occurrences is None:
        occurrences = exact_occurrences(text, quote) if quote else []
    others = [o for o in occurrences if o != start]
    n = minimum
    while True:
        prefix, suffix = text[max(0, start - n) : start], text[end : end + n]
        p = len(prefix)
        others = [o for o in others
                  if o >= p and text.startswith(prefix, o - p) and text.startswith(suffix, o + m)]
        if not others or n >= maximum:
            return prefix, suffix
        n = min(2 * n, maximum)
