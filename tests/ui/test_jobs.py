"""Export and annotation import as background operations, followed in the status bar:
the file and the count, Cancel leaving no file, failures in words."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.interchange import formats
from desktop_app.core.progress import Progress
from desktop_app.core.storage.database import Database
from desktop_app.ui.app import make_application
from desktop_app.ui.window.jobs import start_annotation_import, start_export
from desktop_app.ui.window.status import ProgressStatus
from tests.core.test_annotations import add_article

TEXT = "Ban Tổ chức Trung ương đào tạo cán bộ."


@pytest.fixture
def parent(qtbot) -> QWidget:
    make_application()
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def library(db: Database) -> Database:
    article = add_article(db, TEXT, title="Bài")
    start = TEXT.index("cán bộ")
    AnnotationService(db).create_highlight(article, start, start + 6, ["Cán bộ"])
    return db


def test_export_writes_the_file_and_reports_the_count(qtbot, parent, library, tmp_path):
    status = ProgressStatus(parent)
    counts: list[int] = []
    out = tmp_path / "out.csv"
    op = start_export(parent, library, out, "csv", status=status, columns=["quote", "tags"],
                      on_success=counts.append)
    qtbot.waitUntil(lambda: op.done, timeout=10_000)
    assert counts == [1]
    assert out.read_text(encoding="utf-8-sig").splitlines() == ["quote,tags", "cán bộ,Cán bộ"]
    assert not status.isVisibleTo(parent)


def test_cancel_in_the_status_bar_leaves_no_file(qtbot, parent, library, tmp_path, monkeypatch):
    reached, release = threading.Event(), threading.Event()
    real_export = formats.export_detailed

    def slow_export(db, key, path, article_ids, tag, delimiter, columns, progress: Progress, positions,
                    coders=None):
        """The real export, held at its first report (as a long one would be) until the
        test has clicked Cancel; then the op's own Progress decides."""
        held = Progress(lambda d, t, n: (reached.set(), release.wait(5), progress.check()))
        return real_export(db, key, path, article_ids, tag, delimiter, columns, held, positions, coders)

    monkeypatch.setattr("desktop_app.ui.window.jobs.export_detailed", slow_export)
    status = ProgressStatus(parent)
    outcome: list[str] = []
    out = tmp_path / "out.xlsx"
    op = start_export(parent, library, out, "xlsx", status=status,
                      on_success=lambda n: outcome.append("success"),
                      on_cancelled=lambda: outcome.append("cancelled"))
    qtbot.waitUntil(reached.is_set, timeout=10_000)
    status.cancel.click()
    release.set()
    qtbot.waitUntil(lambda: op.done, timeout=10_000)
    assert outcome == ["cancelled"]
    assert [p.name for p in tmp_path.iterdir() if p.name != "data"] == []


def test_annotation_import_reports_a_summary(qtbot, parent, library, tmp_path):
    out = tmp_path / "highlights.csv"
    formats.export(library, "csv", out)
    summaries: list[str] = []
    status = ProgressStatus(parent)
    op = start_annotation_import(parent, library, out, status, on_success=summaries.append)
    qtbot.waitUntil(lambda: op.done, timeout=10_000)
    assert len(summaries) == 1 and summaries[0].startswith("highlights.csv: 0 highlights imported")
    assert "1 already present" in summaries[0]


def test_annotation_import_failure_arrives_in_words(qtbot, parent, library, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("x", encoding="utf-8")
    failures: list[str] = []
    op = start_annotation_import(parent, library, bad, on_failure=failures.append)
    qtbot.waitUntil(lambda: op.done, timeout=10_000)
    assert failures == ["notes.txt: not an annotation file this app reads (use .csv, .json/.jsonld, .qdpx or .qdc)."]


def test_annotation_import_cancelled_before_it_began_imports_nothing(qtbot, parent, library, tmp_path):
    out = tmp_path / "highlights.csv"
    formats.export(library, "csv", out)
    outcome: list[str] = []
    started = threading.Event()
    release = threading.Event()

    def run(path: Path, progress: Progress) -> str:
        started.set()
        release.wait(5)
        return formats.import_annotations(library, path, progress=progress)

    op = start_annotation_import(parent, library, out, run=run, on_success=outcome.append,
                                 on_cancelled=lambda: outcome.append("cancelled"))
    qtbot.waitUntil(started.is_set, timeout=10_000)
    op.cancel()
    release.set()
    qtbot.waitUntil(lambda: op.done, timeout=10_000)
    assert outcome == ["cancelled"]
