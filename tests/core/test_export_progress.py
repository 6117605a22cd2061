"""Every export reports progress and can be cancelled; a cancelled export leaves no file,
not even a temp file, and keeps the file it would have replaced."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.interchange.formats import FORMATS, export
from desktop_app.core.progress import Cancelled, Progress
from desktop_app.core.storage.database import Database
from tests.core.test_annotations import add_article

TEXTS = ["Ban Tổ chức Trung ương đào tạo cán bộ.", "Cán bộ trẻ được đào tạo. Ban Bí thư họp."]
REPORTING = ["csv", "csv-long", "xlsx", "webanno", "qdpx"]  # codebook, qdc: one query each


@pytest.fixture
def library(db: Database) -> Database:
    service = AnnotationService(db)
    for n, text in enumerate(TEXTS):
        article = add_article(db, text, title=f"Bài {n}")
        start = text.index("cán bộ") if "cán bộ" in text else text.index("Cán bộ")
        service.create_highlight(article, start, start + len("cán bộ"), ["Cán bộ"])
    return db


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("key", REPORTING)
def test_export_reports_progress_and_writes_the_file(library, tmp_path, key):
    out = tmp_path / "out" / f"export{FORMATS[key].extension}"
    out.parent.mkdir()
    seen: list[tuple[int, int]] = []
    count = export(library, key, out, progress=Progress(lambda d, t, _n: seen.append((d, t))))
    assert count > 0 and out.stat().st_size > 0
    assert seen and seen == sorted(seen) and all(t > 0 for _d, t in seen)
    assert _names(out.parent) == [out.name]


@pytest.mark.parametrize("key", REPORTING)
def test_a_cancelled_export_leaves_no_file_and_keeps_the_old_one(library, tmp_path, key):
    out = tmp_path / "out" / f"export{FORMATS[key].extension}"
    out.parent.mkdir()
    out.write_bytes(b"the previous export")
    progress = Progress(lambda *_a: progress.cancel())  # the user clicks Cancel at the first report
    with pytest.raises(Cancelled):
        export(library, key, out, progress=progress)
    assert out.read_bytes() == b"the previous export"
    assert _names(out.parent) == [out.name]  # no temp file left behind


def test_a_cancelled_new_export_leaves_nothing(library, tmp_path):
    out = tmp_path / "new.csv"
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        export(library, "csv", out, progress=progress)
    assert not out.exists() and _names(tmp_path) == ["data"]


def test_columns_only_for_csv(library, tmp_path):
    assert export(library, "csv", tmp_path / "a.csv", columns=["article_id", "quote"]) == 2
    header = (tmp_path / "a.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == "article_id,quote"
    with pytest.raises(ValueError):
        export(library, "xlsx", tmp_path / "a.xlsx", columns=["quote"])
