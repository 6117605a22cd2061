"""The command line's exports, imports and manners, run as a user runs it: a separate
process on a real data folder. One library (the sample articles) for the module."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.core.test_cli import REPO, chugiai
from tests.core.test_refi_positions import EMOJI_START, project, sloppy_code_point_selections

DUPLICATE_LEAVES = """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
  <Code guid="b0000000-0000-0000-0000-000000000001" name="Kinh tế" isCodable="false">
    <Code guid="b0000000-0000-0000-0000-000000000002" name="Khác" color="#aabbcc"/>
  </Code>
  <Code guid="b0000000-0000-0000-0000-000000000003" name="Xã hội" isCodable="false">
    <Code guid="b0000000-0000-0000-0000-000000000004" name="Khác"/>
  </Code>
</Codes></CodeBook>
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    """A data folder holding the sample articles."""
    root = tmp_path_factory.mktemp("cli")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    data = root / "data"
    assert chugiai("--data-dir", str(data), "import", str(seeds)).returncode == 0
    return data


def test_output_into_a_pipe_closed_early_ends_quietly(library):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with subprocess.Popen(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(library), "segment", "--no-pos"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO, env=env,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.readline().startswith(b"# newdoc id")  # `| head -1`
        proc.stdout.close()  # far more than a pipe holds is still to come
        stderr = proc.stderr.read().decode("utf-8")
        assert proc.wait(timeout=120) == 141
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr


def test_backup_into_a_missing_folder_says_so(library, tmp_path):
    target = tmp_path / "không có" / "sao lưu.sqlite3"
    result = chugiai("--data-dir", str(library), "backup", str(target))
    assert result.returncode == 2
    assert result.stderr == f"chugiai: the folder {target.parent} does not exist\n"


def test_help_shows_separators_and_units_by_name(library):
    for command in ("export", "concordance", "frequencies"):
        shown = chugiai(command, "--help").stdout
        assert "{,,;}" not in shown and "--delimiter SEP" in shown, shown
    assert "--positions UNIT" in chugiai("export", "--help").stdout


def test_search_shows_the_rank_where_bm25_says_nothing(library):
    # "của" is in every sample article: bm25 gives each of them next to 0.
    result = chugiai("--data-dir", str(library), "search", "cua")
    assert result.returncode == 0, result.stderr
    ranks = re.findall(r"^ +(\d+)\. +\d+  ", result.stdout, flags=re.MULTILINE)
    assert ranks == ["1", "2", "3", "4", "5"]
    assert "0.00" not in result.stdout


def test_import_annotations_exits_1_when_nothing_could_be_placed(library, tmp_path):
    lost = tmp_path / "lạc.jsonld"
    lost.write_text(json.dumps([{
        "@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
        "target": {"source": "https://example.org/khong-co",
                   "selector": {"type": "TextQuoteSelector", "exact": "không có trong thư viện"}},
    }], ensure_ascii=False), encoding="utf-8")
    result = chugiai("--data-dir", str(library), "import-annotations", str(lost))
    assert result.returncode == 1
    assert "0 highlights imported" in result.stdout
    assert "none of the 1 annotations in lạc.jsonld could be placed" in result.stderr


def test_a_codebook_imports_and_its_merging_leaves_are_warned_about_on_export(library, tmp_path):
    book = tmp_path / "sổ mã.qdc"
    book.write_text(DUPLICATE_LEAVES, encoding="utf-8")
    result = chugiai("--data-dir", str(library), "import-annotations", str(book))
    assert result.returncode == 0, result.stderr
    # two codes and the two groups above them (a parent is a tag)
    assert result.stdout == "sổ mã.qdc: 4 new tags, 0 already in the codebook (kept as they are).\n"
    out = tmp_path / "lại.qdc"
    exported = chugiai("--data-dir", str(library), "export", "--format", "qdc", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    assert exported.stderr.startswith("chugiai: warning: 1 code name(s) are used by more than one "
                                      "code without sub-codes (“Khác”): QualCoder")
    unknown = chugiai("--data-dir", str(library), "export", "--format", "conll", "--tag", "Không có",
                      "-o", str(tmp_path / "x.conll"))
    assert unknown.returncode == 1 and "There is no tag named “Không có”" in unknown.stderr
    assert not (tmp_path / "x.conll").exists()


def test_positions_in_utf16_are_for_qdpx_only(library, tmp_path):
    wrong = chugiai("--data-dir", str(library), "export", "--format", "csv", "--positions", "utf16",
                    "-o", str(tmp_path / "a.csv"))
    assert wrong.returncode == 2 and "--positions applies to the qdpx format only" in wrong.stderr
    out = tmp_path / "nvivo.qdpx"
    right = chugiai("--data-dir", str(library), "export", "--format", "qdpx", "--positions", "utf16",
                    "-o", str(out))
    assert right.returncode == 0, right.stderr
    assert out.is_file()


def test_weak_evidence_about_positions_is_printed_as_a_warning(tmp_path):
    data = tmp_path / "data"
    (tmp_path / "bài.txt").write_text(EMOJI_START, encoding="utf-8")
    assert chugiai("--data-dir", str(data), "import", str(tmp_path / "bài.txt")).returncode == 0
    start, end = sloppy_code_point_selections()[0]
    path = tmp_path / "tool.qdpx"
    path.write_bytes(project([(EMOJI_START, [(start, end, None)])], "Some Tool"))
    result = chugiai("--data-dir", str(data), "import-annotations", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("chugiai: warning: Positions in 1 source (source “Bài 0”) "
                                    "may count code points or UTF-16 code units")
