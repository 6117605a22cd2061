"""The CLI on a read-only library: reading commands work, writing ones say why they cannot.

Tests run as root, for whom every file is writable, and the interpreter lives where no
other user may run it; so the folder and file are made read-only (0555/0444) and
os.access answers as it does for their owner when not root. Everything else is real:
the library is opened with SQLite's mode=ro and the commands run in full.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.core.analysis.search import sync_index
from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.library.opening import open_for_script
from desktop_app.core.storage.database import READ_ONLY, Database, DatabaseError
from tests.core.test_annotations import add_article

pytestmark = pytest.mark.sqlite_only("a read-only file and folder (a server's read-only is a role)")

TEXT = "Hội nghị bàn về công tác cán bộ ở Hà Nội."


@pytest.fixture
def read_only_library(tmp_path: Path, monkeypatch) -> Path:
    data = tmp_path / "data"
    db = Database.open(data / "chugiai.sqlite3")
    try:
        article = add_article(db, TEXT, title="Bài một")
        start = TEXT.index("cán bộ")
        AnnotationService(db).create_highlight(article, start, start + 6, ["Cán bộ"])
        sync_index(db)  # as the app leaves it: a read-only library keeps its index
    finally:
        db.close()
    for leftover in data.glob("chugiai.sqlite3-*"):
        leftover.unlink()
    (data / "chugiai.sqlite3").chmod(0o444)
    data.chmod(0o555)
    real_access = os.access

    def access_as_owner(path, mode, *args, **kwargs):
        if mode & os.W_OK:
            st = os.stat(path)
            return bool(st.st_mode & 0o200) and real_access(path, mode, *args, **kwargs)
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access_as_owner)
    yield data
    data.chmod(0o755)


def run(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), *args])


def test_reading_commands_work_on_a_read_only_library(read_only_library, tmp_path, capsys):
    data = read_only_library
    before = (data / "chugiai.sqlite3").read_bytes()
    assert run(data, "list", "--json") == 0
    assert json.loads(capsys.readouterr().out)[0]["title"] == "Bài một"
    assert run(data, "search", "can bo") == 0
    assert "Bài một" in capsys.readouterr().out
    out = tmp_path / "out.csv"
    assert run(data, "export", "-o", str(out)) == 0
    assert "cán bộ" in out.read_text(encoding="utf-8-sig")
    assert run(data, "concordance", "cán bộ") == 0
    assert run(data, "frequencies", "--limit", "3") == 0
    assert (data / "chugiai.sqlite3").read_bytes() == before


def test_writing_commands_say_the_library_is_read_only(read_only_library, tmp_path, capsys):
    source = tmp_path / "bài.txt"
    source.write_text("Một bài báo mới về cán bộ.", encoding="utf-8")
    assert run(read_only_library, "import", str(source)) == 1
    assert "is read-only" in capsys.readouterr().err
    with pytest.raises(DatabaseError) as error:
        open_for_script(read_only_library, write=True)
    assert error.value.kind == READ_ONLY
    db = open_for_script(read_only_library, write=False)
    try:
        assert db.read_only
    finally:
        db.close()
