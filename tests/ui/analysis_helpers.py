"""Shared by the analysis window tests: a hand-made library in the window's data folder
(tests/core/analysis_library.py, exact counts known by hand), the CLI run in-process."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QModelIndex

from desktop_app.cli.main import main
from desktop_app.core.storage.database import Database
from tests.core.analysis_library import sample_library


def make_library(data_dir: Path) -> tuple[dict[str, int], dict[str, int]]:
    """The sample library (three articles, seven highlights), a whole-article code on C and
    a user attribute, written where open_window will find it. (articles, highlights)"""
    db = Database.open(data_dir / "chugiai.sqlite3")
    try:
        ops, articles, highlights = sample_library(db)
        ops.code_articles([articles["C"]], add=["Cán bộ"])
        ops.define_attribute("Giọng điệu", "choice", ["Tích cực", "Phê phán"])
        ops.set_attribute_values("Giọng điệu", [articles["A"], articles["C"]], "Tích cực")
        ops.set_attribute_values("Giọng điệu", [articles["B"]], "Phê phán")
    finally:
        db.close()
    return articles, highlights


def cli_json(capsys, data_dir: Path, *args: str) -> object:
    capsys.readouterr()
    status = main(["--data-dir", str(data_dir), *args, "--json"])
    out = capsys.readouterr()
    assert status == 0, out.err
    return json.loads(out.out)


def load_everything(qtbot, model) -> None:
    """Scroll a paged model to its end, as a view does (fetchMore until it has every row)."""
    while model.canFetchMore(QModelIndex()) or model.loading():
        if model.canFetchMore(QModelIndex()):
            with qtbot.waitSignal(model.pageLoaded, timeout=10_000):
                model.fetchMore(QModelIndex())
        else:
            qtbot.waitUntil(lambda: not model.loading(), timeout=10_000)

