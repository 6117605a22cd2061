"""The matching levels on every core surface and the CLI, with Vietnamese minimal pairs:
thủy điện/Thụy Điển, có thể/cơ thể, người/nguội, hòa bình/hoà bình, sức khỏe/sức khoẻ,
Đảng/đang/đáng."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core.analysis.concordance import concordance
from desktop_app.core.analysis.search import find_in_text, search
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article
from desktop_app.core.text.matching import MatchLevel

EXACT, WORD, NONE = MatchLevel.EXACT, MatchLevel.WORD, MatchLevel.NONE
REPO = Path(__file__).resolve().parents[2]

TEXTS = {
    "thuy1": "Nhà máy thủy điện Sơn La phát điện.",
    "sweden": "Thụy Điển là một nước Bắc Âu.",
    "thuy2": "Nhà máy Thuỷ điện Hoà Bình khánh thành.",
    "cothe": "Chúng ta có thể làm được.",
    "body": "Rèn luyện cơ thể mỗi ngày.",
    "nguoi": "Người dân vui mừng.",
    "cold": "Cơm đã nguội rồi.",
    "peace1": "Vì hòa bình thế giới.",
    "peace2": "Vì hoà bình và sức khoẻ cộng đồng.",
    "health": "Chăm lo sức khỏe nhân dân.",
    "party": "Đảng lãnh đạo.",
    "now": "Trời đang mưa.",
    "worth": "Thật đáng tiếc.",
}


@pytest.fixture
def library(tmp_path: Path) -> tuple[Database, dict[str, int]]:
    db = Database.open(tmp_path / "t.sqlite3")
    ids = {}
    with db.session() as s:
        for name, text in TEXTS.items():
            a = Article(title=f"Bài {name}", text=text, original_text=text,
                        content_hash=hashlib.sha256(text.encode()).hexdigest())
            s.add(a)
            s.flush()
            ids[name] = a.id
    yield db, ids
    db.close()


def found(db: Database, ids: dict[str, int], query: str, level: MatchLevel | None = None) -> list[str]:
    names = {v: k for k, v in ids.items()}
    return [names[h.article_id] for h in search(db, query, level=level)]


CASES = [  # query, level (None: the default), articles found
    ("thủy điện", None, {"thuy1", "thuy2"}),
    ("thủy điện", EXACT, {"thuy1"}),
    ("thủy điện", NONE, {"thuy1", "thuy2", "sweden"}),
    ("thuy dien", None, {"thuy1", "thuy2", "sweden"}),
    ("có thể", None, {"cothe"}),
    ("co the", None, {"cothe", "body"}),
    ("người", None, {"nguoi"}),
    ("nguoi", None, {"nguoi", "cold"}),
    ("hòa bình", None, {"peace1", "peace2", "thuy2"}),
    ("hòa bình", EXACT, {"peace1"}),
    ("sức khỏe", None, {"health", "peace2"}),
    ("sức khoẻ", EXACT, {"peace2"}),
    ("Đảng", None, {"party"}),
    ("đảng", EXACT, set()),  # exact tells case apart
    ("đang", None, {"now"}),
    ("dang", None, {"party", "now", "worth"}),
]


@pytest.mark.parametrize(("query", "level", "wanted"), CASES)
def test_search_at_each_level(library, query, level, wanted):
    db, ids = library
    assert set(found(db, ids, query, level)) == wanted


def test_search_ranks_exact_above_same_word_above_folded(library):
    db, ids = library
    assert found(db, ids, "thủy điện", NONE) == ["thuy1", "thuy2", "sweden"]
    assert found(db, ids, "hòa bình")[0] == "peace1"
    assert found(db, ids, "sức khoẻ") == ["peace2", "health"]
    hit = search(db, "sức khỏe", level=WORD)[1]
    assert hit.passage[slice(*hit.marks[0])] == "sức" and hit.passage[slice(*hit.marks[1])] == "khoẻ"


def test_find_in_text_at_each_level():
    text = " ".join(TEXTS.values())

    def words(query: str, level: MatchLevel | None = None) -> list[str]:
        return [text[s:e] for s, e in find_in_text(text, query, level)]

    assert words("thủy điện") == ["thủy điện", "Thuỷ điện"]
    assert words("thủy điện", EXACT) == ["thủy điện"]
    assert words("thuy dien") == ["thủy điện", "Thụy Điển", "Thuỷ điện"]
    assert words("có thể") == ["có thể"] and words("co the") == ["có thể", "cơ thể"]
    assert words("người") == ["Người"] and words("nguoi") == ["Người", "nguội"]
    assert words("hoà bình") == ["Hoà Bình", "hòa bình", "hoà bình"]
    assert words("sức khỏe") == ["sức khoẻ", "sức khỏe"]
    assert words("Đảng") == ["Đảng"] and words("đáng") == ["đáng"]
    assert words("dang") == ["Đảng", "đang", "đáng"]


def test_concordance_at_each_level(library):
    db, _ = library

    def keywords(query: str, level: MatchLevel | None = None) -> list[str]:
        return [line.keyword for line in concordance(db, query, level=level)]

    assert keywords("thủy điện") == ["thủy điện", "Thuỷ điện"]
    assert keywords("thủy điện", NONE) == ["thủy điện", "Thụy Điển", "Thuỷ điện"]
    assert keywords("có thể") == ["có thể"] and keywords("cơ thể") == ["cơ thể"]
    assert keywords("người") == ["Người"] and keywords("nguội") == ["nguội"]
    assert keywords("hòa bình") == ["Hoà Bình", "hòa bình", "hoà bình"]
    assert keywords("hòa bình", EXACT) == ["hòa bình"]
    assert keywords("sức khỏe") == ["sức khoẻ", "sức khỏe"]
    assert keywords("Đảng") == ["Đảng"] and keywords("đang") == ["đang"]
    assert keywords("dang") == ["Đảng", "đang", "đáng"]


def chugiai(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], capture_output=True,
                          text=True, cwd=REPO, env=dict(os.environ), timeout=120)


def test_cli_match_option(tmp_path):
    files = tmp_path / "in"
    files.mkdir()
    for name, text in TEXTS.items():
        (files / f"{name}.txt").write_text(f"Bài {name}\n\n{text}\n", encoding="utf-8")
    data = str(tmp_path / "data")
    assert chugiai("--data-dir", data, "import", str(files)).returncode == 0

    def titles(*args: str) -> set[str]:
        result = chugiai("--data-dir", data, "search", *args, "--json")
        assert result.returncode == 0, result.stderr
        return {h["title"].removeprefix("Bài ") for h in json.loads(result.stdout)}

    assert titles("thủy", "điện") == {"thuy1", "thuy2"}
    assert titles("thủy", "điện", "--match", "exact") == {"thuy1"}
    assert titles("thủy", "điện", "--match-diacritics") == {"thuy1"}
    assert titles("thủy", "điện", "--match", "none") == {"thuy1", "thuy2", "sweden"}
    assert titles("sức", "khỏe", "--match", "word") == {"health", "peace2"}

    def keywords(*args: str) -> list[str]:
        result = chugiai("--data-dir", data, "concordance", *args, "--json")
        assert result.returncode == 0, result.stderr
        return sorted(line["keyword"] for line in json.loads(result.stdout))

    assert keywords("hòa", "bình") == ["Hoà Bình", "hoà bình", "hòa bình"]
    assert keywords("hòa", "bình", "--match", "exact") == ["hòa bình"]
    assert keywords("hòa", "bình", "--match-diacritics") == ["hòa bình"]
    assert keywords("nguội") == ["nguội"]
    assert keywords("người", "--match", "none") == ["Người", "nguoi", "nguội"]  # "nguoi": a title
    assert keywords("người", "--match", "word") == ["Người"]
    bad = chugiai("--data-dir", data, "search", "x", "--match", "fuzzy")
    assert bad.returncode == 2 and "exact|word|none" in bad.stderr and "Traceback" not in bad.stderr


def test_coded_passages_filter_at_each_level(library):
    from desktop_app.core.analysis.passages import PassageQuery, find_passages
    from desktop_app.core.operations.editor import Operations
    from desktop_app.core.text.spans import TextSpan

    db, ids = library
    ops = Operations(db)
    for name, text in TEXTS.items():  # each article's whole text is one passage of tag A
        ops.create_highlight(ids[name], TextSpan(0, len(text)), ["A"])
    names = {v: k for k, v in ids.items()}

    def passages(text: str, level: MatchLevel | None = None) -> set[str]:
        found = find_passages(db, PassageQuery(("A",), text=text, match=level))
        return {names[a] for a in found.article_ids}

    assert passages("thủy điện") == {"thuy1", "thuy2"}
    assert passages("thủy điện", EXACT) == {"thuy1"}
    assert passages("thuy dien") == passages("thủy điện", NONE) == {"thuy1", "thuy2", "sweden"}
    assert passages("có thể") == {"cothe"} and passages("co the") == {"cothe", "body"}
    assert passages("người") == {"nguoi"} and passages("nguoi") == {"nguoi", "cold"}
    assert passages("hòa bình") == {"peace1", "peace2", "thuy2"} and passages("hòa bình", EXACT) == {"peace1"}
    assert passages("sức khoẻ", WORD) == {"health", "peace2"}
