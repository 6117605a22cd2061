"""Where an export may write: never over the library, a pipe or a device; `-o -` is stdout."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import time
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.interchange.csv_export import atomic_open
from desktop_app.core.interchange.formats import ExportError, export
from desktop_app.core.interchange.output_paths import (
    OutputPathError,
    check_output_path,
    clean_stale_temp_files,
)
from desktop_app.core.storage.database import Database
from tests.core.test_annotations import add_article

TEXT = "Hội nghị bàn về công tác cán bộ ở Hà Nội."


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A data folder holding a library with one highlighted article."""
    data = tmp_path / "data"
    db = Database.open(data / "chugiai.sqlite3")
    try:
        article = add_article(db, TEXT, title="Bài một")
        start = TEXT.index("cán bộ")
        AnnotationService(db).create_highlight(article, start, start + len("cán bộ"), ["Cán bộ"])
    finally:
        db.close()
    return data


def run(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), *args])


@pytest.mark.sqlite_only("the library file and what lies beside it (-wal, -shm, backups/)")
@pytest.mark.parametrize("name", ["chugiai.sqlite3", "chugiai.sqlite3-wal", "chugiai.sqlite3-shm",
                                  "chugiai.sqlite3-journal", "backups/x.csv",
                                  "chugiai.before-upgrade-v3-20240101-000000.sqlite3"])
def test_export_refuses_the_library_and_what_belongs_to_it(library, capsys, name):
    before = (library / "chugiai.sqlite3").read_bytes()
    (library / "backups").mkdir(exist_ok=True)
    assert run(library, "export", "--format", "csv", "-o", str(library / name)) == 2
    assert "belongs to the Chú Giải library" in capsys.readouterr().err
    assert (library / "chugiai.sqlite3").read_bytes() == before
    assert run(library, "list") == 0  # still a library


def test_export_refuses_the_library_through_a_symlink_and_a_relative_path(library, tmp_path, capsys,
                                                                          monkeypatch):
    link = tmp_path / "looks-harmless.csv"
    link.symlink_to(library / "chugiai.sqlite3")
    assert run(library, "export", "-o", str(link)) == 2
    monkeypatch.chdir(library)
    assert run(library, "export", "-o", "chugiai.sqlite3") == 2
    assert "belongs to" in capsys.readouterr().err


def test_the_export_function_refuses_the_library_too(library):
    """The export dialog calls formats.export: it refuses the same paths."""
    db = Database.open(library / "chugiai.sqlite3")
    try:
        with pytest.raises(ExportError, match="belongs to the Chú Giải library"):
            export(db, "csv", library / "chugiai.sqlite3")
    finally:
        db.close()


def test_fifo_device_and_folder_are_refused_not_replaced(library, tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert run(library, "export", "-o", str(fifo)) == 2
    assert "pipe" in capsys.readouterr().err
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    with pytest.raises(OutputPathError, match="device"):
        check_output_path("/dev/null", None)
    assert run(library, "export", "-o", str(tmp_path)) == 2
    assert "is a folder" in capsys.readouterr().err
    with pytest.raises(OutputPathError, match="pipe"):  # the writers refuse it themselves
        with atomic_open(fifo, ".csv") as f:
            f.write("x")


def test_dash_writes_text_formats_to_standard_output(library, capsysbinary):
    assert run(library, "export", "--format", "csv", "-o", "-") == 0
    out = capsysbinary.readouterr()
    rows = list(csv.reader(io.StringIO(out.out.decode("utf-8-sig"))))
    assert rows[0][:2] == ["article_id", "article_title"] and rows[1][7] == "cán bộ"
    assert b"wrote 1 highlights to standard output" in out.err
    assert run(library, "export", "--format", "webanno", "-o", "-") == 0
    assert "cán bộ" in json.dumps(json.loads(capsysbinary.readouterr().out), ensure_ascii=False)
    assert run(library, "concordance", "cán bộ", "--csv", "-") == 0
    assert "cán bộ" in capsysbinary.readouterr().out.decode("utf-8-sig")


def test_dash_refuses_binary_formats(library, capsys):
    assert run(library, "export", "--format", "xlsx", "-o", "-") == 2
    assert "cannot be written to standard output" in capsys.readouterr().err


def test_replacing_a_file_keeps_its_permission_bits(library, tmp_path):
    out = tmp_path / "private.csv"
    out.write_text("old")
    out.chmod(0o600)
    assert run(library, "export", "-o", str(out)) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text(encoding="utf-8-sig").startswith("article_id")


def test_replacing_through_a_symlink_keeps_the_link(library, tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert run(library, "export", "-o", str(link)) == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8-sig").startswith("article_id")


def test_temp_files_are_named_with_the_pid_and_cleaned_when_stale(library, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    seen = []
    with atomic_open(folder / "a.csv", ".csv") as f:
        seen = [p.name for p in folder.iterdir()]
        f.write("x")
    assert len(seen) == 1 and seen[0].startswith(f".chugiai-{os.getpid()}-") and seen[0].endswith(".csv.tmp")
    dead = 2**22 + 12345  # above pid_max's default: no such process
    old = time.time() - 7200
    stale = folder / f".chugiai-{dead}-abc.csv.tmp"
    fresh = folder / f".chugiai-{dead}-new.csv.tmp"
    live = folder / f".chugiai-{os.getpid()}-live.csv.tmp"
    legacy = folder / ".chugiai-k2j3h4.csv"  # an older version's name, no pid
    for p in (stale, fresh, live, legacy):
        p.write_text("half an export")
    for p in (stale, live, legacy):
        os.utime(p, (old, old))
    assert sorted(p.name for p in clean_stale_temp_files(folder)) == sorted([stale.name, legacy.name])
    assert fresh.exists() and live.exists()
    # The CLI cleans the target folder before it writes there.
    os.utime(fresh, (old, old))
    assert run(library, "export", "-o", str(folder / "b.csv")) == 0
    assert not fresh.exists() and live.exists()
