"""CoNLL BIO export: the user's highlights as token labels for sequence labelling.

One line per token, four TAB-separated columns::

    token   the word as written. Vietnamese words have several syllables; the spaces
            between them become `join` ("_" by default, as in VLSP: "Tổ_chức"), so
            readers that split on any whitespace see four columns. join=" " keeps
            them ("Tổ chức"), also common, but then readers must split on TAB.
    start   code-point offset of the token in the stored article text
    end     end offset, exclusive: text[start:end] is the token with `join` undone
    label   B-<TAG> on a highlight's first token, I-<TAG> on the next ones, O outside

Each article opens with "# doc_id = <id>" and "# title = <title>" lines (readers
must skip "#" comment lines at the start of a block); sentences are separated by a
blank line. Tokens come from the stored segmentation, or from `segment_text` when an
article has none (slow: ~7 s per MB; it is not stored back).

Labels: a token is inside a highlight if their spans overlap at all. Only highlights
with a tag in a chosen scope count: as everywhere (`--tag`), a chosen tag takes the tags
nested under it too, and each highlight is labelled with its own tag ("B-Cán_bộ/Đào_tạo").
A highlight with several such tags uses the first by the order of `tags` (the scope
listed first), then folded name. Where highlights
overlap, the earliest-starting one wins the shared tokens, then the longest, then the
first created; the loser keeps its other tokens, starting again with B-. Each
sentence starts a new B-, since CoNLL readers treat sentences independently. Spaces
in tag names become "_" in labels. Orphans (see csv_export) label no token: their
position belongs to an older text.

Also here: CoNLL-U for `chugiai segment` (conllu_document), the segmentation with its
parts of speech in UD columns.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desktop_app.core.annotate.tag_paths import in_tag_scope
from desktop_app.core.interchange.csv_export import atomic_open
from desktop_app.core.nlp.stored import load_segmentation, segment_now
from desktop_app.core.progress import Cancelled, Progress
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article, Highlight
from desktop_app.core.text.normalize import fold

Span = tuple[int, int]
# (start, end, label) of one highlight under one chosen tag, in precedence order.
Entity = tuple[int, int, str]

_SENTENCE_FINAL = re.compile(r"[.!?…]+")
_CLOSING = re.compile(r"[\"'”’»)\]]+")
_SPACE = re.compile(r"\s")


def token_form(word: str, join: str) -> str:
    """The token column: spaces become `join`. With join "_", a literal "_" is written
    "\\_" and a literal "\\" is written "\\\\", so "Tổ_chức" (two syllables) and "a\\_b"
    (the text a_b) never read alike: undo "\\\\" and "\\_" first, then "_" is a space."""
    if join == "_":
        word = word.replace("\\", "\\\\").replace("_", "\\_")
    return _SPACE.sub(join, word)


class ExportCancelled(Cancelled):
    """The user cancelled; no file was written."""


def split_sentences(text: str, spans: Sequence[Span]) -> list[list[Span]]:
    """Sentences end after a token of only . ! ? … and at every newline.

    Closing quotes or brackets right after the final mark (no space) stay with the
    sentence they close: 'nói: "Tốt."' ends after the '"'. A mark glued to the next
    word is inside a name, not an end: underthesea splits "Dangcongsan.vn" in three.
    """
    sentences: list[list[Span]] = []
    current: list[Span] = []
    ended = False
    for start, end in spans:
        token = text[start:end]
        attached = False
        if current:
            gap = text[current[-1][1] : start]
            attached = ended and not gap and bool(_CLOSING.fullmatch(token))
            glued = not gap and token[:1].isalnum()
            if "\n" in gap or (ended and not attached and not glued):
                sentences.append(current)
                current = []
        current.append((start, end))
        ended = attached or bool(_SENTENCE_FINAL.fullmatch(token))
    if current:
        sentences.append(current)
    return sentences


def bio_labels(sentences: Sequence[Sequence[Span]], entities: Sequence[Entity]) -> list[list[str]]:
    """BIO labels per sentence; `entities` come in precedence order (winner first)."""
    tokens = [span for sentence in sentences for span in sentence]
    starts = [s for s, _ in tokens]
    ends = [e for _, e in tokens]
    owner: list[int | None] = [None] * len(tokens)
    for k, (start, end, _label) in enumerate(entities):
        # Tokens overlapping [start, end): the first ending after start up to the last
        # starting before end (tokens are sorted and never overlap).
        for i in range(bisect.bisect_right(ends, start), bisect.bisect_left(starts, end)):
            if owner[i] is None:
                owner[i] = k
    result: list[list[str]] = []
    i = 0
    for sentence in sentences:
        labels: list[str] = []
        for j in range(len(sentence)):
            winner = owner[i]
            if winner is None:
                labels.append("O")
            else:
                prefix = "I" if j > 0 and owner[i - 1] == winner else "B"
                labels.append(f"{prefix}-{entities[winner][2]}")
            i += 1
        result.append(labels)
    return result


def label_name(tag: str) -> str:
    return "_".join(tag.split())


def _scope_rank(name: str, scopes: Sequence[str] | None) -> int | None:
    """The index of the first chosen scope holding the tag `name`; None if none does."""
    if scopes is None:
        return 0
    return next((n for n, scope in enumerate(scopes) if in_tag_scope(name, scope)), None)


def _entities(highlights: Iterable[Highlight], tags: Sequence[str] | None) -> list[Entity]:
    """Each highlight's winning tag in the chosen scopes, sorted by precedence (see the
    module docstring)."""
    scopes = None if tags is None else [" ".join(t.split()) for t in tags]
    ranked = []
    for h in highlights:
        names = [(rank, fold(t.name), t.name) for t in h.tags
                 if (rank := _scope_rank(t.name, scopes)) is not None]
        if not names:
            continue
        best = min(names)[2]
        ranked.append(((h.start, -(h.end - h.start), h.id), (h.start, h.end, label_name(best))))
    ranked.sort(key=lambda item: item[0])
    return [entity for _key, entity in ranked]


def _tokens(db: Database, article_id: int, text: str) -> list[Span]:
    spans = load_segmentation(db, article_id)
    if spans is None:
        spans = segment_now(db, text)
    return [(s, e) for s, e in spans if text[s:e].strip()]


def export_conll(
    db: Database,
    path: Path,
    tags: Sequence[str] | None = None,
    article_ids: Iterable[int] | None = None,
    join: str = "_",
    *,
    progress: Progress | Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> int:
    """Write the file atomically (UTF-8, LF, no BOM) and return the number of tokens.

    `tags` None labels every tag. Segmenting articles without a stored segmentation
    can take seconds, hence `progress` (a core Progress, or a `(done, total)` callable with
    `should_cancel()`); a cancelled export raises ExportCancelled (a Cancelled) and leaves
    no file.
    """
    return export_conll_counted(db, path, tags, article_ids, join, progress=progress,
                                should_cancel=should_cancel)[0]


def export_conll_counted(
    db: Database,
    path: Path,
    tags: Sequence[str] | None = None,
    article_ids: Iterable[int] | None = None,
    join: str = "_",
    *,
    progress: Progress | Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> tuple[int, int]:
    """export_conll, returning (tokens, tokens labelled other than O): a file of only O
    labels is worth a warning."""
    if isinstance(progress, Progress):
        job = progress
        should_cancel, progress = (lambda: job.cancelled), job.report
    if isinstance(tags, str):
        tags = [tags]
    if "\t" in join or "\n" in join or "\r" in join:
        raise ValueError("join may not contain a TAB or line break: they separate columns and tokens")
    stmt = select(Article.id).order_by(Article.id)
    if article_ids is not None:
        stmt = stmt.where(Article.id.in_(list(article_ids)))
    with db.session() as s:
        ids = list(s.scalars(stmt))
    total = labelled = 0
    with atomic_open(path, ".conll", "w", encoding="utf-8", newline="") as f:
        for done, article_id in enumerate(ids):
            if should_cancel and should_cancel():
                raise ExportCancelled()
            if progress:
                progress(done, len(ids))
            with db.session() as s:
                article = s.get(Article, article_id)
                if article is None:  # deleted meanwhile
                    continue
                text, title = article.text, article.title
                highlights = s.scalars(
                    select(Highlight)
                    .where(Highlight.article_id == article_id,
                           Highlight.orphaned == False)  # noqa: E712
                    .options(selectinload(Highlight.tags))
                ).all()
                entities = _entities(highlights, tags)
            sentences = split_sentences(text, _tokens(db, article_id, text))
            f.write(f"# doc_id = {article_id}\n# title = {' '.join(title.split())}\n")
            if not sentences:
                f.write("\n")
            for sentence, labels in zip(sentences, bio_labels(sentences, entities), strict=True):
                for (start, end), label in zip(sentence, labels, strict=True):
                    token = token_form(text[start:end], join)
                    f.write(f"{token}\t{start}\t{end}\t{label}\n")
                    labelled += label != "O"
                f.write("\n")
                total += len(sentence)
        if progress:
            progress(len(ids), len(ids))
    return total, labelled


# --- CoNLL-U (chugiai segment) ------------------------------------------------------------

def stored_or_tagged_pos(db: Database, article_id: int, text: str) -> dict[Span, str]:
    """{(start, end): VLSP tag}: the stored tagging, else tagged now (and stored unless the
    library is read-only)."""
    from desktop_app.core.nlp.dictionary import merge_tagged
    from desktop_app.core.nlp.pos_ner import load_pos, save_tags, tag_paragraph
    from desktop_app.core.nlp.user_dictionary import load_dictionary

    pos = load_pos(db, article_id)
    if pos is None:
        pos, entities = tag_paragraph(text)
        if not db.read_only:
            save_tags(db, article_id, text, pos, entities)
        pos, _entities = merge_tagged(text, pos, entities, load_dictionary(db).compiled)  # as saved
    return {(s, e): tag for s, e, tag in pos}


# VLSP 2013 tags (underthesea's pos_tag) -> Universal Dependencies UPOS, as the UD
# Vietnamese VTB treebank maps them.
UPOS = {
    "N": "NOUN", "Nc": "NOUN", "Nu": "NOUN", "Ny": "NOUN", "Nb": "NOUN", "Np": "PROPN",
    "V": "VERB", "Vb": "VERB", "Vy": "VERB", "A": "ADJ", "Ab": "ADJ", "P": "PRON",
    "R": "ADV", "L": "DET", "M": "NUM", "Mb": "NUM", "E": "ADP", "C": "CCONJ",
    "Cc": "CCONJ", "CH": "PUNCT", "I": "INTJ", "T": "PART", "Y": "X", "Z": "X",
    "X": "X", "S": "SYM",
}


def conllu_document(article_id: int, title: str, text: str, sentences: Sequence[Sequence[Span]],
                    pos: dict[Span, str] | None = None) -> str:
    """One article as CoNLL-U: ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC; ID,
    FORM, the tags and MISC (code-point offsets, as Stanza writes them) are known."""
    pos = pos or {}
    out = [f"# newdoc id = {article_id}", f"# title = {' '.join(title.split())}"]
    for k, sentence in enumerate(sentences, 1):
        out.append(f"# sent_id = {article_id}-{k}")
        out.append(f"# text = {' '.join(text[sentence[0][0]:sentence[-1][1]].split())}")
        for i, (s, e) in enumerate(sentence, 1):
            form = " ".join(text[s:e].split())
            xpos = pos.get((s, e), "_")
            upos = UPOS.get(xpos, "X") if xpos != "_" else "_"
            out.append(f"{i}\t{form}\t_\t{upos}\t{xpos}\t_\t_\t_\t_\tstart_char={s}|end_char={e}")
        out.append("")
    if not sentences:
        out.append("")
    return "\n".join(out) + "\n"
