"""What an operation gives back: the `Changes` it made, and the value its caller asked for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from desktop_app.core.operations.changes import Changes

T = TypeVar("T")

SUBJECT_CHARS = 40  # a StepLabel's subject: a short quote or tag name


@dataclass(frozen=True)
class Outcome(Generic[T]):
    changes: Changes
    value: T


def subject(text: str, limit: int = SUBJECT_CHARS) -> str:
    """A quote as an undo label shows it: whitespace folded, at most `limit` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
