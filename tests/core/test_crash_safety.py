"""A process killed while it writes loses no acknowledged change (benchmarks/crash_trials.py
runs 40 and more of these trials; a few here keep CI fast)."""

from __future__ import annotations

import json
import random
import sys

import pytest

from tests.core.crash_writer import _stored, check, prepare_library, run_trial

pytestmark = [pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
              pytest.mark.sqlite_only("a process killed while it writes to the SQLite file")]

TRIALS = 8


@pytest.mark.slow
def test_sigkilled_writer_loses_no_acknowledged_change(tmp_path):
    path = tmp_path / "chugiai.sqlite3"
    prepare_library(path)
    rng = random.Random(8)
    total = 0
    for n in range(TRIALS):
        result = run_trial(path, seed=n, kill_after=rng.uniform(0.02, 0.6))
        assert result.integrity == "ok", f"trial {n}"
        assert result.foreign_key_problems == 0, f"trial {n}"
        assert result.lost == 0, result.problems
        assert result.ok, result.problems
        total += result.acks
    assert total > TRIALS * 5  # the writer really wrote between kills


def _ack(kind: str, hid: int | str, value: object, word: str = "ACK") -> str:
    return f"{word} {kind} {hid} {json.dumps(value, ensure_ascii=False)}\n"


def test_the_check_counts_a_lost_change_and_allows_only_the_pending_one(tmp_path):
    """The checker itself must be able to fail, or the trials above prove nothing."""
    from desktop_app.core.annotate.highlights import AnnotationService
    from desktop_app.core.storage.database import Database

    path = tmp_path / "chugiai.sqlite3"
    prepare_library(path)
    db = Database.open(path)
    h = AnnotationService(db).create_highlight(1, 0, 5, ["Đảng"], "một")
    db.close()
    created = _ack("create", h.id, {"tags": ["Đảng"], "note": "một"})

    assert check(path, [created], {}).ok
    # An acknowledged note that is not stored: lost.
    lost = check(path, [created, _ack("note", h.id, "hai")], {})
    assert lost.lost == 1 and not lost.ok
    # The same change only begun (not acknowledged) when the process died: fine either way.
    assert check(path, [created, _ack("note", h.id, "hai", "BEGIN")], {}).ok
    # An acknowledged delete whose row is still there: lost.
    assert check(path, [created, _ack("delete", h.id, None)], {}).lost == 1
    # A row nobody acknowledged (and no create under way) is reported.
    assert not check(path, [], {}).ok
    assert check(path, [_ack("create", "-", {"tags": [], "note": "x"}, "BEGIN")], {}).ok
    # Rows from before the trial must keep their values.
    before = _stored(path)
    assert check(path, [], before).ok
    assert not check(path, [], {h.id: ("khác", ["Đảng"])}).ok
