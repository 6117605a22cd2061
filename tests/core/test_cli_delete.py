"""`chugiai delete ARTICLE_ID...`, run as a user runs it: a separate process on a real data
folder. It asks nothing, says what it deleted, and refuses unknown ids deleting nothing."""

from __future__ import annotations

import json

from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.library.articles import article_text
from desktop_app.core.storage.database import Database
from tests.core.test_cli import chugiai


def listed(data) -> list[dict]:
    result = chugiai("--data-dir", str(data), "list", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_delete_prints_what_went_and_refuses_unknown_ids(tmp_path, seeds_copy):
    data = tmp_path / "thư viện"
    assert chugiai("--data-dir", str(data), "import", str(seeds_copy)).returncode == 0
    ids = sorted(a["id"] for a in listed(data))
    db = Database.open(data / "chugiai.sqlite3")
    try:
        text = article_text(db, ids[0])
        AnnotationService(db).create_highlight(ids[0], 0, text.index(" "), ["Tít"])
        AnnotationService(db).create_highlight(ids[0], text.index(" ") + 1, text.index(" ") + 4, [])
    finally:
        db.close()

    refused = chugiai("--data-dir", str(data), "delete", str(ids[0]), "9999", "8888")
    assert refused.returncode == 1
    assert "there is no article 9999, 8888" in refused.stderr and "nothing was deleted" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert len(listed(data)) == 5

    bad = chugiai("--data-dir", str(data), "delete", "abc")
    assert bad.returncode == 2 and "'abc' is not an article id" in bad.stderr

    done = chugiai("--data-dir", str(data), "delete", str(ids[0]), str(ids[1]))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"deleted   article {ids[0]}: ") and lines[0].endswith("(2 highlights)")
    assert lines[1].endswith("(0 highlights)")
    assert lines[-1] == "deleted 2 articles and 2 highlights"
    assert sorted(a["id"] for a in listed(data)) == ids[2:]
    search = chugiai("--data-dir", str(data), "search", "Ban", "Tổ", "chức", "--json")
    assert {h["article_id"] for h in json.loads(search.stdout)} <= set(ids[2:])
