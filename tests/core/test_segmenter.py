"""The worker process: serves jobs, survives a bad job, restarts after being killed."""

from __future__ import annotations

import os
import signal

import pytest

from desktop_app.core.nlp import segmentation as nlp
from desktop_app.core.nlp.worker_process import SegmenterDied, SegmenterProcess, SegmentResult

pytest.importorskip("underthesea")

TEXT = "Ban Tổ chức Trung ương họp tại Hà Nội.\nTuấn Anh"
# Generous: the first job also waits for the child to start and load the model.
TIMEOUT = 60.0



def result_of(proc: SegmenterProcess, job_id: int) -> SegmentResult:
    while True:
        result = proc.get_result(TIMEOUT)
        assert result is not None, "no result in time"
        if result.job_id == job_id:
            return result


def test_serves_jobs(process: SegmenterProcess) -> None:
    process.submit(1, TEXT)
    result = result_of(process, 1)
    assert result.error is None
    assert result.spans == nlp.segment_text(TEXT)
    assert process.ready
    words = [TEXT[s:e] for s, e in result.spans]
    assert "Tổ chức" in words and "Tuấn Anh" in words


def test_offset_is_added(process: SegmenterProcess) -> None:
    process.submit(2, "Hà Nội", 100)
    assert result_of(process, 2).spans == [(100, 106)]


def test_results_come_back_for_every_job(process: SegmenterProcess) -> None:
    for job_id in range(10, 20):
        process.submit(job_id, f"Bài số {job_id}")
    seen = {result_of(process, job_id).job_id for job_id in range(10, 20)}
    assert seen == set(range(10, 20))
    assert process.pending == 0
    assert process.get_result(0.0) is None


def test_error_in_a_job_does_not_kill_the_process(process: SegmenterProcess) -> None:
    pid = process.pid
    process.submit(30, None)  # type: ignore[arg-type]  # not text: raises in the worker
    result = result_of(process, 30)
    assert result.error is not None and "Error" in result.error
    assert result.spans == []
    assert process.is_alive() and process.pid == pid
    process.submit(31, "Hà Nội")
    assert result_of(process, 31).spans == [(0, 6)]


def test_restarts_after_being_killed(process: SegmenterProcess) -> None:
    old_pid = process.pid
    process.submit(40, "Hà Nội")
    assert result_of(process, 40).spans == [(0, 6)]
    os.kill(old_pid, signal.SIGKILL)
    with pytest.raises(SegmenterDied, match="SIGKILL"):
        process.get_result(TIMEOUT)
    assert not process.is_alive()
    process.restart()
    assert process.is_alive() and process.pid != old_pid
    process.submit(41, TEXT)
    assert result_of(process, 41).spans == nlp.segment_text(TEXT)


def test_not_started_raises() -> None:
    proc = SegmenterProcess()
    with pytest.raises(SegmenterDied):
        proc.submit(1, "x")
    with pytest.raises(SegmenterDied):
        proc.get_result(0)
    proc.stop()  # harmless when never started
