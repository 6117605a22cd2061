"""Merging coders' work (issue 16, item 3): two coders code the sample articles through the
CLI with --coder, each in their own library, and one library is merged into the other."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import sqlite3
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from desktop_app.core.interchange.merging import read_merge_file
from desktop_app.core.library.coders import use_coder
from desktop_app.core.library.reimport import replace_text
from desktop_app.core.operations.editor import Operations
from desktop_app.core.progress import Cancelled, Progress
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article, Tag
from tests.conftest import SEEDS
from tests.core.test_cli import chugiai

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "schemas"
# What each coder codes in every sample article: the first occurrence of each phrase.
AN = {"cán bộ": "Cán bộ", "Đảng": "Đảng", "Ban Tổ chức": "Tổ chức"}
BINH = {"cán bộ": "Cán bộ", "Trung ương": "Tổ chức/Trung ương", "đồng chí": "Nhân sự"}


def db_file(data: Path) -> Path:
    return data / "chugiai.sqlite3"


def texts(data: Path) -> list[tuple[int, str, str]]:
    db = Database.open(db_file(data), read_only=True)
    try:
        with db.session() as s:
            return [tuple(r) for r in s.execute(select(Article.id, Article.title, Article.text).order_by(Article.id))]
    finally:
        db.close()


def coding_csv(data: Path, phrases: dict[str, str], target: Path) -> int:
    """Our CSV format: one highlight per phrase found in each article."""
    rows = 0
    with open(target, "w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow(["article_id", "article_title", "start", "end", "quote", "tags", "note"])
        for aid, title, text in texts(data):
            for phrase, tag in phrases.items():
                start = text.find(phrase)
                if start >= 0:
                    out.writerow([aid, title, start, start + len(phrase), phrase, tag, ""])
                    rows += 1
    return rows


@pytest.fixture(scope="module")
def team(tmp_path_factory) -> dict:
    """Two libraries of the sample articles, coded by An and by Bình through the CLI."""
    root = tmp_path_factory.mktemp("team")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    counts = {}
    for name, coder, phrases in (("an", "An", AN), ("binh", "Bình", BINH)):
        data = root / name
        assert chugiai("--data-dir", str(data), "import", str(seeds)).returncode == 0
        counts[coder] = coding_csv(data, phrases, root / f"{name}.csv")
        done = chugiai("--data-dir", str(data), "--coder", coder, "import-annotations", str(root / f"{name}.csv"))
        assert done.returncode == 0, done.stderr
    return {"root": root, "counts": counts}


@pytest.fixture
def mine(team, tmp_path) -> Path:
    """A fresh copy of An's data folder (merges change it)."""
    target = tmp_path / "mine"
    shutil.copytree(team["root"] / "an", target)
    return target


def coders(data: Path) -> dict[str, int]:
    listed = chugiai("--data-dir", str(data), "coders", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    return {c["name"]: c["highlights"] for c in json.loads(listed.stdout)}


def coded(data: Path, coder: str) -> set[tuple]:
    """(article title, start, end, tags) of every highlight of one coder."""
    conn = sqlite3.connect(db_file(data))
    try:
        rows = conn.execute(
            'SELECT a.title, h.start, h."end", group_concat(t.name, "|") FROM highlights h '
            "JOIN articles a ON a.id = h.article_id JOIN coders c ON c.id = h.coder_id "
            "LEFT JOIN highlight_tags ht ON ht.highlight_id = h.id LEFT JOIN tags t ON t.id = ht.tag_id "
            "WHERE c.name = ? GROUP BY h.id", (coder,)).fetchall()
    finally:
        conn.close()
    return {(title, s, e, tuple(sorted((tags or "").split("|")))) for title, s, e, tags in rows}


def dump(data: Path) -> list[str]:
    """The library's content, row by row (what "nothing changed" compares)."""
    conn = sqlite3.connect(db_file(data))
    try:
        # Every ordinary table (a contentless FTS5 table cannot be scanned: its shadow
        # tables hold what it indexed, and are compared instead).
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'sqlite_sequence'"
            " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")]
        # Not row_version (schema v14): it counts writes, and an undo is a write too.
        columns = {t: ", ".join(f'"{c[1]}"' for c in conn.execute(f'PRAGMA table_info("{t}")')
                                if c[1] != "row_version") for t in tables}
        return [f"{t}: {row!r}" for t in tables
                for row in sorted(conn.execute(f'SELECT {columns[t]} FROM "{t}"').fetchall(), key=repr)]
    finally:
        conn.close()


def merge(data: Path, file: Path, *extra: str):
    return chugiai("--data-dir", str(data), "merge", str(file), *extra)


def test_two_coders_libraries_merge_with_exact_counts(team, mine):
    counts = team["counts"]
    assert counts["An"] > 5 and counts["Bình"] > 5
    theirs = db_file(team["root"] / "binh")
    before = hashlib.sha256(theirs.read_bytes()).hexdigest()
    done = merge(mine, theirs, "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["highlights"] == {"added": counts["Bình"], "present": 0, "orphaned": 0}
    assert result["articles"] == {"new": 0, "same": 5, "changed": 0}
    assert "Bình" in result["coders_added"]
    merged = coders(mine)
    assert merged["An"] == counts["An"] and merged["Bình"] == counts["Bình"]
    # Each coder's highlights are exactly as they coded them.
    assert coded(mine, "Bình") == coded(team["root"] / "binh", "Bình")
    assert coded(mine, "An") == coded(team["root"] / "an", "An")
    # The codebook is merged by path; Bình's file was never written to.
    conn = sqlite3.connect(db_file(mine))
    names = {n for (n,) in conn.execute("SELECT name FROM tags")}
    conn.close()
    assert {"Cán bộ", "Đảng", "Tổ chức", "Tổ chức/Trung ương", "Nhân sự"} <= names
    assert hashlib.sha256(theirs.read_bytes()).hexdigest() == before


def test_merging_the_same_file_twice_adds_nothing(team, mine):
    theirs = db_file(team["root"] / "binh")
    assert merge(mine, theirs).returncode == 0
    after_first = dump(mine)
    again = merge(mine, theirs, "--json")
    assert again.returncode == 0, again.stderr
    result = json.loads(again.stdout)
    assert result["highlights"] == {"added": 0, "present": team["counts"]["Bình"], "orphaned": 0}
    assert result["coders_added"] == [] and result["tags_added"] == 0
    assert dump(mine) == after_first


def shared_copy_with_edits(team, tmp_path) -> Path:
    """Bình's copy of An's library: a tag recoloured and described, another renamed."""
    data = tmp_path / "their-copy"
    shutil.copytree(team["root"] / "an", data)
    db = Database.open(db_file(data))
    try:
        ops = Operations(db)
        use_coder(db, "Bình")
        with db.session() as s:
            tag = {t.name: t.id for t in s.scalars(select(Tag))}
        ops.recolour_tag(tag["Cán bộ"], "#123456")
        ops.describe_tag(tag["Cán bộ"], "Người làm công tác")
        ops.rename_tag(tag["Đảng"], "Đảng Cộng sản")
    finally:
        db.close()
    return db_file(data)


def test_codebook_conflicts_are_listed_and_decided_by_prefer(team, mine, tmp_path):
    theirs = shared_copy_with_edits(team, tmp_path)
    before = dump(mine)
    kept = merge(mine, theirs)
    assert kept.returncode == 0, kept.stderr
    lines = [line for line in kept.stdout.splitlines() if line.startswith("conflict:")]
    assert len(lines) == 3, kept.stdout
    assert any("“Cán bộ” has another colour" in line and "#123456" in line for line in lines)
    assert any("“Cán bộ” has another description" in line for line in lines)
    assert any("“Đảng” here looks renamed “Đảng Cộng sản”" in line for line in lines)
    assert all(line.endswith(("kept this library's", "kept this library's name")) for line in lines)
    assert dump(mine) == before  # mine by default, and the shared highlights are here already

    taken = merge(mine, theirs, "--prefer", "theirs", "--json")
    result = json.loads(taken.stdout)
    assert {c["kind"] for c in result["conflicts"]} == {"colour", "description", "renamed"}
    assert {c["chosen"] for c in result["conflicts"]} == {"theirs"}
    conn = sqlite3.connect(db_file(mine))
    tags = {n: (c, d) for n, c, d in conn.execute("SELECT name, color, description FROM tags")}
    conn.close()
    assert tags["Cán bộ"] == ("#123456", "Người làm công tác")
    assert "Đảng Cộng sản" in tags and "Đảng" not in tags
    assert result["highlights"]["added"] == 0


def test_the_undo_of_a_merge_leaves_the_library_as_it_was_and_redo_brings_it_back(team, mine, tmp_path):
    theirs = shared_copy_with_edits(team, tmp_path)
    before = dump(mine)
    db = Database.open(db_file(mine))
    try:
        ops = Operations(db)
        with db.session() as s:
            tags_before = s.scalar(select(func.max(Tag.id))) or 0
        plan = read_merge_file(db, db_file(team["root"] / "binh"))
        first = ops.merge_library(plan)
        assert len(first.changes.highlights_created) == team["counts"]["Bình"]
        plan2 = read_merge_file(db, theirs)
        ops.merge_library(plan2, {c.key: "theirs" for c in plan2.conflicts})
        with db.session() as s:  # the merges' tags made long ago: the redo brings back that time, not its own
            s.execute(update(Tag).where(Tag.id > tags_before).values(created_at=datetime(2001, 1, 1, tzinfo=timezone.utc)))
        after = dump(mine)
        ops.history.undo()
        ops.history.undo()
        assert dump(mine) == before
        ops.history.redo()
        ops.history.redo()
        assert dump(mine) == after
    finally:
        db.close()


def test_a_cancelled_merge_changes_nothing(team, mine):
    before = dump(mine)
    db = Database.open(db_file(mine))
    try:
        plan = read_merge_file(db, db_file(team["root"] / "binh"))
        progress = Progress()
        progress.cancel()
        with pytest.raises(Cancelled):
            Operations(db).merge_library(plan, progress=progress)
    finally:
        db.close()
    assert dump(mine) == before


def newer_library(team, tmp_path) -> Path:
    path = tmp_path / "newer.sqlite3"
    shutil.copy(db_file(team["root"] / "binh"), path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version=99")
    conn.close()
    return path


def bad_files(team, mine, tmp_path) -> dict[str, tuple[Path, str]]:
    text = tmp_path / "notes.txt"
    text.write_text("không phải thư viện", encoding="utf-8")
    foreign = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    broken = tmp_path / "broken.qdpx"
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("project.qde", "<Project><unclosed>")
    truncated = tmp_path / "cut.qdpx"
    truncated.write_bytes(b"PK\x03\x04" + b"\x00" * 20)
    return {
        "text": (text, "neither a Chú Giải library (.sqlite3) nor a REFI-QDA project"),
        "foreign": (foreign, "a SQLite database but not a Chú Giải library"),
        "newer": (newer_library(team, tmp_path), "made by a newer version of Chú Giải (schema 99"),
        "malformed qdpx": (broken, "project.qde is not well-formed XML"),
        "cut qdpx": (truncated, "not a zip archive"),
        "itself": (db_file(mine), "it is this library itself"),
        "missing": (tmp_path / "nowhere.sqlite3", "the file was not found"),
    }


def test_bad_files_are_refused_leaving_the_library_byte_identical(team, mine, tmp_path):
    before = db_file(mine).read_bytes()
    for kind, (path, words) in bad_files(team, mine, tmp_path).items():
        done = merge(mine, path)
        assert done.returncode == 1, (kind, done.stdout, done.stderr)
        assert words in done.stderr, (kind, done.stderr)
        assert "Traceback" not in done.stderr
        assert "Nothing was" in done.stderr, kind
        assert db_file(mine).read_bytes() == before, kind


@pytest.mark.parametrize("version", [1, 7])
def test_an_old_schema_library_merges_as_the_work_of_a_coder_named_after_the_file(team, mine, tmp_path, version):
    fixture = tmp_path / f"Hoa-v{version}.sqlite3"
    shutil.copy(FIXTURES / f"library-v{version}.sqlite3", fixture)
    original = fixture.read_bytes()
    done = merge(mine, fixture, "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    conn = sqlite3.connect(FIXTURES / f"library-v{version}.sqlite3")
    n = conn.execute("SELECT count(*) FROM highlights").fetchone()[0]
    conn.close()
    assert result["highlights"]["added"] + result["highlights"]["present"] == n
    assert result["highlights"]["added"] == n and n > 0
    assert coders(mine)[f"Hoa-v{version}"] == n
    assert fixture.read_bytes() == original  # upgraded on a copy, never in place


QDPX_USERS = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="NVivo 14">
<Users><User guid="u1" name="Lan"/><User guid="u2" name="Minh"/></Users>
<CodeBook><Codes><Code guid="c1" name="Cán bộ" isCodable="true" color="#ff0000"/>
<Code guid="c2" name="Chính sách" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="s1" name="{title}"><PlainTextContent>{text}</PlainTextContent>
<PlainTextSelection guid="p1" startPosition="{s1}" endPosition="{e1}" creatingUser="u1"><Coding guid="k1"><CodeRef targetGUID="c1"/></Coding></PlainTextSelection>
<PlainTextSelection guid="p2" startPosition="{s2}" endPosition="{e2}" creatingUser="u2"><Coding guid="k2"><CodeRef targetGUID="c2"/></Coding></PlainTextSelection>
</TextSource></Sources></Project>"""


def test_a_qdpx_brings_each_users_codings_as_their_coder(team, mine, tmp_path):
    _aid, title, text = texts(mine)[0]
    s1 = text.index("cán bộ")
    s2 = text.index("Đảng")
    qde = QDPX_USERS.format(title=title, text=text.replace("&", "&amp;").replace("<", "&lt;"),
                            s1=s1, e1=s1 + 6, s2=s2, e2=s2 + 4)
    path = tmp_path / "nhóm.qdpx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("project.qde", qde.encode("utf-8"))
    path.write_bytes(buffer.getvalue())
    done = merge(mine, path, "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["articles"]["same"] == 1 and result["highlights"]["added"] == 2
    assert coders(mine)["Lan"] == 1 and coders(mine)["Minh"] == 1
    assert [c["kind"] for c in result["conflicts"]] == ["colour"]  # Cán bộ: red there
    assert coded(mine, "Lan") == {(title, s1, s1 + 6, ("Cán bộ",))}
    assert json.loads(merge(mine, path, "--json").stdout)["highlights"]["added"] == 0


def test_highlights_on_a_text_changed_here_are_re_anchored(team, mine):
    aid, _title, text = texts(mine)[1]
    db = Database.open(db_file(mine))
    try:
        replace_text(db, aid, "Lời giới thiệu mới.\n" + text, text)
    finally:
        db.close()
    done = merge(mine, db_file(team["root"] / "binh"), "--json")
    result = json.loads(done.stdout)
    assert result["articles"] == {"new": 0, "same": 4, "changed": 1}
    assert result["highlights"]["added"] == team["counts"]["Bình"]
    assert result["highlights"]["orphaned"] == 0
    conn = sqlite3.connect(db_file(mine))
    new_text = conn.execute("SELECT text FROM articles WHERE id = ?", (aid,)).fetchone()[0]
    rows = conn.execute('SELECT start, "end", quote FROM highlights h JOIN coders c ON c.id = h.coder_id '
                        "WHERE c.name = 'Bình' AND article_id = ?", (aid,)).fetchall()
    conn.close()
    assert rows and all(new_text[s:e] == q for s, e, q in rows)
    assert all(s >= len("Lời giới thiệu mới.\n") for s, _e, _q in rows)


def test_an_article_only_in_the_file_is_added_with_its_memo_and_codes(team, mine, tmp_path):
    data = tmp_path / "more"
    shutil.copytree(team["root"] / "binh", data)
    extra = tmp_path / "extra.txt"
    extra.write_text("Bài mới\n\nCông tác cán bộ là then chốt của then chốt.", encoding="utf-8")
    assert chugiai("--data-dir", str(data), "import", str(extra)).returncode == 0
    db = Database.open(db_file(data))
    try:
        use_coder(db, "Bình")
        ops = Operations(db)
        with db.session() as s:
            new_id = s.scalar(select(Article.id).where(Article.title == "Bài mới"))
        ops.code_articles([new_id], add=["Thể loại/Bình luận"])
        ops.set_memo(new_id, "Ghi chú của Bình")
    finally:
        db.close()
    done = merge(mine, db_file(data), "--json")
    result = json.loads(done.stdout)
    assert result["articles"]["new"] == 1 and result["article_codes"] == 1 and result["memos"] == 1
    conn = sqlite3.connect(db_file(mine))
    memo = conn.execute("SELECT m.text, c.name FROM article_memos m JOIN coders c ON c.id = m.coder_id "
                        "JOIN articles a ON a.id = m.article_id WHERE a.title = 'Bài mới'").fetchone()
    conn.close()
    assert memo == ("Ghi chú của Bình", "Bình")


def test_different_attribute_values_are_listed_and_kept(team, mine, tmp_path):
    data = tmp_path / "attrs"
    shutil.copytree(team["root"] / "binh", data)
    title = texts(mine)[0][1]
    assert chugiai("--data-dir", str(mine), "attributes", "set", "1", "Giọng", "Tích cực").returncode == 0
    assert chugiai("--data-dir", str(data), "attributes", "set", "1", "Giọng", "Tiêu cực").returncode == 0
    assert chugiai("--data-dir", str(data), "attributes", "set", "2", "Giọng", "Trung lập").returncode == 0
    done = merge(mine, db_file(data))
    assert done.returncode == 0, done.stderr
    assert f"attribute differs: “Giọng” of “{title}” is “Tích cực” here, “Tiêu cực” in the file" in done.stdout
    conn = sqlite3.connect(db_file(mine))
    values = dict(conn.execute("SELECT article_id, value FROM attribute_values"))
    conn.close()
    assert values == {1: "Tích cực", 2: "Trung lập"}
