"""`chugiai --library URL` and $CHUGIAI_LIBRARY: the commands on a library on a server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.core.storage.location import open_library
from tests.core.analysis_library import sample_library


def test_commands_read_and_write_a_server_library(postgres_database_url: str, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db = open_library(postgres_database_url)
    try:
        sample_library(db)
    finally:
        db.close()
    assert main(["--library", postgres_database_url, "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert sorted(a["title"] for a in listed) == ["Bài A", "Bài B", "Bài C"]
    out = tmp_path / "p.csv"
    assert main(["--library", postgres_database_url, "passages", "--tag", "Cán bộ", "--csv", str(out)]) == 0
    assert "wrote 4 passages" in capsys.readouterr().out and out.stat().st_size > 0
    assert main(["--library", postgres_database_url, "--coder", "Lan", "coders", "list", "--json"]) == 0
    assert "Lan" not in capsys.readouterr().out  # a reading command adds no coder


def test_the_environment_names_the_library(postgres_database_url: str, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CHUGIAI_LIBRARY", postgres_database_url)
    assert main(["list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize("argv", [["backups"], ["check"]])
def test_file_commands_refuse_a_server_library(argv: list[str], postgres_url: str, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--library", postgres_url, *argv]) == 2
    err = capsys.readouterr().err
    assert f"`{argv[0]}` works on a library file" in err and "PostgreSQL server" in err


def test_library_takes_only_a_url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--library", str(tmp_path / "lib.sqlite3"), "list"])
    assert stop.value.code == 2
    assert "takes a PostgreSQL URL" in capsys.readouterr().err
