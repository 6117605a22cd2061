"""Inter-coder agreement: per tag and overall, at the unit the researcher chooses.

A pure library: the caller reads the articles, their word segmentation and each coder's
highlights, builds one `ArticleCoding` per article (`ArticleCoding.of(unit, text, ...)`),
and calls `agreement(...)`. See docs/agreement.md for what each coefficient means.

    units.py         units (character, word, sentence, article) and the one-pass tally
    coefficients.py  percent agreement, Cohen's κ, Fleiss' κ, Krippendorff's α (exact)
    unitizing.py     Krippendorff's αu on the character continuum
    results.py       the table: frozen dataclasses, pooling over tags, as_json()
"""

from desktop_app.core.analysis.agreement.coefficients import REASONS, Coefficient
from desktop_app.core.analysis.agreement.results import AgreementResult, TagAgreement, agreement
from desktop_app.core.analysis.agreement.units import (
    UNIT_KINDS,
    ArticleCoding,
    Highlight,
    article_units,
    character_units,
    sentence_units,
    units_of,
    word_units,
)

__all__ = [
    "REASONS", "UNIT_KINDS", "AgreementResult", "ArticleCoding", "Coefficient", "Highlight",
    "TagAgreement", "agreement", "article_units", "character_units", "sentence_units",
    "units_of", "word_units",
]
