"""History on its own (no database): order, merging runs, sealing, the limit, and a step
that fails being dropped whole."""

from __future__ import annotations

import pytest

from desktop_app.core.annotate.highlights import AnnotationError
from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.history import History, MergingStep, Step, StepFailed, StepLabel


def counter_step(log: list[str], name: str) -> Step:
    return Step(StepLabel("highlight", 1, name),
                lambda: (log.append(f"undo {name}"), Changes(articles=frozenset({1})))[1],
                lambda: (log.append(f"redo {name}"), Changes(articles=frozenset({1})))[1])


def value_step(store: dict, key: str, before: str, after: str, drop: bool = False) -> MergingStep:
    def apply(value: object) -> Changes:
        store[key] = value
        return Changes(memos=frozenset({1}))
    store[key] = after
    return MergingStep(StepLabel("memo"), key=("memo", key), before=before, after=after,
                       apply=apply, drop_when_back=drop)


def test_undo_and_redo_run_in_order_and_mark_their_origin():
    log: list[str] = []
    history = History()
    seen = []
    history.observers.append(lambda: seen.append(history.position))
    history.push(counter_step(log, "a"))
    history.push(counter_step(log, "b"))
    assert history.undo() == Changes(articles=frozenset({1}), origin="undo")
    assert history.redo_label == StepLabel("highlight", 1, "b")
    assert history.undo().origin == "undo"
    assert not history.can_undo and history.undo() == Changes(origin="undo")
    assert history.redo().origin == "redo"
    assert log == ["undo b", "undo a", "redo a"]
    history.push(counter_step(log, "c"))  # forgets b
    assert not history.can_redo and [s.label.subject for s in history.steps] == ["a", "c"]
    assert seen == [1, 2, 1, 0, 1, 2]


def test_a_run_merges_until_sealed_or_undone_and_back_to_start_drops():
    store: dict = {}
    history = History()
    history.push(value_step(store, "x", "", "a", drop=True))
    history.push(value_step(store, "x", "a", "ab", drop=True))
    assert len(history.steps) == 1
    history.push(value_step(store, "y", "", "z", drop=True))  # another key: its own step
    assert len(history.steps) == 2
    history.seal()
    history.push(value_step(store, "y", "z", "zz", drop=True))  # sealed: a new step
    assert len(history.steps) == 3
    history.push(value_step(store, "y", "zz", "z", drop=True))  # back where it began
    assert len(history.steps) == 2
    history.undo()
    assert store["y"] == ""
    # y was undone; x's step is on top again
    history.push(value_step(store, "x", "ab", "abc", drop=True))  # after an undo: never merges
    assert len(history.steps) == 2 and history.steps[-1].before == "ab"
    history.undo()
    assert store["x"] == "ab"
    history.undo()
    assert store["x"] == ""
    history.redo()
    assert store["x"] == "ab"


def test_a_failing_step_is_dropped_and_the_rest_still_works():
    log: list[str] = []
    history = History()
    history.push(counter_step(log, "a"))

    def fail() -> Changes:
        raise AnnotationError("The article no longer exists.")

    history.push(Step(StepLabel("note", 1, "gone"), fail, fail))
    history.push(counter_step(log, "c"))
    history.undo()
    with pytest.raises(StepFailed) as failed:
        history.undo()
    assert failed.value.label.subject == "gone" and "no longer exists" in failed.value.reason
    assert [s.label.subject for s in history.steps] == ["a", "c"] and history.position == 1
    assert history.redo().origin == "redo"  # c again
    history.undo()
    history.undo()
    assert log == ["undo c", "redo c", "undo c", "undo a"]


def test_the_oldest_steps_fall_off_at_the_limit():
    log: list[str] = []
    history = History(limit=3)
    for name in "abcde":
        history.push(counter_step(log, name))
    assert [s.label.subject for s in history.steps] == ["c", "d", "e"] and history.position == 3
    history.clear()
    assert not history.can_undo and not history.steps
