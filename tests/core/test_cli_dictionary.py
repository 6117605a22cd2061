"""`chugiai dictionary` run as a user runs it, on a real data folder holding the seeds."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.core.nlp.user_dictionary import load_dictionary
from desktop_app.core.storage.database import Database
from tests.core.test_cli import chugiai

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TERM = "Ban Tổ chức Trung ương"


def terms_of(data: Path) -> tuple[str, ...]:
    db = Database.open(data / "chugiai.sqlite3", read_only=True)
    try:
        return load_dictionary(db).terms
    finally:
        db.close()


def test_dictionary_add_list_import_remove_and_segment(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert chugiai("--data-dir", str(data), "import", str(SEEDS)).returncode == 0
    first = chugiai("--data-dir", str(data), "segment", "--format", "json", "--no-pos")
    assert first.returncode == 0, first.stderr
    assert all(TERM not in [t["text"] for t in a["tokens"]] for a in json.loads(first.stdout))

    added = chugiai("--data-dir", str(data), "dictionary", "add", TERM, "  trương   thị mai ")
    assert added.returncode == 0, added.stderr
    assert "added 2, removed 0; the dictionary has 2 terms; 4 articles to segment again" in added.stdout
    listed = chugiai("--data-dir", str(data), "dictionary", "list")
    assert listed.stdout.splitlines() == [TERM, "trương thị mai"]

    again = chugiai("--data-dir", str(data), "segment", "--format", "json", "--no-pos")
    articles = json.loads(again.stdout)
    assert sorted(a["segmentation"] for a in articles) == ["now"] * 4 + ["stored"]
    found = [(t["start"], t["end"]) for a in articles for t in a["tokens"] if t["text"] == TERM]
    assert len(found) >= 4

    # A one-syllable term is refused with the line it is on, and nothing is saved.
    bad = tmp_path / "terms.txt"
    bad.write_text("# our names\nNguyễn Văn An\nHà\n", encoding="utf-8")
    refused = chugiai("--data-dir", str(data), "dictionary", "import", str(bad))
    assert refused.returncode == 2 and "line 3" in refused.stderr and "one syllable" in refused.stderr
    assert terms_of(data) == (TERM, "trương thị mai")
    assert chugiai("--data-dir", str(data), "dictionary", "add", "Hà").returncode == 2

    good = tmp_path / "good.txt"
    good.write_bytes("\ufeffNguyễn Văn An\nBAN TỔ CHỨC TRUNG ƯƠNG\n".encode())
    imported = chugiai("--data-dir", str(data), "dictionary", "import", str(good))
    assert imported.returncode == 0, imported.stderr
    assert terms_of(data) == (TERM, "trương thị mai", "Nguyễn Văn An")
    replaced = chugiai("--data-dir", str(data), "dictionary", "import", "--replace", str(good))
    assert terms_of(data) == ("Nguyễn Văn An", "BAN TỔ CHỨC TRUNG ƯƠNG") and "removed 1" in replaced.stdout

    removed = chugiai("--data-dir", str(data), "dictionary", "remove", "ban tổ chức trung ương", "Không có")
    assert removed.returncode == 0 and "4 articles to segment again" in removed.stdout
    assert '"Không có" is not in the dictionary' in removed.stderr
    last = json.loads(chugiai("--data-dir", str(data), "segment", "--format", "json", "--no-pos").stdout)
    assert all(TERM not in [t["text"] for t in a["tokens"]] for a in last)


def test_import_of_a_missing_or_non_utf8_file_says_so(tmp_path: Path) -> None:
    data = tmp_path / "data"
    missing = chugiai("--data-dir", str(data), "dictionary", "import", str(tmp_path / "nope.txt"))
    assert missing.returncode == 1 and "cannot read" in missing.stderr and "Traceback" not in missing.stderr
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Trương Thị Mai\n".encode()[:-3] + b"\xe9\xff\n")
    wrong = chugiai("--data-dir", str(data), "dictionary", "import", str(latin))
    assert wrong.returncode == 1 and "not UTF-8" in wrong.stderr
