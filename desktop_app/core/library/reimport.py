"""Replacing an article's text with a changed version, keeping every highlight.

Each highlight is re-anchored (anchoring.anchor: the position, then the exact quote by its
context, then a fuzzy match above THRESHOLD) and must pass anchoring.confident. One that
cannot be placed with confidence becomes an orphan: it keeps its quote, context, tags,
note and old position (start/end are then meaningless, only kept valid for the CHECK
constraint) until the user re-attaches it (AnnotationService.reattach). Nothing is ever
dropped, and nothing is moved to a place the evidence does not support.

Where a highlight's old position lies is first followed through a line diff of the old
and new texts, so the position hint given to `anchor` is where the passage went: text
that did not change is placed at once, and a repeated phrase stays on its own occurrence.

Derived data follows without help: the segmentation cache is keyed by the text's hash
(segments.load_segmentation ignores the stale row) and the search index by triggers on
`articles` (search.sync_index picks the new text up).
"""

from __future__ import annotations

import bisect
import hashlib
import json
from dataclasses import dataclass
from difflib import SequenceMatcher

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from desktop_app.core.annotate.highlights import selectors
from desktop_app.core.library.anchoring import Anchor, anchor, anchor_at_position, confident
from desktop_app.core.messages import Message, MessageError
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article, Highlight
from desktop_app.core.text.normalize import normalize

THRESHOLD = 0.85  # fuzzy placements below this similarity to the quote become orphans

Moved = tuple[int, str, float]  # (highlight id, method, score)


class ReimportError(MessageError, ValueError):
    """The new text cannot replace the article's; `message` says why. Nothing changed."""


@dataclass(frozen=True)
class ReanchorReport:
    """What happened to each highlight of the article.

    kept: placed exactly at the same position. moved: placed elsewhere, as
    (highlight id, "exact-quote" or "fuzzy", score). orphaned: every highlight of the
    article that is an orphan now (those of earlier re-imports included).
    already_orphaned_placed: orphans of an earlier re-import that this text placed again,
    as (highlight id, method, score).
    """

    article_id: int
    kept: tuple[int, ...] = ()
    moved: tuple[Moved, ...] = ()
    orphaned: tuple[int, ...] = ()
    already_orphaned_placed: tuple[Moved, ...] = ()

    @property
    def needs_reattaching(self) -> int:
        return len(self.orphaned)

    def summary(self) -> str:
        parts = [f"{len(self.kept)} kept", f"{len(self.moved)} moved"]
        if self.already_orphaned_placed:
            parts.append(f"{len(self.already_orphaned_placed)} placed again")
        parts.append(f"{len(self.orphaned)} {'needs' if len(self.orphaned) == 1 else 'need'} "
                     "re-attaching")
        return "Highlights: " + ", ".join(parts) + "."


def content_hash(text: str) -> str:
    """As the importer computes it: sha256 of the stored (NFC) text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def replace_text(
    db: Database,
    article_id: int,
    new_text: str,
    original_text: str,
    source_path: str | None = None,
) -> ReanchorReport:
    """Replace the article's text and re-anchor its highlights, in one transaction.

    `new_text` is normalized as the importer stores text. Raises ReimportError when the
    article is gone, the text is empty, or another article already has this text.
    """
    text = normalize(new_text)
    if not text.strip():
        raise ReimportError(Message("reimport.empty_text"))
    digest = content_hash(text)
    with db.session() as s:
        old_text = _old_text(s, article_id)
        _refuse_duplicate(s, article_id, digest)
        values: dict[str, object] = {
            "text": text,
            "original_text": original_text,
            "content_hash": digest,
            "hidden_spans": _hidden_spans(text),
        }
        if source_path is not None:
            values["source_path"] = source_path
        s.execute(update(Article).where(Article.id == article_id).values(**values))
        return _reanchor(s, article_id, old_text, text)


def _hidden_spans(text: str) -> str:
    """Web leftovers found afresh, as the importer stores them."""
    # Imported here: the ingest package imports this module (a cycle at import time).
    from desktop_app.core.library.ingest.boilerplate import find_boilerplate

    return json.dumps([[a, b] for a, b, _why in find_boilerplate(text)])


def _old_text(s: Session, article_id: int) -> str:
    old = s.scalar(select(Article.text).where(Article.id == article_id))
    if old is None:
        raise ReimportError(Message("reimport.article_gone"))
    return old


def _refuse_duplicate(s: Session, article_id: int, digest: str) -> None:
    other = s.execute(
        select(Article.id, Article.title)
        .where(Article.content_hash == digest, Article.id != article_id)
    ).first()
    if other is not None:
        raise ReimportError(Message("reimport.duplicate", {"title": other.title, "id": other.id}))


# --- re-anchoring ---------------------------------------------------------------------------
_HIGHLIGHTS: Table = Highlight.__table__  # type: ignore[assignment]  # typed as FromClause
_UPDATE = (
    update(_HIGHLIGHTS)
    .where(_HIGHLIGHTS.c.id == bindparam("hid"))
    .values(start=bindparam("new_start"), end=bindparam("new_end"), quote=bindparam("new_quote"),
            prefix=bindparam("new_prefix"), suffix=bindparam("new_suffix"),
            orphaned=bindparam("new_orphaned"))
)
_ORPHAN = (
    update(_HIGHLIGHTS)
    .where(_HIGHLIGHTS.c.id == bindparam("hid"))
    .values(orphaned=True)
)


def _reanchor(s: Session, article_id: int, old_text: str, text: str) -> ReanchorReport:
    rows = s.execute(
        select(Highlight.id, Highlight.start, Highlight.end, Highlight.quote, Highlight.prefix,
               Highlight.suffix, Highlight.orphaned)
        .where(Highlight.article_id == article_id)
        .order_by(Highlight.start, Highlight.id)
    ).all()
    shift = TextShift(old_text, text)
    kept: list[int] = []
    moved: list[Moved] = []
    again: list[Moved] = []
    orphaned: list[int] = []
    placed_rows: list[dict[str, object]] = []
    orphan_rows: list[dict[str, object]] = []
    for hid, start, end, quote, prefix, suffix, was_orphan in rows:
        placed = place_highlight(text, shift, start, end, quote, prefix or "", suffix or "", was_orphan)
        if placed is None:
            orphaned.append(hid)
            if not was_orphan:  # an old orphan keeps everything, the flag included
                orphan_rows.append({"hid": hid})
            continue
        if was_orphan:
            again.append((hid, placed.method, placed.score))
        elif placed.start == start and placed.end == end and placed.score == 1.0:
            kept.append(hid)
        else:
            moved.append((hid, _moved_method(placed), placed.score))
        # Kept ones too: the text around them may have changed, and context is re-read.
        placed_rows.append(_placed_row(hid, text, placed))
    if placed_rows:
        s.execute(_UPDATE, placed_rows)
    if orphan_rows:
        s.execute(_ORPHAN, orphan_rows)
    return ReanchorReport(article_id, tuple(kept), tuple(moved), tuple(orphaned), tuple(again))


def _placed_row(hid: int, text: str, placed: Anchor) -> dict[str, object]:
    quote, prefix, suffix = selectors(text, placed.start, placed.end)
    return {"hid": hid, "new_start": placed.start, "new_end": placed.end, "new_quote": quote,
            "new_prefix": prefix, "new_suffix": suffix, "new_orphaned": False}


def _moved_method(placed: Anchor) -> str:
    # The shifted position held the quote exactly: found exactly, elsewhere.
    return "exact-quote" if placed.method == "exact-position" else placed.method


def place_highlight(
    text: str, shift: TextShift, start: int, end: int, quote: str, prefix: str, suffix: str,
    was_orphan: bool,
) -> Anchor | None:
    """The highlight's new place, or None when no place is trustworthy."""
    if was_orphan:
        # Its position belongs to an older text the diff knows nothing about.
        found = anchor(text, quote, prefix, suffix, start, end, threshold=THRESHOLD)
    else:
        found = None
        hints = shift.hints(start, end)
        for hint_start, hint_end in hints:  # cheap: no context needed
            found = anchor_at_position(text, quote, hint_start, hint_end)
            if found is not None:
                break
        if found is None:
            hint_start, hint_end = hints[0]
            found = anchor(text, quote, prefix, suffix, hint_start, hint_end, threshold=THRESHOLD)
    if found is None or not confident(text, found, quote, prefix, suffix):
        return None
    return found


class TextShift:
    """Where old offsets went: the matching blocks of a line diff of the two texts.

    Lines, not characters: difflib over 100,000 characters would take seconds; over a
    thousand lines it takes milliseconds.
    """

    def __init__(self, old: str, new: str) -> None:
        a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
        starts_a, starts_b = _line_starts(a), _line_starts(b)
        blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
        # (old start, old end, new start) of each unchanged run of lines.
        self.blocks = [(starts_a[i], starts_a[i + n], starts_b[j]) for i, j, n in blocks if n]
        self.los = [lo for lo, _hi, _new in self.blocks]

    def hints(self, start: int, end: int) -> list[tuple[int, int]]:
        """Likely new (start, end), best first: shifted as the unchanged run holding the
        start; for a start in changed lines, as the runs before and after it (text next to
        an edit moves with one of them), then unshifted."""
        k = bisect.bisect_right(self.los, start) - 1
        if k >= 0 and start < self.blocks[k][1]:
            return [self._moved(k, start, end)]
        out = [self._moved(i, start, end) for i in (k, k + 1) if 0 <= i < len(self.blocks)]
        out.append((start, end))
        return list(dict.fromkeys(out))

    def _moved(self, i: int, start: int, end: int) -> tuple[int, int]:
        lo, _hi, new_lo = self.blocks[i]
        return start + new_lo - lo, end + new_lo - lo


def _line_starts(lines: list[str]) -> list[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts
