"""Coders (schema v8): every highlight, whole-article code and memo records who made it;
undo puts work back as its coder's; the CLI's --coder works as that coder."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from desktop_app.core.annotate.highlights import NewHighlight
from desktop_app.core.library import article_codes
from desktop_app.core.library.coders import CoderError, list_coders, rename_coder, use_coder
from desktop_app.core.library.memos import set_memo
from desktop_app.core.operations.editor import Operations
from desktop_app.core.operations.history import StepFailed
from desktop_app.core.storage.migrations import first_coder_name
from desktop_app.core.storage.models import ArticleCode, ArticleMemo, Highlight
from desktop_app.core.text.spans import TextSpan
from tests.core.test_annotations import add_article
from tests.core.test_cli import chugiai

TEXT = "Ban Tổ chức Trung ương họp bàn về công tác cán bộ và đào tạo cán bộ trẻ ở Hà Nội."


def span(word: str) -> TextSpan:
    start = TEXT.index(word)
    return TextSpan(start, start + len(word))


def owners(db, model, key) -> dict:
    with db.session() as s:
        return {k: c for k, c in s.execute(select(key, model.coder_id))}


def test_a_new_library_has_one_coder_named_after_the_system_user(db):
    assert [(c.id, c.name, c.highlights) for c in list_coders(db)] == [(1, first_coder_name(), 0)]
    assert db.coder_id == 1


def test_highlights_record_their_coder_and_undo_gives_them_back_to_that_coder(db):
    ops = Operations(db)
    article = add_article(db, TEXT)
    mine = ops.create_highlight(article, span("cán bộ và"), ["Cán bộ"]).value
    lan = use_coder(db, "Lan")
    assert (lan.id, db.coder_id) == (2, 2)
    hers = ops.create_highlight(article, span("đào tạo"), ["Đào tạo"]).value
    bulk = ops.create_highlights([NewHighlight(article, 0, 3, ["Tổ chức"])]).value
    assert (mine.coder_id, hers.coder_id) == (1, 2)
    assert owners(db, Highlight, Highlight.id) == {mine.id: 1, hers.id: 2, bulk[0]: 2}

    use_coder(db, first_coder_name())  # the first coder deletes Lan's highlight, then undoes
    ops.delete_highlights([hers.id, bulk[0]])
    ops.history.undo()
    assert owners(db, Highlight, Highlight.id) == {mine.id: 1, hers.id: 2, bulk[0]: 2}
    assert [(c.name, c.highlights) for c in list_coders(db)] == [(first_coder_name(), 1), ("Lan", 2)]


def test_whole_article_codes_are_each_coders_own(db):
    ops = Operations(db)
    article = add_article(db, TEXT)
    ops.code_articles([article], add=["Thể loại/Tin"])
    use_coder(db, "Lan")
    ops.code_articles([article], add=["Thể loại/Tin"])
    with db.session() as s:
        keys = sorted(s.execute(select(ArticleCode.article_id, ArticleCode.coder_id)).all())
    assert keys == [(article, 1), (article, 2)]
    # Lan takes her code off: the first coder's stays; undo puts hers back.
    ops.code_articles([article], remove=["Thể loại/Tin"])
    with db.session() as s:
        assert [r.coder_id for r in article_codes.rows_of_tag(s, article_codes.code_pairs(s)[0][1])] == [1]
    ops.history.undo()
    with db.session() as s:
        assert sorted(r.coder_id for r in article_codes.rows_of_tag(s, article_codes.code_pairs(s)[0][1])) == [1, 2]


def test_merging_tags_keeps_each_coders_codes_theirs(db):
    ops = Operations(db)
    article = add_article(db, TEXT)
    ops.code_articles([article], add=["Tin"])
    use_coder(db, "Lan")
    ops.code_articles([article], add=["Tin", "Bản tin"])
    tags = {t.name: t.id for t in ops.service.list_tags()}
    ops.merge_tags(tags["Tin"], tags["Bản tin"])
    with db.session() as s:
        assert sorted(r.coder_id for r in article_codes.rows_of_tag(s, tags["Bản tin"])) == [1, 2]
    ops.history.undo()
    with db.session() as s:
        assert sorted(r.coder_id for r in article_codes.rows_of_tag(s, tags["Tin"])) == [1, 2]
        assert [r.coder_id for r in article_codes.rows_of_tag(s, tags["Bản tin"])] == [2]


def test_a_memo_records_who_wrote_it_last(db):
    article = add_article(db, TEXT)
    set_memo(db, article, "một")
    assert owners(db, ArticleMemo, ArticleMemo.article_id) == {article: 1}
    use_coder(db, "Lan")
    set_memo(db, article, "một, hai")
    assert owners(db, ArticleMemo, ArticleMemo.article_id) == {article: 2}


def test_coder_names_are_cleaned_and_unique(db):
    assert use_coder(db, "  Trần   Lan ").name == "Trần Lan"
    assert use_coder(db, "Trần Lan").id == 2  # the same coder, not a second one
    with pytest.raises(CoderError, match="needs a name"):
        use_coder(db, "   ")
    with pytest.raises(CoderError, match="already called"):
        rename_coder(db, 2, first_coder_name())
    rename_coder(db, 2, "Lan")
    assert [c.name for c in list_coders(db)] == [first_coder_name(), "Lan"]


def test_renaming_a_coder_is_one_undo_step(db):
    ops = Operations(db)
    use_coder(db, "Lan")
    changes = ops.rename_coder(2, "  Lê  Thị Lan ")
    assert changes.coders and [c.name for c in list_coders(db)] == [first_coder_name(), "Lê Thị Lan"]
    assert ops.history.undo().coders
    assert [c.name for c in list_coders(db)][1] == "Lan"
    ops.history.redo()
    assert [c.name for c in list_coders(db)][1] == "Lê Thị Lan"
    steps = len(ops.history.steps)
    assert not ops.rename_coder(2, "Lê Thị Lan")  # the same name: no step
    assert len(ops.history.steps) == steps


def test_undoing_a_rename_whose_old_name_was_taken_since_is_refused_in_words(db):
    ops = Operations(db)
    use_coder(db, "Lan")
    ops.rename_coder(2, "Hoa")
    use_coder(db, "Lan")  # a new coder takes the old name
    with pytest.raises(StepFailed, match="Lan"):
        ops.history.undo()
    assert [c.name for c in list_coders(db)] == [first_coder_name(), "Hoa", "Lan"]


def test_the_cli_codes_as_the_coder_named(tmp_path, seeds_copy):
    data = str(tmp_path / "lib")
    assert chugiai("--data-dir", data, "import", str(seeds_copy)).returncode == 0
    # A reading command with an unknown coder adds no one.
    listed = chugiai("--data-dir", data, "--coder", "Mai", "coders", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [c["name"] for c in json.loads(listed.stdout)] == [first_coder_name()]
    # A writing command adds them, and what it writes is theirs.
    made = chugiai("--data-dir", data, "--coder", "Mai", "import-annotations",
                   str(_one_highlight_csv(tmp_path, data)))
    assert made.returncode == 0, made.stderr
    coders = json.loads(chugiai("--data-dir", data, "coders", "list", "--json").stdout)
    assert [(c["name"], c["highlights"]) for c in coders] == [(first_coder_name(), 0), ("Mai", 1)]
    env = chugiai("--data-dir", data, "coders", "rename", "Mai", "Trần Mai",
                  env_extra={"CHUGIAI_CODER": "Mai"})
    assert env.returncode == 0, env.stderr
    refused = chugiai("--data-dir", data, "--coder", " ", "coders", "rename", "Trần Mai", "X")
    assert refused.returncode == 0  # a blank --coder is no choice: the first coder renames
    bad = chugiai("--data-dir", data, "coders", "rename", "Không có", "X")
    assert bad.returncode == 2 and "no coder called" in bad.stderr and "Traceback" not in bad.stderr


def _one_highlight_csv(tmp_path, data: str):
    listed = json.loads(chugiai("--data-dir", data, "list", "--json").stdout)
    article = listed[0]
    path = tmp_path / "one.csv"
    from desktop_app import paths
    from desktop_app.core.library.articles import article_text
    from desktop_app.core.storage.database import Database

    db = Database.open(paths.database_path(paths.data_dir(data)))
    quote = article_text(db, article["id"]).split()[0]
    db.close()
    path.write_text("article_id,article_title,start,end,quote,tags,note\n"
                    f"{article['id']},x,0,{len(quote)},{quote},Tổ chức,\n", encoding="utf-8")
    return path
