"""The command line, run as a user runs it: a separate process on a real data folder."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import engines

REPO = Path(__file__).resolve().parents[2]


def chugiai(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    # On the postgres engine (tests/engines.py) the child reaches the data folder's library
    # on the server through $CHUGIAI_LIBRARY, as the test in this process does.
    env = {**os.environ, **engines.child_env(args), **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=120,
    )


def test_import_list_and_export_round_trip(tmp_path, seeds_copy):
    data = tmp_path / "thư viện"
    result = chugiai("--data-dir", str(data), "import", str(seeds_copy))
    assert result.returncode == 0, result.stderr
    assert "Imported 5 articles" in result.stdout

    listed = chugiai("--data-dir", str(data), "list", "--json")
    assert listed.returncode == 0, listed.stderr
    articles = json.loads(listed.stdout)
    assert len(articles) == 5
    assert set(articles[0]) == {"id", "title", "source", "author", "published", "highlights", "attributes"}
    by_title = {a["title"]: a for a in articles}
    dated = by_title["Tiếp tục đổi mới, kiện toàn công tác tổ chức cán bộ"]
    assert (dated["source"], dated["published"], dated["highlights"]) == ("TTXVN", "2011-11-23T08:24", 0)
    assert dated["attributes"] == {"outlet": "TTXVN", "published": "2011-11-23T08:24", "year": 2011}

    # Importing again makes no duplicate.
    again = chugiai("--data-dir", str(data), "import", str(seeds_copy))
    assert again.returncode == 0 and "5 already in the library" in again.stdout
    assert len(json.loads(chugiai("--data-dir", str(data), "list", "--json").stdout)) == 5

    out = tmp_path / "chú giải.csv"
    exported = chugiai("--data-dir", str(data), "export", "--format", "csv", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    with open(out, encoding="utf-8-sig", newline="") as f:
        assert next(csv.reader(f))[:3] == ["article_id", "article_title", "source"]


def test_data_dir_from_environment(tmp_path, seeds_copy):
    data = tmp_path / "env-data"
    result = chugiai("import", str(seeds_copy / "001_ac896c5b02962443.txt"),
                     env_extra={"CHUGIAI_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stderr
    assert (data / "chugiai.sqlite3").exists()


def test_failed_import_exits_non_zero_with_a_reason(tmp_path):
    bad = tmp_path / "ảnh.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    empty = tmp_path / "rỗng.txt"
    empty.write_bytes(b"")
    result = chugiai("--data-dir", str(tmp_path / "d"), "import", str(bad), str(empty))
    assert result.returncode == 1
    assert "ảnh.txt" in result.stderr and "rỗng.txt" in result.stderr
    assert "Traceback" not in result.stderr


def test_database_that_is_not_a_database_gives_a_clean_error(tmp_path):
    data = tmp_path / "d"
    data.mkdir()
    (data / "chugiai.sqlite3").write_bytes(b"not sqlite at all" * 100)
    result = chugiai("--data-dir", str(data), "list", "--json")
    assert result.returncode == 1
    assert "not a Chú Giải database" in result.stderr and "Traceback" not in result.stderr
    assert (data / "chugiai.sqlite3").read_bytes() == b"not sqlite at all" * 100


def test_export_into_missing_folder_is_refused(tmp_path):
    result = chugiai("--data-dir", str(tmp_path / "d"), "export", "-o", str(tmp_path / "no" / "x.csv"))
    assert result.returncode == 2 and "does not exist" in result.stderr


def test_backup_writes_a_readable_copy(tmp_path, seeds_copy):
    import sqlite3

    data = tmp_path / "d"
    assert chugiai("--data-dir", str(data), "import", str(seeds_copy)).returncode == 0
    target = tmp_path / "bản sao.sqlite3"
    result = chugiai("--data-dir", str(data), "backup", str(target))
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
    again = chugiai("--data-dir", str(data), "backup", str(target))
    assert again.returncode == 2 and "already exists" in again.stderr


@pytest.mark.slow
def test_every_export_format_and_annotation_import_from_the_command_line(tmp_path, seeds_copy):
    from desktop_app.core.annotate.highlights import AnnotationService
    from desktop_app.core.library.articles import get_article, list_articles
    from desktop_app.core.storage.database import Database

    data = tmp_path / "d"
    assert chugiai("--data-dir", str(data), "import", str(seeds_copy)).returncode == 0
    db = Database.open(data / "chugiai.sqlite3")
    try:
        article = list_articles(db)[0]
        text = get_article(db, article.id).text
        start = text.index("Đảng")
        AnnotationService(db).create_highlight(article.id, start, start + 4, ["Cơ quan/Trung ương"], "=ghi chú")
    finally:
        db.close()
    for fmt, name in [("csv", "a.csv"), ("csv-long", "b.csv"), ("codebook", "c.csv"), ("xlsx", "d.xlsx"),
                      ("webanno", "e.jsonld"), ("qdpx", "f.qdpx"), ("qdc", "g.qdc"), ("conll", "h.conll")]:
        result = chugiai("--data-dir", str(data), "export", "--format", fmt, "-o", str(tmp_path / name),
                         "--tag", "Cơ quan")
        assert result.returncode == 0, (fmt, result.stderr)
        assert (tmp_path / name).stat().st_size > 0, fmt
    labelled = chugiai("--data-dir", str(data), "export", "--format", "conll", "-o", str(tmp_path / "i.conll"),
                       "--tag", "Cơ quan/Trung ương")
    assert labelled.returncode == 0, labelled.stderr
    assert "Đảng\t" in (tmp_path / "i.conll").read_text(encoding="utf-8")
    assert "\tB-Cơ_quan/Trung_ương" in (tmp_path / "i.conll").read_text(encoding="utf-8")

    # Into a second library with the same articles, each annotation format brings the highlight back.
    for name in ["a.csv", "e.jsonld", "f.qdpx"]:
        other = tmp_path / f"other-{name}"
        assert chugiai("--data-dir", str(other), "import", str(seeds_copy)).returncode == 0
        result = chugiai("--data-dir", str(other), "import-annotations", str(tmp_path / name))
        assert result.returncode == 0, (name, result.stderr)
        listed = json.loads(chugiai("--data-dir", str(other), "list", "--json").stdout)
        assert sum(a["highlights"] for a in listed) == 1, name

    broken = tmp_path / "hỏng.jsonld"
    broken.write_text('[{"type": "Annotation", ', encoding="utf-8")
    result = chugiai("--data-dir", str(data), "import-annotations", str(broken))
    assert result.returncode == 1 and "hỏng.jsonld" in result.stderr and "Traceback" not in result.stderr


def test_search_prints_ranked_json_without_needing_diacritics(tmp_path, seeds_copy):
    data = tmp_path / "data"
    assert chugiai("--data-dir", str(data), "import", str(seeds_copy)).returncode == 0
    result = chugiai("--data-dir", str(data), "search", "to", "chuc", "dang", "--json", "--limit", "3")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert 0 < len(hits) <= 3
    assert set(hits[0]) == {"article_id", "title", "rank", "score", "passage", "offset", "marks"}
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    from desktop_app.core.text.normalize import fold

    for hit in hits:
        marked = {fold(hit["passage"][s:e]) for s, e in hit["marks"]}
        assert marked and marked <= {"to", "chuc", "dang", "to chuc dang"}, marked
    # Plain output, and a query that finds nothing is not an error.
    plain = chugiai("--data-dir", str(data), "search", '"không có đâu"')
    assert plain.returncode == 0 and plain.stdout == "" and "no article matches" in plain.stderr
