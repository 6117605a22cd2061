"""One article being segmented or tagged by a scheduler run (nlp/scheduler.py): its text,
its paragraph-sized chunks, which were sent, lost in a crash or answered."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

from desktop_app.core.nlp.worker_process import WORDS, SegmentResult


@dataclass
class ArticleJob:
    """One article being segmented or tagged: its text, its chunks, the results so far."""

    article_id: int
    text: str
    chunks: list[tuple[int, int]]
    kind: str = WORDS
    next_chunk: int = 0
    retry: list[int] = field(default_factory=list)  # chunks lost in a crash
    results: dict[int, SegmentResult] = field(default_factory=dict)
    outstanding: int = 0
    crashes: int = 0
    error: str | None = None

    def has_chunks_to_send(self) -> bool:
        return bool(self.retry) or self.next_chunk < len(self.chunks)

    def take_chunk(self) -> int:
        if self.retry:
            return self.retry.pop(0)
        self.next_chunk += 1
        return self.next_chunk - 1

    def complete(self) -> bool:
        return not self.has_chunks_to_send() and self.outstanding == 0

    @property
    def key(self) -> tuple[str, int]:
        return self.kind, self.article_id

    def spans(self) -> array:
        flat = array("I")
        for i in range(len(self.chunks)):
            flat.extend(self.results[i].flat)
        return flat

    def tags(self) -> tuple[array, list[str], list[tuple[int, int, str]]]:
        """(POS spans, one tag per span, entities) of a TAGS job, in text order."""
        flat = array("I")
        tags: list[str] = []
        entities: list[tuple[int, int, str]] = []
        for i in range(len(self.chunks)):
            result = self.results[i]
            flat.extend(result.flat)
            tags.extend(result.tags or ())
            entities.extend(result.entities or ())
        return flat, tags, entities
