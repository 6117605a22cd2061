"""`chugiai --self-test`, the smoke test CI also runs on the packaged bundle."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_self_test_opens_window_and_segments(tmp_path):
    # PYTHONPATH: this checkout's code, not whatever copy is installed in the environment
    # (run from tmp_path, `-m desktop_app` would otherwise find the installed one).
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--self-test"],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert "self-test ok: 5 sample articles" in result.stdout
    assert "Tổ chức | Trung ương" in result.stdout
    # Qt's notes about the offscreen platform ("This plugin does not support ...") are noise.
    assert "plugin" not in result.stderr, result.stderr
    # Nothing in the working folder or HOME but the caches Qt/fontconfig keep under dot-folders.
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == []
